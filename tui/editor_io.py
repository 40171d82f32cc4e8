"""The editor's units of work against the workspace: plain blocking functions, run in thread workers.

Each opens its own Workspace (Session.workspace) in the calling thread and returns plain values; none
touches a widget, so the screen stays the only place that changes what is on screen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import count

from glossaries.index import TermUse
from workflow.checks import Finding, Severity
from workflow.editing import FindingView
from workflow.i18n import _
from workflow.models import Comment, Conflict, Document, Revision, SaveResult, Segment, SegmentState, User
from tui.session import Session

Counts = tuple[int, int]  # open (errors, warnings) of a segment


def problem_of(exc: Exception) -> str:
    """Words for the screen: a domain error as it is, anything else (a locked or vanished file)
    plainly described, never a traceback."""
    from workflow.errors import TandemError

    if isinstance(exc, TandemError):
        return str(exc)
    return _("could not use the workspace ({kind}: {problem})").format(kind=type(exc).__name__, problem=exc)


@dataclass(frozen=True)
class DocumentData:
    document: Document
    segments: list[Segment]
    user: User | None
    comments: dict[int, list[Comment]]
    audit_head: int = 0  # where the document's audit log stood before it was read (see changes())


def load_document(session: Session, document_id: int) -> DocumentData:
    with session.workspace() as workspace:
        # First, so a change made while the rest is read is read again later, never missed.
        head = workspace.segment_changes(document_id)[0]
        document = workspace.document(document_id)
        segments = workspace.segments(document_id)
        user = workspace.find_user(session.user)
        comments: dict[int, list[Comment]] = defaultdict(list)
        for comment in workspace.comments(document_id):
            comments[comment.segment].append(comment)
    return DocumentData(document, segments, user, dict(comments), head)


@dataclass(frozen=True)
class Changes:
    audit_head: int
    segments: list[Segment]  # those changed since the head the screen last had
    comments: dict[int, list[Comment]]  # of those segments, by index
    counts: dict[int, Counts]  # their open findings (segment checks: a document's are costly)
    glossary: int  # the glossary's version: when it moves, the segment in hand is checked again


def changes(session: Session, document_id: int, since: int) -> Changes:
    with session.workspace() as workspace:
        head, segments = workspace.segment_changes(document_id, since)
        comments = {s.index: workspace.comments(document_id, s.index) for s in segments}
        counts = {s.index: open_counts(workspace.segment_findings(document_id, s.index)) for s in segments}
        glossary = workspace.glossary.version()
    return Changes(head, segments, comments, counts, glossary)


def document_counts(session: Session, document_id: int) -> dict[int, Counts]:
    """Open findings per segment over the whole document (document-scope checks included)."""
    with session.workspace() as workspace:
        views = workspace.check_document(document_id)
    tally: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for view in views:
        if view.open and view.finding.severity is not Severity.INFO:
            tally[view.finding.segment][view.finding.severity is not Severity.ERROR] += 1
    return {index: (e, w) for index, (e, w) in tally.items()}


def open_counts(views: list[FindingView]) -> Counts:
    errors = sum(1 for v in views if v.open and v.finding.severity is Severity.ERROR)
    warnings = sum(1 for v in views if v.open and v.finding.severity is Severity.WARNING)
    return errors, warnings


@dataclass(frozen=True)
class Analysis:
    index: int
    text: str  # the English analysed, exactly as it was in the editor
    findings: list[FindingView]
    uses: list[TermUse]


def analyse(session: Session, document_id: int, segment: Segment, text: str) -> Analysis:
    with session.workspace() as workspace:
        findings = workspace.segment_findings(document_id, segment.index, target=text)
        uses = workspace.glossary.index().analyse(segment.source, text)
    return Analysis(segment.index, text, findings, uses)


def tm_matches(session: Session, index: int, source: str) -> tuple[int, list]:
    with session.workspace() as workspace:
        return index, workspace.tm.lookup(source)


def history(session: Session, document_id: int, index: int) -> list[Revision]:
    with session.workspace() as workspace:
        return workspace.history(document_id, segment=index)


def conflict(session: Session, document_id: int, index: int) -> Conflict | None:
    with session.workspace() as workspace:
        return workspace.conflict(document_id, index)


# writes ------------------------------------------------------------------------------------

_sequence = count(1)


@dataclass
class Job:
    """One write, run strictly after the ones queued before it (see EditorScreen's write queue)."""

    index: int
    seq: int = field(default_factory=lambda: next(_sequence), init=False)
    applied: bool = field(default=False, init=False)


@dataclass
class SaveJob(Job):
    text: str = ""
    based_on: int | None = None  # filled in when the job starts: the revision typing began from, or EMPTY_BASE


@dataclass
class ResolveJob(Job):
    text: str = ""  # the text a person chose to end the segment's conflict


@dataclass
class MarkJob(Job):
    pass


@dataclass
class DismissJob(Job):
    finding: Finding | None = None
    reason: str = ""


@dataclass
class CommentJob(Job):
    text: str = ""
    kind: str = "note"


@dataclass
class Outcome:
    job: Job
    problem: str | None = None  # a TandemError's words, or a plain description of a failure
    blocked: bool = False  # a refusal because error findings remain
    saved: SaveResult | None = None
    state: SegmentState | None = None
    counts: Counts | None = None  # open findings on the saved text afterwards
    comments: list[Comment] | None = None


def run_job(session: Session, document_id: int, job: Job) -> Outcome:
    """Run one write; every failure comes back as words for the screen, never as an exception."""
    from workflow.editing import BlockedByFindings

    outcome = Outcome(job)
    try:
        with session.workspace() as workspace:
            if isinstance(job, SaveJob):
                outcome.saved = workspace.save_segment(
                    document_id, job.index, job.text, by=session.user, based_on=job.based_on
                )
            elif isinstance(job, ResolveJob):
                outcome.saved = workspace.resolve_conflict(document_id, job.index, job.text, by=session.user)
            elif isinstance(job, MarkJob):
                outcome.state = workspace.mark_translated(document_id, job.index, by=session.user)
            elif isinstance(job, DismissJob):
                workspace.dismiss_finding(document_id, job.index, job.finding, reason=job.reason,
                                          by=session.user)
            elif isinstance(job, CommentJob):
                workspace.add_comment(document_id, job.index, job.text, kind=job.kind, by=session.user)
                outcome.comments = workspace.comments(document_id, job.index)
            outcome.counts = open_counts(workspace.segment_findings(document_id, job.index))
    except BlockedByFindings as exc:
        outcome.problem, outcome.blocked = str(exc), True
    except Exception as exc:  # noqa: BLE001 - a locked or vanished file must not cost the text
        outcome.problem = problem_of(exc)
    return outcome
