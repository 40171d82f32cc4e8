"""How domain values read on screen: state marks, progress, roles, tags.

Marks are shapes, so a state reads without colour; all are East-Asian-width "neutral", so a
terminal set to draw ambiguous characters double-width (common for Korean users) keeps columns
aligned (which is why approved is ✦, not ★).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workflow.i18n import _
from workflow.models import STATE_ORDER, SegmentState
from workflow.names import name
from workflow.models import LOCKED

STATE_MARKS: dict[SegmentState, str] = {
    SegmentState.EMPTY: "◻",
    SegmentState.DRAFT: "✎",
    SegmentState.TRANSLATED: "✓",
    SegmentState.APPROVED: "✦",
    SegmentState.REJECTED: "✗",
}
DOUBTFUL_MARK = "!"
CONFLICT_MARK = "⇄"  # two people's changes wait for a person to choose; stands in for the state mark
LOCK_MARK = "⊘"  # the file marks the segment not to be translated (workflow.LOCKED)
NOBODY = "—"


def state_mark(state: SegmentState | str) -> str:
    return STATE_MARKS[SegmentState(state)]


def progress_line(progress: Mapping[str, int], conflicts: int = 0, locked: int = 0) -> str:
    """Every state in workflow order, zeros included, so rows line up: ◻0 ✎16 ✓0 ✦0 ✗0 (and ⇄1
    when segments are in conflict, ⊘2 when the file locks some)."""
    line = " ".join(f"{STATE_MARKS[state]}{progress.get(state.value, 0)}" for state in STATE_ORDER)
    line = f"{line} {CONFLICT_MARK}{conflicts}" if conflicts else line
    return f"{line} {LOCK_MARK}{locked}" if locked else line


def legend(conflicts: bool = False, locked: bool = False) -> str:
    """The marks on screen; the conflict and lock marks only while some document has one to show."""
    marks = "  ".join(f"{STATE_MARKS[state]} {name(state)}" for state in STATE_ORDER)
    line = f"{marks}  {DOUBTFUL_MARK} " + _("doubtful pairing")
    line = f"{line}  {CONFLICT_MARK} " + _("in conflict") if conflicts else line
    return f"{line}  {LOCK_MARK} " + name(LOCKED) if locked else line


def roles_line(roles: Mapping[str, Sequence[str]]) -> str:
    held = [f"{name(role)}: {', '.join(people)}" for role, people in roles.items() if people]
    return "; ".join(held) or NOBODY


def tags_line(tags: Sequence[str]) -> str:
    return ", ".join(tags) or NOBODY
