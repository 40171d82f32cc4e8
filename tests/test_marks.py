"""The segment widgets on their own (Pilot): finding marks in the English and the Korean, the
English editor's edit helpers, and ctrl+r's picker."""

from __future__ import annotations

from conftest import SAMPLE
from textual.app import App, ComposeResult
from tui_helpers import run

from glossaries.csv_io import read_csv
from glossaries.index import GlossaryIndex
from tui.widgets.segment_texts import EnglishEditor, KoreanView
from tui.widgets.term_picker import TermPicker
from workflow.checks import Severity
from workflow.term_insertion import Edit, choices

TEXT = "Workers were sent home by security guards\nand 외화벌이 funds."


class Texts(App[None]):
    def compose(self) -> ComposeResult:
        yield KoreanView(id="ko")
        yield EnglishEditor(id="en")


def styles_at(line, column: int):
    """The rich styles covering one cell of a rendered line (a list of Segments)."""
    x = 0
    for segment in line:
        if x <= column < x + len(segment.text):
            return segment.style
        x += len(segment.text)
    return None


def test_finding_spans_are_marked_without_colour_and_follow_typing() -> None:
    async def scenario() -> None:
        app = Texts()
        async with app.run_test(size=(80, 24)) as pilot:
            box = app.query_one(EnglishEditor)
            box.load_text(TEXT)
            guards = TEXT.index("security guards")
            korean = TEXT.index("외화벌이")
            box.mark_spans([(guards, guards + 15, Severity.ERROR), (korean, korean + 4, "warning")])
            await pilot.pause()
            assert box.text == TEXT
            names = {h[2] for row in box._highlights.values() for h in row}
            assert {"tandem.finding.error", "tandem.finding.warning"} <= names
            line = list(box.render_line(0))
            error = styles_at(line, guards + 2)
            assert error is not None and error.reverse and error.underline
            plain = styles_at(line, 2)
            assert plain is None or not plain.underline
            second = list(box.render_line(1))
            warning = styles_at(second, 4 + 2)  # "and " then the Hangul (two cells a syllable)
            assert warning is not None and warning.underline and not warning.reverse
            # Typing before a mark carries it along with its words.
            box.move_cursor((0, 0))
            await pilot.press("A", "space")
            assert box.marks[0][:2] == (guards + 2, guards + 17)
            assert box.text[box.marks[0][0]:box.marks[0][1]] == "security guards"
            # Replacing the marked words whole takes the mark away.
            start, end, _ = box.marks[0]
            assert box.apply_edit(Edit(start, end, "security guidance officers", start + 26))
            assert [m[:2] for m in box.marks] == [(korean + 2 + 11, korean + 2 + 11 + 4)]

            ko = app.query_one(KoreanView)
            ko.show("보위지도원들을 동원해", findings=[(0, 5, Severity.ERROR), (8, 10, Severity.WARNING)])
            spans = {(s.start, s.end): str(s.style) for s in ko.visual.spans}
            assert "reverse" in spans[(0, 5)] and "underline" in spans[(0, 5)]
            assert "underline" in spans[(8, 10)] and "reverse" not in spans[(8, 10)]

    run(scenario)


def test_apply_edit_is_one_undo_step_and_leaves_nothing_selected() -> None:
    async def scenario() -> None:
        app = Texts()
        async with app.run_test(size=(80, 24)) as pilot:
            box = app.query_one(EnglishEditor)
            box.load_text("sent home by their employers.")
            box.focus()
            start = box.text.index("employers")
            box.select_span((start, start + 9))
            assert box.selection_span == (start, start + 9)
            assert box.apply_edit(Edit(start, start + 9, "workplace", start + 9))
            await pilot.pause()
            assert box.text == "sent home by their workplace."
            assert box.selection_span is None and box.cursor_offset == start + 9
            box.move_to_offset(4)
            assert box.cursor_offset == 4
            await pilot.press("ctrl+z")
            assert box.text == "sent home by their employers."

    run(scenario)


class PickerHost(App[None]):
    def __init__(self, picker: TermPicker) -> None:
        super().__init__()
        self.picker = picker
        self.result: object = "unset"

    def on_mount(self) -> None:
        self.push_screen(self.picker, self.keep)

    def keep(self, result: object) -> None:
        self.result = result


KO6 = '북한 당국으로부터 "외화벌이를 통한 로동당의 자금 확보에 장애가 되는 환자들"을 귀국시키라는 지시'
EN6 = "an obstacle to the Labor Party’s acquiring of funds through 외화벌이 activities.”"


