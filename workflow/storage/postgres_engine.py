"""The PostgreSQL engine: a workspace in a database that several application servers share.

psycopg 3 (binary wheel): the maintained PostgreSQL driver for Python, with LISTEN/NOTIFY as a plain
generator, pipelined executemany and libpq's own ways to a password (~/.pgpass, PGPASSWORD, a service
file). One connection per thread, as with SQLite, in autocommit: a statement outside write() or
read() commits on its own, as SQLite's do.

Writers queue behind one transaction-scoped advisory lock, so a write reads and writes as if alone,
which is what SQLite's BEGIN IMMEDIATE gives and what every merge and conflict rule stands on.
Readers never wait for it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import pq
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from workflow.errors import PermissionDenied, WorkspaceBusy, WorkspaceError
from workflow.i18n import _
from workflow.paths import WorkspaceLocation
from workflow.storage.connection import BUSY_MESSAGE, BUSY_TIMEOUT_MS
from workflow.storage.engine import Cursor, Row, dependency_order
from workflow.storage.postgres_schema import MIGRATIONS

# Keys of the advisory locks (any two constants; "tandem" and "tandem-schema" in ASCII, roughly).
WRITE_LOCK = 0x74616E64656D
SCHEMA_LOCK = 0x74616E64656D2D73
CHANNEL = "tandem_changes"

_SUBSTRING = {
    "segments": ("SELECT id FROM segments WHERE source_text ILIKE ?", 1),
    "revisions": ("SELECT id FROM revisions WHERE text ILIKE ?", 1),
    "tm_units": ("SELECT id FROM tm_units WHERE source_text ILIKE ? OR target_text ILIKE ?", 2),
    "tm_units.source": ("SELECT id FROM tm_units WHERE source_text ILIKE ?", 1),
}


# pg_trgm's % operator answers from the GIN trigram index only for rows at least this similar
# (trigrams shared over all trigrams of both). The index reads just enough of the query's rarest
# trigrams' postings to rule the rest out, so a higher floor is cheaper: over a million synthetic
# Korean units the query alone took 170 ms at 0.3 (pg_trgm's default), 101 ms at 0.4 and 68 ms at
# 0.5, against 1.95 s for rapidfuzz over the whole memory. At 0.5 the lookup is about 20x the full
# scan with the same best match on 95 to 99% of queries, as SQLite's (benchmarks/engine_tm_lookup.py);
# what it gives up are some weak matches: of the full scan's top five at fuzz.ratio 50
# or above it shows 86%, SQLite 95%.
SIMILARITY_FLOOR = 0.5
_SIMILAR = {
    "tm_units.source": "SELECT id FROM tm_units WHERE source_text % ? "
                       "ORDER BY similarity(source_text, ?) DESC, id DESC LIMIT ?",
}


@functools.lru_cache(maxsize=1024)
def pg_sql(sql: str) -> str:
    """The shared SQL with psycopg's placeholders: `?` outside quotes becomes %s, a literal % doubles."""
    out: list[str] = []
    quote = ""
    for char in sql:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        out.append("%%" if char == "%" else char)
    return "".join(out)


