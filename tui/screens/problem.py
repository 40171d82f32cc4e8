"""Shown instead of the documents when the workspace file cannot be used at all."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.widgets.keys_footer import LocalizedFooter
from workflow.i18n import _


class ProblemScreen(Screen):
    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="problem-box"):
            yield Static(_("Cannot open the workspace"), id="problem-title", markup=False)
            yield Static(self.problem, id="problem", markup=False)
            yield Static(_("Press q to quit."), id="problem-hint", markup=False)
        yield LocalizedFooter()
