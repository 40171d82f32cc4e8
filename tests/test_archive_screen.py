"""The archive in the TUI: the search screen (from the documents list and the editor) and the term
screen's line on how documents from before a term rendered it."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from glossaries.model import Term
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.editor import EditorScreen
from tui.screens.glossary import GlossaryScreen
from tui.screens.search import SearchScreen
from tui.widgets.term_detail import TermDetail
from tui.widgets.term_table import TermTable
from tui_helpers import no_idle_saves, run, until
from workflow.workspace import Workspace

SIZE = (120, 36)


def _second_article(demo: Path, tmp_path: Path) -> int:
    """An article newer than the demo's, its second segment holding 보위지도원 inside a word."""
    ko, en = tmp_path / "second.ko.md", tmp_path / "second.en.md"
    ko.write_text("평양의 소식.\n\n보위지도원들이 노동자들을 감시했다.\n", encoding="utf-8")
    en.write_text("News from Pyongyang.\n\nSecurity guidance officers watched the workers.\n", encoding="utf-8")
    time.sleep(0.01)
    with Workspace.open(demo, create=False) as ws:
        return ws.files.import_document(ko, en, title="second", by="david").document.id


def _search(app: TandemApp) -> SearchScreen:
    assert isinstance(app.screen, SearchScreen)
    return app.screen


def test_typing_finds_hits_and_enter_opens_the_segment(demo: Path, tmp_path: Path, monkeypatch) -> None:
    no_idle_saves(monkeypatch)
    second = _second_article(demo, tmp_path)

    async def scenario() -> None:
        app = TandemApp(demo, "david")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count == 2)
            await pilot.press("slash")
            await until(pilot, lambda: isinstance(app.screen, SearchScreen))
            assert _search(app).query_one("#archive-query", Input).has_focus
            await pilot.press(*"보위지도원")
            await until(pilot, lambda: len(_search(app).hits) == 2)
            screen = _search(app)
            # The newest document first; its Korean hit is inside 보위지도원들이, with its English beside.
            assert [hit.where for hit in screen.hits] == [(second, 2), (1, 16)]
            assert screen.hits[0].target == "Security guidance officers watched the workers."
            count = str(screen.query_one("#archive-count", Static).content)
            assert count.startswith("2 matches in 2 documents")
            await pilot.press("enter")  # from the query to the hits
            assert screen.query_one(DataTable).has_focus
            await pilot.press("down", "up", "enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
            assert (app.screen.document_id, app.screen.current.index) == (second, 2)
            # Escape leaves the English, then the editor: back to the results as they were.
            await pilot.press("escape", "escape")
            await until(pilot, lambda: isinstance(app.screen, SearchScreen))
            assert len(_search(app).hits) == 2

    run(scenario)


def test_the_editor_searches_the_archive_and_goes_to_a_hit_in_its_own_document(
        demo: Path, tmp_path: Path, monkeypatch) -> None:
    no_idle_saves(monkeypatch)
    _second_article(demo, tmp_path)

    async def scenario() -> None:
        app = TandemApp(demo, "david", 1)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
            editor = app.screen
            assert editor.current.index == 1
            await pilot.press("alt+a")
            await until(pilot, lambda: isinstance(app.screen, SearchScreen))
            _search(app).query_one("#archive-query", Input).value = "보위지도원"
            await until(pilot, lambda: len(_search(app).hits) == 2)
            assert str(_search(app).query_one(DataTable).get_cell("1", "where")) == "seg 16"
            await pilot.press("enter", "down", "enter")  # the demo article's own hit
            await until(pilot, lambda: app.screen is editor and editor.current.index == 16)

    run(scenario)


def test_the_term_screen_shows_how_earlier_documents_rendered_a_new_term(demo: Path, tmp_path: Path) -> None:
    _second_article(demo, tmp_path)
    time.sleep(0.01)
    with Workspace.open(demo, create=False) as ws:
        term = ws.glossary.add(Term(ko="감시", en="surveillance", en_variants=("watch",)), by="minji")

    async def scenario() -> None:
        app = TandemApp(demo, "minji")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
            app.push_screen(GlossaryScreen(app.session))
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                        and app.screen.query_one(TermTable).row_count > 0)
            terms = app.screen.query_one(TermTable)
            terms.move_cursor(row=next(i for i, t in enumerate(terms.terms) if t.id == term.id))
            detail = app.screen.query_one(TermDetail)
            await until(pilot, lambda: detail.archive is not None and detail.archive[0] == term.id)
            line = str(detail.query_one("#term-archive", Static).content)
            assert line == "Archive  감시: watch 1 time, in 2 documents (1 segment with none of these)"

    run(scenario)
