"""The Tandem application: opens the workspace, then shows its documents."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.screens.document import DocumentScreen
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

    def __init__(self, workspace_path: Path, user: str, document_id: int | None = None) -> None:
        super().__init__()
        self.session = Session(Path(workspace_path), user)
        self.sub_title = f"{self.session.path.name} · {user}"
        self.document_id = document_id
        self._quit_unsaved = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Opening {self.session.path}…", id="opening", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.open_workspace()
        if not self.is_headless:
            # A closed terminal (SIGHUP) or a polite kill (SIGTERM) exits cleanly, which saves
            # whatever the editor holds; only SIGKILL loses the last idle interval.
            loop = asyncio.get_running_loop()
            for hang_up in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(hang_up, self.exit)

    async def action_quit(self) -> None:
        """Quit, but write what was typed first; a failed save asks for a second quit."""
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is not None and not await flush() and not self._quit_unsaved:
                self._quit_unsaved = True
                self.notify("Some English could not be saved (see the editor). Quit again to leave anyway.",
                            title="Not saved", severity="error")
                return
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key binding the screen shows, so nothing is footer-only."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            keys = self.get_key_display(binding)
            yield SystemCommand(binding.tooltip or binding.description, f"key: {keys}",
                                partial(self._run_binding, binding.action, active.node))

    def _run_binding(self, action: str, node) -> None:
        self.call_later(self.run_action, action, node)

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
        if self.document_id is None:
            self.push_screen(DocumentsScreen(self.session))
        else:
            # Straight to the document; the documents list is built when the editor closes, so
            # its queries do not compete with the document's first paint.
            self.push_screen(DocumentScreen(self.session, self.document_id), self._editor_closed)

    def _editor_closed(self, _result: object = None) -> None:
        if not any(isinstance(screen, DocumentsScreen) for screen in self.screen_stack):
            self.push_screen(DocumentsScreen(self.session))

    def on_tandem_app_workspace_failed(self, message: WorkspaceFailed) -> None:
        self.push_screen(ProblemScreen(message.problem))
        self.notify(message.problem, title="Cannot open the workspace", severity="error")


def run_app(workspace_path: Path | str, user: str, document_id: int | None = None) -> None:
    TandemApp(Path(workspace_path), user, document_id).run()
