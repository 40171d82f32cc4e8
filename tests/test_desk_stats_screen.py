"""The stats screen (issue 17 §5), driven by Pilot on the fixed-time desk of test_desk_stats: it opens
from the documents screen with `s`, shows the figures the workspace computes, and counts again from a
day typed into its date field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from test_desk_stats import desk, seoul  # noqa: F401 - the fixed-time workspace, read in Seoul
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.stats import StatsScreen
from tui.widgets.stats_panel import BarChart, Columns
from tui_helpers import run, until

SIZE = (80, 24)


def test_the_stats_screen_shows_the_desk_in_numbers(desk: Path):  # noqa: F811
    async def scenario() -> None:
        app = TandemApp(desk, "admin")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, StatsScreen) and app.screen.stats is not None)
            screen = app.screen
            summary = str(screen.query_one("#stats-summary", Static).render())
            assert summary == "4 articles imported, 3 finished; median 24 hours from import to an editor's sign-off"
            columns = list(screen.query(Columns))
            assert columns[0].values == [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0]  # imported per day, 30 Nov to today, 10 Dec
            assert columns[2].values == [0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0]  # finished
            people, dismissed = screen.query(BarChart)
            assert [(name, value) for name, value, _ in people.rows] == [
                ("Robert Lauler", 3), ("David Black", 2), ("Jane Kim", 1)]
            assert people.rows[1][2] == "translated 2 (13 words)"
            assert dismissed.rows == [("text.doubled_word", 2, "2")]
            # Effort: one time line of weeks for both translators; jane had no article the second week.
            assert [c.values for c in columns[4:]] == [[1 / 9, 4 / 9], [0.0, None]]
            drawn = str(people.render()).splitlines()
            assert drawn[0].startswith("Robert Lauler █") and drawn[0].endswith("edited 3 (19 words)")

            since = screen.query_one("#stats-since", Input)
            since.value = "2026-12-08"
            since.focus()
            await pilot.press("enter")
            await until(pilot, lambda: screen.stats.since is not None)
            assert str(screen.query_one("#stats-summary", Static).render()) == (
                "Since Dec 8, 2026: 2 articles imported, 1 finished; median 4 hours from import to an "
                "editor's sign-off")
            since.value = "someday"
            since.focus()
            await pilot.press("enter")
            await until(pilot, lambda: "someday" in str(screen.query_one("#stats-problem", Static).render()))
            assert screen.stats.since is not None  # the figures last counted stay
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))

    run(scenario)
