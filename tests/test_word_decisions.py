"""The Korean morphology model's decisions, stored where Korean or the glossary changes (issue 15 §3):
a workspace whose decisions were stored gives the findings the model gives, in a process that never
loads it; imports and glossary changes store them, in a process that may not load the model through
the helper; a workspace made before they were stored is decided as it is used (the model where it may
load, the helper's sweep where it may not) and then gives the same findings.

Real workspaces (files, or their databases on --engine postgresql); the sample article with terms it
holds inside compounds, and park2016 dev with the CLDR names glossary (skipped with the reason where
../shared/corpora is absent).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import raw_db
from corpora import require_corpora

import conftest
from conftest import ROOT
from glossaries.model import Term
from workflow.demo import DRAFT, GLOSSARY, KOREAN
from workflow.workspace import Workspace

# Terms the sample holds inside compound words: some are words of the compound (국제사회 holds 사회,
# 대유행 유행), some accidents of it (노동자 holds no 동자 "child monk", 귀국시키 no 국시).
EXTRA = "ko,en\n달러,dollar\n유행,epidemic\n규모,scale\n사회,society\n동자,child monk\n국시,national policy\n"


def _users(ws: Workspace) -> None:
    ws.users.add("admin", ["admin"], by="admin")
    ws.users.add("david", ["translator"], by="admin")
    ws.users.add("robert", ["editor"], by="admin")
    ws.users.add("minji", ["terminologist"], by="admin")


def sample_workspace(folder: Path) -> Path:
    """The sample with its draft, the demo glossary and EXTRA imported before the article."""
    extra = folder / "extra.csv"
    extra.write_text(EXTRA, encoding="utf-8")
    path = folder / "sample.db"
    with Workspace.open(path) as ws:
        _users(ws)
        ws.glossary.import_file(GLOSSARY, by="minji")
        ws.glossary.import_file(extra, by="minji")
        ws.files.import_document(KOREAN, DRAFT, by="david")
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    with raw_db.connect(path) as connection:
        return connection.rows(sql)


def decisions(path: Path) -> list[tuple]:
    return rows(path, "SELECT kind, context, span_start, span_end, answer FROM word_decisions ORDER BY id")


def findings(ws: Workspace, document_id: int = 1) -> list[dict]:
    return [view.finding.to_json() for view in ws.findings.document(document_id)]


def without_decisions(path: Path, copy: Path, *, schema_11: bool = False) -> Path:
    """A copy of the workspace with no stored decision: as made before they were stored. A PostgreSQL
    workspace has no Tandem from before migration 12, so there schema_11's copy is the same state
    reached the other way: a workspace holding Korean and no decision, nor a sweep."""
    raw_db.copy(path, copy)
    with raw_db.connect(copy) as target:
        if schema_11 and conftest.ENGINE == "sqlite":  # the file a Tandem of migration 11 made: no table at all
            # Everything a later migration made goes too (13: serve tickets; 14: returns; 15: the desk).
            for statement in ("DROP TABLE word_decisions", "DROP TABLE word_decision_sweeps",
                              "DROP TABLE serve_tickets", "DROP TABLE interchange_files", "DROP TABLE assignments",
                              "DROP TABLE deadlines", "DROP TABLE notifications", "DROP TABLE publications",
                              "ALTER TABLE segments DROP COLUMN locked", "ALTER TABLE segments DROP COLUMN max_length",
                              "PRAGMA user_version = 11"):
                target.execute(statement)
        else:
            target.execute("DELETE FROM word_decisions")
            target.execute("DELETE FROM word_decision_sweeps")
    return copy


def model_findings(path: Path, folder: Path, document_id: int = 1) -> list[dict]:
    """The findings computed with the model loaded here: on a copy holding no stored decision."""
    with Workspace.open(without_decisions(path, folder / f"model-{path.name}"), create=False) as ws:
        return findings(ws, document_id)


def fresh_process(code: str, *, timeout: int = 300) -> dict:
    """Run `code` in a fresh interpreter that keeps the model out; it prints one JSON line last."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


READ_FINDINGS = """
import json, sys
from workflow.workspace import Workspace, keep_model_out
keep_model_out()
with Workspace.open({path!r}, create=False) as ws:
    found = [view.finding.to_json() for view in ws.findings.document({document})]
    missing = len(ws.glossary.morphology.shared.missing())
print(json.dumps({{"findings": found, "missing": missing, "kiwi": "kiwipiepy" in sys.modules}}))
"""


