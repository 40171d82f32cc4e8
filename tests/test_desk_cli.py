"""The news desk through the CLI (issue 17 §1): import with --translator/--editor/--due/--priority,
`tandem assign` with its audit, `tandem desk --json` late first, `tandem queue`, `tandem inbox --json`
marking what it showed seen, and the assigned-translator-only edit rule's refusal."""

from __future__ import annotations

import json

import pytest

from conftest import KO


@pytest.fixture
def desk_ws(workspace):
    workspace.users.add("chief", ["desk"], display_name="Desk Chief", by="admin")
    workspace.users.add("jane", ["translator"], by="admin")
    return workspace


def _imported(tandem, *options: str, user: str = "chief") -> int:
    run = tandem("import", str(KO), *options, user=user)
    assert run.code == 0, run.err
    return int(run.out.splitlines()[0])


def test_import_assigns_and_sets_the_due_time(tandem, desk_ws):
    doc = _imported(tandem, "--translator", "david", "--editor", "robert", "--due", "2026-12-07T09:00+09:00",
                    "--priority", "breaking")
    assignment = desk_ws.desk.assignment(doc)
    assert (assignment.translator, assignment.editor, assignment.due_at, assignment.priority) == (
        "david", "robert", "2026-12-07T00:00:00.000+00:00", "breaking")
    assert [e["action"] for e in desk_ws.audit.log(doc) if e["action"].startswith("document.")][-3:] == [
        "document.assign", "document.assign", "document.due"]


def test_a_wrong_due_time_or_assignee_imports_nothing(tandem, desk_ws):
    run = tandem("import", str(KO), "--due", "whenever", user="chief")
    assert run.code == 2 and "not a due time" in run.err
    run = tandem("import", str(KO), "--translator", "nobody", user="chief")
    assert run.code == 2 and "'nobody' is not a user" in run.err
    assert desk_ws.documents.all() == []


def test_assign_reassign_and_the_audit(tandem, desk_ws):
    doc = _imported(tandem)
    run = tandem("assign", str(doc), "--translator", "david", "--due", "18:00", user="chief")
    assert run.code == 0, run.err
    assert "translator: david" in run.out and "editor: nobody" in run.out
    run = tandem("assign", str(doc), "--translator", "jane", user="chief")
    assert run.code == 0 and "translator: jane" in run.out
    actions = [e for e in desk_ws.audit.log(doc) if e["action"] == "document.assign"]
    assert [(e["detail"]["user"], e["detail"]["previous"]) for e in actions] == [("david", None), ("jane", "david")]
    assert [(r.user, r.assigned_by) for r in desk_ws.desk.history(doc)] == [("david", "chief"),
                                                                                 ("jane", "chief")]
    refused = tandem("assign", str(doc), "--translator", "david", user="robert")
    assert refused.code == 2 and "desk chief" in refused.err
    run = tandem("assign", str(doc), "--unassign", "translator", "--due", "", "--json", user="chief")
    assert run.code == 0, run.err
    assert json.loads(run.out) == {"document": doc, "translator": None, "editor": None, "due": None,
                                   "priority": "normal"}


def test_the_desk_role_is_given_like_any_other(tandem, desk_ws):
    run = tandem("users", "add", "sora", "--role", "desk", user="admin")
    assert run.code == 0 and "desk chief" in run.out
    doc = _imported(tandem, user="sora")  # the desk chief may import, then assigns
    assert tandem("assign", str(doc), "--editor", "robert", user="sora").code == 0


def test_only_the_assigned_translator_edits(tandem, desk_ws):
    doc = _imported(tandem, "--translator", "david")
    refused = tandem("edit", str(doc), "2", "Jane's words", user="jane")
    assert refused.code == 2 and "assigned to david" in refused.err
    assert tandem("edit", str(doc), "2", "David's words", user="david").code == 0


def test_desk_json_is_late_first_and_queue_follows_it(tandem, desk_ws, tmp_path):
    later = _imported(tandem, "--translator", "jane", "--due", "2099-01-01T09:00")
    second = tmp_path / "second.md"
    second.write_text("# 두 번째\n\n두 번째 기사 입니다.\n", encoding="utf-8")
    run = tandem("import", str(second), "--translator", "jane", "--due", "2020-01-01T09:00", user="chief")
    late = int(run.out.splitlines()[0])
    run = tandem("desk", "--json", user="chief")
    assert run.code == 0, run.err
    rows = json.loads(run.out)
    assert [(r["id"], r["late"], r["holder"]) for r in rows] == [(late, True, "jane"), (later, False, "jane")]
    assert rows[0]["words_left"] == 6 and rows[0]["open_queries"] == 0 and rows[0]["state"] == "in_translation"
    text = tandem("desk", user="chief")
    assert text.code == 0 and text.out.splitlines()[1].startswith("⏰ ")
    queue = json.loads(tandem("queue", "--json", user="jane").out)
    assert [(q["id"], q["role"]) for q in queue] == [(late, "translator"), (later, "translator")]
    assert "Nothing is waiting for you." in tandem("queue", user="robert").out


def test_inbox_shows_then_marks_seen(tandem, desk_ws):
    doc = _imported(tandem, "--translator", "david", "--editor", "robert")
    assert tandem("comment", "add", str(doc), "3", "Which spelling?", "--kind", "query", user="robert").code == 0
    run = tandem("inbox", "--json", user="david")
    assert run.code == 0, run.err
    notes = json.loads(run.out)
    assert [(n["kind"], n["segment"], n["by"]) for n in notes] == [("assigned", None, "chief"),
                                                                   ("query", 3, "robert")]
    assert json.loads(tandem("inbox", "--json", user="david").out) == []  # shown is seen
    again = json.loads(tandem("inbox", "--json", "--all", user="david").out)
    assert len(again) == 2 and all(n["seen_at"] for n in again)
    assert "No new notifications." in tandem("inbox", user="david").out
    korean = tandem("inbox", "--all", "--lang", "ko", user="david")
    assert korean.code == 0 and "chief" in korean.out
