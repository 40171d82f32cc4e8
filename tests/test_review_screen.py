"""The review screen, driven by Pilot on the demo workspace in review: what an editor sees and does.

State is prepared through the Workspace as the CLI story does (the translator dismisses the draft's
errors, marks everything translated and signs off; the editor fixes segment 16), and every write
the screen makes is checked through a fresh Workspace, not through the screen's own copy.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList, Static, TextArea

from tui_helpers import run, until
from tui.app import TandemApp
from tui.screens.review import ReviewScreen
from tui.widgets.diff_view import DiffView
from tui.widgets.review_comment_dialog import CommentDialog
from tui.widgets.review_edit_dialog import EditDialog
from tui.widgets.review_list import ReviewList
from tui.widgets.review_pick_dialog import CommentPicker
from tui.widgets.review_signoff_dialog import SignOffDialog
from workflow.checks.model import Severity
from workflow.demo import prepare_demo
from workflow.models import Role, SegmentState
from workflow.workspace import Workspace

SIZE = (120, 36)
FROZEN = "2026-03-02T09:30:00.000+00:00"


def freeze_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workflow module stamps records with its own imported `now`; pin them all."""
    from workflow.clock import now as real_now

    for name, module in list(sys.modules.items()):
        if name.startswith("workflow") and getattr(module, "now", None) is real_now:
            monkeypatch.setattr(module, "now", lambda: FROZEN)


def in_review(tmp_path: Path) -> Path:
    path = prepare_demo(tmp_path / "w.db").path
    with Workspace.open(path, create=False) as ws:
        for view in ws.findings.document(1):
            if view.open and view.finding.severity is Severity.ERROR:
                ws.editing.dismiss(1, view.finding.segment, view.finding,
                                   reason="the editor will settle it", by="david")
        for segment in ws.documents.segments(1):
            ws.editing.mark_translated(1, segment.index, by="david")
        ws.review.sign_off(1, "translator", by="david")
        draft = ws.documents.segments(1)[15].target
        ws.editing.save(1, 16, draft.replace("security guards", "security guidance officers"), by="robert")
    return path


def reviewing(path: Path, user: str = "robert") -> TandemApp:
    return TandemApp(path, user)


async def open_review(pilot: Pilot) -> ReviewScreen:
    app = pilot.app
    await until(pilot, lambda: len(app.screen_stack) > 1)  # the documents screen is up
    screen = ReviewScreen(app.session, 1)
    await app.push_screen(screen)
    await until(pilot, lambda: screen.data is not None and screen.query_one(ReviewList).row_count == 16)
    return screen


@asynccontextmanager
async def review_of(path: Path, user: str = "robert") -> AsyncIterator[tuple[TandemApp, Pilot, ReviewScreen]]:
    app = reviewing(path, user)
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await open_review(pilot)


def fresh(path: Path):
    return Workspace.open(path, create=False)


def state_of(path: Path, index: int) -> SegmentState:
    with fresh(path) as ws:
        return ws.documents.segments(1)[index - 1].state


def rendered(widget) -> tuple[str, list]:
    """The widget's lines as drawn, and every drawn segment (text with its style)."""
    strips = [widget.render_line(y) for y in range(widget.size.height)]
    segments = [segment for strip in strips for segment in strip]
    return " ".join("".join(s.text for s in strip) for strip in strips), segments


