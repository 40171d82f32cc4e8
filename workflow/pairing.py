"""Putting an imported pairing right (issue 19): moving English between segments, as `ws.pairing`.

The moves themselves (down, up, join, split, and what undoes each) are worked out on texts in
workflow.models.pairing, so an interface can show the result before asking; here one is carried out
against the texts as they are at commit. Each is one write transaction: a new revision on every
segment whose English changes, made as a save makes one (workflow.saving.write_revision: the role
the person edits in, the state back to draft or empty, approvals and sign-offs voided by the new
text), and one audit entry naming the move, the segments it changed and its revisions.

A pairing the import marked doubtful stays marked until a person decides it: a move clears the mark
on every segment it changed (the person has paired those), and `confirm` clears one segment's mark
where the person finds the pairing right as it is. Either is recorded in the audit log; nothing
brings a mark back (an undo is a move the person chose too).
"""

from __future__ import annotations

from collections.abc import Mapping

from workflow.access import INTENT_ROLES, Actors, require
from workflow.audit import revisions_digest
from workflow.clock import now
from workflow.documents import Documents
from workflow.editing import CONFLICT_OPEN
from workflow.errors import InputError
from workflow.i18n import N_, _
from workflow.models import EDIT, Segment
from workflow.models.pairing import Move, Operation, Plan, Repaired, plan
from workflow.records import content_hash, existing_segment, segment_from_row
from workflow.review import Review
from workflow.saving import signoffs_voided, voided_state, write_revision
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_segments import RevisionsRepository, SegmentsRepository


