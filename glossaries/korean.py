"""Finding glossary terms in Korean source text.

One Aho-Corasick automaton holds every Korean form of every term, folded (North/South spelling) and
stripped of spaces; the text is folded and stripped the same way in one str.translate pass and
scanned once with overlapping matches. Each candidate is then checked against the rules:

- spaces: the text may omit a space the entry has (해외 노동자 ~ 해외노동자), but a space in the text
  never falls where the entry has none (미 국무장관 does not hold 미국);
- boundaries: a term must start a word; whatever follows (particles, 들, suffixes such as 군) is free.
  A candidate inside a word is accepted only if it is a word of that compound (morphology.py);
- short terms after a closing mark: a term of one or two syllables right after a closing quote or
  bracket ('옥(獄)'이란, "핵"이라, '전쟁'인도) may be the quotative particle or a copula ending of the
  quoted word; it is accepted only where kiwi reads it as a noun in its sentence (morphology.py);
- leftmost-longest among the candidates that pass: candidates are taken in start order, the
  longest first among those starting together, and an accepted hit shadows every candidate that
  overlaps it (보위지도원 over 지도원), which also spares morphology for candidates that cannot win.
  A candidate that fails a rule shadows nothing, so a shorter or later one can still match.

The two morphology questions go to the matcher's Decider: kiwi in this process by default, or what an
application stored (workflow.word_decisions), so that matching need not load the model at all.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from unicodedata import is_normalized

from ahocorasick_rs import AhoCorasick, MatchKind

from .i18n import _
from .folding import STRIP_TABLE, WHITESPACE, fold_key, fold_strip_table, is_unfolded_initial, to_nfc
from .model import Term
from .morphology import COMPOUND, MODEL, NOUN, SHORT_TERM, Decider, preload_morphology, sentence_around

__all__ = ["FormFilter", "KoreanHit", "KoreanMatcher", "preload_morphology"]

_RUN = re.compile(f"[{re.escape(WHITESPACE)}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class KoreanHit:
    """One term found in the text: which entry form, where, and whether spelling folding was needed."""

    term: Term
    form: str  # the entry's Korean form that matched, as written in the entry
    start: int  # offsets into the text exactly as passed to find()
    end: int
    text: str  # text[start:end]
    spelling_variant: bool  # matched only through North/South Korean spelling folding

    def explain(self) -> str:
        """E.g. "로동당 = 노동당 (North Korean spelling) for Workers' Party"."""
        seen = unicodedata.normalize("NFC", self.text)
        notes = []
        if self.spelling_variant:
            notes.append(_spelling_side(seen.translate(STRIP_TABLE), self.form.translate(STRIP_TABLE)))
        if _gaps(seen) != _gaps(self.form):
            notes.append(_("spaced differently"))
        if self.form != self.term.ko:
            form, headword = self.form.translate(STRIP_TABLE), self.term.ko.translate(STRIP_TABLE)
            if form != headword and fold_key(form) == fold_key(headword):  # 로동당 listed under 노동당
                notes.append(_("listed {spelling} of {headword}").format(spelling=_spelling_side(form, headword),
                                                                          headword=self.term.ko))
            else:
                notes.append(_("listed form of {headword}").format(headword=self.term.ko))
        head = seen if seen == self.form else f"{seen} = {self.form}"
        if notes:
            return _("{text} ({notes}) for {english}").format(text=head, notes="; ".join(notes), english=self.term.en)
        return _("{text} for {english}").format(text=head, english=self.term.en)


def _gaps(text: str) -> frozenset[int]:
    """Offsets in the space-free text before which `text` has whitespace."""
    return frozenset(_whitespace_runs(text, len(text) - len(text.translate(STRIP_TABLE)))[0])


def _spelling_side(seen: str, form: str) -> str:
    for s, f in zip(seen, form):
        if s != f:
            return _("North Korean spelling") if is_unfolded_initial(s) else _("South Korean spelling")
    return _("North Korean spelling")


@dataclass(frozen=True, slots=True)
class _Form:
    term: Term
    form: str  # NFC, single spaces
    bare: str  # the form without spaces, unfolded
    gaps: frozenset[int]  # positions in `bare` before which the entry has a space


def _entry_form(term: Term, form: str) -> _Form | None:
    form = " ".join(unicodedata.normalize("NFC", form).split())
    if not form:
        return None
    gaps: set[int] = set()
    bare: list[str] = []
    for word in form.split(" "):
        if bare:
            gaps.add(sum(map(len, bare)))
        bare.append(word)
    return _Form(term, form, "".join(bare), frozenset(gaps))


class KoreanMatcher:
    """All Korean forms of a glossary in one automaton; find() is cheap enough for every keystroke."""

    def __init__(self, terms: Iterable[Term], decider: Decider | None = None) -> None:
        by_key: dict[str, list[_Form]] = {}
        for term in terms:
            for form in term.korean_forms:
                entry = _entry_form(term, form)
                if entry is not None:
                    by_key.setdefault(fold_key(entry.bare), []).append(entry)
        self._forms = [tuple(forms) for forms in by_key.values()]
        self._spaced = [any(f.gaps for f in forms) for forms in self._forms]
        self._automaton = AhoCorasick(list(by_key), matchkind=MatchKind.Standard) if by_key else None
        self._table = fold_strip_table()  # what fold_key() uses, bound here for the hot path
        self.decider = decider or MODEL

    def with_decider(self, decider: Decider) -> KoreanMatcher:
        """The same automaton asking another Decider (no rebuild: the patterns are shared)."""
        other = copy.copy(self)
        other.decider = decider
        return other

    def __len__(self) -> int:
        """How many distinct folded patterns the automaton holds."""
        return len(self._forms)

    def find(self, text: str) -> list[KoreanHit]:
        """Hits sorted by start, non-overlapping, with offsets into `text` as given (NFC or not)."""
        decide = self.decider.decide
        if self._automaton is None or not text:
            return []
        if is_normalized("NFC", text):
            nfc, starts, ends = text, None, None
        else:
            nfc, starts, ends = to_nfc(text)
        key = nfc.translate(self._table)
        try:
            found = self._automaton.find_matches_as_indexes(key, overlapping=True)
        except UnicodeEncodeError:  # lone surrogates (text decoded with surrogateescape): one for one
            key = _SURROGATE.sub("\ufffd", key)
            found = self._automaton.find_matches_as_indexes(key, overlapping=True)
        if not found:
            return []
        runs, skipped = _whitespace_runs(nfc, len(nfc) - len(key)) if len(key) != len(nfc) else ((), None)
        if len(found) > 1:  # leftmost first, longest first among equals (two C-level stable sorts)
            found.sort(key=_END, reverse=True)
            found.sort(key=_START)
        hits: list[KoreanHit] = []
        all_forms, spaced = self._forms, self._spaced
        taken_until = 0  # accepted hits never overlap and come in start order: one bound suffices
        for index, k_start, k_end in found:
            if k_start < taken_until:
                continue
            inner = _NO_GAPS
            if runs:
                lo = bisect_right(runs, k_start)
                hi = bisect_left(runs, k_end, lo)
                if hi > lo:
                    if not spaced[index]:
                        continue  # a space in the text inside a term that has none
                    inner = frozenset([p - k_start for p in runs[lo:hi]])
                if skipped is None:  # every run is one character
                    start, end = k_start + lo, k_end + hi
                else:
                    start, end = k_start + skipped[lo], k_end + skipped[hi]
            else:
                start, end = k_start, k_end
            forms = all_forms[index]
            seen = nfc[start:end]
            if inner:
                seen = seen.translate(STRIP_TABLE)
            entry: _Form | None
            if len(forms) == 1 and not inner:
                entry, variant = forms[0], forms[0].bare != seen
            else:
                entry, variant = _pick_form(forms, inner, seen)
                if entry is None:
                    continue
            if start and nfc[start - 1].isalnum() and not _word_of_compound(decide, nfc, start, end):
                continue
            if (k_end - k_start <= SHORT_TERM and _after_closing_mark(nfc, start)
                    and not _noun_here(decide, nfc, start, end)):
                continue
            taken_until = k_end
            if starts is not None:
                assert ends is not None  # to_nfc returns both maps or neither
                start, end = starts[start], ends[end]
            hits.append(KoreanHit(entry.term, entry.form, start, end, text[start:end], variant))
        return hits


_NO_GAPS: frozenset[int] = frozenset()
_START, _END = itemgetter(1), itemgetter(2)


def _whitespace_runs(text: str, stripped: int) -> tuple[list[int], list[int] | None]:
    """Where whitespace was stripped: runs[k] is the stripped-text offset of run k, skipped[k] the
    number of whitespace characters in runs before k (so stripped offset c is c + skipped[k]).
    skipped is None when every run is a single character (then skipped[k] == k): the usual case,
    computed without a Python loop."""
    words = text.split()
    if stripped == len(words) - 1:  # no leading or trailing whitespace, every run one character
        runs = list(accumulate(map(len, words)))
        runs.pop()
        return runs, None
    runs, skipped, total = [], [0], 0
    for m in _RUN.finditer(text):
        start, end = m.span()
        runs.append(start - total)
        total += end - start
        skipped.append(total)
    return runs, skipped


def _pick_form(forms: tuple[_Form, ...], inner: frozenset[int], seen: str) -> tuple[_Form | None, bool]:
    """The entry form that explains the text best: spelled as seen, then spaced as seen, then listed first."""
    best, best_rank = None, (True, True)
    for entry in forms:
        if not inner <= entry.gaps:
            continue
        rank = (entry.bare != seen, entry.gaps != inner)
        if best is None or rank < best_rank:
            best, best_rank = entry, rank
            if rank == (False, False):
                break
    return best, best is not None and best_rank[0]


def _word_of_compound(decide: Callable[[str, str, int, int], bool], nfc: str, start: int, end: int) -> bool:
    """For a candidate that does not start a word: is it a word of the compound it sits in?"""
    word_start, word_end = start - 1, start
    while word_start > 0 and nfc[word_start - 1].isalnum():
        word_start -= 1
    while word_end < len(nfc) and nfc[word_end].isalnum():
        word_end += 1
    return decide(COMPOUND, nfc[word_start:word_end], start - word_start, min(end, word_end) - word_start)


_CLOSING = frozenset("Pe Pf".split())  # ) ] 」 』 》 〉 ’ ” and the like
_STRAIGHT_QUOTES = "'\"`"


def _after_closing_mark(nfc: str, start: int) -> bool:
    """Whether text[start] follows a closing quote or bracket directly, where particles attach. A
    straight quote closes when it follows a letter, digit or closing mark (`'옥'이란`, `'옥(獄)'이란`),
    and opens anywhere else (`'이란'`, `("이란")`)."""
    if not start:
        return False
    mark = nfc[start - 1]
    if mark in _STRAIGHT_QUOTES:
        return start > 1 and (nfc[start - 2].isalnum() or unicodedata.category(nfc[start - 2]) in _CLOSING)
    return unicodedata.category(mark) in _CLOSING


def _noun_here(decide: Callable[[str, str, int, int], bool], nfc: str, start: int, end: int) -> bool:
    sentence, offset = sentence_around(nfc, start, end)
    return decide(NOUN, sentence, start - offset, end - offset)


class FormFilter:
    """Whether a text holds any of the given Korean forms anywhere (folded, spaces ignored, inside
    words too): a cheap test for the texts where a change to those terms can change what the
    matcher finds or asks."""

    def __init__(self, forms: Iterable[str]) -> None:
        keys = {fold_key(unicodedata.normalize("NFC", form)) for form in forms}
        keys.discard("")
        self._automaton = AhoCorasick(sorted(keys), matchkind=MatchKind.Standard) if keys else None
        self._table = fold_strip_table()

    def __call__(self, text: str) -> bool:
        if self._automaton is None or not text:
            return False
        key = unicodedata.normalize("NFC", text).translate(self._table)
        try:
            return bool(self._automaton.find_matches_as_indexes(key))
        except UnicodeEncodeError:  # lone surrogates, as in KoreanMatcher.find
            return bool(self._automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", key)))
