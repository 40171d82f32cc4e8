"""The glossary's term list: one row a term, its columns cut to whatever width the table has."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from glossaries.model import Term
from tui.cells import first_words
from tui.labels import NOBODY
from tui.widgets.term_labels import term_mark, variants_line
from workflow.i18n import N_, _

FLEXIBLE = ("ko", "en", "admitted", "forbidden")
HEADERS = {"id": N_("ID"), "mark": " ", "ko": N_("Korean"), "en": N_("English"), "admitted": N_("Admitted"),
           "forbidden": N_("Forbidden"), "domain": N_("Domain")}
MIN_CELLS = 6
DOMAIN_CELLS = 12


class TermTable(DataTable):
    DEFAULT_CSS = """
    TermTable {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.terms: list[Term] = []
        self._plain: list[dict[str, str]] = []
        self._widths: dict[str, int] = {}

    def show(self, terms: Sequence[Term], keep: int | None) -> None:
        """Replace the rows, leaving the cursor on term `keep` when it is still listed."""
        self.terms = list(terms)
        self._plain = [_cells(term) for term in self.terms]
        self._fill(keep)

    def highlighted(self) -> Term | None:
        if not self.row_count or not 0 <= self.cursor_row < len(self.terms):
            return None
        return self.terms[self.cursor_row]

    def on_resize(self, event: events.Resize) -> None:
        if self.terms and self._fit() != self._widths:
            term = self.highlighted()
            self._fill(term.id if term else None)

    def _fill(self, keep: int | None) -> None:
        self._widths = widths = self._fit()
        self.clear(columns=True)
        for key, header in HEADERS.items():
            self.add_column(_(header), key=key, width=widths.get(key))
        for term, plain in zip(self.terms, self._plain):
            row = [Text(first_words(plain[key], widths[key]) if key in widths else plain[key])
                   for key in HEADERS]
            row[0].justify = "right"
            self.add_row(*row, key=str(term.id))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))

    def _fit(self) -> dict[str, int]:
        """Widths for the columns that may be cut; the widest give way first, down to MIN_CELLS."""
        natural = {key: max([cell_len(_(HEADERS[key])), *(cell_len(p[key]) for p in self._plain)])
                   for key in (*FLEXIBLE, "domain")}
        domain = min(natural["domain"], DOMAIN_CELLS)
        fixed = sum(max([cell_len(_(HEADERS[k])), *(cell_len(p[k]) for p in self._plain)])
                    for k in ("id", "mark")) + domain
        scrollbar = self.styles.scrollbar_size_vertical if len(self._plain) >= self.size.height else 0
        padding = 2 * self.cell_padding * len(HEADERS)
        room = max(self.size.width - scrollbar - padding - fixed, MIN_CELLS * len(FLEXIBLE))
        widths = _share(room, {key: natural[key] for key in FLEXIBLE})
        widths["domain"] = domain
        return widths


def _share(room: int, natural: dict[str, int]) -> dict[str, int]:
    """Cap every column at one width, the largest that lets them all fit in `room` cells."""
    if sum(natural.values()) <= room:
        return dict(natural)
    cap = MIN_CELLS
    while sum(min(width, cap + 1) for width in natural.values()) <= room:
        cap += 1
    return {key: max(MIN_CELLS, min(width, cap)) for key, width in natural.items()}


def _cells(term: Term) -> dict[str, str]:
    # Plain strings, wrapped in Text only when shown: DataTable reads a str cell as markup.
    return {
        "id": str(term.id),
        "mark": term_mark(term.status),
        "ko": term.ko,
        "en": term.en,
        "admitted": variants_line(term.en_variants),
        "forbidden": variants_line(term.en_forbidden),
        "domain": term.domain or NOBODY,
    }
