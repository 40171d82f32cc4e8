"""The Tandem application: opens the workspace, then shows its documents."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Header, Static

from tui.screens.documents import DocumentsScreen
from tui.screens.problem import ProblemScreen
from tui.session import Session
from workflow.errors import TandemError


class TandemApp(App):
    TITLE = "Tandem"
    CSS_PATH = "tandem.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", description="Quit"),
    ]

    class WorkspaceReady(Message):
        def __init__(self, known_user: bool) -> None:
            super().__init__()
            self.known_user = known_user

    class WorkspaceFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, workspace_path: Path, user: str) -> None:
        super().__init__()
        self.session = Session(Path(workspace_path), user)
        self.sub_title = f"{self.session.path.name} · {user}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Opening {self.session.path}…", id="opening", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.open_workspace()

    @work(thread=True, exclusive=True, group="workspace")
    def open_workspace(self) -> None:
        # Opening may run schema migrations, so it stays off the event loop like any other I/O.
        try:
            with self.session.workspace() as workspace:
                known = workspace.find_user(self.session.user) is not None
        except TandemError as exc:
            self.post_message(self.WorkspaceFailed(str(exc)))
        else:
            self.post_message(self.WorkspaceReady(known))

    def on_tandem_app_workspace_ready(self, message: WorkspaceReady) -> None:
        if not message.known_user:
            self.notify(
                f"{self.session.user} is not a user of this workspace yet; "
                "you can read, and an admin can add you with `tandem users add`.",
                severity="warning",
            )
        self.push_screen(DocumentsScreen(self.session))

    def on_tandem_app_workspace_failed(self, message: WorkspaceFailed) -> None:
        self.push_screen(ProblemScreen(message.problem))
        self.notify(message.problem, title="Cannot open the workspace", severity="error")


def run_app(workspace_path: Path | str, user: str) -> None:
    TandemApp(Path(workspace_path), user).run()
