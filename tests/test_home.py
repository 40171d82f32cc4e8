"""Each role starts where its work is (workflow.home), and the app shows it: a translator on their last
document's editor, an editor on the review queue (oldest first), a terminologist on the glossary with
open proposals first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from glossaries.model import Term, TermStatus
from conftest import sign_as_translator, translator_signed
from tui_helpers import run, until
from tui.app import TandemApp
from tui.screens.document import DocumentScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.glossary import GlossaryScreen
from tui.screens.review import ReviewScreen
from tui.widgets.term_table import TermTable
from workflow.demo import EDITED, KOREAN, prepare_demo
from workflow.home import home
from workflow.models import Home, Start
from workflow.models import Role, User
from workflow.workspace import Workspace

SIZE = (140, 36)


def desk(tmp_path: Path) -> tuple[Path, list[int]]:
    """The demo (in translation) and two documents waiting, the later-created one signed off first."""
    path = prepare_demo(tmp_path / "w.db").path
    with Workspace.open(path, create=False) as workspace:
        newer = workspace.files.import_document(KOREAN, EDITED, title="Signed second", by="david").document.id
        older = translator_signed(workspace, "Signed first")
        # The document imported first is signed off last: the queue's order is the waiting, not the id.
        sign_as_translator(workspace, newer)
    return path, [older, newer]


def user(*roles: Role, name: str = "x") -> User:
    return User(1, name, name, roles, "2026-01-01T00:00:00.000+00:00")


def test_the_rule_decides_from_roles_alone() -> None:
    assert home(None) == Home(Start.DOCUMENTS)
    assert home(user(Role.ADMIN)) == Home(Start.DOCUMENTS)
    assert home(user(Role.EDITOR), about=1) == Home(Start.REVIEW_QUEUE)
    assert home(user(Role.TERMINOLOGIST), about=1) == Home(Start.GLOSSARY)
    assert home(user(Role.TRANSLATOR), about=3) == Home(Start.EDITOR, 3)
    # A translator with nothing of their own yet starts on the list, where importing is.
    assert home(user(Role.TRANSLATOR), []) == Home(Start.DOCUMENTS)
    # Several roles: the earliest step of the work first.
    assert home(user(Role.EDITOR, Role.TERMINOLOGIST)) == Home(Start.REVIEW_QUEUE)


def test_the_review_queue_holds_only_waiting_documents_longest_waiting_first(tmp_path: Path) -> None:
    path, (older, newer) = desk(tmp_path)
    assert older > newer  # the order below is not the ids'
    with Workspace.open(path, create=False) as workspace:
        waiting = workspace.review.queue()
        assert [w.summary.id for w in waiting] == [older, newer]
        for segment in workspace.documents.segments(older):
            workspace.review.approve(older, segment.index, by="robert")
        workspace.review.sign_off(older, "editor", by="robert")  # signed: no longer waiting
        assert [w.summary.id for w in workspace.review.queue()] == [newer]


def test_an_editor_starts_on_the_review_queue_and_a_row_opens_its_review(tmp_path: Path) -> None:
    path, (older, newer) = desk(tmp_path)

    async def scenario() -> None:
        # What `tandem demo --as robert` starts: the demo's article is the launch's, but not his work.
        app = TandemApp(path, "robert", document_id=1, home=True)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count > 0)
            table = app.screen.query_one(DataTable)
            assert [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)] == [
                str(older), str(newer)]
            assert "since" in table.columns
            assert "waiting for review" in str(app.screen.query_one("#status").content)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            assert app.screen.document_id == older

    run(scenario)


def test_an_empty_review_queue_says_so_and_leads_to_all_documents(tmp_path: Path) -> None:
    path = prepare_demo(tmp_path / "w.db").path

    async def scenario() -> None:
        app = TandemApp(path, "robert", home=True)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one("#empty-hint").display)
            assert "Nothing is waiting for review" in str(app.screen.query_one("#empty-hint").content)
            await pilot.press("a")
            await until(pilot, lambda: len(app.screen_stack) > 2 and isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count == 1)

    run(scenario)


def test_a_terminologist_starts_on_the_glossary_with_open_proposals_first(tmp_path: Path) -> None:
    path = prepare_demo(tmp_path / "w.db").path
    with Workspace.open(path, create=False) as workspace:
        # Sorted by Korean, this proposal would come last of all terms.
        workspace.glossary.propose(Term("힣힣", "a proposal"), by="david")

    async def scenario() -> None:
        app = TandemApp(path, "minji", document_id=1, home=True)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                        and app.screen.query_one(TermTable).row_count > 1)
            terms = app.screen.query_one(TermTable).terms
            assert terms[0].ko == "힣힣" and terms[0].status is TermStatus.PROPOSED
            assert all(t.status is not TermStatus.PROPOSED for t in terms[1:])
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))

    run(scenario)


def test_a_translator_starts_on_the_editor_of_the_document_they_last_worked_on(tmp_path: Path) -> None:
    path = prepare_demo(tmp_path / "w.db").path
    with Workspace.open(path, create=False) as workspace:
        later = workspace.files.import_document(KOREAN, EDITED, title="Later", by="david").document.id
        workspace.editing.save(1, 2, "An English paragraph, saved last.", by="david")

    async def scenario() -> None:
        app = TandemApp(path, "david", home=True)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.document_id == 1)
            assert later != 1

    run(scenario)


def test_the_demo_as_its_translator_opens_the_demo_article_as_before(tmp_path: Path) -> None:
    path = prepare_demo(tmp_path / "w.db").path
    with Workspace.open(path, create=False) as workspace:
        workspace.files.import_document(KOREAN, EDITED, title="Later", by="david")  # touched after the demo's

    async def scenario() -> None:
        app = TandemApp(path, "david", document_id=1, home=True)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.document_id == 1)

    run(scenario)
