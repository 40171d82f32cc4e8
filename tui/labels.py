"""How domain values read on screen: state marks, progress, roles, tags.

Marks are shapes, so a state reads without colour; all are East-Asian-width "neutral", so a
terminal set to draw ambiguous characters double-width (common for Korean users) keeps columns
aligned (which is why approved is ✦, not ★).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workflow.models import STATE_ORDER, SegmentState

STATE_MARKS: dict[SegmentState, str] = {
    SegmentState.EMPTY: "◻",
    SegmentState.DRAFT: "✎",
    SegmentState.TRANSLATED: "✓",
    SegmentState.APPROVED: "✦",
    SegmentState.REJECTED: "✗",
}
DOUBTFUL_MARK = "!"
NOBODY = "—"


def state_mark(state: SegmentState | str) -> str:
    return STATE_MARKS[SegmentState(state)]


def progress_line(progress: Mapping[str, int]) -> str:
    """Every state in workflow order, zeros included, so rows line up: ◻0 ✎16 ✓0 ✦0 ✗0."""
    return " ".join(f"{STATE_MARKS[state]}{progress.get(state.value, 0)}" for state in STATE_ORDER)


def legend() -> str:
    marks = "  ".join(f"{STATE_MARKS[state]} {state.value}" for state in STATE_ORDER)
    return f"{marks}  {DOUBTFUL_MARK} doubtful pairing"


def roles_line(roles: Mapping[str, Sequence[str]]) -> str:
    held = [f"{role}: {', '.join(names)}" for role, names in roles.items() if names]
    return "; ".join(held) or NOBODY


def tags_line(tags: Sequence[str]) -> str:
    return ", ".join(tags) or NOBODY
