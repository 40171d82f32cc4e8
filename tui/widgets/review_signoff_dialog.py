"""The sign-off dialog: what exactly is being signed, in which role, and what is still open.

It reads the document afresh in a worker (the screen's copy may be minutes old) and offers the
button only when nothing blocks; the Workspace checks again when it signs, and its refusal is shown
here as-is. What blocks and what only warns is Review.readiness's answer, the same one `tandem
signoff` gets: warnings (open queries, a translator's sign-off missing or void) are listed, and the
first press asks before signing over them; the second signs over exactly those, not any that
appeared since.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from tui.cells import first_words
from tui.session import Session
from tui.widgets.dialog import Dialog
from tui.widgets.review_data import effort_line
from workflow.models import CONFLICTED, ERRORS, OPEN_QUERIES, UNFINISHED, Comment, Role, Severity, SignOff
from workflow.errors import TandemError
from workflow.i18n import _, ngettext
from workflow.names import name
from workflow.models import Readiness as Rules
from workflow.workspace import Workspace

FIRST_LINES = 3
LINE_CELLS = 72
SHOWN = 8  # segment numbers listed before "and N more"


@dataclass(frozen=True)
class Readiness:
    role: str
    signer: str
    title: str
    segments: int
    words: int
    changed: int
    baseline: str
    first_lines: tuple[tuple[int, str], ...]
    errors: tuple[tuple[int, str], ...]  # open error findings: (segment, message), shown, not decided here
    queries: tuple[Comment, ...]
    standing: SignOff | None  # a valid sign-off in this role on this very text already
    rules: Rules  # the workflow's answer: what blocks, what warns; the dialog only words it

    @property
    def unfinished(self) -> tuple[int, ...]:
        """Segments not yet where this role's sign-off needs them."""
        return self.rules.blocked.get(UNFINISHED, ())

    @property
    def blockers(self) -> list[str]:
        # Short forms of Review.readiness's blockers; a kind it adds unknown here is shown in its words.
        reasons = []
        if self.unfinished:
            reasons.append(_not_done(self.role, len(self.unfinished)))
        if conflicted := self.rules.blocked.get(CONFLICTED):
            reasons.append(ngettext("{count} segment in conflict (resolve it in the editor)",
                                    "{count} segments in conflict (resolve them in the editor)",
                                    len(conflicted)).format(count=len(conflicted)))
        if errors := self.rules.blocked.get(ERRORS):
            reasons.append(ngettext("open error findings in {count} segment (fix or dismiss in the editor)",
                                    "open error findings in {count} segments (fix or dismiss in the editor)",
                                    len(errors)).format(count=len(errors)))
        if not reasons and self.rules.blockers:
            reasons = list(self.rules.blockers)
        return reasons


def readiness(workspace: Workspace, document_id: int, role: str, user: str) -> Readiness:
    document = workspace.documents.get(document_id)
    reports = workspace.review.report(document_id)
    signer = workspace.users.get(user).display_name
    errors = tuple(sorted((v.finding.segment, v.finding.message) for v in workspace.findings.document(document_id)
                          if v.open and v.finding.severity is Severity.ERROR))
    queries = tuple(workspace.comments.open_queries(document_id))
    signoffs = workspace.review.signoffs(document_id)
    baseline = (_("the translator's sign-off") if any(s.role is Role.TRANSLATOR for s in signoffs)
                else _("the first draft"))
    return Readiness(
        role, signer, document.title, len(reports), sum(r.words for r in reports),
        sum(r.changed for r in reports), baseline,
        tuple((r.index, r.text) for r in reports[:FIRST_LINES]), errors, queries,
        workspace.review.valid_signoffs(document_id).get(Role(role)),
        workspace.review.readiness(document_id, role),
    )


