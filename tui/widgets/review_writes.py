"""The review screen's writes: each runs in a worker against its own Workspace and says, in words,
what it did that the user must know (an edit that voided an approval or a sign-off)."""

from __future__ import annotations

from collections.abc import Callable

from workflow.models import SaveResult
from workflow.workspace import Workspace

Write = Callable[[Workspace], tuple[str, ...]]


def silent(call: Callable[[Workspace], object]) -> Write:
    """A write whose result the screen re-reads rather than reports (approve, reject, comment)."""

    def write(workspace: Workspace) -> tuple[str, ...]:
        call(workspace)
        return ()

    return write


def save(document_id: int, index: int, text: str, *, by: str, based_on: int | None) -> Write:
    def write(workspace: Workspace) -> tuple[str, ...]:
        return save_notes(index, workspace.save_segment(document_id, index, text, by=by, based_on=based_on))

    return write


def save_notes(index: int, result: SaveResult) -> tuple[str, ...]:
    if result.revision_id is None:
        return ()
    notes = []
    if result.voided is not None:
        notes.append(f"Segment {index} was {result.voided.value}; the edit sent it back to draft.")
    for role in result.voided_signoffs:
        notes.append(f"The {role.value}'s sign-off is now void: the text it signed has changed.")
    if result.stale:
        notes.append(f"Someone else saved segment {index} while you edited; both versions are in its history.")
    return tuple(notes)
