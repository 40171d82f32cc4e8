"""Every CLI command through the real entry point (python main.py), happy path and bad input."""

from __future__ import annotations

import json

import pytest

from conftest import DRAFT, KO, blocks, snapshot


@pytest.fixture
def imported(tandem):
    assert tandem("users", "add", "admin", "--role", "admin").code == 0
    assert tandem("users", "add", "david", "--role", "translator", "--name", "David Black").code == 0
    run = tandem("import", str(KO), "--english", str(DRAFT), "--tags", "russia, overseas labor", user="david")
    assert run.code == 0, run.err
    return int(run.out.splitlines()[0])


def test_users_add_and_list(tandem):
    assert tandem("users", "add", "admin", "--role", "admin").code == 0
    run = tandem("users", "add", "robert", "--role", "editor", "--role", "translator", "--name", "Robert Lauler")
    assert run.code == 0 and "robert (Robert Lauler): editor, translator" in run.out
    listed = json.loads(tandem("users", "list", "--json").out)
    assert {u["name"]: u["roles"] for u in listed} == {"admin": ["admin"], "robert": ["editor", "translator"]}
    table = tandem("users", "list").out
    assert "Robert Lauler" in table and table.splitlines()[0].split() == ["NAME", "DISPLAY", "NAME", "ROLES", "LOGINS", "NOTE"]


def test_users_add_with_a_bad_role_or_by_a_non_admin(tandem, db_path):
    tandem("users", "add", "admin", "--role", "admin")
    run = tandem("users", "add", "eve", "--role", "boss")
    assert run.code == 2 and "'boss' is not a role" in run.err
    tandem("users", "add", "david", "--role", "translator")
    before = snapshot(db_path)
    run = tandem("users", "add", "eve", "--role", "admin", user="david")
    assert run.code == 2 and "david cannot add users: that needs the admin role" in run.err
    assert snapshot(db_path) == before


def test_import_prints_the_id_first_and_reports_the_pairing(tandem, imported):
    assert imported == 1
    again = tandem("import", str(KO), "--english", str(DRAFT), "--sentences", user="david")
    lines = again.out.splitlines()
    assert lines[0] == "2"
    assert "segments" in lines[1]
    assert "imported before as document 1" in again.err


@pytest.mark.parametrize("make, expected", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_bytes(b""), "the file is empty"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), "PNG image"),
])
def test_import_of_a_bad_file_fails_cleanly_and_changes_nothing(tandem, imported, db_path, tmp_path, make, expected):
    bad = tmp_path / "article.md"
    make(bad)
    before = snapshot(db_path)
    run = tandem("import", str(bad), user="david")
    assert run.code == 2
    assert run.err.startswith("tandem: error: ") and str(bad) in run.err and expected in run.err
    assert run.out == ""
    assert snapshot(db_path) == before


def test_docs_lists_documents_with_progress(tandem, imported):
    docs = json.loads(tandem("docs", "--json").out)
    assert len(docs) == 1
    doc = docs[0]
    assert doc["title"] == blocks(KO)[0] and doc["tags"] == ["russia", "overseas labor"]
    assert doc["segments"] == 16 and doc["progress"]["draft"] == 16
    assert doc["roles"] == {"translator": ["david"]}
    text = tandem("docs").out
    assert "16 draft" in text and "russia, overseas labor" in text


def test_docs_on_an_empty_and_on_a_missing_workspace(tandem, tmp_path):
    tandem("users", "add", "admin", "--role", "admin")
    assert "No documents yet" in tandem("docs").out
    missing = tmp_path / "nowhere" / "w.db"
    run = tandem("docs", db=missing)
    assert run.code == 2 and "no workspace here" in run.err
    assert not missing.exists()


def test_show_gives_segments_in_order(tandem, imported):
    shown = json.loads(tandem("show", str(imported), "--json").out)
    segments = shown["segments"]
    assert [s["index"] for s in segments] == list(range(1, 17))
    assert [s["korean"] for s in segments] == blocks(KO)
    assert [s["english"] for s in segments] == blocks(DRAFT)
    assert segments[0]["kind"] == "title" and segments[0]["state"] == "draft"
    text = tandem("show", str(imported)).out
    assert "[12] heading · draft" in text and "ko  여비가 없다고? 알아서 해라" in text


