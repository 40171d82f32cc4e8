"""Locked segments (XLIFF translate="no") and the file's length limits, in workflow/ (issue 16 §1).

A locked segment is shown, never edited, checked or counted as work; a length limit is the check
length.limit. The rows are marked through SQLite on a workspace the normal import made: that is
what the XLIFF import writes for such units (segments.locked, segments.max_length, migration 14).
"""

from __future__ import annotations


import pytest
import raw_db

from tests.conftest import DRAFT, KO
from workflow import states
from workflow.checks import CheckContext, SegmentText, Severity, checks
from workflow.errors import InputError
from workflow.export import export_article
from workflow.models import SegmentState
from workflow.states import SegmentLocked

LOCKED, LIMITED = 2, 3


def mark(db_path, document_id: int, index: int, *, locked: bool = False, max_length: int | None = None) -> None:
    with raw_db.connect(db_path) as db:
        db.execute("UPDATE segments SET locked = ?, max_length = ? WHERE document_id = ? AND position = ?",
                   (int(locked), max_length, document_id, index))


@pytest.fixture
def doc(workspace, db_path):
    """The sample article with segment 2 locked and segment 3 limited to 40 characters, marked
    before anything in the process has read them."""
    document = workspace.files.import_document(KO, DRAFT, by="david").document
    mark(db_path, document.id, LOCKED, locked=True)
    mark(db_path, document.id, LIMITED, max_length=40)
    return document


@pytest.fixture
def bare(workspace, db_path):
    """The Korean alone (every segment empty) with segment 2 locked."""
    document = workspace.files.import_document(KO, by="david").document
    mark(db_path, document.id, LOCKED, locked=True)
    return document


# the check -----------------------------------------------------------------------------------

def run(target: str, max_length: int | None):
    check = next(c for c in checks() if c.id == "length.limit")
    return list(check.run(check, SegmentText(1, "가나다", target, max_length), CheckContext()))


@pytest.mark.parametrize("target,limit", [
    ("Hello", 5),  # exactly the limit
    ("⟦1⟧Hello⟦/1⟧", 5),  # codes are not characters
    ("⟦1/⟧Hi ⟦2⟧there⟦/2⟧", 8),
    ("Cafe\u0301", 4),  # NFC: é is one character however it was typed
    ("A very long English sentence without a limit", None),
    ("", 0),  # empty is target.empty's business
])
def test_length_limit_good(target, limit):
    assert run(target, limit) == []


@pytest.mark.parametrize("target,limit,count,span", [
    ("Hello!", 5, 6, (5, 6)),
    ("⟦1⟧Hello world⟦/1⟧", 5, 11, (8, 18)),  # the span starts at the first character that does not fit
    ("Cafe\u0301s", 4, 5, (4, 5)),
    ("x", 0, 1, (0, 1)),
])
def test_length_limit_bad(target, limit, count, span):
    (finding,) = run(target, limit)
    assert finding.check == "length.limit" and finding.severity is Severity.ERROR
    assert finding.message == f"{count} characters, the file allows {limit}" if count > 1 else \
        finding.message == f"{count} character, the file allows {limit}"
    assert finding.target_span == span


def test_the_editor_and_tandem_check_share_the_findings_of_a_limited_segment(workspace, doc):
    views = workspace.findings.segment(doc.id, LIMITED)
    (over,) = [v.finding for v in views if v.finding.check == "length.limit"]
    target = workspace.documents.segments(doc.id)[LIMITED - 1].target
    assert over.message == f"{len(target)} characters, the file allows 40"
    assert over in [v.finding for v in workspace.findings.document(doc.id)]
    # typed text within the limit: the finding goes, as the editor asks on every pause
    typed = workspace.findings.segment(doc.id, LIMITED, "Short enough.")
    assert "length.limit" not in {v.finding.check for v in typed}


