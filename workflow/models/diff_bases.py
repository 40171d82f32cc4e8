"""What a review diff compares against: the imported draft, the translator's signed text, or the
previous revision. One rule for every screen that draws a review diff.

After the translator signs off, the signed text is the natural base (what the editor changed); the
draft shows what the translator did; the previous revision shows the last step alone. The texts come
from the segment's own line of revisions: a save kept aside (merged or in conflict) never was the
segment's text, so it is never a base.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workflow.diffs import effort
from workflow.i18n import N_, _
from workflow.models.core import Revision, Segment


class DiffBase(StrEnum):
    SIGNED = "signed"  # the translator's signed text (the draft while nobody signed)
    DRAFT = "draft"  # the segment's first revision: the imported English, or the first typed
    PREVIOUS = "previous"  # the revision the current text was made from


BASE_ORDER = (DiffBase.SIGNED, DiffBase.DRAFT, DiffBase.PREVIOUS)
BASE_NAMES = {DiffBase.SIGNED: N_("the translator's sign-off"), DiffBase.DRAFT: N_("the imported draft"),
              DiffBase.PREVIOUS: N_("the previous revision")}


def next_base(base: DiffBase) -> DiffBase:
    return BASE_ORDER[(BASE_ORDER.index(base) + 1) % len(BASE_ORDER)]


def base_name(base: DiffBase, *, signed: bool) -> str:
    """The base in words, as a header says it ("since {name}")."""
    if base is DiffBase.SIGNED and not signed:
        return _("the imported draft") + " " + _("(no translator sign-off yet)")
    return _(BASE_NAMES[base])


@dataclass(frozen=True)
class Bases:
    """A segment's three base texts; None where there is no such text (no revision before the first)."""

    draft: str | None
    signed: str | None
    previous: str | None

    def text(self, base: DiffBase) -> str | None:
        return {DiffBase.DRAFT: self.draft, DiffBase.SIGNED: self.signed, DiffBase.PREVIOUS: self.previous}[base]


@dataclass(frozen=True)
class Measured:
    """The current text against one base: what the diff starts from and the effort between them."""

    base: str  # "" where the base has no text
    changed: int
    words: int
    differs: bool  # the texts differ: never "unchanged", whatever the word count says


def measure(bases: Bases, base: DiffBase, text: str) -> Measured:
    old = bases.text(base)
    if old is None:
        old = text if base is DiffBase.PREVIOUS else ""  # the first revision has no step before it
    measured = effort(old, text)
    return Measured(old, measured.changed, measured.words, old != text)


def segment_bases(segments: Sequence[Segment], history: Sequence[Revision],
                  signed: Mapping[int, str] | None) -> dict[int, Bases]:
    """Per segment index, its three bases.

    `history` is the document's revisions (Workspace.documents.history); `signed` the text each segment had
    at the translator's latest sign-off, None when nobody signed (the draft stands in for it).
    """
    by_id = {r.id: r for r in history}
    first: dict[int, str] = {}
    for revision in history:
        if not revision.aside:
            first.setdefault(revision.segment_index, revision.text)
    bases = {}
    for segment in segments:
        current = by_id.get(segment.revision_id) if segment.revision_id is not None else None
        parent = by_id.get(current.parent_id) if current is not None and current.parent_id is not None else None
        draft = first.get(segment.index)
        signed_text = draft if signed is None else signed.get(segment.index, draft)
        bases[segment.index] = Bases(draft, signed_text, parent.text if parent is not None else None)
    return bases
