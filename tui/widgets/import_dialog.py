"""The import dialog: a file into the workspace by what it holds, as `tandem import` takes it (both
call Files.import_file): a Korean article (and optionally an English draft) or an XLIFF file as a new
document, a TMX file into the translation memory, a TBX or CSV glossary into the glossary.

The work runs in a thread worker that reports each step by message; only the dialog touches its
widgets. A failure leaves the dialog open with the problem in it, so the path can be corrected,
and nothing written: the workspace stores each file in one transaction, after it has been read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from tui.session import Session
from tui.widgets.dialog import Dialog
from workflow.errors import InputError, TandemError
from workflow.i18n import N_, _, format_number, ngettext
from workflow.workspace import ReturnedFile

STEPS = (N_("Reading and decoding the files…"), N_("Pairing the Korean with the English…"), N_("Storing…"))
# The dialog's words for the options Files.import_file refuses for a kind they do not apply to.
FIELDS = {"english": N_("English draft"), "sentences": N_("One segment per sentence"), "title": N_("Title"),
          "tags": N_("Tags")}


@dataclass(frozen=True)
class Imported:
    """What the dialog says it did: a document to open (document_id), or a line for the memory or glossary."""
    document_id: int | None
    said: str
    doubtful: int = 0  # pairings to look at before translating starts (the screen opens them)

    @classmethod
    def of(cls, imported, korean: Path) -> Imported:
        """From Files.import_file's answer."""
        warnings = "".join("\n" + warning for warning in imported.warnings)
        if imported.document is None:  # TMX or a glossary: nothing to open
            return cls(None, imported.entries_summary(korean.name) + warnings)
        result = imported.document
        if isinstance(result, ReturnedFile):  # an exported file came back: its document opens
            return cls(result.document.id, result.summary(korean.name) + warnings)
        doubtful = ngettext("{count} doubtful pairing", "{count} doubtful pairings", len(result.doubtful)).format(
            count=len(result.doubtful))
        line = _("Imported “{title}”: {segments} segments, {doubtful}").format(
            title=result.document.title, segments=format_number(result.segments), doubtful=doubtful)
        if result.previous_import is not None:
            line += " " + _("(the same files were imported before as document {id})").format(id=result.previous_import)
        return cls(result.document.id, line + warnings, len(result.doubtful))


@dataclass(frozen=True)
class Request:
    korean: Path
    english: Path | None
    title: str | None
    tags: list[str]
    sentences: bool
    translator: str | None = None  # the new document's assignment (workflow.desk), when given
    editor: str | None = None
    due: str | None = None


