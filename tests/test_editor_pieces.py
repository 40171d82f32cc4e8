"""The editor's dialogs and comments panel, each in a small host app: history, concordance, query
threads, find and the note/query choice. The editor screen wires them in (see its tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import DataTable, OptionList, Static

from tests.tui_helpers import run, until
from tui.session import Session
from workflow.workspace import Workspace

from conftest import KO, SAMPLE

WIDE = (160, 48)
NARROW = (80, 24)
PENDING = object()


class Host(App):
    CSS_PATH = str(Path(__file__).resolve().parents[1] / "tui" / "tandem.tcss")

    def __init__(self, dialog: ModalScreen) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: object = PENDING

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.done)

    def done(self, result: object) -> None:
        self.result = result


def plain(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


@pytest.mark.parametrize("size", [NARROW, WIDE])
def test_history_shows_every_revision_whole_and_its_word_diff(demo: Path, size) -> None:
    from tui.widgets.diff_view import DiffView
    from tui.widgets.history_dialog import HistoryDialog

    with Workspace.open(demo, create=False) as ws:
        first = ws.documents.segments(1)[2].target
        second = first.replace("workers", "labourers", 1) + " An added closing sentence that runs on and on."
        ws.editing.save(1, 3, second, by="david")
        third = second.replace("An added", "A revised")
        ws.editing.save(1, 3, third, by="robert")

    async def scenario() -> None:
        app = Host(HistoryDialog(Session(demo, "david"), 1, 3, unsaved=False))
        async with app.run_test(size=size) as pilot:
            options = app.screen.query_one("#revisions", OptionList)
            await until(pilot, lambda: options.option_count == 3)
            shown = plain(options)
            # Newest first, each with its whole text (wrapped by the list, never cut with an ellipsis).
            assert [s.split("\n", 1)[1] for s in shown] == [third, second, first]
            diff = app.screen.query_one(DiffView).text.plain
            assert "[-An added-]{+A revised+} closing sentence" in diff and diff.count("[-") == 1
            await pilot.press("down")
            diff = app.screen.query_one(DiffView).text.plain
            assert "[-workers-]{+labourers+}" in diff and "{+ An added closing" in diff
            box = app.screen.query_one(".dialog-box")
            assert box.region.right <= size[0] and box.region.bottom <= size[1]

    run(scenario)


@pytest.mark.parametrize("size", [NARROW, WIDE])
def test_concordance_finds_another_documents_segment_and_returns_it(demo: Path, size) -> None:
    from workflow.concordance import DOCUMENT
    from tui.widgets.concordance_dialog import ConcordanceDialog

    with Workspace.open(demo, create=False) as ws:
        other = ws.files.import_document(KO, SAMPLE / "en-draft.md", title="again", by="david").document

    async def scenario() -> None:
        dialog = ConcordanceDialog(Session(demo, "david"), document_id=1)
        app = Host(dialog)
        async with app.run_test(size=size) as pilot:
            await pilot.press(*"해외 노동자")
            table = app.screen.query_one(DataTable)
            await until(pilot, lambda: table.row_count >= 4)
            hits = dialog.hits
            assert {h.document_id for h in hits if h.kind == DOCUMENT} == {1, other.id}
            # Headers and labels fit their columns; the table fits the screen.
            for column in table.columns.values():
                assert cell_len(str(column.label)) <= column.width
            assert sum(c.get_render_width(table) for c in table.columns.values()) <= size[0]
            assert "seg 3" in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            # The glossary's rendering of 해외 노동자 is marked in the English of the hit.
            row = next(i for i, h in enumerate(hits) if h.document_id == other.id)
            english = table.get_row_at(row)[2]
            marked = {english.plain[s.start:s.end] for s in english.spans if "underline" in str(s.style)}
            assert marked & {"overseas workers", "workers overseas"}
            table.focus()
            table.move_cursor(row=row)
            await pilot.press("enter")
            await until(pilot, lambda: app.result is not PENDING)
            assert app.result == (other.id, hits[row].index)

    run(scenario)


def test_a_reply_and_closing_come_back_as_intents(demo: Path) -> None:
    from tui.widgets.comments_panel import CommentsPanel
    from tui.widgets.query_dialog import QueryDialog, Reply, Resolve, write_intent

    with Workspace.open(demo, create=False) as ws:
        query = ws.comments.add(1, 3, "Overseas workers or workers overseas?", kind="query", by="robert")
        ws.comments.add(1, 3, "House style says overseas workers.", kind="note", by="robert")
        [thread, _note] = ws.comments.threads(1, 3)

    async def answer(keys: tuple[str, ...]) -> object:
        app = Host(QueryDialog(thread))
        async with app.run_test(size=NARROW) as pilot:
            assert "Overseas workers or workers overseas?" in str(app.screen.query_one("#query-thread-text", Static).content)
            await pilot.press(*keys)
            await until(pilot, lambda: app.result is not PENDING)
            return app.result

    async def scenario() -> None:
        reply = await answer((*"Overseas workers, as in 7.", "enter"))
        assert reply == Reply(query.id, "Overseas workers, as in 7.")
        assert await answer(("ctrl+r",)) == Resolve(query.id)
        with Workspace.open(demo, create=False) as ws:
            write_intent(ws, reply, by="david")
            comments = ws.comments.all(1, 3)
            assert CommentsPanel.title_for(comments).endswith("1 open")
            write_intent(ws, Resolve(query.id), by="david")
            assert ws.comments.threads(1, 3)[0].state == "closed"
            assert CommentsPanel.title_for(ws.comments.all(1, 3)).endswith("0 open")

    run(scenario)


def test_comments_panel_shows_the_thread() -> None:
    from tui.widgets.comments_panel import CommentsPanel
    from workflow.models import Comment

    at = "2026-01-01T00:00:00+00:00"
    comments = [Comment(1, 3, "query", "Plural?", "robert", at, None, None),
                Comment(2, 3, "query", "Yes, officers.", "david", at, None, None, parent_id=1),
                Comment(3, 3, "note", "Checked.", "robert", at, "robert", at)]

    class PanelHost(App):
        def compose(self):
            yield CommentsPanel(id="comments")

    async def scenario() -> None:
        app = PanelHost()
        async with app.run_test(size=NARROW):
            panel = app.query_one(CommentsPanel)
            panel.show(comments)
            shown = plain(panel)
            assert len(shown) == 2 and "answered" in shown[0] and "↳ david" in shown[0] and "Yes, officers." in shown[0]
            assert panel.border_title == "Comments · 1 open"
            assert panel.chosen().root.id == 1

    run(scenario)


def test_find_returns_the_match_in_the_english(demo: Path) -> None:
    from tui.screens.editor_dialogs import FindDialog, FindHit

    with Workspace.open(demo, create=False) as ws:
        segments = ws.documents.segments(1)
    typed = {5: segments[4].target + " The Fatherland Front said."}

    async def scenario() -> None:
        app = Host(FindDialog(segments, typed))
        async with app.run_test(size=NARROW) as pilot:
            await pilot.press(*"fatherland front", "enter")
            await until(pilot, lambda: app.result is not PENDING)
            hit = app.result
            assert isinstance(hit, FindHit) and (hit.index, hit.field) == (5, "english")
            assert typed[5][hit.start:hit.end] == "Fatherland Front"

    run(scenario)


def test_find_falls_back_to_the_korean(demo: Path) -> None:
    from tui.screens.editor_dialogs import FindDialog, FindHit

    with Workspace.open(demo, create=False) as ws:
        segments = ws.documents.segments(1)

    async def scenario() -> None:
        app = Host(FindDialog(segments, {}))
        async with app.run_test(size=NARROW) as pilot:
            await pilot.press(*"보위지도원", "enter")
            await until(pilot, lambda: app.result is not PENDING)
            hit = app.result
            assert isinstance(hit, FindHit) and hit.field == "korean"
            assert segments[hit.index - 1].source[hit.start:hit.end] == "보위지도원"

    run(scenario)


def test_a_question_is_a_query_and_the_kind_is_named_in_words() -> None:
    from tui.screens.editor_dialogs import ReasonDialog

    async def comment(keys: tuple[str, ...], expect_kind: str) -> object:
        app = Host(ReasonDialog("Comment on segment 3", "...", "a note", query_box=True))
        async with app.run_test(size=NARROW) as pilot:
            kind = app.screen.query_one("#kind", Static)
            assert "Kind: note" in str(kind.content)
            await pilot.press(*keys)
            assert f"Kind: {expect_kind}" in str(kind.content)
            await pilot.press("enter")
            await until(pilot, lambda: app.result is not PENDING)
            return app.result

    async def scenario() -> None:
        assert await comment(tuple("Should this be plural?"), "query") == ("Should this be plural?", "query")
        # Switched by hand, the kind stays as chosen whatever the text ends with.
        assert await comment(("ctrl+t", *"Is it? No."), "query") == ("Is it? No.", "query")
        assert await comment((*"Plural?", "ctrl+t"), "note") == ("Plural?", "note")

    run(scenario)
