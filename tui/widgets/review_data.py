"""What the review screen shows, read in a worker: plain data and plain functions (the status
line's Text included), no widgets.

A whole load is a handful of Workspace calls (about 0.6 s for 2,000 segments, most of it diffs);
after a write the worker re-reads only what that write can change, so approving segment 1,500
never refills the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rich.text import Text

from workflow.models import is_work
from workflow.models import Bases, DiffBase, FindingView, base_name, measure, open_counts, open_queries, segment_bases
from workflow.i18n import _, format_number, format_percent, ngettext
from workflow.models import (
    Permissions,
    Comment,
    Document,
    DocumentState,
    Role,
    Segment,
    SegmentReport,
    SegmentState,
    SignOff,
)
from workflow.names import name
from workflow.workspace import Workspace


@dataclass
class ReviewData:
    """The document as the review screen shows it. `reports` measure each segment against `base`
    (their signed_text is that base's text); set_base() re-measures them, no reading needed."""

    document: Document
    segments: list[Segment]
    reports: list[SegmentReport]
    comments: dict[int, list[Comment]]  # by segment index
    signoffs: list[SignOff]
    state: DocumentState
    access: Permissions  # what the session's user may do here (workflow.access decides)
    findings: dict[int, list[FindingView]] = field(default_factory=dict)  # by segment index, dismissed too
    bases: dict[int, Bases] = field(default_factory=dict)  # by segment index
    base: DiffBase = DiffBase.SIGNED
    totals: tuple[int, int] = field(init=False)  # words changed, words

    def __post_init__(self) -> None:
        if self.bases:
            self.reports = [_measured(r, self.bases[r.index], self.base) for r in self.reports]
        self.totals = _totals(self.reports)

    @property
    def signed(self) -> bool:
        return any(s.role is Role.TRANSLATOR for s in self.signoffs)

    @property
    def baseline(self) -> str:
        """What the diffs compare against, in words."""
        return base_name(self.base, signed=self.signed)

    def set_base(self, base: DiffBase) -> None:
        self.base = base
        self.reports = [_measured(r, self.bases[r.index], base) if r.index in self.bases else r
                        for r in self.reports]
        self.totals = _totals(self.reports)

    def first_revision(self, index: int) -> bool:
        """Against the previous revision, segment `index` has nothing to compare: it is its first."""
        bases = self.bases.get(index)
        return self.base is DiffBase.PREVIOUS and bases is not None and bases.previous is None

    def finding_counts(self, index: int) -> tuple[int, int]:
        """Open (errors, warnings): the figures `tandem check` and the editor give."""
        return open_counts(self.findings.get(index, []))

    def dismissals(self, index: int) -> list[FindingView]:
        return [v for v in self.findings.get(index, []) if not v.open]

    def check_marks(self, index: int) -> tuple[int, int, int]:
        """What the list's findings column shows: open errors, open warnings, dismissals."""
        return (*self.finding_counts(index), len(self.dismissals(index)))

    def all_check_marks(self) -> dict[int, tuple[int, int, int]]:
        return {index: self.check_marks(index) for index in self.findings}

    def flagged(self, index: int) -> bool:
        """What the filter keeps: errors, warnings, dismissals or open queries."""
        return (any(self.finding_counts(index)) or bool(self.dismissals(index))
                or bool(self.open_queries(index)))

    def open_queries(self, index: int | None = None) -> list[Comment]:
        lists = self.comments.values() if index is None else [self.comments.get(index, [])]
        return open_queries(c for comments in lists for c in comments)

    def query_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for query in self.open_queries():
            counts[query.segment] = counts.get(query.segment, 0) + 1
        return counts

    def apply(self, update: SegmentUpdate) -> set[int]:
        """Take in a re-read segment; returns the other segments whose findings moved with it."""
        position = update.segment.index - 1
        self.segments[position] = update.segment
        self.reports[position] = update.report
        self.comments[update.segment.index] = update.comments
        moved = {i for i in self.findings.keys() | update.findings.keys()
                 if self.findings.get(i, []) != update.findings.get(i, [])}
        self.findings = dict(update.findings)
        if update.bases is not None:
            # The signed text is the sign-off's, which no segment write moves (a sign-off reloads all).
            old = self.bases.get(update.segment.index)
            keep = old is not None and self.signed
            bases = replace(update.bases, signed=old.signed) if keep else update.bases
            self.bases[update.segment.index] = bases
            self.reports[position] = _measured(update.report, bases, self.base)
        self.signoffs = update.signoffs
        self.state = update.state
        self.totals = _totals(self.reports)
        return moved - {update.segment.index}


@dataclass(frozen=True)
class SegmentUpdate:
    """One segment after a write, with the document-wide figures that write can move."""

    segment: Segment
    report: SegmentReport
    comments: list[Comment]
    signoffs: list[SignOff]
    state: DocumentState
    notes: tuple[str, ...] = ()  # what the write did that the user must be told (a voided sign-off)
    # Every segment's findings after the write: a document check (a term rendered two ways, a name
    # spelled two ways) can appear or go in segments the write never touched.
    findings: dict[int, list[FindingView]] = field(default_factory=dict)
    bases: Bases | None = None


def _measured(report: SegmentReport, bases: Bases, base: DiffBase) -> SegmentReport:
    measured = measure(bases, base, report.text)
    return replace(report, signed_text=measured.base, changed=measured.changed, words=measured.words)


def document_findings(workspace: Workspace, document_id: int) -> dict[int, list[FindingView]]:
    """Every segment's findings (tandem check's), dismissed ones included, by segment index."""
    return _by_segment(workspace.findings.document(document_id))


def _by_segment(views: list[FindingView]) -> dict[int, list[FindingView]]:
    found: dict[int, list[FindingView]] = {}
    for view in views:
        found.setdefault(view.finding.segment, []).append(view)
    return found


def load_review(workspace: Workspace, document_id: int, user: str,
                base: DiffBase = DiffBase.SIGNED) -> ReviewData:
    document = workspace.documents.get(document_id)
    segments = workspace.documents.segments(document_id)
    reports = workspace.review.report(document_id)
    signoffs = workspace.review.signoffs(document_id)
    comments: dict[int, list[Comment]] = {}
    for comment in workspace.comments.all(document_id):
        comments.setdefault(comment.segment, []).append(comment)
    # report() gives the translator's signed text (the draft while nobody signed): the signed base.
    signed = {r.index: r.signed_text or "" for r in reports} if any(
        s.role is Role.TRANSLATOR for s in signoffs) else None
    bases = segment_bases(segments, workspace.documents.history(document_id), signed)
    return ReviewData(document, segments, reports, comments, signoffs, workspace.review.state(document_id),
                      workspace.review.permissions(user, document_id), _by_segment(workspace.findings.document(document_id)),
                      bases, base)


def refresh_segment(workspace: Workspace, document_id: int, report: SegmentReport,
                    notes: tuple[str, ...] = (), findings: dict[int, list[FindingView]] | None = None) -> SegmentUpdate:
    """Re-read segment `report.index`: its text, findings, comments, and its previous revision (the
    draft and the signed text no write here can change; ReviewData.apply re-measures the report).
    `findings`: the whole document's, when the caller re-reads several segments at once."""
    segment = workspace.documents.segments(document_id)[report.index - 1]
    authors = report.authors
    current = workspace.documents.current_revision(document_id, report.index)
    if current is not None:
        authors = authors if current.author in authors else (*authors, current.author)
    new_report = replace(report, state=segment.state, text=segment.target, authors=authors,
                         conflict=segment.conflict)
    fresh = segment_bases([segment], workspace.documents.history(document_id, report.index), None)[segment.index]
    return SegmentUpdate(segment, new_report, workspace.comments.all(document_id, report.index),
                         workspace.review.signoffs(document_id), workspace.review.state(document_id), notes,
                         findings if findings is not None else document_findings(workspace, document_id), fresh)


def unreviewed(segment: Segment) -> bool:
    return is_work(segment) and segment.state is not SegmentState.APPROVED


def latest_signoffs(signoffs: list[SignOff]) -> dict[Role, SignOff]:
    """The newest sign-off in each role (valid or not): the one a reader asks about."""
    latest: dict[Role, SignOff] = {}
    for signoff in signoffs:
        latest[signoff.role] = signoff
    return latest


def effort_line(changed: int, words: int) -> str:
    share = f" ({format_percent(changed / words, 1)})" if words else ""
    return _("{changed} of {words} words changed").format(changed=format_number(changed),
                                                          words=format_number(words)) + share


def _totals(reports: list[SegmentReport]) -> tuple[int, int]:
    return sum(r.changed for r in reports), sum(r.words for r in reports)


def status_text(data: ReviewData, *, wide: bool = True) -> Text:
    """The document; its state, each role's latest sign-off and open queries; the effort and the
    diffs' base. Wide, the last two share a line; narrow, each has its own. Lines never wrap (an
    80-column header of four lines left five rows of segments): what does not fit ends in "…"."""
    signed = latest_signoffs(data.signoffs)
    standing = [Text(name(data.state), style="bold")]
    standing += [signoff_text(role, signed.get(role)) for role in (Role.TRANSLATOR, Role.EDITOR)]
    if queries := len(data.open_queries()):
        standing.append(Text(ngettext("{count} open query", "{count} open queries", queries).format(count=queries),
                             style="bold yellow"))
    # Which base every diff and Edits figure is measured against (b cycles it).
    measured = [Text(_("diffs since {base}").format(base=data.baseline), style="bold"),
                Text(_("effort: {effort}").format(effort=effort_line(*data.totals)))]
    heading = Text.assemble((f"#{data.document.id}  ", "dim"), (data.document.title, "bold"))
    lines = [heading, Text(" · ").join(standing + measured)] if wide else [
        heading, Text(" · ").join(standing), Text(" · ").join(measured)]
    text = Text("\n").join(lines)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def signoff_text(role: Role, signoff: SignOff | None) -> Text:
    if signoff is None:
        return Text(_("{role}: not signed").format(role=name(role)), style="dim")
    # Words, not colour alone, say whether it holds.
    verdict = (_("(valid)"), "") if signoff.valid else (_("(void: edited since)"), "bold red")
    return Text.assemble(f"{name(role)}: {signoff.display_name} ", verdict)
