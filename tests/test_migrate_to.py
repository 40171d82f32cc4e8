"""`tandem migrate-to`: a SQLite workspace copied whole into an empty PostgreSQL database.

Needs a PostgreSQL server: TANDEM_TEST_POSTGRES, a superuser's URL (`scripts/pg_cluster.sh start DIR`
prints one). Each test makes a database of its own there and drops it after.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from conftest import ROOT, sign_as_translator
from workflow.errors import PermissionDenied, WorkspaceError
from workflow.migrate import MADE_WITH_A_WORKSPACE

SERVER = os.environ.get("TANDEM_TEST_POSTGRES")

pytestmark = [
    pytest.mark.skipif(not SERVER, reason="TANDEM_TEST_POSTGRES is not set (a PostgreSQL superuser's URL, as "
                                          "`scripts/pg_cluster.sh start DIR` prints): nothing to migrate to"),
    pytest.mark.sqlite_only("the original is a SQLite file, whatever engine the other tests run on"),
]

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ko" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"
 creationtool="t" creationtoolversion="1"/><body>
<tu creationid="jane" creationdate="20240105T101500Z"><tuv xml:lang="ko"><seg>노동신문은 1일 사설을 실었다.</seg></tuv>
<tuv xml:lang="en"><seg>Rodong Sinmun ran an editorial on the 1st.</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>북한 당국이 발표했다.</seg></tuv><tuv xml:lang="en"><seg>North Korean authorities announced it.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def database():
    """A new, empty database on the server: its URL."""
    import psycopg

    name = f"tandem_migrate_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield urlunsplit(urlsplit(SERVER)._replace(path="/" + name))
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def worked(tmp_path: Path) -> tuple[Path, int, int]:
    """The demo workspace after a day's work: saves, a query, approvals, both sign-offs, a glossary
    proposal, a TMX import and an XLIFF file imported; its path, the article and the XLIFF's document."""
    from workflow.demo import prepare_demo
    from workflow.workspace import Workspace

    demo = prepare_demo(tmp_path / "demo.tandem")
    with Workspace.open(demo.path) as ws:
        doc = demo.document_id
        ws.editing.save(doc, 2, "North Korean workers sent to Russia, a defector says.", by="david")
        sign_as_translator(ws, doc)
        ws.comments.add(doc, 3, "Is this the official name?", kind="query", by="robert")
        ws.editing.save_and_approve(doc, 7, "The lecture was held in Pyongyang.", by="robert")
        for segment in ws.documents.segments(doc):
            if segment.index != 7:
                ws.review.approve(doc, segment.index, by="robert")
        ws.review.sign_off(doc, "editor", by="robert", confirm=True)
        tmx = tmp_path / "memory.tmx"
        tmx.write_text(TMX, encoding="utf-8")
        ws.tm.import_tmx(tmx, by="admin")
        _doc, data, _wrong = ws.files.export_bilingual(doc, "xliff2")
        xliff = tmp_path / "article.xlf"
        xliff.write_bytes(data)
        returned = ws.files.import_file(xliff, by="david", as_new=True).document.document.id
    return demo.path, doc, returned


def exports(location, doc: int, xliff_doc: int) -> dict[str, bytes]:
    """Everything a workspace hands out, as bytes."""
    from workflow.export import export_article
    from workflow.workspace import Workspace

    with Workspace.open(location, create=False) as ws:
        found = {"tmx": ws.tm.export_tmx(), "html": ws.publishing.page(doc)[0].text.encode()}
        credit, _problems = ws.review.credit_line(doc)
        found["md"] = export_article(ws.documents.segments(doc), "md", credit).text.encode()
        for fmt in ("csv", "tbx"):
            data = ws.glossary.export(fmt)
            found[f"glossary.{fmt}"] = data if isinstance(data, bytes) else data.encode()
        for number in (doc, xliff_doc):
            for fmt in ("xliff12", "xliff2"):
                found[f"{number}.{fmt}"] = ws.files.export_bilingual(number, fmt)[1]
    return found


def verified(location) -> tuple[bool, int, list]:
    from workflow.workspace import Workspace

    with Workspace.open(location, create=False) as ws:
        result = ws.audit.verify()
    return result.ok, result.entries, result.breaches


