"""Placeholders (inline-code tokens ⟦1⟧ ⟦/1⟧ ⟦1/⟧): the check that the English carries the Korean's,
and the editor that shows them apart and keeps them whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_helpers import run, until
from workflow.checks import CheckContext, SegmentText, Severity, check_segment, checks
from workflow.interchange import store_io
from workflow.interchange.model import BilingualFile, InlineCode, Unit
from workflow.models import SegmentState

SOURCE = "⟦1⟧러시아⟦/1⟧에서 일하는 ⟦2/⟧명의 노동자"
TARGET = "⟦1⟧In Russia⟦/1⟧ workers"


def findings(source: str, target: str):
    check = next(c for c in checks() if c.id == "codes.mismatch")
    return list(check.run(check, SegmentText(1, source, target), CheckContext()))


# The check ------------------------------------------------------------------------------------


@pytest.mark.parametrize("source, target", [
    (SOURCE, "⟦2/⟧ workers ⟦1⟧in Russia⟦/1⟧"),  # moved, as English word order wants
    ("⟦1⟧가⟦2⟧나⟦/2⟧⟦/1⟧", "⟦1⟧a ⟦2⟧b⟦/2⟧⟦/1⟧"),
    ("북한 노동자", "North Korean workers"),  # no codes at all
    (SOURCE, ""),  # nothing translated yet: target.empty says so, not this check
])
def test_good_examples_pass(source, target):
    assert findings(source, target) == []


@pytest.mark.parametrize("source, target, message, source_span, target_span", [
    (SOURCE, TARGET, "⟦2/⟧ of the Korean is missing", (SOURCE.index("⟦2/⟧"), SOURCE.index("⟦2/⟧") + 4), None),
    ("가", "a ⟦3/⟧", "⟦3/⟧ is in the English but the Korean has no such code", None, (2, 6)),
    ("⟦1/⟧ 가", "⟦1/⟧ a ⟦1/⟧", "⟦1/⟧ is in the English again", None, (7, 11)),
    ("⟦1⟧가⟦/1⟧", "⟦/1⟧a⟦1⟧", "⟦/1⟧ closes a pair before ⟦1⟧ opens it", None, (0, 4)),
    ("⟦1⟧⟦2⟧가⟦/2⟧⟦/1⟧", "⟦1⟧⟦2⟧a⟦/1⟧⟦/2⟧", "overlap", None, (7, 11)),
])
def test_bad_examples_are_errors_with_spans(source, target, message, source_span, target_span):
    (found,) = findings(source, target)
    assert message in found.message and found.severity is Severity.ERROR
    assert (found.source_span, found.target_span) == (source_span, target_span)
    span = source_span or target_span
    assert (source if source_span else target)[span[0]:span[1]].startswith("⟦")


def test_the_check_runs_with_the_others_on_a_segment():
    assert "codes.mismatch" in {f.check for f in check_segment(SegmentText(1, SOURCE, TARGET), CheckContext())}


# What the editor keeps whole -----------------------------------------------------------------------


def test_edits_that_cut_into_a_token_are_refused_and_whole_ones_allowed():
    from tui.widgets.placeholders import edit_problem, next_missing

    end_of_close = TARGET.index("⟦/1⟧") + 4
    assert edit_problem(TARGET, end_of_close - 1, end_of_close, "")  # backspace into ⟦/1⟧
    assert edit_problem(TARGET, 1, 1, "x")  # typing inside ⟦1⟧
    assert edit_problem(TARGET, 2, 8, "")  # from inside ⟦1⟧ onwards
    assert edit_problem(TARGET, len(TARGET), len(TARGET), " ⟦") is not None  # a stray bracket
    assert edit_problem(TARGET, 0, 3, "") is None  # ⟦1⟧ deleted whole
    assert edit_problem(TARGET, len(TARGET), len(TARGET), " ⟦2/⟧") is None  # a whole token pasted
    assert edit_problem(TARGET, 5, 9, "Moscow") is None  # prose between tokens
    assert next_missing(SOURCE, TARGET) == "⟦2/⟧"
    assert next_missing(SOURCE, TARGET + " ⟦2/⟧") is None
    assert next_missing("⟦1/⟧ ⟦1/⟧", "⟦1/⟧") == "⟦1/⟧"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    from workflow.workspace import Workspace

    path = tmp_path / "desk.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], by="admin")
        codes = [InlineCode("⟦1⟧", "open", "<g id='1'>", "<b>"), InlineCode("⟦/1⟧", "close", "</g>", "</b>"),
                 InlineCode("⟦2/⟧", "standalone", "<x id='2'/>", "{0}")]
        doc = BilingualFile("xliff12", "1.2", "ko", "en", "a.html",
                            [Unit("1", SOURCE, TARGET, SegmentState.DRAFT, codes=codes)], title="기사")
        store_io.store_file(ws._store, doc, name="a.xlf", checksum="x", encoding="utf-8", tags=[], title=None,
                            by="david")
    return path


def test_the_editor_keeps_tokens_whole_and_ctrl_k_inserts_the_missing_one(desk: Path) -> None:
    from tui.app import TandemApp
    from tui.screens.editor import EditorScreen
    from tui.widgets.placeholders import HIGHLIGHT
    from tui.widgets.segment_texts import EnglishEditor, KoreanView

    async def scenario() -> None:
        app = TandemApp(desk, "david", document_id=1)
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
            screen = app.screen
            box = screen.query_one(EnglishEditor)
            assert box.has_focus and box.text == TARGET
            # Both panes show tokens apart from the prose.
            assert any(h[2] == HIGHLIGHT for h in box._highlights[0])
            korean = screen.query_one(KoreanView).visual
            assert any(span.start == 0 and span.end == 3 for span in korean.spans)
            # Backspace right after ⟦/1⟧ would eat its bracket: refused, text as it was, a notice.
            box.move_cursor(box.location(TARGET.index("⟦/1⟧") + 4))
            await pilot.press("backspace")
            assert box.text == TARGET
            assert any("placeholder" in n.message for n in app._notifications)
            await pilot.press("⟦")
            assert box.text == TARGET
            # ctrl+k is offered (footer and palette) and puts the missing token at the cursor.
            assert "ctrl+k" in screen.active_bindings
            box.move_cursor(box.document.end)
            await pilot.press("space", "ctrl+k")
            assert box.text == TARGET + " ⟦2/⟧"
            await pilot.press("ctrl+k")
            assert box.text == TARGET + " ⟦2/⟧"
            assert 1 in screen.unsaved
            # A whole token can still go, selected and deleted in one stroke.
            box.select_span((0, 3))
            await pilot.press("delete")
            assert box.text == "In Russia⟦/1⟧ workers ⟦2/⟧"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.unsaved and not screen.writing)
        from workflow.workspace import Workspace

        with Workspace.open(desk, create=False) as ws:
            saved = ws.documents.segments(1)[0].target
            assert saved == "In Russia⟦/1⟧ workers ⟦2/⟧"
            assert any(v.finding.check == "codes.mismatch" for v in ws.findings.segment(1, 1))

    run(scenario)


def test_the_import_dialog_reads_an_xliff_file_by_content(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tui.app import TandemApp
    from tui.widgets.import_dialog import ImportDialog
    from workflow.workspace import Workspace

    path = tmp_path / "desk.db"
    with Workspace.open(path) as ws:
        ws.users.add("david", ["translator", "admin"], by="david")
        doc = BilingualFile("xliff2", "2.1", "ko", "en", "a.html",
                            [Unit("1", SOURCE, TARGET, SegmentState.TRANSLATED)], title="기사")
        xliff = tmp_path / "returned.txt"
        xliff.write_bytes(store_io.write_file(doc))

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.screen.query("DataTable"))
            await pilot.press("i")
            await until(pilot, lambda: isinstance(app.screen, ImportDialog))
            app.screen.query_one("#import-korean", Input).value = str(xliff)
            app.screen.start()
            await until(pilot, lambda: not isinstance(app.screen, ImportDialog))

    run(scenario)
    with Workspace.open(path, create=False) as ws:
        (segment,) = ws.documents.segments(1)
        assert (segment.source, segment.target, segment.state) == (SOURCE, TARGET, SegmentState.TRANSLATED)


def test_the_review_edit_dialog_keeps_tokens_whole_too() -> None:
    from textual.app import App

    from tui.widgets.placeholders import PlaceholderArea
    from tui.widgets.review_edit_dialog import EditDialog

    async def scenario() -> None:
        app = App()
        async with app.run_test() as pilot:
            app.push_screen(EditDialog(1, SOURCE, TARGET))
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            area = app.screen.query_one(PlaceholderArea)
            area.move_cursor((0, 2))  # inside ⟦1⟧
            await pilot.press("x", "delete")
            assert area.text == TARGET
            area.move_cursor(area.document.end)
            await pilot.press("ctrl+k")
            assert area.text == TARGET + "⟦2/⟧"

    run(scenario)
