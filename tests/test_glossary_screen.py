"""The glossary screen, driven headless on the demo workspace: browse, search, propose, decide, edit,
history and impact, each checked against a fresh Workspace on the same file; and two screenshots.

Screenshots are deterministic by construction: the demo glossary is imported under a frozen clock,
history times are shown in UTC, and the search box is not focused (no blinking cursor).
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from datetime import UTC
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Static

import tui.widgets.term_labels as term_labels
import workflow.glossary
from glossaries.model import Term, TermStatus
from tui_helpers import run, until
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.glossary import GlossaryScreen
from tui.widgets.term_decision import TermDecision
from tui.widgets.term_detail import TermDetail, TermDetails, failing_line, impact
from tui.widgets.term_form import TermForm
from tui.widgets.term_table import TermTable
from workflow.demo import prepare_demo
from workflow.models import SegmentState, TermImpact, TermOccurrence
from workflow.workspace import Workspace

SIZE = (120, 36)
FROZEN = "2025-03-14T09:30:00.000+00:00"
BOWI = "보위지도원"


def plain(renderable: object, width: int = 200) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def screen(app: TandemApp) -> GlossaryScreen:
    assert isinstance(app.screen, GlossaryScreen)
    return app.screen


def table(app: TandemApp) -> TermTable:
    return screen(app).query_one(TermTable)


def detail_for(app: TandemApp, ko: str) -> bool:
    details = screen(app).query_one(TermDetail).details
    return details is not None and details.term.ko == ko


async def open_glossary(pilot: Pilot) -> None:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                and app.screen.query_one(DataTable).row_count > 0)
    app.push_screen(GlossaryScreen(app.session))
    await until(pilot, lambda: table(app).row_count > 0 and "terms" in status_line(app))


def status_line(app: TandemApp) -> str:
    return str(screen(app).query_one("#glossary-status", Static).content)


async def highlight(pilot: Pilot, ko: str) -> None:
    terms = table(pilot.app)
    row = next(i for i, term in enumerate(terms.terms) if term.ko == ko)
    terms.move_cursor(row=row)
    await until(pilot, lambda: detail_for(pilot.app, ko))


def scenario(path: Path, user: str, body: Callable[[TandemApp, Pilot], Awaitable[None]]) -> None:
    async def go() -> None:
        app = TandemApp(path, user)
        async with app.run_test(size=SIZE) as pilot:
            await open_glossary(pilot)
            await body(app, pilot)

    run(go)


def fresh(path: Path) -> Workspace:
    return Workspace.open(path, create=False)


def offered(app: TandemApp) -> set[str]:
    return {active.binding.action for active in app.screen.active_bindings.values()}


# browsing ------------------------------------------------------------------------------


def test_the_list_shows_every_sample_term(demo: Path) -> None:
    async def body(app: TandemApp, pilot: Pilot) -> None:
        terms = table(app)
        assert terms.row_count == 16
        assert str(terms.get_cell("1", "ko")) == BOWI
        assert str(terms.get_cell("1", "mark")) == "✦"
        assert str(terms.get_cell("14", "en")) == "Kang Dong Wan"
        # Long variant lists are cut to the column, never wrapped or run past it.
        admitted = str(terms.get_cell("3", "admitted"))
        assert admitted.startswith("Workers'") and admitted.endswith("…")
        assert len(admitted) <= terms.columns["admitted"].width
        assert status_line(app).startswith("16 terms")

    scenario(demo, "minji", body)


def test_typing_in_the_search_narrows_the_list(demo: Path) -> None:
    async def body(app: TandemApp, pilot: Pilot) -> None:
        await pilot.press("slash")
        assert screen(app).query_one("#term-search", Input).has_focus
        await pilot.press(*"보위")
        await until(pilot, lambda: table(app).row_count == 1)
        assert [t.ko for t in table(app).terms] == [BOWI]
        assert "matching “보위”" in status_line(app)
        await until(pilot, lambda: detail_for(app, BOWI))
        # English forms are searched too, and escape leaves the box before it leaves the screen.
        screen(app).query_one("#term-search", Input).value = "WPK"
        await until(pilot, lambda: [t.ko for t in table(app).terms] == ["노동당"])
        await pilot.press("escape")
        assert table(app).has_focus and isinstance(app.screen, GlossaryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DocumentsScreen)

    scenario(demo, "david", body)


def test_the_status_filter_lists_only_that_status(demo: Path) -> None:
    with fresh(demo) as workspace:
        workspace.glossary.propose(Term("공작원", "agent"), by="david", reason="in the next story")

    async def body(app: TandemApp, pilot: Pilot) -> None:
        await pilot.press("s")  # all -> proposed
        await until(pilot, lambda: [t.ko for t in table(app).terms] == ["공작원"])
        assert str(table(app).get_cell("17", "mark")) == "?"
        assert status_line(app).startswith("1 term proposed")

    scenario(demo, "minji", body)


# proposing and deciding ------------------------------------------------------------------


def test_a_translator_proposes_through_the_form_and_cannot_approve(demo: Path) -> None:
    async def body(app: TandemApp, pilot: Pilot) -> None:
        assert {"propose", "search", "refresh", "back"} <= offered(app)
        assert not offered(app) & {"add", "edit", "approve", "reject", "deprecate"}
        assert screen(app).check_action("approve", ()) is False
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, TermForm))
        form = app.screen
        values = {"#ko": "공작원", "#en": "agent", "#en-variants": "agents | operative",
                  "#en-forbidden": "spy", "#domain": "security", "#reason": "in the next story"}
        for selector, value in values.items():
            form.query_one(selector, Input).value = value
        await pilot.click("#save")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                    and any(t.ko == "공작원" for t in table(app).terms))
        assert table(app).highlighted().ko == "공작원"

    scenario(demo, "david", body)
    with fresh(demo) as workspace:
        term = next(t for t in workspace.glossary.terms() if t.ko == "공작원")
        assert term.status is TermStatus.PROPOSED
        assert term.en_variants == ("agents", "operative") and term.en_forbidden == ("spy",)
        [revision] = workspace.glossary.history(term.id)
        assert (revision.author, revision.reason) == ("david", "in the next story")


def test_a_terminologist_approves_a_proposal(demo: Path) -> None:
    with fresh(demo) as workspace:
        proposed = workspace.glossary.propose(Term("공작원", "agent"), by="david")

    async def body(app: TandemApp, pilot: Pilot) -> None:
        assert "propose" not in offered(app)
        await highlight(pilot, BOWI)
        # Approving needs a proposal: offered, but not for an approved term.
        assert screen(app).check_action("approve", ()) is None
        await highlight(pilot, "공작원")
        assert {"add", "edit", "approve", "reject", "deprecate"} <= offered(app)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TermDecision))
        app.screen.query_one("#reason", Input).value = "house style since March"
        await pilot.click("#decide")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                    and str(table(app).get_cell(str(proposed.id), "mark")) == "✦")

    scenario(demo, "minji", body)
    with fresh(demo) as workspace:
        assert workspace.glossary.term(proposed.id).status is TermStatus.APPROVED
        last = workspace.glossary.history(proposed.id)[-1]
        assert (last.author, last.reason, last.term.status) == ("minji", "house style since March",
                                                                 TermStatus.APPROVED)


def test_rejecting_without_a_reason_is_refused_inside_the_dialog(demo: Path) -> None:
    with fresh(demo) as workspace:
        proposed = workspace.glossary.propose(Term("공작원", "agent"), by="david")

    async def body(app: TandemApp, pilot: Pilot) -> None:
        await highlight(pilot, "공작원")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, TermDecision))
        await pilot.click("#decide")
        error = app.screen.query_one("#decision-error", Static)
        assert error.display and "Say why you reject it" in str(error.content)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen))

    scenario(demo, "minji", body)
    with fresh(demo) as workspace:
        assert workspace.glossary.term(proposed.id).status is TermStatus.PROPOSED


# editing -------------------------------------------------------------------------------


def test_editing_a_term_with_a_reason_adds_a_revision(demo: Path) -> None:
    async def body(app: TandemApp, pilot: Pilot) -> None:
        await highlight(pilot, BOWI)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, TermForm))
        form = app.screen
        assert form.query_one("#en", Input).value == "security guidance officer"
        assert form.query_one("#en-forbidden", Input).value == "security guard | security agent"
        form.query_one("#en-variants", Input).value = "security guidance officers"
        await pilot.click("#save")  # no reason yet: refused, inside the form
        assert "Say why" in str(form.query_one("#term-error", Static).content)
        form.query_one("#reason", Input).value = "plural admitted"
        form.query_one("#case-sensitive", Checkbox).value = True
        form.query_one("#reason", Input).focus()
        await pilot.press("enter")  # Enter in any field saves, as the button does
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen) and detail_for(app, BOWI)
                    and len(screen(app).query_one(TermDetail).details.history) == 2)
        shown = plain(screen(app).query_one("#term-history", Static).content)
        assert shown.index("plural admitted") < shown.index("imported from glossary-nk-news.csv")

    scenario(demo, "minji", body)
    with fresh(demo) as workspace:
        term = workspace.glossary.term(1)
        assert term.en_variants == ("security guidance officers",) and term.case_sensitive
        assert term.en_forbidden == ("security guard", "security agent")  # untouched fields kept
        last = workspace.glossary.history(1)[-1]
        assert (last.author, last.reason) == ("minji", "plural admitted")


def test_one_rendering_per_article_is_a_checkbox_of_the_form_that_fits_80_columns(demo: Path) -> None:
    workers = "해외 노동자"

    async def go() -> None:
        app = TandemApp(demo, "minji")
        async with app.run_test(size=(80, 24)) as pilot:
            await open_glossary(pilot)
            await highlight(pilot, workers)
            shown = plain(screen(app).query_one("#term-fields", Static).content)
            assert "One rendering    yes, per article" in shown  # the demo's one marked term
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, TermForm))
            form = app.screen
            box = form.query_one("#term-box").content_region
            for flag in ("#case-sensitive", "#one-rendering"):  # each on one line, inside the dialog
                checkbox = form.query_one(flag, Checkbox)
                assert checkbox.region.height == 1 and checkbox.region.right <= box.right
                assert checkbox.region.width >= len(str(checkbox.label))
            one = form.query_one("#one-rendering", Checkbox)
            assert one.value is True and "One rendering per article" in str(one.label)
            assert form.query_one("#save").region.bottom <= box.bottom  # no scrolling to reach Save
            one.value = False
            form.query_one("#reason", Input).value = "either order reads well"
            await pilot.click("#save")
            await until(pilot, lambda: isinstance(app.screen, GlossaryScreen) and detail_for(app, workers)
                        and len(screen(app).query_one(TermDetail).details.history) == 2)
            assert "One rendering    no" in plain(screen(app).query_one("#term-fields", Static).content)

    run(go)
    with fresh(demo) as workspace:
        term = next(t for t in workspace.glossary.terms() if t.ko == workers)
        assert term.one_rendering is False and term.case_sensitive is False
        assert [r.term.one_rendering for r in workspace.glossary.history(term.id)] == [True, False]


def test_a_new_term_can_ask_for_one_rendering_per_article(demo: Path) -> None:
    async def body(app: TandemApp, pilot: Pilot) -> None:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, TermForm))
        form = app.screen
        assert form.query_one("#one-rendering", Checkbox).value is False  # off unless asked for
        form.query_one("#ko", Input).value = "장마당"
        form.query_one("#en", Input).value = "jangmadang"
        form.query_one("#en-variants", Input).value = "market"
        form.query_one("#one-rendering", Checkbox).value = True
        await pilot.click("#save")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen)
                    and any(t.ko == "장마당" for t in table(app).terms))

    scenario(demo, "minji", body)
    with fresh(demo) as workspace:
        term = next(t for t in workspace.glossary.terms() if t.ko == "장마당")
        assert (term.en_variants, term.one_rendering, term.case_sensitive) == (("market",), True, False)


# history and impact ----------------------------------------------------------------------


def test_the_detail_pane_shows_history_and_impact(demo: Path) -> None:
    async def body(app: TandemApp, pilot: Pilot) -> None:
        await highlight(pilot, BOWI)
        pane = screen(app).query_one(TermDetail)
        fields = plain(pane.query_one("#term-fields", Static).content)
        assert "security guard | security agent" in fields and "Ministry of State Security" in fields
        history = plain(pane.query_one("#term-history", Static).content)
        assert "minji (terminologist)" in history and "✦ approved" in history
        heading = str(pane.query_one("#impact-head", Static).content)
        assert heading == "Impact: 1 occurrence in 1 document"
        shown = plain(pane.query_one("#term-impact", Static).content)
        assert "Document 1  북한, 러시아" in shown
        assert "segment 16  ✎ draft  …있으며, 보위지도원들을 동원해…" in shown
        assert "✗ lacks “security guidance officer”\n    ✗ uses forbidden “security guards”" in shown
        assert not pane.query_one("#term-alert").display  # nothing approved fails
        await pilot.press("enter")  # into the pane, to scroll it; escape comes back to the list
        assert pane.has_focus
        await pilot.press("escape")
        assert table(app).has_focus and isinstance(app.screen, GlossaryScreen)

    scenario(demo, "david", body)


def test_approved_segments_that_now_fail_are_called_out() -> None:
    term = Term(BOWI, "security guidance officer", id=1)
    failing = TermOccurrence(1, 3, SegmentState.APPROVED, (0, 5), BOWI, False, ())
    passing = TermOccurrence(1, 4, SegmentState.APPROVED, (0, 5), BOWI, True, ())
    found = TermImpact(term, [failing, passing])
    details = TermDetails(term, [], found, {1: "Article"}, {})
    assert str(failing_line(found)) == "! 1 approved segment now fails this term: document 1 segment 3"
    lines = plain(impact(details)).splitlines()
    assert lines[1:] == [f"! segment 3  ✦ approved  {BOWI}", "    ✗ lacks “security guidance officer”",
                         f"  segment 4  ✦ approved  {BOWI}", "    ✓ ok"]


# screenshots ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_glossary_screen(snap_compare, tmp_path: Path, monkeypatch, size: tuple[int, int]) -> None:
    monkeypatch.setattr(workflow.glossary, "now", lambda: FROZEN)
    monkeypatch.setattr(term_labels, "ZONE", UTC)
    app = TandemApp(prepare_demo(tmp_path / "w.db").path, "minji")

    async def bowi_highlighted(pilot: Pilot) -> None:
        await open_glossary(pilot)
        await highlight(pilot, BOWI)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=bowi_highlighted)
