"""SQLite connections: one per thread (SQLite's rule), WAL, foreign keys, a busy timeout."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from workflow.audit import entry_hash
from workflow.errors import WorkspaceBusy, WorkspaceError
from workflow.i18n import N_, _
from workflow.storage.migrations import MIGRATIONS

# Long enough to ride out a colleague's import; a write transaction here is milliseconds.
BUSY_TIMEOUT_MS = 10_000
# SQLite answers SQLITE_BUSY without waiting in a few cases the busy handler does not cover (WAL
# recovery, a checkpoint holding the index); a few retries with jitter get past those.
BUSY_RETRIES = 6
BUSY_MESSAGE = N_("the workspace is busy: another program kept it locked; nothing was written "
                  "(your text is still here), try again")


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
            # The audit chain's hash, callable from SQL so migration M008 can chain old entries.
            conn.create_function("tandem_audit_hash", 8, entry_hash, deterministic=True)
            # NORMAL would keep every commit through a killed process too (WAL is appended before
            # COMMIT returns), but not through a power cut or an OS crash; FULL syncs the WAL on
            # each commit, so a save the user was told about survives those as well. It costs about
            # a quarter of a millisecond per commit here (benchmarks/concurrent_saves.py), against
            # saves that come seconds apart.
            db.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise WorkspaceError(_("{path}: not a Tandem workspace ({problem})").format(path=self.path,
                                                                                     problem=exc)) from None
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction taken with BEGIN IMMEDIATE, so two writers queue instead of failing."""
        db = self.db
        try:
            _retry(lambda: db.execute("BEGIN IMMEDIATE"))
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise WorkspaceBusy(_(BUSY_MESSAGE)) from None
            raise
        try:
            yield db
            _retry(lambda: db.execute("COMMIT"))
        except BaseException as exc:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            if _busy(exc):
                raise WorkspaceBusy(_(BUSY_MESSAGE)) from None
            raise

    def migrate(self) -> None:
        """Bring the file to this Tandem's schema. Several processes may open a new or older file at
        once: whoever loses the race for a migration finds it applied and carries on from there."""
        db = self.db
        attempt = 0
        while True:
            applied = _user_version(db)
            try:
                self._migrate(db)
                return
            except (sqlite3.OperationalError, sqlite3.IntegrityError) as exc:  # Integrity: the guard
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                # Someone else's migration landed meanwhile (our guard's CHECK failed, or the script
                # tripped on what it made): ours rolled back, so carry on from the version now
                # there. The version only grows, so this ends; it costs no attempt.
                if _user_version(db) > applied:
                    continue
                if not _busy(exc):
                    raise
                attempt += 1
                if attempt == BUSY_RETRIES:
                    raise WorkspaceBusy(_(BUSY_MESSAGE)) from None
                time.sleep(random.uniform(0.5, 1.5) * 0.01 * 2**attempt)

    def _migrate(self, db: sqlite_utils.Database) -> None:
        try:
            # Tables before the version: a commit in between can only raise the version read second.
            tables = db.table_names()
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise
            raise WorkspaceError(_("{path}: not a Tandem workspace ({problem})").format(path=self.path,
                                                                                     problem=exc)) from None
        if version == 0 and tables:
            raise WorkspaceError(_("{path}: an SQLite file, but not a Tandem workspace").format(path=self.path))
        if version > len(MIGRATIONS):
            raise WorkspaceError(
                _("{path}: made by a newer Tandem (schema {version}, this one knows {known}); upgrade Tandem "
                  "to open it").format(path=self.path, version=version, known=len(MIGRATIONS))
            )
        if version < len(MIGRATIONS) and db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits first, so the transaction lives inside the script itself. The
            # guard re-reads the version under the write lock: if another process applied this
            # migration while we waited for the lock, the CHECK fails and nothing runs twice.
            try:
                db.conn.executescript(
                    f"BEGIN IMMEDIATE;\n"
                    f"CREATE TEMP TABLE migration_guard (version INTEGER CHECK (version = {number - 1}));\n"
                    f"INSERT INTO migration_guard SELECT user_version FROM pragma_user_version;\n"
                    f"DROP TABLE migration_guard;\n"
                    f"{script}\nPRAGMA user_version = {number};\nCOMMIT;"
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


def _user_version(db: sqlite_utils.Database) -> int:
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return -1  # not readable now; _migrate says why in its own words


def _busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and getattr(exc, "sqlite_errorcode", 0) & 0xFF in (
        sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _retry(step) -> None:
    """Run one statement, retrying SQLITE_BUSY with growing, jittered pauses; the last one raises."""
    for attempt in range(BUSY_RETRIES):
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or attempt == BUSY_RETRIES - 1:
                raise
            time.sleep(random.uniform(0.5, 1.5) * 0.01 * 2**attempt)