def test_the_picker_offers_the_nearest_term_first_and_enter_picks() -> None:
    uses = GlossaryIndex(read_csv(SAMPLE / "glossary-nk-news.csv")).analyse(KO6, EN6)
    offered = choices(uses, EN6, EN6.index("Labor"))
    assert len(offered) == 7

    async def pick(keys: tuple[str, ...]) -> object:
        app = PickerHost(TermPicker(offered))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TermPicker)
            box = screen.query_one(".dialog-box")
            assert box.region.width <= 80 and box.region.height <= 24
            rendered = "\n".join(str(o.prompt) for o in screen.query_one("OptionList")._options)
            assert "로동당 → Workers’ Party" in rendered and "replaces “Labor Party”" in rendered
            await pilot.press(*keys)
            await pilot.pause()
            return app.result

    picked = asyncio_run(pick(("enter",)))
    assert picked is offered[0] and offered[0].use.term.ko == "노동당"
    assert asyncio_run(pick(("down", "down", "down", "enter"))) is offered[3]
    assert asyncio_run(pick(("escape",))) is None


def asyncio_run(coro):
    import asyncio

    return asyncio.run(coro)


class Panels(App[None]):
    def compose(self) -> ComposeResult:
        from tui.widgets.panels import FindingsPanel, GlossaryPanel

        yield GlossaryPanel(id="glossary")
        yield FindingsPanel(id="findings")


KO14 = "번 돈을 모두 조국에 바쳤는데, 이제 와서 조국은 사업소에 10달러도 못 준다"
EN14 = "giving all their money to the motherland. But now the state refuses to give even 10 dollars"


def test_each_term_is_listed_once_and_dismissed_findings_leave_every_count() -> None:
    from dataclasses import replace

    from tui.widgets.panels import FindingsPanel, GlossaryPanel
    from workflow.checks import Finding, TermRef
    from workflow.findings import FindingView
    from workflow.models import Dismissal

    terms = [replace(t, id=n) for n, t in enumerate(read_csv(SAMPLE / "glossary-nk-news.csv"), start=1)]
    uses = GlossaryIndex(terms).analyse(KO14, EN14)
    fatherland = next(u.term for u in uses if u.term.ko == "조국")
    workplace = next(u.term for u in uses if u.term.ko == "사업소")
    forbidden = Finding("term.forbidden", Severity.ERROR, 14, "“motherland” is forbidden for 조국; use “fatherland”",
                        (8, 10), (29, 39), TermRef(fatherland.id, "조국", "fatherland", "motherland"))
    missing = Finding("term.missing", Severity.WARNING, 14, "사업소 should be rendered “workplace”", (33, 36), None,
                      TermRef(workplace.id, "사업소", "workplace", "사업소"))
    by_robert = Dismissal("robert", "house style here", "2024-01-01")
    views = [FindingView(forbidden, None), FindingView(replace(forbidden, source_span=(25, 27)), None),
             FindingView(missing, by_robert)]

    async def scenario() -> None:
        app = Panels()
        async with app.run_test(size=(80, 24)) as pilot:
            findings, glossary = app.query_one(FindingsPanel), app.query_one(GlossaryPanel)
            findings.show(views)
            glossary.show(uses, dismissed_terms=findings.dismissed_terms)
            await pilot.pause()
            # One line for the one "motherland", none for the dismissed 사업소; the list and its
            # views stay aligned, so Enter on line k is views[k].
            assert [v.finding.check for v in findings.views] == ["term.forbidden"]
            assert findings.option_count == 1 and findings.border_title.endswith("E1")
            assert [v.finding.check for v in findings.dismissed] == ["term.missing"]
            assert findings.dismissed_terms == {workplace.id: "robert"}
            # 조국 twice in the Korean: one entry with its count; 사업소 dismissed: not to fix.
            assert [u.term.ko for u in glossary.uses] == ["조국", "사업소"] and glossary.counts == [2, 1]
            assert glossary.border_title.endswith("1 to fix")
            prompts = [str(glossary.get_option_at_index(i).prompt) for i in range(glossary.option_count)]
            assert "×2" in prompts[0] and "✗" in prompts[0]
            assert "dismissed by robert" in prompts[1] and "✗" not in prompts[1]
            glossary.highlighted = None
            assert glossary.chosen().term.ko == "조국"
            # With nothing dismissed, both count again.
            glossary.show(uses)
            assert glossary.border_title.endswith("2 to fix")

    run(scenario)
