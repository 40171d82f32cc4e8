"""SQL for publications: the revisions each published version of a document was made of (workflow/publishing.py)."""

from __future__ import annotations

import json

from workflow.storage.store_base import Repository, Row

_PUBLICATIONS = """SELECT p.id, p.document_id, u.name AS user, u.display_name, p.published_at, p.revisions,
                          p.content_hash, p.correction
                   FROM publications p JOIN users u ON u.id = p.published_by"""


class PublicationsRepository(Repository):
    """Publications, append-only (the schema's triggers refuse an update or a delete)."""

    def insert_publication(self, fields: Row) -> int:
        revisions = {str(k): v for k, v in fields["revisions"].items()}
        return self._insert("publications", dict(fields, revisions=json.dumps(revisions, sort_keys=True)))

    def publications(self, document_id: int) -> list[Row]:
        """The document's publications, oldest first; revisions by segment id (int)."""
        return [_publication(r) for r in self._rows(_PUBLICATIONS + " WHERE p.document_id = ? ORDER BY p.id",
                                                    (document_id,))]

    def latest_publications(self) -> dict[int, Row]:
        """Each published document's latest publication, by document id."""
        rows = self._rows(_PUBLICATIONS + " WHERE p.id IN (SELECT max(id) FROM publications GROUP BY document_id)")
        return {r["document_id"]: _publication(r) for r in rows}


def _publication(row: Row) -> Row:
    row["revisions"] = {int(k): v for k, v in json.loads(row["revisions"]).items()}
    return row
