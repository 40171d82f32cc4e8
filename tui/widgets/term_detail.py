"""The highlighted term in full: its fields, its revisions and where the workspace uses it.

`gather` reads everything in the calling (worker) thread; the widget only lays out what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from glossaries.model import Term
from tui.cells import first_words, one_line
from tui.labels import NOBODY, state_mark
from tui.widgets.term_labels import status_label, variants_line, when
from workflow.i18n import _, ngettext
from workflow.models import TermImpact, TermOccurrence, TermRevision
from workflow.models import DELETE, INSERT, word_diff
from workflow.names import name
from workflow.workspace import Workspace

TITLE_CELLS = 40
CONTEXT_CHARS = 6  # Korean characters shown either side of an occurrence
EVIDENCE_CONTEXT = 40  # unchanged English characters shown either side of a correction


@dataclass(frozen=True)
class TermDetails:
    term: Term
    history: list[TermRevision]
    impact: TermImpact
    titles: dict[int, str] = field(default_factory=dict)
    contexts: dict[tuple[int, int], str] = field(default_factory=dict)  # (document, segment)
    # The editors' corrections a learned proposal came from (workflow.term_learning); none for others.
    evidence: tuple[Any, ...] = ()  # ws.term_learning.evidence: document_id, segment, editor, before, after


def gather(workspace: Workspace, term_id: int) -> TermDetails:
    glossary = workspace.glossary
    impact = glossary.impact(term_id)
    titles: dict[int, str] = {}
    contexts: dict[tuple[int, int], str] = {}
    for document_id in sorted({o.document_id for o in impact.occurrences}):
        titles[document_id] = workspace.documents.get(document_id).title
        sources = {s.index: s.source for s in workspace.documents.segments(document_id)}
        for occurrence in impact.occurrences:
            if occurrence.document_id == document_id and occurrence.segment in sources:
                contexts[(document_id, occurrence.segment)] = _context(
                    sources[occurrence.segment], occurrence.source_span)
    return TermDetails(impact.term, glossary.history(term_id), impact, titles, contexts,
                       workspace.term_learning.evidence(term_id))


class TermDetail(VerticalScroll):
    DEFAULT_CSS = """
    TermDetail {
        height: 1fr;
        padding: 0 1;
    }
    TermDetail Static {
        height: auto;
    }
    TermDetail #term-heading {
        text-style: bold;
        color: $primary;
    }
    TermDetail .section {
        margin-top: 1;
        text-style: bold;
        color: $text-primary;
    }
    TermDetail #term-alert {
        background: $error-muted;
        color: $text-error;
        text-style: bold;
        padding: 0 1;
    }
    TermDetail #term-message {
        color: $text-muted;
    }
    TermDetail #term-message.problem {
        color: $error;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=True)
        self.details: TermDetails | None = None
        self.archive: tuple[int, str] | None = None  # (term id, how the archive rendered it before the term)

    def compose(self) -> ComposeResult:
        yield Static("", id="term-message", markup=False)
        yield Static("", id="term-heading", markup=False)
        # At the top, so a narrow pane shows it without scrolling down to the impact list.
        yield Static("", id="term-alert", markup=False)
        # How documents from before the term rendered it: what a terminologist weighs first.
        yield Static("", id="term-archive", markup=False)
        yield Static("", id="term-fields", markup=False)
        yield Static("", id="evidence-head", classes="section", markup=False)
        yield Static("", id="term-evidence", markup=False)
        yield Static(_("History"), id="history-head", classes="section", markup=False)
        yield Static("", id="term-history", markup=False)
        yield Static(_("Impact"), id="impact-head", classes="section", markup=False)
        yield Static("", id="term-impact", markup=False)

    def on_mount(self) -> None:
        self.show_message("")

    def show_message(self, text: str, *, problem: bool = False) -> None:
        """Only a line (loading, nothing highlighted, a failure) instead of a term."""
        self.details = None
        note = self.query_one("#term-message", Static)
        note.update(text)
        note.set_class(problem, "problem")
        note.display = True
        for child in self.query("Static").exclude("#term-message"):
            child.display = False

    def show_term(self, term: Term) -> None:
        """The fields at once (the list already has them); history and impact follow from a worker."""
        self.details = None
        self.query_one("#term-message").display = False
        self._put("#term-heading", Text(f"{term.ko} → {term.en}"))
        self._put("#term-fields", fields(term))
        # Its own worker, which may answer before or after the rest of the detail.
        shown = self.archive if self.archive is not None and self.archive[0] == term.id else None
        self._put("#term-archive", archive_line(shown[1] if shown else _("Loading…")))
        self._put("#history-head", Text(_("History")))
        self._put("#term-history", Text(_("Loading…")))
        self._put("#impact-head", Text(_("Impact")))
        self._put("#term-impact", Text(_("Loading…")))
        self.query_one("#term-alert").display = False
        self.query_one("#evidence-head").display = False
        self.query_one("#term-evidence").display = False

    def show(self, details: TermDetails) -> None:
        self.show_term(details.term)
        self.details = details
        self._put("#history-head",
                  Text(ngettext("History: {count} revision, newest first", "History: {count} revisions, newest first",
                                len(details.history)).format(count=len(details.history))))
        self._put("#term-history", history(details.history))
        if details.evidence:
            self._put("#evidence-head", Text(evidence_heading(details.evidence)))
            self._put("#term-evidence", evidence(details))
        self._put("#impact-head", Text(impact_heading(details.impact)))
        self._put("#term-impact", impact(details))
        alert = self.query_one("#term-alert", Static)
        alert.update(failing_line(details.impact))
        alert.display = bool(details.impact.failing_approved)

    def show_archive(self, term_id: int, line: str) -> None:
        """How documents from before the term rendered it (workflow.archive), for the term shown."""
        self.archive = (term_id, line)
        shown = self.details.term if self.details is not None else None
        if shown is None or shown.id == term_id:
            self._put("#term-archive", archive_line(line))

    def _put(self, selector: str, content: RenderableType) -> None:
        static = self.query_one(selector, Static)
        static.update(content)
        static.display = True