def test_show_of_an_unknown_document(tandem, imported):
    run = tandem("show", "42")
    assert run.code == 2 and "no document 42" in run.err
    run = tandem("show", "forty-two")
    assert run.code == 2 and "invalid int value" in run.err


def test_export_markdown_and_text(tandem, imported, tmp_path):
    md = tandem("export", str(imported), "--format", "md").out
    assert md.startswith("# North Korea orders sick workers in Russia to go home\n\n")
    assert "\n\n## No money for travel? Too bad\n\n" in md
    assert md.split("\n\n")[2] == blocks(DRAFT)[2]
    txt = tandem("export", str(imported), "--format", "txt").out
    assert not txt.startswith("#") and txt.split("\n\n")[0] == blocks(DRAFT)[0]
    out = tmp_path / "article.md"
    run = tandem("export", str(imported), "--format", "md", "-o", str(out))
    assert run.code == 0 and out.read_text(encoding="utf-8") == md


def test_export_rejects_bad_format_and_unwritable_target(tandem, imported, tmp_path):
    run = tandem("export", str(imported), "--format", "docx")
    assert run.code == 2 and "invalid choice" in run.err
    run = tandem("export", str(imported), "--format", "md", "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert run.code == 2 and "cannot be written" in run.err


def test_export_marks_untranslated_segments(tandem, imported):
    tandem("import", str(KO), user="david")
    run = tandem("export", "2", "--format", "md")
    assert run.code == 0 and run.out.startswith("# 북한")
    assert "segments 1, 2, 3" in run.err and "no English yet" in run.err


def test_history_of_a_document_and_a_segment(tandem, imported):
    all_revisions = json.loads(tandem("history", str(imported), "--json").out)
    assert len(all_revisions) == 16
    one = json.loads(tandem("history", str(imported), "--segment", "3", "--json").out)
    assert len(one) == 1
    assert one[0]["segment"] == 3 and one[0]["author"] == "david" and one[0]["role"] == "translator"
    assert one[0]["text"] == blocks(DRAFT)[2] and one[0]["parent"] is None
    assert "david" in tandem("history", str(imported), "--segment", "3").out


def test_history_of_a_segment_that_does_not_exist(tandem, imported):
    run = tandem("history", str(imported), "--segment", "17")
    assert run.code == 2 and "segments 1 to 16, not 17" in run.err


def test_demo_creates_then_reuses_its_workspace(tandem, tmp_path):
    demo_db = tmp_path / "demo.db"
    first = tandem("demo", "--no-ui", db=demo_db, user=None)
    assert first.code == 0 and "created the demo workspace" in first.out and str(demo_db) in first.out
    second = tandem("demo", "--no-ui", db=demo_db, user=None)
    assert second.code == 0 and "reusing" in second.out
    docs = json.loads(tandem("docs", "--json", db=demo_db).out)
    assert len(docs) == 1 and docs[0]["segments"] == 16
    assert "overseas workers" in docs[0]["tags"]
    users = {u["name"]: u for u in json.loads(tandem("users", "list", "--json", db=demo_db).out)}
    assert users["david"]["display_name"] == "David Black" and users["david"]["roles"] == ["translator"]
    assert users["robert"]["roles"] == ["editor"]


def test_environment_variables_choose_workspace_and_user(tandem, db_path, tmp_path):
    import os
    import subprocess
    import sys

    from conftest import ROOT
    from workflow.identity import os_login

    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(TANDEM_DB=str(db_path), TANDEM_USER="carol", PYTHONUTF8="1")
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(KO)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    users = json.loads(tandem("users", "list", "--json", user=None).out)
    assert [u["name"] for u in users] == ["carol"]  # the first user of a new workspace sets it up
    assert users[0]["logins"] == [os_login()]  # and is who this login is from now on


def test_usage_errors_exit_2(tandem):
    run = tandem("frobnicate")
    assert run.code == 2 and "invalid choice" in run.err
