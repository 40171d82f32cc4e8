"""Queries as threads: replies, closing, the one count of open queries, and the concordance over documents."""

from __future__ import annotations

import json

import pytest

from workflow.comments import ANSWERED, CLOSED, OPEN, default_kind
from workflow.concordance import DOCUMENT, TM
from workflow.errors import InputError, PermissionDenied

from conftest import KO

# ws: the sample article in a workspace with the house glossary (conftest.py)


def test_a_reply_joins_the_thread_and_the_translator_closes_it(ws, sample_doc):
    query = ws.comments.add(sample_doc.id, 3, "Overseas workers, or workers overseas?", kind="query", by="robert")
    assert ws.comments.threads(sample_doc.id, 3)[0].state == OPEN
    reply = ws.comments.reply(query.id, "Overseas workers, as in segment 7.", by="david")
    assert (reply.parent_id, reply.segment, reply.author) == (query.id, 3, "david")
    # A reply to a reply still belongs to the first comment's thread.
    again = ws.comments.reply(reply.id, "Thanks.", by="robert")
    assert again.parent_id == query.id
    [thread] = ws.comments.threads(sample_doc.id, 3)
    assert [c.text for c in thread.comments] == [query.text, reply.text, again.text]
    assert thread.state == ANSWERED  # someone other than the asker replied; still open until closed
    assert ws.comments.resolve(reply.id, by="david") == query.id  # closing from a reply closes the thread
    [thread] = ws.comments.threads(sample_doc.id, 3)
    assert thread.state == CLOSED and thread.root.resolved_by == "david"
    with pytest.raises(InputError, match="closed"):
        ws.comments.reply(query.id, "one more thing", by="robert")
    actions = [(e["action"], e["detail"].get("thread")) for e in ws.audit.log(sample_doc.id)
               if e["action"].startswith("comment.")]
    assert actions == [("comment.add", None), ("comment.reply", query.id), ("comment.reply", query.id),
                       ("comment.resolve", None)]


def test_only_translator_editor_or_admin_close_anyone_may_reply(ws, sample_doc):
    query = ws.comments.add(sample_doc.id, 5, "Is 조국 fatherland here?", kind="query", by="robert")
    ws.comments.reply(query.id, "Yes, per the glossary.", by="minji")  # a terminologist may answer
    with pytest.raises(PermissionDenied):
        ws.comments.resolve(query.id, by="minji")
    with pytest.raises(InputError, match="empty"):
        ws.comments.reply(query.id, "   ", by="david")


def test_open_queries_count_first_comments_only(ws, sample_doc):
    query = ws.comments.add(sample_doc.id, 3, "Which spelling?", kind="query", by="robert")
    ws.comments.add(sample_doc.id, 3, "A note, not a question.", kind="note", by="robert")
    ws.comments.add(sample_doc.id, 9, "Date right?", kind="query", by="robert")
    ws.comments.reply(query.id, "North Korean.", by="david")  # a reply (kind query) is not a new query
    assert [c.segment for c in ws.comments.open_queries(sample_doc.id)] == [3, 9]
    assert [c.id for c in ws.comments.open_queries(sample_doc.id, 3)] == [query.id]
    ws.comments.resolve(query.id, by="david")
    assert [c.segment for c in ws.comments.open_queries(sample_doc.id)] == [9]


def test_report_counts_the_same_open_queries(tandem, ws, sample_doc):
    query = ws.comments.add(sample_doc.id, 3, "Which spelling?", kind="query", by="robert")
    ws.comments.reply(query.id, "North Korean.", by="david")
    out = json.loads(tandem("report", str(sample_doc.id), "--json").out)
    assert [q["id"] for q in out["open_queries"]] == [query.id]


def test_cli_reply_resolve_and_list(tandem, ws, sample_doc):
    added = tandem("comment", "add", str(sample_doc.id), "4", "Is this the right date?", user="robert")
    assert "(query)" in added.out  # a question defaults to a query
    listed = json.loads(tandem("comment", "list", str(sample_doc.id), "--json").out)
    thread = listed[0]["id"]
    assert tandem("comment", "reply", str(thread), "It is; see the KCNA copy.", user="david").code == 0
    assert tandem("comment", "resolve", str(thread), user="david").code == 0
    [shown] = json.loads(tandem("comment", "list", str(sample_doc.id), "--json").out)
    assert shown["state"] == CLOSED and [c["author"] for c in shown["comments"]] == ["robert", "david"]
    assert json.loads(tandem("comment", "list", str(sample_doc.id), "--open", "--json").out) == []


def test_a_question_defaults_to_a_query():
    assert default_kind("Should this be plural?") == "query"
    assert default_kind("복수형이 맞나요？ ") == "query"
    assert default_kind("Checked with the desk.") == "note"


def test_concordance_finds_segments_of_every_document_with_the_glossary_rendering(ws, sample_doc):
    other = ws.files.import_document(KO, None, title="second copy", by="david").document
    hits = ws.tm.concordance("해외 노동자")
    assert {h.document_id for h in hits if h.kind == DOCUMENT} == {sample_doc.id, other.id}
    mine = [h for h in hits if h.document_id == sample_doc.id]
    # The glossary knows 해외 노동자 as "overseas workers" (or "workers overseas"): marked in the English.
    marked = {h.target[a:b].lower() for h in mine for a, b in h.target_spans}
    assert marked & {"overseas workers", "workers overseas"}
    assert all(h.source[a:b] == "해외 노동자" for h in mine for a, b in h.source_spans)


def test_concordance_two_syllables_english_and_current_text_only(ws, sample_doc):
    assert any(h.index is not None for h in ws.tm.concordance("노동"))  # under a trigram: still found
    segment = ws.documents.segments(sample_doc.id)[15]
    ws.editing.save(sample_doc.id, 16, "A wholly new zebra sentence.", by="david", based_on=segment.revision_id)
    assert [h.where for h in ws.tm.concordance("zebra")] == [(sample_doc.id, 16)]
    # The older revision's English is no longer the segment's: not a hit.
    assert (sample_doc.id, 16) not in {h.where for h in ws.tm.concordance(segment.target)}


def test_concordance_keeps_tm_hits_marked_as_such(ws, sample_doc):
    ws.editing.save(sample_doc.id, 16, ws.documents.segments(sample_doc.id)[15].target, by="david")
    ws.tm.add_approved(source="해외 노동자 송환", target="repatriation of overseas workers", document_id=sample_doc.id,
                       segment_id=1, author="david", approver="robert", at="2026-01-01T00:00:00+00:00")
    tm = [h for h in ws.tm.concordance("해외 노동자") if h.kind == TM]
    assert len(tm) == 1 and tm[0].where is None
    assert tm[0].target[slice(*tm[0].target_spans[0])] == "overseas workers"
