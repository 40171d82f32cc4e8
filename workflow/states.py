"""Segment states and the one table of legal moves between them.

empty -> draft -> translated -> approved, with rejected sending a segment back to its translator.
Any edit drops a translated or approved segment back to draft (the caller records that it did).
"""

from __future__ import annotations

from workflow.errors import TandemError
from workflow.i18n import _
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
        from workflow.names import name

        problem = _refusal(action).format(state=name(state))
        raise IllegalTransition(_("segment {index} {problem}").format(index=segment, problem=problem)
                                if segment is not None else problem) from None


def _refusal(action: str) -> str:
    if action == TRANSLATE:
        return _("is {state}; it cannot be marked translated from there")
    if action == APPROVE:
        return _("is {state}; it cannot be approved from there")
    if action == REJECT:
        return _("is {state}; it cannot be rejected from there")
    return _("is {state}; it cannot be changed that way from there")


# Whose step a segment waits for, by state: what "next segment that needs me" looks for.
WAITING_FOR: dict[S, frozenset] = {
    S.EMPTY: frozenset({"translator"}),
    S.DRAFT: frozenset({"translator"}),
    S.REJECTED: frozenset({"translator"}),
    S.TRANSLATED: frozenset({"editor"}),
    S.APPROVED: frozenset(),
}


def waits_for(state: S, roles) -> bool:
    """Whether a segment in `state` waits for someone holding any of `roles` (Role values)."""
    return bool(WAITING_FOR[state] & {str(role) for role in roles})
