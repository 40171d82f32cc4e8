"""Assigning a document from the desk view: its translator, editor, due time and priority.

The dialog offers the users who hold each role; the workspace decides the rest (who may assign, the
translator and the editor being two people, how the due time reads) and its refusal is shown here,
the dialog left open. Each change is its own audited write, made in a worker as the CLI makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from tui.cells import first_words
from tui.session import Session
from tui.widgets.dialog import Dialog
from workflow.errors import TandemError
from workflow.i18n import _
from workflow.models import Role

NOBODY = ""
PRIORITIES = ("breaking", "normal", "feature")


@dataclass(frozen=True)
class Change:
    translator: str | None
    editor: str | None
    due: str | None  # as typed; None: left as it was; "": no due time
    priority: str | None  # None: left as it was


class AssignDialog(Dialog[bool | None]):
    """Dismisses with True once the changes are stored, None when cancelled."""

    DEFAULT_CSS = """
    AssignDialog #assign-about {
        height: auto;
        color: $text-muted;
        margin-bottom: 1;
    }
    AssignDialog .field {
        height: auto;
    }
    AssignDialog .field {
        margin-bottom: 1;
    }
    AssignDialog .field Label {
        width: 12;
        padding: 0 1 0 0;
    }
    AssignDialog .field Select, AssignDialog .field Input {
        width: 1fr;
    }
    """

    class Stored(Message):
        pass

    def __init__(self, session: Session, row: Any, users: list) -> None:
        super().__init__()
        self.session = session
        self.row = row  # the DeskRow the dialog was opened on
        self.users = users
        self._due_shown = row.due_text

    def compose(self) -> ComposeResult:
        a = self.row.assignment
        with Vertical(id="assign-box", classes="dialog-box"):
            yield Static(Text(first_words(f"{self.row.summary.id} {self.row.summary.title}", 160)),
                         id="assign-about", markup=False)
            for role, current in ((Role.TRANSLATOR, a.translator), (Role.EDITOR, a.editor)):
                with Horizontal(classes="field"):
                    yield Label(_("Translator") if role is Role.TRANSLATOR else _("Editor"))
                    yield Select(self._people(role), value=current or NOBODY, allow_blank=False,
                                 id=f"assign-{role.value}", compact=True)
            with Horizontal(classes="field"):
                yield Label(_("Due"))
                yield Input(value=self._due_shown, placeholder=_("18:00, or a date and time"), id="assign-due",
                            compact=True)
            with Horizontal(classes="field"):
                yield Label(_("Priority"))
                yield Select([(self._priority(p), p) for p in PRIORITIES], value=a.priority, allow_blank=False,
                             id="assign-priority", compact=True)
            yield Static("", id="assign-error", classes="dialog-error", markup=False)
            with Horizontal(id="assign-buttons", classes="dialog-buttons"):
                yield Button(_("Assign"), variant="primary", id="assign-ok")
                yield Button(_("Cancel"), id="assign-cancel", classes="dialog-cancel")

    def _people(self, role: Role) -> list[tuple[str, str]]:
        people = [(f"{u.name} ({u.display_name})" if u.display_name != u.name else u.name, u.name)
                  for u in self.users if u.has(role) and not u.disabled]
        return [(_("nobody"), NOBODY), *people]

    @staticmethod
    def _priority(priority: str) -> str:
        from workflow.names import name

        return name(priority)

    def on_mount(self) -> None:
        self.query_one("#assign-box").border_title = _("Assign")
        self.query_one("#assign-translator", Select).focus()

    @on(Button.Pressed, "#assign-ok")
    @on(Input.Submitted)
    def start(self) -> None:
        self.submit(self._change, self.store)

    def _change(self) -> Change:
        a = self.row.assignment

        def chosen(role: str) -> str | None:
            value = self.query_one(f"#assign-{role}", Select).value
            return value if isinstance(value, str) and value != NOBODY else None

        due = self.query_one("#assign-due", Input).value.strip()
        priority = self.query_one("#assign-priority", Select).value
        return Change(chosen("translator"), chosen("editor"),
                      None if due == self._due_shown else due,
                      None if priority == a.priority else str(priority))

    @work(thread=True, exclusive=True, group="assign")
    def store(self, change: Change) -> None:
        a, doc, by = self.row.assignment, self.row.summary.id, self.session.user
        try:
            with self.session.workspace() as workspace:
                steps = [("translator", change.translator, a.translator), ("editor", change.editor, a.editor)]
                if change.translator is not None and change.translator == a.editor:
                    # The editor moves to translating: their step is given away first, so no one is
                    # ever both at once (the two trading places leave the editor's step empty a moment).
                    steps = [("editor", None, a.editor), *steps] if change.editor == a.translator else steps[::-1]
                for role, person, before in steps:
                    if person != before:
                        workspace.desk.assign(doc, role, person, by=by)
                if change.due is not None or change.priority is not None:
                    workspace.desk.set_due(doc, change.due, change.priority, by=by)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Stored())

    def on_assign_dialog_stored(self, message: Stored) -> None:
        self.running = False
        self.dismiss(True)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.set_running(False)
        self.show_error(message.problem)
