"""The import dialog on the documents screen, driven headless through a real workspace file."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Static
from textual.widgets._footer import FooterKey

from tui_helpers import run, until
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.widgets.import_dialog import ImportDialog
from workflow.demo import DRAFT, KOREAN, prepare_demo
from workflow.workspace import Workspace

SIZE = (100, 30)


def written(path: Path) -> tuple[int, int]:
    """Documents and audit entries, seen through a Workspace of its own."""
    with Workspace.open(path, create=False) as workspace:
        return len(workspace.documents.all()), len(workspace.audit.log())


def on_documents(app: TandemApp) -> bool:
    return isinstance(app.screen, DocumentsScreen) and app.screen.query_one(DataTable).row_count > 0


async def open_dialog(pilot: Pilot) -> ImportDialog:
    await until(pilot, lambda: on_documents(pilot.app))
    await pilot.press("i")
    await until(pilot, lambda: isinstance(pilot.app.screen, ImportDialog))
    return pilot.app.screen


async def fill(dialog: ImportDialog, **values: str) -> None:
    for name, value in values.items():
        dialog.query_one(f"#import-{name}", Input).value = value


async def press_import(pilot: Pilot, *, click: bool = False) -> None:
    if click:
        await pilot.click("#import")
    else:
        # A click within 0.2 s of the last one falls in the button's press animation and is dropped.
        pilot.app.screen.query_one("#import", Button).press()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def error_of(dialog: ImportDialog) -> str:
    error = dialog.query_one("#import-error", Static)
    return str(error.content) if error.display else ""


def test_importing_the_sample_adds_a_document_and_puts_the_cursor_on_it(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path / "w.db")

    async def scenario() -> None:
        app = TandemApp(demo.path, "david")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            await fill(dialog, korean=str(KOREAN), english=str(DRAFT), tags="russia, 노동자, ")
            await press_import(pilot, click=True)
            await until(pilot, lambda: on_documents(app) and app.screen.query_one(DataTable).row_count == 2)
            table = app.screen.query_one(DataTable)
            assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "2"
            notes = [str(n.message) for n in app._notifications]
            assert any("16 segments, 0 doubtful pairings" in note for note in notes), notes
            # The same files went in as document 1: said, not refused.
            assert any("imported before as document 1" in note for note in notes), notes

    run(scenario)
    with Workspace.open(demo.path, create=False) as workspace:
        assert len(workspace.documents.segments(2)) == 16
        assert workspace.documents.get(2).tags == ("russia", "노동자")
        assert workspace.documents.segments(2)[0].target == workspace.documents.segments(1)[0].target


def test_a_missing_file_is_named_in_the_dialog_and_nothing_is_written(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path / "w.db")
    before = written(demo.path)
    missing = tmp_path / "nowhere" / "기사.md"

    async def scenario() -> None:
        app = TandemApp(demo.path, "david")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            await press_import(pilot)
            assert error_of(dialog) == "Give the Korean file to import."
            await fill(dialog, korean=str(missing))
            await press_import(pilot)
            assert app.screen is dialog
            assert str(missing) in error_of(dialog) and "no such file" in error_of(dialog)

    run(scenario)
    assert written(demo.path) == before


def test_an_empty_file_is_refused_in_the_dialog_which_stays_usable(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path / "w.db")
    before = written(demo.path)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")

    async def scenario() -> None:
        app = TandemApp(demo.path, "david")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            await fill(dialog, korean=str(empty), english=str(DRAFT))
            await press_import(pilot)
            assert app.screen is dialog
            assert error_of(dialog) == f"{empty}: the file is empty"
            assert not dialog.query_one("#import-progress").display
            assert not dialog.query_one("#import", Button).disabled
            # Corrected in place, the same dialog imports.
            await fill(dialog, korean=str(KOREAN))
            await press_import(pilot)
            await until(pilot, lambda: on_documents(app) and app.screen.query_one(DataTable).row_count == 2)

    run(scenario)
    assert written(demo.path)[0] == before[0] + 1


def test_a_refusal_by_the_workspace_shows_in_the_dialog(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path / "w.db")
    before = written(demo.path)

    async def scenario() -> None:
        app = TandemApp(demo.path, "robert")  # an editor may import, but not record a draft
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            await fill(dialog, korean=str(KOREAN), english=str(DRAFT))
            await press_import(pilot)
            assert app.screen is dialog
            assert "robert is not a translator" in error_of(dialog)

    run(scenario)
    assert written(demo.path) == before


def test_cancel_writes_nothing(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path / "w.db")
    before = written(demo.path)

    async def scenario() -> None:
        app = TandemApp(demo.path, "david")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            await fill(dialog, korean=str(KOREAN), english=str(DRAFT))
            await pilot.click("#cancel")
            await until(pilot, lambda: on_documents(app))
            await pilot.press("i")
            await until(pilot, lambda: isinstance(app.screen, ImportDialog))
            await pilot.press("escape")
            await until(pilot, lambda: on_documents(app))
            assert app.screen.query_one(DataTable).row_count == 1

    run(scenario)
    assert written(demo.path) == before


def offered(app: TandemApp) -> tuple[set[str], set[str]]:
    """What the footer shows and what the command palette offers on the documents screen."""
    footer = {key.description for key in app.screen.query(FooterKey)}
    palette = {command.title for command in app.get_system_commands(app.screen)}
    return footer, palette


def test_import_is_offered_only_to_those_who_may_import(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path / "w.db")

    async def scenario(user: str) -> tuple[set[str], set[str], bool]:
        app = TandemApp(demo.path, user)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            await pilot.pause()
            footer, palette = offered(app)
            await pilot.press("i")
            await pilot.pause()
            return footer, palette, isinstance(app.screen, ImportDialog)

    in_palette = "Import a Korean file, and its English draft if there is one"
    footer, palette, opened = asyncio.run(scenario("david"))
    assert "Import" in footer and in_palette in palette and opened
    footer, palette, opened = asyncio.run(scenario("minji"))  # terminologist only
    assert "Import" not in footer and in_palette not in palette and not opened
    assert "Reload" in footer and "Reload the documents list" in palette


def test_an_empty_workspace_invites_an_import_and_the_first_one_fills_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    Workspace.open(path, create=True).close()  # no users yet: whoever acts first sets it up

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one("#empty-hint").display)
            assert "Press  i  to import" in str(app.screen.query_one("#empty-hint", Static).content)
            await pilot.press("i")
            await until(pilot, lambda: isinstance(app.screen, ImportDialog))
            await fill(app.screen, korean=str(KOREAN), english=str(DRAFT))
            await press_import(pilot)
            await until(pilot, lambda: on_documents(app))
            assert not app.screen.query_one("#empty-hint").display

    run(scenario)
    with Workspace.open(path, create=False) as workspace:
        assert [d.segment_count for d in workspace.documents.all()] == [16]


def test_a_draft_with_doubtful_pairings_opens_them_before_anyone_translates(tmp_path: Path) -> None:
    from tui.screens.pairing import PairingScreen

    demo = prepare_demo(tmp_path / "w.db")
    parts = DRAFT.read_text(encoding="utf-8").strip().split("\n\n")
    draft = tmp_path / "draft.md"
    draft.write_text("\n\n".join(parts[:9] + parts[10:]) + "\n", encoding="utf-8")  # paragraph 10 dropped

    async def scenario() -> None:
        app = TandemApp(demo.path, "david")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            await fill(dialog, korean=str(KOREAN), english=str(draft))
            await press_import(pilot)
            await until(pilot, lambda: isinstance(app.screen, PairingScreen))
            assert app.screen.document_id == 2
            await pilot.press("escape")
            await until(pilot, lambda: on_documents(app))

    run(scenario)
