"""The translator's editor without a terminal: what is typed, what is saved, and what others saved.

EditorState holds the rules DESIGN §8 asks to be testable without a screen: the revision typing
started from, merging someone else's save onto newer typing, parking typing when a save conflicts,
the write queue (one write at a time, in order; text stays `unsaved` until the workspace confirms
it), and the unlock of approved or signed-off text. It imports no Textual: the screen feeds it
what the English box holds and maps what it returns (a text to show, words to say) onto widgets.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime

from tui.editor.jobs import (
    CommentJob,
    Counts,
    DismissJob,
    Job,
    MarkJob,
    Outcome,
    PairingJob,
    ResolveJob,
    SaveJob,
)
from tui.labels import LOCK_MARK, state_mark
from workflow.models import LOCKED, is_work
from workflow.i18n import _, format_time, ngettext
from workflow.models import (
    NOBODY, Comment, EditGuard, Permissions, SaveResult, Segment, SegmentState, User, Voids, base_of, merge3)
from workflow.names import name


@dataclass(frozen=True)
class Toast:
    text: str
    title: str = ""
    severity: str = "information"
    timeout: float | None = None


@dataclass
class Landed:
    """What the screen shows after a write lands; every field is optional."""

    index: int
    english: str | None = None  # the English box of the segment in hand now shows this
    toasts: list[Toast] = field(default_factory=list)
    problem: str | None = None
    standing: bool = False  # the standing notice replaces a conflict or refusal notice
    advance: bool = False  # marked translated: move on to the next segment not done
    comments: list[Comment] | None = None
    reload: bool = False  # English moved between segments: read the whole document again


@dataclass
class Reread:
    """What the screen shows after other people's changes were read."""

    again: bool = False  # one of our writes landed meanwhile: read again, this read may predate it
    redraw: list[int] = field(default_factory=list)  # list rows to draw again
    english: str | None = None  # someone else's text for the segment in hand (nothing was typed)
    comments: list[Comment] | None = None  # the segment in hand's comments changed
    recheck: bool = False  # the glossary moved, or texts did: findings must be computed again


@dataclass(frozen=True)
class Changes:
    """Other people's changes, as a reader thread found them (tui.editor.reads)."""

    audit_head: int
    segments: list[Segment]
    comments: dict[int, list[Comment]]
    glossary: object  # Findings.version(): moves with the glossary and with morphology decisions arriving
    guard: EditGuard | None = None