def what_text(r: Readiness) -> Text:
    role = name(r.role)
    text = Text(_("{signer} signs “{title}” as its {role}.").format(
        signer=r.signer, title=first_words(r.title, 60), role=role) + "\n\n")
    text.highlight_words([r.signer, role], "bold")
    text.append(_("What is signed: the English of all {count} segments exactly as it stands now;").format(
        count=r.segments) + "\n")
    text.append(_("{changes} since {baseline}").format(changes=effort_line(r.changed, r.words),
                                                       baseline=r.baseline) + ".\n")
    for index, english in r.first_lines:
        text.append(f"{index:>4}  ", style="dim")
        text.append(first_words(english, LINE_CELLS) or _("(no English)"))
        text.append("\n")
    if r.segments > len(r.first_lines):
        text.append("      " + _("… and {count} more segments").format(count=r.segments - len(r.first_lines)) + "\n",
                    style="dim")
    text.append(_("Any later edit to any segment voids this sign-off."), style="italic")
    if r.standing is not None:
        text.append("\n" + _("{name} already signed this exact text as {role}.").format(
            name=r.standing.display_name, role=role), style="dim")
    return text


def open_text(r: Readiness) -> Text:
    text = Text(_("Still open") + "\n", style="bold")
    if r.unfinished:
        text.append(f"✗ {_not_done(r.role, len(r.unfinished))}: {_list(r.unfinished)}\n")
    else:
        done = _("every segment approved") if r.role == "editor" else _("every segment translated")
        text.append(f"✓ {done}\n", style="dim")
    if r.errors:
        segments = sorted({segment for segment, _message in r.errors})
        text.append("✗ " + ngettext("{count} open error finding in segments {segments}",
                                    "{count} open error findings in segments {segments}", len(r.errors)).format(
            count=len(r.errors), segments=_list(segments)) + "\n")
    else:
        text.append("✓ " + _("no open error findings") + "\n", style="dim")
    if conflicted := r.rules.blocked.get(CONFLICTED):
        text.append("✗ " + _("segments in conflict: {segments}").format(segments=_list(conflicted)) + "\n")
    if r.queries:
        text.append("? " + ngettext("{count} open query (signing over it asks first):",
                                    "{count} open queries (signing over them asks first):", len(r.queries)).format(
            count=len(r.queries)) + "\n")
        for query in r.queries[:SHOWN]:
            text.append("    " + _("segment {index}, {author}: {text}").format(
                index=query.segment, author=query.author, text=first_words(query.text, LINE_CELLS - 8)) + "\n")
        if len(r.queries) > SHOWN:
            text.append("    " + _("… and {count} more").format(count=len(r.queries) - SHOWN) + "\n", style="dim")
    else:
        text.append("✓ " + _("no open queries") + "\n", style="dim")
    for signoff in r.rules.void_signoffs:
        text.append("? " + _("void: the {role}'s sign-off by {name} (the text changed since)").format(
            role=name(signoff.role), name=signoff.display_name) + "\n")
    for key, warning in r.rules.warnings.items():
        if key != OPEN_QUERIES:  # listed above, query by query
            text.append("? " + warning + "\n")
    for note in r.rules.notes:
        text.append("· " + note + "\n", style="dim")
    text.rstrip()
    return text