def test_the_copy_holds_everything_verifies_and_exports_the_same_bytes(worked, database):
    from workflow.migrate import migrate_to
    from workflow.storage import Storage

    path, doc, xliff_doc = worked
    before = exports(path, doc, xliff_doc)
    original_bytes = path.read_bytes()
    done = migrate_to(path, database, by="admin")

    assert path.read_bytes() == original_bytes  # only read
    for table in ("revisions", "approvals", "signoffs", "term_revisions", "tm_units", "interchange_files",
                  "audit_log", "comments", "user_roles"):
        assert done.rows[table] > 0, table
    original, copy = Storage.open(path), Storage.open(database)
    try:
        for table in original.whole_tables.data_tables():
            columns = original.whole_tables.table_columns(table)
            theirs = [row for batch in original.whole_tables.table_batches(table, columns) for row in batch]
            ours = [row for batch in copy.whole_tables.table_batches(table, columns) for row in batch]
            assert (ours[:-1] if table == "audit_log" else ours) == theirs, table
        # The chain is copied verbatim, then says itself that the copy was made.
        chain, copied = original.audit.audit_chain(), copy.audit.audit_chain()
        assert copied[:-1] == chain
        assert copied[-1].action == "workspace.migrate" and copied[-1].prev_hash == chain[-1].hash
    finally:
        original.close()
        copy.close()

    assert verified(path)[0]
    ok, entries, breaches = verified(database)
    assert ok, breaches
    assert entries == done.audit_entries + 1
    assert exports(database, doc, xliff_doc) == before

    # Work goes on in the copy: the database numbers new rows past the copied ids.
    from workflow.workspace import Workspace

    newest = max(revision.id for revision in Storage.open(path).audit.revision_hashes())
    with Workspace.open(database, create=False) as ws:
        saved = ws.editing.save(doc, 9, "A new sentence, saved in the copy.", by="david")
        assert saved.segment.revision_id == newest + 1
        assert ws.audit.verify().ok


def test_a_database_that_holds_a_workspace_already_is_refused_and_left_as_it_was(worked, database):
    from workflow.migrate import migrate_to
    from workflow.workspace import Workspace

    path, _doc, _xliff_doc = worked
    with Workspace.open(database) as ws:
        ws.users.add("someone", ["admin"], by="someone")
    with pytest.raises(WorkspaceError, match=r"not an empty workspace \(.*users.*\)"):
        migrate_to(path, database, by="admin")
    with Workspace.open(database, create=False) as ws:
        assert [u.name for u in ws.users.all()] == ["someone"]
        assert ws.documents.all() == []


def _assert_empty(database: str) -> None:
    """The target holds nothing but what a new workspace holds."""
    from workflow.storage import Storage

    copy = Storage.open(database)
    try:
        assert all(copy.whole_tables.table_count(table) == 0 for table in copy.whole_tables.data_tables()
                   if table not in MADE_WITH_A_WORKSPACE)
    finally:
        copy.close()


def test_only_an_admin_copies_and_a_refusal_writes_nothing(worked, database):
    from workflow.migrate import migrate_to

    path, _doc, _xliff_doc = worked
    with pytest.raises(PermissionDenied, match="david cannot copy the workspace to another database"):
        migrate_to(path, database, by="david")
    _assert_empty(database)


def test_a_failure_midway_leaves_the_target_empty(worked, database, monkeypatch):
    from workflow.migrate import migrate_to
    from workflow.storage.store_copy import WholeTablesRepository

    real = WholeTablesRepository.put_rows

    def failing(self, table, columns, rows):
        if table == "revisions":
            raise RuntimeError("the network went away")
        real(self, table, columns, rows)

    monkeypatch.setattr(WholeTablesRepository, "put_rows", failing)
    path, _doc, _xliff_doc = worked
    with pytest.raises(WorkspaceError, match="nothing was copied .the network went away."):
        migrate_to(path, database, by="admin")
    _assert_empty(database)
    monkeypatch.undo()
    assert migrate_to(path, database, by="admin").rows["revisions"] > 0  # a retry starts clean


def test_the_command_copies_and_says_what_it_did(worked, database):
    from workflow.identity import os_login
    from workflow.workspace import Workspace

    path, _doc, _xliff_doc = worked
    with Workspace.open(path) as ws:
        ws.identity.map_login(os_login(), "admin", by="admin")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(TANDEM_LANG="en", PYTHONUTF8="1")

    def tandem(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                              env=env, timeout=300)

    refused = tandem("--db", str(path), "migrate-to", "/tmp/not-a-database.db")
    assert refused.returncode == 2 and "not a PostgreSQL database" in refused.stderr
    done = tandem("--db", str(path), "migrate-to", database)
    assert done.returncode == 0, done.stderr
    assert f"copied {path} to {database}" in done.stdout and "audit chain" in done.stdout
    again = tandem("--db", str(path), "migrate-to", database)
    assert again.returncode == 2 and "not an empty workspace" in again.stderr
    checked = tandem("--db", database, "verify")
    assert checked.returncode == 0, checked.stdout + checked.stderr
