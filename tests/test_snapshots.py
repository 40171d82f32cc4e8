"""Screenshots of the TUI at fixed sizes, Hangul on screen, compared with the reviewed SVGs in
tests/__snapshots__/ (regenerate with `pytest tests/test_snapshots.py --snapshot-update`, then
read the SVGs before accepting them).

Deterministic by construction: the workspace file is always named w.db (the header shows its name),
the documents list has no time columns, the header shows no clock, the dialog's paths are relative
to the repository, cursors are kept from blinking, and the editor is shot once its workers and
timers (checks, the Korean morphology preload, the reflow after the first resize) have all run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from tui_helpers import until
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.editor import EditorScreen
from tui.widgets.import_dialog import ImportDialog
from workflow.demo import prepare_demo
from workflow.i18n import using

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_app(tmp_path: Path) -> TandemApp:
    demo = prepare_demo(tmp_path / "w.db")
    return TandemApp(demo.path, "david")


async def documents_listed(pilot: Pilot) -> None:
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, DocumentsScreen)
        and pilot.app.screen.query_one(DataTable).row_count > 0,
    )


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_documents_screen(snap_compare, demo_app: TandemApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=documents_listed)


def test_import_dialog_filled_in(snap_compare, demo_app: TandemApp, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # so the paths on screen are the same on every machine

    async def fill_in(pilot: Pilot) -> None:
        await documents_listed(pilot)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(pilot.app.screen, ImportDialog))
        values = {
            "#import-korean": "workflow/demo/ko.md",
            "#import-english": "workflow/demo/en-draft.md",
            "#import-tags": "russia, 해외 노동자",
        }
        for selector, value in values.items():
            field = pilot.app.screen.query_one(selector, Input)
            field.cursor_blink = False
            field.value = value
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(100, 30), run_before=fill_in)


async def open_segment_16(pilot: Pilot) -> None:
        def editor() -> EditorScreen:
            assert isinstance(pilot.app.screen, EditorScreen)
            return pilot.app.screen

        await until(pilot, lambda: editor().current is not None)
        for area in editor().query(TextArea):
            area.cursor_blink = False
        editor().go_to(16)
        await pilot.pause(EditorScreen.ANALYSE_DELAY + 0.4)  # past the reflow and analysis timers
        await until(pilot, lambda: editor()._analysis is not None and editor()._analysis.index == 16)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_editor_on_the_last_segment(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Segment 16 of the demo article: its Korean, the draft's English and the panels."""
    demo = prepare_demo(tmp_path / "w.db")
    app = TandemApp(demo.path, "david", document_id=demo.document_id)
    assert snap_compare(app, terminal_size=size, run_before=open_segment_16)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_editor_in_korean(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The same segment with the interface in Korean (`--lang ko`): labels, keys, states, panels."""
    demo = prepare_demo(tmp_path / "w.db")
    with using("ko"):
        app = TandemApp(demo.path, "david", document_id=demo.document_id)
        assert snap_compare(app, terminal_size=size, run_before=open_segment_16)


async def refusal_and_toast(pilot: Pilot) -> None:
    """Segment 6: mark it translated with its errors open (the long refusal wraps in the notice
    line), and a colleague's conflicting save told in a toast (kept up for the screenshot)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen) and pilot.app.screen.current is not None)
    editor = pilot.app.screen
    for area in editor.query(TextArea):
        area.cursor_blink = False
    editor.go_to(6)
    await pilot.pause(EditorScreen.ANALYSE_DELAY + 0.4)
    await until(pilot, lambda: editor._analysis is not None and editor._analysis.index == 6)
    await pilot.press("f8")
    await until(pilot, lambda: not editor.writing and editor.query_one("#notice").display)
    from workflow.i18n import _

    pilot.app.notify(_("Someone else changed the same words of segment {index} meanwhile. Their text stays; "
                       "yours is kept aside until one is chosen (f12).").format(index=7),
                     title=_("In conflict"), severity="warning", timeout=60)
    await pilot.pause(0.3)


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_editor_with_a_refusal_and_a_notification(snap_compare, tmp_path: Path, size: tuple[int, int],
                                                  language: str) -> None:
    """Nothing cut, nothing dropped: the refusal wraps whole and the toast keeps every syllable."""
    demo = prepare_demo(tmp_path / "w.db")
    with using(language):
        app = TandemApp(demo.path, "david", document_id=demo.document_id)
        assert snap_compare(app, terminal_size=size, run_before=refusal_and_toast)
