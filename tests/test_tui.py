"""Headless Pilot tests of the TUI: what a person sees and can do, on a real workspace file."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static, TextArea

from tui_helpers import run, until
from tui.app import TandemApp
from tui.cells import first_words
from tui.labels import STATE_MARKS, progress_line
from tui.screens.document import DocumentScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.problem import ProblemScreen
from workflow.workspace import Workspace

DEMO = Path(__file__).resolve().parent.parent / "workflow" / "demo"
SIZE = (120, 36)


def sample_workspace(path: Path, *, second: bool = False) -> Path:
    with Workspace.open(path, create=True) as workspace:
        workspace.files.import_document(DEMO / "ko.md", DEMO / "en-draft.md", tags=["russia"], by="david")
        if second:
            # Two English paragraphs dropped: the importer flags the pairs it had to guess.
            english = (DEMO / "en-draft.md").read_text(encoding="utf-8").splitlines(keepends=True)
            short = path.parent / "en-short.md"
            short.write_text("".join(english[:4] + english[6:]), encoding="utf-8")
            workspace.files.import_document(DEMO / "ko.md", short, title="[draft] short English", by="david")
    return path


def demo_segments(path: Path) -> list:
    with Workspace.open(path, create=False) as workspace:
        return workspace.documents.segments(1)


def text_of(app: TandemApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def on_documents(app: TandemApp) -> bool:
    return isinstance(app.screen, DocumentsScreen) and app.screen.query_one(DataTable).row_count > 0


def on_document(app: TandemApp) -> bool:
    return isinstance(app.screen, DocumentScreen) and text_of(app, "#korean") != ""


def english_of(app: TandemApp) -> str:
    return app.screen.query_one("#english", TextArea).text


# documents screen ---------------------------------------------------------------------


def test_documents_screen_lists_the_sample_document(tmp_path: Path) -> None:
    path = sample_workspace(tmp_path / "ws.tandem")
    title = demo_segments(path)[0].source

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            table = app.screen.query_one(DataTable)
            assert table.row_count == 1
            shown = str(table.get_cell("1", "title"))
            assert shown.endswith("…") and title.startswith(shown[:-1])
            assert shown.startswith("북한, 러시아 파견")
            assert cell_len(shown) <= table.columns["title"].width
            assert str(table.get_cell("1", "segments")) == "16"
            assert str(table.get_cell("1", "tags")) == "russia"
            assert str(table.get_cell("1", "progress")) == "◻0 ✎16 ✓0 ✦0 ✗0"
            assert str(table.get_cell("1", "roles")) == "translator: david"
            assert app.title == "Tandem" and app.sub_title == "ws.tandem · david"

    run(scenario)


def test_document_titles_are_not_read_as_markup(tmp_path: Path) -> None:
    path = sample_workspace(tmp_path / "ws.tandem", second=True)

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            assert str(app.screen.query_one(DataTable).get_cell("2", "title")) == "[draft] short English"

    run(scenario)


def test_empty_workspace_shows_how_to_import(tmp_path: Path) -> None:
    path = tmp_path / "empty.tandem"
    Workspace.open(path, create=True).close()

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(
                pilot,
                lambda: isinstance(app.screen, DocumentsScreen)
                and app.screen.query_one("#empty-hint").display,
            )
            hint = text_of(app, "#empty-hint")
            assert "tandem import KO_FILE --english EN_FILE" in hint
            assert "tandem demo" in hint
            assert not app.screen.query_one(DataTable).display

    run(scenario)


@pytest.mark.parametrize("name", [
    pytest.param("notes.txt", marks=pytest.mark.sqlite_only("a text file given as the workspace file")),
    "missing.tandem",
])
def test_unusable_workspace_shows_the_problem_instead_of_crashing(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("shopping list, not a workspace\n" * 50, encoding="utf-8")

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ProblemScreen))
            problem = text_of(app, "#problem")
            assert str(path) in problem
            assert ("not a Tandem workspace" if name.endswith(".txt") else "no workspace here") in problem
            assert app.is_running and app.return_code is None
            await pilot.press("q")
        assert app.return_code == 0

    run(scenario)
    assert name.endswith(".txt") or not path.exists()  # looking never creates a workspace


# document view (the editor; tests/test_editor.py has the rest) ------------------------------------------------------------------------


def test_enter_opens_the_document_side_by_side_and_the_cursor_moves_through_segments(
    tmp_path: Path,
) -> None:
    path = sample_workspace(tmp_path / "ws.tandem")
    first, second = demo_segments(path)[:2]

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            await pilot.press("enter")
            await until(pilot, lambda: on_document(app))
            assert app.screen.query_one("#segments", DataTable).row_count == 16
            assert text_of(app, "#korean") == first.source
            assert english_of(app) == first.target == "North Korea orders sick workers in Russia to go home"
            assert not app.screen.query_one("#align-note").display

            await pilot.press("ctrl+down")  # the English has the focus: down moves within it
            await pilot.pause()
            assert text_of(app, "#korean") == second.source
            assert english_of(app) == second.target

            await pilot.press("escape", "down")  # out of the English, into the segment list
            await pilot.pause()
            assert text_of(app, "#korean") == demo_segments(path)[2].source

            await pilot.press("escape")
            await until(pilot, lambda: on_documents(app))

    run(scenario)


def test_one_click_on_a_row_opens_that_document(tmp_path: Path) -> None:
    path = sample_workspace(tmp_path / "ws.tandem", second=True)

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            depth = len(app.screen_stack)
            await pilot.click("#documents", offset=(8, 2))  # the header is line 0: row 2 is line 2
            await until(pilot, lambda: on_document(app))
            assert app.screen.document_id == 2
            assert len(app.screen_stack) == depth + 1  # opened once, not twice

    run(scenario)


def test_a_doubtful_pairing_shows_its_note_as_a_warning(tmp_path: Path) -> None:
    path = sample_workspace(tmp_path / "ws.tandem", second=True)
    with Workspace.open(path, create=False) as workspace:
        doubtful = next(s for s in workspace.documents.segments(2) if s.low_confidence)

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            await pilot.press("down", "enter")
            await until(pilot, lambda: on_document(app))
            assert app.screen.document_id == 2
            await pilot.press(*["ctrl+down"] * (doubtful.index - 1))
            await pilot.pause()
            assert text_of(app, "#korean") == doubtful.source
            assert app.screen.query_one("#align-note").display
            assert doubtful.align_note in text_of(app, "#align-note")
            row = app.screen.query_one("#segments", DataTable).get_row_at(doubtful.index - 1)
            assert str(row[1]).endswith("!")

    run(scenario)


# formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", [5, 12, 21, 36])
def test_first_words_fit_in_cells_not_characters(width: int) -> None:
    korean = "북한이 최근 러시아에 파견된 노동자들 가운데 건강 문제로 노동 능력이 떨어진"
    cut = first_words(korean, width)
    assert cell_len(cut) <= width < len(korean)
    assert cut.endswith("…") and korean.startswith(cut[:-1])


def test_first_words_leave_short_text_whole_on_one_line() -> None:
    assert first_words("여비가 없다고?\n알아서  해라", 40) == "여비가 없다고? 알아서 해라"
    assert first_words("", 10) == ""


def test_state_marks_are_distinct_single_cells_so_states_read_without_colour() -> None:
    marks = list(STATE_MARKS.values())
    assert len(set(marks)) == len(marks) == 5
    assert all(cell_len(mark) == 1 for mark in marks)
    assert progress_line({"draft": 3, "approved": 1}) == "◻0 ✎3 ✓0 ✦1 ✗0"
