"""The review screen's segment list: one DataTable row per segment (it draws only the rows in view).

Columns: index, state mark, words changed / words since the chosen base, open check findings
(E errors, W warnings, D dismissals), an open-query mark, and the start of the current English, cut
by cells to what the table's width leaves. A filter may show some segments only: rows are keyed by
segment index, so the cursor and every update go by index, never by row number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable

from tui.cells import first_words
from tui.widgets.segment_list import mark_and_style
from workflow.i18n import _
from workflow.models import SegmentReport

COLUMNS = ("index", "state", "edits", "findings", "queries", "english")
FINDINGS_WIDTH = 5  # "E1W2" fits; more is summarised
QUERY_MARK = "?"
MIN_ENGLISH = 12


def edits_cell(report: SegmentReport) -> Text:
    # Dim when untouched, so the eye finds the segments the editor changed.
    return Text(f"{report.changed}/{report.words}", justify="right", style="" if report.changed else "dim")


def findings_cell(errors: int, warnings: int, dismissed: int) -> Text:
    # Letters and counts, not colour alone: E errors, W warnings, D dismissed (open ones first).
    cell = Text()
    for mark, count, style in (("E", errors, "bold red"), ("W", warnings, "yellow"), ("D", dismissed, "dim")):
        if count and cell.cell_len + len(f"{mark}{count}") <= FINDINGS_WIDTH:
            cell.append(f"{mark}{count}" if count < 10 else f"{mark}+", style=style)
    return cell


Counts = tuple[int, int, int]  # open errors, open warnings, dismissed


def queries_cell(open_queries: int) -> Text:
    if not open_queries:
        return Text("")
    return Text(QUERY_MARK + (str(open_queries) if open_queries > 1 else ""), style="bold yellow")


def review_row(report: SegmentReport, open_queries: int, english_cells: int,
               findings: Counts = (0, 0, 0)) -> tuple[Text, ...]:
    # Text cells: a plain str cell would be read as markup, and articles hold [brackets].
    return (
        Text(str(report.index), justify="right"),
        Text(*mark_and_style(report.state, report.conflict, report.locked)),
        edits_cell(report),
        findings_cell(*findings),
        queries_cell(open_queries),
        Text(first_words(report.text, english_cells)),
    )


class ReviewList(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.english_cells = 0
        self.indexes: list[int] = []  # the segment index of each row, in order

    def _widths(self, reports: Sequence[SegmentReport]) -> tuple[int, int, int]:
        index = max(2, len(str(len(reports))))
        edits = max([5, *(len(f"{r.changed}/{r.words}") for r in reports)])
        # Each column is padded a cell either side; 2 more for the scrollbar.
        fixed = (index + 2) + (2 + 2) + (edits + 2) + (FINDINGS_WIDTH + 2) + (2 + 2) + 2 + 2
        return index, edits, max(MIN_ENGLISH, self.size.width - fixed)

    def fill(self, reports: Sequence[SegmentReport], queries: Mapping[int, int], *, cursor: int = 1,
             findings: Mapping[int, Counts] | None = None, keep: Callable[[int], bool] | None = None) -> None:
        """Every row in one go (columns sized to the table's width), the cursor on segment `cursor`
        (or the nearest shown after it). `keep`: the segment indexes the filter shows (all if None)."""
        index, edits, self.english_cells = self._widths(reports)
        self.clear(columns=True)
        self.add_column("#", key="index", width=index)
        self.add_column(_("St"), key="state", width=2)
        self.add_column(_("Edits"), key="edits", width=edits)
        self.add_column(_("Chk"), key="findings", width=FINDINGS_WIDTH)
        self.add_column(_("Q"), key="queries", width=2)
        self.add_column(_("English"), key="english", width=self.english_cells)
        findings = findings or {}
        self.indexes = [r.index for r in reports if keep is None or keep(r.index)]
        shown = set(self.indexes)
        for report in reports:
            if report.index in shown:
                self.add_row(*review_row(report, queries.get(report.index, 0), self.english_cells,
                                         findings.get(report.index, (0, 0, 0))), key=str(report.index))
        if self.indexes:
            self.show_index(next((i for i in self.indexes if i >= cursor), self.indexes[-1]))

    def fits(self, reports: Sequence[SegmentReport]) -> bool:
        return self._widths(reports)[2] == self.english_cells

    def update_row(self, report: SegmentReport, open_queries: int, findings: Counts = (0, 0, 0)) -> None:
        key = str(report.index)
        if key not in self.rows:
            return
        row = review_row(report, open_queries, self.english_cells, findings)
        for column, cell in zip(COLUMNS[1:], row[1:]):
            self.update_cell(key, column, cell)

    @property
    def current_index(self) -> int | None:
        if not self.row_count or not 0 <= self.cursor_row < len(self.indexes):
            return None
        return self.indexes[self.cursor_row]

    def shows(self, index: int) -> bool:
        return index in self.indexes

    def show_index(self, index: int) -> None:
        """Put the cursor on segment `index` with its neighbours in view above and below it."""
        if index not in self.indexes:
            return
        row = self.indexes.index(index)
        if self.cursor_row != row:
            self.move_cursor(row=row, scroll=False)
        visible = max(1, self.scrollable_content_region.height - 1)  # less the header row
        self.scroll_to(y=max(0, row - visible // 2), animate=False, immediate=True)
