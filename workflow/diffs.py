"""Word-level diffs with diff-match-patch, and the post-editing effort figure built on them.

diff-match-patch diffs characters; mapping each distinct word (and each run of spaces or
punctuation mark) to one private-use character first makes it diff words, as its own line-mode
does for lines, and semantic cleanup then keeps the result readable. Hangul words are \\w, so
eojeol diff whole; punctuation is its own token, so "officers." against "officers," changes only
the mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

EQUAL, INSERT, DELETE = 0, 1, -1
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_BASE = 0xF0000  # planes 15-16, private use: never in news copy; room for 131,072 distinct tokens


@dataclass(frozen=True)
class Effort:
    changed: int  # word edits: per changed stretch, the larger of words removed and words added
    words: int  # words in the old text

    @property
    def ratio(self) -> float:
        return self.changed / self.words if self.words else (1.0 if self.changed else 0.0)


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # a paragraph diffs in milliseconds; never trade accuracy for time
    return engine


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """(op, text) pairs, op -1 deleted, 0 kept, 1 inserted; the texts concatenate to old and new."""
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in _TOKEN.findall(text):
            code = vocabulary.get(token)
            if code is None:
                code = chr(_BASE + len(tokens))
                vocabulary[token] = code
                tokens.append(token)
            out.append(code)
        return "".join(out)

    engine = _engine()
    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_cleanupSemantic(diffs)
    return [(op, "".join(tokens[ord(c) - _BASE] for c in chunk)) for op, chunk in diffs if chunk]


def effort(old: str, new: str, diff: list[tuple[int, str]] | None = None) -> Effort:
    """Words changed: per changed stretch, the larger of old and new words it touches.

    A word here is what spaces delimit, so a stretch inside one ("Workers'" to "Workers’", "officers."
    to "officers,") changes that word: a changed text never measures 0. Each word counts once however
    many stretches touch it; a stretch of spaces alone touches the words either side of it.
    """
    if old == new:  # most segments of a reviewed article: no diff to run
        return Effort(0, _words(old))
    diff = word_diff(old, new) if diff is None else diff
    old_words, new_words = _Spans(old), _Spans(new)
    changed = 0
    counted_old: set[int] = set()
    counted_new: set[int] = set()
    removed: set[int] = set()
    added: set[int] = set()
    at_old = at_new = 0
    for op, text in diff + [(EQUAL, "")]:
        if op == EQUAL:
            if removed or added:
                changed += max(len(removed - counted_old), len(added - counted_new))
                counted_old |= removed
                counted_new |= added
            removed, added = set(), set()
            at_old += len(text)
            at_new += len(text)
        elif op == DELETE:
            removed |= old_words.touched(at_old, at_old + len(text))
            at_old += len(text)
        else:
            added |= new_words.touched(at_new, at_new + len(text))
            at_new += len(text)
    return Effort(changed, _words(old))


class _Spans:
    """A text's space-delimited words as character spans, numbered in order."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in re.finditer(r"\S+", text)]

    def touched(self, start: int, end: int) -> set[int]:
        inside = {i for i, (s, e) in enumerate(self.spans) if s < end and start < e}
        if inside or start == end:
            return inside
        # Only spaces changed: the words they join or part are the ones changed.
        return {i for i, (s, e) in enumerate(self.spans) if e == start or s == end}


def _words(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text) if token[0].isalnum() or token[0] == "_")


def patch_text(old: str, diff: list[tuple[int, str]]) -> str:
    """Apply a word diff to `old` through diff-match-patch patches (what a merge would do)."""
    engine = _engine()
    patched, applied = engine.patch_apply(engine.patch_make(old, diff), old)
    if not all(applied):
        raise ValueError("the diff does not apply to this text")
    return patched
