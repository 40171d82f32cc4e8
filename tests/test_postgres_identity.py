"""Identity the database checks (issue 18): on PostgreSQL every Tandem user is a login role, the
database sets and checks the author of every row, and it refuses approvals, sign-offs, segment
states and glossary decisions to roles without the Tandem role, even to a client that bypasses
Tandem and sends raw SQL through a person's own connection.

The PostgreSQL tests need TANDEM_TEST_POSTGRES, a superuser's URL (`scripts/pg_cluster.sh start DIR`
prints one; its cluster trusts local connections, so each user's own connection needs no password).
Each test gets a database of its own. The roles persist (they are the server's, not the
database's), as they would when several workspaces share a server.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from workflow.access import database_rules
from workflow.errors import PermissionDenied
from workflow.models import SegmentState

from conftest import DRAFT, KO

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("TANDEM_TEST_POSTGRES")
needs_postgres = pytest.mark.skipif(
    not SERVER, reason="needs TANDEM_TEST_POSTGRES, a PostgreSQL superuser's URL (scripts/pg_cluster.sh start DIR)")


# what holds without a server ----------------------------------------------------------------------

def test_every_update_tandem_makes_is_granted_to_its_users():
    """A user role may update only UPDATABLE's columns: an UPDATE added to the storage layer without
    its column there would work for the owner (and the test suite) but not for the people."""
    from workflow.storage.postgres_identity import UPDATABLE

    seen = {}
    for path in sorted((ROOT / "workflow" / "storage").glob("store_*.py")):
        for table, sets in re.findall(r"UPDATE (\w+) SET (.+?) WHERE", path.read_text(), flags=re.S):
            seen.setdefault(table, set()).update(re.findall(r"(\w+) = (?:\?|excluded)", sets))
    assert seen, "no UPDATE statements found: the pattern no longer reads the storage layer"
    for table, columns in seen.items():
        assert table in UPDATABLE, f"{table} is updated but its users may update none of its columns"
        assert columns <= set(UPDATABLE[table]), f"{table}: {sorted(columns - set(UPDATABLE[table]))} not granted"


def test_the_database_rules_come_from_the_python_tables():
    """Every rule the triggers ask for is one database_rules() gives, for every state a segment
    can be moved to and both roles a sign-off is given in."""
    from workflow.storage.postgres_identity import M002_IDENTITY

    rules = database_rules()
    asked = set(re.findall(r"tandem_require\([^,]+, '([a-z]+)'[,)]", M002_IDENTITY))
    asked |= {f"state:{state.value}" for state in SegmentState} | {"signoff:translator", "signoff:editor"}
    assert asked <= set(rules)
    assert all(rules.values())
    for rule, roles in rules.items():
        assert all(f"('{rule}', '{role.value}')" in M002_IDENTITY for role in roles)


# on a server ----------------------------------------------------------------------------------------

def _url(database: str) -> str:
    assert SERVER is not None
    return urlunsplit(urlsplit(SERVER)._replace(path="/" + database))


@pytest.fixture
def desk():
    """A workspace in a fresh database: alice (admin), david (translator), robert (editor), minji
    (terminologist), and the sample article imported by david."""
    import psycopg

    from workflow.workspace import Workspace

    name = f"tandem_identity_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    ws = Workspace.open(_url(name))
    try:
        ws.users.add("alice", ["admin"], by="alice")
        ws.users.add("david", ["translator"], by="alice")
        ws.users.add("robert", ["editor"], by="alice")
        ws.users.add("minji", ["terminologist"], by="alice")
        doc = ws.files.import_document(KO, DRAFT, by="david").document.id
        yield Desk(ws, _url(name), doc)
    finally:
        ws.close()
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "tandem@{name}"')


def _login_url(url: str, user: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@" + parts.netloc.split("@")[-1]))


class Desk:
    def __init__(self, ws, url: str, doc: int) -> None:
        self.ws, self.url, self.doc = ws, url, doc

    def connect(self, user: str | None = None):
        """A connection of this database: the superuser's, or `user`'s own login."""
        import psycopg

        return psycopg.connect(self.url, autocommit=True, **({"user": user} if user else {}))

    def value(self, sql: str, params: tuple = ()):
        with self.connect() as conn:
            row = conn.execute(sql, params).fetchone()
            return row[0] if row else None

    def user_id(self, name: str) -> int:
        return self.value("SELECT id FROM users WHERE name = %s", (name,))

    def segment(self, index: int) -> tuple[int, int]:
        """The segment's id and its current revision's."""
        with self.connect() as conn:
            row = conn.execute(
                "SELECT s.id, max(r.id) FROM segments s JOIN revisions r ON r.segment_id = s.id AND r.aside = 0 "
                "WHERE s.document_id = %s AND s.position = %s GROUP BY s.id", (self.doc, index)).fetchone()
        assert row is not None
        return row[0], row[1]


def _refused(conn, sql: str, params: tuple = (), *, saying: str | None = None) -> str:
    """Runs sql through conn and returns the database's refusal (a privilege error)."""
    import psycopg

    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refusal:
        conn.execute(sql, params)
    if saying is not None:
        assert saying in str(refusal.value)
    return str(refusal.value)


