"""What every repository shares: the engine it runs its SQL on, and rows as dicts inside storage."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from workflow.storage.engine import Engine, Row

__all__ = ["Repository", "Row"]

R = TypeVar("R")


class Repository:
    """One concern's SQL (documents, segments, sign-offs…), run on the engine it is given. Rows stay
    dicts inside storage; what a repository hands out is a typed record."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _insert(self, table: str, row: Row) -> int:
        """Insert one row and return its primary key."""
        return self._engine.insert(table, row)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        rows = self._engine.rows(sql, params)
        if rows and "position" in rows[0]:
            # A segment's number is `position` in the schema and `index` everywhere above it.
            for row in rows:
                row["index"] = row.pop("position")
        return rows

    def _records(self, record: type[R], sql: str, params: Iterable[Any] = ()) -> list[R]:
        """The query's rows as records whose fields are its columns, by name."""
        return [record(**row) for row in self._rows(sql, params)]
