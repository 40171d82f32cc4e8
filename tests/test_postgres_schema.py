"""The PostgreSQL schema (workflow/storage/postgres_schema.py) holds what a fresh SQLite workspace
holds, and refuses what SQLite's triggers refuse.

Each test gets a database of its own on the server TANDEM_TEST_POSTGRES names (scripts/pg_cluster.sh
start DIR prints one), with the migrations applied by psycopg directly, not through the engine.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid

import pytest

SERVER = os.environ.get("TANDEM_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(
    not SERVER, reason="no PostgreSQL server: set TANDEM_TEST_POSTGRES to one's URL (scripts/pg_cluster.sh start DIR)")

psycopg = pytest.importorskip("psycopg")
from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: E402

from workflow.storage.postgres_schema import MIGRATIONS  # noqa: E402


def _database(options: str = "", *, optional: bool = False):
    """A fresh database with the schema applied; dropped when the test is done. An optional one
    that the server cannot make skips the test."""
    name = f"tandem_schema_{uuid.uuid4().hex[:12]}"
    server = psycopg.connect(SERVER, autocommit=True)
    try:
        server.execute(f"CREATE DATABASE {name} {options}")
    except psycopg.Error as exc:
        server.close()
        if optional:
            pytest.skip(f"this server cannot make it: {exc}")
        raise
    conn = psycopg.connect(make_conninfo(**{**conninfo_to_dict(SERVER), "dbname": name}), autocommit=True)
    try:
        with conn.transaction():
            # As workflow/storage/postgres_engine.py migrates: its version table first, then each script.
            conn.execute("CREATE TABLE tandem_schema (version integer PRIMARY KEY)")
            for number, script in enumerate(MIGRATIONS, start=1):
                conn.execute(script)
                conn.execute("INSERT INTO tandem_schema (version) VALUES (%s)", (number,))
        yield conn
    finally:
        conn.close()
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")
        # Roles are the server's, not the database's: those made for this one go with it.
        for (role,) in server.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"%@{name}",)).fetchall():
            server.execute(f'DROP ROLE "{role}"')
        server.close()


@pytest.fixture
def pg():
    yield from _database()


@pytest.fixture
def sqlite(tmp_path):
    """A fresh SQLite workspace, made by its engine itself: `--engine postgresql` reroutes Storage.open."""
    from workflow.storage.sqlite_engine import SQLiteEngine

    SQLiteEngine(tmp_path / "workspace.db").close()
    conn = sqlite3.connect(tmp_path / "workspace.db")
    yield conn
    conn.close()


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    """The workspace's own tables: not SQLite's, not the FTS5 indexes or their shadow tables."""
    virtual = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                        "'sqlite_%' ORDER BY name")]
    return [n for n in names if not any(n == v or n.startswith(v + "_") for v in virtual)]


def _pg_columns(conn) -> dict[str, list[tuple]]:
    columns: dict[str, list[tuple]] = {}
    for table, name, data_type, nullable, default, identity in conn.execute(
            """SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
               FROM information_schema.columns WHERE table_schema = current_schema()
               ORDER BY table_name, ordinal_position"""):
        columns.setdefault(table, []).append((name, data_type, nullable == "NO", default, identity == "YES"))
    return columns


def _pg_constraints(conn, kind: str) -> list[tuple]:
    """(table, columns, referenced table, its columns) of each constraint of a kind: primary key
    ('p'), unique ('u'), foreign key ('f'), check ('c')."""
    return [(table, tuple(cols), ref, tuple(ref_cols or ())) for table, cols, ref, ref_cols in conn.execute(
        """SELECT c.conrelid::regclass::text,
                  (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num),
                  c.confrelid::regclass::text,
                  (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(num, n)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num)
           FROM pg_constraint c
           WHERE c.contype = %s AND c.connamespace = current_schema()::regnamespace""", (kind,))]


def test_a_fresh_sqlite_workspaces_tables_columns_and_constraints_are_all_there(pg, sqlite):
    """Everything SQLite's schema has, as it has it. PostgreSQL may add what is its alone (the
    engine's tables and later migrations' are tandem_*; a later migration's columns come after
    SQLite's), but the shared SQL finds every table and column it names, in SQLite's order."""
    tables = _sqlite_tables(sqlite)
    columns = _pg_columns(pg)
    assert sorted(t for t in columns if not t.startswith("tandem_")) == tables
    int_types = {"INTEGER": ("integer", "bigint"), "TEXT": ("text",), "REAL": ("double precision",),
                 "BLOB": ("bytea",)}
    foreign = {(table, row[3], row[2], row[4]) for table in tables
               for row in sqlite.execute(f"PRAGMA foreign_key_list({table})")}
    primary, unique, checks, shared = set(), set(), {}, set()
    for table in tables:
        info = sqlite.execute(f"PRAGMA table_info({table})").fetchall()
        assert [c[0] for c in columns[table]][:len(info)] == [row[1] for row in info], table
        shared.update((table, row[1]) for row in info)
        references = {column for t, column, _, _ in foreign if t == table}
        for (_cid, name, decl, notnull, default, pk), (_, data_type, pg_notnull, pg_default, identity) in zip(
                info, columns[table]):
            assert data_type in int_types[decl], (table, name, data_type)
            if decl == "INTEGER" and (pk or name in references) and name != "version":
                assert data_type == "bigint", (table, name)  # an id, or a reference to one
            if not pk:
                assert pg_notnull == bool(notnull), (table, name)
            if not identity:
                assert (re.sub(r"::[a-z ]+$", "", pg_default) if pg_default else None) == default, (table, name)
        if [row[1] for row in info if row[5]]:
            primary.add((table, tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5])))
        for _seq, index, _unique, origin, _partial in sqlite.execute(f"PRAGMA index_list({table})"):
            if origin == "u":
                unique.add((table, tuple(r[2] for r in sqlite.execute(f"PRAGMA index_info({index})"))))
        checks[table] = sqlite.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0].count(
            "CHECK")

    def on_shared_columns(kind: str) -> list[tuple]:
        return [c for c in _pg_constraints(pg, kind) if all((c[0], column) in shared for column in c[1])]

    assert {(table, cols) for table, cols, _, _ in on_shared_columns("p")} == primary
    assert {(table, cols) for table, cols, _, _ in on_shared_columns("u")} == unique
    assert {(table, cols[0], ref, ref_cols[0]) for table, cols, ref, ref_cols in on_shared_columns("f")} == foreign
    pg_checks = dict.fromkeys(tables, 0)
    for table, _cols, _, _ in on_shared_columns("c"):
        pg_checks[table] += 1
    assert pg_checks == checks
    # Every index SQLite names is there by that name; the unique ones are unique.
    named = dict(sqlite.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    pg_indexes = dict(pg.execute(
        "SELECT c.relname::text, i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace"))
    assert {name: pg_indexes.get(name) for name in named} == {
        name: sql.startswith("CREATE UNIQUE") for name, sql in named.items()}


def _seed(pg) -> None:
    """One row in each table that history is kept in, and what they need."""
    pg.execute("""
        INSERT INTO users (name, display_name, created_at) VALUES ('admin', 'A', 't'), ('david', 'D', 't');
        INSERT INTO documents (title, source_name, source_checksum, source_encoding, segmentation, created_by,
                               created_at, updated_at)
            VALUES ('Doc', 'ko.md', 'c', 'utf-8', 'paragraph', 1, 't', 't');
        INSERT INTO segments (document_id, position, block, kind, source_text)
            VALUES (1, 1, 1, 'paragraph', '북한군이 남쪽으로 이동했다');
        INSERT INTO revisions (segment_id, text, author_id, role, created_at, content_hash)
            VALUES (1, 'North Korean troops moved south', 2, 'translator', 't', 'h'),
                   (1, 'Troops moved', 1, 'editor', 't', 'h2');
        INSERT INTO audit_log (id, at, user_id, action) VALUES (1, 't', 1, 'doc.import');
        INSERT INTO terms (id, created_by, created_at) VALUES (1, 1, 't');
        INSERT INTO term_revisions (term_id, ko, en, status, author_id, role, created_at, reason)
            VALUES (1, '북한군', 'North Korean troops', 'approved', 1, 'editor', 't', 'r');
        INSERT INTO approvals (segment_id, revision_id, user_id, role, created_at) VALUES (1, 2, 1, 'editor', 't');
        INSERT INTO signoffs (document_id, user_id, role, created_at, content_hash, revisions)
            VALUES (1, 1, 'editor', 't', 'c', '[2]');
        INSERT INTO conflicts (segment_id, base_id, theirs_id, mine_id, opened_by, opened_at)
            VALUES (1, NULL, 1, 2, 1, 't');
        INSERT INTO conflict_resolutions (conflict_id, revision_id, resolved_by, resolved_at) VALUES (1, 2, 1, 't');
        INSERT INTO assignments (document_id, role, user_id, assigned_by, assigned_at)
            VALUES (1, 'translator', 2, 1, 't');
        INSERT INTO deadlines (document_id, due_at, set_by, set_at) VALUES (1, 'd', 1, 't');
        INSERT INTO publications (document_id, published_by, published_at, revisions, content_hash)
            VALUES (1, 1, 't', '{}', 'c');
        INSERT INTO tm_units (source_text, target_text, created_at, origin)
            VALUES ('북한군이 남하했다', 'Café society', 't', 'tmx');
    """)


def test_history_refuses_every_change_sqlite_refuses_with_sqlites_message(pg, sqlite):
    _seed(pg)
    refusals = []
    for trigger, table, sql in sqlite.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                                             "AND sql LIKE '%RAISE(ABORT%' ORDER BY name"):
        operation = re.search(r"BEFORE (UPDATE|DELETE) ON", sql).group(1)
        message = re.search(r"RAISE\(ABORT, '([^']*)'\)", sql).group(1)
        refusals.append((trigger, table, operation, message))
    assert len(refusals) == 18  # what migrations.py has today; one more there wants one more here
    for trigger, table, operation, message in refusals:
        statement = f"UPDATE {table} SET id = id" if operation == "UPDATE" else f"DELETE FROM {table}"
        with pytest.raises(psycopg.errors.IntegrityError) as refused:
            pg.execute(statement)
        assert refused.value.diag.message_primary == message, trigger
        assert pg.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
                          (trigger, table)).fetchone(), trigger
        if operation == "DELETE":  # TRUNCATE deletes without row triggers: refused on its own
            with pytest.raises(psycopg.errors.IntegrityError, match=re.escape(message)):
                pg.execute(f"TRUNCATE {table} CASCADE")
    # Everything is still there.
    assert pg.execute("SELECT count(*) FROM revisions").fetchone()[0] == 2
    # A table that is not history takes changes as usual.
    assert pg.execute("UPDATE segments SET state = 'draft' WHERE id = 1").rowcount == 1


def _both(sqlite_conn, pg, sql: str, params: tuple = ()):
    return (sqlite_conn.execute(sql, params).fetchall(),
            [tuple(r) for r in pg.execute(sql.replace("?", "%s"), params).fetchall()])


def test_instr_and_group_concat_answer_as_sqlites_do(pg):
    lite = sqlite3.connect(":memory:")
    for haystack, needle in [("abc", "c"), ("abc", "z"), ("abc", ""), ("", ""), ("북한군이", "한군"),
                             ("aXbX", "X"), (None, "a"), ("a", None)]:
        in_sqlite, in_pg = _both(lite, pg, "SELECT instr(?, ?)", (haystack, needle))
        assert in_pg == in_sqlite, (haystack, needle)
    # Plain SQL over strpos, inlined by the planner (an opaque call would cost per row).
    plan = "\n".join(r[0] for r in pg.execute("EXPLAIN VERBOSE SELECT instr(source_text, 'x') FROM segments"))
    assert "strpos(source_text" in plan

    rows = [(1, "a"), (1, "b"), (1, None), (1, "a"), (2, None), (3, "x,y")]
    for conn in (lite, pg):
        conn.execute("CREATE TEMP TABLE v (g integer, x text)")
    lite.executemany("INSERT INTO v VALUES (?, ?)", rows)
    pg.cursor().executemany("INSERT INTO v VALUES (%s, %s)", rows)
    in_sqlite, in_pg = _both(lite, pg,
                             "SELECT g, group_concat(x), group_concat(DISTINCT x) FROM v GROUP BY g ORDER BY g")

    def unordered(result):  # neither engine promises an order within a group
        return [tuple(sorted(value.split(",")) if isinstance(value, str) else value for value in row)
                for row in result]

    assert unordered(in_pg) == unordered(in_sqlite)
    assert in_pg[1] == (2, None, None) and dict((g, n) for g, n, _ in in_pg)[1].count(",") == 2
    assert _both(lite, pg, "SELECT group_concat(x) FROM v WHERE g = 99") == ([(None,)], [(None,)])


def test_json_extract_matches_sqlites_when_compared_as_text(pg):
    """The rewrite proposed for store_learning: json_extract(...) = CAST(? AS TEXT) on both engines."""
    lite = sqlite3.connect(":memory:")
    details = ['{"term": 5}', '{"term": 51}', '{"x": 5}', '{"term": "5"}', '{"term": {"a": [1, "b"]}}']
    for conn in (lite, pg):
        conn.execute("CREATE TEMP TABLE a (id integer, detail text)")
    lite.executemany("INSERT INTO a VALUES (?, ?)", list(enumerate(details)))
    pg.cursor().executemany("INSERT INTO a VALUES (%s, %s)", list(enumerate(details)))
    in_sqlite, in_pg = _both(lite, pg, "SELECT id FROM a WHERE json_extract(detail, '$.term') = CAST(? AS TEXT) "
                                   "ORDER BY id", (5,))
    assert in_pg == in_sqlite == [(0,), (3,)]
    in_sqlite, in_pg = _both(lite, pg, "SELECT json_extract(detail, '$.term.a[1]') FROM a WHERE id = 4")
    assert in_pg == in_sqlite == [("b",)]


@pytest.mark.parametrize("table, column, index, pattern, found", [
    ("segments", "source_text", "segments_source_trgm", "%한군이%", "북한군이 남쪽으로 이동했다"),
    ("revisions", "text", "revisions_text_trgm", "%KOREAN TROOPS%", "North Korean troops moved south"),
    ("tm_units", "source_text", "tm_units_source_trgm", "%한군이%", "북한군이 남하했다"),
    # Beyond ASCII case, as FTS5's trigram index folds it: the searched texts keep the database's collation.
    ("tm_units", "target_text", "tm_units_target_trgm", "%CAFÉ%", "Café society"),
])
def test_text_inside_a_korean_word_is_found_through_the_trigram_index(pg, table, column, index, pattern, found):
    _seed(pg)
    pg.execute("SET enable_seqscan = off")
    query = f"SELECT {column} FROM {table} WHERE {column} ILIKE %s"
    plan = "\n".join(r[0] for r in pg.execute("EXPLAIN " + query, (pattern,)))
    assert f"Bitmap Index Scan on {index}" in plan
    assert pg.execute(query, (pattern,)).fetchall() == [(found,)]


def test_two_syllables_inside_a_word_are_found_though_no_trigram_narrows_them(pg):
    _seed(pg)
    pg.execute("SET enable_seqscan = off")
    assert pg.execute("SELECT id FROM segments WHERE source_text ILIKE %s", ("%한군%",)).fetchall() == [(1,)]
    assert pg.execute("SELECT id FROM segments WHERE instr(source_text, %s) > 0", ("한군",)).fetchall() == [(1,)]


def test_a_memory_pair_longer_than_a_btree_entry_is_kept_once_and_found_by_its_korean(pg):
    _seed(pg)
    # Text that compresses as little as real text does: 1,200 syllables (3.6 KB) and 600 words.
    korean = "".join(chr(0xAC00 + i * 7919 % 11172) for i in range(1200))
    words = ["troops", "moved", "south", "agency", "reported", "border", "missile", "said", "on", "the"]
    english = " ".join(words[i * 7 % 10] + str(i) for i in range(600))
    insert = ("INSERT INTO tm_units (source_text, target_text, created_at, origin) VALUES (%s, %s, 't', 'tmx') "
              "ON CONFLICT DO NOTHING")
    assert pg.execute(insert, (korean, english)).rowcount == 1
    assert pg.execute(insert, (korean, english)).rowcount == 0
    assert pg.execute(insert, (korean, english + ".")).rowcount == 1
    with pytest.raises(psycopg.errors.UniqueViolation):
        pg.execute("INSERT INTO tm_units (source_text, target_text, created_at, origin) VALUES (%s, %s, 't', 'x')",
                   (korean, english))
    pg.execute("SET enable_seqscan = off")
    lookup = "SELECT id FROM tm_units WHERE source_text = %s AND target_text = %s"  # store_tm.put_tm_unit's
    assert "tm_units_by_source" in "\n".join(r[0] for r in pg.execute("EXPLAIN " + lookup, (korean, english)))
    assert len(pg.execute(lookup, (korean, english)).fetchall()) == 1


def test_ids_the_code_gives_are_never_made_up_and_copied_ids_are_passed(pg):
    _seed(pg)
    # terms (next_term_id) and audit_log (the chain hashes each id) take ids only from the code.
    with pytest.raises(psycopg.errors.NotNullViolation):
        pg.execute("INSERT INTO terms (created_by, created_at) VALUES (1, 't')")
    with pytest.raises(psycopg.errors.NotNullViolation):
        pg.execute("INSERT INTO audit_log (at, action) VALUES ('t', 'x')")
    assert pg.execute("INSERT INTO terms (id, created_by, created_at) VALUES (2, 1, 't')").rowcount == 1
    # Every other id is the database's. Rows copied in with their ids (tandem migrate-to) leave the
    # identity behind, until tandem_sync_identities moves each one past its table's largest id.
    pg.execute("INSERT INTO users (id, name, display_name, created_at) VALUES (10, 'copied', 'C', 't')")
    pg.execute("INSERT INTO tm_units (id, source_text, target_text, created_at, origin) "
               "VALUES (7, 'ko', 'en', 't', 'tmx')")
    pg.execute("SELECT tandem_sync_identities()")
    assert pg.execute("INSERT INTO users (name, display_name, created_at) VALUES ('new', 'N', 't') "
                      "RETURNING id").fetchone()[0] == 11
    assert pg.execute("INSERT INTO tm_units (source_text, target_text, created_at, origin) "
                      "VALUES ('ko2', 'en2', 't', 'tmx') RETURNING id").fetchone()[0] == 8
    assert pg.execute("INSERT INTO revisions (segment_id, text, author_id, role, created_at, content_hash) "
                      "VALUES (1, 'x', 1, 'editor', 't', 'h') RETURNING id").fetchone()[0] == 3


@pytest.fixture
def pg_en_us():
    """A database whose own collation sorts as English does (a, B, b), not by code point."""
    yield from _database("TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' "
                         "LOCALE 'C.UTF-8'", optional=True)


def test_names_and_timestamps_order_as_sqlite_whatever_the_databases_collation(pg_en_us):
    pg = pg_en_us
    assert pg.execute("SELECT 'a' < 'B'").fetchone()[0]  # the database's own order is not SQLite's
    names = ["b", "B", "a", "Z", "é", "10", "9"]
    for name in names:
        pg.execute("INSERT INTO users (name, display_name, created_at) VALUES (%s, %s, 't')", (name, name))
    assert [r[0] for r in pg.execute("SELECT name FROM users ORDER BY name")] == sorted(names)
    # Two ways of writing a moment that byte order and en-US order rank differently ('+' against '.').
    at, since = "2026-01-01T10:00:00.000+00:00", "2026-01-01T10:00:00+00:00"
    in_sqlite = sqlite3.connect(":memory:").execute("SELECT ? >= ?", (at, since)).fetchone()[0] == 1
    assert pg.execute("SELECT %s::text >= %s::text", (at, since)).fetchone()[0] != in_sqlite
    pg.execute("INSERT INTO documents (title, source_name, source_checksum, source_encoding, segmentation, "
               "created_by, created_at, updated_at) VALUES ('d', 's', 'c', 'e', 'paragraph', 1, %s, %s)", (at, at))
    assert pg.execute("SELECT count(*) FROM documents WHERE updated_at >= %s", (since,)).fetchone()[0] == in_sqlite
