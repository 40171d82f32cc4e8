"""Who is working on which workspace file, and how a thread gets its own Workspace."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from workflow.workspace import Workspace


@dataclass(frozen=True)
class Session:
    path: Path
    user: str

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """A Workspace opened and closed inside the calling thread (a worker's, usually).

        Each thread worker runs on a fresh thread and SQLite wants a connection per thread, so a
        long-lived Workspace would gather one open connection per worker ever run; opening per
        unit of work costs one schema-version check and never creates a file.
        """
        workspace = Workspace.open(self.path, create=False)
        try:
            yield workspace
        finally:
            workspace.close()
