"""Many hands on one workspace: the TUI notices other people's commits and shows them.

Real SQLite files; other people are a second TandemApp on the same file, or a Workspace the test
opens itself. The app polls PRAGMA data_version (tui.live), so every wait here is for the screen
to show what the other connection committed, never a fixed sleep.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import DataTable

from glossaries.model import Term
from tui_helpers import no_idle_saves, run, stored, until
from tui.app import TandemApp
from tui.live import DataVersionPoll, on_view
from tui.screens.documents import DocumentsScreen
from tui.screens.editor import EditorScreen
from tui.screens.glossary import GlossaryScreen
from tui.screens.review import ReviewScreen
from tui.widgets.panels import GlossaryPanel
from tui.widgets.segment_texts import EnglishEditor
from tui.widgets.term_table import TermTable
from conftest import DRAFT, KO
from workflow.workspace import Workspace

WIDE = (160, 48)
FIRST = "North Korea orders sick workers in Russia to go home"


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TandemApp, "POLL_SECONDS", 0.2)
    no_idle_saves(monkeypatch)


def save_as(path: Path, user: str, index: int, text: str) -> None:
    with Workspace.open(path, create=False) as workspace:
        workspace.editing.save(1, index, text, by=user)


async def editing(pilot, index: int = 1) -> EditorScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
    screen = app.screen
    if index != 1:
        await pilot.press("ctrl+g", *str(index), "enter")
        await until(pilot, lambda: screen.current.index == index)
    await pilot.press("ctrl+end")  # a segment opens with the cursor at the start; these tests append
    return screen


def listed_english(screen: EditorScreen, index: int) -> str:
    return str(screen.query_one("#segments", DataTable).get_cell(str(index), "english"))


def test_two_apps_on_one_workspace_one_saves_and_the_other_shows_it(demo: Path) -> None:
    async def scenario() -> None:
        david, robert = TandemApp(demo, "david", document_id=1), TandemApp(demo, "robert", document_id=1)
        async with david.run_test(size=WIDE) as at_david, robert.run_test(size=WIDE) as at_robert:
            watching = await editing(at_david, 3)  # david is on segment 3; robert edits segment 1
            typing = await editing(at_robert, 1)
            typing.query_one(EnglishEditor).replace_all(FIRST.replace("go home", "return home"))
            await at_robert.press("ctrl+s")
            await until(at_robert, lambda: not typing.unsaved and not typing.writing)
            assert stored(demo, 1).target.endswith("to return home")

            await until(at_david, lambda: listed_english(watching, 1).endswith("return home"))
            assert watching.state.segments[0].target.endswith("to return home")
            assert watching.current.index == 3  # david stayed where he was

            # And back: david's save shows in robert's editor, in the English he has open.
            watching.query_one(EnglishEditor).replace_all(stored(demo, 3).target + " (Daily NK)")
            await at_david.press("ctrl+s")
            await until(at_david, lambda: not watching.unsaved and not watching.writing)
            await at_robert.press("ctrl+g", "3", "enter")
            await until(at_robert, lambda: typing.query_one(EnglishEditor).text.endswith("(Daily NK)"))

    run(scenario)


def test_the_segment_in_hand_shows_their_save_when_nothing_was_typed_into_it(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await editing(pilot, 1)
            save_as(demo, "robert", 1, FIRST.replace("sick", "ill"))
            english = screen.query_one(EnglishEditor)
            await until(pilot, lambda: english.text == FIRST.replace("sick", "ill"))
            assert "someone else" in str(screen.query_one("#notice").content)
            assert not screen.unsaved  # showing their text is not an edit of ours

    run(scenario)


def test_typing_is_never_overwritten_and_the_save_merges_with_theirs(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await editing(pilot, 1)
            english = screen.query_one(EnglishEditor)
            english.replace_all(FIRST.replace("sick", "ill"))  # typed, not saved
            await pilot.pause()
            base = screen.current.revision_id

            save_as(demo, "robert", 1, FIRST.replace("go home", "return home"))
            await until(pilot, lambda: "while you were typing" in str(screen.query_one("#notice").content))
            assert english.text == FIRST.replace("sick", "ill")  # not clobbered under the cursor
            assert screen.current.revision_id == base  # the save will name what the typing started from

            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.unsaved and not screen.writing)
            merged = "North Korea orders ill workers in Russia to return home"
            assert stored(demo, 1).target == merged
            assert english.text == merged  # the English pane shows the merge
            assert not stored(demo, 1).conflict

    run(scenario)


def test_a_term_approved_elsewhere_is_checked_in_the_segment_in_hand(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await editing(pilot, 1)
            panel = screen.query_one(GlossaryPanel)
            await until(pilot, lambda: screen._analysis is not None)
            assert "파견" not in {use.term.ko for use in panel.uses}
            with Workspace.open(demo, create=False) as workspace:
                workspace.glossary.add(Term(ko="파견", en="dispatch"), by="minji")
            await until(pilot, lambda: "파견" in {use.term.ko for use in panel.uses})

    run(scenario)


def test_the_documents_list_shows_progress_someone_else_made(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david")
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count == 1)
            table = app.screen.query_one(DataTable)
            assert "✓0" in str(table.get_cell("1", "progress"))
            with Workspace.open(demo, create=False) as workspace:
                workspace.editing.mark_translated(1, 1, by="david")  # the same person, at another terminal
            await until(pilot, lambda: "✓1" in str(table.get_cell("1", "progress")))

    run(scenario)


def test_review_and_glossary_screens_follow_other_peoples_changes(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "robert")
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count == 1)
            await pilot.press("v")
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.data is not None)
            review = app.screen
            save_as(demo, "david", 2, "North Korean workers in Russia (photo: Kang Dong Wan)")
            await until(pilot, lambda: review.data.segments[1].target.endswith("(photo: Kang Dong Wan)"))

            await pilot.press("escape", "g")
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                        and app.screen.query_one(TermTable).row_count > 0)
            terms = app.screen.query_one(TermTable)
            before = len(terms.terms)
            with Workspace.open(demo, create=False) as workspace:
                workspace.glossary.propose(Term(ko="노동력", en="workforce"), by="david")
            await until(pilot, lambda: len(terms.terms) == before + 1)

    run(scenario)


def test_a_dialog_leaves_the_screen_behind_it_on_view_and_nothing_below() -> None:
    from textual.screen import ModalScreen, Screen

    bottom, middle, dialog = Screen(), Screen(), ModalScreen()
    assert on_view([bottom, middle, dialog]) == [dialog, middle]
    assert on_view([bottom, middle]) == [middle]


async def moved(poll: DataVersionPoll) -> bool:
    """Whether the poll reports a change within a few seconds: SQLite's data version moves as the
    other connection commits, PostgreSQL's notice of the commit arrives a moment later."""
    for _ in range(100):
        if await poll.changed():
            return True
        await asyncio.sleep(0.05)
    return False


