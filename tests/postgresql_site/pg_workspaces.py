"""The suite on PostgreSQL (`pytest --engine postgresql`): every workspace file a test names is a
database of its own.

Tests make workspaces by path in some 190 places: tmp_path / "x.tandem", the db_path fixture,
prepare_demo(path), `python main.py --db PATH` subprocesses, the writer processes of the
concurrency tests, and the word-decisions helper the app starts by itself. Rather than teach each of
those about URLs (and put test-only code into workflow/), `Storage.open` is wrapped: a file's path
opens the database the file names, so every process that opens the same file, whoever started it,
reaches the same database. Everything above Storage runs as it does for a user of a PostgreSQL
workspace; only the choice of database is the tests'.

The file stays, holding one line that names its database, so what the app does with the path beside
the engine behaves as with a SQLite file: `path.exists()` before opening, the file owner's
first-admin rule (workflow.identity), inode-keyed caches, the CLI removing a workspace it made for
refused work. A missing or empty file means a new workspace, as a new SQLite file would be. A file
holding anything else (a SQLite file's bytes, another workspace's marker copied, text) is refused
with an error saying the test is about files, which then carries `@pytest.mark.sqlite_only(why)`.

Databases come from a pool, because PostgreSQL makes and drops databases slowly (a DROP DATABASE
waits for a checkpoint; under the load of a test run each took a second or more). A new workspace
takes a free database of the pool, or a new one made as a user's is: CREATE DATABASE and Tandem's
own migrations. When a test ends (conftest), the databases of workspaces under its tmp_path, or
whose file is gone, are emptied (every table's rows, the sequences restarted, the workspace's group
role left without members) and go back to the pool, unless the test changed more than rows (dropped
a trigger, say): then the database is dropped and the pool makes another. Each database's comment says whose it is
(the resolved path of the file) and the fingerprint of its schema when it was made, which is how a
reused database is known to be as a new one. Every database of a session shares a prefix and is
dropped when the session ends; the login roles tests made stay on the server, as they would on a
desk's.

Subprocesses: conftest puts this folder on PYTHONPATH and the server and prefix in the environment
(ENV, a name outside TANDEM_*, which the tests' subprocess environments strip), so sitecustomize.py
here wraps Storage.open in every Python process the tests start and in those these start in turn.
"""

from __future__ import annotations

import json
import os
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ENV = "TESTS_POSTGRES_WORKSPACES"
MARK = "tandem test workspace on PostgreSQL: "


@dataclass(frozen=True)
class Server:
    url: str     # a superuser's URL: it makes, empties and drops the session's databases
    prefix: str  # this session's databases' names begin with it

    @classmethod
    def from_env(cls) -> Server | None:
        found = os.environ.get(ENV)
        return cls(**json.loads(found)) if found else None

    def to_env(self) -> str:
        return json.dumps({"url": self.url, "prefix": self.prefix})

    def url_for(self, database: str) -> str:
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path="/" + database))


@dataclass
class Figures:
    """What the pool cost this process."""
    made: int = 0
    made_seconds: float = 0.0
    reused: int = 0
    emptied: int = 0
    emptied_seconds: float = 0.0
    dropped: int = 0  # changed beyond their rows by a test


figures = Figures()

_installed: Server | None = None
_admin: Any = None  # one superuser connection per process, to the server's maintenance database
_admin_lock = threading.Lock()


def _server() -> Server:
    assert _installed is not None, "pg_workspaces.install() first"
    return _installed


def _admin_run(statement: Any, params: tuple = ()) -> list[tuple]:
    global _admin
    import psycopg

    with _admin_lock:
        if _admin is None or _admin.closed:
            _admin = psycopg.connect(_server().url, autocommit=True, application_name="tandem-tests")
        cursor = _admin.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _comment(name: str, note: dict) -> None:
    from psycopg import sql

    _admin_run(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(json.dumps(note))))


