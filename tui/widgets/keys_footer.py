"""A footer that wraps onto more lines instead of hiding keys past the right edge.

Textual's Footer is one line that scrolls sideways, so on an 80-column terminal most of an editor's
keys would be out of sight; every binding is meant to be on screen. Keys flow into rows like words
into lines.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workflow.i18n import N_, _

# Textual's own bindings that reach the footer and the palette, so the catalog has them too.
TEXTUAL_WORDS = (
    N_("palette"), N_("Open the command palette"), N_("Quit the app and return to the command prompt."),
    # Its palette's system commands (tui/app.py translates them as it offers them).
    N_("Bell"), N_("Ring the bell"), N_("Theme"), N_("Change the current theme"), N_("Quit"),
    N_("Quit the application as soon as possible"), N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"), N_("Minimize"),
    N_("Minimize the widget and restore to normal size"), N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)


class LocalizedFooter(Footer):
    """Textual's footer with the binding descriptions in the interface language.

    Bindings are class attributes marked with N_ (built before any language is chosen), so they
    are translated here, as the keys are shown.
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            yield widget


def rows_of(widths: list[int], room: int) -> list[int]:
    """How many keys go on each row, filling rows greedily left to right."""
    rows: list[int] = []
    used = room + 1
    for width in widths:
        if used + width > room:
            rows.append(0)
            used = 0
        rows[-1] += 1
        used += width
    return rows


class KeysFooter(LocalizedFooter):
    DEFAULT_CSS = """
    KeysFooter {
        dock: none;  /* it sits in the screen's own bottom bar, under the status lines */
        layout: vertical;
        height: auto;
        HorizontalGroup {
            height: 1;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_out_for = 0
        self._shown: tuple = ()
        self._pending = False

    def _signature(self, screen: Screen) -> tuple:
        return tuple((key, b.binding.description, b.enabled) for key, b in screen.active_bindings.items()
                     if b.binding.show)

    def bindings_changed(self, screen: Screen) -> None:
        # Called on every focus move and several times while a screen opens: rebuild twenty keys
        # once per refresh at most, and not at all when the same keys are offered.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._pending:
            return
        self._pending = True
        self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        if self.is_attached and self._signature(self.screen) != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._signature(self.screen)
        keys: list[Widget] = list(super().compose())
        for key in keys:
            # The palette key takes its turn in the rows rather than docking over the last one.
            key.remove_class("-command-palette")
        self._laid_out_for = self.app.size.width
        start = 0
        for count in rows_of([_cells(k) for k in keys], self._laid_out_for):
            yield HorizontalGroup(*keys[start : start + count])
            start += count

    def on_resize(self, event: events.Resize) -> None:
        if self.app.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)


def _cells(key: Widget) -> int:
    if not isinstance(key, FooterKey):
        return 12
    # Compact keys: "key description" and a one-cell margin.
    return cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0) + 1
