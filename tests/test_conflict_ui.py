"""Conflicts in the editor: two people change the same words, the TUI shows both and a person decides.

Real SQLite files, driven with Pilot; the other person is a Workspace the test opens itself (or a
second app), saving while the editor holds typed text based on the older revision.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TextArea

from tui_helpers import no_idle_saves, run, stored, until
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.editor import EditorScreen
from tui.widgets.conflict_dialog import ConflictDialog
from tui.widgets.diff_view import DiffView
from tui.widgets.segment_texts import EnglishEditor
from workflow.workspace import Workspace

WIDE = (160, 48)
FIRST = "North Korea orders sick workers in Russia to go home"
THEIRS = FIRST.replace("sick", "unwell")
MINE = FIRST.replace("sick", "ailing")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TandemApp, "POLL_SECONDS", 0.2)
    no_idle_saves(monkeypatch)


def open_conflict(path: Path, index: int = 1):
    with Workspace.open(path, create=False) as workspace:
        return workspace.editing.conflict(1, index)


def state_mark(screen: EditorScreen, index: int = 1) -> str:
    return str(screen.query_one("#segments", DataTable).get_cell(str(index), "state"))


async def conflicting_save(pilot) -> EditorScreen:
    """David types MINE into segment 1 while robert saves THEIRS; david's save then conflicts."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
    screen = app.screen
    screen.query_one(EnglishEditor).replace_all(MINE)
    await pilot.pause()
    with Workspace.open(pilot.app.session.path, create=False) as workspace:
        workspace.editing.save(1, 1, THEIRS, by="robert")
    await until(pilot, lambda: 1 in screen.state.moved_on)  # noticed, and the typing kept
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not screen.writing and screen.current.conflict)
    return screen


def test_a_conflicting_save_is_marked_and_shows_both_texts_with_a_diff(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await conflicting_save(pilot)
            assert stored(demo).conflict and stored(demo).target == THEIRS
            assert state_mark(screen).startswith("⇄")  # a shape, readable without colour
            assert "in conflict" in str(screen.query_one("#notice").content)
            # Their text is current again; mine is kept aside in the conflict, not in the pane.
            assert screen.query_one(EnglishEditor).text == THEIRS
            assert not screen.unsaved
            keys = {b.binding.action: b.binding.description for b in screen.active_bindings.values()}
            assert keys.get("resolve_conflict") == "Conflict"

            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, ConflictDialog))
            dialog = app.screen
            assert str(dialog.query_one("#conflict-theirs").content) == THEIRS
            assert str(dialog.query_one("#conflict-mine").content) == MINE
            diff = dialog.query_one(DiffView).text.plain
            assert "[-unwell-]" in diff and "{+ailing+}" in diff
            assert dialog.query_one("#conflict-resolution", TextArea).text == MINE

            await pilot.press("ctrl+o")  # keep mine
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and not screen.writing
                        and not screen.current.conflict)
            assert stored(demo).target == MINE and not stored(demo).conflict
            assert open_conflict(demo) is None
            assert screen.query_one(EnglishEditor).text == MINE
            assert not state_mark(screen).startswith("⇄")
            assert "resolve_conflict" not in {b.binding.action for b in screen.active_bindings.values()}

    run(scenario)


def test_a_conflict_resolved_with_an_edited_text_stores_that_text(demo: Path) -> None:
    combined = FIRST.replace("sick", "unwell and ailing")

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await conflicting_save(pilot)
            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, ConflictDialog))
            app.screen.query_one("#conflict-resolution", TextArea).replace(combined, (0, 0), (0, len(MINE)))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and not screen.writing
                        and not screen.current.conflict)
            assert stored(demo).target == combined
            history = Workspace.open(demo, create=False)
            try:
                texts = [r.text for r in history.documents.history(1, segment=1)]
            finally:
                history.close()
            assert THEIRS in texts and MINE in texts  # both candidates stay in the history

    run(scenario)


def test_escape_leaves_the_conflict_open_and_taking_theirs_later_closes_it(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await conflicting_save(pilot)
            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, ConflictDialog))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            assert open_conflict(demo) is not None and stored(demo).conflict

            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, ConflictDialog))
            await pilot.press("ctrl+t")  # take theirs
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and not screen.writing
                        and not screen.current.conflict)
            assert open_conflict(demo) is None and stored(demo).target == THEIRS

    run(scenario)


def test_another_persons_conflict_shows_in_every_editor_on_the_workspace(demo: Path) -> None:
    async def scenario() -> None:
        david, robert = TandemApp(demo, "david", document_id=1), TandemApp(demo, "robert", document_id=1)
        async with david.run_test(size=WIDE) as at_david, robert.run_test(size=WIDE) as at_robert:
            await until(at_robert, lambda: isinstance(robert.screen, EditorScreen)
                        and robert.screen.current is not None)
            watching = robert.screen
            await pilot_goes_to(at_robert, 3)
            await conflicting_save(at_david)  # david's save conflicts with a save made meanwhile

            await until(at_robert, lambda: watching.state.segments[0].conflict)
            assert state_mark(watching).startswith("⇄")
            await at_robert.press("ctrl+g", "1", "enter")
            await until(at_robert, lambda: watching.current.index == 1)
            assert "in conflict" in str(watching.query_one("#notice").content)
            await at_robert.press("f12")
            await until(at_robert, lambda: isinstance(robert.screen, ConflictDialog))
            await at_robert.press("ctrl+t")
            await until(at_robert, lambda: isinstance(robert.screen, EditorScreen) and not watching.writing)
            assert not stored(demo).conflict

            # David's editor follows robert's resolution.
            mine = david.screen
            await until(at_david, lambda: not mine.state.segments[0].conflict)
            assert not state_mark(mine).startswith("⇄")

    run(scenario)


