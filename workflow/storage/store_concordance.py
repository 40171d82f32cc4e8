"""SQL for the concordance over every document: segments whose Korean or current English contains a text."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.storage.store_base import Repository


@dataclass(frozen=True)
class SegmentHit:
    """A segment whose Korean or current English holds the text searched for."""

    document_id: int
    title: str
    index: int  # the segment's number in its document, from 1
    source_text: str
    target: str | None

_HIT = """
SELECT s.document_id, d.title, s.position, s.source_text, r.text AS target
FROM segments s
JOIN documents d ON d.id = s.document_id
LEFT JOIN revisions r
  ON r.id = (SELECT max(id) FROM revisions WHERE segment_id = s.id AND aside = 0)
"""


class ConcordanceRepository(Repository):
    """Workspace-wide substring search over segments (Korean) and their current English."""

    def segment_search(self, text: str, limit: int) -> list[SegmentHit]:
        """Segments whose Korean or current English contains text (case-insensitive)."""
        if len(text) >= 3:
            # The trigram indexes answer a quoted string as a substring match, inside Korean words
            # too; an English hit counts only when the matching revision is the segment's current one.
            return self._records(SegmentHit,
                _HIT + f"""WHERE s.id IN (
                    {self._engine.substring_ids('segments')}
                    UNION
                    SELECT v.segment_id FROM revisions v
                    WHERE v.id IN ({self._engine.substring_ids('revisions')})
                      AND v.aside = 0
                      AND v.id = (SELECT max(id) FROM revisions WHERE segment_id = v.segment_id AND aside = 0))
                ORDER BY s.document_id, s.position LIMIT ?""",
                (*self._engine.substring_params("segments", text), *self._engine.substring_params("revisions", text),
                 limit))
        # Under three characters (북한, 노동) a trigram cannot answer: a scan inside SQLite, stopped
        # at the limit, as the TM's concordance does.
        return self._records(SegmentHit,
            _HIT + """WHERE instr(s.source_text, ?) > 0 OR instr(lower(r.text), lower(?)) > 0
                ORDER BY s.document_id, s.position LIMIT ?""",
            (text, text, limit))
