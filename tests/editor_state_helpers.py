"""What the EditorState tests share: segments, save results and states built from real
workflow.models values, the screen's pump in one line, and English messages.

EditorState is tested without a screen (DESIGN §8); the tests are split by what they hold:
test_editor_state.py (typing and the write queue), test_editor_state_sharing.py (merges,
conflicts, other people's changes), test_editor_state_signed.py (approved and signed text, and a
real workspace).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.editor.state import Changes, EditorState
from workflow.i18n import using
from workflow.models import Comment, Role, SaveResult, Segment, SegmentKind, SegmentState, SignOff
from workflow.models.voids import EditGuard

DOC = 1


@pytest.fixture(autouse=True)
def in_english():
    with using("en"):
        yield


def seg(index: int, target: str = "", revision: int | None = None, *,
        state: SegmentState = SegmentState.DRAFT, conflict: bool = False) -> Segment:
    return Segment(id=100 + index, document_id=DOC, index=index, block=index, kind=SegmentKind.PARAGRAPH,
                   source=f"원문 {index}", target=target, state=state, revision_id=revision,
                   align_score=None, align_note=None, conflict=conflict)


def editor(*targets: str | None, current: int = 1, guard: EditGuard | None = None) -> EditorState:
    """A loaded state: segment i holds targets[i-1] at revision 10*i (None: an empty segment, no revision)."""
    segments = [seg(i, t or "", None if t is None else 10 * i, state=SegmentState.EMPTY if t is None
                    else SegmentState.DRAFT) for i, t in enumerate(targets, start=1)]
    state = EditorState()
    state.load(segments, None, {}, audit_head=5, guard=guard or EditGuard({}, ()))
    state.current = current
    return state


def result(segment: Segment, revision: int | None = None, **flags) -> SaveResult:
    flags.setdefault("voided", None)
    flags.setdefault("stale", flags.get("merged", False) or flags.get("conflict", False))
    return SaveResult(segment, revision, **flags)


def saved_as(state: EditorState, index: int, text: str, revision: int, **flags) -> SaveResult:
    """What the workspace answers when `text` becomes segment `index`'s revision `revision`."""
    return result(replace(state.segments[index - 1], target=text, revision_id=revision), revision, **flags)


def start(state: EditorState):
    """What the screen's pump does: take the next job and hold it as the one in flight."""
    job = state.next_job()
    state.busy = job
    return job


def comment(id_: int, segment: int, text: str) -> Comment:
    return Comment(id_, segment, "note", text, "robert", "2026-01-01T00:00:00", None, None)


def changes(*segments: Segment, head: int = 9, glossary: int = 1, comments=None, guard=None) -> Changes:
    return Changes(head, list(segments), comments or {}, glossary, guard)


def signoff(role: Role, who: str, *, valid: bool = True) -> SignOff:
    return SignOff(1 if role is Role.TRANSLATOR else 2, who.split()[0].lower(), who, role,
                   "2026-01-01T00:00:00", "hash", valid)
