"""What the editor asks (Workspace.findings.segment on a Workspace held open, as the editor holds
it) is what `tandem check --json` reports, segment by segment, once each, before and after edits in
other segments; and both are what the registry's checks say over the whole document from scratch."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

import main
from workflow.checks import CheckContext, SegmentText, check_document
from workflow.errors import BlockedByFindings
from workflow.workspace import Workspace



def cli_check(capsys, db: Path, document_id: int) -> dict[int, list[dict]]:
    """`tandem check --json`'s findings by segment, from the real entry point."""
    capsys.readouterr()
    main.main(["--db", str(db), "--as", "david", "--lang", "en", "check", str(document_id), "--json"])
    report = json.loads(capsys.readouterr().out)
    by_segment: dict[int, list[dict]] = defaultdict(list)
    for finding in report["findings"]:
        by_segment[finding["segment"]].append(finding)
    return by_segment


def as_json(views) -> list[dict]:
    # What `tandem check --json` writes for each finding.
    return [dict(v.finding.to_json(), dismissed=None if v.open else {
        "by": v.dismissal.user, "reason": v.dismissal.reason, "at": v.dismissal.created_at}) for v in views]


def from_scratch(ws: Workspace, document_id: int, texts: dict[int, str] | None = None) -> dict[int, list[dict]]:
    """The registry's checks over the whole document with a fresh context: no cache, no index."""
    texts = texts or {}
    segments = [SegmentText(s.index, s.source, texts.get(s.index, s.target)) for s in ws.documents.segments(document_id)]
    by_segment: dict[int, list[dict]] = defaultdict(list)
    for finding in check_document(segments, CheckContext(ws.glossary.index())):
        by_segment[finding.segment].append(finding.to_json())
    return by_segment


def undismissed(findings: list[dict]) -> list[dict]:
    return [{k: v for k, v in f.items() if k != "dismissed"} for f in findings]


def assert_agree(ws: Workspace, capsys, db: Path, document_id: int) -> dict[int, list[dict]]:
    reported = cli_check(capsys, db, document_id)
    reference = from_scratch(ws, document_id)
    indexes = [s.index for s in ws.documents.segments(document_id)]
    for index in indexes:
        editor = as_json(ws.findings.segment(document_id, index))
        assert editor == reported.get(index, []), f"segment {index}"
        assert undismissed(editor) == reference.get(index, []), f"segment {index}"
    assert set(reported) <= set(indexes)
    return reported


def checks_of(findings: list[dict]) -> list[str]:
    return [f["check"] for f in findings]


def test_the_demo_draft_agrees_before_and_after_edits_elsewhere(demo, capsys):
    with Workspace.open(demo) as ws:
        reported = assert_agree(ws, capsys, demo, 1)
        # Segment 3 renders 해외 노동자 "workers overseas" first; segment 7 "overseas workers".
        assert "term.inconsistent" in checks_of(reported[7])
        assert "term.inconsistent" in checks_of(as_json(ws.findings.segment(1, 7)))
        draft3 = ws.documents.segments(1)[2].target
        assert "workers overseas" in draft3

        ws.editing.save(1, 3, draft3.replace("workers overseas", "overseas workers"), by="david")
        reported = assert_agree(ws, capsys, demo, 1)
        assert "term.inconsistent" not in checks_of(reported[7])

        # The editor holds segment 3 typed back the old way: segment 7's finding returns, predicted
        # before anything is saved, and the check after saving it agrees.
        held = {s.index: s.target for s in ws.documents.segments(1)} | {3: draft3}
        predicted = {i: as_json(ws.findings.segment(1, i, texts=held)) for i in held}
        assert "term.inconsistent" in checks_of(predicted[7])
        reference = from_scratch(ws, 1, held)
        assert {i: undismissed(v) for i, v in predicted.items()} == {i: reference.get(i, []) for i in held}
        ws.editing.save(1, 3, draft3, by="david")
        reported = assert_agree(ws, capsys, demo, 1)
        assert {i: reported.get(i, []) for i in held} == predicted


def test_target_as_typed_and_texts_held_give_what_saving_them_gives(demo, capsys):
    with Workspace.open(demo) as ws:
        segments = ws.documents.segments(1)
        typed7 = segments[6].target.replace("overseas workers", "workers abroad")
        # Segment 13 typed into as a copy of 14's English: a sentence with two Korean counterparts.
        typed13 = segments[13].target
        as_typed = as_json(ws.findings.segment(1, 7, target=typed7, texts={13: typed13}))
        elsewhere = as_json(ws.findings.segment(1, 14, texts={7: typed7, 13: typed13}))
        assert "consistency.target" in checks_of(as_json(ws.findings.segment(1, 14, texts=[
            typed13 if s.index == 13 else s.target for s in segments])))
        ws.editing.save(1, 7, typed7, by="david")
        ws.editing.save(1, 13, typed13, by="david")
        reported = assert_agree(ws, capsys, demo, 1)
        assert as_typed == reported.get(7, [])
        assert elsewhere == reported.get(14, [])
        assert "consistency.target" in checks_of(reported[14])


