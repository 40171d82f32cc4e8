"""One import path: `tandem import FILE` and the TUI's import dialog both go through
Files.import_file, so the same file lands the same way from either (a document, translation memory or
glossary terms), and an option the file's kind does not take is refused by both before anything is
written. And one route makes a document: create_document, for articles and XLIFF alike."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Static

from conftest import DRAFT, KO, ROOT, SAMPLE
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.widgets.import_dialog import ImportDialog
from tui_helpers import run, until
from workflow.workspace import Workspace

SIZE = (120, 36)
XLIFF12 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="기사.html" source-language="ko" target-language="en" datatype="html"><body>'
    '<trans-unit id="1"><source>북한 노동자</source><target state="translated">North Korean workers</target>'
    '</trans-unit><trans-unit id="2"><source>러시아 건설 현장</source></trans-unit></body></file></xliff>'
)
TMX = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="ko"/><body>'
       '<tu><tuv xml:lang="ko"><seg>해외 노동자</seg></tuv><tuv xml:lang="en"><seg>overseas workers</seg></tuv></tu>'
       '<tu><tuv xml:lang="ko"><seg>건설 현장</seg></tuv></tu></body></tmx>')


def desk(path: Path) -> Path:
    """An empty workspace whose one user, david, may import every kind (translator and admin)."""
    with Workspace.open(path) as ws:
        ws.users.add("david", ["translator", "admin"], by="david")
    return path


def outcome(path: Path) -> tuple:
    """What an import left in the workspace, read back through a Workspace of its own."""
    with Workspace.open(path, create=False) as ws:
        documents = [(s.title, s.document.tags, s.document.source_name, s.segment_count,
                      [(g.source, g.target, g.state) for g in ws.documents.segments(s.id)])
                     for s in ws.documents.all()]
        terms = sorted((t.ko, t.en, t.status.value) for t in ws.glossary.terms())
        actions = [e["action"] for e in ws.audit.log()]
        return documents, ws.tm.count(), terms, actions


def written(path: Path) -> tuple[int, int, int, int]:
    with Workspace.open(path, create=False) as ws:
        return len(ws.documents.all()), ws.tm.count(), len(ws.glossary.terms()), len(ws.audit.log())


async def open_dialog(pilot) -> ImportDialog:
    app = pilot.app
    # The hint offers `i` once the screen knows this user may import.
    await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                and "Press  i" in str(app.screen.query_one("#empty-hint", Static).content))
    await pilot.press("i")
    await until(pilot, lambda: isinstance(app.screen, ImportDialog))
    return app.screen


def through_dialog(path: Path, *, sentences: bool = False, **fields: str) -> tuple[str, list[str]]:
    """Import through the TUI's dialog: (the dialog's error, or "" when it closed; the notifications)."""
    shown: dict[str, object] = {}

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_dialog(pilot)
            for name, value in fields.items():
                dialog.query_one(f"#import-{name}", Input).value = value
            dialog.query_one("#import-sentences", Checkbox).value = sentences
            dialog.start()
            await until(pilot, lambda: app.screen is not dialog or dialog.query_one("#import-error").display)
            closed = app.screen is not dialog
            shown["error"] = "" if closed else str(dialog.query_one("#import-error", Static).content)
            shown["notes"] = [str(n.message) for n in app._notifications]

    run(scenario)
    return shown["error"], shown["notes"]  # type: ignore[return-value]


def files(tmp_path: Path) -> dict[str, Path]:
    made = {"xliff": tmp_path / "returned.xlf", "tmx": tmp_path / "memory.xml", "csv": tmp_path / "terms.txt"}
    made["xliff"].write_text(XLIFF12, encoding="utf-8")
    made["tmx"].write_text(TMX, encoding="utf-8")
    made["csv"].write_bytes((SAMPLE / "glossary-nk-news.csv").read_bytes())  # by content, not by name
    return made


@pytest.mark.parametrize("kind", ["article", "xliff", "tmx", "csv"])
def test_the_cli_and_the_dialog_import_each_kind_to_the_same_outcome(tmp_path, tandem, kind):
    made = files(tmp_path)
    by_cli, by_tui = desk(tmp_path / "cli.db"), desk(tmp_path / "tui.db")
    if kind == "article":
        run_ = tandem("import", str(KO), "--english", str(DRAFT), "--tags", "russia, 노동자", db=by_cli, user="david")
        error, notes = through_dialog(by_tui, korean=str(KO), english=str(DRAFT), tags="russia, 노동자")
    elif kind == "xliff":
        run_ = tandem("import", str(made["xliff"]), "--title", "돌아온 기사", "--tags", "returned", db=by_cli,
                      user="david")
        error, notes = through_dialog(by_tui, korean=str(made["xliff"]), title="돌아온 기사", tags="returned")
    else:
        run_ = tandem("import", str(made[kind]), db=by_cli, user="david")
        error, notes = through_dialog(by_tui, korean=str(made[kind]))
    assert run_.code == 0, run_.err
    assert error == "", error

    documents, tm, terms, actions = outcome(by_tui)
    assert outcome(by_cli) == (documents, tm, terms, actions)
    if kind == "article":
        ((title, tags, source, count, segments),) = documents
        assert (tags, source, count) == (("russia", "노동자"), "ko.md", 16)
        assert all(state == "draft" for _s, _t, state in segments)
        assert "read as Korean text" in run_.out
        assert any("16 segments, 0 doubtful pairings" in note for note in notes), notes
    elif kind == "xliff":
        ((title, tags, source, count, segments),) = documents
        assert (title, tags, source, count) == ("돌아온 기사", ("returned",), "returned.xlf", 2)
        assert [(s, t, state) for s, t, state in segments] == [
            ("북한 노동자", "North Korean workers", "translated"), ("러시아 건설 현장", "", "empty")]
        assert "read as XLIFF 1.2" in run_.out
        assert any("Imported “돌아온 기사”: 2 segments" in note for note in notes), notes
    elif kind == "tmx":
        assert (documents, tm, terms) == ([], 1, [])
        said = "(read as TMX): 1 units added to the translation memory, 0 already in it, 1 without both"
        assert said in run_.out and any(said in note for note in notes), notes
    else:
        assert documents == [] and tm == 0 and len(terms) > 5
        said = re.search(r"\(read as CSV glossary\): glossary terms \d+ added, 0 updated, 0 unchanged", run_.out)
        assert said and any(said.group() in note for note in notes), (run_.out, notes)
    # The dialog said it once the work was done, not as an error.
    assert not any("error" in note.lower() for note in notes)


@pytest.mark.parametrize("option", ["english", "sentences"])
def test_an_article_option_on_an_xliff_is_refused_alike_and_nothing_is_written(tmp_path, tandem, option):
    xliff = files(tmp_path)["xliff"]
    by_cli, by_tui = desk(tmp_path / "cli.db"), desk(tmp_path / "tui.db")
    before = written(by_cli), written(by_tui)
    problem = f"applies to article imports; {xliff} holds XLIFF 1.2"
    if option == "english":
        run_ = tandem("import", str(xliff), "--english", str(DRAFT), db=by_cli, user="david")
        error, _notes = through_dialog(by_tui, korean=str(xliff), english=str(DRAFT))
        assert error == f"English draft: {problem}"
    else:
        run_ = tandem("import", str(xliff), "--sentences", db=by_cli, user="david")
        error, _notes = through_dialog(by_tui, korean=str(xliff), sentences=True)
        assert error == f"One segment per sentence: {problem}"
    assert run_.code == 2 and run_.out == ""
    assert run_.err == f"tandem: error: --{option}: {problem}\n"
    assert (written(by_cli), written(by_tui)) == before


def test_a_title_for_a_tmx_is_refused_by_the_workspace_itself(tmp_path):
    from workflow.files import NotForKind

    tmx = files(tmp_path)["tmx"]
    path = desk(tmp_path / "w.db")
    with Workspace.open(path) as ws:
        assert ws.files.kind_of(tmx) == ("tmx", "TMX")
        with pytest.raises(NotForKind) as refused:
            ws.files.import_file(tmx, title="메모리", by="david")
        assert refused.value.option == "title" and ws.tm.count() == 0
        steps: list[tuple[str, int | None]] = []
        imported = ws.files.import_file(tmx, by="david", progress=lambda step, count: steps.append((step, count)))
        assert (imported.kind, imported.document, imported.entries.counts["added"]) == ("tmx", None, 1)
        assert steps == [("reading", None), ("storing", None)]
        steps.clear()
        ws.files.import_file(KO, DRAFT, by="david", progress=lambda step, count: steps.append((step, count)))
        assert steps == [("reading", None), ("pairing", None), ("storing", 16)]


def test_every_document_is_created_by_one_function(tmp_path, monkeypatch):
    from workflow.storage.store_documents import DocumentsRepository

    workflow = ROOT / "workflow"
    calls = {str(p.relative_to(ROOT)) for p in workflow.rglob("*.py")
             if re.search(r"\.insert_document\(", p.read_text(encoding="utf-8"))}
    assert calls == {"workflow/import_store.py"}
    source = (workflow / "import_store.py").read_text(encoding="utf-8")
    (inside,) = re.findall(r"\n(def \w+)\([^\n]*\n(?:(?!\ndef ).)*?\.insert_document\(", source, re.S)
    assert inside == "def create_document"
    # And both routes reach it: each document row is inserted from inside create_document.
    callers: list[str] = []
    original = DocumentsRepository.insert_document

    def spy(self, fields):
        callers.append(sys._getframe(1).f_code.co_name)
        return original(self, fields)

    monkeypatch.setattr(DocumentsRepository, "insert_document", spy)
    made = files(tmp_path)
    with Workspace.open(desk(tmp_path / "w.db")) as ws:
        ws.files.import_file(KO, DRAFT, by="david")  # store_plan
        ws.files.import_file(made["xliff"], by="david")  # store_file
    assert callers == ["create_document", "create_document"]
