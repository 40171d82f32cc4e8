"""The review screen shows what the editor must judge: findings (tandem check's), dismissals with who
and why, open queries, a filter for them; diffs against a chosen base; a changed text never
"unchanged", and effort counting a word changed inside as changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from test_review_screen import in_review, review_of
from tui.widgets.diff_view import DiffView
from tui.widgets.review_detail import changes_text
from tui.widgets.review_list import ReviewList
from tui_helpers import run, until
from workflow.models.diff_bases import DiffBase, measure, segment_bases
from workflow.diffs import effort
from workflow.models import SegmentReport, SegmentState
from workflow.workspace import Workspace


@pytest.mark.parametrize("old, new, changed", [
    ("the Workers' Party’s funds", "the Workers’ Party’s funds", 1),
    ("officers.", "officers,", 1),
    ("a b", "ab", 2),
    ("security guards watch", "security guidance officers watch", 2),
])
def test_a_word_changed_inside_counts_as_changed(old, new, changed):
    assert effort(old, new).changed == changed


def test_a_changed_text_is_never_called_unchanged():
    report = SegmentReport(1, SegmentState.DRAFT, "a  b", "a b", 0, 2, ())
    assert "unchanged" not in changes_text(report, "the draft")
    same = SegmentReport(1, SegmentState.DRAFT, "a b", "a b", 0, 2, ())
    assert changes_text(same, "the draft").startswith("unchanged")


def apostrophe_fixed(tmp_path: Path) -> Path:
    """In review, then the editor changes one apostrophe in segment 6 (the issue's case)."""
    path = in_review(tmp_path)
    with Workspace.open(path, create=False) as ws:
        text = ws.documents.segments(1)[5].target
        assert "Party’s" in text
        ws.editing.save(1, 6, text.replace("Party’s", "Party's"), by="robert")
        ws.comments.add(1, 8, "Is a sentence missing here?", kind="query", by="robert")
    return path


def test_the_three_bases(tmp_path):
    path = apostrophe_fixed(tmp_path)
    with Workspace.open(path, create=False) as ws:
        segments = ws.documents.segments(1)
        signed = {r.index: r.signed_text for r in ws.review.report(1)}
        bases = segment_bases(segments, ws.documents.history(1), signed)
        sixteen, six = bases[16], bases[6]
        # The editor's change to 16 came after the sign-off: signed and previous are the translator's.
        assert sixteen.signed == sixteen.previous == sixteen.draft != segments[15].target
        assert "Party’s" in six.previous and "Party's" in segments[5].target
        assert measure(six, DiffBase.PREVIOUS, segments[5].target).changed == 1
        # A segment nobody changed has no revision before its first.
        assert bases[2].previous is None
        assert not measure(bases[2], DiffBase.PREVIOUS, segments[1].target).differs


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_the_review_shows_findings_dismissals_and_queries_and_filters_them(tmp_path):
    run(lambda: _findings_and_filter(tmp_path))


async def _findings_and_filter(tmp_path):
    path = apostrophe_fixed(tmp_path)
    with Workspace.open(path, create=False) as ws:
        expected = ws.findings.counts(1)
        dismissed = [v for v in ws.findings.document(1) if not v.open]
        queries = len(ws.comments.open_queries(1))
    assert dismissed and queries == 1
    async with review_of(path) as (app, pilot, screen):
        for index in (6, dismissed[0].finding.segment):
            screen.go_to(index)
            await pilot.pause()
            assert screen.data.finding_counts(index) == expected[index]  # tandem check's figures
            text = shown(screen, "#review-findings")
            for view in screen.data.findings[index]:
                assert view.finding.message.split("\n")[0][:30] in text.replace("\n", " ") or view.finding.check in text
        screen.go_to(dismissed[0].finding.segment)
        await pilot.pause()
        text = shown(screen, "#review-findings")
        assert "dismissed by david" in text and dismissed[0].dismissal.reason in text
        await pilot.press("f")
        table = screen.query_one(ReviewList)
        keep = {i for i, c in expected.items() if any(c)} | {v.finding.segment for v in dismissed} | {8}
        await until(pilot, lambda: set(table.indexes) == keep)
        assert table.row_count == len(keep) < 16
        assert 8 in table.indexes  # the open query
        await pilot.press("f")
        await until(pilot, lambda: table.row_count == 16)


def test_diff_bases_cycle_and_an_apostrophe_is_a_change(tmp_path):
    run(lambda: _bases(tmp_path))


async def _bases(tmp_path):
    path = apostrophe_fixed(tmp_path)
    async with review_of(path) as (app, pilot, screen):
        screen.go_to(6)
        await pilot.pause()
        diff = screen.query_one("#review-diff", DiffView)
        title = str(diff.border_title)
        assert "unchanged" not in title and "1 of" in title and "translator's sign-off" in title
        assert "{+'+}" in diff.text.plain
        status = shown(screen, "#review-status")
        assert "translator's sign-off" in status
        await pilot.press("b")  # the imported draft
        await until(pilot, lambda: "imported draft" in str(diff.border_title))
        assert "imported draft" in shown(screen, "#review-status")
        screen.go_to(16)
        await pilot.pause()
        assert "guidance" in diff.text.plain and "[-" in diff.text.plain
        await pilot.press("b")  # the previous revision: 16's is the translator's signed text
        await until(pilot, lambda: "previous revision" in str(diff.border_title))
        assert "{+guidance" in diff.text.plain.replace("officers", "") or "guidance" in diff.text.plain
        screen.go_to(2)
        await pilot.pause()
        assert "first revision" in str(diff.border_title)
        await pilot.press("b")
        await until(pilot, lambda: "translator's sign-off" in str(diff.border_title))


def test_a_write_moves_the_findings_of_segments_it_never_touched(tmp_path):
    """Document checks (one English for two Korean, a term rendered two ways) change other segments'
    findings: after a write the review screen holds what tandem check says of every segment."""
    from tui.widgets.review_data import document_findings, load_review, refresh_segment

    path = in_review(tmp_path)
    with Workspace.open(path, create=False) as ws:
        data = load_review(ws, 1, "robert")
        before = {i: [v.finding.check for v in views] for i, views in data.findings.items()}
        second = ws.documents.segments(1)[1].target
        ws.editing.save(1, 3, second, by="robert")  # segment 3 now says what segment 2 says
        moved = data.apply(refresh_segment(ws, 1, data.reports[2]))
        assert data.findings == document_findings(ws, 1)
        after = {i: [v.finding.check for v in views] for i, views in data.findings.items()}
        assert moved == {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)} - {3}
        # Segment 7's term was rendered unlike segment 3's; now segment 3 no longer renders it at all.
        assert "term.inconsistent" in before[7] and "term.inconsistent" not in after.get(7, [])
        assert "consistency.target" in after[3]
