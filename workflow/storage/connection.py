"""SQLite connections: one per thread (SQLite's rule), WAL, foreign keys, a busy timeout."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from workflow.errors import WorkspaceError
from workflow.storage.migrations import MIGRATIONS

# Long enough to ride out a colleague's import; a write transaction here is milliseconds.
BUSY_TIMEOUT_MS = 10_000


class Connections:
    """Hands each thread its own sqlite-utils Database over the same file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()

    @property
    def db(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._open()
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    def _open(self) -> sqlite_utils.Database:
        # Used by one thread only; check_same_thread=False just lets close() run from another.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        try:
            db = sqlite_utils.Database(conn, execute_plugins=False)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            # WAL with NORMAL sync survives a killed process with every commit intact.
            db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise WorkspaceError(f"{self.path}: not a Tandem workspace ({exc})") from None
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction taken with BEGIN IMMEDIATE, so two writers queue instead of failing."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def migrate(self) -> None:
        db = self.db
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.table_names()
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(f"{self.path}: not a Tandem workspace ({exc})") from None
        if version == 0 and tables:
            raise WorkspaceError(f"{self.path}: an SQLite file, but not a Tandem workspace")
        if version > len(MIGRATIONS):
            raise WorkspaceError(
                f"{self.path}: made by a newer Tandem (schema {version}, this one knows "
                f"{len(MIGRATIONS)}); upgrade Tandem to open it"
            )
        if version < len(MIGRATIONS) and db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits first, so the transaction lives inside the script itself.
            try:
                db.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
                )
            except sqlite3.Error:
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()
