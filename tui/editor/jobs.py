"""The editor's writes: one dataclass per intent, and the blocking function that carries one out.

Jobs are plain values, queued by EditorState and run one after another on the editor's write
thread (tui.editor.threads), so a later save of a segment never lands before an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from workflow.models import Comment, Finding, Operation, Repaired, SaveResult, SegmentState
from workflow.models import Counts  # noqa: F401 - re-exported for the state and the screen
from workflow.workspace import Workspace

_sequence = count(1)


@dataclass
class Job:
    """One write, run strictly after the ones queued before it."""

    index: int
    seq: int = field(default_factory=lambda: next(_sequence), init=False)
    applied: bool = field(default=False, init=False)


@dataclass
class SaveJob(Job):
    text: str = ""
    based_on: int | None = None  # set when the job starts: the revision typing began from, or EMPTY_BASE


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
class ReplyJob(Job):
    comment_id: int = 0  # the thread's first comment
    text: str = ""
    close: bool = False  # reply, then close the thread


@dataclass
class CloseJob(Job):
    comment_id: int = 0


@dataclass
class PairingJob(Job):
    """English moved between segments (ws.pairing); `index` is the segment the person acted on.
    Queued behind the saves of what was typed, so the move works on the texts the person saw."""

    operation: Operation | None = None
    expect: dict[int, str] = field(default_factory=dict)  # the English shown for the stretch


@dataclass
class ConfirmPairJob(PairingJob):
    """The pairing of segment `index` is right as it is (ws.pairing.confirm): its doubtful mark goes,
    its text stays. A PairingJob, so the editor reads the document again when it lands, as after a move."""


@dataclass
class Outcome:
    job: Job
    problem: str | None = None  # a TandemError's words, or a plain description of a failure
    blocked: bool = False  # a refusal because error findings remain
    saved: SaveResult | None = None
    state: SegmentState | None = None
    comments: list[Comment] | None = None
    repaired: Repaired | None = None  # a PairingJob's result


def problem_of(exc: Exception) -> str:
    """Words for the screen: a domain error as it is, anything else (a locked or vanished file)
    plainly described, never a traceback."""
    from workflow.errors import TandemError
    from workflow.i18n import _

    if isinstance(exc, TandemError):
        return str(exc)
    return _("could not use the workspace ({kind}: {problem})").format(kind=type(exc).__name__, problem=exc)


def run_job(workspace: Workspace, user: str, document_id: int, job: Job) -> Outcome:
    """Run one write; every failure comes back as words for the screen, never as an exception.

    No checks run here: a write can move other segments' findings too (a term rendered another way
    here makes segment 7 inconsistent), so the screen recounts the document once the writes settle."""
    from workflow.errors import BlockedByFindings

    outcome = Outcome(job)
    try:
        if isinstance(job, SaveJob):
            outcome.saved = workspace.editing.save(document_id, job.index, job.text, by=user,
                                                   based_on=job.based_on)
        elif isinstance(job, ResolveJob):
            outcome.saved = workspace.editing.resolve_conflict(document_id, job.index, job.text, by=user)
        elif isinstance(job, MarkJob):
            outcome.state = workspace.editing.mark_translated(document_id, job.index, by=user)
        elif isinstance(job, DismissJob):
            workspace.editing.dismiss(document_id, job.index, job.finding, reason=job.reason, by=user)
        elif isinstance(job, CommentJob):
            workspace.comments.add(document_id, job.index, job.text, kind=job.kind, by=user)
            outcome.comments = workspace.comments.all(document_id, job.index)
        elif isinstance(job, ReplyJob):
            workspace.comments.reply(job.comment_id, job.text, by=user)
            if job.close:
                workspace.comments.resolve(job.comment_id, by=user)
            outcome.comments = workspace.comments.all(document_id, job.index)
        elif isinstance(job, CloseJob):
            workspace.comments.resolve(job.comment_id, by=user)
            outcome.comments = workspace.comments.all(document_id, job.index)
        elif isinstance(job, ConfirmPairJob):
            workspace.pairing.confirm(document_id, job.index, by=user)
        elif isinstance(job, PairingJob) and job.operation is not None:
            outcome.repaired = workspace.pairing.apply(document_id, job.operation, by=user, expect=job.expect)
    except BlockedByFindings as exc:
        outcome.problem, outcome.blocked = str(exc), True
    except Exception as exc:  # noqa: BLE001 - a locked or vanished file must not cost the text
        outcome.problem = problem_of(exc)
    return outcome