@needs_postgres
def test_users_add_makes_a_login_role_of_the_workspace(desk):
    import psycopg

    with desk.connect() as conn:
        login, password = conn.execute(
            "SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = 'david'").fetchone()
        assert login and password is None  # a login, whose password is the database's business
        assert conn.execute("SELECT pg_has_role('david', tandem_group(), 'MEMBER')").fetchone()[0]
        # A role another workspace on the server made is joined, not made again.
        conn.execute("DO $$ BEGIN CREATE ROLE erin LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    desk.ws.users.add("erin", ["editor"], by="alice")
    assert desk.value("SELECT pg_has_role('erin', tandem_group(), 'MEMBER')")
    with desk.connect("erin") as erin:
        assert erin.execute("SELECT count(*) FROM users").fetchone()[0] == 5
    # Only an admin adds users: not a translator's login, nor anyone the workspace does not hold.
    with desk.connect("david") as david:
        _refused(david, "SELECT tandem_add_login('robert')", saying="only an admin")
        _refused(david, "INSERT INTO users (name, display_name, created_at) VALUES ('mallory', 'M', '2026')",
                 saying="needs the admin role")
    with desk.connect("alice") as alice, pytest.raises(psycopg.errors.InsufficientPrivilege):
        alice.execute("SELECT tandem_add_login('nobody-here')")
    # An admin on their own login adds a user through Tandem, and the database makes the login.
    from workflow.workspace import Workspace

    with Workspace.open(_login_url(desk.url, "alice")) as own:
        own.users.add("frank", ["translator"], by="alice")
    assert desk.value("SELECT pg_has_role('frank', tandem_group(), 'MEMBER')")


@needs_postgres
def test_a_save_by_david_is_authored_by_david_and_audited_with_the_login_that_wrote_it(desk):
    saved = desk.ws.editing.save(desk.doc, 2, "Pyongyang said on Tuesday.", by="david")
    assert desk.value("SELECT u.name FROM revisions r JOIN users u ON u.id = r.author_id WHERE r.id = %s",
                      (saved.revision_id,)) == "david"
    with desk.connect() as conn:
        user_id, login = conn.execute(
            "SELECT user_id, db_login FROM audit_log WHERE action = 'segment.save' ORDER BY id DESC LIMIT 1").fetchone()
        owner = conn.execute("SELECT session_user").fetchone()[0]
    # The owner's connection acted as david: the entry is david's, and names the login that wrote it.
    assert (user_id, login) == (desk.user_id("david"), owner)


@needs_postgres
def test_the_owner_acting_as_a_translator_is_held_to_a_translators_rules(desk):
    """The one place that resolves who acts (workflow.access.Actors) hands the transaction to
    that user's role, so a use case that forgot its own check would still be refused."""
    from workflow.access import Actors

    store = desk.ws._store
    segment, revision = desk.segment(3)
    # Refused by the database, and said as Tandem says a refusal: one line, no traceback.
    with pytest.raises(PermissionDenied, match="the database refused this: .*needs the editor role"):
        with store.write():
            Actors(store.users, store.audit).acting("david")
            assert store._engine.execute("SELECT current_user").fetchone()[0] == "david"
            store.signoffs.insert_approval({"segment_id": segment, "revision_id": revision, "user_id": desk.user_id("david"),
                                   "role": "editor", "created_at": "2026-01-01T00:00:00Z"})
    assert desk.value("SELECT count(*) FROM approvals") == 0


@needs_postgres
def test_a_forged_author_is_refused_and_a_missing_one_is_the_login(desk):
    segment, revision = desk.segment(2)
    robert = desk.user_id("robert")
    with desk.connect("david") as david:
        _refused(david, "INSERT INTO revisions (segment_id, text, author_id, role, created_at, content_hash, "
                        "parent_id) VALUES (%s, 'Forged.', %s, 'editor', '2026', 'x', %s)", (segment, robert, revision),
                 saying="cannot record revisions as made by robert")
        _refused(david, "INSERT INTO audit_log (id, at, user_id, action) VALUES (10000, '2026', %s, 'x')", (robert,),
                 saying="as made by robert")
        author = david.execute(
            "INSERT INTO revisions (segment_id, text, role, created_at, content_hash, parent_id) "
            "VALUES (%s, 'Mine.', 'translator', '2026', 'x', %s) RETURNING author_id",
            (segment, revision)).fetchone()[0]
    assert author == desk.user_id("david")
    assert desk.value("SELECT count(*) FROM revisions WHERE author_id = %s AND text = 'Forged.'", (robert,)) == 0


@needs_postgres
def test_a_translator_cannot_approve_or_sign_off_as_editor_through_their_own_connection(desk):
    segment, revision = desk.segment(3)
    with desk.connect("david") as david:
        _refused(david, "INSERT INTO approvals (segment_id, revision_id, role, created_at) "
                        "VALUES (%s, %s, 'editor', '2026')", (segment, revision),
                 saying="david cannot approve segments: that needs the editor role")
        _refused(david, "UPDATE segments SET state = 'approved' WHERE id = %s", (segment,),
                 saying="needs the editor role")
        _refused(david, "INSERT INTO signoffs (document_id, role, created_at, content_hash, revisions) "
                        "VALUES (%s, 'editor', '2026', 'x', '[]')", (desk.doc,),
                 saying="cannot sign off as editor")
        # Nor by naming the editor as the one who signed.
        _refused(david, "INSERT INTO signoffs (document_id, user_id, role, created_at, content_hash, revisions) "
                        "VALUES (%s, %s, 'editor', '2026', 'x', '[]')", (desk.doc, desk.user_id("robert")))
        # What the translator's role allows goes through: the refusals are the rule, not a wall.
        david.execute("UPDATE segments SET state = 'translated' WHERE id = %s", (segment,))
        david.execute("INSERT INTO signoffs (document_id, role, created_at, content_hash, revisions) "
                      "VALUES (%s, 'translator', '2026', 'x', '[]')", (desk.doc,))
    assert desk.value("SELECT count(*) FROM approvals") == 0
    assert desk.value("SELECT state FROM segments WHERE id = %s", (segment,)) == "translated"
    assert desk.value("SELECT role FROM signoffs") == "translator"


@needs_postgres
def test_an_editors_approval_through_their_own_connection_is_accepted(desk):
    segment, revision = desk.segment(3)
    with desk.connect("robert") as robert:
        approver = robert.execute("INSERT INTO approvals (segment_id, revision_id, role, created_at) "
                                  "VALUES (%s, %s, 'editor', '2026') RETURNING user_id",
                                  (segment, revision)).fetchone()[0]
        robert.execute("UPDATE segments SET state = 'approved' WHERE id = %s", (segment,))
    assert approver == desk.user_id("robert")
    assert desk.value("SELECT state FROM segments WHERE id = %s", (segment,)) == "approved"


@needs_postgres
def test_a_glossary_decision_by_a_translator_is_refused(desk):
    with desk.connect("david") as david:
        david.execute("INSERT INTO terms (id, created_at) VALUES (1, '2026')")
        _refused(david, "INSERT INTO term_revisions (term_id, ko, en, status, role, created_at, reason) "
                        "VALUES (1, '조선중앙통신', 'KCNA', 'approved', 'translator', '2026', 'added')",
                 saying="david cannot decide glossary terms: that needs the admin or terminologist role")
        proposal = david.execute("INSERT INTO term_revisions (term_id, ko, en, status, role, created_at, reason) "
                                 "VALUES (1, '조선중앙통신', 'KCNA', 'proposed', 'translator', '2026', 'proposed') "
                                 "RETURNING id").fetchone()[0]
        _refused(david, "INSERT INTO term_revisions (term_id, ko, en, status, role, created_at, reason, parent_id) "
                        "VALUES (1, '조선중앙통신', 'KCNA', 'proposed', 'translator', '2026', 'edited', %s)", (proposal,),
                 saying="cannot decide glossary terms")
    with desk.connect("minji") as minji:
        minji.execute("INSERT INTO term_revisions (term_id, ko, en, status, role, created_at, reason, parent_id) "
                      "VALUES (1, '조선중앙통신', 'KCNA', 'approved', 'terminologist', '2026', 'approved', %s)",
                      (proposal,))
    assert desk.ws.glossary.term(1).status.value == "approved"


@needs_postgres
def test_a_translator_cannot_become_someone_else(desk):
    import psycopg

    segment, revision = desk.segment(3)
    with desk.connect("david") as david:
        for attempt in ("SET ROLE robert", "SET SESSION AUTHORIZATION robert", "SELECT tandem_act_as('robert')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                david.execute(attempt)
        # Saying one is acting changes nothing for a login that is not the workspace's owner.
        david.execute("SET tandem.acting = ''")
        _refused(david, "INSERT INTO approvals (segment_id, revision_id, role, created_at) "
                        "VALUES (%s, %s, 'editor', '2026')", (segment, revision))


@needs_postgres
def test_a_translator_cannot_promote_themselves_or_rewrite_what_is_not_theirs(desk):
    import psycopg

    segment, revision = desk.segment(3)
    with desk.connect("david") as david:
        me = desk.user_id("david")
        _refused(david, "INSERT INTO user_roles (user_id, role) VALUES (%s, 'editor')", (me,),
                 saying="david cannot manage users")
        _refused(david, "UPDATE users SET disabled_at = '2026' WHERE name = 'robert'")
        # Privileges the group was never given: the Korean, others' password hashes, deleting history.
        for sql in (f"UPDATE segments SET source_text = 'x' WHERE id = {segment}",
                    "SELECT password_hash FROM users",
                    "DELETE FROM signoffs",
                    "SELECT * FROM serve_tickets"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                david.execute(sql)
        # A temporary table cannot stand in for the real one the checks read.
        david.execute("CREATE TEMP TABLE user_roles (user_id bigint, role text)")
        david.execute("INSERT INTO pg_temp.user_roles VALUES (%s, 'editor')", (me,))
        _refused(david, "INSERT INTO approvals (segment_id, revision_id, role, created_at) "
                        "VALUES (%s, %s, 'editor', '2026')", (segment, revision))
        # A user changes their own password, no one else's.
        david.execute("UPDATE users SET password_hash = 'x' WHERE id = %s", (me,))
        _refused(david, "UPDATE users SET password_hash = 'x' WHERE name = 'robert'", saying="cannot manage users")
    assert desk.value("SELECT count(*) FROM user_roles WHERE user_id = %s", (me,)) == 1


@needs_postgres
def test_a_disabled_user_writes_nothing(desk):
    desk.ws.logins.disable("david", by="alice")
    segment, revision = desk.segment(2)
    with desk.connect("david") as david:
        _refused(david, "INSERT INTO comments (segment_id, kind, text, created_at) VALUES (%s, 'note', 'x', '2026')",
                 (segment,), saying="david is disabled")


@needs_postgres
def test_tandem_through_a_translators_own_login_works_as_them_and_no_one_else(desk):
    from workflow.errors import PermissionDenied
    from workflow.workspace import Workspace

    with Workspace.open(_login_url(desk.url, "david")) as ws:
        saved = ws.editing.save(desk.doc, 2, "Seoul said on Monday.", by="david")
        with pytest.raises(PermissionDenied, match="the database login david may not act as robert"):
            ws.review.approve(desk.doc, 2, by="robert")
    assert desk.value("SELECT u.name FROM revisions r JOIN users u ON u.id = r.author_id WHERE r.id = %s",
                      (saved.revision_id,)) == "david"
    last_save = "SELECT db_login FROM audit_log WHERE action = 'segment.save' ORDER BY id DESC LIMIT 1"
    assert desk.value(last_save) == "david"
    assert desk.value("SELECT count(*) FROM approvals") == 0
