"""The glossary and check commands through the real entry point."""

from __future__ import annotations

import json

import pytest

from conftest import DRAFT, KO, SAMPLE, snapshot

GLOSSARY = SAMPLE / "glossary-nk-news.csv"
EDITED = SAMPLE / "en-edited.md"


@pytest.fixture
def desk(tandem):
    tandem("users", "add", "admin", "--role", "admin")
    tandem("users", "add", "minji", "--role", "terminologist")
    tandem("users", "add", "david", "--role", "translator")
    return tandem


def test_import_list_and_export(desk, tmp_path):
    run = desk("glossary", "import", str(GLOSSARY), user="minji")
    assert run.code == 0 and "16 added, 0 updated, 0 unchanged" in run.out
    terms = json.loads(desk("glossary", "list", "--json").out)
    assert len(terms) == 16
    party = next(t for t in terms if t["ko"] == "노동당")
    assert party["en_forbidden"] == ["Labor Party", "Labour Party"] and party["status"] == "approved"
    assert "security guidance officer" in desk("glossary", "list", "--search", "보위").out
    csv_out = tmp_path / "out.csv"
    assert desk("glossary", "export", "--format", "csv", "-o", str(csv_out)).code == 0
    assert "보위지도원,security guidance officer" in csv_out.read_text(encoding="utf-8")
    tbx = desk("glossary", "export", "--format", "tbx").out
    assert tbx.startswith("<?xml") and "보위지도원" in tbx


def test_a_bad_glossary_file_is_refused_with_its_line(desk, db_path, tmp_path):
    desk("glossary", "import", str(GLOSSARY), user="minji")
    bad = tmp_path / "bad.csv"
    bad.write_text("ko,en,status\n탈북자,defector,maybe\n", encoding="utf-8")
    before = snapshot(db_path)
    run = desk("glossary", "import", str(bad), user="minji")
    assert run.code == 2 and "bad.csv" in run.err and "line 2" in run.err
    assert snapshot(db_path) == before


def test_add_propose_approve_history(desk):
    run = desk("glossary", "propose", "탈북자", "defector", "--en-variant", "escapee", "--reason", "frequent",
               user="david")
    assert run.code == 0
    term_id = run.out.splitlines()[0]
    refused = desk("glossary", "approve", term_id, user="david")
    assert refused.code == 2 and "david cannot approve glossary terms" in refused.err
    assert desk("glossary", "approve", term_id, user="minji").code == 0
    history = json.loads(desk("glossary", "history", term_id, "--json").out)
    assert [(h["author"], h["term"]["status"]) for h in history] == [("david", "proposed"), ("minji", "approved")]
    added = desk("glossary", "add", "장마당", "jangmadang", "--en-variant", "market", "--pos", "noun", user="minji")
    assert added.code == 0
    listed = json.loads(desk("glossary", "list", "--json").out)
    assert {t["ko"]: t["status"] for t in listed} == {"탈북자": "approved", "장마당": "approved"}
    assert desk("glossary", "add", "장마당", "market", user="minji").code == 2


def test_edit_reject_deprecate_require_reasons(desk):
    term_id = desk("glossary", "propose", "인민", "people", user="david").out.splitlines()[0]
    assert desk("glossary", "reject", term_id, user="minji").code == 2  # --reason is required
    assert desk("glossary", "reject", term_id, "--reason", "too general", user="minji").code == 0
    added = desk("glossary", "add", "장마당", "jangmadang", user="minji").out.splitlines()[0]
    run = desk("glossary", "edit", added, "--en", "market", "--reason", "desk style", user="minji")
    assert run.code == 0 and "장마당 → market" in run.out
    assert desk("glossary", "deprecate", added, "--reason", "gone", user="minji").code == 0
    assert desk("glossary", "history", "99").code == 2


def test_one_rendering_per_article_is_set_on_add_and_taken_off_by_edit(desk):
    added = desk("glossary", "add", "송환", "repatriation", "--en-variant", "sent home", "--one-rendering",
                 user="minji").out.splitlines()[0]
    assert json.loads(desk("glossary", "list", "--json").out)[0]["one_rendering"] is True
    run = desk("glossary", "edit", added, "--no-one-rendering", "--reason", "issue 14: either reads well", user="minji")
    assert run.code == 0
    history = json.loads(desk("glossary", "history", added, "--json").out)
    assert [h["term"]["one_rendering"] for h in history] == [True, False]


def test_check_exits_1_on_the_draft_and_0_on_the_final(desk):
    desk("glossary", "import", str(GLOSSARY), user="minji")
    draft = desk("import", str(KO), "--english", str(DRAFT), user="david").out.splitlines()[0]
    final = desk("import", str(KO), "--english", str(EDITED), user="david").out.splitlines()[0]
    run = desk("check", draft, "--json")
    assert run.code == 1
    report = json.loads(run.out)
    assert report["document"]["id"] == int(draft)
    labor = [f for f in report["findings"] if f["check"] == "term.forbidden" and f["term"]["ko"] == "노동당"]
    assert labor and labor[0]["segment"] == 6 and labor[0]["source_span"] and labor[0]["target_span"]
    text = desk("check", draft)
    assert text.code == 1 and "segment 6: error:" in text.out
    clean = desk("check", final, "--json")
    assert clean.code == 0
    assert not [f for f in json.loads(clean.out)["findings"] if f["severity"] == "error"]


def test_check_of_a_missing_document(desk):
    run = desk("check", "7")
    assert run.code == 2 and "no document 7" in run.err


def test_impact(desk):
    desk("glossary", "import", str(GLOSSARY), user="minji")
    desk("import", str(KO), "--english", str(DRAFT), user="david")
    terms = json.loads(desk("glossary", "list", "--json").out)
    guard = next(t for t in terms if t["ko"] == "보위지도원")
    report = json.loads(desk("glossary", "impact", str(guard["id"]), "--json").out)
    assert [(o["segment"], o["fails"]) for o in report["occurrences"]] == [(16, True)]
    assert report["failing_approved"] == []
