"""What the editor reads off the event loop: the document, the whole document's check counts, the
list's rows at a new width, other people's changes, a conflict, the checks of the segment in hand
and its memory matches.

Each runs as an exclusive worker of its kind (a newer one cancels the older: the analysis of the
text typed last is the one that counts) on the reads or checks thread, and comes back as a named
message (tui/screens/editor_messages.py) that only the screen turns into widgets. A plain object
given the threads, the document and the editor's state, and how to start a worker and post a
message, as tui/editor/writer.py is for writes.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from textual.message import Message

from tui import segment_nav
from tui.editor import reads
from tui.editor.jobs import problem_of
from tui.editor.reads import DocumentData
from tui.editor.state import EditorState
from tui.editor.threads import WorkspaceThread
from tui.screens import editor_messages as messages
from tui.widgets.segment_list import segment_rows, widths_for
from workflow.i18n import _
from workflow.models import Segment

# Screen.run_worker, given the coroutine function (not a coroutine: one cancelled before it starts
# would never be awaited) and its group.
Start = Callable[[Callable[[], Coroutine[Any, Any, None]], str], Any]


class Fetches:
    def __init__(self, reads_thread: WorkspaceThread, checks_thread: WorkspaceThread, document_id: int,
                 user: str, state: EditorState, *, start: Start, post: Callable[[Message], Any]) -> None:
        self._reads, self._checks = reads_thread, checks_thread
        self._document_id, self._user, self._state = document_id, user, state
        self._start, self._post = start, post

    def document(self, width: int) -> None:
        self._start(partial(self._document, width), "load")

    async def _document(self, width: int) -> None:
        try:
            data = await self._reads.run(reads.load_document, self._document_id, self._user)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never as a traceback
            self._post(messages.Failed(problem_of(exc), loading=True))
            return
        self._post(loaded(data, width))

    def counts(self) -> None:
        self._start(self._counts, "counts")

    async def _counts(self) -> None:
        try:
            counts = await self._checks.run(reads.document_counts, self._document_id)
        except Exception:  # noqa: BLE001 - the list works without its marks; the panel still checks
            return
        self._post(messages.Counted(counts))

    def rows(self, width: int) -> None:
        self._start(partial(self._rows, width), "rows")

    async def _rows(self, width: int) -> None:
        state = self._state
        widths = widths_for(width, len(state.segments))
        self._post(messages.Formatted(segment_rows(state.segments, state.counts, widths, state.unsaved), widths))

    def changes(self) -> None:
        self._start(self._changes, "live")

    async def _changes(self) -> None:
        landed, since = self._state.landed, self._state.audit_head
        try:
            found = await self._reads.run(reads.changes, self._document_id, since)
        except Exception:  # noqa: BLE001 - the next change noticed tries again; the screen still works
            return
        self._post(messages.Reread(landed, found))

    def conflict(self, index: int) -> None:
        self._start(partial(self._conflict, index), "conflict")

    async def _conflict(self, index: int) -> None:
        try:
            found = await self._reads.run(reads.conflict, self._document_id, index)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never as a traceback
            self._post(messages.Failed(problem_of(exc)))
            return
        self._post(messages.ConflictLoaded(index, found))

    def analysis(self, segment: Segment, text: str) -> None:
        self._start(partial(self._analysis, segment, text), "analyse")

    async def _analysis(self, segment: Segment, text: str) -> None:
        texts = dict(self._state.unsaved)  # the rest as stored: the findings engine reads and caches those
        try:
            result = await self._checks.run(reads.analyse, self._document_id, segment, text, texts)
        except Exception as exc:  # noqa: BLE001 - typing goes on; the notice says checks are off
            self._post(messages.Failed(_("Checks unavailable: {problem}").format(problem=problem_of(exc))))
            return
        self._post(messages.Analysed(result))

    def memory(self, index: int, source: str) -> None:
        self._start(partial(self._memory, index, source), "tm")

    async def _memory(self, index: int, source: str) -> None:
        try:
            found = await self._reads.run(reads.tm_matches, index, source)
        except Exception:  # noqa: BLE001 - translating goes on without the memory
            return
        self._post(messages.TmFound(*found))


def loaded(data: DocumentData, width: int) -> messages.Loaded:
    """The document as the list shows it first (also for the copy the app read before the screen)."""
    widths = widths_for(width, len(data.segments))
    rows = segment_rows(data.segments, {}, widths, {})
    return messages.Loaded(data, rows, widths, [segment_nav.korean_words(s.source) for s in data.segments])
