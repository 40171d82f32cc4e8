"""The sign-off dialog: what exactly is being signed, in which role, and what is still open.

It reads the document afresh in a worker (the screen's copy may be minutes old) and offers the
button only when nothing blocks; the Workspace checks again when it signs, and its refusal is shown
here as-is. Open queries are listed but do not block: the workflow does not make them a condition.
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
from workflow.checks.model import Severity
from workflow.errors import TandemError
from workflow.models import Comment, Role, SegmentState, SignOff
from workflow.workspace import Workspace

FIRST_LINES = 3
LINE_CELLS = 72
SHOWN = 8  # segment numbers listed before "and N more"
DONE = {"editor": {SegmentState.APPROVED}, "translator": {SegmentState.TRANSLATED, SegmentState.APPROVED}}
NOT_DONE = {"editor": "not approved", "translator": "not translated"}


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
    unfinished: tuple[int, ...]  # segments not yet where this role's sign-off needs them
    errors: tuple[tuple[int, str], ...]  # open error findings: (segment, message)
    queries: tuple[Comment, ...]
    standing: SignOff | None  # a valid sign-off in this role on this very text already

    @property
    def blockers(self) -> list[str]:
        # Errors block the editor too: DESIGN's rule ("errors block sign-off unless dismissed").
        reasons = []
        if self.unfinished:
            reasons.append(f"{_count(len(self.unfinished), 'segment')} {NOT_DONE[self.role]}")
        if self.errors:
            reasons.append(f"{_count(len(self.errors), 'open error finding')} (fix or dismiss in the editor)")
        return reasons


def readiness(workspace: Workspace, document_id: int, role: str, user: str) -> Readiness:
    document = workspace.document(document_id)
    reports = workspace.review.report(document_id)
    signer = workspace.user(user).display_name
    errors = tuple(sorted((v.finding.segment, v.finding.message) for v in workspace.check_document(document_id)
                          if v.open and v.finding.severity is Severity.ERROR))
    queries = tuple(c for c in workspace.comments(document_id) if c.open and c.kind == "query")
    signoffs = workspace.review.signoffs(document_id)
    baseline = ("the translator's sign-off" if any(s.role is Role.TRANSLATOR for s in signoffs)
                else "the first draft")
    return Readiness(
        role, signer, document.title, len(reports), sum(r.words for r in reports),
        sum(r.changed for r in reports), baseline,
        tuple((r.index, r.text) for r in reports[:FIRST_LINES]),
        tuple(r.index for r in reports if r.state not in DONE[role]), errors, queries,
        workspace.review.valid_signoffs(document_id).get(Role(role)),
    )


def what_text(r: Readiness) -> Text:
    text = Text.assemble((r.signer, "bold"), " signs ", (f"“{first_words(r.title, 60)}”", "italic"),
                         " as its ", (r.role, "bold"), ".\n\n",
                         "What is signed: the English of all ", (str(r.segments), "bold"),
                         " segments exactly as it stands now;\n",
                         f"{effort_line(r.changed, r.words)} since {r.baseline}.\n")
    for index, english in r.first_lines:
        text.append(f"{index:>4}  ", style="dim")
        text.append(first_words(english, LINE_CELLS) or "(no English)")
        text.append("\n")
    if r.segments > len(r.first_lines):
        text.append(f"      … and {r.segments - len(r.first_lines)} more segments\n", style="dim")
    text.append("Any later edit to any segment voids this sign-off.", style="italic")
    if r.standing is not None:
        text.append(f"\n{r.standing.display_name} already signed this exact text as {r.role}.", style="dim")
    return text


def open_text(r: Readiness) -> Text:
    text = Text("Still open\n", style="bold")
    if r.unfinished:
        text.append(f"✗ {_count(len(r.unfinished), 'segment')} {NOT_DONE[r.role]}: {_list(r.unfinished)}\n")
    else:
        text.append(f"✓ every segment {NOT_DONE[r.role].removeprefix('not ')}\n", style="dim")
    if r.errors:
        segments = sorted({segment for segment, _ in r.errors})
        text.append(f"✗ {_count(len(r.errors), 'open error finding')} in segments {_list(segments)}\n")
    else:
        text.append("✓ no open error findings\n", style="dim")
    if r.queries:
        text.append(f"? {_count(len(r.queries), 'open query', 'open queries')} (they do not block):\n")
        for query in r.queries[:SHOWN]:
            text.append(f"    segment {query.segment}, {query.author}: {first_words(query.text, LINE_CELLS - 8)}\n")
        if len(r.queries) > SHOWN:
            text.append(f"    … and {len(r.queries) - SHOWN} more\n", style="dim")
    else:
        text.append("✓ no open queries\n", style="dim")
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

    def compose(self) -> ComposeResult:
        with Vertical(id="signoff-box", classes="dialog-box"):
            yield Static("Checking what is open…", id="signoff-what", markup=False)
            yield Static("", id="signoff-open", markup=False)
            yield Static("", id="signoff-reason", classes="dialog-error", markup=False)
            with Horizontal(id="signoff-buttons", classes="dialog-buttons"):
                yield Button(f"Sign off as {self.role}", variant="primary", id="signoff-sign", disabled=True)
                yield Button("Cancel", id="signoff-cancel", classes="dialog-cancel")

    def on_mount(self) -> None:
        self.query_one("#signoff-box").border_title = Text(f"Sign off document {self.document_id} as {self.role}")
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
        reason = f"Cannot sign off yet: {'; '.join(blockers)}." if blockers else ""
        self.show_error(reason)
        button = self.query_one("#signoff-sign", Button)
        button.disabled = bool(blockers)
        button.tooltip = reason or None
        if not blockers:
            button.focus()

    @on(Button.Pressed, "#signoff-sign")
    def sign(self) -> None:
        if self.readiness is None or self.readiness.blockers:
            return
        self.query_one("#signoff-sign", Button).disabled = True
        self.write_signoff()

    @work(thread=True, exclusive=True, group="signoff")
    def write_signoff(self) -> None:
        try:
            with self.session.workspace() as workspace:
                signoff = workspace.review.sign_off(self.document_id, self.role, by=self.session.user)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Signed(signoff))

    def on_sign_off_dialog_signed(self, message: Signed) -> None:
        self.dismiss(message.signoff)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.show_error(message.problem)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _list(indexes: tuple[int, ...] | list[int]) -> str:
    shown = ", ".join(map(str, indexes[:SHOWN]))
    return shown + (f" and {len(indexes) - SHOWN} more" if len(indexes) > SHOWN else "")
