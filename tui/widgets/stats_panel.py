"""The desk in numbers as small charts: what workflow.desk_stats computed, only shown here.

Series over time (articles and Korean words per day, each translator's effort per week) are columns
of block characters two rows high, drawn here rather than by Textual's Sparkline or textual-plotext:
Sparkline measures from the series' own minimum and fills the row for a single value, so a week with
0% effort would read as the worst one, and plotext is a dependency and start-up cost for a few bars.
Columns stand on zero, and one translator's weeks are drawn on the same scale as another's.
Comparisons between people and between checks are horizontal bars, a row each, names padded by
terminal cells (Hangul is wide). Both are cut to the widget's width each time they are drawn.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Label, Static

from tui.cells import first_words
from workflow.i18n import _, format_locale, format_number, format_percent

EIGHTHS = " ▏▎▍▌▋▊▉"
EIGHTHS_UP = " ▁▂▃▄▅▆▇█"
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
    StatsPanel .stats-row Columns {
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
                Columns(values),
                Label(format_number(total), classes="stats-total").set_styles(f"width: {totals};"),
                classes="stats-row")
        yield _axis(day_text(stats.days[0].day), day_text(stats.days[-1].day), first + 2 + second, totals + 1)
        if stats.people:
            yield Label(_("Signed off per person"), classes="stats-heading")
            yield BarChart([(p.name, p.translated + p.edited, _person_figures(p)) for p in stats.people])
        if stats.effort:
            yield Label(_("Post-editing effort per week (share of words the editors changed)"), classes="stats-heading")
            names = max(min(cell_len(t.name), NAME_CELLS) for t in stats.effort)
            worst = max(w.ratio for t in stats.effort for w in t.weeks)
            # One time line for everyone: a week without a finished article of theirs is a gap.
            weeks = sorted({w.week for t in stats.effort for w in t.weeks})
            figures = [_effort_figures(t) for t in stats.effort]
            room = max(map(cell_len, figures))
            for translator, text in zip(stats.effort, figures):
                ratios = {w.week: w.ratio for w in translator.weeks}
                yield Horizontal(
                    Label(first_words(translator.name, NAME_CELLS)).set_styles(f"width: {names + 1};"),
                    Columns([ratios.get(week) for week in weeks], most=worst),
                    Label(text, classes="stats-total").set_styles(f"width: {room};"),
                    classes="stats-row")
            yield _axis(day_text(weeks[0]), day_text(weeks[-1]), names + 2, room + 1)
        if stats.dismissed:
            yield Label(_("Findings dismissed per check"), classes="stats-heading")
            yield BarChart([(d.check, d.count, format_number(d.count)) for d in stats.dismissed])


def _axis(first: str, last: str, left: int, right: int) -> Horizontal:
    """The first and last day under a row of columns that starts `left` cells in."""
    axis = Horizontal(Label(first, classes="stats-axis"),
                      Label(last if last != first else "", classes="stats-axis stats-total").set_styles("width: 1fr;"))
    axis.styles.height = 1
    axis.styles.padding = (0, right, 0, left)
    return axis


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
    return _("{ratio} of {words} words").format(ratio=format_percent(translator.ratio),
                                                words=format_number(translator.words))


class Columns(Widget):
    """Values as columns two rows high, from zero to `most` (else the largest value), spread over
    the widget's width; where there are more values than cells, a cell shows the largest it holds."""

    DEFAULT_CSS = """
    Columns {
        height: 2;
        color: $primary;
    }
    """

    def __init__(self, values: list[float | None], *, most: float | None = None) -> None:
        """A None is a gap: nothing to measure there, which is not zero."""
        super().__init__()
        self.values = values
        self.most = max((v for v in values if v is not None), default=0) if most is None else most

    def render(self) -> Text:
        width, values = self.size.width, self.values
        if not values or width <= 0:
            return Text()
        n = len(values)
        top, bottom = Text(no_wrap=True), Text(no_wrap=True)
        for x in range(width):
            held = [v for v in values[x * n // width: max((x + 1) * n // width, x * n // width + 1)] if v is not None]
            if not held:
                top.append(" ")
                bottom.append(" ")
                continue
            value = max(held)
            level = 0 if value <= 0 or self.most <= 0 else max(1, round(value / self.most * 16))
            top.append(EIGHTHS_UP[max(level - 8, 0)])
            bottom.append(EIGHTHS_UP[min(level, 8)] if level else "▁", style="" if level else "dim")
        return Text("\n").join([top, bottom])


class BarChart(Widget):
    """Rows of (name, value, figures): a bar each, as long as the value is of the largest, cut to the
    widget's width whenever it is drawn."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
    }
    """

    def __init__(self, rows: list[tuple[str, float, str]]) -> None:
        super().__init__()
        self.rows = rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows)

    def render(self) -> Text:
        rows, width = self.rows, self.size.width
        most = max((value for _name, value, _figures in rows), default=0)
        names = [first_words(name, NAME_CELLS) for name, _value, _figures in rows]
        name_cells = max(map(cell_len, names), default=0)
        figures_cells = min(max((cell_len(f) for _n, _v, f in rows), default=0), FIGURES_ROOM)
        room = max(width - name_cells - figures_cells - 3, MIN_BAR_CELLS)
        lines = Text(no_wrap=True, overflow="ellipsis")
        for i, (name, (_name, value, figures)) in enumerate(zip(names, rows)):
            drawn = bar(value, most, room)
            lines.append(name + " " * (name_cells - cell_len(name) + 1))
            lines.append(drawn, style="bold")
            lines.append(" " * (room - cell_len(drawn) + 2))
            lines.append(first_words(figures, max(width - name_cells - room - 3, 1)), style="dim")
            if i < len(rows) - 1:
                lines.append("\n")
        return lines
