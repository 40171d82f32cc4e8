"""No control character in stored text ever reaches the terminal, whatever widget shows it.

Rich strips only a few control codes (BEL, backspace, CR, VT, FF) and Textual none: a title holding
ESC ] 0 ; pwned BEL set the terminal's window title, ESC [ 2 J cleared the screen. Every character
Textual puts on the terminal passes through `Strip.render`, so that is where the guard sits: before
a strip is first rendered, control characters in its text segments (never in Textual's own control
segments) are dropped. Rich measures them as zero cells wide, so the layout is unchanged.

This is the last line of defence: screens that show stored text (the documents list, the editor's
header) write control characters as visible escapes (\\x1b) first, through tui.cells.one_line.
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from glossaries.controls import CONTROLS

_installed = False


def keep_control_characters_inert() -> None:
    """Install the guard once per process (idempotent: tests build many apps)."""
    global _installed
    if _installed:
        return
    render = Strip.render

    def guarded_render(self: Strip, console: Console) -> str:
        if self._render_cache is None and any(
                segment.control is None and CONTROLS.search(segment.text) for segment in self._segments):
            self._segments = [segment if segment.control is not None
                              else Segment(CONTROLS.sub("", segment.text), segment.style)
                              for segment in self._segments]
        return render(self, console)

    Strip.render = guarded_render  # type: ignore[method-assign]
    _installed = True
