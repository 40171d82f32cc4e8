"""The translator's editor, driven headless with Pilot on the demo workspace, asserting on the workspace."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tui_helpers import no_idle_saves, run, until
from tui.app import TandemApp
from tui.screens.editor import EditorScreen
from tui.screens.editor_dialogs import ReasonDialog
from tui.segment_nav import needs_work, next_index, progress_text, search, untranslated
from tui.widgets.keys_footer import KeysFooter, rows_of
from tui.widgets.panels import FindingsPanel
from tui.widgets.segment_texts import EnglishEditor, inflected_like
from workflow.models import SegmentState
from workflow.editing import Editing
from workflow.workspace import Workspace

WIDE = (160, 48)
NARROW = (80, 24)


@pytest.fixture(autouse=True)
def no_idle_saves_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests that are not about the idle save must not have one land in the middle of them.
    no_idle_saves(monkeypatch)


def editor(app: TandemApp) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen), screen
    return screen


def english(app: TandemApp) -> EnglishEditor:
    return app.screen.query_one(EnglishEditor)


async def open_editor(pilot: Pilot, index: int = 1) -> EditorScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen) and pilot.app.screen.current is not None)
    screen = editor(pilot.app)
    if index != 1:
        await pilot.press("ctrl+g", *str(index), "enter")
        await until(pilot, lambda: screen.current.index == index)
    await until(pilot, lambda: screen._analysis is not None and screen._analysis.index == index)
    # A segment opens with the cursor at the start of its English; these tests add to the end.
    await pilot.press("ctrl+end")
    return screen


def open_checks(app: TandemApp) -> list[str]:
    return [v.finding.check for v in app.screen.query_one(FindingsPanel).views if v.open]


def segment(path: Path, index: int):
    with Workspace.open(path, create=False) as workspace:
        return workspace.documents.segments(1)[index - 1]


def revisions(path: Path, index: int):
    with Workspace.open(path, create=False) as workspace:
        return workspace.documents.history(1, segment=index)


async def select_words(pilot: Pilot, words: str) -> None:
    box = english(pilot.app)
    start = box.text.index(words)
    box.select_span((start, start + len(words)))
    await pilot.pause()


# the translator's day -----------------------------------------------------------------------


def test_translator_fixes_a_forbidden_term_leaves_the_segment_and_marks_it_translated(demo: Path) -> None:
    before = revisions(demo, 16)

    async def scenario() -> None:
        app = TandemApp(demo, "david")
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
            await pilot.press("enter")  # open the sample article from the documents list
            screen = await open_editor(pilot, 16)
            assert "term.forbidden" in open_checks(app)

            await select_words(pilot, "security guards")
            await pilot.press(*"security guidance officers")
            await until(pilot, lambda: "term.forbidden" not in open_checks(app))
            assert "security guidance officers" in english(app).text
            assert 16 in screen.unsaved  # typed, not yet saved

            await pilot.press("ctrl+up")  # leaving the segment saves it
            await until(pilot, lambda: screen.current.index == 15 and not screen.writing)
            saved = segment(demo, 16)
            assert "mobilizing security guidance officers to do" in saved.target
            newest = revisions(demo, 16)[-1]
            assert len(revisions(demo, 16)) == len(before) + 1
            assert newest.author == "david" and newest.text == saved.target

            await pilot.press("ctrl+down", "f8")
            await until(pilot, lambda: segment(demo, 16).state is SegmentState.TRANSLATED)
            await until(pilot, lambda: "✓" in str(app.screen.query_one(DataTable).get_cell("16", "state")))
            assert "✓1" in str(app.screen.query_one("#progress").content)

    run(scenario)


def test_marking_a_segment_with_an_undismissed_error_is_refused_with_the_reason_on_screen(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 6)
            assert "term.forbidden" in open_checks(app)  # "Labor Party" for 로동당
            await pilot.press("f8")
            await until(pilot, lambda: not screen.writing)
            notice = app.screen.query_one("#notice")
            assert notice.display
            shown = str(notice.content)
            assert "segment 6 cannot be marked translated" in shown and "Labor Party" in shown
            assert screen.current.index == 6
        assert segment(demo, 6).state is SegmentState.DRAFT

    run(scenario)


def test_a_dismissed_finding_is_recorded_with_its_reason_and_no_longer_blocks(demo: Path) -> None:
    reason = "the desk allows it in economic copy"

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 5)  # one error only: "foreign money" for 외화벌이
            await pilot.press("f6")
            await until(pilot, lambda: isinstance(app.screen, ReasonDialog))
            await pilot.press(*reason, "enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and not screen.writing)
            await until(pilot, lambda: "term.forbidden" not in open_checks(app))
            # Gone from the panel and the list's count: a dismissed finding is no longer anyone's to-do.
            assert all(v.finding.check != "term.forbidden" for v in app.screen.query_one(FindingsPanel).views)
            assert app.screen.state.counts.get(5, (0, 0))[0] == 0
            await pilot.press("f8")
            await until(pilot, lambda: segment(demo, 5).state is SegmentState.TRANSLATED)

    run(scenario)
    with Workspace.open(demo, create=False) as workspace:
        dismissed = [v for v in workspace.findings.segment(1, 5) if v.dismissal is not None]
        assert [(v.finding.check, v.dismissal.user, v.dismissal.reason) for v in dismissed] == [
            ("term.forbidden", "david", reason)
        ]
        logged = [e for e in workspace.audit.log(1) if e["action"] == "finding.dismiss"]
        assert logged[-1]["user"] == "david" and logged[-1]["detail"]["reason"] == reason


# saving -------------------------------------------------------------------------------------


def test_leaving_a_segment_saves_it_and_going_back_shows_the_saved_text(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 2)
            await pilot.press(*" Photo: Daily NK.")
            await pilot.press("alt+down")
            await until(pilot, lambda: screen.current.index == 3 and not screen.writing)
            assert segment(demo, 2).target.endswith("Kang Dong Wan) Photo: Daily NK.")
            await pilot.press("alt+up")
            await until(pilot, lambda: screen.current.index == 2)
            assert english(app).text.endswith("Photo: Daily NK.")
            assert "saved" in english(app).border_subtitle

    run(scenario)


def test_an_idle_pause_saves_without_leaving_the_segment(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EditorScreen, "IDLE_SAVE_SECONDS", 0.2)

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 12)
            await pilot.press(*" Go")
            await pilot.pause(0.4)
            await until(pilot, lambda: not screen.unsaved and not screen.writing)
            assert screen.current.index == 12
            assert segment(demo, 12).target == "No money for travel? Too bad Go"

    run(scenario)


def test_undo_restores_the_text_and_redo_brings_the_edit_back(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 12)
            original = english(app).text
            await pilot.press(*" at all")
            assert english(app).text == original + " at all" and 12 in screen.unsaved
            await pilot.press("ctrl+z")
            assert english(app).text == original and 12 not in screen.unsaved
            await pilot.press("ctrl+y")
            assert english(app).text == original + " at all"

    run(scenario)


def test_quitting_saves_what_was_typed(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await open_editor(pilot, 12)
            await pilot.press(*"!!")
            await pilot.press("ctrl+q")
        assert app.return_code == 0

    run(scenario)
    assert segment(demo, 12).target == "No money for travel? Too bad!!"


def test_a_failed_save_keeps_the_text_says_why_and_a_later_save_writes_it(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Editing.save
    locked = {"on": True}

    def save(self, *args, **kwargs):
        if locked["on"]:
            raise sqlite3.OperationalError("database is locked")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Editing, "save", save)

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 12)
            await pilot.press(*" Tough luck.", "ctrl+down")
            await until(pilot, lambda: screen.current.index == 13 and not screen.writing)
            assert "database is locked" in str(screen.query_one("#notice").content)
            assert screen.unsaved == {12: "No money for travel? Too bad Tough luck."}
            await pilot.press("ctrl+up")
            await until(pilot, lambda: screen.current.index == 12)
            assert english(app).text.endswith("Tough luck.")  # the text came back, not the stored one
            assert english(app).border_subtitle == "✗ not saved"
            locked["on"] = False
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.unsaved and not screen.writing)
            assert english(app).border_subtitle.startswith("saved")

    run(scenario)
    assert segment(demo, 12).target == "No money for travel? Too bad Tough luck."


KILLED_CHILD = """
import asyncio, sys
from pathlib import Path
from tui.app import TandemApp
from tui.screens.editor import EditorScreen

