"""The editor's segment list: one DataTable row per segment (it draws only the rows in view).

Rows are plain data until drawn (see Cell), and DataTable draws only the rows in view. Column
widths follow the table's width: Hangul takes two cells a character, so the Korean is cut by
cells (tui.cells), never by characters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from tui.cells import first_words
from tui.labels import CONFLICT_MARK, DOUBTFUL_MARK, LOCK_MARK, state_mark
from tui.widgets.key_order import in_turn
from workflow.i18n import _
from workflow.models import Segment, SegmentState

Counts = tuple[int, int]


class Cell:
    """A cell that becomes Text only when DataTable draws it, which it does for the rows in view.

    Building 25,000 Text objects for a 5,000-segment list would cost a fifth of a second, and
    DataTable would then measure each one (asking the console for its options every time) though
    the columns have fixed widths; this has no __rich_measure__, so it is not measured.
    """

    __slots__ = ("justify", "source", "style", "width")

    def __init__(self, source: str, width: int = 0, style: str = "", justify: JustifyMethod = "left") -> None:
        self.source, self.width, self.style, self.justify = source, width, style, justify

    def text(self) -> Text:
        # Cut by cells, so Hangul (two cells a character) never overflows its column.
        plain = first_words(self.source, self.width) if self.width else self.source
        return Text(plain, style=self.style, justify=self.justify)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text()

    def __str__(self) -> str:
        return self.text().plain


# Named ANSI colours: Textual maps them through the light or dark theme's palette, so they read in
# both; the mark's shape carries the state for anyone who cannot tell the colours apart.
STATE_STYLES = {
    SegmentState.EMPTY: "dim",
    SegmentState.DRAFT: "yellow",
    SegmentState.TRANSLATED: "green",
    SegmentState.APPROVED: "bold cyan",
    SegmentState.REJECTED: "bold red",
}
COLUMNS = ("index", "state", "checks", "korean", "english")


@dataclass(frozen=True)
class Widths:
    index: int
    korean: int
    english: int


CURRENT_MARK = "▶"  # the segment in hand, readable without the cursor row's colour


def widths_for(table_width: int, segment_count: int) -> Widths:
    index = max(2, len(str(segment_count))) + len(CURRENT_MARK)
    # Each column is padded a cell either side; 2 for the scrollbar and 2 to spare.
    fixed = (index + 2) + (2 + 2) + (3 + 2) + 2 + 2 + 2 + 2
    room = max(20, table_width - fixed)
    korean = room * 2 // 5  # Hangul packs more meaning per cell than English
    return Widths(index, korean, room - korean)


def mark_and_style(state: SegmentState, conflict: bool, locked: bool = False) -> tuple[str, str]:
    """The state column's mark, in the editor's list and the review screen's alike. A conflict
    outranks the state: it is what the segment needs next (the English title keeps the state). A
    locked segment's state is no one's business: the lock stands in for it."""
    if locked:
        return LOCK_MARK, "dim"
    if conflict:
        return CONFLICT_MARK, "bold reverse red"
    return state_mark(state), STATE_STYLES[state]


def state_cell(segment: Segment) -> Cell:
    mark, style = mark_and_style(segment.state, segment.conflict, segment.locked)
    return Cell(mark + (DOUBTFUL_MARK if segment.low_confidence else ""), style=style)


def checks_cell(counts: Counts | None) -> Cell:
    """The worst open finding: E2 (two errors) or W1; letters, so it reads without colour."""
    errors, warnings = counts or (0, 0)
    if errors:
        return Cell(f"E{errors}", style="bold red")
    if warnings:
        return Cell(f"W{warnings}", style="yellow")
    return Cell("")


def segment_row(segment: Segment, counts: Counts | None, widths: Widths, english: str | None = None) -> tuple[Cell, ...]:
    # Never plain str cells: DataTable reads those as markup, and articles hold [brackets].
    return (
        Cell(str(segment.index), justify="right"),
        state_cell(segment),
        checks_cell(counts),
        Cell(segment.source, widths.korean, style="dim" if segment.locked else ""),
        Cell(segment.target if english is None else english, widths.english, style="dim" if segment.locked else ""),
    )


def segment_rows(segments: Sequence[Segment], counts: Mapping[int, Counts], widths: Widths,
                 unsaved: Mapping[int, str]) -> list[tuple[Cell, ...]]:
    return [segment_row(s, counts.get(s.index), widths, unsaved.get(s.index)) for s in segments]


class SegmentList(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        # Before DataTable's own set-up, which already asks for the row order.
        self._layout = 0  # moves when rows are added or removed (fill), not when a cell changes
        self._rows_cache: tuple[tuple[int, int], list] = ((-1, -1), [])
        self._offsets_cache: tuple[tuple[int, int], list] = ((-1, -1), [])
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.widths: Widths | None = None
        self._marked: int | None = None  # the row showing CURRENT_MARK

    # DataTable rebuilds its row order and line offsets, a list as long as the document, after
    # every cell update (its caches are keyed on an update counter): 5,000 segments made each
    # typing pause's row update cost milliseconds. Here rows are one line high and change only in
    # fill(), so both are kept until the rows themselves change.
    @property
    def ordered_rows(self) -> list:
        key = (self.row_count, self._layout)
        if self._rows_cache[0] != key:
            self._rows_cache = (key, [self.rows[self._row_locations.get_key(i)] for i in range(self.row_count)])
        return self._rows_cache[1]

    @property
    def _y_offsets(self) -> list:
        key = (self.row_count, self._layout)
        if self._offsets_cache[0] != key:
            self._offsets_cache = (key, [(row.key, y) for row in self.ordered_rows for y in range(row.height)])
        return self._offsets_cache[1]

    async def _on_key(self, event: events.Key) -> None:
        if not await in_turn(self, event):  # the screen's keys in typing order (key_order.py)
            await super()._on_key(event)

    def fill(self, rows: list[tuple[Cell, ...]], widths: Widths, *, cursor: int = 1) -> None:
        """Replace every row (and the column widths) in one go, keeping the cursor on `cursor`."""
        self.clear(columns=True)
        self._layout += 1
        self.widths = widths
        self.add_column("#", key="index", width=widths.index)
        # The state and checks headers must fit 2 and 3 cells (one Hangul syllable is 2).
        self.add_column(_("St"), key="state", width=2)
        self.add_column(_("Chk"), key="checks", width=3)
        self.add_column(_("Korean"), key="korean", width=widths.korean)
        self.add_column(_("English"), key="english", width=widths.english)
        for position, row in enumerate(rows, start=1):
            self.add_row(*row, key=str(position))
        self._marked = None
        if rows:
            self.show_index(cursor)

    def update_segment(self, segment: Segment, counts: Counts | None, english: str | None = None) -> None:
        if self.widths is None or str(segment.index) not in self.rows:
            return
        row = segment_row(segment, counts, self.widths, english)
        for column, cell in zip(COLUMNS[1:], row[1:]):
            self.update_cell(str(segment.index), column, cell)

    def show_index(self, index: int) -> None:
        """Put the cursor on segment `index` with its neighbours in view above and below it."""
        row = index - 1
        self._mark(index)
        if self.cursor_row != row:
            self.move_cursor(row=row, scroll=False)
        self._centre(row)
        # Rows just added are not measured until the next refresh, and scroll_to clamps to the old
        # height (the cursor ended off screen at 80x24); centre again once the layout is final.
        self.call_after_refresh(self._centre, row)

    def _mark(self, index: int) -> None:
        if self._marked == index or str(index) not in self.rows:
            return
        if self._marked is not None and str(self._marked) in self.rows:
            self.update_cell(str(self._marked), "index", Cell(str(self._marked), justify="right"))
        self.update_cell(str(index), "index", Cell(f"{CURRENT_MARK}{index}", style="bold", justify="right"))
        self._marked = index

    def _centre(self, row: int) -> None:
        if self.cursor_row != row:
            return  # the user has moved on since
        visible = max(1, self.scrollable_content_region.height - 1)  # less the header row
        self.scroll_to(y=max(0, row - visible // 2), animate=False, immediate=True)
