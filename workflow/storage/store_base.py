"""What every part of the storage layer shares: the engine it runs SQL on, and rows as dicts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workflow.storage.engine import Engine, Row

__all__ = ["Row", "StoreBase"]


class StoreBase:
    """The mixins that make up Storage run their SQL through the engine, never a connection."""

    _engine: Engine

    def _insert(self, table: str, row: Row) -> int:
        """Insert one row and return its primary key."""
        return self._engine.insert(table, row)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        return self._engine.rows(sql, params)