async def pilot_goes_to(pilot, index: int) -> None:
    screen = pilot.app.screen
    await pilot.press("ctrl+g", *str(index), "enter")
    await until(pilot, lambda: screen.current.index == index)


def test_the_documents_list_counts_segments_in_conflict(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await conflicting_save(pilot)
            await pilot.press("escape", "escape")  # the English, the list, then the documents
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and "⇄1" in str(app.screen.query_one(DataTable).get_cell("1", "progress")))
            assert "⇄ in conflict" in str(app.screen.query_one("#legend", Static).content)

    run(scenario)


def test_two_editors_filling_one_empty_segment_at_once_end_in_a_conflict(demo: Path) -> None:
    """Neither started from a revision: the second save must not silently replace the first."""
    with Workspace.open(demo, create=False) as workspace:
        from conftest import KO

        doc = workspace.files.import_document(KO, title="No draft yet", by="david").document.id
        assert workspace.documents.segments(doc)[0].revision_id is None
    davids, roberts = "David's first English.", "Robert's first English."

    async def scenario() -> None:
        david, robert = TandemApp(demo, "david", document_id=doc), TandemApp(demo, "robert", document_id=doc)
        async with david.run_test(size=WIDE) as at_david, robert.run_test(size=WIDE) as at_robert:
            await until(at_david, lambda: isinstance(david.screen, EditorScreen) and david.screen.current is not None)
            await until(at_robert, lambda: isinstance(robert.screen, EditorScreen)
                        and robert.screen.current is not None)
            mine, theirs = david.screen, robert.screen
            mine.query_one(EnglishEditor).replace_all(davids)  # typed, not saved yet
            await at_david.pause()
            theirs.query_one(EnglishEditor).replace_all(roberts)
            await at_robert.press("ctrl+s")
            await until(at_robert, lambda: not theirs.unsaved and not theirs.writing)
            await until(at_david, lambda: 1 in mine.state.moved_on)  # seen, and david's typing kept
            assert mine.query_one(EnglishEditor).text == davids

            await at_david.press("ctrl+s")
            await until(at_david, lambda: not mine.writing and mine.current.conflict)
            with Workspace.open(demo, create=False) as workspace:
                segment, conflict = workspace.documents.segments(doc)[0], workspace.editing.conflict(doc, 1)
            assert segment.target == roberts and segment.conflict
            assert conflict.base is None and (conflict.theirs.text, conflict.mine.text) == (roberts, davids)
            assert mine.query_one(EnglishEditor).text == roberts
            assert state_mark(mine).startswith("⇄")
            # Robert's editor learns of the conflict too.
            await until(at_robert, lambda: theirs.current.conflict)

            await at_david.press("f12")
            await until(at_david, lambda: isinstance(david.screen, ConflictDialog))
            assert str(david.screen.query_one("#conflict-mine").content) == davids

    run(scenario)


def test_the_review_list_marks_a_segment_in_conflict_as_the_editor_does(demo: Path) -> None:
    from tui.screens.review import ReviewScreen
    from tui.widgets.review_list import ReviewList

    def clash(index: int) -> None:
        with Workspace.open(demo, create=False) as workspace:
            base = workspace.documents.segments(1)[index - 1]
            words = base.target.split()
            workspace.editing.save(1, index, " ".join(["Unwell"] + words[1:]), by="robert",
                                   based_on=base.revision_id)
            workspace.editing.save(1, index, " ".join(["Ailing"] + words[1:]), by="david",
                                   based_on=base.revision_id)

    clash(1)  # before the screen opens

    async def scenario() -> None:
        app = TandemApp(demo, "robert")
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count == 1)
            await pilot.press("v")
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.data is not None)
            review = app.screen
            table = review.query_one(ReviewList)
            await until(pilot, lambda: table.row_count > 2)
            assert str(table.get_cell("1", "state")) == "⇄"
            assert str(table.get_cell("2", "state")) != "⇄"
            assert "in conflict" in str(review.query_one("#review-diff").border_title)
            clash(2)  # while it is open: the poll brings the mark
            await until(pilot, lambda: str(table.get_cell("2", "state")) == "⇄")
            with Workspace.open(demo, create=False) as workspace:
                workspace.editing.resolve_conflict(1, 1, stored(demo, 1).target, by="robert")
            await until(pilot, lambda: str(table.get_cell("1", "state")) != "⇄")

    run(scenario)
