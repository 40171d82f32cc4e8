"""The desk in numbers (issue 17 §5): the stats panel over the whole workspace, or from a day on.

The figures are computed in a worker (a workspace's years of sign-offs take a moment to read and
diff); each answer carries the request it answers, and only the latest one is shown.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from tui.session import Session
from tui.widgets.keys_footer import LocalizedFooter
from tui.widgets.stats_panel import StatsPanel
from workflow.errors import TandemError
from workflow.i18n import N_, _


class StatsScreen(Screen[None]):
    DEFAULT_CSS = """
    StatsScreen #stats-bar {
        height: 1;
        margin: 1 1 0 1;
    }
    StatsScreen #stats-bar Label {
        padding: 0 1 0 0;
    }
    StatsScreen #stats-since {
        width: 16;
    }
    StatsScreen #stats-problem {
        height: auto;
        margin: 0 1;
        color: $error;
    }
    StatsScreen StatsPanel {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", description=N_("Back")),
        Binding("r", "reload", description=N_("Reload"), tooltip=N_("Count again from the workspace as it is now")),
    ]

    class Counted(Message):
        def __init__(self, request: int, stats: Any) -> None:
            super().__init__()
            self.request = request
            self.stats = stats

    class Failed(Message):
        def __init__(self, request: int, problem: str) -> None:
            super().__init__()
            self.request = request
            self.problem = problem

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.title = _("The desk in numbers")
        self._request = 0
        self.stats: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="stats-bar"):
            yield Label(_("Since"))
            yield Input(placeholder=_("any date"), id="stats-since", compact=True)
        yield Static("", id="stats-problem", markup=False)
        yield StatsPanel(id="stats-panel")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one(StatsPanel).focus()
        self._ask()

    @on(Input.Submitted)
    def since_given(self) -> None:
        self._ask()
        self.query_one(StatsPanel).focus()

    def action_reload(self) -> None:
        self._ask()

    def action_back(self) -> None:
        self.dismiss(None)

    def _ask(self) -> None:
        self._request += 1
        self.count(self._request, self.query_one("#stats-since", Input).value)

    @work(thread=True, exclusive=True, group="stats")
    def count(self, request: int, since: str) -> None:
        try:
            with self.session.workspace() as workspace:
                stats = workspace.stats.desk(since or None)
        except TandemError as exc:
            # The date field is the option here: its problem alone, not "--since: …".
            self.post_message(self.Failed(request, getattr(exc, "problem", str(exc))))
            return
        self.post_message(self.Counted(request, stats))

    def on_stats_screen_counted(self, message: Counted) -> None:
        if message.request != self._request:
            return  # an answer to a date since typed over
        self.stats = message.stats
        self.query_one("#stats-problem", Static).update("")
        self.query_one(StatsPanel).show(message.stats)

    def on_stats_screen_failed(self, message: Failed) -> None:
        if message.request == self._request:
            self.query_one("#stats-problem", Static).update(message.problem)