def _databases() -> dict[str, dict]:
    """The session's databases and their notes."""
    rows = _admin_run("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                      "WHERE starts_with(datname, %s) ORDER BY datname", (_server().prefix,))
    return {name: json.loads(note or "{}") for name, note in rows}


# The pool's lock (any constant): one process at a time hands out or makes databases.
_POOL_LOCK = zlib.crc32(b"tandem test pool")

# What a database holds beside its rows; equal before and after a test, it is as good as new.
_FINGERPRINT = """
SELECT md5(string_agg(x, E'\\n' ORDER BY x)) FROM (
    SELECT 'class ' || relname || ' ' || relkind::text || ' ' || coalesce(relacl::text, '') FROM pg_class
    WHERE relnamespace = current_schema()::regnamespace
    UNION ALL
    SELECT 'column ' || c.relname || '.' || a.attname || ' ' || a.atttypid || ' ' || a.attnotnull || ' '
           || coalesce(a.attacl::text, '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT 'function ' || proname || ' ' || md5(coalesce(prosrc, '')) || ' ' || coalesce(proacl::text, '')
    FROM pg_proc WHERE pronamespace = current_schema()::regnamespace
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass || ' ' || conname FROM pg_constraint
    WHERE connamespace = current_schema()::regnamespace
    UNION ALL
    SELECT 'policy ' || polrelid::regclass || ' ' || polname FROM pg_policy
    UNION ALL
    SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension
    UNION ALL
    SELECT 'default acl ' || defaclobjtype::text || ' ' || defaclacl::text FROM pg_default_acl
    UNION ALL
    SELECT 'database ' || coalesce(datacl::text, '') || ' '
           || coalesce((SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting
                        WHERE setdatabase = d.oid AND setrole = 0), '')
    FROM pg_database d WHERE datname = current_database()
) found(x)
"""

def _fingerprint(conn: Any, kept: list[str]) -> str:
    rows = [conn.execute(_FINGERPRINT).fetchone()[0]]
    for table in sorted(kept):
        rows.append(conn.execute(f'SELECT md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) '
                                 f'FROM "{table}" t').fetchone()[0])
    return ",".join(rows)


def _make() -> str:
    """A new database of the pool, brought to the schema by Tandem's migrations as a user's is."""
    import psycopg

    from workflow.storage.postgres_engine import PostgresEngine

    server = _server()
    started = time.perf_counter()
    name = _next_name()
    _admin_run(f'CREATE DATABASE "{name}"')
    PostgresEngine(server.url_for(name)).close()
    with psycopg.connect(server.url_for(name), autocommit=True) as conn:
        # Counted rows, not the statistics the collector may not have yet.
        tables = [r[0] for r in conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
            "AND relkind IN ('r', 'p')").fetchall()]
        kept = [t for t in tables if conn.execute(f'SELECT EXISTS (SELECT FROM "{t}")').fetchone()[0]]
        fresh = _fingerprint(conn, kept)
    _comment(name, {"path": None, "fresh": fresh, "kept": kept})
    figures.made += 1
    figures.made_seconds += time.perf_counter() - started
    return name


def _assign(path: Path) -> str:
    """A free database of the pool (or a new one) for the new workspace file `path`."""
    _admin_run("SELECT pg_advisory_lock(%s)", (_POOL_LOCK,))
    try:
        if (found := _marker(path)) is not None:  # made by another process while this one waited
            return found
        databases = _databases()
        free = [name for name, note in databases.items() if "fresh" in note and note.get("path") is None]
        if not free:
            # A workspace whose file is gone and that nobody holds open (a temporary folder a
            # hypothesis example made and removed) need not wait for its test to end.
            free = [name for name, note in databases.items()
                    if note.get("path") and not os.path.exists(note["path"]) and not _connected(name)
                    and _release(name, note)][:1]
        if free:
            name = free[0]
            figures.reused += 1
        else:
            name = _make()
        note = _databases()[name]
        _comment(name, dict(note, path=str(path.resolve())))
        path.write_text(MARK + name + "\n", encoding="utf-8")
        return name
    finally:
        _admin_run("SELECT pg_advisory_unlock(%s)", (_POOL_LOCK,))


def copy(source: Path, target: Path) -> None:
    """The workspace of `source` copied whole to the new workspace file `target`, as a SQLite file's
    backup would be: CREATE DATABASE ... TEMPLATE, which wants the original to itself."""
    original = _marker(source)
    assert original is not None, f"{source}: no workspace to copy"
    _admin_run("SELECT pg_advisory_lock(%s)", (_POOL_LOCK,))
    try:
        _admin_run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                   "AND pid <> pg_backend_pid()", (original,))
        name = _next_name()
        _admin_run(f'CREATE DATABASE "{name}" TEMPLATE "{original}"')
        # No "fresh": the copy keeps the original's group role, so it is dropped after its test.
        _comment(name, {"path": str(target.resolve()), "copy_of": original})
        target.write_text(MARK + name + "\n", encoding="utf-8")
    finally:
        _admin_run("SELECT pg_advisory_unlock(%s)", (_POOL_LOCK,))


def _next_name() -> str:
    prefix = _server().prefix
    numbers = [int(name.removeprefix(prefix)) for name in _databases() if name.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _marker(path: Path) -> str | None:
    """The database a marker file names; None for no file or an empty one; refuses any other file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if not data:
        return None
    text = data.decode("utf-8", "replace").strip()
    if not text.startswith(MARK):
        raise RuntimeError(f"{path}: not a workspace of the PostgreSQL test run but some other file (a SQLite "
                           "file's bytes, text); a test about files is marked @pytest.mark.sqlite_only(why)")
    return text.removeprefix(MARK)


def url_of(path: Path) -> str:
    """The URL of the database the workspace file `path` stands for, assigned where the file is new."""
    path = Path(path)
    name = _marker(path) or _assign(path)
    return _server().url_for(name)


def _check_owner(storage: Any, path: Path) -> None:
    """Refuse a marker another file's workspace wrote (a copied file): a copy of a workspace is a
    SQLite file's backup, not something a database does by copying a file."""
    note = storage._engine.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
    ).fetchone()[0]
    owner = json.loads(note or "{}").get("path")
    if owner != str(path.resolve()):
        storage.close()
        raise RuntimeError(f"{path}: names the database of {owner}, not its own (a copied workspace file, or a "
                           "file kept past its test); a test that copies workspace files is marked "
                           "@pytest.mark.sqlite_only(why)")


