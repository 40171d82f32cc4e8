"""What every part of the storage layer shares: the thread's connection and rows as dicts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from workflow.storage.connection import Connections

Row = dict[str, Any]


class StoreBase:
    """The mixins that make up Storage run their SQL through these two."""

    _connections: Connections

    @property
    def _db(self) -> sqlite_utils.Database:
        return self._connections.db

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cursor = self._db.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
