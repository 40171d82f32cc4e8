"""The workspace: migrations, reopening, refusals, and history that cannot be rewritten."""

from __future__ import annotations

import sqlite3

import pytest
import raw_db

from workflow.errors import WorkspaceError
from workflow.workspace import Workspace

from conftest import DRAFT, KO

EXPECTED_TABLES = {"users", "user_roles", "documents", "segments", "revisions", "audit_log"}


def test_migrations_build_the_schema_on_an_empty_workspace(db_path):
    with Workspace.open(db_path) as ws:
        assert EXPECTED_TABLES <= set(ws._store.table_names())
        assert ws._store.schema_version() == len(raw_db.migrations())


@pytest.mark.sqlite_only("WAL is SQLite's journal mode")
def test_a_workspace_file_keeps_its_journal_in_wal_mode(db_path):
    with Workspace.open(db_path):
        pass
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_reopening_keeps_everything_and_reruns_nothing(db_path):
    with Workspace.open(db_path) as ws:
        doc = ws.files.import_document(KO, DRAFT, by="david").document
    with Workspace.open(db_path) as ws:
        assert [d.id for d in ws.documents.all()] == [doc.id]
        assert len(ws.documents.segments(doc.id)) == 16
        assert ws._store.schema_version() == len(raw_db.migrations())


def test_foreign_keys_are_enforced(db_path):
    with Workspace.open(db_path) as ws:
        ws.files.import_document(KO, DRAFT, by="david")
        with pytest.raises(raw_db.IntegrityError):
            with ws._store.write():
                ws._store._engine.execute(
                    "INSERT INTO segments (document_id, position, block, kind, source_text) "
                    "VALUES (999, 1, 1, 'paragraph', 'x')"
                )


@pytest.mark.parametrize("statement", [
    "UPDATE revisions SET text = 'rewritten' WHERE id = 1",
    "DELETE FROM revisions WHERE id = 1",
    "UPDATE audit_log SET action = 'nothing' WHERE id = 1",
    "DELETE FROM audit_log",
])
def test_history_is_append_only_even_for_raw_sql(db_path, statement):
    with Workspace.open(db_path) as ws:
        ws.files.import_document(KO, DRAFT, by="david")
    with raw_db.connect(db_path) as conn, pytest.raises(raw_db.DatabaseError, match="append-only"):
        conn.execute(statement)
    with Workspace.open(db_path) as ws:
        assert ws.documents.history(1, 1)[0].text == "North Korea orders sick workers in Russia to go home"


def test_the_workspace_offers_no_way_to_change_a_revision(workspace):
    names = [n for n in dir(workspace) + dir(workspace._store) if not n.startswith("__")]
    assert not [n for n in names if "revision" in n and any(v in n for v in ("update", "edit", "delete", "set"))]


@pytest.mark.sqlite_only("a file's bytes given as the workspace")
def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n" * 100)
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="not a Tandem workspace"):
        Workspace.open(path)
    assert path.read_bytes() == before


@pytest.mark.sqlite_only("a SQLite file another program made")
def test_an_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="not a Tandem workspace"):
        Workspace.open(path)


def test_a_workspace_from_a_newer_tandem_is_refused(db_path):
    with Workspace.open(db_path):
        pass
    with raw_db.connect(db_path) as conn:
        conn.claim_schema_version(len(raw_db.migrations()) + 1)
    with pytest.raises(WorkspaceError, match="newer Tandem"):
        Workspace.open(db_path)


def test_opening_without_create_does_not_make_a_file(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(WorkspaceError, match="no workspace here"):
        Workspace.open(path, create=False)
    assert not path.exists()


@pytest.mark.sqlite_only("looks at the SQLite engine's connection objects")
def test_each_thread_gets_its_own_connection(workspace, sample_doc):
    import threading

    seen = {}

    def read():
        seen["segments"] = len(workspace.documents.segments(sample_doc.id))
        seen["conn"] = workspace._store._engine._connections.db.conn

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert seen["segments"] == 16
    assert seen["conn"] is not workspace._store._engine._connections.db.conn
