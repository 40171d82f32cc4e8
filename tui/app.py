"""The Tandem application: opens the workspace, then shows its documents."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.editor.reads import load_document
from tui.inert import keep_control_characters_inert
from tui.live import LiveRefresh
from tui.screens.document import DocumentScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.problem import ProblemScreen
from tui.session import Session
from tui.widgets.key_order import hold_for_focus
from tui.widgets.keys_footer import LocalizedFooter
from tui.widgets.toast import keep_wide_characters_whole
from workflow.errors import TandemError
from workflow.i18n import N_, _
from workflow.models import Home, Start, User
from workflow.workspace import (Location, MorphologyHelper, WorkspaceLocation, allow_model, keep_model_out,
                                model_allowed)


class TandemApp(LiveRefresh, App):
    TITLE = "Tandem"
    CSS_PATH = "tandem.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", description=N_("Quit")),
    ]

    class WorkspaceReady(Message):
        def __init__(self, known_user: bool, document=None, home: Home | None = None) -> None:
            super().__init__()
            self.known_user = known_user
            self.document = document  # the document to open, read on the same trip (DocumentData)
            self.home = home  # where the person's work is (workflow.home), when the app starts there

    class WorkspaceFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, workspace: Location, user: str, document_id: int | None = None, *,
                 home: bool = False) -> None:
        """The app of `user`, whom the caller established (workflow.identity; a `tandem serve`
        browser session's login, tui/served.py): nothing in the app changes who is working.

        A `document_id` opens that document's editor for anyone. With `home`, the person's roles
        decide where they start (workflow.home) and `document_id` is only the document the launch
        is about (the demo's article), which a translator opens."""
        keep_wide_characters_whole()  # before the first paint: toasts over the editor drop Hangul otherwise
        super().__init__()
        keep_control_characters_inert()  # stored text's ESC never reaches the terminal (tui/inert.py)
        location = WorkspaceLocation.of(workspace)
        self.session = Session(location, user)
        # A file by its name; a database by its address (without a password), which says which server.
        self.sub_title = f"{location.name if location.is_file else location.display} · {user}"
        self.document_id = document_id
        self._home = home
        self._quit_unsaved = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Opening {path}…").format(path=self.session.location.display), id="opening", markup=False)
        yield LocalizedFooter()

    def on_mount(self) -> None:
        # A session never loads the Korean morphology model (~300 MB): it reads the decisions stored
        # in the workspace, and what is missing there a helper process decides (word_decisions).
        self._model_was_allowed = model_allowed()
        keep_model_out()
        self._decisions: MorphologyHelper | None = None
        self.open_workspace()
        if not self.is_headless:
            # A closed terminal (SIGHUP) or a polite kill (SIGTERM) exits cleanly, which saves
            # whatever the editor holds; only SIGKILL loses the last idle interval.
            loop = asyncio.get_running_loop()
            for hang_up in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(hang_up, self.exit)

    async def action_quit(self) -> None:
        """Quit, but write what was typed first; a failed save asks for a second quit."""
        if await self.saved_to_leave():
            self.exit()

    async def saved_to_leave(self) -> bool:
        """Writes what was typed; False (once) where some of it could not be, after saying so."""
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is not None and not await flush() and not self._quit_unsaved:
                self._quit_unsaved = True
                self.notify(_("Some English could not be saved (see the editor). Quit again to leave anyway."),
                            title=_("Not saved"), severity="error")
                return False
        return True

    async def on_event(self, event) -> None:
        if not hold_for_focus(self, event):  # keys typed while a dialog mounts (key_order.py)
            await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key binding the screen shows, so nothing is footer-only."""
        for command in super().get_system_commands(screen):  # Textual's own, in TEXTUAL_WORDS
            yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            keys = self.get_key_display(binding)
            yield SystemCommand(_(binding.tooltip or binding.description), _("key: {keys}").format(keys=keys),
                                partial(self._run_binding, binding.action, active.node))

    def _run_binding(self, action: str, node) -> None:
        self.call_later(self.run_action, action, node)

    @work(thread=True, exclusive=True, group="workspace")
    def open_workspace(self) -> None:
        # Opening may run schema migrations, so it stays off the event loop like any other I/O.
        try:
            with self.session.workspace() as workspace:
                user = workspace.users.find(self.session.user)
                start = self._where(workspace, user)
                if start is not None and start.start is Start.EDITOR:
                    self.document_id = start.document_id
                document = self._document(workspace) if start is None or start.document_id else None
                ready = self.WorkspaceReady(user is not None, document=document, home=start)
        except TandemError as exc:
            self.post_message(self.WorkspaceFailed(str(exc)))
        else:
            self.post_message(ready)

    def _where(self, workspace, user: User | None) -> Home | None:
        """Where the person starts, when the app was asked to start where their work is."""
        if not self._home:
            return None
        return workspace.desk.home(user, self.document_id)  # a queue the desk assigned comes first

    def _document(self, workspace):
        """The document to open, read on the same trip, so the editor's first frame shows it; a
        document that cannot be read is left to the editor, which says why in its own words."""
        if self.document_id is None:
            return None
        try:
            return load_document(workspace, self.document_id, self.session.user)
        except TandemError:
            return None

    def on_tandem_app_workspace_ready(self, message: WorkspaceReady) -> None:
        self.start_polling(self.session.location)  # other people's changes show up on their own
        if self._decisions is None:  # a workspace made before decisions were stored is swept meanwhile
            self._decisions = MorphologyHelper(self.session.location)
            self._decisions.start()
        if not message.known_user:
            self.notify(
                _("{user} is not a user of this workspace yet; you can read, and an admin can add you with "
                  "`tandem users add`.").format(user=self.session.user),
                severity="warning",
            )
        start = message.home.start if message.home is not None else None
        if start is Start.REVIEW_QUEUE:
            self.push_screen(DocumentsScreen(self.session, queue=True))
        elif start is Start.GLOSSARY:
            from tui.screens.glossary import GlossaryScreen

            # Under it the documents list, where the glossary's Back leads.
            self.push_screen(DocumentsScreen(self.session))
            self.push_screen(GlossaryScreen(self.session, proposals_first=True))
        elif self.document_id is None or start is Start.DOCUMENTS:
            self.push_screen(DocumentsScreen(self.session))
        else:
            # Straight to the document; the documents list is built when the editor closes, so
            # its queries do not compete with the document's first paint.
            self.push_screen(DocumentScreen(self.session, self.document_id, data=message.document),
                             self._editor_closed)

    def _editor_closed(self, _result: object = None) -> None:
        if not any(isinstance(screen, DocumentsScreen) for screen in self.screen_stack):
            self.push_screen(DocumentsScreen(self.session))

    def on_unmount(self) -> None:
        self.stop_polling()
        if self._decisions is not None:
            self._decisions.stop()
        if self._model_was_allowed:  # an app run inside a longer process (tests) leaves it as it was
            allow_model()

    def on_tandem_app_workspace_failed(self, message: WorkspaceFailed) -> None:
        self.push_screen(ProblemScreen(message.problem))
        self.notify(message.problem, title=_("Cannot open the workspace"), severity="error")


def run_app(workspace: Location, user: str, document_id: int | None = None, *,
            home: bool = False) -> None:
    TandemApp(workspace, user, document_id, home=home).run()
