"""SQL for the desk in numbers (workflow.desk_stats): imports, first sign-offs, what editors changed
of translators' text, and dismissals, each from a moment on (UTC ISO 8601, compared as text)."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.storage.store_base import Repository


@dataclass(frozen=True)
class ImportedDocument:
    document_id: int
    created_at: str


@dataclass(frozen=True)
class FirstSignoff:
    """A person's first sign-off of a document in a role."""

    document_id: int
    role: str
    user: str
    display_name: str
    created_at: str
    imported_at: str  # when the document came in


@dataclass(frozen=True)
class EffortPair:
    """A segment's translator's text against the text an editor's first sign-off bound."""

    document_id: int
    created_at: str  # of the sign-off
    edited: str
    translated: str
    user: str  # the translator
    display_name: str


@dataclass(frozen=True)
class DismissalCount:
    check_id: str
    n: int

# Sign-off ids grow with time, so a group's smallest id is its first sign-off.
_FIRST_SIGNOFFS = """
SELECT g.document_id, g.role, u.name AS user, u.display_name, g.created_at, d.created_at AS imported_at
FROM signoffs g JOIN users u ON u.id = g.user_id JOIN documents d ON d.id = g.document_id
WHERE g.id IN (SELECT min(id) FROM signoffs GROUP BY document_id, role, user_id) AND g.created_at >= ?
ORDER BY g.id
"""

# Per segment the first editor's sign-off bound: the text it signed, and the newest translator's
# revision of that segment the signed one did not come after (its own, where the editor kept it).
_EFFORT_PAIRS = """
SELECT g.document_id, g.created_at, r.text AS edited, t.text AS translated, u.name AS user, u.display_name
FROM signoffs g
JOIN {ids} j ON true
JOIN revisions r ON r.id = j.value
JOIN segments s ON s.id = r.segment_id AND s.locked = 0
JOIN revisions t ON t.id = (SELECT max(x.id) FROM revisions x
                            WHERE x.segment_id = r.segment_id AND x.aside = 0 AND x.role = 'translator'
                              AND x.id <= r.id)
JOIN users u ON u.id = t.author_id
WHERE g.id IN (SELECT min(id) FROM signoffs WHERE role = 'editor' GROUP BY document_id) AND g.created_at >= ?
ORDER BY g.id, s.position
"""


class StatsRepository(Repository):
    """Read-only figures over the whole workspace."""

    def stats_imports(self, since: str) -> list[ImportedDocument]:
        return self._records(ImportedDocument, "SELECT id AS document_id, created_at FROM documents WHERE created_at >= ? ORDER BY id",
                          (since,))

    def stats_first_signoffs(self, since: str) -> list[FirstSignoff]:
        """Each person's first sign-off of each document in each role, made from `since` on."""
        return self._records(FirstSignoff, _FIRST_SIGNOFFS, (since,))

    def stats_effort_pairs(self, since: str) -> list[EffortPair]:
        """Translator's text against editor-signed text, per segment of each document's first
        editor's sign-off made from `since` on."""
        return self._records(EffortPair, _EFFORT_PAIRS.format(ids=self._engine.json_ints("g.revisions")), (since,))

    def stats_dismissals(self, since: str) -> list[DismissalCount]:
        return self._records(DismissalCount, """SELECT check_id, count(*) AS n FROM dismissals WHERE created_at >= ?
                             GROUP BY check_id ORDER BY n DESC, check_id""", (since,))