EditorScreen.IDLE_SAVE_SECONDS = 0.3

async def main():
    app = TandemApp(Path(sys.argv[1]), "david", document_id=1)
    async with app.run_test(size=(120, 36)) as pilot:
        while not (isinstance(app.screen, EditorScreen) and app.screen._analysis is not None):
            await pilot.pause(0.05)
        screen = app.screen
        await pilot.press("ctrl+g", "1", "2", "enter")
        while screen.current.index != 12:
            await pilot.pause(0.05)
        await pilot.press("ctrl+end", *" (kept)")
        await pilot.pause(0.8)  # past the idle interval: the idle save runs
        while screen.unsaved or screen.writing:
            await pilot.pause(0.05)
        # Typed after the last idle save; no further idle save may land before the kill, however
        # slowly a loaded machine gets the signal here.
        EditorScreen.IDLE_SAVE_SECONDS = 3600
        await pilot.press(*" (lost)")
        print("TYPED", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


def test_a_killed_editor_keeps_the_text_up_to_the_last_idle_save(demo: Path, tmp_path: Path) -> None:
    child = tmp_path / "child.py"
    child.write_text(textwrap.dedent(KILLED_CHILD), encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(child), str(demo)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        assert line.strip() == "TYPED", process.stderr.read() if process.poll() is not None else line
    finally:
        process.send_signal(signal.SIGKILL)  # no exit handlers, no unmount: as a power cut or kill -9
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert segment(demo, 12).target == "No money for travel? Too bad (kept)"
    assert revisions(demo, 12)[-1].author == "david"


# layout and roles ----------------------------------------------------------------------------


def test_korean_and_english_sit_side_by_side_when_wide_and_stack_when_narrow(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot)
            korean, box = screen.query_one("#korean-pane").region, english(app).region
            assert screen.has_class("-wide")
            assert korean.y == box.y and korean.right <= box.x  # side by side
            await pilot.resize_terminal(*NARROW)
            await until(pilot, lambda: not screen.has_class("-wide"))
            korean, box = screen.query_one("#korean-pane").region, english(app).region
            assert box.y >= korean.bottom and box.x == korean.x  # stacked
            assert box.right <= NARROW[0]

    run(scenario)


def test_every_key_is_in_the_footer_even_at_80_columns(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=NARROW) as pilot:
            screen = await open_editor(pilot)
            await pilot.pause()
            footer = screen.query_one(KeysFooter)
            shown = {key.action for key in footer.query("FooterKey")}
            wanted = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
            assert wanted <= shown
            assert all(key.region.right <= NARROW[0] for key in footer.query("FooterKey"))
            titles = {c.title for c in app.get_system_commands(screen)}
            assert {"Mark the segment translated", "Go to segment number", "Undo the last edit in this segment"} <= titles

    run(scenario)


def test_a_user_without_an_editing_role_gets_a_read_only_editor(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "minji", document_id=1)  # terminologist
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 12)
            box = english(app)
            assert box.read_only
            before = box.text
            box.focus()
            await pilot.press(*"typed", "ctrl+s", "f8", "ctrl+o")
            await until(pilot, lambda: not screen.writing)
            assert box.text == before and not screen.unsaved
            actions = {b.binding.action for b in screen.active_bindings.values()}
            assert {"mark_translated", "save", "copy_source"}.isdisjoint(actions)
            assert "dismiss_finding" in actions and "comment" in actions
            assert "Read-only" in str(screen.query_one("#notice").content)
        assert segment(demo, 12).target == before
        assert len(revisions(demo, 12)) == 1

    run(scenario)


def test_a_comment_is_added_to_the_segment(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "robert", document_id=1)  # an editor
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_editor(pilot, 3)
            await pilot.press("ctrl+l")
            await until(pilot, lambda: isinstance(app.screen, ReasonDialog))
            await pilot.press(*"Source for the 20 days?", "enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and not screen.writing)
            assert "Comments · 1 open" in str(screen.query_one("#comments").border_title)

    run(scenario)
    with Workspace.open(demo, create=False) as workspace:
        assert [(c.author, c.text) for c in workspace.comments.all(1, 3)] == [("robert", "Source for the 20 days?")]


# plain logic ---------------------------------------------------------------------------------


def test_navigation_wraps_and_search_sees_unsaved_english(demo: Path) -> None:
    with Workspace.open(demo, create=False) as workspace:
        segments = workspace.documents.segments(1)
    assert next_index(segments, 16, needs_work) == 1
    assert next_index(segments, 3, untranslated) is None
    assert search(segments, "보위지도원") == [16]
    assert search(segments, "SECURITY GUARDS") == [16]
    assert search(segments, "officers", {16: "security guidance officers"}) == [16]
    assert progress_text(segments, [2] * len(segments)).startswith("◻0 ✎16 ✓0 ✦0 ✗0 · 0/32 Korean words")


def test_helpers_for_fitting_keys_and_terms() -> None:
    assert rows_of([10, 10, 10, 10], 25) == [2, 2]
    assert rows_of([30], 20) == [1]
    assert inflected_like("security guidance officer", "security guards", "security guard") == (
        "security guidance officers"
    )
    assert inflected_like("Workers' Party", "Labor Party", "Labor Party") == "Workers' Party"


def test_concordance_finds_a_term_inside_korean_words_in_the_memory(demo: Path) -> None:
    from tui.widgets.concordance_dialog import ConcordanceDialog

    with Workspace.open(demo, create=False) as workspace:
        workspace.review.approve(1, 16, by="robert")  # an approved pair enters the memory

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await open_editor(pilot, 3)
            await pilot.press("ctrl+b")
            await until(pilot, lambda: isinstance(app.screen, ConcordanceDialog))
            await pilot.press(*"지도원")
            dialog = app.screen
            table = dialog.query_one(DataTable)
            await until(pilot, lambda: len(dialog.hits) >= 2)
            # The memory's approved pair, and the article's own segment 16 (found inside 보위지도원들을).
            kinds = {(h.kind, h.index) for h in dialog.hits}
            assert any(index == 16 for _kind, index in kinds) and len({k for k, _i in kinds}) == 2
            row = next(i for i, h in enumerate(dialog.hits) if h.where == (1, 16))
            assert "보위지도원들을" in str(table.get_row_at(row)[1])
            assert str(table.get_row_at(row)[2]).startswith("Given the general attitude")
            table.focus()
            table.move_cursor(row=row)
            await pilot.press("enter")  # a segment of this article: the editor goes there
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current.index == 16)

    run(scenario)
