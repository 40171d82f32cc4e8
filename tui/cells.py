"""Fitting text into terminal cells: Hangul takes two cells a character, Latin one; a control
character (ESC, C1) in stored text is shown as a visible escape (\x1b), never sent as itself."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from glossaries.controls import escape_controls

ELLIPSIS = "…"


def printable(text: str) -> str:
    """Stored text as a screen may show it: control characters written as visible escapes."""
    return escape_controls(text)


def one_line(text: str) -> str:
    return " ".join(printable(text).split())


def first_words(text: str, width: int) -> str:
    """The start of `text` on one line, at most `width` cells, ending in … when anything was cut.

    Cuts at a space when one is near the edge so a word is not broken; Korean separates its
    words (eojeol) with spaces too, so this reads naturally in both languages.
    """
    line = one_line(text)
    # A character takes at least one cell, so width + 1 of them reach past the edge; measuring
    # only those keeps a 5,000-paragraph list quick. (Zero-width marks at worst cut a bit early.)
    probe = line[: width + 1]
    if len(probe) == len(line) and cell_len(line) <= width:
        return line
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - cell_len(ELLIPSIS)
    # set_cell_size pads with a space where a double-width character would straddle the edge.
    head = set_cell_size(probe, room).rstrip()
    space = head.rfind(" ")
    if space > 0 and cell_len(head[:space]) >= room * 2 // 3:
        head = head[:space]
    return head.rstrip(" ,;:") + ELLIPSIS
