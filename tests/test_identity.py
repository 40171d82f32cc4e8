"""Who is acting (issue 15 §2): the operating-system login mapped to a user; --as only for admins and
audited as such; demo users free; an unknown login refused. Through the Workspace (any login, a uid
that does not own the file) and through the real `tandem` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DRAFT, KO, ROOT, snapshot
from workflow.errors import PermissionDenied
from workflow.identity import Acting, os_login
from workflow.workspace import Workspace

STRANGER_UID = 54321  # owns nothing here, so the file owner's rule never applies


@pytest.fixture
def desk(workspace):
    workspace.identity.map_login("dblack", "david", by="admin")
    workspace.identity.map_login("rlauler", "robert", by="admin")
    workspace.identity.map_login("ops", "admin", by="admin")
    return workspace


def who(ws, login, requested=None):
    return ws.identity.who(login, requested, uid=STRANGER_UID)


def test_a_mapped_login_is_its_user(desk):
    assert who(desk, "dblack") == Acting("david", "david")
    assert who(desk, "dblack", "david") == Acting("david", "david")  # naming oneself is no acting as


def test_a_non_admin_cannot_act_as_anyone_else(desk):
    with pytest.raises(PermissionDenied, match="for admins: the login dblack is david"):
        who(desk, "dblack", "robert")


def test_an_admin_acts_as_another_and_every_entry_names_the_admin(desk):
    acting = who(desk, "ops", "david")
    assert acting == Acting("david", "admin", admin="admin")
    desk.identity.act(acting)
    try:
        doc = desk.files.import_document(KO, DRAFT, by=acting.user).document.id
    finally:
        desk.identity.act(Acting("admin", "admin"))
    entry = [e for e in desk.audit.log() if e["action"] == "document.import"][-1]
    assert entry["user"] == "david" and entry["detail"]["acting_admin"] == "admin"
    assert desk.documents.get(doc).created_by == "david"
    # Once the process stops acting as david, entries carry no admin.
    desk.users.add("minji", ["terminologist"], by="admin")
    assert "acting_admin" not in desk.audit.log()[-1]["detail"]


def test_an_unknown_login_cannot_read_the_workspace(desk):
    with pytest.raises(PermissionDenied, match="the login mallory is not a user of this workspace"):
        who(desk, "mallory")
    with pytest.raises(PermissionDenied, match="not a user of this workspace"):
        who(desk, "mallory", "admin")  # nor borrow a name


def test_a_login_named_as_a_user_is_that_user_unless_the_user_is_mapped_elsewhere(desk):
    desk.users.add("minji", ["terminologist"], by="admin")
    assert who(desk, "minji") == Acting("minji", "minji")
    with pytest.raises(PermissionDenied):
        who(desk, "david")  # david is dblack's; a login that merely shares the name is not him


def test_the_file_owner_is_the_first_admin_unless_mapped(desk):
    own = os.getuid()
    assert desk.identity.who("someone", uid=own) == Acting("admin", "admin")
    assert desk.identity.who("dblack", uid=own) == Acting("david", "david")  # a mapping wins


def test_demo_users_are_free_for_anyone(demo):
    with Workspace.open(demo) as ws:
        assert ws.identity.who("mallory", "robert", uid=STRANGER_UID) == Acting("robert", None)
        assert all(u.demo for u in ws.users.all())


def test_a_disabled_user_can_neither_act_nor_be_acted_as(desk, db_path):
    with desk._store.write():  # what `tandem users disable` records
        desk._store.users.set_disabled(desk.users.get("david").id, "2026-12-06T00:00:00Z")
    with pytest.raises(PermissionDenied, match="david is disabled"):
        who(desk, "dblack")
    with pytest.raises(PermissionDenied, match="david is disabled"):
        who(desk, "ops", "david")


def test_an_empty_workspace_is_set_up_by_whoever_comes_first(db_path):
    with Workspace.open(db_path) as ws:
        assert ws.identity.who("newsroom", None, uid=STRANGER_UID) == Acting("newsroom", None)
        assert ws.identity.who("newsroom", "carol", uid=STRANGER_UID) == Acting("carol", None)


def test_only_an_admin_maps_logins(desk):
    with pytest.raises(PermissionDenied, match="david cannot map logins"):
        desk.identity.map_login("eve", "david", by="david")


# Through the real entry point


def test_as_is_refused_for_a_non_admin_login_in_one_line_and_changes_nothing(workspace, sample_doc, tandem):
    assert tandem("users", "map", os_login(), "david").code == 0  # this login is now david, a translator
    before = len(workspace.audit.log())
    run = tandem("edit", "1", "3", "Borrowed name.", user="robert")
    assert run.code == 2 and run.out == ""
    assert run.err.strip().splitlines() == [
        f"tandem: error: --as and TANDEM_USER are for admins: the login {os_login()} is david in this workspace"]
    assert len(workspace.audit.log()) == before
    assert tandem("edit", "1", "3", "His own edit.", user=None).code == 0  # as himself


def test_as_is_allowed_for_an_admin_and_audited_as_the_admin_acting(workspace, sample_doc, tandem):
    run = tandem("edit", "1", "3", "Edited on david's behalf.", user="david")
    assert run.code == 0, run.err
    entry = workspace.audit.log()[-1]
    assert entry["user"] == "david" and entry["detail"]["acting_admin"] == "admin"


def test_tandem_user_in_the_environment_is_the_same_as_as(workspace, sample_doc, tandem, db_path):
    assert tandem("users", "map", os_login(), "david").code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(TANDEM_DB=str(db_path), TANDEM_USER="robert", TANDEM_LANG="en", PYTHONUTF8="1")
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "docs"], capture_output=True, text=True, env=env)
    assert run.returncode == 2 and "for admins" in run.stderr


def test_the_demo_lets_anyone_try_every_role(demo, tandem):
    run = tandem("docs", db=demo, user="robert")
    assert run.code == 0, run.err


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="needs root to run tandem as another operating-system user")
def test_an_os_login_that_is_not_a_user_cannot_read_the_workspace(tmp_path: Path):
    import pwd

    nobody = pwd.getpwnam("nobody")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    os.chmod(tmp_path, 0o755)
    path = shared / "desk.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin", "translator"], by="admin")
        ws.files.import_document(KO, DRAFT, by="admin")
    os.chmod(path, 0o666)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(TANDEM_LANG="en", PYTHONUTF8="1", HOME=str(shared))

    def as_nobody(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), *args],
                              capture_output=True, text=True, env=env, cwd=shared,
                              user=nobody.pw_uid, group=nobody.pw_gid)

    try:
        probe = subprocess.run([sys.executable, "-c", "import workflow"], capture_output=True, cwd=ROOT,
                               user=nobody.pw_uid, group=nobody.pw_gid).returncode
    except PermissionError:
        probe = 126
    if probe != 0:
        pytest.skip("the user nobody cannot run this checkout's Python (it lives in a private folder)")
    run = as_nobody("docs")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == ("tandem: error: the login nobody is not a user of this workspace; an admin "
                                  "maps it to one with `tandem users map nobody USER`")
    assert as_nobody("--as", "admin", "docs").returncode == 2  # nor by naming the admin
    with Workspace.open(path) as ws:
        ws.identity.map_login("nobody", "admin", by="admin")
    assert as_nobody("docs").returncode == 0


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="needs root to hand the workspace file to another owner")
def test_a_login_that_is_no_user_of_someone_elses_workspace_cannot_read_it(tmp_path: Path, tandem):
    """This process's own login, on a workspace another account owns and that has no user for it."""
    import pwd

    path = tmp_path / "desk.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin", "translator"], by="admin")
        ws.files.import_document(KO, DRAFT, by="admin")
    nobody = pwd.getpwnam("nobody")
    for part in (path, tmp_path / "desk.db-wal", tmp_path / "desk.db-shm"):
        if part.exists():
            os.chown(part, nobody.pw_uid, nobody.pw_gid)
    before = snapshot(path)
    for user in (None, "admin"):
        run = tandem("docs", db=path, user=user)
        assert run.code == 2 and run.out == ""
        assert run.err.strip() == (f"tandem: error: the login {os_login()} is not a user of this workspace; an "
                                   f"admin maps it to one with `tandem users map {os_login()} USER`")
    assert snapshot(path) == before


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="needs root to hand the workspace file to another owner")
def test_an_invited_person_whose_login_is_not_mapped_yet_sets_a_password_with_the_code(tmp_path: Path, tandem):
    import pwd

    path = tmp_path / "desk.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("robert", ["editor"], by="admin")
        code = ws.logins.invite("robert", by="admin").code
    nobody = pwd.getpwnam("nobody")
    os.chown(path, nobody.pw_uid, nobody.pw_gid)
    assert tandem("docs", db=path, user=None).code == 2  # the login is no user here

    def passwd(code: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")} | {"TANDEM_LANG": "en"}
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "users", "passwd", "robert",
                               "--code", code, "--stdin"], input="a long enough secret\n", capture_output=True,
                              text=True, env=env, cwd=ROOT)

    wrong = passwd("WRONG-CODE")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
    right = passwd(code)
    assert right.returncode == 0, right.stderr