def test_the_poll_reports_each_commit_of_another_connection_once(
    workspace, sample_doc, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        poll = DataVersionPoll(db_path)
        poll.baseline()
        try:
            assert not await poll.changed()
            workspace.editing.save(sample_doc.id, 1, "A new headline", by="david")
            assert await moved(poll)
            assert not await poll.changed()  # once per change, not on every poll after it

            # A broken connection is reopened, and what happened meanwhile counts as a change.
            real = Workspace.data_version
            broken = {"once": True}

            def data_version(self):
                if broken.pop("once", False):
                    raise sqlite3.OperationalError("disk I/O error")
                return real(self)

            monkeypatch.setattr(Workspace, "data_version", data_version)
            assert not await poll.changed()
            assert await poll.changed()
            assert not await poll.changed()
            assert poll.seen == 2
        finally:
            poll.close()

    run(scenario)


def test_segment_changes_names_what_moved_in_this_document_since_a_head(workspace, sample_doc) -> None:
    doc = sample_doc.id
    other = workspace.files.import_document(KO, DRAFT, title="Another", by="david").document.id
    head, none = workspace.documents.changes(doc)
    assert none == []
    workspace.editing.save(doc, 2, "A second headline", by="david")
    workspace.comments.add(doc, 5, "Check the figure", by="robert")
    workspace.editing.save(other, 3, "Elsewhere", by="david")  # another document: not named
    workspace.glossary.propose(Term(ko="노동력", en="workforce"), by="david")  # no segment moves
    moved_head, moved = workspace.documents.changes(doc, head)
    assert [s.index for s in moved] == [2, 5]
    assert moved[0].target == "A second headline"
    assert moved_head > head
    assert workspace.documents.changes(doc, moved_head) == (moved_head, [])
