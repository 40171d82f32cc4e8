"""Three-way merge of one segment's English: two people's changes to the same base text.

Both sides are diffed against the base word by word (each word, run of spaces and punctuation mark
is one private-use character, as in workflow.diffs), so "different words" means different tokens.
Each side's changes become hunks: a range of base tokens and what replaces it. Two hunks overlap
when their base ranges intersect or touch (an insertion at the edge of the other's change has no
order anyone chose); identical hunks on both sides are one change made twice, not a conflict.

Without overlap, mine's changes are carried onto theirs with diff-match-patch (patch_make against
the base, patch_apply to theirs) and the result is compared with the merge built directly from the
hunks, which is exact: hunks that neither intersect nor touch replace disjoint stretches of the same
base, so they commute. patch_apply finds a patch by its context, and that context can hold the other
side's change (short texts, repeated words: about 3 in 100 random adjacent-word edits); then it may
drop or misplace a change. So the hunk-built text is what is returned, and `applied` says whether
patch_apply agreed, for the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

EQUAL, INSERT, DELETE = 0, 1, -1
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_BASE = 0xF0000  # supplementary private use plane: never in news copy


@dataclass(frozen=True)
class Hunk:
    start: int  # base token range [start, end) the change replaces; start == end for an insertion
    end: int
    text: str  # replacement, encoded


@dataclass(frozen=True)
class Merge:
    text: str | None  # the merged text; None when the changes cannot be combined
    overlap: bool  # some change of mine touches a change of theirs in the base
    applied: bool  # every diff-match-patch patch applied and agreed with the hunk-built merge

    @property
    def clean(self) -> bool:
        return self.text is not None


class _Codec:
    """One vocabulary for the three texts, so equal words encode to equal characters."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._tokens: list[str] = []

    def encode(self, text: str) -> str:
        out = []
        for token in _TOKEN.findall(text):
            code = self._codes.get(token)
            if code is None:
                code = chr(_BASE + len(self._tokens))
                self._codes[token] = code
                self._tokens.append(token)
            out.append(code)
        return "".join(out)

    def decode(self, encoded: str) -> str:
        return "".join(self._tokens[ord(c) - _BASE] for c in encoded)


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # exact diffs: a merge decision must not depend on the clock
    return engine


def _hunks(diffs: list[tuple[int, str]]) -> list[Hunk]:
    """Changed base ranges, adjacent deletions and insertions joined into one hunk."""
    hunks: list[Hunk] = []
    at = 0
    inserted: list[str] = []
    start, open_ = 0, False
    for op, chunk in diffs:
        if op == EQUAL:
            if open_:
                hunks.append(Hunk(start, at, "".join(inserted)))
                open_, inserted = False, []
            at += len(chunk)
            continue
        if not open_:
            start, open_ = at, True
        if op == DELETE:
            at += len(chunk)
        else:
            inserted.append(chunk)
    if open_:
        hunks.append(Hunk(start, at, "".join(inserted)))
    return hunks


def _touch(a: Hunk, b: Hunk) -> bool:
    return a.start <= b.end and b.start <= a.end


def _build(base: str, hunks: list[Hunk]) -> str:
    out, at = [], 0
    for hunk in sorted(hunks, key=lambda h: (h.start, h.end)):
        out.append(base[at:hunk.start])
        out.append(hunk.text)
        at = hunk.end
    out.append(base[at:])
    return "".join(out)


def merge3(base: str, mine: str, theirs: str) -> Merge:
    """Combine mine's and theirs' changes to base, or say why they cannot be combined."""
    if mine == theirs or mine == base:
        return Merge(theirs, False, True)
    if theirs == base:
        return Merge(mine, False, True)
    codec = _Codec()
    b, m, t = codec.encode(base), codec.encode(mine), codec.encode(theirs)
    engine = _engine()
    ours, their_hunks = _hunks(engine.diff_main(b, m, False)), _hunks(engine.diff_main(b, t, False))
    ours = [h for h in ours if h not in set(their_hunks)]  # theirs already holds those
    if any(_touch(o, h) for o in ours for h in their_hunks):
        return Merge(None, True, False)
    expected = _build(b, ours + their_hunks)
    patches = engine.patch_make(b, _build(b, ours))
    patched, results = engine.patch_apply(patches, t)
    return Merge(codec.decode(expected), False, all(results) and patched == expected)
