"""Plain-text tables for the CLI, padded by terminal cell width: Hangul takes two cells; a control
character in a cell is written as a visible escape (cli.output.printable) before anything is measured."""

from __future__ import annotations

from collections.abc import Sequence

from wcwidth import wcswidth

from cli.output import printable


def cells(text: str) -> int:
    width = wcswidth(text)
    return width if width >= 0 else len(text)  # control characters: count them as one each


def clip(text: str, width: int) -> str:
    """Cut to at most `width` cells, marking the cut with an ellipsis."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = max(cells(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(width - cells(text), 0)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, max_width: int = 48) -> str:
    clipped = [[clip(printable(str(c)), max_width) for c in row] for row in rows]
    widths = [cells(h) for h in headers]
    for row in clipped:
        widths = [max(w, cells(c)) for w, c in zip(widths, row)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(pad(c, w) for c, w in zip(row, widths)).rstrip() for row in clipped]
    return "\n".join(lines)