def test_a_limit_error_blocks_marking_translated_and_sign_off_until_dismissed(workspace, doc):
    with pytest.raises(Exception, match="the file allows 40"):
        workspace.editing.mark_translated(doc.id, LIMITED, by="david")
    assert LIMITED in workspace.review.readiness(doc.id, "translator").blocked.get("errors", ())
    (view,) = [v for v in workspace.findings.segment(doc.id, LIMITED) if v.finding.check == "length.limit"]
    workspace.editing.dismiss(doc.id, LIMITED, view.finding, reason="the client allows it here", by="david")
    assert LIMITED not in workspace.review.readiness(doc.id, "translator").blocked.get("errors", ())


# a locked segment: never judged --------------------------------------------------------------

def test_a_locked_segment_has_no_findings_and_blocks_nothing(workspace, bare):
    assert workspace.findings.segment(bare.id, LOCKED) == []
    assert LOCKED not in {v.finding.segment for v in workspace.findings.document(bare.id)}
    assert workspace.findings.counts(bare.id)[LOCKED] == (0, 0)
    # the unlocked empty segments are still found empty, so the findings did run
    assert 1 in {v.finding.segment for v in workspace.findings.document(bare.id)
                 if v.finding.check == "target.empty"}
    blocked = workspace.review.readiness(bare.id, "translator").blocked
    assert LOCKED not in blocked["unfinished"] and 1 in blocked["unfinished"]


def test_a_document_whose_only_open_segment_is_locked_can_be_signed_off(workspace, db_path):
    document = workspace.files.import_document(KO, DRAFT, by="david").document
    segments = workspace.documents.segments(document.id)
    for s in segments[1:]:  # all but the title, which the translator marks translated
        mark(db_path, document.id, s.index, locked=True)
    workspace.editing.mark_translated(document.id, 1, by="david")
    assert workspace.review.readiness(document.id, "translator").blockers == ()
    signoff = workspace.review.sign_off(document.id, "translator", by="david", confirm=True)
    assert signoff.valid
    # the locked segments stay as they were: draft in the store, nobody's work
    assert workspace.documents.segments(document.id)[LOCKED - 1].state is SegmentState.DRAFT


# a locked segment: never edited --------------------------------------------------------------

def history_length(workspace, document_id, index):
    return len(workspace.documents.history(document_id, index))


@pytest.mark.parametrize("attempt", [
    lambda ws, d, base: ws.editing.save(d, LOCKED, "Changed", by="david"),
    lambda ws, d, base: ws.editing.save(d, LOCKED, "Changed", by="david", based_on=base),
    lambda ws, d, base: ws.editing.save(d, LOCKED, "", by="david"),  # clearing is an edit too
    lambda ws, d, base: ws.editing.save_and_approve(d, LOCKED, "Changed", by="robert"),
    lambda ws, d, base: ws.editing.mark_translated(d, LOCKED, by="david"),
    lambda ws, d, base: ws.review.approve(d, LOCKED, by="robert"),
    lambda ws, d, base: ws.review.reject(d, LOCKED, comment="redo", by="robert"),
    lambda ws, d, base: ws.editing.resolve_conflict(d, LOCKED, "Changed", by="david"),
], ids=["save", "stale-save", "clear", "edit-and-approve", "mark", "approve", "reject", "resolve"])
def test_every_change_to_a_locked_segment_is_refused_and_nothing_is_written(workspace, doc, attempt):
    before = workspace.documents.segments(doc.id)[LOCKED - 1]
    head = workspace.documents.changes(doc.id)[0]
    # a stale base (a revision older than the current one) would otherwise keep an aside revision
    with pytest.raises(SegmentLocked, match="segment 2: is locked: the file marks it not to be translated"):
        attempt(workspace, doc.id, 0)
    after = workspace.documents.segments(doc.id)[LOCKED - 1]
    assert (after.target, after.state, after.revision_id) == (before.target, before.state, before.revision_id)
    assert history_length(workspace, doc.id, LOCKED) == 1
    assert workspace.documents.changes(doc.id)[0] == head  # not even an audit entry


