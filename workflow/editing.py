"""Editing a segment: saving its English (workflow.saving writes it), marking it translated, dismissing
findings.

The facade's `ws.editing`; every change is one short write transaction.
"""

from __future__ import annotations

from workflow import states
from workflow.access import INTENT_ROLES, Actors, require
from workflow.checks import Finding
from workflow.checks.model import Severity
from workflow.clock import now
from workflow.errors import BlockedByFindings, InputError
from workflow.i18n import N_, _, ngettext
from workflow.models import Conflict, SaveResult, SegmentState
from workflow.documents import Documents
from workflow.findings import Findings, finding_key, open_findings, texts_hash
from workflow.records import existing_segment
from workflow.saving import Saving
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_review import DismissalsRepository
from workflow.storage.store_segments import SegmentRecord, SegmentsRepository

CONFLICT_OPEN = N_("is in conflict: two people changed the same words at once; "
                   "choose or combine their texts (resolve the conflict) first")


class Editing:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, dismissals: DismissalsRepository,
                 segments: SegmentsRepository, documents: Documents, findings: Findings, saving: Saving) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._dismissals = dismissals
        self._segments = segments
        self._documents = documents
        self._findings = findings
        self._saving = saving

    def save(self, document_id: int, index: int, text: str, *, by: str, based_on: int | None = None) -> SaveResult:
        """A new revision of the segment's English (none when unchanged); edits void sign-offs."""
        return self._saving.save(document_id, index, text, by=by, based_on=based_on)

    def save_and_approve(self, document_id: int, index: int, text: str, *, by: str,
                         based_on: int | None = None) -> SaveResult:
        """An editor's correction kept approved at the new revision (editors only); a stale base is
        merged or kept in conflict and left unapproved: check result.segment.state."""
        return self._saving.save_and_approve(document_id, index, text, by=by, based_on=based_on)

    def conflict(self, document_id: int, index: int) -> Conflict | None:
        """The segment's open conflict: base, theirs and mine as revisions; None when there is none."""
        return self._saving.conflict(document_id, index)

    def conflicts(self, document_id: int) -> list[Conflict]:
        """Every open conflict in the document (a segment may hold several until one resolution)."""
        self._documents.get(document_id)
        return self._saving.conflicts(document_id)

    def resolve_conflict(self, document_id: int, index: int, text: str, *, by: str) -> SaveResult:
        """Store the text a person chose as the segment's new revision and close its conflict."""
        return self._saving.resolve_conflict(document_id, index, text, by=by)

    def _segment(self, document_id: int, index: int) -> SegmentRecord:
        return existing_segment(self._segments, document_id, index)

    def dismiss(self, document_id: int, index: int, finding: Finding, *, reason: str, by: str) -> None:
        if not reason.strip():
            raise InputError(_("reason"), _("say why the finding does not apply; the reason is recorded"))
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, set(INTENT_ROLES["dismiss"]), N_("dismiss findings"))
            row = self._segment(document_id, index)
            live = {finding_key(v.finding) for v in self._findings.segment(document_id, index)}
            if finding_key(finding) not in live:
                raise InputError(_("finding"), _("that finding no longer applies to the saved text; save first"))
            at = now()
            self._dismissals.insert_dismissal({
                "segment_id": row.id, "finding_key": finding_key(finding), "check_id": finding.check,
                "text_hash": texts_hash(row.source_text, row.target or ""), "user_id": actor.id,
                "reason": reason.strip(), "created_at": at,
            })
            self._audit.audit(at, actor.id, "finding.dismiss",
                              {"segment": index, "check": finding.check, "reason": reason.strip()},
                              document_id=document_id, segment_id=row.id)

    def mark_translated(self, document_id: int, index: int, *, by: str) -> SegmentState:
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, set(INTENT_ROLES["mark"]), N_("mark segments translated"))
            row = self._segment(document_id, index)
            states.refuse_locked(bool(row.locked), index)
            if not (row.target or "").strip():
                raise InputError(_("segment {index}").format(index=index),
                                 _("has no English yet; there is nothing to mark translated"))
            if row.conflict:
                raise InputError(_("segment {index}").format(index=index), _(CONFLICT_OPEN))
            state = SegmentState(row.state)
            after = states.next_state(state, states.TRANSLATE, segment=index)
            blocking = open_findings(self._findings.segment(document_id, index), Severity.ERROR)
            if blocking:
                raise BlockedByFindings(
                    ngettext("segment {index} cannot be marked translated: an error finding remains "
                             "({findings}); fix or dismiss it first",
                             "segment {index} cannot be marked translated: {count} error findings remain "
                             "({findings}); fix or dismiss them first", len(blocking)).format(
                        index=index, count=len(blocking),
                        findings="; ".join(f.message for f in blocking[:3]) + ("; …" if len(blocking) > 3 else "")),
                    blocking,
                )
            at = now()
            self._segments.set_segment_state(row.id, after.value)
            self._audit.audit(at, actor.id, "segment.state", {"segment": index, "from": state.value,
                                                               "to": after.value}, document_id=document_id,
                              segment_id=row.id)
            return after
