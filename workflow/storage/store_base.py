"""What every part of the storage layer shares: the thread's connection and rows as dicts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils
from sqlite_utils.db import Table

from workflow.storage.connection import Connections

Row = dict[str, Any]


class StoreBase:
    """The mixins that make up Storage run their SQL through these two."""

    _connections: Connections

    @property
    def _db(self) -> sqlite_utils.Database:
        return self._connections.db

    def _table(self, name: str) -> Table:
        """A table by name. `db[name]` is typed Table | View since a name may be a view; the
        storage layer writes only to tables, and `db.table` raises rather than hand back a view."""
        return self._db.table(name)

    def _insert(self, table: str, row: Row) -> int:
        """Insert one row and return its primary key."""
        pk = self._table(table).insert(row).last_pk
        # A plain single-row insert (no ignore/upsert) always sets last_pk to the new row's key;
        # sqlite-utils types it Optional only because it starts unset and ignored inserts may skip it.
        assert pk is not None
        return pk

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cursor = self._db.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
