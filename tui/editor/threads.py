"""Long-lived worker threads, each with its own Workspace, for the editor's reads and writes.

SQLite wants one connection per thread, and Textual's thread workers start a fresh thread each
time, so the editor used to open (and migrate-check) a Workspace for every pause in typing and every
save. A WorkspaceThread is one thread that keeps one Workspace: opening costs once per screen, and
the glossary index and the checks' caches stay warm between calls. Its calls run one at a time, in
the order they were made: the write thread is the write queue's order made physical.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from workflow.workspace import Location, Workspace

T = TypeVar("T")


class WorkspaceThread:
    def __init__(self, location: Location, name: str) -> None:
        self._location = location
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"tandem-{name}")
        self._workspace: Workspace | None = None  # touched only on the thread

    def _call(self, function: Callable[..., T], args: tuple) -> T:
        if self._workspace is None:
            # Opened on first use, on the thread itself; a failure leaves it None to try again.
            self._workspace = Workspace.open(self._location, create=False)
        return function(self._workspace, *args)

    async def run(self, function: Callable[..., T], *args) -> T:
        """function(workspace, *args) on this thread; awaiting it never blocks the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, function, args)

    def close(self) -> None:
        """Close the Workspace on its own thread once the calls already made have run."""
        def close() -> None:
            if self._workspace is not None:
                self._workspace.close()
                self._workspace = None

        try:
            self._executor.submit(close)
        except RuntimeError:
            pass  # already shut down
        self._executor.shutdown(wait=False)
