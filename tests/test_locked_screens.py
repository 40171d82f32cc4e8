"""Locked segments and length limits on screen (issue 16 §1): the editor shows a locked segment
read-only and dimmed, says why when typed into and lets the keys move past it; a limited segment
shows "used/limit", in the error colour once over. The review screen refuses changes to a locked
segment before asking for anything. Driven headless with Pilot on the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
import raw_db
from textual.content import Content

from tui_helpers import no_idle_saves, run, until
from tui.app import TandemApp
from tui.screens.editor import EditorScreen
from tui.screens.review import ReviewScreen
from tui.widgets.panels import GlossaryPanel
from tui.widgets.review_detail import ReviewDetail
from tui.widgets.review_edit_dialog import EditDialog
from tui.widgets.review_list import ReviewList
from tui.widgets.segment_list import SegmentList
from tui.widgets.segment_texts import EnglishEditor, length_counter
from workflow.workspace import Workspace

LOCKED, LIMITED = 2, 3
WIDE, NARROW = (160, 48), (80, 24)


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    no_idle_saves(monkeypatch)


def marked(demo: Path, limit: int = 40) -> Path:
    with raw_db.connect(demo) as db:
        db.execute("UPDATE segments SET locked = 1 WHERE document_id = 1 AND position = ?", (LOCKED,))
        db.execute("UPDATE segments SET max_length = ? WHERE document_id = 1 AND position = ?", (limit, LIMITED))
    return demo


def stored(path: Path, index: int):
    with Workspace.open(path, create=False) as workspace:
        return workspace.documents.segments(1)[index - 1], len(workspace.documents.history(1, index))


async def opened(pilot, index: int) -> EditorScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    if index != 1:
        await pilot.press("ctrl+g", *str(index), "enter")
        await until(pilot, lambda: screen.current.index == index)
    return screen


@pytest.mark.parametrize("size", [WIDE, NARROW])
def test_a_locked_segment_is_read_only_says_why_when_typed_into_and_keys_move_past_it(demo: Path, size) -> None:
    path = marked(demo)
    before, revisions = stored(path, LOCKED)

    async def scenario() -> None:
        app = TandemApp(path, "david", document_id=1)
        async with app.run_test(size=size) as pilot:
            screen = await opened(pilot, LOCKED)
            english = screen.query_one(EnglishEditor)
            assert english.read_only and english.has_class("-locked")
            assert "⊘ locked" in str(english.border_title) and "read-only" in str(english.border_title)
            assert not screen.query_one("#notice").display
            # its glossary terms are listed for reference, never "to fix"
            glossary = screen.query_one(GlossaryPanel)
            await until(pilot, lambda: bool(glossary.uses))
            assert not glossary.judged and not any(glossary.to_fix(use) for use in glossary.uses)
            assert "to fix" not in str(glossary.border_title)
            english.focus()
            await pilot.press("x", "y", "backspace", "enter")
            await pilot.pause()
            assert english.text == before.target
            notice = screen.query_one("#notice")
            assert notice.display and str(notice.content) == "⊘ segment 2: is locked: the file marks it not to be translated"
            # the keys that change a segment are not offered on it; moving on is
            assert not screen.check_action("mark_translated", ()) and not screen.check_action("copy_source", ())
            await pilot.press("ctrl+s")
            await pilot.press("alt+down")
            await until(pilot, lambda: screen.current.index == LIMITED)
            assert not english.read_only and not english.has_class("-locked")
            assert not screen.query_one("#notice").display  # the notice was about the locked one
            assert screen.check_action("mark_translated", ())
            # the list marks it with the lock, not a state
            table = screen.query_one(SegmentList)
            assert str(table.get_cell(str(LOCKED), "state")) == "⊘"
            assert "⊘1" in str(screen.query_one("#progress").content)
        assert stored(path, LOCKED) == (before, revisions)

    run(scenario)


def test_the_counter_follows_typing_and_turns_to_the_error_colour_when_over(demo: Path) -> None:
    path = marked(demo, limit=200)

    async def scenario() -> None:
        app = TandemApp(path, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await opened(pilot, LIMITED)
            english = screen.query_one(EnglishEditor)
            english.focus()
            english.replace_all("x" * 199)
            await pilot.pause()
            # the title is read back as markup
            assert english.border_title.endswith("199/200") and "text-error" not in english.border_title
            await pilot.press("a", "b")
            await pilot.pause()
            title = Content.from_markup(english.border_title)
            assert title.plain.startswith("▸ English · ✎ draft") and title.plain.endswith(" · 201/200")
            assert [title.plain[span.start:span.end] for span in title.spans
                    if "text-error" in str(span.style)] == ["201/200"]
            assert "unsaved" in english.border_subtitle
            await until(pilot, lambda: "length.limit" in {v.finding.check for v in screen.panels.query_one(
                "FindingsPanel").views})
            # a segment without a limit shows no counter
            await pilot.press("alt+up")
            await until(pilot, lambda: screen.current.index == LOCKED)
            assert "/" not in str(english.border_title)

    run(scenario)


def test_the_counter_counts_as_the_check_does():
    assert length_counter("⟦1⟧Caf\u0065\u0301⟦/1⟧", 4).plain == "4/4"
    assert length_counter("anything", None) is None


def test_the_review_screen_shows_the_lock_and_refuses_changes_before_any_dialog(demo: Path) -> None:
    path = marked(demo)
    before, revisions = stored(path, LOCKED)

    async def scenario() -> None:
        app = TandemApp(path, "robert")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: len(app.screen_stack) > 1)
            screen = ReviewScreen(app.session, 1)
            await app.push_screen(screen)
            await until(pilot, lambda: screen.data is not None and screen.query_one(ReviewList).row_count == 16)
            table = screen.query_one(ReviewList)
            table.move_cursor(row=LOCKED - 1)
            await until(pilot, lambda: "⊘ locked" in str(screen.query_one(ReviewDetail).query_one(
                "#review-diff").border_title))
            assert str(table.get_row_at(LOCKED - 1)[1]) == "⊘"
            for key in ("a", "e", "x"):
                await pilot.press(key)
                await pilot.pause()
                assert not isinstance(app.screen, EditDialog) and app.screen is screen
            assert any("segment 2: is locked" in str(n.message) for n in app._notifications)
            table.move_cursor(row=LIMITED - 1)
            await until(pilot, lambda: "/40" in str(screen.query_one("#review-diff").border_subtitle))
        assert stored(path, LOCKED) == (before, revisions)

    run(scenario)
