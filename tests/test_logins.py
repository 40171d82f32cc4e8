"""Browser-login accounts (issue 15 §1): passwords kept only as argon2id hashes, set by the user or an
admin; one-time invitations; disabling a user without losing their history; every change audited and
no password anywhere but in its hash. Through the Workspace and through the real `tandem` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import raw_db

from workflow.errors import InputError, PermissionDenied
from workflow.logins import Throttle

PASSWORD = "kimchi-stew-42"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    from argon2 import PasswordHasher

    import workflow.logins as logins

    monkeypatch.setattr(logins, "HASHER", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    logins._decoy.cache_clear()
    yield
    logins._decoy.cache_clear()


def stored_hash(db: Path, name: str) -> str | None:
    with raw_db.connect(db) as conn:
        return conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()[0]


def test_a_password_is_stored_only_as_a_salted_argon2id_hash(workspace, db_path):
    workspace.logins.set_password("david", PASSWORD, by="david")
    workspace.logins.set_password("robert", PASSWORD, by="admin")
    david, robert = stored_hash(db_path, "david"), stored_hash(db_path, "robert")
    assert david.startswith("$argon2id$v=19$") and PASSWORD not in david
    assert david != robert  # salted: the same password, two hashes
    assert "password_hash" not in workspace.users.get("david").__dict__
    assert workspace.logins.authenticate("david", PASSWORD, "127.0.0.1").ok
    assert not workspace.logins.authenticate("david", PASSWORD.upper(), "127.0.0.1").ok


def test_a_hash_made_with_weaker_parameters_is_strengthened_at_the_next_login(workspace, db_path, monkeypatch):
    from argon2 import PasswordHasher

    import workflow.logins as logins

    workspace.logins.set_password("david", PASSWORD, by="david")
    weak = stored_hash(db_path, "david")
    monkeypatch.setattr(logins, "HASHER", lambda: PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    assert workspace.logins.authenticate("david", PASSWORD, "127.0.0.1").ok
    strong = stored_hash(db_path, "david")
    assert strong != weak and "m=2048,t=2,p=1" in strong


def test_a_korean_password_is_the_same_whatever_the_input_method_composed(workspace):
    import unicodedata

    composed = "비밀번호한글자판"
    decomposed = unicodedata.normalize("NFD", composed)  # as some input methods hand it over
    workspace.logins.set_password("david", decomposed, by="david")
    assert workspace.logins.authenticate("david", composed, "127.0.0.1").ok


def test_only_an_admin_sets_another_users_password(workspace):
    with pytest.raises(PermissionDenied, match="david cannot set another user's password"):
        workspace.logins.set_password("robert", PASSWORD, by="david")
    with pytest.raises(InputError, match="too short"):
        workspace.logins.set_password("david", "short", by="david")
    workspace.users.add("translator1", ["translator"], by="admin")
    with pytest.raises(InputError, match="must not be the user name"):
        workspace.logins.set_password("translator1", "Translator1", by="translator1")


def test_an_invitation_is_one_time_and_kept_only_as_a_hash(workspace, db_path):
    invitation = workspace.logins.invite("robert", by="admin", hours=2)
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", invitation.code)
    with raw_db.connect(db_path) as conn:
        (code_hash,) = conn.execute("SELECT code_hash FROM invitations").fetchone()
    assert invitation.code.replace("-", "") not in code_hash and len(code_hash) == 64
    with pytest.raises(PermissionDenied, match="not valid for david"):
        workspace.logins.redeem("david", invitation.code, PASSWORD)  # another user's code
    workspace.logins.redeem("robert", invitation.code, PASSWORD)
    with pytest.raises(PermissionDenied, match="not valid for robert"):
        workspace.logins.redeem("robert", invitation.code, "another-password")
    with pytest.raises(PermissionDenied, match="david cannot invite users"):
        workspace.logins.invite("robert", by="david")


def test_a_new_password_voids_open_invitations(workspace):
    invitation = workspace.logins.invite("robert", by="admin")
    workspace.logins.set_password("robert", PASSWORD, by="robert")
    with pytest.raises(PermissionDenied):
        workspace.logins.redeem("robert", invitation.code, "robert-chosen")
    assert workspace.audit.log()[-1]["detail"] == {"user": "robert", "invitations_voided": 1}


def test_disabling_keeps_the_history_and_stops_logins(workspace):
    from conftest import DRAFT, KO

    doc = workspace.files.import_document(KO, DRAFT, by="david").document.id
    workspace.logins.set_password("david", PASSWORD, by="david")
    workspace.logins.disable("david", by="admin")
    assert workspace.users.get("david").disabled
    assert not workspace.logins.authenticate("david", PASSWORD, "127.0.0.1").ok
    assert workspace.documents.history(doc, 1)[0].author == "david"  # the history stays
    with pytest.raises(PermissionDenied, match="david is disabled"):
        workspace.editing.save(doc, 1, "text", by="david")
    with pytest.raises(PermissionDenied, match="cannot disable themselves"):
        workspace.logins.disable("admin", by="admin")
    workspace.logins.enable("david", by="admin")
    assert workspace.logins.authenticate("david", PASSWORD, "127.0.0.1").ok
    actions = [e["action"] for e in workspace.audit.log()]
    assert actions[-4:] == ["user.disable", "login.failed", "user.enable", "login.ok"]


def test_the_throttle_doubles_the_wait_then_locks(workspace):
    class Clock:
        now = 0.0

        def __call__(self):
            return self.now

    clock = Clock()
    throttle = Throttle(clock)
    keys = [("user", "david"), ("address", "10.1.1.1")]
    waits = []
    for _ in range(9):
        throttle.failed(keys)
        waits.append(throttle.wait(keys))
        clock.now += throttle.wait(keys)[0]
    assert [w for w, _locked in waits] == [0, 0, 0, 1, 2, 4, 8, 16, 32]
    assert throttle.failed(keys) == [("user", 15), ("address", 15)]
    assert throttle.wait(keys) == (900, True)
    clock.now += 900
    assert throttle.wait(keys) == (0.0, False)


# The real command.

def run_tandem(db: Path, *args: str, user: str = "admin", input_text: str = ""):
    """The real `tandem` with text on standard input (a script's --stdin)."""
    import subprocess
    import sys

    from conftest import ROOT, Run
    from serving import tandem_env

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "--as", user, *args],
                          input=input_text, capture_output=True, text=True, env=tandem_env(), cwd=ROOT, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def test_users_passwd_invite_disable_and_enable_on_the_command_line(workspace, db_path):
    def tandem(*args: str, user: str = "admin", input_text: str = ""):
        return run_tandem(db_path, *args, user=user, input_text=input_text)

    done = tandem("users", "passwd", "david", "--stdin", input_text=f"{PASSWORD}\n")
    assert done.code == 0 and "argon2id" in done.out and PASSWORD not in done.out + done.err
    done = tandem("users", "passwd", "robert", "--stdin", user="david", input_text=f"{PASSWORD}\n")
    assert done.code == 2 and done.err.count("\n") == 1 and "david cannot set another user's password" in done.err
    done = tandem("users", "invite", "robert", "--hours", "1")
    assert done.code == 0
    code = re.search(r"^    (\S+)$", done.out, re.M).group(1)
    done = tandem("users", "passwd", "robert", "--code", code.lower(), "--stdin", user="david",
                  input_text="robert-chosen\n")
    assert done.code == 0, done.err
    done = tandem("users", "passwd", "--stdin", input_text="x\n")
    assert done.code == 2 and "too short" in done.err
    done = tandem("users", "passwd")  # no terminal to ask on, and no --stdin
    assert done.code == 2 and "--stdin" in done.err
    assert tandem("users", "disable", "david").code == 0
    listing = json.loads(tandem("users", "list", "--json").out)
    assert next(u for u in listing if u["name"] == "david")["disabled_at"]
    assert tandem("users", "enable", "david").code == 0
    assert tandem("users", "enable", "david").code == 2
    log = json.dumps([e for e in workspace.audit.log()], ensure_ascii=False)
    assert PASSWORD not in log and "robert-chosen" not in log and code not in log and "$argon2" not in log


def test_passwd_asks_twice_on_a_terminal(workspace, db_path):
    import os
    import pty
    import subprocess
    import sys

    from conftest import ROOT
    from serving import tandem_env

    def ask(first: str, second: str) -> tuple[int, str]:
        leader, follower = pty.openpty()
        process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "--as", "admin",
                                    "users", "passwd", "david"], stdin=follower, stdout=follower, stderr=follower,
                                   env=tandem_env(), cwd=ROOT)
        os.close(follower)
        out = b""
        for answer in (first, second):
            while b": " not in out.split(b"\n")[-1]:
                out += os.read(leader, 1024)
            os.write(leader, answer.encode() + b"\n")
            out += b"\n"
        code = process.wait(timeout=60)
        try:
            while chunk := os.read(leader, 1024):
                out += chunk
        except OSError:
            pass
        os.close(leader)
        return code, out.decode()

    code, shown = ask(PASSWORD, "something else")
    assert code == 2 and "did not match" in shown
    code, shown = ask(PASSWORD, PASSWORD)
    assert code == 0 and "The same again" in shown and PASSWORD not in shown
    assert workspace.logins.authenticate("david", PASSWORD, "127.0.0.1").ok
