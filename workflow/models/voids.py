"""What a change to a segment's English would take away, asked before the first key is written.

An approval binds an exact revision and a sign-off the whole document's exact texts, so the first
edit of an approved segment, or of any segment of a signed-off document, voids them. DESIGN §2:
that is never silent; the editor names what will be voided and writes nothing until the person
agrees. The rule lives here so the editor, the review screen and any later front end ask alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workflow.i18n import _
from workflow.models.core import Role, Segment, SegmentState, SignOff
from workflow.names import name


@dataclass(frozen=True)
class Voids:
    index: int
    approved_by: str | None  # whose approval of the current text an edit ends
    signoffs: tuple[tuple[Role, str], ...]  # (role, display name) of the document sign-offs that hold

    def describe(self) -> str:
        """"approved by Robert Lauler; editing voids the editor's and the translator's sign-offs"."""
        parts = []
        if self.approved_by:
            parts.append(_("approved by {name}").format(name=self.approved_by))
        if self.signoffs:
            roles = [_("the {role}'s").format(role=name(role)) for role, _who in self.signoffs]
            joined = roles[0] if len(roles) == 1 else _("{first} and {second}").format(
                first=", ".join(roles[:-1]), second=roles[-1])
            parts.append(_("editing voids {roles} sign-off").format(roles=joined) if len(roles) == 1
                         else _("editing voids {roles} sign-offs").format(roles=joined))
        elif self.approved_by:
            parts.append(_("editing sends it back to draft and voids the approval"))
        return "; ".join(parts)


def edit_voids(segment: Segment, approver: str | None, signoffs: Iterable[SignOff]) -> Voids | None:
    """None when the segment can be edited without voiding anything a person signed."""
    held = sorted(((s.role, s.display_name) for s in signoffs if s.valid),
                  key=lambda pair: pair[0] is not Role.EDITOR)  # the editor's first: it is the later word
    approved = approver if segment.state is SegmentState.APPROVED else None
    if segment.state is SegmentState.APPROVED and approved is None:
        approved = _("an editor")  # approved before approvals named their revision: still say so
    if approved is None and not held:
        return None
    return Voids(segment.index, approved, tuple(dict.fromkeys(held)))


def approvers(approvals: Iterable[tuple[int, int, str]], segments: Iterable[Segment]) -> dict[int, str]:
    """Segment index -> the display name of whoever approved its current revision, from approvals
    given as (segment index, revision id, approver's name), oldest first."""
    current = {s.index: s.revision_id for s in segments}
    found: dict[int, str] = {}
    for index, revision_id, approver in approvals:  # oldest first, so the newest approval of a revision wins
        if current.get(index) == revision_id:
            found[index] = approver
    return found


@dataclass(frozen=True)
class EditGuard:
    """What a document's approvals and sign-offs say about editing its segments, read once and
    asked per segment as the screen moves (segments change under it; the names do not)."""

    approvers: Mapping[int, str]
    signoffs: tuple[SignOff, ...]

    def voids(self, segment: Segment) -> Voids | None:
        return edit_voids(segment, self.approvers.get(segment.index), self.signoffs)
