"""The desk in numbers as small charts: what workflow.desk_stats computed, only shown here.

Series over time (articles and Korean words per day, each translator's effort per week) are Textual's
own Sparklines: a trend at a glance costs no extra dependency or start-up time. Comparisons between
people and between checks are horizontal bars of block characters, a row each, names padded by
terminal cells (Hangul is wide) and the bars re-cut to the panel's width when it changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Sparkline, Static

from tui.cells import first_words
from workflow.i18n import _, format_locale, format_number, format_percent

EIGHTHS = " ▏▎▍▌▋▊▉"
NAME_CELLS = 22  # the most a name or a check id takes before it is cut
FIGURES_ROOM = 34  # what the figures after a bar need, at most, before the bar gets the rest
MIN_BAR_CELLS = 6


def bar(value: float, most: float, width: int) -> str:
    """`value` of `most` as a bar of `width` cells at most, to an eighth of a cell."""
    if most <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    return "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def day_text(day: date, width: str = "medium") -> str:
    from babel.dates import format_date

    return format_date(day, format=width, locale=format_locale())


class StatsPanel(VerticalScroll):
    """Shows one DeskStats (ws.stats.desk()); `show` again to replace it."""

    DEFAULT_CSS = """
    StatsPanel {
        padding: 0 1;
    }
    StatsPanel #stats-body {
        height: auto;
    }
    StatsPanel .stats-heading {
        margin-top: 1;
        text-style: bold;
    }
    StatsPanel .stats-row {
        height: 2;
    }
    StatsPanel .stats-row Label {
        height: 2;
    }
    StatsPanel .stats-row Sparkline {
        width: 1fr;
        height: 2;
        margin: 0 1;
    }
    StatsPanel .stats-axis {
        color: $text-muted;
    }
    StatsPanel .stats-total {
        text-align: right;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stats: Any = None

    def compose(self) -> ComposeResult:
        yield Static(_("Counting…"), id="stats-summary", markup=False)
        yield Vertical(id="stats-body")

    def show(self, stats: Any) -> None:
        self.stats = stats
        self.query_one("#stats-summary", Static).update(Text(stats.summary, style="bold"))
        body = self.query_one("#stats-body", Vertical)
        body.remove_children()
        body.mount_all(list(self._charts(stats)))
        self._bars()

    def on_resize(self) -> None:
        if self.stats is not None:
            self._bars()

    # building ----------------------------------------------------------------------------------

    def _charts(self, stats: Any):
        if not stats.days:
            yield Static(_("Nothing imported or signed off in this period."), markup=False)
            return
        yield Label(_("Per day"), classes="stats-heading")
        series = [
            (_("Imported"), _("articles"), [d.imported for d in stats.days], stats.imported),
            ("", _("Korean words"), [d.imported_words for d in stats.days], sum(d.imported_words for d in stats.days)),
            (_("Finished"), _("articles"), [d.finished for d in stats.days], stats.finished),
            ("", _("Korean words"), [d.finished_words for d in stats.days], sum(d.finished_words for d in stats.days)),
        ]
        first = max(cell_len(s[0]) for s in series)
        second = max(cell_len(s[1]) for s in series)
        totals = max(cell_len(format_number(s[3])) for s in series)
        for head, unit, values, total in series:
            yield Horizontal(
                Label(head, classes="stats-head").set_styles(f"width: {first + 1};"),
                Label(unit).set_styles(f"width: {second};"),
                Sparkline(values),
                Label(format_number(total), classes="stats-total").set_styles(f"width: {totals};"),
                classes="stats-row")
        axis = Horizontal(Label(day_text(stats.days[0].day), classes="stats-axis"),
                          Label(day_text(stats.days[-1].day), classes="stats-axis stats-total").set_styles("width: 1fr;"),
                          classes="stats-axis-row")
        axis.styles.height = 1
        axis.styles.padding = (0, totals + 1, 0, first + 2 + second)
        yield axis
        if stats.people:
            yield Label(_("Signed off per person"), classes="stats-heading")
            yield Static(id="stats-people", markup=False)
        if stats.effort:
            yield Label(_("Post-editing effort per week (words the editors changed)"), classes="stats-heading")
            names = max(min(cell_len(t.name), NAME_CELLS) for t in stats.effort)
            for translator in stats.effort:
                weeks = translator.weeks
                yield Horizontal(
                    Label(first_words(translator.name, NAME_CELLS)).set_styles(f"width: {names + 1};"),
                    Sparkline([w.ratio for w in weeks]),
                    Label(_effort_figures(translator), classes="stats-total").set_styles("width: auto;"),
                    classes="stats-row")
        if stats.dismissed:
            yield Label(_("Findings dismissed per check"), classes="stats-heading")
            yield Static(id="stats-dismissed", markup=False)

    def _bars(self) -> None:
        """The people's and the checks' bars, cut to the width there is now."""
        stats = self.stats
        width = self.scrollable_content_region.width or self.size.width
        people = self.query("#stats-people")
        if people:
            most = max(p.translated + p.edited for p in stats.people)
            people.first(Static).update(_bar_lines(
                [(p.name, p.translated + p.edited, _person_figures(p)) for p in stats.people], most, width))
        dismissed = self.query("#stats-dismissed")
        if dismissed:
            most = max(d.count for d in stats.dismissed)
            dismissed.first(Static).update(_bar_lines(
                [(d.check, d.count, format_number(d.count)) for d in stats.dismissed], most, width))


def _person_figures(person: Any) -> str:
    parts = []
    if person.translated:
        parts.append(_("translated {articles} ({words} words)").format(
            articles=format_number(person.translated), words=format_number(person.translated_words)))
    if person.edited:
        parts.append(_("edited {articles} ({words} words)").format(
            articles=format_number(person.edited), words=format_number(person.edited_words)))
    return " · ".join(parts)


def _effort_figures(translator: Any) -> str:
    last = translator.weeks[-1]
    return _("{ratio} in all; {last} the week of {week}").format(
        ratio=format_percent(translator.ratio), last=format_percent(last.ratio), week=day_text(last.week, "short"))


def _bar_lines(rows: list[tuple[str, float, str]], most: float, width: int) -> Text:
    names = [first_words(name, NAME_CELLS) for name, _value, _figures in rows]
    name_cells = max(cell_len(n) for n in names)
    figures_cells = min(max(cell_len(f) for _n, _v, f in rows), FIGURES_ROOM)
    room = max(width - name_cells - figures_cells - 4, MIN_BAR_CELLS)
    lines = Text()
    for i, (name, (_name, value, figures)) in enumerate(zip(names, rows)):
        drawn = bar(value, most, room)
        lines.append(name + " " * (name_cells - cell_len(name) + 1))
        lines.append(drawn, style="bold")
        lines.append(" " * (room - cell_len(drawn) + 2))
        lines.append(first_words(figures, max(width - name_cells - room - 3, 1)), style="dim")
        if i < len(rows) - 1:
            lines.append("\n")
    return lines
