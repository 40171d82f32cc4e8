"""A workspace's database reached behind Tandem's back, on either engine: what someone with the
sqlite3 shell or psql (as the database's owner) could do, and how tests set up what no use case
makes (a locked segment, a doubtful pairing, a stored control character).

Statements are written as the storage layer writes them, in the SQL both engines run, with `?`
marks; each commits on its own. DatabaseError and IntegrityError are what either engine raises.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import conftest

try:
    import psycopg
except ImportError:  # the suite on SQLite needs no PostgreSQL driver
    psycopg = None

DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + ((psycopg.DatabaseError,) if psycopg else ())
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,) + ((psycopg.IntegrityError,) if psycopg else ())


class Raw:
    def __init__(self, path: Path) -> None:
        self.engine = conftest.ENGINE
        if self.engine == "postgresql":
            import pg_workspaces

            self._conn: Any = psycopg.connect(pg_workspaces.url_of(Path(path)), autocommit=True)
        else:
            self._conn = sqlite3.connect(path, isolation_level=None)

    def _sql(self, sql: str) -> str:
        if self.engine == "postgresql":
            from workflow.storage.postgres_engine import pg_sql

            return pg_sql(sql)
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.engine == "postgresql":
            self._conn.cursor().executemany(self._sql(sql), list(rows))
        else:
            self._conn.executemany(sql, rows)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(row) for row in self.execute(sql, params).fetchall()]

    def lift_guards(self) -> None:
        """Drop the triggers that keep history append-only, as the database's owner can."""
        if self.engine == "postgresql":
            for trigger, table in self.rows(
                    "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    "WHERE NOT t.tgisinternal AND t.tgname LIKE '%append_only%'"):
                self.execute(f'DROP TRIGGER "{trigger}" ON "{table}"')
        else:
            for (trigger,) in self.rows("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                        "AND name LIKE '%append_only%'"):
                self.execute(f'DROP TRIGGER "{trigger}"')

    def claim_schema_version(self, version: int) -> None:
        """Mark the workspace as made by a Tandem whose schema is at `version`."""
        if self.engine == "postgresql":
            self.execute("INSERT INTO tandem_schema (version) VALUES (?)", (version,))
        else:
            self.execute(f"PRAGMA user_version = {int(version)}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Raw:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(path: Path) -> Raw:
    return Raw(path)


def copy(source: Path, target: Path) -> Path:
    """A copy of the (closed) workspace at `source`, opened from now on at `target`."""
    if conftest.ENGINE == "postgresql":
        import pg_workspaces

        pg_workspaces.copy(Path(source), Path(target))
    else:
        original, copied = sqlite3.connect(source), sqlite3.connect(target)
        original.backup(copied)
        original.close()
        copied.close()
    return Path(target)


def migrations() -> tuple[str, ...]:
    """The engine's own numbered migrations, whose count is a new workspace's schema version."""
    if conftest.ENGINE == "postgresql":
        from workflow.storage.postgres_schema import MIGRATIONS
    else:
        from workflow.storage.migrations import MIGRATIONS
    return MIGRATIONS