def test_moving_english_through_a_locked_segment_is_refused(workspace, doc):
    # a pairing move (and its undo, a move like any other) writes revisions as a save does
    with pytest.raises(SegmentLocked):
        workspace.pairing.move_down(doc.id, 1, by="david")
    assert history_length(workspace, doc.id, 1) == 1 and history_length(workspace, doc.id, LOCKED) == 1


def test_saving_the_segment_next_to_a_locked_one_works(workspace, doc):
    result = workspace.editing.save(doc.id, LIMITED, "Short.", by="david")
    assert result.revision_id is not None


def test_the_refusal_is_an_input_error_the_cli_and_tui_show_as_one_line():
    with pytest.raises(InputError) as refused:
        states.refuse_locked(True, 7)
    assert str(refused.value).startswith("segment 7: is locked")
    states.refuse_locked(False, 7)


# a locked segment: never counted as work ----------------------------------------------------

def test_progress_counts_locked_segments_apart_from_the_states(workspace, bare):
    (summary,) = workspace.documents.all()
    total = len(workspace.documents.segments(bare.id))
    assert summary.locked == 1 and summary.segment_count == total
    assert summary.progress["empty"] == total - 1  # the locked one is not untranslated


def test_the_rule_reads_the_same_for_every_counter(workspace, bare):
    segments = workspace.documents.segments(bare.id)
    locked = segments[LOCKED - 1]
    assert locked.locked and locked.state is SegmentState.EMPTY
    assert not states.untranslated(locked) and states.untranslated(segments[0])
    assert states.progress_key(locked) == "locked" and states.progress_key(segments[0]) == "empty"
    assert not states.waits_for(locked.state, ["translator"], locked=True)
    assert states.waits_for(locked.state, ["translator"])


def test_export_does_not_call_a_locked_segment_untranslated(workspace, bare):
    exported = export_article(workspace.documents.segments(bare.id), "md")
    assert LOCKED not in exported.untranslated and 1 in exported.untranslated


def test_the_editors_keys_pass_a_locked_segment(workspace, bare):
    from tui import segment_nav

    segments = workspace.documents.segments(bare.id)
    david = workspace.users.get("david")
    assert segment_nav.next_index(segments, 1, segment_nav.untranslated) == 3
    assert segment_nav.next_index(segments, 1, segment_nav.not_done) == 3
    assert segment_nav.next_index(segments, 1, segment_nav.needs(david)) == 3
    text = segment_nav.progress_text(segments, [segment_nav.korean_words(s.source) for s in segments])
    locked_words = segment_nav.korean_words(segments[LOCKED - 1].source)
    total = sum(segment_nav.korean_words(s.source) for s in segments) - locked_words
    assert text.startswith(f"◻{len(segments) - 1} ✎0 ✓0 ✦0 ✗0 ⊘1 · 0/{total} Korean words translated")


def test_the_cli_shows_and_counts_a_locked_and_a_limited_segment(tandem, workspace, doc):
    docs = tandem("docs")
    assert docs.code == 0 and f"{len(workspace.documents.segments(doc.id)) - 1} draft, 1 locked" in docs.out
    shown = tandem("show", str(doc.id))
    target = workspace.documents.segments(doc.id)[LIMITED - 1].target
    assert "[2] caption · locked" in shown.out or "[2] paragraph · locked" in shown.out, shown.out
    assert f"[3] paragraph · draft · {len(target)}/40 characters" in shown.out
    checked = tandem("check", str(doc.id))
    assert checked.code == 1 and f"segment 3: error: {len(target)} characters, the file allows 40 [length.limit]" \
        in checked.out
    assert "segment 2:" not in checked.out
    marked = tandem("translated", str(doc.id), user="david")
    assert "segment 2" not in marked.err  # never tried: it is nobody's work
    edited = tandem("edit", str(doc.id), "2", "Changed", user="david")
    assert edited.code != 0 and "segment 2: is locked: the file marks it not to be translated" in edited.err