class PostgresEngine:
    name = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            params = conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise WorkspaceError(_("{url}: not a PostgreSQL address ({problem})").format(
                url=WorkspaceLocation.of(url).display, problem=exc)) from None
        if "password" in params:
            # A password on the command line lands in shell history and in `ps` for everyone to read.
            raise WorkspaceError(_(
                "{url}: a password in the address is refused; put it in ~/.pgpass, PGPASSWORD or a "
                "PostgreSQL service file").format(url=WorkspaceLocation.of(url).display))
        self.location = url
        self._conninfo = make_conninfo(url, application_name="tandem")
        self._local = threading.local()
        self._all: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        self._listener: psycopg.Connection | None = None
        self._notices: dict[int, int] = {}
        self._id_columns: dict[str, bool] = {}  # whether a table has an id column (insert returns it)
        self.migrate()

    # Connections

    def _connect(self) -> psycopg.Connection:
        try:
            conn = psycopg.connect(self._conninfo, autocommit=True)
        except psycopg.OperationalError as exc:
            problem = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise WorkspaceError(_("{url}: cannot reach the workspace's database ({problem})").format(
                url=self.location, problem=problem)) from None
        # As long as SQLite's busy timeout: a writer waits out a colleague's import, not forever.
        conn.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    @property
    def _conn(self) -> psycopg.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    # Statements

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._conn.execute(pg_sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        cursor = self._conn.cursor()
        cursor.executemany(pg_sql(sql), list(rows))
        return cursor.rowcount

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cursor = self._conn.execute(pg_sql(sql), tuple(params))
        if cursor.description is None:
            return []
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def insert(self, table: str, row: Mapping[str, Any]) -> int:
        columns = ", ".join(row)
        marks = ", ".join(["%s"] * len(row))
        if not self._has_id(table):  # keyed by what it belongs to (document_interchange): no id to give
            self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
            return 0
        found = self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id",
                                   tuple(row.values())).fetchone()
        assert found is not None
        return found[0]

    def _has_id(self, table: str) -> bool:
        found = self._id_columns.get(table)
        if found is None:
            found = self._id_columns[table] = bool(_value(self._conn.execute(
                "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = 'id' "
                "AND NOT attisdropped)", (table,))))
        return found

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]], *, ignore: bool = False) -> None:
        rows = list(rows)
        if not rows:
            return
        columns = tuple(rows[0])
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
               + (" ON CONFLICT DO NOTHING" if ignore else ""))
        self._conn.cursor().executemany(sql, [tuple(row[c] for c in columns) for row in rows])

    # Transactions

    @contextmanager
    def write(self) -> Iterator[None]:
        conn = self._conn
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield
                # Delivered at commit, to every server listening: what data_version is to SQLite.
                conn.execute(f"NOTIFY {CHANNEL}")
        except psycopg.errors.LockNotAvailable:
            raise WorkspaceBusy(_(BUSY_MESSAGE)) from None
        except psycopg.errors.InsufficientPrivilege as exc:
            # The database's own refusal (postgres_identity's triggers and grants) of something
            # Tandem's checks let through: the same one line a user gets from Tandem's refusals.
            raise PermissionDenied(_("the database refused this: {problem}").format(
                problem=str(exc).strip().splitlines()[0])) from None

    @contextmanager
    def read(self) -> Iterator[None]:
        conn = self._conn
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    # What the engines say differently

    def substring_ids(self, index: str) -> str:
        return _SUBSTRING[index][0]

    def substring_params(self, index: str, text: str) -> tuple[str, ...]:
        # ILIKE with the pattern's own wildcards escaped; the GIN trigram indexes answer it.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return (pattern,) * _SUBSTRING[index][1]

    def similar_ids(self, index: str, text: str, limit: int) -> list[int] | None:
        conn = self._conn
        if getattr(self._local, "floor_set_on", None) is not conn:
            conn.execute(f"SET pg_trgm.similarity_threshold = {SIMILARITY_FLOOR}")
            # Set inside a transaction, it is undone if that rolls back: then set it again next time.
            if conn.info.transaction_status == pq.TransactionStatus.IDLE:
                self._local.floor_set_on = conn
        return [row[0] for row in self.execute(_SIMILAR[index], (text, text, limit)).fetchall()]

    def json_ints(self, expression: str, key: str | None = None) -> str:
        array = f"({expression})::jsonb -> '{key}'" if key else f"({expression})::jsonb"
        return f"LATERAL (SELECT x::bigint AS value FROM jsonb_array_elements_text({array}) x)"

    def json_texts(self, expression: str) -> str:
        return f"LATERAL (SELECT x AS value FROM jsonb_array_elements_text(({expression})::jsonb) x)"

    # Identity the database checks (workflow/storage/postgres_identity.py)

    def act_as(self, user: str) -> None:
        conn = self._conn
        if conn.info.transaction_status == pq.TransactionStatus.IDLE:
            return  # SET LOCAL outside a transaction would last no longer than itself
        try:
            conn.execute("SELECT tandem_act_as(%s)", (user,))
        except psycopg.errors.InsufficientPrivilege:
            raise PermissionDenied(_(
                "the database login {login} may not act as {user}; a database administrator can grant it "
                "(GRANT \"{user}\" TO \"{login}\")").format(login=conn.info.user, user=user)) from None

    def add_login(self, user: str) -> None:
        self._conn.execute("SELECT tandem_add_login(%s)", (user,))

    def changes(self) -> int:
        """Commits by other connections seen so far: LISTEN on the channel every write notifies."""
        with self._lock:
            if self._listener is None:
                self._listener = self._connect()
                self._listener.execute(f"LISTEN {CHANNEL}")
            for notice in self._listener.notifies(timeout=0):
                self._notices[notice.pid] = self._notices.get(notice.pid, 0) + 1
            own = self._conn.info.backend_pid
            return sum(count for pid, count in self._notices.items() if pid != own)

    def data_tables(self) -> list[str]:
        # tandem_* tables are the engine's own (the schema's version, the identity rules it derives).
        found: dict[str, set[str]] = {}
        for table, referenced in self.execute(
                "SELECT c.relname, f.relname FROM pg_class c "
                "LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f' "
                "LEFT JOIN pg_class f ON f.oid = k.confrelid "
                "WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace "
                "AND c.relname NOT LIKE 'tandem\\_%'").fetchall():
            found.setdefault(table, set()).update([referenced] if referenced else [])
        return dependency_order(found)

    @contextmanager
    def copying(self) -> Iterator[None]:
        # DISABLE TRIGGER USER, not session_replication_role: the owner may do it (no superuser),
        # foreign keys and CHECKs still hold (they are not user triggers), and being DDL it is part
        # of the transaction: a copy that fails leaves every trigger as it was. While it lasts,
        # the identity triggers neither fill in nor check authors (a copy writes other people's
        # rows as they were written), the audit entries copied keep no db_login (no login of this
        # database wrote them), and nobody else can touch the tables (ALTER TABLE locks them).
        tables = self.data_tables()
        for table in tables:
            self.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield
        for table in tables:
            self.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        self.execute("SELECT tandem_sync_identities()")

    def schema_version(self) -> int:
        return self.execute("SELECT coalesce(max(version), 0) FROM tandem_schema").fetchone()[0]

    def table_names(self) -> list[str]:
        return [r[0] for r in self.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename").fetchall()]

    def integrity_problems(self) -> list[str]:
        """PostgreSQL checks its own pages and constraints as it goes; with the amcheck extension
        installed, every B-tree index is also checked against its table."""
        if not self.execute("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'").fetchone():
            return []
        problems = []
        for (name,) in self.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = current_schema()").fetchall():
            try:
                self.execute("SELECT bt_index_check(?::regclass, true)", (name,))
            except psycopg.Error as exc:
                problems.append(f"{name}: {exc}".strip())
        return problems

    # Schema

    def migrate(self) -> None:
        """Bring the database to this Tandem's schema; servers starting together queue on a lock
        and the later ones find the work done."""
        conn = self._conn
        if self._current(conn) == len(MIGRATIONS):
            return  # the usual case, and the only one a role without DDL rights may meet
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            version = self._current(conn)
            if version == -1:
                if self.table_names():
                    raise WorkspaceError(_("{url}: a PostgreSQL database, but not a Tandem workspace").format(
                        url=self.location))
                conn.execute("CREATE TABLE tandem_schema (version integer PRIMARY KEY)")
                version = 0
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                conn.execute(script)
                conn.execute("INSERT INTO tandem_schema (version) VALUES (%s)", (number,))

    def _current(self, conn: psycopg.Connection) -> int:
        """The schema version, -1 where the database has none; refuses a newer Tandem's."""
        if _value(conn.execute("SELECT to_regclass('tandem_schema')")) is None:
            return -1
        version = _value(conn.execute("SELECT coalesce(max(version), 0) FROM tandem_schema"))
        if version > len(MIGRATIONS):
            raise WorkspaceError(
                _("{path}: made by a newer Tandem (schema {version}, this one knows {known}); upgrade Tandem "
                  "to open it").format(path=self.location, version=version, known=len(MIGRATIONS)))
        return version

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
            if self._listener is not None:
                self._listener.close()
                self._listener = None
        self._local = threading.local()


def _value(cursor: psycopg.Cursor) -> Any:
    """The one value a one-row, one-column query gives."""
    row = cursor.fetchone()
    assert row is not None
    return row[0]
