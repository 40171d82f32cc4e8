"""Storing an import plan: the document, its segments and the draft as revisions, in one transaction.

workflow.importer makes the plan (reading files, writing nothing); this writes it, so a plan either
lands whole, audited, or not at all.
"""

from __future__ import annotations

from workflow.access import IMPORT_ROLES, acting_user, require
from workflow.audit import revisions_digest
from workflow.clock import now
from workflow.errors import PermissionDenied
from workflow.i18n import N_, _
from workflow.importer import ImportPlan
from workflow.models import Role, SegmentState
from workflow.records import content_hash
from workflow.storage import Storage


def store_plan(store: Storage, plan: ImportPlan, *, tags: list[str], by: str) -> tuple[int, int | None]:
    """The new document's id, and the id of a document imported earlier from the very same files."""
    with store.write():
        actor = acting_user(store, by)
        require(actor, IMPORT_ROLES, N_("import documents"))
        if plan.english is not None and not actor.has(Role.TRANSLATOR):
            raise PermissionDenied(
                _("{user} is not a translator, and an imported draft is recorded as the importer's "
                  "translation").format(user=by)
            )
        earlier = store.document_by_checksums(
            plan.korean.checksum, plan.english.checksum if plan.english else None
        )
        at = now()
        document_id = store.insert_document(
            {
                "title": plan.title,
                "tags": tags,
                "source_name": plan.korean.path.name,
                "source_checksum": plan.korean.checksum,
                "source_encoding": plan.korean.encoding,
                "english_name": plan.english.path.name if plan.english else None,
                "english_checksum": plan.english.checksum if plan.english else None,
                "segmentation": "sentence" if plan.sentences else "paragraph",
                "created_by": actor.id,
                "created_at": at,
                "updated_at": at,
            }
        )
        segment_ids = store.insert_segments(
            [
                {
                    "document_id": document_id,
                    "position": position,
                    "block": seg.block,
                    "kind": seg.kind.value,
                    "source_text": seg.source,
                    "state": (SegmentState.DRAFT if seg.target else SegmentState.EMPTY).value,
                    "align_score": seg.score,
                    "align_note": seg.note,
                }
                for position, seg in enumerate(plan.segments, start=1)
            ]
        )
        store.insert_revisions(
            [
                {
                    "segment_id": segment_id,
                    "text": seg.target,
                    "author_id": actor.id,
                    "role": Role.TRANSLATOR.value,
                    "created_at": at,
                    "parent_id": None,
                    "content_hash": content_hash(seg.target),
                }
                for segment_id, seg in zip(segment_ids, plan.segments)
                if seg.target
            ]
        )
        ids = store.revision_ids(segment_ids)
        imported = revisions_digest([(ids[segment_id], content_hash(seg.target))
                                     for segment_id, seg in zip(segment_ids, plan.segments) if seg.target])
        store.audit(
            at,
            actor.id,
            "document.import",
            {
                "source": plan.korean.path.name,
                "encoding": plan.korean.encoding,
                "english": plan.english.path.name if plan.english else None,
                "segments": len(plan.segments),
                "doubtful": len(plan.doubtful),
                "revisions": imported,
            },
            document_id=document_id,
        )
    return document_id, earlier["id"] if earlier else None