def archive_line(line: str) -> Text:
    return Text.assemble((_("Archive") + "  ", "bold"), line)


def fields(term: Term) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in (
        (_("Term"), f"#{term.id}  {status_label(term.status)}"),
        (_("Korean"), term.ko),
        (_("Korean variants"), variants_line(term.ko_variants)),
        (_("English"), term.en),
        (_("Admitted"), variants_line(term.en_variants)),
        (_("Forbidden"), variants_line(term.en_forbidden)),
        (_("Part of speech"), term.pos or NOBODY),
        (_("Domain"), term.domain or NOBODY),
        (_("Case sensitive"), _("yes") if term.case_sensitive else _("no")),
        (_("One rendering"), _("yes, per article") if term.one_rendering else _("no")),
        (_("Note"), term.note or NOBODY),
    ):
        grid.add_row(label, Text(value))
    return grid


def evidence_heading(corrections: tuple[Any, ...]) -> str:
    documents = len({c.document_id for c in corrections})
    return _("Learned from editors' corrections: {segments} in {documents}").format(
        segments=ngettext("{count} segment", "{count} segments", len(corrections)).format(count=len(corrections)),
        documents=ngettext("{count} document", "{count} documents", documents).format(count=documents))


def evidence(details: TermDetails) -> Text:
    """Each correction: where, by whom, and the English before and after as a word diff around the
    change, so the terminologist judges the proposal on what the editors actually did."""
    lines = Text()
    for correction in details.evidence:
        if lines:
            lines.append("\n")
        title = first_words(details.titles.get(correction.document_id, ""), TITLE_CELLS)
        lines.append((_("Document {id}").format(id=correction.document_id) + "  "
                      + _("segment {index}").format(index=correction.segment) + f"  {correction.editor}  {title}"
                      ).rstrip(), style="bold")
        lines.append("\n  ")
        lines.append_text(_around_changes(correction.before, correction.after))
    return lines


