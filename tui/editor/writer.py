"""The editor's write queue in motion: EditorState's jobs run one at a time on the writes thread.

A plain object handed the screen's two ways of acting (start a worker, post a message), so it
imports no Textual and the screen stays the only one that touches widgets. A later save of a
segment never lands before an earlier one, "mark translated" follows the save of the text it
marks, and flush() writes everything typed before the screen goes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tui.editor.jobs import Job, Outcome, run_job
from tui.editor.state import EditorState
from tui.editor.threads import WorkspaceThread


class Writer:
    def __init__(self, state: EditorState, thread: WorkspaceThread, user: str, document_id: int, *,
                 start: Callable[[Awaitable[Outcome]], Any], posted: Callable[[Outcome], None],
                 landed: Callable[[Outcome], None]) -> None:
        self._state, self._thread, self._user, self._document_id = state, thread, user, document_id
        self._start = start  # runs a coroutine as a worker and returns it (Screen.run_worker)
        self._posted = posted  # hands an outcome to the event loop (a Written message)
        self._landed = landed  # applies an outcome to the state and the screen
        self._worker: Any = None
        self._flushing = False

    def pump(self) -> None:
        """Start the next write unless one is running."""
        state = self._state
        if state.busy is not None or self._flushing:
            return
        job = state.next_job()
        if job is None:
            return
        state.busy = job
        self._worker = self._start(self._write(job))

    def _run(self, job: Job) -> Awaitable[Outcome]:
        return self._thread.run(run_job, self._user, self._document_id, job)

    async def _write(self, job: Job) -> Outcome:
        outcome = await self._run(job)
        self._posted(outcome)
        return outcome  # for flush(), which waits on the worker rather than on the message

    def written(self, outcome: Outcome) -> None:
        """The Written message for `outcome` reached the event loop."""
        if not outcome.job.applied:
            self._landed(outcome)
        self.pump()

    async def flush(self, typed: str | None) -> bool:
        """Write everything typed, now; True when nothing is left unsaved."""
        state = self._state
        self._flushing = True
        try:
            state.leave(typed)
            for index in list(state.unsaved):
                state.queue_save(index)
            if state.busy is not None and self._worker is not None:
                # Let the write in flight land first, so no later one overtakes it.
                try:
                    outcome = await self._worker.wait()
                except Exception:  # noqa: BLE001 - run_job reports failures; this is a cancelled worker
                    outcome = None
                if isinstance(outcome, Outcome) and not outcome.job.applied:
                    self._landed(outcome)
                state.busy = None
            while (job := state.next_job()) is not None:
                self._landed(await self._run(job))
        finally:
            self._flushing = False
        return not state.unsaved
