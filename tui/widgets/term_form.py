"""The term form: add a term (maintainers), propose one (anyone) or edit one, with a reason.

The dialog stores the term itself, in a thread worker, so that a refusal (a duplicate Korean form, a
missing reason, a lost role) is shown inside it with the fields intact, ready to correct.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Static

from workflow.i18n import N_, _
from glossaries.model import Term
from tui.session import Session
from tui.widgets.dialog import Dialog
from tui.widgets.term_labels import join_variants, split_variants
from workflow.errors import TandemError

Mode = Literal["add", "propose", "edit"]
TITLES = {"add": N_("New term"), "propose": N_("Propose a term"), "edit": N_("Edit term")}
BUTTONS = {"add": N_("Add"), "propose": N_("Propose"), "edit": N_("Save")}
HINTS = {
    "add": N_("Added terms are approved at once and checked in every document."),
    "propose": N_("A terminologist reviews proposals before documents are checked against them."),
    "edit": N_("Every change is a new revision; say why, for whoever reads the history."),
}
# Form field id, label, Term attribute, placeholder.
FIELDS = (
    ("ko", N_("Korean"), "ko", "보위지도원"),
    ("ko-variants", N_("Korean variants"), "ko_variants", N_("separated by |  e.g. 로동당 | 조선로동당")),
    ("en", N_("English"), "en", N_("the preferred rendering")),
    ("en-variants", N_("Admitted"), "en_variants", N_("other renderings that pass, separated by |")),
    ("en-forbidden", N_("Forbidden"), "en_forbidden", N_("renderings to flag, separated by |")),
    ("pos", N_("Part of speech"), "pos", N_("noun, proper noun, verb…")),
    ("domain", N_("Domain"), "domain", N_("politics, labor, names…")),
    ("note", N_("Note"), "note", N_("usage advice for translators")),
)
LISTS = {"ko_variants", "en_variants", "en_forbidden"}
# Checkbox id, label, Term attribute.
FLAGS = (
    ("case-sensitive", N_("Case sensitive (match the English capitals exactly)"), "case_sensitive"),
    ("one-rendering", N_("One rendering per article (once one is used, flag the others)"), "one_rendering"),
)


@dataclass(frozen=True)
class Request:
    mode: Mode
    term: Term  # as the form reads
    reason: str
    term_id: int | None = None  # edit only: which term, and the fields the form changed
    changes: dict[str, Any] = field(default_factory=dict)


class TermForm(Dialog[int | None]):
    """Dismisses with the stored term's id, or None when cancelled."""

    DEFAULT_CSS = """
    TermForm #term-box {
        overflow-y: auto;
    }
    TermForm #term-hint {
        height: auto;
        color: $text-muted;
        margin-bottom: 1;
    }
    TermForm .field {
        height: auto;
    }
    TermForm .field Label {
        width: 17;
        color: $text-muted;
    }
    TermForm .field Input {
        width: 1fr;
    }
    """

    class Saved(Message):
        def __init__(self, term_id: int) -> None:
            super().__init__()
            self.term_id = term_id

    def __init__(self, session: Session, mode: Mode, term: Term | None = None) -> None:
        super().__init__()
        if mode == "edit" and term is None:
            raise ValueError("editing needs the term to edit")
        self.session = session
        self.mode: Mode = mode
        self.original = term

    def compose(self) -> ComposeResult:
        with Vertical(id="term-box", classes="dialog-box"):
            yield Static(_(HINTS[self.mode]), id="term-hint", markup=False)
            for field_id, label, attribute, placeholder in FIELDS:
                value = self._initial(attribute)
                with Horizontal(classes="field"):
                    yield Label(_(label))
                    yield Input(str(value), placeholder=_(placeholder), id=field_id, compact=True)
            for flag_id, label, attribute in FLAGS:
                yield Checkbox(_(label), bool(self._initial(attribute)), id=flag_id, compact=True)
            with Horizontal(classes="field"):
                yield Label(_("Reason"))
                reason_hint = _("required: why the term changes") if self.mode == "edit" else _("optional")
                yield Input(placeholder=reason_hint, id="reason", compact=True)
            yield Static("", id="term-error", classes="dialog-error banner", markup=False)
            with Horizontal(id="term-buttons", classes="dialog-buttons"):
                yield Button(_(BUTTONS[self.mode]), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", classes="dialog-cancel", compact=True)

    def on_mount(self) -> None:
        title = _(TITLES[self.mode])
        if self.original is not None:
            title = f"{title} #{self.original.id}: {self.original.ko}"
        self.query_one("#term-box").border_title = title

    def _initial(self, attribute: str) -> object:
        if self.original is None:
            return False if attribute in {a for _id, _label, a in FLAGS} else ""
        value = getattr(self.original, attribute)
        return join_variants(value) if attribute in LISTS else value

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def start(self) -> None:
        self.submit(self._request, self.store)

    def _request(self) -> Request:
        values: dict[str, Any] = {}
        for field_id, _label, attribute, _placeholder in FIELDS:
            text = self.query_one(f"#{field_id}", Input).value
            values[attribute] = split_variants(text) if attribute in LISTS else text.strip()
        for flag_id, _label, attribute in FLAGS:
            values[attribute] = self.query_one(f"#{flag_id}", Checkbox).value
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not values["ko"] or not values["en"]:
            raise ValueError(_("A term needs its Korean and its preferred English."))
        if self.original is None:
            return Request(self.mode, Term(**values), reason)
        if not reason:
            raise ValueError(_("Say why the term changes; the reason is kept in its history."))
        # Only what this form changed, so a colleague's edit to another field since is kept.
        changes = {name: value for name, value in values.items()
                   if value != getattr(self.original, name)}
        if not changes:
            raise ValueError(_("Nothing changed; edit a field, or cancel."))
        return Request(self.mode, replace(self.original, **changes), reason, self.original.id, changes)

    @work(thread=True, exclusive=True, group="term-form")
    def store(self, request: Request) -> None:
        by = self.session.user
        try:
            with self.session.workspace() as workspace:
                glossary = workspace.glossary
                if request.term_id is not None:
                    stored = glossary.edit(request.term_id, by=by, reason=request.reason,
                                           **request.changes)
                elif request.mode == "add":
                    stored = glossary.add(request.term, by=by, reason=request.reason or "added")
                else:
                    stored = glossary.propose(request.term, by=by, reason=request.reason or "proposed")
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Saved(int(stored.id or 0)))

    def on_term_form_saved(self, message: Saved) -> None:
        self.running = False
        self.dismiss(message.term_id)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.set_running(False)
        self.show_error(message.problem)
