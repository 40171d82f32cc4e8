"""What the editor puts into the English for the translator: the Korean as it stands, a glossary
rendering at the cursor (straight in, or picked from several), a translation memory match.

A plain object given what it needs (the app to push the picker on, the editor's state, and how the
screen reaches its English box, its panels and the glossary uses of the latest analysis), so the
screen keeps to what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from tui.editor.state import EditorState
from tui.widgets.segment_panels import SegmentPanels
from tui.widgets.segment_texts import EnglishEditor
from tui.widgets.term_picker import TermPicker
from workflow.i18n import _
from workflow.models import choices, choices_for, edit_for


class Inserts:
    def __init__(self, app: App, state: EditorState, *, english: Callable[[], EnglishEditor],
                 panels: Callable[[], SegmentPanels], uses: Callable[[], object]) -> None:
        self._app, self._state = app, state
        self._english, self._panels, self._uses = english, panels, uses

    def source(self, korean: str) -> None:
        english = self._english()
        if not english.read_only:
            english.replace_all(korean)
            english.focus()

    def term(self) -> None:
        """The glossary term under (or nearest) the cursor."""
        english = self._english()
        if not english.read_only:
            self._offer(choices(self._uses(), english.text, english.cursor_offset, english.selection_span))

    def term_for(self, use) -> None:
        """A term picked in the glossary panel."""
        english = self._english()
        if not english.read_only:
            self._offer(choices_for(use, english.text, english.cursor_offset, english.selection_span))

    def match(self) -> None:
        match = self._panels().chosen_match()
        english = self._english()
        if match is None:
            self._app.notify(_("No translation memory match for this segment."))
        elif not english.read_only:
            # A match is a whole sentence: it replaces the English (undo brings the old back).
            english.replace_all(match.unit.target)
            english.focus()

    def _offer(self, offered) -> None:
        """One term with one rendering goes straight in; more open a picker, the nearest first."""
        if not offered:
            self._app.notify(_("No glossary term in this segment's Korean."))
            return
        if len(offered) == 1:
            english = self._english()
            english.apply_edit(offered[0].edit)
            english.focus()
            return
        index = self._state.current

        def picked(choice) -> None:
            if choice is None or index != self._state.current:
                return
            english = self._english()  # worked out again: the text may have moved while the picker was up
            english.apply_edit(edit_for(english.text, english.cursor_offset, english.selection_span,
                                        choice.use, choice.rendering))
            english.focus()

        self._app.push_screen(TermPicker(offered), picked)
