"""SQL for publications: the revisions each published version of a document was made of (workflow/publishing.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class PublicationRecord:
    id: int
    document_id: int
    user: str  # who published: user name
    display_name: str
    published_at: str
    revisions: dict[int, int | None]  # the revision published, by segment id (None: no English)
    content_hash: str
    correction: str | None  # the correction note a republication carries

_PUBLICATIONS = """SELECT p.id, p.document_id, u.name AS user, u.display_name, p.published_at, p.revisions,
                          p.content_hash, p.correction
                   FROM publications p JOIN users u ON u.id = p.published_by"""


class PublicationsRepository(Repository):
    """Publications, append-only (the schema's triggers refuse an update or a delete)."""

    def insert_publication(self, fields: Row) -> int:
        revisions = {str(k): v for k, v in fields["revisions"].items()}
        return self._insert("publications", dict(fields, revisions=json.dumps(revisions, sort_keys=True)))

    def publications(self, document_id: int) -> list[PublicationRecord]:
        """The document's publications, oldest first; revisions by segment id (int)."""
        return [_publication(r) for r in self._rows(_PUBLICATIONS + " WHERE p.document_id = ? ORDER BY p.id",
                                                    (document_id,))]

    def latest_publications(self) -> dict[int, PublicationRecord]:
        """Each published document's latest publication, by document id."""
        rows = self._rows(_PUBLICATIONS + " WHERE p.id IN (SELECT max(id) FROM publications GROUP BY document_id)")
        return {r["document_id"]: _publication(r) for r in rows}


def _publication(row: Row) -> PublicationRecord:
    return PublicationRecord(**dict(row, revisions={int(k): v for k, v in json.loads(row["revisions"]).items()}))