class SignOffDialog(Dialog[SignOff | None]):
    """Dismisses with the new sign-off, or None when cancelled."""

    DEFAULT_CSS = """
    SignOffDialog #signoff-box {
        width: 96;
        overflow-y: auto;
    }
    SignOffDialog #signoff-what, SignOffDialog #signoff-open {
        height: auto;
        margin-bottom: 1;
    }
    """

    class Ready(Message):
        def __init__(self, readiness: Readiness) -> None:
            super().__init__()
            self.readiness = readiness

    class Signed(Message):
        def __init__(self, signoff: SignOff) -> None:
            super().__init__()
            self.signoff = signoff

    def __init__(self, session: Session, document_id: int, role: str) -> None:
        super().__init__()
        self.session = session
        self.document_id = document_id
        self.role = role
        self.readiness: Readiness | None = None
        self.asked = False  # the first press over warnings asks; the second signs over them
        self.refused = ""  # the Workspace's refusal of the last press, kept on screen across the re-check

    def compose(self) -> ComposeResult:
        with Vertical(id="signoff-box", classes="dialog-box"):
            yield Static(_("Checking what is open…"), id="signoff-what", markup=False)
            yield Static("", id="signoff-open", markup=False)
            yield Static("", id="signoff-reason", classes="dialog-error", markup=False)
            with Horizontal(id="signoff-buttons", classes="dialog-buttons"):
                yield Button(_("Sign off as {role}").format(role=name(self.role)), variant="primary", id="signoff-sign",
                             disabled=True)
                yield Button(_("Cancel"), id="signoff-cancel", classes="dialog-cancel")

    def on_mount(self) -> None:
        self.query_one("#signoff-box").border_title = Text(_("Sign off document {id} as {role}").format(
            id=self.document_id, role=name(self.role)))
        self.query_one("#signoff-cancel").focus()
        self.check()

    @work(thread=True, exclusive=True, group="signoff")
    def check(self) -> None:
        try:
            with self.session.workspace() as workspace:
                found = readiness(workspace, self.document_id, self.role, self.session.user)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Ready(found))

    def on_sign_off_dialog_ready(self, message: Ready) -> None:
        self.readiness = found = message.readiness
        self.query_one("#signoff-what", Static).update(what_text(found))
        self.query_one("#signoff-open", Static).update(open_text(found))
        blockers = found.blockers
        reason = _("Cannot sign off yet: {reasons}.").format(reasons="; ".join(blockers)) if blockers else ""
        self.show_error(reason or self.refused)
        self.refused = ""
        self.asked = False
        button = self.query_one("#signoff-sign", Button)
        button.label = _("Sign off as {role}").format(role=name(self.role))
        button.disabled = bool(blockers)
        button.tooltip = reason or None
        if not blockers:
            button.focus()

    @on(Button.Pressed, "#signoff-sign")
    def sign(self) -> None:
        if self.readiness is None or self.readiness.blockers:
            return
        warnings = self.readiness.rules.warnings
        button = self.query_one("#signoff-sign", Button)
        if warnings and not self.asked:
            self.asked = True
            self.show_error(_("Sign off over this? {warnings}. Press “{button}” again to sign over it.").format(
                warnings="; ".join(warnings.values()), button=_("Sign off over it")))
            button.label = _("Sign off over it")
            return
        button.disabled = True
        self.write_signoff(tuple(warnings))

    @work(thread=True, exclusive=True, group="signoff")
    def write_signoff(self, confirmed: tuple[str, ...]) -> None:
        try:
            with self.session.workspace() as workspace:
                signoff = workspace.review.sign_off(self.document_id, self.role, by=self.session.user,
                                                    confirm=confirmed)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Signed(signoff))

    def on_sign_off_dialog_signed(self, message: Signed) -> None:
        self.dismiss(message.signoff)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.show_error(message.problem)
        if self.query_one("#signoff-sign", Button).disabled and self.readiness is not None \
                and not self.readiness.blockers and not self.refused:
            # The sign-off itself was refused (something changed since the dialog read it, e.g. a new
            # query): read again, so the next press asks about what is there now.
            self.refused = message.problem
            self.check()


def _not_done(role: str, n: int) -> str:
    if role == "editor":
        return ngettext("{count} segment not approved", "{count} segments not approved", n).format(count=n)
    return ngettext("{count} segment not translated", "{count} segments not translated", n).format(count=n)


def _list(indexes: tuple[int, ...] | list[int]) -> str:
    shown = ", ".join(map(str, indexes[:SHOWN]))
    return shown + (" " + _("and {count} more").format(count=len(indexes) - SHOWN) if len(indexes) > SHOWN else "")