# (1) stored decisions give the model's findings -------------------------------------------------


def test_sample_findings_from_stored_decisions_equal_the_models(tmp_path):
    path = sample_workspace(tmp_path)
    stored = decisions(path)
    # Stored at import, before anyone asked for findings; both answers occur.
    assert ("compound", "국제사회의", 2, 4, 1) in stored and ("compound", "노동자들", 1, 3, 0) in stored
    expected = model_findings(path, tmp_path)
    assert any(f["term"] and f["term"]["ko"] == "사회" for f in expected)  # the compound's term is checked
    read = fresh_process(READ_FINDINGS.format(path=str(path), document=1))
    assert read["kiwi"] is False and read["missing"] == 0
    assert read["findings"] == expected


def _park2016(folder: Path) -> tuple[Path, Path, Path]:
    dev = require_corpora("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv")
    names = require_corpora("glossary-cldr-ko-en", "cldr_ko_en_names.tsv")
    pairs = [line.rstrip("\n").split("\t")[3:5] for line in dev.read_text(encoding="utf-8").splitlines()[1:]
             if line.strip()]
    assert len(pairs) == 1000
    ko, en = folder / "park-ko.txt", folder / "park-en.txt"
    ko.write_text("\n\n".join(k for k, _e in pairs) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(e for _k, e in pairs) + "\n", encoding="utf-8")
    glossary = folder / "cldr.csv"
    seen: set[str] = set()
    with names.open(encoding="utf-8", newline="") as source, glossary.open("w", encoding="utf-8", newline="") as out:
        reader = csv.DictReader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        writer = csv.writer(out)
        writer.writerow(["ko", "en", "domain"])
        for row in reader:
            key = row["ko"].replace(" ", "")
            if key and row["en"] and key not in seen:
                seen.add(key)
                writer.writerow([row["ko"], row["en"], row["category"]])
    return ko, en, glossary


def test_park2016_findings_from_stored_decisions_equal_the_models(tmp_path):
    ko, en, glossary = _park2016(tmp_path)
    path = tmp_path / "park.db"
    with Workspace.open(path) as ws:
        _users(ws)
        ws.files.import_document(ko, en, by="david")  # no glossary yet: nothing to decide
        assert ws._store.word_decisions.word_decision_count() == 0
        ws.glossary.import_file(glossary, by="minji")  # ~1,800 terms: the Korean holding them decided
    stored = decisions(path)
    assert len(stored) > 50 and {answer for *_q, answer in stored} == {0, 1}
    expected = model_findings(path, tmp_path)
    assert sum(1 for f in expected if f["term"]) > 300, "the glossary should hit often enough to mean something"
    read = fresh_process(READ_FINDINGS.format(path=str(path), document=1))
    assert read["kiwi"] is False and read["missing"] == 0
    assert read["findings"] == expected


# (2) a session never imports kiwipiepy ----------------------------------------------------------

OPEN_SCREENS = """
import asyncio, json, sys
from tui.app import TandemApp
from tui.screens.editor import EditorScreen
from tui.screens.glossary import GlossaryScreen
from tui.screens.review import ReviewScreen
from tui.widgets.review_list import ReviewList
from tui.widgets.term_table import TermTable
from textual.worker import WorkerCancelled

async def settle(app):
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one
            pass

async def main():
    app = TandemApp({path!r}, "david", document_id=1)
    async with app.run_test(size=(120, 36)) as pilot:
        while not (isinstance(app.screen, EditorScreen) and app.screen.state.counts):
            await pilot.pause(0.05)
        editor = app.screen
        await settle(app)
        counts = {{index: list(c) for index, c in editor.state.counts.items()}}
        review = ReviewScreen(app.session, 1)
        await app.push_screen(review)
        while review.data is None or review.query_one(ReviewList).row_count != 16:
            await pilot.pause(0.05)
        await settle(app)
        glossary = GlossaryScreen(app.session)
        await app.push_screen(glossary)
        while not glossary.query_one(TermTable).row_count:
            await pilot.pause(0.05)
        for term_id in range(1, 23):  # every term's impact: the Korean of every segment matched
            glossary._fetch_detail(glossary._detail_generation, term_id)
            await settle(app)
        runs = list(app._decisions.runs)
    return counts, runs

counts, runs = asyncio.run(main())
print(json.dumps({{"kiwi": "kiwipiepy" in sys.modules, "counts": counts, "helper_runs": runs}}))
"""


