"""Putting an imported pairing right: the four moves of English between segments, worked out on texts.

The aligner can pair the English one segment off from some point on (a paragraph the draft dropped,
merged or split). The translator repairs that with four moves, each a shift of English over a
stretch of segments:

    down   segment N's English and those after it move one segment down; N is left empty
    up     segment N's English joins segment N-1's; those after it move one segment up
    join   segment N's English takes segment N+1's; those after it move one segment up
    split  segment N keeps its first K sentences; the rest becomes N+1's, and those after move down

A stretch ends at `through`. By default a push (down, split) stops at the first empty segment below,
which takes the English pushed into it (where the aligner left a gap one segment off, the gap is
filled rather than pushed on down the document), else it runs to the last segment; a pull (up,
join) runs to the last segment, which is left empty. Whatever a push would carry past `through` is
joined onto the stretch's last segment, so no text is ever lost. Every plan also names the moves that undo it,
checked by applying them: they put every text back as it was.

Pure functions on texts, shared by the use case (workflow.pairing), which writes the plan, and the
interfaces, which show it before asking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from workflow.errors import InputError
from workflow.i18n import _
from workflow.models.core import Role, Segment, SegmentState
from workflow.models.voids import Voids
from workflow.names import name
from workflow.sentences import split_sentences


class Move(StrEnum):
    DOWN = "down"
    UP = "up"
    JOIN = "join"
    SPLIT = "split"


PUSHES = (Move.DOWN, Move.SPLIT)


@dataclass(frozen=True)
class Operation:
    move: Move
    index: int  # the segment the person acts on (1-based)
    at: int | None = None  # split only: how many sentences segment `index` keeps
    through: int | None = None  # the last segment the shift reaches; None: the default (above)

    def describe(self) -> str:
        """One line in the interface language: "move the English down from segment 5 through 16"."""
        words = {
            Move.DOWN: _("move the English down from segment {index}"),
            Move.UP: _("move the English up from segment {index}"),
            Move.JOIN: _("join segment {index} with the next one"),
            Move.SPLIT: _("split segment {index} after sentence {at}"),
        }[self.move].format(index=self.index, at=self.at)
        if self.through is not None:
            words += " " + _("(through segment {through})").format(through=self.through)
        return words


@dataclass(frozen=True)
class PairRow:
    """One segment of a stretch: its Korean, its English now and after the move."""

    index: int
    source: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Plan:
    operation: Operation  # with `through` resolved
    rows: tuple[PairRow, ...]  # the stretch, first segment to last, changed or not
    undo: tuple[Operation, ...]  # applied in order they restore every text; () where none can

    @property
    def changes(self) -> tuple[PairRow, ...]:
        return tuple(row for row in self.rows if row.changed)

    @property
    def changed(self) -> tuple[int, ...]:
        return tuple(row.index for row in self.changes)


@dataclass(frozen=True)
class Repaired:
    """What a move wrote: the plan, the segments it changed as they stand now, and what it voided."""

    plan: Plan
    segments: tuple[Segment, ...]
    revisions: dict[int, int]  # segment index -> its new revision
    voided: dict[int, SegmentState] = field(default_factory=dict)  # translated or approved, now draft
    voided_signoffs: tuple[Role, ...] = ()


# texts ------------------------------------------------------------------------------------------

def blank(text: str) -> bool:
    return not text.strip()


def join(first: str, second: str) -> str:
    """Two segments' English as one, with a space between (an empty one adds nothing)."""
    if blank(second):
        return first
    if blank(first):
        return second
    return first.rstrip() + " " + second.lstrip()


