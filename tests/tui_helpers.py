"""What the Pilot tests share: running a scenario, and waiting for the app to settle."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


def run(test: Callable[[], object]) -> None:
    asyncio.run(test())


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Let workers finish and messages land until `condition` holds (opening is two hops)."""
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer one while we waited: the newer one counts
        await pilot.pause()
        try:
            if condition():
                return
        except Exception:  # the screen it inspects may not be mounted yet
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; screen stack is {pilot.app.screen_stack}")


def no_idle_saves(monkeypatch) -> None:
    """Saves happen when a test asks for them (ctrl+s), never on an idle timer mid-test."""
    from tui.screens.editor import EditorScreen

    monkeypatch.setattr(EditorScreen, "IDLE_SAVE_SECONDS", 60.0)
    monkeypatch.setattr(EditorScreen, "MAX_UNSAVED_SECONDS", 600.0)


def stored(path, index: int = 1, document: int = 1):
    """Segment `index` of a document as the workspace file holds it now (a fresh connection)."""
    from workflow.workspace import Workspace

    with Workspace.open(path, create=False) as workspace:
        return workspace.documents.segments(document)[index - 1]
