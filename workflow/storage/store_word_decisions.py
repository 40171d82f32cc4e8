"""SQL for the Korean morphology model's stored decisions (workflow.word_decisions) and the Korean
texts they are made for."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workflow.storage.store_base import Repository

Decision = tuple[str, str, int, int, bool]  # (kind, context, start, end, answer)
_PAGE = 2000  # texts read per statement: no cursor stays open across the caller's writes

_LOOKUP = """SELECT answer FROM word_decisions
             WHERE context = ? AND span_start = ? AND span_end = ? AND kind = ? AND version = ?"""


class WordDecisionsRepository(Repository):
    """Decisions keyed by what they depend on, one row each; a sweep row per version that covered all."""

    def word_decision(self, kind: str, context: str, start: int, end: int, version: int) -> bool | None:
        row = self._engine.execute(_LOOKUP, (context, start, end, kind, version)).fetchone()
        return None if row is None else bool(row[0])

    def add_word_decisions(self, decisions: Iterable[Decision], version: int) -> None:
        """Store decisions (inside the caller's write); one already stored is kept as it is."""
        self._engine.executemany(
            "INSERT INTO word_decisions (kind, context, span_start, span_end, version, answer) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(kind, context, start, end, version, int(answer)) for kind, context, start, end, answer in decisions])

    def word_decisions_mark(self) -> int:
        """Moves whenever a decision is stored, here or by another process (one indexed MAX)."""
        return self._engine.execute("SELECT coalesce(max(id), 0) FROM word_decisions").fetchone()[0]

    def word_decision_count(self, version: int | None = None) -> int:
        if version is None:
            return self._engine.execute("SELECT count(*) FROM word_decisions").fetchone()[0]
        return self._engine.execute("SELECT count(*) FROM word_decisions WHERE version = ?", (version,)).fetchone()[0]

    def word_decisions_swept(self, version: int) -> bool:
        return self._engine.execute("SELECT 1 FROM word_decision_sweeps WHERE version = ?", (version,)).fetchone() is not None

    def mark_word_decisions_swept(self, version: int, at: str) -> None:
        self._engine.execute("INSERT INTO word_decision_sweeps (version, swept_at) VALUES (?, ?) ON CONFLICT DO NOTHING", (version, at))

    def holds_korean(self) -> bool:
        return bool(self._engine.execute(
            "SELECT EXISTS (SELECT 1 FROM segments) OR EXISTS (SELECT 1 FROM tm_units)").fetchone()[0])

    def korean_texts(self) -> Iterator[str]:
        """Every segment's Korean, then every memory unit's, a page at a time (repeats included)."""
        for table in ("segments", "tm_units"):
            after = 0
            while True:
                rows = self._engine.execute(f"SELECT id, source_text FROM {table} WHERE id > ? ORDER BY id LIMIT ?",
                                        (after, _PAGE)).fetchall()
                if not rows:
                    break
                after = rows[-1][0]
                yield from (text for _id, text in rows)
