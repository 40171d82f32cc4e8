"""The glossary screen shows a learned proposal's evidence (issue 17 §4), and the terminologist
approves it there like any other proposal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from glossaries.model import TermStatus
from tui_helpers import run, until
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.glossary import GlossaryScreen
from tui.widgets.term_decision import TermDecision
from tui.widgets.term_detail import TermDetail
from tui.widgets.term_table import TermTable
from workflow.workspace import Workspace

from test_term_learning import BOWI, corrected_article

SIZE = (120, 40)


def test_the_glossary_screen_shows_the_evidence_and_the_proposal_is_approved_there(workspace, db_path: Path):
    workspace.users.add("minji", ["terminologist"], by="admin")
    first, second = corrected_article(workspace), corrected_article(workspace)
    [found] = [f for f in workspace.term_learning.learn(by="minji").proposed if f.ko == BOWI]
    workspace.close()

    def glossary(app: TandemApp) -> GlossaryScreen:
        assert isinstance(app.screen, GlossaryScreen)
        return app.screen

    def shown(app: TandemApp, selector: str) -> str:
        return str(glossary(app).query_one(selector, Static).content)

    async def go() -> None:
        app = TandemApp(db_path, "minji")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count > 0)
            app.push_screen(GlossaryScreen(app.session))
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                        and glossary(app).query_one(TermTable).row_count > 0)
            terms = glossary(app).query_one(TermTable)
            terms.move_cursor(row=next(i for i, t in enumerate(terms.terms) if t.ko == BOWI))
            await until(pilot, lambda: (details := glossary(app).query_one(TermDetail).details) is not None
                        and details.term.ko == BOWI and details.evidence)
            heading, evidence = shown(app, "#evidence-head"), shown(app, "#term-evidence")
            assert "Learned from editors' corrections: 2 segments in 2 documents" in heading
            assert f"Document {first}" in evidence and f"Document {second}" in evidence and "robert" in evidence
            assert "[-guards-]{+guidance officers+}" in evidence and "security" in evidence
            assert glossary(app).query_one("#term-evidence", Static).display
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, TermDecision))
            app.screen.query_one("#reason", Input).value = "the editors are right"
            await pilot.click("#decide")
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                        and str(glossary(app).query_one(TermTable).get_cell(str(found.term_id), "mark")) == "✦")

    run(go)
    with Workspace.open(db_path, create=False) as again:
        term = again.glossary.term(found.term_id)
        assert term.status is TermStatus.APPROVED and term.en_forbidden == ("security guards",)