def test_one_motherland_is_one_finding(demo, capsys):
    with Workspace.open(demo) as ws:
        forbidden = [v for v in ws.findings.segment(1, 14) if v.finding.check == "term.forbidden"]
        assert len(forbidden) == 1 and forbidden[0].finding.target_span == (94, 104)
        reported = cli_check(capsys, demo, 1)[14]
        assert [f["target_span"] for f in reported if f["check"] == "term.forbidden"] == [[94, 104]]
        # One error; paragraph 14's quote attribution (…"라고 말했다) no longer reads as an added
        # sentence now that content.sentences pairs the sentences (issue 14).
        assert ws.findings.counts(1)[14] == (1, 0)
        with pytest.raises(BlockedByFindings) as refused:
            ws.editing.mark_translated(1, 14, by="david")
        assert len(refused.value.findings) == 1


def test_a_term_inconsistent_finding_can_be_dismissed(demo, capsys):
    with Workspace.open(demo) as ws:
        before = ws.findings.counts(1)[7]
        view = next(v for v in ws.findings.segment(1, 7) if v.finding.check == "term.inconsistent")
        ws.editing.dismiss(1, 7, view.finding, reason="the desk allows both here", by="david")
        after = [v for v in ws.findings.segment(1, 7) if v.finding.check == "term.inconsistent"]
        assert len(after) == 1 and not after[0].open and after[0].dismissal.reason == "the desk allows both here"
        assert ws.findings.counts(1)[7] == (before[0], before[1] - 1)
        reported = assert_agree(ws, capsys, demo, 1)
        assert [f["dismissed"]["by"] for f in reported[7] if f["check"] == "term.inconsistent"] == ["david"]


def test_held_texts_never_disagree_with_a_check_from_scratch(demo):
    # A long run of typing pauses on one Workspace: each answer equals the registry's over the texts held.
    with Workspace.open(demo) as ws:
        stored = {s.index: s.target for s in ws.documents.segments(1)}
        held = dict(stored)
        edits = [(3, stored[7]), (7, stored[3]), (13, stored[14]), (3, ""), (12, stored[13]),
                 (7, stored[7]), (3, stored[3]), (16, stored[16] + " " + stored[16])]
        for index, text in edits:
            held[index] = text
            reference = from_scratch(ws, 1, held)
            for i in stored:
                answer = undismissed(as_json(ws.findings.segment(1, i, texts=held)))
                assert answer == reference.get(i, []), f"after typing into {index}: segment {i}"


# ntrex_documents: three NTREX-128 articles beside the demo (conftest.py)


def test_ntrex_articles_agree_before_and_after_edits_elsewhere(demo, ntrex_documents, capsys):
    with Workspace.open(demo) as ws:
        for document_id in ntrex_documents:
            assert_agree(ws, capsys, demo, document_id)
            segments = ws.documents.segments(document_id)
            long = [s for s in segments if len(s.target.split()) >= 6]
            # A sentence pasted over a later one: the same English now renders two Korean sentences.
            first, later = long[0], long[-1]
            ws.editing.save(document_id, later.index, first.target, by="david")
            reported = assert_agree(ws, capsys, demo, document_id)
            assert "consistency.target" in checks_of(reported[later.index])
            held = {s.index: s.target for s in ws.documents.segments(document_id)} | {first.index: later.target}
            predicted = {i: as_json(ws.findings.segment(document_id, i, texts=held)) for i in held}
            ws.editing.save(document_id, first.index, later.target, by="david")
            reported = assert_agree(ws, capsys, demo, document_id)
            assert {i: reported.get(i, []) for i in held} == predicted


def test_the_same_held_texts_across_saves(demo):
    # The editor passes one mapping pause after pause while saves land under it, its own and others'.
    with Workspace.open(demo) as ws:
        stored = {s.index: s.target for s in ws.documents.segments(1)}
        held = dict(stored) | {3: stored[3].replace("workers overseas", "overseas workers")}

        def agree() -> None:
            reference = from_scratch(ws, 1, held)
            for i in stored:
                assert undismissed(as_json(ws.findings.segment(1, i, texts=held))) == reference.get(i, []), i

        agree()
        ws.editing.save(1, 3, held[3], by="david")  # the held text saved: no longer an override
        agree()
        ws.editing.save(1, 7, stored[7].replace("overseas workers", "workers abroad"), by="david")
        agree()  # someone else's save under text the editor still holds: the held text counts
        del held[7]
        agree()  # no longer held: the saved text counts