def test_segment_16_shows_the_deletion_and_the_insertion_inline(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(16)
            await pilot.pause()
            view = screen.query_one("#review-diff", DiffView)
            assert "[-guards-]" in view.text.plain and "{+guidance officers+}" in view.text.plain
            text, segments = rendered(view)
            flat = " ".join(text.split())
            assert "[-guards-]" in flat and "{+guidance" in flat
            struck = [s.text for s in segments if s.style and s.style.strike]
            underlined = [s.text for s in segments if s.style and s.style.underline and s.style.bold]
            assert "guards" in "".join(struck)
            assert "guidance" in "".join(underlined)
            assert "2 of 35 words changed" in view.border_title
            # The list's row says the same: words changed of words, and the draft state.
            table = screen.query_one(ReviewList)
            assert table.get_row("16")[2].plain == "2/35"

    run(scenario)


def test_approve_by_key_approves_the_highlighted_segment(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(16)
            await pilot.press("a")
            await until(pilot, lambda: not screen.writing)
            assert state_of(path, 16) is SegmentState.APPROVED
            assert screen.query_one(ReviewList).get_row("16")[1].plain == "✦"
            # Approving moves on to the next segment still waiting for review (wrapping round).
            assert screen.query_one(ReviewList).current_index == 1

    run(scenario)


def test_reject_with_a_comment_sends_a_query_and_lists_it_among_open_queries(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(5)
            await pilot.press("x")
            await until(pilot, lambda: isinstance(app.screen, CommentDialog))
            app.screen.query_one("#comment-text", Input).value = "Use “foreign currency-earning” here."
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            assert state_of(path, 5) is SegmentState.REJECTED
            with fresh(path) as ws:
                [query] = ws.comments.all(1, 5)
            assert (query.kind, query.author, query.open) == ("query", "robert", True)
            assert query.text == "Use “foreign currency-earning” here."
            assert screen.query_one(ReviewList).get_cell("5", "queries").plain == "?"
            assert "open query" in str(screen.query_one("#review-comments", Static).content)
            assert "1 open query" in str(screen.query_one("#review-status", Static).content)

            screen.go_to(1)
            await pilot.press("o")
            await until(pilot, lambda: isinstance(app.screen, CommentPicker))
            picker = app.screen.query_one(DataTable)
            assert picker.row_count == 1
            assert [cell.plain for cell in picker.get_row_at(0)[:3]] == ["5", "query", "robert"]
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen)
            assert screen.query_one(ReviewList).current_index == 5

    run(scenario)


def test_next_unreviewed_skips_approved_segments(tmp_path: Path) -> None:
    path = in_review(tmp_path)
    with fresh(path) as ws:
        for index in (2, 3, 4):
            ws.review.approve(1, index, by="robert")

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            assert screen.query_one(ReviewList).current_index == 1  # the first not approved
            await pilot.press("n")
            await pilot.pause()
            assert screen.query_one(ReviewList).current_index == 5

    run(scenario)


def test_edit_saves_a_revision_and_says_it_voided_the_approval(tmp_path: Path) -> None:
    path = in_review(tmp_path)
    with fresh(path) as ws:
        ws.review.approve(1, 3, by="robert")

    async def scenario() -> None:
        app = reviewing(path)
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_review(pilot)
            screen.go_to(3)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            assert "back to draft" in str(app.screen.query_one("#edit-note", Static).content)
            area = app.screen.query_one(TextArea)
            area.text = area.text + " More."
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            with fresh(path) as ws:
                assert ws.documents.segments(1)[2].target.endswith(" More.")
                assert ws.documents.segments(1)[2].state is SegmentState.DRAFT
                assert ws.documents.history(1, segment=3)[-1].author == "robert"
            assert any("was approved; the edit sent it back to draft" in n for n in notes)
            assert "More" in screen.query_one("#review-diff", DiffView).text.plain

    run(scenario)


def test_quitting_with_the_edit_dialog_open_saves_the_edit(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(2)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            area = app.screen.query_one(TextArea)
            area.text = "Typed, then the editor quit."
            await pilot.press("ctrl+q")
            await pilot.pause()
        with fresh(path) as ws:
            assert ws.documents.segments(1)[1].target == "Typed, then the editor quit."

    run(scenario)


def test_sign_off_shows_what_is_open_and_refuses_until_everything_is_approved(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SignOffDialog) and app.screen.readiness is not None)
            dialog = app.screen
            what = str(dialog.query_one("#signoff-what", Static).content)
            assert "Robert Lauler signs" in what and "as its editor" in what and "16" in what
            assert "2 of" in what and "since the translator's sign-off" in what
            still_open = str(dialog.query_one("#signoff-open", Static).content)
            assert "16 segments not approved" in still_open
            assert "no open error findings" in still_open
            button = dialog.query_one("#signoff-sign", Button)
            assert button.disabled
            assert "16 segments not approved" in str(dialog.query_one("#signoff-reason", Static).content)
            await pilot.click("#signoff-sign")
            await pilot.pause()
            assert app.screen is dialog
            with fresh(path) as ws:
                assert Role.EDITOR not in ws.review.valid_signoffs(1)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen)

            with fresh(path) as ws:
                for index in range(1, 17):
                    ws.review.approve(1, index, by="robert")
            await pilot.press("r")
            await until(pilot, lambda: all(s.state is SegmentState.APPROVED for s in screen.data.segments))
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SignOffDialog) and app.screen.readiness is not None)
            dialog = app.screen
            assert "every segment approved" in str(dialog.query_one("#signoff-open", Static).content)
            assert not dialog.query_one("#signoff-sign", Button).disabled
            await pilot.click("#signoff-sign")
            await until(pilot, lambda: app.screen is screen and screen.data.state.value == "approved")
            with fresh(path) as ws:
                signoff = ws.review.valid_signoffs(1)[Role.EDITOR]
                assert (signoff.user, signoff.valid) == ("robert", True)
                assert ws.review.state(1).value == "approved"
            assert "editor: Robert Lauler (valid)" in str(screen.query_one("#review-status", Static).content)

    run(scenario)


def test_the_translator_is_not_offered_approve_or_reject(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path, "david") as (app, pilot, screen):
            offered = {binding.action for _, binding, *_ in screen.active_bindings.values()}
            assert "approve" not in offered and "reject" not in offered
            assert {"edit", "comment", "next_unreviewed", "sign_off", "back"} <= offered
            await pilot.press("a")
            await pilot.pause()
            assert state_of(path, 1) is SegmentState.TRANSLATED

    run(scenario)


def test_a_note_is_added_and_resolved_from_the_screen(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(7)
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, CommentDialog))
            await pilot.click("#kind-note")
            app.screen.query_one("#comment-text", Input).value = "Checked the date against the Korean."
            await pilot.click("#comment-ok")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            with fresh(path) as ws:
                [note] = ws.comments.all(1, 7)
            assert (note.kind, note.author, note.open) == ("note", "robert", True)
            assert "Checked the date" in str(screen.query_one("#review-comments", Static).content)

            await pilot.press("m")
            await until(pilot, lambda: isinstance(app.screen, CommentPicker))
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            with fresh(path) as ws:
                [note] = ws.comments.all(1, 7)
            assert (note.open, note.resolved_by) == (False, "robert")
            assert "resolved by robert" in str(screen.query_one("#review-comments", Static).content)

    run(scenario)


def test_the_command_palette_offers_the_review_actions(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, _):
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"approve")
            await pilot.pause(0.5)
            options = app.screen.query_one(OptionList)
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert any(prompt.startswith("Approve") for prompt in prompts), prompts

    run(scenario)


# snapshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_review_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       size: tuple[int, int]) -> None:
    freeze_clock(monkeypatch)
    path = in_review(tmp_path)
    with fresh(path) as ws:
        ws.comments.add(1, 16, "Is 보위지도원 always “security guidance officer”?", kind="query", by="robert")
        ws.review.approve(1, 1, by="robert")

    async def on_segment_16(pilot: Pilot) -> None:
        screen = await open_review(pilot)
        screen.go_to(16)
        await pilot.pause()

    assert snap_compare(reviewing(path), terminal_size=size, run_before=on_segment_16)
