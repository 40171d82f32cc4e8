"""Segment states and the one table of legal moves between them.

empty -> draft -> translated -> approved, with rejected sending a segment back to its translator.
Any edit drops a translated or approved segment back to draft (the caller records that it did).
A locked segment (the file marked it translate="no") stands outside the table: see LOCKED below.
"""

from __future__ import annotations

from workflow.errors import InputError, TandemError
from workflow.i18n import N_, _
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


def waits_for(state: S, roles, *, locked: bool = False) -> bool:
    """Whether a segment in `state` waits for someone holding any of `roles` (Role values)."""
    return not locked and bool(WAITING_FOR[state] & {str(role) for role in roles})


# A locked segment's text is the file's to keep (XLIFF translate="no": a product name, a code, a
# byline), so it is nobody's work: no one edits, approves or rejects it, no check judges it, and no
# figure of work (untranslated, words left, what waits for whom, sign-off readiness) counts it,
# whatever its state says. Progress figures count it apart, under this key.
LOCKED = "locked"


class SegmentLocked(InputError):
    """A change to a segment the file marked not to be translated."""


LOCKED_PROBLEM = N_("is locked: the file marks it not to be translated")


def _locked(index: int) -> SegmentLocked:
    return SegmentLocked(_("segment {index}").format(index=index), _(LOCKED_PROBLEM))


def refuse_locked(locked: bool, index: int) -> None:
    """Every write to a segment's English or state calls this before writing anything."""
    if locked:
        raise _locked(index)


def locked_refusal(segment) -> str | None:
    """What every interface says to a change of a locked segment (the refusal's own words), or None
    where the segment may change."""
    return None if is_work(segment) else str(_locked(segment.index))


def is_work(segment) -> bool:
    """Whether a segment (anything with .locked) counts in progress, checks and readiness."""
    return not segment.locked


def untranslated(segment) -> bool:
    """No English yet and someone's work to give it some (a locked segment is never untranslated)."""
    return is_work(segment) and segment.state is S.EMPTY


def progress_key(segment) -> str:
    """Where a segment counts in progress figures: its state, or LOCKED."""
    return S(segment.state).value if is_work(segment) else LOCKED
