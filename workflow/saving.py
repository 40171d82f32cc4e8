"""Saving a segment's English: a plain save, a stale save merged or kept in conflict, a resolution.

A save names the revision it was based on. When someone else saved since, the saver's text is kept
as an aside revision (never lost), then the two changes are merged (workflow.merge) into a new
revision with both parents, or, where they touch the same words, a conflict is opened naming base,
theirs and mine. Every step runs inside one BEGIN IMMEDIATE transaction, so the merge decision is
made against the text that is current at commit.

`based_on` says what the saver started from: a revision id; EMPTY_BASE for a segment that had no
revision at all when they began typing (so two people filling one empty segment at once conflict
rather than the second silently replacing the first); or None, a script making no claim, saved as
the new text whatever is there.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from workflow import states
from workflow.access import EDIT_ROLES, Actors, editing_role, require
from workflow.clock import now
from workflow.errors import InputError
from workflow.i18n import N_, _
from workflow.merge import merge3
from workflow.models import EMPTY_BASE, Conflict, Revision, Role, SaveResult, SegmentState, base_of
from workflow.records import content_hash, existing_segment, revision_from_row, segment_from_row as _segment
from workflow.review import Review
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_conflicts import ConflictRecord, ConflictsRepository
from workflow.storage.store_desk import DeskRepository
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_segments import RevisionsRepository, SegmentRecord, SegmentsRepository
from workflow.textfile import refuse_controls


# What every change to a segment's English does, whoever makes it (a save here, a move of English
# between segments in workflow.pairing): the revision, the state it moves to, what it takes away.

def revision_row(row: SegmentRecord, text: str, actor, role: Role, at: str, *, parent: int | None,
                 aside: bool = False, merge_parent: int | None = None) -> dict:
    return {"segment_id": row.id, "text": text, "author_id": actor.id, "role": role.value,
            "created_at": at, "parent_id": parent, "content_hash": content_hash(text),
            "aside": int(aside), "merge_parent_id": merge_parent}


def write_revision(revisions: RevisionsRepository, segments: SegmentsRepository, row: SegmentRecord, text: str,
                   actor, role: Role, at: str, *, parent: int | None,
                   merge_parent: int | None = None) -> tuple[int, SegmentState, SegmentState]:
    """Make `text` the segment's current revision and move its state as an edit does (to draft, or
    to empty with no English): the new revision's id, the state before and after. No audit: the
    caller records what the change was."""
    states.refuse_locked(bool(row.locked), row.index)
    before = SegmentState(row.state)
    after = states.next_state(before, states.EDIT if text.strip() else states.CLEAR, segment=row.index)
    revision_id = revisions.insert_revision(revision_row(row, text, actor, role, at, parent=parent,
                                                     merge_parent=merge_parent))
    if after is not before:
        segments.set_segment_state(row.id, after.value)
    return revision_id, before, after


def voided_state(before: SegmentState) -> SegmentState | None:
    """The sign-off state an edit takes away from a segment (its translator's mark, an approval)."""
    return before if before in (SegmentState.TRANSLATED, SegmentState.APPROVED) else None


def signoffs_voided(review: Review, document_id: int, signed: dict) -> list:
    """The (role, sign-off) pairs of `signed` (valid before a change) that the change made void."""
    still = review.valid_signoffs(document_id)
    return [(role, signoff) for role, signoff in signed.items() if still.get(role) != signoff]


def typed(text: str, index: int) -> str:
    """English as people type it, held to the rule imports keep: NFC, and no terminal control
    characters (tab and line feed are text)."""
    refuse_controls(text, _("segment {index}").format(index=index), field=True)
    return unicodedata.normalize("NFC", text)


class Saving:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, conflicts: ConflictsRepository,
                 desk: DeskRepository, documents: DocumentsRepository, revisions: RevisionsRepository,
                 segments: SegmentsRepository, review: Review) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._conflicts = conflicts
        self._desk = desk
        self._documents = documents
        self._revisions = revisions
        self._segments = segments
        self._review = review

    def _segment(self, document_id: int, index: int) -> SegmentRecord:
        return existing_segment(self._segments, document_id, index)

    def _editable(self, document_id: int, index: int) -> SegmentRecord:
        # Refused before anything is written, the aside revision of a stale save included.
        row = self._segment(document_id, index)
        states.refuse_locked(bool(row.locked), index)
        return row

    def save(self, document_id: int, index: int, text: str, *, by: str,
             based_on: int | None = None) -> SaveResult:
        """A new revision; based on an older one, a merge with what was saved since, or a conflict.

        While a segment is in conflict, saves go on as usual (the text being edited is the current
        one, "theirs"); the conflict stays open until someone resolves it, because only a person
        can say what becomes of the other candidate.
        """
        text = typed(text, index)
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, EDIT_ROLES, N_("edit translations"))
            role = editing_role(actor, role, self._desk.assigned_user(document_id, Role.TRANSLATOR.value))
            row = self._editable(document_id, index)
            current = row.target or ""
            if text == current:
                return SaveResult(_segment(row), None, None, False)
            if based_on is None or based_on == base_of(row.revision_id):
                put = self._put(row, document_id, index, text, actor, role, parent=row.revision_id)
                return self._result(document_id, index, put)
            return self._save_stale(row, document_id, index, text, actor, role, based_on)

    def save_and_approve(self, document_id: int, index: int, text: str, *, by: str,
                         based_on: int | None = None) -> SaveResult:
        """An editor's own correction as review work: the new revision and its approval commit
        together, so the segment stays approved at the editor's revision (the earlier text stays in
        the history). Only someone who may approve may do this; a translator edits and sends back.

        A stale save is merged or kept in conflict as usual but not approved: the text it would
        approve is not the one the editor read, so that stays a separate look and a separate `a`.
        """
        text = typed(text, index)
        with self._tx.write():
            actor = self._review.reviewer(document_id, by, N_("edit and approve segments"))
            row = self._editable(document_id, index)
            if text == (row.target or ""):
                if SegmentState(row.state) is not SegmentState.APPROVED:
                    self._review.approve_in_write(document_id, index, actor)
                return SaveResult(_segment(self._segment(document_id, index)), None, None, False)
            if based_on is not None and based_on != base_of(row.revision_id):
                return self._save_stale(row, document_id, index, text, actor, Role.EDITOR, based_on)
            # Saved as the editor's revision whatever other roles they hold: review work, which keeps
            # the document in review (Review._in_review) and the translator credited.
            put = self._put(row, document_id, index, text, actor, Role.EDITOR, parent=row.revision_id,
                            extra={"approved": True})
            self._review.approve_in_write(document_id, index, actor, edited=True)
            # Nothing was sent back: the segment ends approved, at the new revision.
            return replace(self._result(document_id, index, put), voided=None)

    def _save_stale(self, row: SegmentRecord, document_id: int, index: int, text: str, actor, role: Role,
                    based_on: int) -> SaveResult:
        if based_on == EMPTY_BASE:
            base_id, base_text = None, ""
        else:
            base = self._conflicts.revision_by_id(based_on)
            if base is None or base.segment_id != row.id:
                raise InputError(_("segment {index}").format(index=index),
                                 _("revision {revision} is not one of its revisions").format(revision=based_on))
            base_id, base_text = based_on, base.text
        at = now()
        # The saver's own text is kept exactly as typed, whatever becomes of it: no save is lost.
        mine = self._revisions.insert_revision(
            revision_row(row, text, actor, role, at, parent=base_id, aside=True))
        merge = merge3(base_text, text, row.target or "")
        # mine_hash lets `tandem verify` hold the aside revision to the text written here.
        sides = {"base": base_id, "theirs": row.revision_id, "mine": mine, "mine_hash": content_hash(text)}
        if merge.text is not None:  # merge.clean, spelled so the type narrows
            if merge.text == (row.target or ""):  # theirs already holds every change of mine
                self._audit.audit(at, actor.id, "segment.merge", dict(sides, segment=index, revision=None),
                                  document_id=document_id, segment_id=row.id)
                return replace(self._result(document_id, index, (mine, None, ())), stale=True, merged=True,
                               aside_id=mine)
            put = self._put(row, document_id, index, merge.text, actor, role, parent=row.revision_id,
                            merge_parent=mine, extra=dict(sides, merged=True, patch_applied=merge.applied))
            return replace(self._result(document_id, index, put), stale=True, merged=True, aside_id=mine)
        conflict_id = self._conflicts.insert_conflict({"segment_id": row.id, "base_id": base_id,
                                                   "theirs_id": row.revision_id, "mine_id": mine,
                                                   "opened_by": actor.id, "opened_at": at})
        before = SegmentState(row.state)
        after = states.next_state(before, states.EDIT if (row.target or "").strip() else states.CLEAR,
                                  segment=index)
        if after is not before:
            self._segments.set_segment_state(row.id, after.value)
        self._documents.touch_document(document_id, at)
        self._audit.audit(at, actor.id, "segment.conflict",
                          {**sides, "segment": index, "conflict": conflict_id, "from": before.value,
                           "to": after.value},
                          document_id=document_id, segment_id=row.id)
        voided = voided_state(before)
        return replace(self._result(document_id, index, (mine, voided, ())), stale=True, conflict=True,
                       aside_id=mine)

    def resolve_conflict(self, document_id: int, index: int, text: str, *, by: str) -> SaveResult:
        """The text a person chose (theirs, mine or their own) becomes current; every open conflict
        on the segment closes, each with a resolution row naming that revision."""
        text = typed(text, index)
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, EDIT_ROLES, N_("resolve conflicts"))
            role = editing_role(actor, role, self._desk.assigned_user(document_id, Role.TRANSLATOR.value))
            row = self._editable(document_id, index)
            open_ = self._conflicts.open_conflicts(row.id)
            if not open_:
                raise InputError(_("segment {index}").format(index=index),
                                 _("is not in conflict; there is nothing to resolve"))
            put = self._put(row, document_id, index, text, actor, role, parent=row.revision_id,
                            merge_parent=open_[-1].mine_id, action="segment.resolve",
                            extra={"conflicts": [c.id for c in open_]})
            for conflict in open_:
                self._conflicts.insert_resolution({"conflict_id": conflict.id, "revision_id": put[0],
                                               "resolved_by": actor.id, "resolved_at": now()})
            return self._result(document_id, index, put)

    def conflict(self, document_id: int, index: int) -> Conflict | None:
        """The segment's newest open conflict (earlier open ones close with it when resolved)."""
        row = self._segment(document_id, index)
        open_ = self._conflicts.open_conflicts(row.id)
        return self._conflict(open_[-1], index) if open_ else None

    def conflicts(self, document_id: int) -> list[Conflict]:
        """Every open conflict of the document, by segment, oldest first within one."""
        found = []
        with self._tx.read():
            for row in self._segments.segments(document_id):
                if row.conflict:
                    found += [self._conflict(c, row.index) for c in self._conflicts.open_conflicts(row.id)]
        return found

    def _conflict(self, c: ConflictRecord, index: int) -> Conflict:
        # theirs_id and mine_id are NOT NULL; base_id is NULL for a conflict over an empty segment.
        base = self._conflict_revision(c.base_id) if c.base_id is not None else None
        theirs, mine = self._conflict_revision(c.theirs_id), self._conflict_revision(c.mine_id)
        return Conflict(c.id, index, base, theirs, mine, c.opened_by, c.opened_at)

    def _conflict_revision(self, revision_id: int) -> Revision:
        row = self._conflicts.revision_by_id(revision_id)
        assert row is not None  # a conflict's revision ids are foreign keys, and revisions are never deleted
        return revision_from_row(row)

    def _put(self, row: SegmentRecord, document_id: int, index: int, text: str, actor, role: Role, *,
             parent: int | None, merge_parent: int | None = None, action: str = "segment.save",
             extra: dict | None = None) -> tuple[int, SegmentState | None, tuple[Role, ...]]:
        """Make text the segment's current revision: state, audit, and the sign-offs it voids."""
        signed = self._review.valid_signoffs(document_id)
        at = now()
        revision_id, before, after = write_revision(self._revisions, self._segments, row, text, actor, role, at,
                                                    parent=parent, merge_parent=merge_parent)
        voided = voided_state(before)
        self._documents.touch_document(document_id, at)
        detail = {"segment": index, "revision": revision_id, "text_hash": content_hash(text),
                  "from": before.value, "to": after.value, **(extra or {})}
        if voided:
            detail["voided"] = voided.value
        self._audit.audit(at, actor.id, action, detail, document_id=document_id, segment_id=row.id)
        voided_signoffs = signoffs_voided(self._review, document_id, signed)
        for r, signoff in voided_signoffs:
            self._audit.audit(at, actor.id, "signoff.void",
                              {"signoff": signoff.id, "role": r.value, "signed_by": signoff.user,
                               "segment": index, "revision": revision_id},
                              document_id=document_id, segment_id=row.id)
        return revision_id, voided, tuple(r for r, _ in voided_signoffs)

    def _result(self, document_id: int, index: int,
                put: tuple[int | None, SegmentState | None, tuple[Role, ...]]) -> SaveResult:
        revision_id, voided, voided_signoffs = put
        return SaveResult(_segment(self._segment(document_id, index)), revision_id, voided, False,
                          voided_signoffs)
