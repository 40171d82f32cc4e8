"""The review screen's writes: each runs in a worker against its own Workspace and says, in words,
what it did that the user must know (an edit that voided an approval or a sign-off)."""

from __future__ import annotations

from collections.abc import Callable

from workflow.i18n import _
from workflow.models import SaveResult, SegmentState
from workflow.names import name
from workflow.workspace import Workspace

Write = Callable[[Workspace], tuple[str, ...]]


def silent(call: Callable[[Workspace], object]) -> Write:
    """A write whose result the screen re-reads rather than reports (approve, reject, comment)."""

    def write(workspace: Workspace) -> tuple[str, ...]:
        call(workspace)
        return ()

    return write


def save(document_id: int, index: int, text: str, *, by: str, based_on: int | None, approve: bool = False) -> Write:
    """Save and send back to draft, or (approve) save and approve: the editor's correction as review work."""

    def write(workspace: Workspace) -> tuple[str, ...]:
        if not approve:
            return save_notes(index, workspace.editing.save(document_id, index, text, by=by, based_on=based_on))
        result = workspace.editing.save_and_approve(document_id, index, text, by=by, based_on=based_on)
        notes = save_notes(index, result)
        if result.segment.state is not SegmentState.APPROVED:
            notes += (_("Segment {index} is not approved: someone else saved it while you edited, so the text now "
                        "is not the one you read; read it and approve it (a).").format(index=index),)
        return notes

    return write


def save_notes(index: int, result: SaveResult) -> tuple[str, ...]:
    if result.revision_id is None:
        return ()
    notes = []
    if result.voided is not None:
        notes.append(_("Segment {index} was {state}; the edit sent it back to draft.").format(
            index=index, state=name(result.voided)))
    for role in result.voided_signoffs:
        notes.append(_("The {role}'s sign-off is now void: the text it signed has changed.").format(role=name(role)))
    if result.merged:
        notes.append(_("Someone else saved segment {index} while you edited; their change and yours are merged.").format(
            index=index))
    elif result.conflict:
        notes.append(_("Someone else changed the same words of segment {index} while you edited; their text "
                       "stays and yours is kept aside until someone resolves the conflict in the editor (f12).").format(
            index=index))
    elif result.stale:
        notes.append(_("Someone else saved segment {index} while you edited; both versions are in its history.").format(
            index=index))
    return tuple(notes)
