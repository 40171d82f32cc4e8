"""A maintainer's decision on a term: approve or reject a proposal, or deprecate a term, with a reason.

Like the term form, the dialog stores the decision in a thread worker and keeps a refusal inside
itself (someone else decided first, the role was taken away) rather than closing on it.
"""

from __future__ import annotations

from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from workflow.i18n import N_, _
from glossaries.model import Term
from tui.session import Session
from tui.widgets.dialog import Dialog
from tui.widgets.term_labels import status_label
from workflow.errors import TandemError

Decision = Literal["approve", "reject", "deprecate"]
TITLES = {"approve": N_("Approve"), "reject": N_("Reject"), "deprecate": N_("Deprecate")}
BOX_TITLES = {"approve": N_("Approve a term"), "reject": N_("Reject a term"), "deprecate": N_("Deprecate a term")}
HINTS = {
    "approve": N_("Approved terms are checked in every document from now on."),
    "reject": N_("The proposal stays in the glossary's history, marked rejected."),
    "deprecate": N_("Deprecated terms are no longer checked; their history is kept."),
}
REASON_NEEDED = {
    "approve": N_("Say why you approve it; the reason is kept in its history."),
    "reject": N_("Say why you reject it; the reason is kept in its history."),
    "deprecate": N_("Say why you deprecate it; the reason is kept in its history."),
}
# What a decision without a reason records; rejecting or deprecating has to say why.
DEFAULT_REASONS: dict[Decision, str] = {"approve": "approved"}


class TermDecision(Dialog[int | None]):
    """Dismisses with the term's id once the decision is stored, or None when cancelled."""

    DEFAULT_CSS = """
    TermDecision #decision-box {
        width: 72;
    }
    TermDecision #decision-term {
        height: auto;
        text-style: bold;
    }
    TermDecision #decision-hint {
        height: auto;
        color: $text-muted;
        margin-bottom: 1;
    }
    TermDecision .field {
        height: auto;
    }
    TermDecision .field Label {
        width: 8;
        color: $text-muted;
    }
    TermDecision .field Input {
        width: 1fr;
    }
    TermDecision #decision-buttons {
        margin-top: 1;
    }
    """

    class Stored(Message):
        def __init__(self, term_id: int) -> None:
            super().__init__()
            self.term_id = term_id

    def __init__(self, session: Session, decision: Decision, term: Term) -> None:
        super().__init__()
        self.session = session
        self.decision: Decision = decision
        self.term = term

    def compose(self) -> ComposeResult:
        term = self.term
        with Vertical(id="decision-box", classes="dialog-box"):
            yield Static(f"#{term.id}  {term.ko} → {term.en}  ({status_label(term.status)})",
                         id="decision-term", markup=False)
            yield Static(_(HINTS[self.decision]), id="decision-hint", markup=False)
            with Horizontal(classes="field"):
                yield Label(_("Reason"))
                optional = self.decision in DEFAULT_REASONS
                yield Input(placeholder=_("optional") if optional else _("required: why"), id="reason",
                            compact=True)
            yield Static("", id="decision-error", classes="dialog-error banner", markup=False)
            with Horizontal(id="decision-buttons", classes="dialog-buttons"):
                yield Button(_(TITLES[self.decision]), variant="primary", id="decide", compact=True)
                yield Button(_("Cancel"), id="cancel", classes="dialog-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#decision-box").border_title = _(BOX_TITLES[self.decision])

    @on(Button.Pressed, "#decide")
    @on(Input.Submitted)
    def start(self) -> None:
        if self.running:
            return
        reason = " ".join(self.query_one("#reason", Input).value.split())
        reason = reason or DEFAULT_REASONS.get(self.decision, "")
        if not reason:
            self.show_error(_(REASON_NEEDED[self.decision]))
            return
        self.show_error("")
        self.set_running(True)
        self.store(reason)

    @work(thread=True, exclusive=True, group="term-decision")
    def store(self, reason: str) -> None:
        term_id = int(self.term.id or 0)
        try:
            with self.session.workspace() as workspace:
                decide = getattr(workspace.glossary, self.decision)
                decide(term_id, by=self.session.user, reason=reason)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Stored(term_id))

    def on_term_decision_stored(self, message: Stored) -> None:
        self.running = False
        self.dismiss(message.term_id)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.set_running(False)
        self.show_error(message.problem)
