"""The review screen's segment list: one DataTable row per segment (it draws only the rows in view).

Columns: index, state mark, words changed / words since the baseline, an open-query mark, and
the start of the current English, cut by cells to what the table's width leaves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable

from tui.cells import first_words
from tui.widgets.segment_list import mark_and_style
from workflow.i18n import _
from workflow.models import SegmentReport

COLUMNS = ("index", "state", "edits", "queries", "english")
QUERY_MARK = "?"
MIN_ENGLISH = 12


def edits_cell(report: SegmentReport) -> Text:
    # Dim when untouched, so the eye finds the segments the editor changed.
    return Text(f"{report.changed}/{report.words}", justify="right", style="" if report.changed else "dim")


def queries_cell(open_queries: int) -> Text:
    if not open_queries:
        return Text("")
    return Text(QUERY_MARK + (str(open_queries) if open_queries > 1 else ""), style="bold yellow")


def review_row(report: SegmentReport, open_queries: int, english_cells: int) -> tuple[Text, ...]:
    # Text cells: a plain str cell would be read as markup, and articles hold [brackets].
    return (
        Text(str(report.index), justify="right"),
        Text(*mark_and_style(report.state, report.conflict)),
        edits_cell(report),
        queries_cell(open_queries),
        Text(first_words(report.text, english_cells)),
    )


class ReviewList(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.english_cells = 0

    def _widths(self, reports: Sequence[SegmentReport]) -> tuple[int, int, int]:
        index = max(2, len(str(len(reports))))
        edits = max([5, *(len(f"{r.changed}/{r.words}") for r in reports)])
        # Each column is padded a cell either side; 2 more for the scrollbar.
        fixed = (index + 2) + (2 + 2) + (edits + 2) + (2 + 2) + 2 + 2
        return index, edits, max(MIN_ENGLISH, self.size.width - fixed)

    def fill(self, reports: Sequence[SegmentReport], queries: Mapping[int, int], *, cursor: int = 1) -> None:
        """Every row in one go (columns sized to the table's width), the cursor on segment `cursor`."""
        index, edits, self.english_cells = self._widths(reports)
        self.clear(columns=True)
        self.add_column("#", key="index", width=index)
        self.add_column(_("St"), key="state", width=2)
        self.add_column(_("Edits"), key="edits", width=edits)
        self.add_column(_("Q"), key="queries", width=2)
        self.add_column(_("English"), key="english", width=self.english_cells)
        for report in reports:
            self.add_row(*review_row(report, queries.get(report.index, 0), self.english_cells),
                         key=str(report.index))
        if reports:
            self.show_index(min(max(cursor, 1), len(reports)))

    def fits(self, reports: Sequence[SegmentReport]) -> bool:
        return self._widths(reports)[2] == self.english_cells

    def update_row(self, report: SegmentReport, open_queries: int) -> None:
        key = str(report.index)
        if key not in self.rows:
            return
        row = review_row(report, open_queries, self.english_cells)
        for column, cell in zip(COLUMNS[1:], row[1:]):
            self.update_cell(key, column, cell)

    @property
    def current_index(self) -> int | None:
        return self.cursor_row + 1 if self.row_count else None

    def show_index(self, index: int) -> None:
        """Put the cursor on segment `index` with its neighbours in view above and below it."""
        row = index - 1
        if self.cursor_row != row:
            self.move_cursor(row=row, scroll=False)
        visible = max(1, self.scrollable_content_region.height - 1)  # less the header row
        self.scroll_to(y=max(0, row - visible // 2), animate=False, immediate=True)
