"""Storing an import plan: the document, its segments and the draft as revisions, in one transaction.

workflow.importer makes the plan (reading files, writing nothing); this writes it, so a plan either
lands whole, audited, or not at all. create_document is the one route by which a document comes
into being: articles (store_plan) and bilingual files (interchange.store_io.store_file) both use it,
each adding its own audit entry and extras.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workflow.access import IMPORT_ROLES, Actors, require
from workflow.audit import revisions_digest
from workflow.clock import now
from workflow.errors import PermissionDenied
from workflow.i18n import N_, _
from workflow.importer import ImportPlan
from workflow.models import Role, SegmentKind, SegmentState
from workflow.records import content_hash
from workflow.storage import Storage


@dataclass(frozen=True)
class NewSegment:
    """A segment as its document starts, with its English (None: no revision yet) and who it is credited to."""
    block: int
    kind: SegmentKind
    source: str
    state: SegmentState
    english: str | None = None
    author_id: int | None = None
    role: Role = Role.TRANSLATOR
    align_score: float | None = None
    align_note: str | None = None
    locked: bool = False  # the file said translate="no": shown read-only, never checked or counted
    max_length: int | None = None  # the file's length limit in characters


@dataclass(frozen=True)
class Created:
    document_id: int
    segment_ids: list[int]  # in position order
    revision_of: dict[int, int]  # segment id -> its first revision's id, for segments with English
    revisions: dict[str, Any] | None  # revisions_digest of the English stored, for the import's audit entry


def create_document(store: Storage, document: dict[str, Any], segments: Sequence[NewSegment], *,
                    at: str) -> Created:
    """Insert the document row, its segments (positions from 1) and their English as first revisions.

    Call inside the caller's write transaction, which also writes the audit entry naming `revisions`:
    the entry and what it vouches for commit together or not at all.
    """
    document_id = store.documents.insert_document(document)
    segment_ids = store.segments.insert_segments([
        {"document_id": document_id, "position": position, "block": seg.block, "kind": seg.kind.value,
         "source_text": seg.source, "state": seg.state.value, "align_score": seg.align_score,
         "align_note": seg.align_note, "locked": int(seg.locked), "max_length": seg.max_length}
        for position, seg in enumerate(segments, start=1)
    ])
    english = [(segment_id, seg, content_hash(seg.english)) for segment_id, seg in zip(segment_ids, segments)
               if seg.english is not None]
    if english:
        store.revisions.insert_revisions([
            {"segment_id": segment_id, "text": seg.english, "author_id": seg.author_id, "role": seg.role.value,
             "created_at": at, "parent_id": None, "content_hash": hashed}
            for segment_id, seg, hashed in english
        ])
    revision_of = store.interchange.revision_ids(segment_ids) if english else {}
    digest = revisions_digest([(revision_of[segment_id], hashed) for segment_id, _seg, hashed in english])
    return Created(document_id, segment_ids, revision_of, digest)


def store_plan(store: Storage, plan: ImportPlan, *, tags: list[str], by: str) -> tuple[int, int | None]:
    """The new document's id, and the id of a document imported earlier from the very same files."""
    with store.write():
        actor = Actors(store.users, store.audit).acting(by)
        require(actor, IMPORT_ROLES, N_("import documents"))
        if plan.english is not None and not actor.has(Role.TRANSLATOR):
            raise PermissionDenied(
                _("{user} is not a translator, and an imported draft is recorded as the importer's "
                  "translation").format(user=by)
            )
        earlier = store.documents.document_by_checksums(
            plan.korean.checksum, plan.english.checksum if plan.english else None
        )
        at = now()
        created = create_document(
            store,
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
            },
            [
                NewSegment(seg.block, seg.kind, seg.source,
                           SegmentState.DRAFT if seg.target else SegmentState.EMPTY,
                           english=seg.target or None, author_id=actor.id, align_score=seg.score,
                           align_note=seg.note)
                for seg in plan.segments
            ],
            at=at,
        )
        store.audit.audit(
            at,
            actor.id,
            "document.import",
            {
                "source": plan.korean.path.name,
                "encoding": plan.korean.encoding,
                "english": plan.english.path.name if plan.english else None,
                "english_encoding": plan.english.encoding if plan.english else None,
                "segments": len(plan.segments),
                "doubtful": len(plan.doubtful),
                "revisions": created.revisions,
            },
            document_id=created.document_id,
        )
    return created.document_id, earlier.id if earlier else None
