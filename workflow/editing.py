"""Editing a segment: moving its state, dismissing findings (saving: workflow.saving; comments: workflow.comments).

Called through the Workspace facade; every change is one short write transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from workflow import states
from workflow.access import acting_user, require
from workflow.checks import Finding
from workflow.checks.model import Severity
from workflow.clock import now
from workflow.errors import InputError, TandemError
from workflow.i18n import N_, _, ngettext
from workflow.models import Role, SegmentState
from workflow.findings import FindingView, finding_key, open_findings, texts_hash
from workflow.records import existing_segment
from workflow.review import Review
from workflow.storage import Storage

EDIT_ROLES = {Role.TRANSLATOR, Role.EDITOR}
CONFLICT_OPEN = N_("is in conflict: two people changed the same words at once; "
                   "choose or combine their texts (resolve the conflict) first")


class BlockedByFindings(TandemError):
    """A sign-off step refused because error findings remain; carries them for the UI."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


class Editing:
    def __init__(self, store: Storage, findings: Callable[[int, int], list[FindingView]], review: Review) -> None:
        self._store = store
        self._findings = findings  # (document, segment) -> its findings on the saved texts (workflow.findings)
        self._review = review

    def _segment(self, document_id: int, index: int) -> dict:
        return existing_segment(self._store, document_id, index)

    def dismiss(self, document_id: int, index: int, finding: Finding, *, reason: str, by: str) -> None:
        if not reason.strip():
            raise InputError(_("reason"), _("say why the finding does not apply; the reason is recorded"))
        with self._store.write():
            actor = acting_user(self._store, by)
            require(actor, {Role.TRANSLATOR, Role.EDITOR, Role.TERMINOLOGIST, Role.ADMIN}, N_("dismiss findings"))
            row = self._segment(document_id, index)
            live = {finding_key(v.finding) for v in self._findings(document_id, index)}
            if finding_key(finding) not in live:
                raise InputError(_("finding"), _("that finding no longer applies to the saved text; save first"))
            at = now()
            self._store.insert_dismissal({
                "segment_id": row["id"], "finding_key": finding_key(finding), "check_id": finding.check,
                "text_hash": texts_hash(row["source_text"], row["target"] or ""), "user_id": actor.id,
                "reason": reason.strip(), "created_at": at,
            })
            self._store.audit(at, actor.id, "finding.dismiss",
                              {"segment": index, "check": finding.check, "reason": reason.strip()},
                              document_id=document_id, segment_id=row["id"])

    def mark_translated(self, document_id: int, index: int, *, by: str) -> SegmentState:
        with self._store.write():
            actor = acting_user(self._store, by)
            require(actor, {Role.TRANSLATOR}, N_("mark segments translated"))
            row = self._segment(document_id, index)
            if not (row["target"] or "").strip():
                raise InputError(_("segment {index}").format(index=index),
                                 _("has no English yet; there is nothing to mark translated"))
            if row["conflict"]:
                raise InputError(_("segment {index}").format(index=index), _(CONFLICT_OPEN))
            state = SegmentState(row["state"])
            after = states.next_state(state, states.TRANSLATE, segment=index)
            blocking = open_findings(self._findings(document_id, index), Severity.ERROR)
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
            self._store.set_segment_state(row["id"], after.value)
            self._store.audit(at, actor.id, "segment.state", {"segment": index, "from": state.value,
                                                               "to": after.value}, document_id=document_id,
                              segment_id=row["id"])
            return after