def test_a_process_that_opens_the_editor_review_and_glossary_never_imports_kiwipiepy(tmp_path):
    path = sample_workspace(tmp_path)
    opened = fresh_process(OPEN_SCREENS.format(path=str(path)))
    assert opened["kiwi"] is False
    assert opened["helper_runs"] == []  # everything was stored: no helper was needed either
    with Workspace.open(path, create=False) as ws:
        expected = {str(index): list(counts) for index, counts in ws.findings.counts(1).items()}
    assert opened["counts"] == expected


# (3) imports and glossary changes store decisions ----------------------------------------------


def test_import_and_glossary_changes_store_decisions(tmp_path):
    path = tmp_path / "w.db"
    extra = tmp_path / "extra.csv"
    extra.write_text("ko,en\n사회,society\n", encoding="utf-8")
    with Workspace.open(path) as ws:
        _users(ws)
        ws.glossary.import_file(extra, by="minji")
        ws.files.import_document(KOREAN, DRAFT, by="david")
        assert decisions(path) == [("compound", "국제사회의", 2, 4, 1)]
        ws.glossary.add(Term("동자", "child monk"), by="minji")
        after_add = decisions(path)
        assert ("compound", "노동자들", 1, 3, 0) in after_add and len(after_add) > 5
        # A proposed term is decided too (its impact is shown before anyone approves it).
        ws.glossary.propose(Term("달러", "dollar"), by="david")
        assert ("compound", "10달러도", 2, 4, 1) in decisions(path)
        impact = ws.glossary.impact(3)
        assert [o.korean for o in impact.occurrences] == ["달러"]
        # Editing a term's forms decides the Korean that holds its new ones.
        ws.glossary.edit(3, ko_variants=("규모",), by="minji", reason="test")
        assert ("compound", "대규모", 1, 3, 1) in decisions(path)


def test_tmx_and_xliff_imports_decide_their_korean(tmp_path):
    path = tmp_path / "w.db"
    extra = tmp_path / "extra.csv"
    extra.write_text("ko,en\n사회,society\n유행,epidemic\n", encoding="utf-8")
    tmx = tmp_path / "m.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="ko" '
                   'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
                   'creationtoolversion="1"/><body><tu><tuv xml:lang="ko"><seg>지역사회의 대응</seg></tuv>'
                   '<tuv xml:lang="en"><seg>The community responds</seg></tuv></tu></body></tmx>', encoding="utf-8")
    xliff = tmp_path / "d.xlf"
    xliff.write_text('<?xml version="1.0" encoding="UTF-8"?><xliff version="2.0" '
                     'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ko" trgLang="en"><file id="f">'
                     '<unit id="u1"><segment><source>대유행이 끝났다.</source><target>The pandemic ended.</target>'
                     '</segment></unit></file></xliff>', encoding="utf-8")
    with Workspace.open(path) as ws:
        _users(ws)
        ws.glossary.import_file(extra, by="minji")
        ws.files.import_file(tmx, by="david")
        assert ("compound", "지역사회의", 2, 4, 1) in decisions(path)
        ws.files.import_file(xliff, by="david")
        assert ("compound", "대유행이", 1, 3, 1) in decisions(path)


IMPORT_WITHOUT_MODEL = """
import json, sys
from workflow.workspace import Workspace, keep_model_out
from glossaries.model import Term
keep_model_out()
with Workspace.open({path!r}) as ws:
    ws.users.add("admin", ["admin"], by="admin")
    ws.users.add("david", ["translator"], by="admin")
    ws.users.add("minji", ["terminologist"], by="admin")
    ws.glossary.add(Term("사회", "society"), by="minji")
    ws.files.import_document({korean!r}, {draft!r}, by="david")
    ws.glossary.add(Term("동자", "child monk"), by="minji")
    found = [view.finding.to_json() for view in ws.findings.document(1)]
    missing = len(ws.glossary.morphology.shared.missing())
print(json.dumps({{"findings": found, "missing": missing, "kiwi": "kiwipiepy" in sys.modules}}))
"""


def test_a_process_that_keeps_the_model_out_has_the_helper_decide_its_imports_and_glossary_changes(tmp_path):
    # As the TUI's import dialog and term form do: the helper process decides, synchronously.
    path = tmp_path / "w.db"
    done = fresh_process(IMPORT_WITHOUT_MODEL.format(path=str(path), korean=str(KOREAN), draft=str(DRAFT)))
    assert done["kiwi"] is False and done["missing"] == 0
    stored = decisions(path)
    assert ("compound", "국제사회의", 2, 4, 1) in stored and ("compound", "노동자들", 1, 3, 0) in stored
    assert done["findings"] == model_findings(path, tmp_path)