def install(server: Server, store: ModuleType | None = None) -> None:
    """Wrap Storage.open (in `store`, the module workflow.storage.store) so that a file's path
    opens its database."""
    global _installed
    _installed = server
    if store is None:
        import workflow.storage.store as store
    from workflow.storage.engine import is_url

    storage_class = store.Storage
    original = storage_class.open.__func__

    def open_(cls: type, location: Path | str) -> Any:
        if is_url(location):
            return original(cls, location)
        path = Path(location)
        storage = original(cls, url_of(path))
        _check_owner(storage, path)
        # What the app reads of the file beside its data (owner, inode) is the marker's.
        storage.path = path
        return storage

    storage_class.open = classmethod(open_)


def install_when_imported() -> None:
    """In a subprocess: wrap Storage.open as workflow.storage.store is first imported, so a process
    that never opens a workspace neither imports it nor pays for it."""
    import importlib.abc
    import importlib.util
    import sys

    server = Server.from_env()
    if server is None:
        return

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name != "workflow.storage.store":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None:
                return spec
            loader = spec.loader
            run = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run(module)
                install(server, module)

            loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


# after a test: back to the pool ---------------------------------------------------------------

_EMPTY = """
DO $$
DECLARE
    found record;
BEGIN
    -- As the owner restoring a backup would: no trigger (append-only, authors, foreign keys) fires.
    SET LOCAL session_replication_role = replica;
    FOR found IN SELECT c.oid::regclass AS name FROM pg_class c
                 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                   AND c.relname <> ALL (%(kept)s) LOOP
        EXECUTE 'DELETE FROM ' || found.name;
    END LOOP;
    PERFORM setval(s.seqrelid::regclass, s.seqstart, false)
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
    WHERE c.relnamespace = current_schema()::regnamespace;
END
$$
"""


def release(folder: Path | None) -> None:
    """After a test: return to the pool the databases of the workspaces in `folder` (its tmp_path),
    and of workspaces whose file is gone (a temporary folder a hypothesis example made and removed)."""
    inside = str(Path(folder).resolve()) + os.sep if folder is not None else None
    _admin_run("SELECT pg_advisory_lock(%s)", (_POOL_LOCK,))  # no file is half made meanwhile
    try:
        for name, note in _databases().items():
            path = note.get("path")
            if path and ((inside and path.startswith(inside)) or not os.path.exists(path)):
                _release(name, note)
    finally:
        _admin_run("SELECT pg_advisory_unlock(%s)", (_POOL_LOCK,))


def _connected(name: str) -> bool:
    return bool(_admin_run("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = %s)", (name,))[0][0])


def _release(name: str, note: dict) -> bool:
    """Empty the database for reuse (True), or drop it where a test changed more than its rows."""
    import psycopg
    from psycopg import sql

    if "fresh" not in note:  # a copy
        _drop(name)
        return False
    started = time.perf_counter()
    # Connections a test left open (a workspace never closed, a server it killed) end here.
    _admin_run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
               (name,))
    with psycopg.connect(_server().url_for(name), autocommit=True) as conn:
        kept = note.get("kept", [])
        conn.execute(_EMPTY.replace("%(kept)s", "ARRAY[" + ",".join(f"'{t}'" for t in kept) + "]::name[]"))
        same = _fingerprint(conn, kept) == note["fresh"]
        group = None
        if conn.execute("SELECT to_regproc('tandem_group') IS NOT NULL").fetchone()[0]:
            group = conn.execute("SELECT tandem_group()").fetchone()[0]
    if group is not None:
        # Users of the workspace are members of its group role; a new workspace has none.
        for (member,) in _admin_run(
                "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member "
                "JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname = %s", (group,)):
            _admin_run(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(member)))
    if same:
        _comment(name, dict(note, path=None))
        figures.emptied += 1
        figures.emptied_seconds += time.perf_counter() - started
        return True
    _drop(name)
    figures.dropped += 1
    return False


def _drop(name: str) -> None:
    _admin_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    # The identity migration's group role for the database, made on the server, outlives it.
    _admin_run(f'DROP ROLE IF EXISTS "{"tandem@" + name}"')


def drop_all() -> int:
    """Drop every database of the session; how many there were."""
    names = list(_databases())
    for name in names:
        _drop(name)
    return len(names)


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows of the workspace file's database, in a stable order: what a workspace
    holds, compared before and after something that must change nothing."""
    import psycopg

    with psycopg.connect(url_of(path), autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename").fetchall()]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
