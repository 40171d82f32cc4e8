"""Finding a glossary rendering in an English target segment, tolerant of inflection and typography.

A segment is analysed once (tokens, normalized forms, Snowball stems) and then asked about many
phrases; phrases are analysed once per process (lru_cache), since the same renderings come back for
every segment. A phrase matches consecutive tokens with equal stems, joined only by spaces or
hyphens (any kind, line breaks included), so "security guidance officers’" matches "security
guidance officer" and "currency-\\nearning" matches "currency earning".
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import Stemmer

__all__ = ["EnglishHit", "EnglishText"]

# Apostrophes are folded before anything else: the stemmer only knows the straight one.
_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "\u2032", "\uff07")
# A word: letters/digits (\w), then inner or trailing apostrophes (officer's, officers') and soft
# hyphens. The simplest pattern that does this is also the fastest to scan (~3 µs a sentence).
_WORD = re.compile(r"\w[\w'\xad]*")
# Joins the words of one phrase: spaces of any kind, line breaks, hyphens of any kind.
_SOFT = re.compile(r"[\s\-\u00ad\u2010\u2011\u2012\u2013\u2212\u2043\ufe63\uff0d]+")

_local = threading.local()  # a PyStemmer Stemmer is not safe to share between threads
# Stems by lower-case word: a dict lookup per word (run in C through map) costs a fraction of
# stemming it again, and news copy repeats a small vocabulary. Cleared when it grows too large.
_stems: dict[str, str] = {}
_STEMS_MAX = 200_000


def _stem_words(words: list[str]) -> list[str]:
    cached = list(map(_stems.get, words))
    if None not in cached:
        return cast("list[str]", cached)  # every word's stem was in the cache: no None left
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    missing = [w for w, stem in zip(words, cached) if stem is None]
    new: dict[str, str] = dict(zip(missing, stemmer.stemWords(missing)))
    stems = [new[w] if stem is None else stem for w, stem in zip(words, cached)]
    if len(_stems) > _STEMS_MAX:
        _stems.clear()
    _stems.update(new)
    return stems


@lru_cache(maxsize=4096)
def _joint(gap: str) -> str:
    """How a gap joins two words: "" for space/hyphen variants, else its punctuation without spaces."""
    return "" if _SOFT.fullmatch(gap) else "".join(gap.split())


def _fold_apostrophes(text: str) -> str:
    # One for one, so offsets into the result are offsets into the text.
    for apostrophe in _APOSTROPHES:
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


def _words(text: str) -> tuple[list[str], list[str], list[str]]:
    """(words, surfaces, stems) of text with apostrophes folded: words as in the text, surfaces
    without soft hyphens, and their stems. All of it runs in C: this is the per-segment cost."""
    words = _WORD.findall(text)
    surfaces = [word.replace("\xad", "") for word in words] if "\xad" in text else words
    return words, surfaces, _stem_words(" ".join(surfaces).lower().split(" ")) if words else []


def _spans(text: str, words: list[str]) -> list[int]:
    """Start of word k at [2k], its end at [2k + 1]. Between two words lies no word character, so
    each word is the first occurrence of itself after the previous one."""
    offsets: list[int] = []
    pos, find = 0, text.find
    for word in words:
        pos = find(word, pos)
        offsets += (pos, pos + len(word))
        pos += len(word)
    return offsets


@dataclass(frozen=True, slots=True)
class _Phrase:
    surfaces: tuple[str, ...]
    stems: tuple[str, ...]
    joints: tuple[str, ...]  # joints[k] joins word k-1 and word k; joints[0] is unused
    # Substrings any matching text must contain, to skip analysing most segments at all. Snowball
    # English only rewrites the last two letters of what becomes the stem (happy -> happi,
    # possibility -> possibl, dying -> die), so every word with stem S starts with S[:-2] (checked
    # on the 70,000 distinct words of the test corpora and in the tests).
    needles: tuple[str, ...]


@lru_cache(maxsize=8192)
def _phrase(phrase: str) -> _Phrase:
    phrase = _fold_apostrophes(phrase)
    words, surfaces, stems = _words(phrase)
    spans = _spans(phrase, words)
    gaps = [phrase[spans[2 * k - 1]:spans[2 * k]] for k in range(1, len(words))]
    needles = tuple(dict.fromkeys(stem[:-2] for stem in stems if len(stem) > 2))
    return _Phrase(tuple(surfaces), tuple(stems), ("", *map(_joint, gaps)), needles)


def _same_case(seen: str, wanted: str) -> bool:
    """Exact case over the part the two forms share (officers vs officer: "officer")."""
    shared = 0
    for a, b in zip(seen.lower(), wanted.lower()):
        if a != b:
            break
        shared += 1
    return shared > 0 and seen[:shared] == wanted[:shared]


def _clitic(seen: str, wanted: str) -> int:
    """Length of a possessive ending the text adds to the phrase's last word ('s, or ' after a
    plural), left out of the span: "Labor Party’s" shows the rendering "Labor Party"."""
    for clitic in ("'s", "'S", "'"):
        if seen.endswith(clitic) and not wanted.endswith(clitic) and len(seen) > len(clitic):
            return len(clitic)
    return 0


@dataclass(frozen=True, slots=True)
class EnglishHit:
    phrase: str  # the rendering as written in the entry
    start: int
    end: int
    text: str  # the span in the target text as given


class EnglishText:
    """A target segment analysed once (tokens, normalized forms, stems), then asked about many phrases.

    The analysis waits for the first phrase that could be present at all (see _Phrase.needles):
    most renderings asked about are absent, and a substring test is far cheaper than tokenizing.
    """

    __slots__ = ("text", "_folded", "_lower", "_words", "_surfaces", "_stems", "_spans")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = _fold_apostrophes(text)
        lower = self._folded.lower()
        self._lower = lower.replace("\xad", "") if "\xad" in lower else lower
        self._stems: list[str] | None = None
        self._spans: list[int] | None = None

    def find(self, phrase: str, *, case_sensitive: bool = False) -> list[EnglishHit]:
        """Non-overlapping occurrences of the phrase, inflected or not, in text order."""
        wanted = _phrase(phrase)
        if not wanted.stems or any(needle not in self._lower for needle in wanted.needles):
            return []
        if self._stems is None:
            self._words, self._surfaces, self._stems = _words(self._folded)
        stems = self._stems
        if wanted.stems[0] not in stems:
            return []
        hits: list[EnglishHit] = []
        n, first, i = len(wanted.stems), wanted.stems[0], -1
        while True:
            try:
                i = stems.index(first, i + 1)
            except ValueError:
                return hits
            if i + n > len(stems) or not self._matches(i, wanted, case_sensitive):
                continue
            spans = self._spans or self._compute_spans()
            start, end = spans[2 * i], spans[2 * (i + n) - 1] - _clitic(self._words[i + n - 1], wanted.surfaces[-1])
            hits.append(EnglishHit(phrase, start, end, self.text[start:end]))
            i += n - 1  # hits of one phrase do not overlap

    def _matches(self, i: int, wanted: _Phrase, case_sensitive: bool) -> bool:
        stems = self._stems
        assert stems is not None  # only find calls this, after it has set _stems
        if any(stems[i + k] != wanted.stems[k] for k in range(1, len(wanted.stems))):
            return False
        if len(wanted.stems) > 1:
            spans, folded = self._spans or self._compute_spans(), self._folded
            if any(_joint(folded[spans[2 * k - 1]:spans[2 * k]]) != wanted.joints[k - i]
                   for k in range(i + 1, i + len(wanted.stems))):
                return False
        return not case_sensitive or all(
            _same_case(self._surfaces[i + k], word) for k, word in enumerate(wanted.surfaces))

    def _compute_spans(self) -> list[int]:
        self._spans = _spans(self._folded, self._words)
        return self._spans