class ImportDialog(Dialog[int | None]):
    """Dismisses with the new document's id, or None when cancelled or when the file held no document
    (a TMX or glossary file: what it added is said in a notification)."""

    DEFAULT_CSS = """
    ImportDialog #import-box {
        overflow-y: auto;
    }
    ImportDialog .field {
        height: auto;
    }
    ImportDialog .field Label {
        width: 22;
        padding: 1 1 0 0;
        color: $text-muted;
    }
    ImportDialog .field Input {
        width: 1fr;
    }
    ImportDialog .field Input.assign {
        margin-right: 1;
    }
    ImportDialog #import-step {
        height: auto;
        color: $text-muted;
    }
    """

    class Step(Message):
        def __init__(self, done: int, label: str) -> None:
            super().__init__()
            self.done = done
            self.label = label

    class Succeeded(Message):
        def __init__(self, imported: Imported) -> None:
            super().__init__()
            self.imported = imported

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box", classes="dialog-box"):
            kinds = _("an article (.md, .txt, .html), XLIFF, TMX or a glossary (TBX, CSV)")
            yield from _field(_("Korean file"), Input(placeholder=kinds, id="import-korean"))
            yield from _field(
                _("English draft"), Input(placeholder=_("optional: the translator's draft"), id="import-english")
            )
            yield from _field(_("Title"), Input(placeholder=_("optional: the Korean headline"), id="import-title"))
            yield from _field(_("Tags"), Input(placeholder=_("comma separated"), id="import-tags"))
            yield Checkbox(_("One segment per sentence"), id="import-sentences")
            # One row for the desk's assignment (workflow.desk), so the dialog still fits 80x24.
            with Horizontal(classes="field"):
                yield Label(_("Assign (optional)"))
                for name, hint in (("translator", _("translator")), ("editor", _("editor")),
                                   ("due", _("due (18:00)"))):
                    yield Input(placeholder=hint, id=f"import-{name}", classes="assign")
            yield ProgressBar(total=len(STEPS), show_eta=False, id="import-progress")
            yield Static("", id="import-step", markup=False)
            yield Static("", id="import-error", classes="dialog-error banner", markup=False)
            with Horizontal(id="import-buttons", classes="dialog-buttons"):
                yield Button(_("Import"), variant="primary", id="import")
                yield Button(_("Cancel"), id="cancel", classes="dialog-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-box").border_title = _("Import a file")
        for selector in ("#import-progress", "#import-step"):
            self.query_one(selector).display = False

    @on(Button.Pressed, "#import")
    @on(Input.Submitted)
    def start(self) -> None:
        self.submit(self._request, self._begin)

    def _begin(self, request) -> None:
        self._show_step(0, _(STEPS[0]))
        self.run_import(request)

    def _request(self) -> Request:
        korean = self._path("#import-korean", _("the Korean file"))
        if korean is None:
            raise ValueError(_("Give the Korean file to import."))
        tags = [tag.strip() for tag in self.query_one("#import-tags", Input).value.split(",")]
        return Request(
            korean,
            self._path("#import-english", _("the English draft")),
            self.query_one("#import-title", Input).value.strip() or None,
            [tag for tag in tags if tag],
            self.query_one("#import-sentences", Checkbox).value,
            *(self.query_one(f"#import-{name}", Input).value.strip() or None for name in ("translator", "editor", "due")),
        )

    def _path(self, selector: str, what: str) -> Path | None:
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.exists():
            raise ValueError(_("{path}: no such file ({what})").format(path=path, what=what))
        if not path.is_file():
            raise ValueError(_("{path}: is not a file ({what})").format(path=path, what=what))
        return path

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, request: Request) -> None:
        try:
            with self.session.workspace() as workspace:
                _check_assignment(workspace, request)  # before anything is written
                imported = workspace.files.import_file(
                    request.korean, request.english, title=request.title, tags=request.tags,
                    sentences=request.sentences, by=self.session.user, progress=self._progress,
                )
                _assign(workspace, imported, request, self.session.user)
        except (TandemError, OSError) as exc:
            self.post_message(self.Failed(_problem(exc)))
            return
        self.post_message(self.Step(3, _("Imported.")))
        self.post_message(self.Succeeded(Imported.of(imported, request.korean)))

    def _progress(self, step: str, count: int | None) -> None:
        """Files.import_file's steps (reading, pairing, storing), from the worker's thread."""
        if step == "pairing":
            self.post_message(self.Step(1, _(STEPS[1])))
        elif step == "storing":
            label = _(STEPS[2]) if count is None else _("Storing {count} segments…").format(count=format_number(count))
            self.post_message(self.Step(2, label))
        else:
            self.post_message(self.Step(0, _(STEPS[0])))

    def on_import_dialog_step(self, message: Step) -> None:
        self._show_step(message.done, message.label)

    def on_import_dialog_succeeded(self, message: Succeeded) -> None:
        self.running = False
        self.notify(message.imported.said, title=_("Import"))
        self.dismiss(message.imported)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.set_running(False)
        self.query_one("#import-progress").display = False
        self.query_one("#import-step").display = False
        self.show_error(message.problem)
        self.query_one("#import-korean", Input).focus()

    def _show_step(self, done: int, label: str) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(progress=done)
        step = self.query_one("#import-step", Static)
        step.display = True
        step.update(label)


def _check_assignment(workspace, request: Request) -> None:
    from workflow.errors import NotFound

    for name in (request.translator, request.editor):
        if name and workspace.users.find(name) is None:
            raise NotFound(_("{name!r} is not a user of this workspace").format(name=name))
    if request.due:
        workspace.desk.read_due(request.due)


def _assign(workspace, imported, request: Request, by: str) -> None:
    """The new document's translator, editor and due time, as `tandem import --translator ...` sets them."""
    result = imported.document
    if result is None or isinstance(result, ReturnedFile):
        return  # a memory, a glossary, or a document that already has its assignment
    doc = result.document.id
    for role, name in (("translator", request.translator), ("editor", request.editor)):
        if name:
            workspace.desk.assign(doc, role, name, by=by)
    if request.due:
        workspace.desk.set_due(doc, request.due, by=by)


def _problem(exc: BaseException) -> str:
    """The refusal as the dialog words it: an option the file's kind does not take is named by its field."""
    option = getattr(exc, "option", None)  # set by Files.import_file's NotForKind
    if isinstance(exc, InputError) and option in FIELDS:
        return f"{_(FIELDS[option])}: {exc.problem}"
    return str(exc)


def _field(label: str, field: Input) -> ComposeResult:
    with Horizontal(classes="field"):
        yield Label(label)
        yield field
