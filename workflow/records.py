"""Models from storage rows, and the content hash every revision carries."""

from __future__ import annotations

import hashlib
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from workflow.errors import NotFound
from workflow.i18n import _
from workflow.models import Revision, Role, Segment, SegmentKind, SegmentState

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    # Types only: storage's audit repository imports this module's content_hash (through workflow.audit).
    from workflow.storage.store_segments import RevisionRecord, SegmentRecord, SegmentsRepository

T = TypeVar("T", bound="DataclassInstance")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fill(cls: type[T], record: Any, **converted: Any) -> T:
    """A model from a storage record whose field names match the model's, plus converted values."""
    names = [f.name for f in fields(cls)]
    return cls(**{name: converted[name] if name in converted else getattr(record, name) for name in names})


def segment_from_row(row: SegmentRecord) -> Segment:
    return fill(
        Segment,
        row,
        index=row.index,
        kind=SegmentKind(row.kind),
        source=row.source_text,
        target=row.target or "",
        state=SegmentState(row.state),
        conflict=row.conflict,
        locked=bool(row.locked),
    )


def revision_from_row(row: RevisionRecord) -> Revision:
    return fill(Revision, row, segment_index=row.index, role=Role(row.role), aside=bool(row.aside))


def existing_segment(segments: SegmentsRepository, document_id: int, index: int) -> SegmentRecord:
    """The segment's row with its current text, or NotFound in words a user can act on."""
    row = segments.segment(document_id, index)
    if row is None:
        raise NotFound(_("document {id} has no segment {index}").format(id=document_id, index=index))
    return row