# (4) a workspace made before decisions were stored ----------------------------------------------


def test_a_workspace_from_before_the_migration_is_decided_where_the_model_may_load(tmp_path):
    path = sample_workspace(tmp_path)
    with Workspace.open(path, create=False) as ws:
        expected = findings(ws)
    old = without_decisions(path, tmp_path / "old.db", schema_11=True)
    with Workspace.open(old, create=False) as ws:
        assert ws._store.schema_version() == len(raw_db.migrations())
        assert not ws.glossary.morphology.complete()  # it holds Korean: a sweep is owed
        assert findings(ws) == expected  # `tandem check` and the like decide as they read
    assert set(decisions(old)) == set(decisions(path))  # and store what they decided


def test_a_session_on_a_workspace_from_before_guesses_then_refreshes_after_the_helpers_sweep(tmp_path):
    from workflow.word_decisions import Background, allow_model, keep_model_out

    path = sample_workspace(tmp_path)
    with Workspace.open(path, create=False) as ws:
        expected = findings(ws)
    old = without_decisions(path, tmp_path / "old.db", schema_11=True)
    keep_model_out()
    try:
        with Workspace.open(old, create=False) as ws:
            guessed = findings(ws)  # missing decisions read as "no": the compound terms are not taken
            assert guessed != expected and ws.glossary.morphology.shared.missing()
            before = ws.findings.version()
            helper = Background(old)
            helper.start()
            deadline = time.monotonic() + 120
            while not (helper.runs and helper.idle.is_set()) and time.monotonic() < deadline:
                time.sleep(0.05)
            helper.stop()
            assert helper.runs[0] == "sweep"
            assert ws.findings.version() != before  # what a screen compares to re-check
            assert findings(ws) == expected
            assert ws.glossary.morphology.complete()
    finally:
        allow_model()


def test_the_sweep_command_decides_a_whole_workspace(tmp_path):
    path = sample_workspace(tmp_path)
    old = without_decisions(path, tmp_path / "old.db")
    done = subprocess.run([sys.executable, "-m", "workflow.word_decisions", str(old)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert set(decisions(old)) == set(decisions(path))
    assert rows(old, "SELECT version FROM word_decision_sweeps") == [(1,)]


def test_an_empty_workspace_starts_complete(tmp_path):
    with Workspace.open(tmp_path / "w.db") as ws:
        assert ws.glossary.morphology.complete()
    assert rows(tmp_path / "w.db", "SELECT version FROM word_decision_sweeps") == [(1,)]


@pytest.mark.parametrize("kind", ["compound", "noun"])
def test_the_helper_answers_the_questions_it_is_given(tmp_path, kind):
    from glossaries.morphology import decide

    path = tmp_path / "w.db"
    Workspace.open(path).close()
    question = [kind, "국제사회의", 2, 4] if kind == "compound" else [kind, "'옥(獄)'이란 글자", 6, 8]
    done = subprocess.run([sys.executable, "-m", "workflow.word_decisions", str(path), "--questions"],
                          input=json.dumps([question]), capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert decisions(path) == [(*question, int(decide(*question)))]


def test_the_editor_on_a_workspace_from_before_shows_the_models_findings_once_the_helper_swept_it(tmp_path):
    from tui_helpers import run, until

    from tui.app import TandemApp
    from tui.screens.editor import EditorScreen
    from workflow.word_decisions import model_allowed

    path = sample_workspace(tmp_path)
    with Workspace.open(path, create=False) as ws:
        expected = ws.findings.counts(1)
    old = without_decisions(path, tmp_path / "old.db", schema_11=True)

    async def scenario() -> None:
        app = TandemApp(old, "david", document_id=1)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and bool(app.screen.state.counts))
            assert not model_allowed()  # the app keeps the model out of its process
            # Meanwhile the compound terms read as not matched; once the sweep lands, the screen
            # notices the commit, re-checks, and counts what the model decides.
            await until(pilot, lambda: app._decisions.runs == ["sweep"] and app.screen.state.counts == expected,
                        timeout=180)
        assert model_allowed()  # and gives it back to the process it ran in

    run(scenario)
    assert rows(old, "SELECT version FROM word_decision_sweeps") == [(1,)]
