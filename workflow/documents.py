"""Reading documents: the list with its progress, one document, its segments, what changed, history.

Reads only; changes go through the editing, review and files use cases.
"""

from __future__ import annotations

from workflow.errors import NotFound
from workflow.states import LOCKED
from workflow.i18n import _
from workflow.home import home, needs_documents
from workflow.models import STATE_ORDER, Document, DocumentSummary, Home, Revision, Segment, User
from workflow.records import revision_from_row, segment_from_row
from workflow.storage import Transactions
from workflow.storage.store_conflicts import ConflictsRepository
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_publications import PublicationsRepository
from workflow.storage.store_segments import RevisionsRepository, SegmentsRepository


class Documents:
    def __init__(self, tx: Transactions, conflicts: ConflictsRepository, documents: DocumentsRepository,
                 publications: PublicationsRepository, revisions: RevisionsRepository,
                 segments: SegmentsRepository) -> None:
        self._tx = tx
        self._conflicts = conflicts
        self._documents = documents
        self._publications = publications
        self._revisions = revisions
        self._segments = segments

    def get(self, document_id: int) -> Document:
        row = self._documents.document(document_id)
        if row is None:
            raise NotFound(_("no document {id} in this workspace (see `tandem docs`)").format(id=document_id))
        return row

    def all(self) -> list[DocumentSummary]:
        counts = self._documents.state_counts(locked=LOCKED)
        roles = self._documents.document_roles()
        words = self._documents.source_word_counts()
        conflicts = self._conflicts.conflict_counts()
        published = self._publications.latest_publications()
        summaries = []
        for row in self._documents.documents():
            by_state = counts.get(row.id, {})
            progress = {state.value: by_state.get(state.value, 0) for state in STATE_ORDER}
            locked = by_state.get(LOCKED, 0)
            latest = published.get(row.id)
            summaries.append(DocumentSummary(row, sum(progress.values()) + locked, progress,
                                             words.get(row.id, 0), roles.get(row.id, {}),
                                             conflicts.get(row.id, 0), locked,
                                             latest.published_at if latest else None,
                                             latest.display_name if latest else None))
        return summaries

    def home(self, user: User | None, about: int | None = None) -> Home:
        """Where `user` starts (workflow.home decides); `about` is the document this launch is about."""
        return home(user, self.all() if needs_documents(user, about) else None, about=about)

    def segments(self, document_id: int) -> list[Segment]:
        self.get(document_id)
        return [segment_from_row(row) for row in self._segments.segments(document_id)]

    def changes(self, document_id: int, since: int | None = None) -> tuple[int, list[Segment]]:
        """Where the document's audit log stands and, given where it stood before (`since`), the
        segments changed meanwhile: every change to a segment is audited, so a screen that holds a
        document re-reads what moved, not all of it."""
        with self._tx.read():
            head = self._segments.audit_head(document_id)
            rows = [] if since is None else self._segments.segments_audited_after(document_id, since)
        return head, [segment_from_row(row) for row in rows]

    def history(self, document_id: int, segment: int | None = None) -> list[Revision]:
        segments = self.segments(document_id)
        if segment is not None and not 1 <= segment <= len(segments):
            raise NotFound(_("document {id} has segments 1 to {last}, not {index}").format(
                id=document_id, last=len(segments), index=segment))
        return [revision_from_row(row) for row in self._revisions.revisions(document_id, segment)]

    def current_revision(self, document_id: int, index: int) -> Revision | None:
        """The revision whose text the segment shows. Not simply the newest: a stale save kept
        aside (merged or in conflict) is newer than the text it never became."""
        with self._tx.read():
            row = self._segments.segment(document_id, index)
            if row is None:
                raise NotFound(_("document {id} has no segment {index}").format(id=document_id, index=index))
            found = self._conflicts.revision_by_id(row.revision_id) if row.revision_id else None
        return revision_from_row(found) if found else None