def _around_changes(before: str, after: str) -> Text:
    """The word diff, long unchanged stretches cut to EVIDENCE_CONTEXT characters beside a change."""
    from tui.widgets.diff_view import MARKERS

    diff = word_diff(one_line(before), one_line(after))
    text = Text()
    for at, (op, chunk) in enumerate(diff):
        if op not in (DELETE, INSERT):
            first, last = at == 0, at == len(diff) - 1
            keep = EVIDENCE_CONTEXT
            if first and len(chunk) > keep:
                chunk = "…" + chunk[-keep:]
            elif last and len(chunk) > keep:
                chunk = chunk[:keep] + "…"
            elif len(chunk) > 2 * keep:
                chunk = chunk[:keep] + " … " + chunk[-keep:]
            text.append(chunk)
        else:
            opening, closing, style = MARKERS[op]
            text.append(opening + chunk + closing, style=style)
    return text


def history(revisions: list[TermRevision]) -> Text:
    """Newest first, each revision on its own line with its reason indented below (reasons run long)."""
    if not revisions:
        return Text(NOBODY)
    lines = Text()
    for revision in reversed(revisions):
        if lines:
            lines.append("\n")
        lines.append(when(revision.created_at))
        lines.append(f"  {revision.author} ({name(revision.role)})  ", style="bold")
        lines.append(status_label(revision.term.status))
        lines.append(f"\n    {one_line(revision.reason) or NOBODY}")
    return lines


def impact_heading(found: TermImpact) -> str:
    documents = len({o.document_id for o in found.occurrences})
    if not found.occurrences:
        return _("Impact: not used in any document")
    return _("Impact: {occurrences} in {documents}").format(
        occurrences=ngettext("{count} occurrence", "{count} occurrences", len(found.occurrences)).format(
            count=len(found.occurrences)),
        documents=ngettext("{count} document", "{count} documents", documents).format(count=documents))


def failing_line(found: TermImpact) -> Text:
    failing = found.failing_approved
    if not failing:
        return Text("")
    where = ", ".join(_("document {id} segment {index}").format(id=o.document_id, index=o.segment) for o in failing)
    return Text("! " + ngettext("{count} approved segment now fails this term: {where}",
                                "{count} approved segments now fail this term: {where}", len(failing)).format(
        count=len(failing), where=where))


def impact(details: TermDetails) -> Text:
    """Occurrences by document: segment, state and the Korean around the term, then the verdict."""
    found = details.impact
    if not found.occurrences:
        return Text(NOBODY)
    failing = found.failing_approved
    lines = Text()
    for document_id, occurrences in groupby(found.occurrences, key=lambda o: o.document_id):
        if lines:
            lines.append("\n")
        title = first_words(details.titles.get(document_id, ""), TITLE_CELLS)
        lines.append((_("Document {id}").format(id=document_id) + f"  {title}").rstrip(), style="bold")
        for occurrence in occurrences:
            prominent = occurrence in failing
            context = details.contexts.get((document_id, occurrence.segment), occurrence.korean)
            lines.append("\n! " if prominent else "\n  ", style="bold")
            lines.append(_("segment {index}").format(index=occurrence.segment) + "  "
                         f"{state_mark(occurrence.state)} {name(occurrence.state)}  {context}")
            for finding in verdicts(occurrence, found.term):
                lines.append("\n    ")
                # Reverse video: prominent in any theme, and without relying on colour.
                lines.append(finding, style="bold reverse" if prominent else "")
    return lines


def verdicts(occurrence: TermOccurrence, term: Term) -> list[str]:
    """What the segment's English does with the term, one problem a line."""
    problems = []
    if not occurrence.satisfied:
        problems.append("✗ " + _("lacks “{english}”").format(english=term.en))
    if occurrence.forbidden:
        problems.append("✗ " + _("uses forbidden {forms}").format(
            forms=", ".join(f"“{text}”" for text in occurrence.forbidden)))
    return problems or ["✓ " + _("ok")]


def _context(source: str, span: tuple[int, int]) -> str:
    start, end = span
    head = max(0, start - CONTEXT_CHARS)
    tail = min(len(source), end + CONTEXT_CHARS)
    text = one_line(source[head:tail])
    return f"{'…' if head else ''}{text}{'…' if tail < len(source) else ''}"

