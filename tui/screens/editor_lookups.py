"""The editor's ways to reach a segment other than the next one: by number, by text found in this
document, or through the concordance and the archive, which may lead to another document.

A plain object given what it needs (the app to push dialogs on, the session and document, the
editor's state, and how the screen goes to a segment, shows a found span and opens another
document), so the screen keeps to what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from tui.editor.state import EditorState
from tui.screens.editor_dialogs import FindDialog, GoToDialog
from tui.session import Session
from tui.widgets.concordance_dialog import ConcordanceDialog


class Lookups:
    def __init__(self, app: App, session: Session, document_id: int, state: EditorState, *,
                 selected: Callable[[], str], go: Callable[[int], None], found: Callable[[object], None],
                 open_document: Callable[[int, int], None]) -> None:
        self._app, self._session, self._document_id, self._state = app, session, document_id, state
        self._selected, self._go, self._found, self._open = selected, go, found, open_document

    def go_to(self) -> None:
        if self._state.segments:
            self._app.push_screen(GoToDialog(len(self._state.segments)), self._chosen)

    def find(self) -> None:
        if self._state.segments:
            self._app.push_screen(FindDialog(self._state.segments, self._state.unsaved), self._hit)

    def concordance(self) -> None:
        # Seeded with the English selection, if any: "how did we render this before?"
        self._app.push_screen(ConcordanceDialog(self._session, self._selected().strip()[:80],
                                                document_id=self._document_id), self._picked)

    def archive(self) -> None:
        from tui.screens.search import SearchScreen

        # A hit in this document comes back here; one elsewhere opens over the search screen.
        self._app.push_screen(SearchScreen(self._session, self._selected().strip()[:80],
                                           document_id=self._document_id), self._picked)

    def _picked(self, picked) -> None:
        if picked is None:
            return
        document_id, index = picked
        if document_id == self._document_id:
            self._chosen(index)
        else:  # another article: its own editor, on that segment; escape comes back here
            self._open(document_id, index)

    def _chosen(self, index: int | None) -> None:
        if index is not None:
            self._go(index)

    def _hit(self, hit) -> None:
        if hit is not None:
            self._found(hit)
