"""Who is working on which workspace (a file or a database), and how a thread gets its own Workspace."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from workflow.workspace import Workspace, WorkspaceLocation


@dataclass(frozen=True)
class Session:
    location: WorkspaceLocation
    user: str

    @property
    def path(self) -> WorkspaceLocation:
        """The older name of `location` (what Workspace.open takes), for callers from before databases."""
        return self.location

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """A Workspace opened and closed inside the calling thread (a worker's, usually).

        Each thread worker runs on a fresh thread and both engines want a connection per thread, so a
        long-lived Workspace would gather one open connection per worker ever run; opening per
        unit of work costs one schema-version check and never creates a file.
        """
        workspace = Workspace.open(self.location, create=False)
        try:
            yield workspace
        finally:
            workspace.close()
