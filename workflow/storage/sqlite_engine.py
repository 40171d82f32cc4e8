"""The SQLite engine: a workspace file, one connection per thread (workflow.storage.connection)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workflow.storage.connection import Connections
from workflow.storage.engine import Cursor, Row, dependency_order

# The FTS5 trigram tables (migrations M010, M012) behind each substring index, and the rows' ids.
_FTS = {
    "segments": "SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?",
    "revisions": "SELECT rowid FROM revisions_fts WHERE revisions_fts MATCH ?",
    "tm_units": "SELECT rowid FROM tm_fts WHERE tm_fts MATCH ?",
    "tm_units.source": "SELECT rowid FROM tm_fts WHERE tm_fts MATCH 'source_text : ' || ?",
}


class SQLiteEngine:
    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        self._connections = Connections(path)
        self._connections.migrate()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._connections.db.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        return self._connections.db.conn.executemany(sql, rows).rowcount

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cursor = self._connections.db.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def insert(self, table: str, row: Mapping[str, Any]) -> int:
        pk = self._connections.db.table(table).insert(dict(row)).last_pk
        # A plain single-row insert (no ignore/upsert) always sets last_pk to the new row's key;
        # sqlite-utils types it Optional only because it starts unset and ignored inserts may skip it.
        assert pk is not None
        return pk

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]], *, ignore: bool = False) -> None:
        # `db.table` raises rather than hand back a view; the repositories write only to tables.
        self._connections.db.table(table).insert_all((dict(r) for r in rows), batch_size=500, ignore=ignore)

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._connections.write():
            yield

    @contextmanager
    def read(self) -> Iterator[None]:
        conn = self._connections.db.conn
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")

    def in_transaction(self) -> bool:
        return self._connections.db.conn.in_transaction

    def substring_ids(self, index: str) -> str:
        return _FTS[index]

    def substring_params(self, index: str, text: str) -> tuple[str, ...]:
        # One quoted string matches as a substring under the trigram tokenizer, inside words too.
        return ('"' + text.replace('"', '""') + '"',)

    def similar_ids(self, index: str, text: str, limit: int) -> list[int] | None:
        # FTS5 ranks only by bm25, and a bm25-ranked OR of every trigram was measured slower than
        # scanning the whole memory; the rarest trigrams' postings (workflow.tm) do better.
        return None

    def json_ints(self, expression: str, key: str | None = None) -> str:
        return f"json_each({expression}, '$.{key}')" if key else f"json_each({expression})"

    def json_texts(self, expression: str) -> str:
        return f"json_each({expression})"

    def act_as(self, user: str) -> None:
        pass  # a file has no logins: who acts is the application's word (workflow.identity)

    def add_login(self, user: str) -> None:
        pass

    def changes(self) -> int:
        return self._connections.db.conn.execute("PRAGMA data_version").fetchone()[0]

    def data_tables(self) -> list[str]:
        conn = self._connections.db.conn
        tables = {name: sql for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        # The FTS5 indexes (virtual tables) and the shadow tables that hold them are rebuilt from
        # their content by triggers as rows arrive.
        virtual = [name for name, sql in tables.items() if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        names = [name for name in tables if not any(name == v or name.startswith(v + "_") for v in virtual)]
        return dependency_order({name: {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({name})")}
                                  for name in names})

    @contextmanager
    def copying(self) -> Iterator[None]:
        # An INTEGER PRIMARY KEY goes on from the largest id there, copied or not; and the triggers
        # must run: they fill the FTS5 indexes.
        yield

    def schema_version(self) -> int:
        return self._connections.db.conn.execute("PRAGMA user_version").fetchone()[0]

    def table_names(self) -> list[str]:
        return self._connections.db.table_names()

    def integrity_problems(self) -> list[str]:
        rows = [row[0] for row in self._connections.db.conn.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        self._connections.close()