class Pairing:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository,
                 stored_documents: DocumentsRepository, segments: SegmentsRepository,
                 revisions: RevisionsRepository, documents: Documents, review: Review) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._stored_documents = stored_documents
        self._segments = segments
        self._revisions = revisions
        self._documents = documents
        self._review = review

    def preview(self, document_id: int, operation: Operation) -> Plan:
        """What the move would do to the texts as they stand; nothing is written."""
        return plan(self._documents.segments(document_id), operation)

    def move_down(self, document_id: int, index: int, *, by: str, through: int | None = None,
                  expect: Mapping[int, str] | None = None) -> Repaired:
        """Segment `index` and those after it pass their English one segment down; `index` is left empty."""
        return self.apply(document_id, Operation(Move.DOWN, index, through=through), by=by, expect=expect)

    def move_up(self, document_id: int, index: int, *, by: str, through: int | None = None,
                expect: Mapping[int, str] | None = None) -> Repaired:
        """Segment `index`'s English joins segment `index`-1's, and those after it move up one."""
        return self.apply(document_id, Operation(Move.UP, index, through=through), by=by, expect=expect)

    def join(self, document_id: int, index: int, *, by: str, through: int | None = None,
             expect: Mapping[int, str] | None = None) -> Repaired:
        """Segment `index` takes the next segment's English after its own; those after it move up one."""
        return self.apply(document_id, Operation(Move.JOIN, index, through=through), by=by, expect=expect)

    def split(self, document_id: int, index: int, at: int, *, by: str, through: int | None = None,
              expect: Mapping[int, str] | None = None) -> Repaired:
        """Segment `index` keeps its first `at` sentences; the rest becomes the next segment's English."""
        return self.apply(document_id, Operation(Move.SPLIT, index, at=at, through=through), by=by, expect=expect)

    def apply(self, document_id: int, operation: Operation, *, by: str,
              expect: Mapping[int, str] | None = None) -> Repaired:
        """Carry out one move (an undo is one too). `expect`: the English the person was shown for
        segments of the stretch; where one has changed since, the move is refused, not made on
        texts nobody saw."""
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, set(INTENT_ROLES[EDIT]), N_("move English between segments"))
            self._documents.get(document_id)
            rows = self._segments.segments(document_id)
            segments = [segment_from_row(row) for row in rows]
            done = plan(segments, operation)
            for index, text in sorted((expect or {}).items()):
                if not 1 <= index <= len(segments) or segments[index - 1].target != text:
                    raise InputError(_("segment {index}").format(index=index),
                                     _("its English changed since you looked (someone saved it meanwhile); "
                                       "look at the pairing again"))
            for index in done.changed:
                if segments[index - 1].conflict:
                    raise InputError(_("segment {index}").format(index=index), _(CONFLICT_OPEN))
            signed = self._review.valid_signoffs(document_id)
            at = now()
            revisions: dict[int, int] = {}
            moved: dict[str, list[str]] = {}
            voided = {}
            for change in done.changes:
                row = rows[change.index - 1]
                revision_id, before, after = write_revision(self._revisions, self._segments, row, change.after,
                                                            actor, role, at, parent=row.revision_id)
                revisions[change.index] = revision_id
                moved[str(change.index)] = [before.value, after.value]
                if (lost := voided_state(before)) is not None:
                    voided[change.index] = lost
            # The person has decided the pairing of every segment the move changed: the import's
            # doubtful marks there go (the scores stay, as the aligner's record). An undo is a move
            # like any other and clears them too; it brings no mark back, the person decided.
            cleared = [i for i in done.changed if rows[i - 1].align_note is not None]
            self._segments.clear_align_notes([rows[i - 1].id for i in cleared])
            self._stored_documents.touch_document(document_id, at)
            undone = signoffs_voided(self._review, document_id, signed)
            op = done.operation
            detail = {
                "operation": op.move.value, "segment": op.index, "through": op.through,
                **({"at": op.at} if op.at is not None else {}),
                "segments": list(done.changed), "states": moved,
                # Other screens re-read the segments the audit log names since they last looked
                # (Documents.changes): one entry names them all here.
                "segment_ids": [rows[i - 1].id for i in done.changed],
                # What `tandem verify` holds the new revisions' texts to (workflow.audit).
                "revisions": revisions_digest([(revisions[i], content_hash(c.after))
                                               for i, c in zip(done.changed, done.changes)]),
                "undo": [_json(u) for u in done.undo],
            }
            if cleared:
                detail["cleared"] = cleared  # the segments whose doubtful mark the move cleared
            if voided:
                detail["voided"] = {str(i): state.value for i, state in voided.items()}
            if undone:
                detail["voided_signoffs"] = [{"signoff": s.id, "role": r.value, "signed_by": s.user}
                                             for r, s in undone]
            self._audit.audit(at, actor.id, "pairing.move", detail, document_id=document_id,
                              segment_id=rows[op.index - 1].id)
            now_rows = self._segments.segments(document_id)
            changed = tuple(segment_from_row(now_rows[i - 1]) for i in done.changed)
            return Repaired(done, changed, revisions, voided, tuple(r for r, _s in undone))

    def confirm(self, document_id: int, index: int, *, by: str) -> Segment:
        """The person looked at segment `index`'s doubtful pairing and finds it right: the import's
        mark goes, the text stays. Needs the edit intent, as a move does; refused where the segment
        has no mark. One audit entry, "pairing.confirm", names the segment and the note cleared.
        Returns the segment as it stands now."""
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, set(INTENT_ROLES[EDIT]), N_("confirm a pairing"))
            self._documents.get(document_id)
            row = existing_segment(self._segments, document_id, index)
            note = row.align_note
            if note is None:
                raise InputError(_("segment {index}").format(index=index),
                                 _("its pairing is not marked doubtful; there is nothing to confirm"))
            at = now()
            self._segments.clear_align_notes([row.id])
            self._stored_documents.touch_document(document_id, at)
            # segment_id: other screens re-read the segments the audit log names (Documents.changes).
            self._audit.audit(at, actor.id, "pairing.confirm", {"segment": index, "note": note},
                              document_id=document_id, segment_id=row.id)
            return segment_from_row(existing_segment(self._segments, document_id, index))


def _json(operation: Operation) -> dict:
    return {"operation": operation.move.value, "segment": operation.index, "through": operation.through,
            **({"at": operation.at} if operation.at is not None else {})}
