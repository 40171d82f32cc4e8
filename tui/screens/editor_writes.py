"""The editor's write queue: every save, sign-off, dismissal and comment, one at a time, in order.

Writes run in thread workers so typing never waits on SQLite, but strictly one after another: a
later save of a segment must never land before an earlier one, and "mark translated" must follow
the save of the text it marks. Text stays in `unsaved` until the workspace confirms it, so a
failed save costs nothing but a retry.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.message import Message
from textual.worker import Worker

from tui import editor_io
from tui.editor_io import DismissJob, Job, MarkJob, Outcome, SaveJob
from workflow.saving import base_of


class Reply(Message):
    """A worker's result, to be handled on the event loop by `handler` (workers never touch widgets)."""

    def __init__(self, handler: Callable[[Any], None], value: Any) -> None:
        super().__init__()
        self.handler, self.value = handler, value


class WriteQueue:
    """Mixed into EditorScreen, which provides session, document_id, _segments, post_message,
    run_worker and applied(outcome)."""

    def _init_writes(self) -> None:
        self.unsaved: dict[int, str] = {}  # English typed but not yet confirmed saved, by index
        self._jobs: deque[Job] = deque()
        self._busy: Job | None = None
        self._worker: Worker | None = None
        self._flushing = False

    def queue_save(self, index: int) -> None:
        text = self.unsaved.get(index)
        if text is None:
            return
        for job in self._jobs:
            if isinstance(job, SaveJob) and job.index == index:
                job.text = text  # not started yet: save the newest text once
                return
        self.queue(SaveJob(index, text=text))

    def queue(self, job: Job) -> None:
        self._jobs.append(job)
        self._pump()

    @property
    def writing(self) -> bool:
        return self._busy is not None or bool(self._jobs)

    def _next_job(self) -> Job | None:
        while self._jobs:
            job = self._jobs.popleft()
            if isinstance(job, SaveJob):
                segment = self._segments[job.index - 1]
                if job.text == segment.target:
                    # Saved meanwhile (or typed back to what was saved): nothing to write.
                    self._forget(job.index, job.text)
                    continue
                # The revision typing began from (editor_live keeps it while text is held); for a
                # segment that had none, EMPTY_BASE, so a colleague's first text is not overwritten.
                job.based_on = base_of(segment.revision_id)
            return job
        return None

    def _pump(self) -> None:
        if self._busy is not None or self._flushing:
            return
        job = self._next_job()
        if job is None:
            return
        self._busy = job
        self._worker = self.run_worker(partial(self._write, job), thread=True, group="write",
                                       exit_on_error=False)

    def _write(self, job: Job) -> Outcome:
        outcome = editor_io.run_job(self.session, self.document_id, job)
        self.post_message(Reply(self._written, outcome))
        return outcome  # for flush(), which waits on the worker rather than on this message

    def _written(self, outcome: Outcome) -> None:
        if not outcome.job.applied:
            self._apply(outcome)
        if self._busy is outcome.job:
            self._busy = None
        self._pump()

    def _apply(self, outcome: Outcome) -> None:
        job = outcome.job
        job.applied = True
        if isinstance(job, SaveJob):
            if outcome.problem is None:
                self._forget(job.index, job.text)
            else:
                # What depended on this text must not act on the older one still stored.
                dropped = [j for j in self._jobs if isinstance(j, (MarkJob, DismissJob)) and j.index == job.index]
                for j in dropped:
                    self._jobs.remove(j)
        self.applied(outcome)

    def _forget(self, index: int, text: str) -> None:
        if self.unsaved.get(index) == text:
            del self.unsaved[index]

    async def flush(self) -> bool:
        """Write everything typed, now; True when nothing is left unsaved."""
        self._flushing = True
        try:
            for index in list(self.unsaved):
                self.queue_save(index)
            if self._busy is not None and self._worker is not None:
                # Let the write in flight land first, so no later one overtakes it.
                try:
                    outcome = await self._worker.wait()
                except Exception:  # noqa: BLE001 - run_job reports failures; this is a cancelled thread
                    outcome = None
                if isinstance(outcome, Outcome) and not outcome.job.applied:
                    self._apply(outcome)
                self._busy = None
            while (job := self._next_job()) is not None:
                self._apply(await asyncio.to_thread(editor_io.run_job, self.session, self.document_id, job))
        finally:
            self._flushing = False
        return not self.unsaved