class EditorState:
    def __init__(self) -> None:
        self.permissions = NOBODY
        self.segments: list[Segment] = []
        self.current = 0  # 1-based index of the segment in hand; 0 before the document is loaded
        self.unsaved: dict[int, str] = {}  # English typed but not yet confirmed saved, by index
        self.failed: dict[int, str] = {}  # index -> why its last save failed
        self.saved_at: dict[int, str] = {}
        self.counts: dict[int, Counts] = {}
        self.comments: dict[int, list[Comment]] = {}
        self.moved_on: dict[int, Segment] = {}  # someone else's save under typed text, by index
        self.drafts: dict[int, str] = {}  # typed on after a save that conflicted: offered when resolving
        self.guard = EditGuard({}, ())
        self.unlocked: dict[int, int | None] = {}  # index -> the revision the person agreed to edit
        self.landed = 0  # writes applied so far: a re-read that raced one is read again
        self.audit_head = 0
        self.glossary: object = None  # Findings.version() as last read
        self.jobs: deque[Job] = deque()
        self.busy: Job | None = None
        # index -> the revision the next save names as its base instead of the segment's current
        # one: after a merge that newer typing overlaps, that typing grew from our own text (kept
        # aside), not from the merge, so its save must merge with (or conflict over) the other change.
        self.bases: dict[int, int] = {}

    # the document ----------------------------------------------------------------------------

    def load(self, segments: list[Segment], permissions: Permissions | None, comments: dict[int, list[Comment]],
             audit_head: int, guard: EditGuard, glossary: object = None) -> None:
        self.segments, self.permissions, self.comments = list(segments), permissions or NOBODY, dict(comments)
        self.audit_head, self.guard, self.glossary = audit_head, guard, glossary

    @property
    def user(self) -> User | None:
        return self.permissions.user

    def may(self, intent: str) -> bool:
        return self.permissions.may(intent)

    def may_type(self) -> bool:
        """Whether the English box takes typing: the person may edit, and the segment in hand is
        no locked one (workflow.states)."""
        segment = self.segment
        return self.may("edit") and (segment is None or is_work(segment))

    @property
    def segment(self) -> Segment | None:
        return self.segments[self.current - 1] if self.current else None

    def text_of(self, index: int) -> str:
        """The English as the person sees it: typed, else stored."""
        return self.unsaved.get(index, self.segments[index - 1].target)

    # typing and moving -------------------------------------------------------------------------

    def typed(self, text: str) -> bool:
        """The English box of the segment in hand holds `text`; True when it differs from the stored."""
        segment = self.segment
        if segment is None:
            return False
        busy = self.busy
        if text != segment.target or (isinstance(busy, SaveJob) and busy.index == segment.index
                                      and busy.text != text):
            # Typed back while another text is being written: once it lands, this differs again.
            self.unsaved[segment.index] = text
            return True
        self.unsaved.pop(segment.index, None)
        for job in self.jobs:
            if isinstance(job, SaveJob) and job.index == segment.index:
                job.text = text  # typed back before its save ran: next_job() drops it
        return False

    def leave(self, text: str | None) -> None:
        """Moving off the segment in hand (or saving it): what it holds goes to the write queue.
        `text` is None where the box was not editable, so nothing typed can be in it."""
        if text is not None:
            self.typed(text)
        if self.current and self.current in self.unsaved:
            self.queue_save(self.current)

    def move(self, index: int, text: str | None) -> str:
        """Leave the segment in hand for `index`; the English to show there."""
        self.leave(text)
        self.current = index
        return self.text_of(index)

    # approved and signed text -------------------------------------------------------------------

    def voids(self, index: int | None = None) -> Voids | None:
        """What editing the segment would void, until the person has agreed for its current text."""
        segment = self.segments[(index or self.current) - 1]
        if segment.index in self.unlocked and self.unlocked[segment.index] == segment.revision_id:
            return None
        return self.guard.voids(segment)

    def unlock(self, index: int) -> None:
        self.unlocked[index] = self.segments[index - 1].revision_id

    # the write queue ---------------------------------------------------------------------------

    def queue_save(self, index: int) -> None:
        text = self.unsaved.get(index)
        if text is None:
            return
        for job in self.jobs:
            if isinstance(job, SaveJob) and job.index == index:
                job.text = text  # not started yet: save the newest text once
                return
        self.jobs.append(SaveJob(index, text=text))

    def queue(self, job: Job) -> None:
        self.jobs.append(job)

    @property
    def writing(self) -> bool:
        return self.busy is not None or bool(self.jobs)

    def next_job(self) -> Job | None:
        """The next write to run, or None; the caller runs it and hands the outcome to written()."""
        while self.jobs:
            job = self.jobs.popleft()
            if isinstance(job, SaveJob):
                segment = self.segments[job.index - 1]
                if job.text == segment.target:
                    self._forget(job.index, job.text)  # saved meanwhile, or typed back to what was saved
                    continue
                # The revision typing began from (kept while text is held, see changed()); for a
                # segment that had none, EMPTY_BASE, so a colleague's first text is not overwritten.
                job.based_on = self.bases.pop(job.index, None) or base_of(segment.revision_id)
            return job
        return None

    def holds(self, index: int) -> bool:
        """Typed text, or a save of it still queued or in flight: its base must not move."""
        busy = self.busy
        return (index in self.unsaved
                or (isinstance(busy, SaveJob) and busy.index == index)
                or any(isinstance(job, SaveJob) and job.index == index for job in self.jobs))

    def _forget(self, index: int, text: str) -> None:
        if self.unsaved.get(index) == text:
            del self.unsaved[index]

    def written(self, outcome: Outcome, english: str | None) -> Landed:
        """A write landed (or failed). `english` is what the box of the segment in hand holds now."""
        job, index = outcome.job, outcome.job.index
        job.applied = True
        if self.busy is job:
            self.busy = None
        self.landed += 1
        landed = Landed(index)
        if outcome.problem is not None:
            if isinstance(job, SaveJob):
                self.failed[index] = outcome.problem
                # What depended on this text must not act on the older one still stored.
                for later in [j for j in self.jobs if isinstance(j, (MarkJob, DismissJob)) and j.index == index]:
                    self.jobs.remove(later)
            landed.problem = outcome.problem
            return landed
        if isinstance(job, SaveJob):
            self.failed.pop(index, None)
            self._forget(index, job.text)
        saved = outcome.saved
        if saved is not None:
            self.segments[index - 1] = saved.segment
            if saved.voided_signoffs:  # this edit voided them: no later key asks about them again
                self.guard = EditGuard(self.guard.approvers, tuple(
                    s for s in self.guard.signoffs if s.role not in saved.voided_signoffs))
            if saved.revision_id is not None:
                self.saved_at[index] = format_time(datetime.now())
        if outcome.state is not None:
            self.segments[index - 1] = replace(self.segments[index - 1], state=outcome.state)
        if outcome.comments is not None:
            self.comments[index] = outcome.comments
            landed.comments = outcome.comments
        if isinstance(job, SaveJob) and saved is not None and saved.merged:
            landed.english = self._merged(job, saved, english)
        elif isinstance(job, SaveJob) and saved is not None and saved.conflict:
            landed.english = self._conflicted(job, english)
        elif isinstance(job, ResolveJob) and saved is not None:
            self.drafts.pop(index, None)
            self.moved_on.pop(index, None)
            if index == self.current:
                landed.english, landed.standing = saved.segment.target, True
        landed.toasts = _toasts(outcome)
        if isinstance(job, MarkJob):
            landed.standing, landed.advance = True, index == self.current
        if isinstance(job, PairingJob):
            landed.reload = landed.standing = True
        return landed

    def _merged(self, job: SaveJob, saved: SaveResult, english: str | None) -> str | None:
        """A save merged with someone else's change: the box shows the merged text, carried onto
        anything typed while the save ran."""
        index, here, segment = job.index, job.index == self.current, saved.segment
        self.moved_on.pop(index, None)
        # Typed on while the save ran: in the box, or (moved off since) still unsaved and queued.
        typed = english if here else self.unsaved.get(index)
        if typed is None or typed == segment.target:
            return None
        if typed == job.text:
            return segment.target if here else None
        merged = merge3(job.text, typed, segment.target)
        if merged.text is None:
            # The newer typing overlaps the other change: saved on the merge, it would silently
            # undo that change. Its base is our own text, kept aside, so the workspace decides.
            if saved.aside_id is not None:
                self.bases[index] = saved.aside_id
            return None
        self.unsaved[index] = merged.text
        for queued in self.jobs:
            if isinstance(queued, SaveJob) and queued.index == index:
                queued.text = merged.text  # its base is now the merge: it must carry the other change
        return merged.text if here else None

    def _conflicted(self, job: SaveJob, english: str | None) -> str | None:
        """The save overlapped someone else's: their text stays current, ours is kept aside, and
        anything typed since waits for the resolution rather than being saved over theirs."""
        index = job.index
        self.moved_on.pop(index, None)
        typed = english if index == self.current else self.unsaved.get(index)
        if typed is not None and typed != job.text:
            self.drafts[index] = typed
        self.unsaved.pop(index, None)
        for queued in [j for j in self.jobs if isinstance(j, SaveJob) and j.index == index]:
            self.jobs.remove(queued)
        return self.segments[index - 1].target if index == self.current else None

    # other people's changes --------------------------------------------------------------------

    def changed(self, landed: int, found: Changes, english: str | None) -> Reread:
        """Apply what a reader found since `audit_head`; `landed` is self.landed when it started."""
        if landed != self.landed:
            return Reread(again=True)
        result = Reread()
        if any(not 1 <= s.index <= len(self.segments) for s in found.segments):
            return result
        self.audit_head = max(self.audit_head, found.audit_head)
        if found.glossary != self.glossary:
            result.recheck = True  # a term approved or changed, decisions arrived: marks and findings move
        self.glossary = found.glossary
        if found.guard is not None:
            self.guard = found.guard
        if english is not None:
            self.typed(english)  # a key typed a moment ago counts as typing
        # Someone's save held back under typing that has since gone (typed back to what it was).
        waiting = [fresh for index, fresh in self.moved_on.items() if not self.holds(index)]
        for fresh in waiting:
            del self.moved_on[fresh.index]
        for fresh in waiting + found.segments:
            index = fresh.index
            held = self.segments[index - 1]
            comments = found.comments.get(index)
            if comments is not None and comments != self.comments.get(index, []):
                self.comments[index] = comments
                if index == self.current:
                    result.comments = comments
            if fresh == held or (fresh.revision_id or 0) < (held.revision_id or 0):
                continue
            if self.holds(index) and fresh.revision_id != held.revision_id:
                self.moved_on[index] = fresh
                continue
            self.segments[index - 1] = fresh
            result.redraw.append(index)
            result.recheck = True
            if index == self.current and fresh.target != held.target:
                result.english = fresh.target
        return result

    # words for the screen ------------------------------------------------------------------------

    def conflict_notice(self) -> str | None:
        segment = self.segment
        if segment is not None and segment.conflict:
            return _("Segment {index} is in conflict: two people changed the same words. "
                     "f12 shows both texts and resolves it.").format(index=segment.index)
        if segment is not None and segment.index in self.moved_on:
            return _("Someone else saved segment {index} while you were typing; your save will merge with "
                     "their change, or keep both if they overlap.").format(index=segment.index)
        return None

    def titles(self, read_only: bool) -> tuple[str, str]:
        """The Korean pane's and the English box's titles for the segment in hand."""
        segment = self.segment
        if segment is None:
            return _("Korean"), _("English")
        extra = " · " + _("read-only") if read_only else ""
        if not read_only and self.voids() is not None:
            extra = " · " + _("asks before editing")
        shown = (f"{state_mark(segment.state)} {name(segment.state)}" if is_work(segment)
                 else f"{LOCK_MARK} {name(LOCKED)}")
        return (_("Korean") + f" · {segment.index}/{len(self.segments)} · {name(segment.kind)}",
                _("English") + f" · {shown}{extra}")

    def status(self, index: int) -> str:
        """The English box's subtitle: unsaved, not saved (failed), or when it was saved."""
        if index in self.failed and index in self.unsaved:
            return "✗ " + _("not saved")
        if index in self.unsaved:
            return "● " + _("unsaved")
        if index in self.saved_at:
            return _("saved {time}").format(time=self.saved_at[index])
        return ""


