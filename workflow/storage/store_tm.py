"""SQL for the translation memory and its FTS5 trigram index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class TmUnitRecord:
    id: int
    source_text: str
    target_text: str
    document_id: int | None  # where an approval made it; None for imported units
    segment_id: int | None
    author: str  # '' where the unit came without one
    approver: str
    created_at: str
    origin: str  # how it came in: an approval, a TMX import…


class TranslationMemoryRepository(Repository):
    """Translation memory units: storing, sampling and searching them."""

    def revision_author(self, revision_id: int) -> str:
        row = self._engine.execute(
            "SELECT u.name FROM revisions r JOIN users u ON u.id = r.author_id WHERE r.id = ?",
            (revision_id,),
        ).fetchone()
        return row[0] if row else ""

    def put_tm_unit(self, row: Row, *, refresh: bool) -> bool:
        """Store a pair; True when it is new. An existing pair keeps its id (and index entry);
        with refresh its provenance becomes the new row's (a re-approval is the newer evidence)."""
        found = self._engine.execute(
            "SELECT id FROM tm_units WHERE source_text = ? AND target_text = ?",
            (row["source_text"], row["target_text"]),
        ).fetchone()
        if found is None:
            self._engine.insert("tm_units", row)
            return True
        if refresh:
            fields = {k: v for k, v in row.items() if k not in ("source_text", "target_text")}
            self._engine.execute(f"UPDATE tm_units SET {', '.join(f'{name} = ?' for name in fields)} WHERE id = ?",
                                 (*fields.values(), found[0]))
        return False

    def add_tm_units(self, rows: list[Row]) -> int:
        """Store new pairs in one statement (a TMX import); pairs already present, in the memory or
        earlier in `rows`, are left as they are. Returns how many were added."""
        return self._engine.executemany(
            "INSERT INTO tm_units (source_text, target_text, author, approver, created_at, origin) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(r["source_text"], r["target_text"], r["author"], r["approver"], r["created_at"], r["origin"])
             for r in rows])

    def insert_tm_units(self, rows: Iterable[Row]) -> None:
        """Bulk load; pairs already present are left as they are."""
        self._engine.insert_all("tm_units", rows, ignore=True)

    def tm_last_id(self) -> int:
        """Cheap growth gauge: count(*) would read every row of a large memory."""
        return self._engine.execute("SELECT max(id) FROM tm_units").fetchone()[0] or 0

    def tm_count(self) -> int:
        return self._engine.execute("SELECT count(*) FROM tm_units").fetchone()[0]

    def tm_units(self) -> list[TmUnitRecord]:
        return self._records(TmUnitRecord, f"{_TM_UNITS} ORDER BY t.id")

    def tm_units_by_id(self, ids: Iterable[int]) -> list[TmUnitRecord]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self._records(TmUnitRecord, f"{_TM_UNITS} WHERE t.id IN ({marks})", ids)

    def tm_sample(self, size: int) -> list[str]:
        """About size units' Korean, spread evenly over the memory (a rowid stride, no sort)."""
        top = self._engine.execute("SELECT max(id) FROM tm_units").fetchone()[0] or 0
        step = max(1, top // max(size, 1))
        return [r[0] for r in self._engine.execute(
            "SELECT source_text FROM tm_units WHERE id % ? = 0 LIMIT ?", (step, size)).fetchall()]

    def tm_ids_with_trigram(self, trigram: str) -> list[int]:
        return [r[0] for r in self._engine.execute(
            self._engine.substring_ids("tm_units.source"), self._engine.substring_params("tm_units.source", trigram)).fetchall()]

    def tm_similar_ids(self, text: str, limit: int) -> list[int] | None:
        """Units whose Korean is most like text, by the engine's similarity index, most alike first;
        None where the engine has none (then candidates come from tm_ids_with_trigram)."""
        return self._engine.similar_ids("tm_units.source", text, limit)

    def tm_search(self, text: str, limit: int) -> list[TmUnitRecord]:
        """Units whose Korean or English contains text (case-insensitive), newest first."""
        if len(text) >= 3:
            # One quoted trigram string matches as a substring, inside Korean words too.
            return self._records(TmUnitRecord,
                f"{_TM_UNITS} WHERE t.id IN ({self._engine.substring_ids('tm_units')}) "
                "ORDER BY t.id DESC LIMIT ?", (*self._engine.substring_params("tm_units", text), limit))
        # The trigram index cannot answer under three characters (북한): a scan, as documented.
        return self._records(TmUnitRecord,
            f"{_TM_UNITS} WHERE instr(t.source_text, ?) > 0 OR instr(lower(t.target_text), lower(?)) > 0 "
            "ORDER BY t.id DESC LIMIT ?", (text, text, limit))


_TM_UNITS = """
SELECT t.id, t.source_text, t.target_text, t.document_id, t.segment_id, t.author, t.approver,
       t.created_at, t.origin
FROM tm_units t
"""
