"""Segment states and the one table of legal moves between them.

empty -> draft -> translated -> approved, with rejected sending a segment back to its translator.
Any edit drops a translated or approved segment back to draft (the caller records that it did).
"""

from __future__ import annotations

from workflow.errors import TandemError
from workflow.models import SegmentState as S

EDIT, TRANSLATE, APPROVE, REJECT, CLEAR = "edit", "mark translated", "approve", "reject", "clear"

TRANSITIONS: dict[tuple[S, str], S] = {
    **{(state, EDIT): S.DRAFT for state in S},
    **{(state, CLEAR): S.EMPTY for state in S},
    (S.DRAFT, TRANSLATE): S.TRANSLATED,
    (S.REJECTED, TRANSLATE): S.TRANSLATED,
    (S.DRAFT, APPROVE): S.APPROVED,
    (S.TRANSLATED, APPROVE): S.APPROVED,
    (S.REJECTED, APPROVE): S.APPROVED,
    (S.DRAFT, REJECT): S.REJECTED,
    (S.TRANSLATED, REJECT): S.REJECTED,
    (S.APPROVED, REJECT): S.REJECTED,
}


class IllegalTransition(TandemError):
    """A move the workflow does not allow, said in plain words."""


def next_state(state: S, action: str, *, segment: int | None = None) -> S:
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        where = f"segment {segment} " if segment is not None else ""
        raise IllegalTransition(f"{where}is {state.value}; it cannot be {_past(action)} from there") from None


def _past(action: str) -> str:
    return {TRANSLATE: "marked translated", APPROVE: "approved", REJECT: "rejected"}.get(action, action)
