"""Messages on small screens and in Korean: every character drawn, long ones wrapped whole.

`screen_text` and `assert_shown_whole` read what the compositor would put on the terminal; the
editor's snapshot tests (80x24 and 160x48, both languages) can use them as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.widgets import Static

from tests.tui_helpers import run, until
from tui.widgets.toast import keep_wide_characters_whole

TCSS = Path(__file__).resolve().parent.parent / "tui" / "tandem.tcss"
KOREAN = "오류 지적 2건이 남아 있습니다 (영어에 한국어 “외화벌이”가 남아 있습니다). 먼저 고치거나 해제하십시오"
REFUSAL = ("segment 6 cannot be marked translated: 2 error findings remain (Korean “외화벌이” left in the "
           "English; “Labor Party” is forbidden for 로동당 (로동당 (listed North Korean spelling of 노동당) for "
           "Workers' Party); use “Workers' Party”); fix or dismiss them first")
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen_text(app: App) -> list[str]:
    """The screen's lines as the terminal shows them (every layer, toasts included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _squeezed(text: str) -> str:
    return re.sub(r"[\s▌▐│]", "", text)


def region_text(app: App, region: Region) -> list[str]:
    """The lines of one part of the screen (a toast, the notice) as the terminal shows them."""
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


def assert_shown_whole(app: App, message: str, region: Region | None = None) -> None:
    """Every character of `message` is on screen (or in `region`) in order, however it was wrapped."""
    lines = region_text(app, region) if region is not None else screen_text(app)
    assert _squeezed(message) in _squeezed("".join(lines)), "\n".join(screen_text(app))


def toast_region(app: App) -> Region:
    return app.screen.query_one("Toast").region


class Columns(App):
    """Seven widgets side by side: their edges cross any toast at many columns, as the editor's do."""

    CSS = "Horizontal Static { width: 1fr; height: 1fr; }"

    def __init__(self) -> None:
        keep_wide_characters_whole()
        super().__init__()

    def compose(self) -> ComposeResult:
        with Horizontal():
            for index in range(7):
                yield Static(str(index))


@pytest.mark.parametrize("width", [80, 160])
def test_a_korean_toast_over_many_widgets_keeps_every_syllable(width: int) -> None:
    async def scenario() -> None:
        app = Columns()
        async with app.run_test(size=(width, 24), notifications=True) as pilot:
            app.notify(KOREAN, title="세그먼트 6", markup=False)
            await until(pilot, lambda: bool(app.screen.query("Toast")))
            assert_shown_whole(app, KOREAN, toast_region(app))

    run(scenario)


def test_a_partial_update_under_a_toast_never_cuts_a_syllable_in_half() -> None:
    """A widget under the toast repaints (a cursor blinking): the span is repainted, and what goes to
    the terminal is what the screen shows, cell for cell, for spans at every column of the toast."""

    async def scenario() -> None:
        app = Columns()
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            app.notify(KOREAN, markup=False)
            await until(pilot, lambda: bool(app.screen.query("Toast")))
            await pilot.pause()
            compositor = app.screen._compositor
            shown = [strip for strip in compositor.render_strips()]
            toast = app.screen.query_one("Toast").region
            for x in range(toast.x, toast.right - 1):
                compositor._dirty_regions.add(Region(x, toast.y, 1, toast.height))
                update = compositor.render_partial_update()
                assert update is not None
                writes = _writes(update.render_segments(app.console))
                for (row, column), text in writes:
                    expected = shown[row].crop(column, column + cell_len(text)).text
                    assert text == expected, (x, row, column)
                for row in range(toast.y, toast.bottom):  # and the whole span was repainted
                    assert any(r == row and c <= x < c + cell_len(t) for (r, c), t in writes), (x, row)

    run(scenario)


def _writes(sequence: str) -> list[tuple[tuple[int, int], str]]:
    """(row, column) and the text written there, from a run of cursor moves and styled text."""
    writes = []
    for move in re.finditer(r"\x1b\[(\d+);(\d+)H((?:(?!\x1b\[\d+;\d+H).)*)", sequence, re.S):
        text = _ESCAPES.sub("", move.group(3)).replace("\n", "")
        if text:
            writes.append(((int(move.group(1)) - 1, int(move.group(2)) - 1), text))
    return writes


def test_english_toasts_at_80_columns_keep_the_korean_they_quote(demo) -> None:
    from tui.app import TandemApp

    async def scenario() -> None:
        app = TandemApp(demo, "david")
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await until(pilot, lambda: app.screen.__class__.__name__ == "DocumentsScreen")
            message = "Korean “외화벌이” left in the English; use “earning foreign currency”"
            app.notify(message, markup=False)
            await until(pilot, lambda: bool(app.screen.query("Toast")))
            assert_shown_whole(app, message, toast_region(app))

    run(scenario)


class NoticeBar(App):
    """The editor's bottom bar as tandem.tcss lays it out: a notice over the status and the keys."""

    CSS_PATH = TCSS

    def compose(self) -> ComposeResult:
        yield Static("segments", id="segments")
        with Vertical(id="bottom"):
            yield Static("", id="notice", markup=False, classes="problem")
            yield Static("◻0 ✎16 ✓0", id="progress", markup=False)


@pytest.mark.parametrize(("width", "message"), [(80, REFUSAL), (80, KOREAN * 2), (160, REFUSAL)])
def test_a_long_notice_wraps_whole_instead_of_being_cut(width: int, message: str) -> None:
    async def scenario() -> None:
        app = NoticeBar()
        async with app.run_test(size=(width, 24)) as pilot:
            app.query_one("#notice", Static).update(message)
            await pilot.pause()
            assert_shown_whole(app, message, app.query_one("#notice").region)
            assert "segments" in screen_text(app)[0]

    run(scenario)
