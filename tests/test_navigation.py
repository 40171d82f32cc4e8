"""From the documents screen to the glossary and review screens, by key."""

from __future__ import annotations

from pathlib import Path

from test_tui import SIZE, on_documents
from tui_helpers import run, until
from tui.app import TandemApp
from workflow.demo import prepare_demo


def test_g_opens_the_glossary_and_v_reviews_the_highlighted_document(tmp_path: Path) -> None:
    path = prepare_demo(tmp_path / "w.db").path

    async def scenario() -> None:
        from tui.screens.glossary import GlossaryScreen
        from tui.screens.review import ReviewScreen

        app = TandemApp(path, "robert")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: on_documents(app))
            await pilot.press("g")
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
            await pilot.press("escape", "escape")
            await until(pilot, lambda: on_documents(app))
            await pilot.press("v")
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            assert app.screen.document_id == 1

    run(scenario)