def sentence_starts(text: str) -> list[int]:
    """Where each sentence after the first begins in `text` (offsets): the places a split may cut.

    The sentence splitter works on whitespace-normalised text; its sentences are found again in the
    text as it is, a space in a sentence matching any run of whitespace."""
    starts: list[int] = []
    at = 0
    for number, sentence in enumerate(split_sentences(text, "en")) if text.strip() else ():
        while at < len(text) and text[at].isspace():
            at += 1
        if number:
            starts.append(at)
        for ch in sentence:
            if ch == " ":
                while at < len(text) and text[at].isspace():
                    at += 1
            elif at < len(text) and text[at] == ch:
                at += 1
            else:  # never expected: the splitter only slices; find the rest of the sentence plainly
                found = text.find(ch, at)
                at = found + 1 if found >= 0 else len(text)
    return starts


def sentences(text: str) -> list[str]:
    """The English cut where a split may cut it, as it reads (each piece stripped)."""
    cuts = [0, *sentence_starts(text), len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def cut(text: str, at: int) -> tuple[str, str]:
    """The first `at` sentences, and the rest."""
    starts = sentence_starts(text)
    if not 1 <= at <= len(starts):
        raise ValueError(at)
    offset = starts[at - 1]
    return text[:offset].rstrip(), text[offset:]


# planning ---------------------------------------------------------------------------------------

def _where(index: int) -> str:
    return _("segment {index}").format(index=index)


def default_through(texts: Sequence[str], move: Move, index: int) -> int:
    """The stretch a move reaches when the person names no end (see the module's docstring)."""
    last = len(texts)
    if move in PUSHES:
        return next((j for j in range(index + 1, last + 1) if blank(texts[j - 1])), last)
    return last


def resolve(texts: Sequence[str], operation: Operation) -> Operation:
    """The operation with its stretch's end decided, or InputError saying why it cannot be done."""
    last, index, move = len(texts), operation.index, operation.move
    if not 1 <= index <= last:
        raise InputError(_where(index), _("out of range: the document has segments 1 to {last}").format(last=last))
    if move is Move.UP and index == 1:
        raise InputError(_where(index), _("is the first segment; there is no segment above to move its English to"))
    if move is not Move.UP and index == last:
        raise InputError(_where(index), _("is the last segment; there is no segment below to take English"))
    if move is Move.SPLIT:
        count = len(sentence_starts(texts[index - 1])) + 1
        if operation.at is None or not 1 <= operation.at < count:
            if count < 2:
                problem = _("its English is one sentence (or none); there is nothing to split")
            elif count == 2:
                problem = _("{at} is not a sentence boundary of its English: it has two sentences, so give 1 "
                            "(the sentences it keeps)").format(at=operation.at)
            else:
                problem = _("{at} is not a sentence boundary of its English: give 1 to {most} (the sentences "
                            "it keeps)").format(at=operation.at, most=count - 1)
            raise InputError(_where(index), problem)
    through = operation.through if operation.through is not None else default_through(texts, move, index)
    first = index if move is Move.UP else index + 1  # the stretch must reach at least this far
    if not first <= through <= last:
        raise InputError(_("through segment {through}").format(through=through),
                         _("the stretch must end between segment {first} and {last}").format(first=first, last=last))
    return replace(operation, through=through, at=operation.at if move is Move.SPLIT else None)


def _fit(pieces: list[str], slots: int) -> list[str]:
    """`pieces` into `slots` segments: whatever does not fit is joined onto the last of them."""
    while len(pieces) > slots:
        tail = pieces.pop()
        pieces[-1] = join(pieces[-1], tail)
    return pieces


def apply(texts: Sequence[str], operation: Operation) -> list[str]:
    """Every segment's English after the (resolved) operation."""
    new = list(texts)
    op = operation
    assert op.through is not None
    i, t = op.index, op.through
    if op.move is Move.DOWN:
        new[i - 1:t] = _fit(["", *texts[i - 1:t]], t - i + 1)
    elif op.move is Move.SPLIT:
        assert op.at is not None
        left, right = cut(texts[i - 1], op.at)
        new[i - 1:t] = _fit([left, right, *texts[i:t]], t - i + 1)
    else:
        receiver = i - 1 if op.move is Move.UP else i
        new[receiver - 1:t] = [join(texts[receiver - 1], texts[receiver]), *texts[receiver + 1:t], ""]
    return new


def plan(segments: Sequence[Segment], operation: Operation) -> Plan:
    """What the operation does to the document's English: the stretch before and after, and its undo.
    InputError where it cannot be done, or would change nothing."""
    texts = [s.target for s in segments]
    op = resolve(texts, operation)
    after = apply(texts, op)
    assert op.through is not None
    first = op.index - 1 if op.move is Move.UP else op.index
    rows = tuple(PairRow(j, segments[j - 1].source, texts[j - 1], after[j - 1]) for j in range(first, op.through + 1))
    if not any(row.changed for row in rows):
        raise InputError(_where(op.index), _("nothing to move: the English from here on is empty"))
    return Plan(op, rows, _undo(texts, after, op))


def _same(a: Sequence[str], b: Sequence[str]) -> bool:
    return [" ".join(t.split()) for t in a] == [" ".join(t.split()) for t in b]


def _undo(before: list[str], after: list[str], op: Operation) -> tuple[Operation, ...]:
    """The moves that take `after` back to `before`, checked by applying them; () where none do."""
    t = op.through
    assert t is not None
    if op.move in PUSHES:
        # A push is undone by a pull at the same place (a split by the join; a move down from the
        # first segment, which has none above, by a move up of the English it pushed)...
        moves = [Operation(Move.JOIN, op.index, through=t) if op.move is Move.SPLIT
                 else Operation(Move.UP, max(op.index, 2), through=t)]
        if not blank(before[t - 1]):
            # ...and where it joined the English that fell off the stretch onto its last segment,
            # by cutting that off again.
            moves.append(_unjoin(before[t - 2], before[t - 1], t - 1, t))
    else:
        receiver = op.index - 1 if op.move is Move.UP else op.index
        moves = [_unjoin(before[receiver - 1], before[receiver], receiver, t)]
    undo: list[Operation] = []
    texts = after
    try:
        for move in moves:
            move = resolve(texts, move)
            texts = apply(texts, move)
            undo.append(move)
    except (InputError, ValueError):
        return ()
    return tuple(undo) if _same(texts, before) else ()


def _unjoin(first: str, second: str, index: int, through: int) -> Operation:
    """The move that parts `first` and `second`, joined in segment `index`, into `index` and `index`+1
    again (the segments after moving down with them): a split at the joint, or a push where one of
    the two was empty. A joint inside a sentence cannot be split at: `at` 0, which resolve refuses."""
    if blank(first):
        return Operation(Move.DOWN, index, through=through)
    if blank(second):
        return Operation(Move.DOWN, index + 1, through=through)
    joint = len(first.rstrip()) + 1
    starts = sentence_starts(join(first, second))
    return Operation(Move.SPLIT, index, at=starts.index(joint) + 1 if joint in starts else 0, through=through)


# what a move voids -------------------------------------------------------------------------------

def describe_voids(voids: Iterable[Voids]) -> str | None:
    """"segments 4 and 7 are approved (by Robert Lauler); the move voids the editor's sign-off", or None."""
    voids = [v for v in voids if v is not None]
    if not voids:
        return None
    approved = [v for v in voids if v.approved_by]
    signoffs = next((v.signoffs for v in voids if v.signoffs), ())
    parts = []
    if approved:
        who = sorted({v.approved_by for v in approved if v.approved_by})
        parts.append(_("approved segments go back to draft: {indexes} (approved by {names})").format(
            indexes=", ".join(str(v.index) for v in approved), names=", ".join(who)))
    if signoffs:
        roles = ", ".join(_("the {role}'s").format(role=name(role)) for role, _who in signoffs)
        parts.append(_("the move voids {roles} sign-off").format(roles=roles))
    return "; ".join(parts)