def _toasts(outcome: Outcome) -> list[Toast]:
    index, saved, job = outcome.job.index, outcome.saved, outcome.job
    toasts = []
    if saved is not None and saved.voided:
        toasts.append(Toast(_("Segment {index} was {state}; your edit sent it back to draft.").format(
            index=index, state=name(saved.voided)), _("Sign-off voided"), "warning"))
    if saved is not None and saved.merged:
        toasts.append(Toast(_("Someone else saved segment {index} while you edited it; their change and yours "
                              "are merged (both versions are in its history, f9).").format(index=index), _("Merged")))
    elif saved is not None and saved.conflict:
        toasts.append(Toast(_("Someone else changed the same words of segment {index} meanwhile. Their text stays; "
                              "yours is kept aside until one is chosen (f12).").format(index=index),
                            _("In conflict"), "warning"))
    elif saved is not None and saved.stale:
        toasts.append(Toast(_("Someone else saved segment {index} since you opened it; both versions are in "
                              "its history (f9).").format(index=index), _("Saved over a newer revision"), "warning"))
    if isinstance(job, ResolveJob):
        toasts.append(Toast(_("Segment {index}'s conflict is resolved.").format(index=index), timeout=3))
    if isinstance(job, PairingJob) and outcome.repaired is not None:
        toasts += _pairing_toasts(outcome.repaired)
    if isinstance(job, DismissJob):
        toasts.append(Toast(_("Finding dismissed; your reason is recorded."), timeout=3))
    elif isinstance(job, MarkJob):
        toasts.append(Toast(_("Segment {index} marked translated.").format(index=index), timeout=3))
    elif isinstance(job, CommentJob):
        pass  # the comments panel shows it
    return toasts


def _pairing_toasts(repaired) -> list[Toast]:
    found = repaired.plan
    count = len(found.changed)
    said = ngettext("{what}: {count} segment changed.", "{what}: {count} segments changed.", count).format(
        what=found.operation.describe(), count=count)
    if found.undo:
        said += " " + _("To undo: {moves}.").format(moves=_(", then ").join(u.describe() for u in found.undo))
    toasts = [Toast(said[:1].upper() + said[1:], _("Pairing"), timeout=8)]
    if repaired.voided:
        toasts.append(Toast(_("Segments {indexes} had been approved or marked translated; the move sent them back "
                              "to draft.").format(indexes=", ".join(map(str, sorted(repaired.voided)))),
                            _("Sign-off voided"), "warning"))
    return toasts


__all__ = ["Changes", "EditorState", "Landed", "Reread", "SegmentState", "Toast"]
