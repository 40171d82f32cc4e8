"""Whether a term found inside a Korean word is a word of that compound, decided by kiwipiepy.

Kiwi costs 1-1.5 s and ~300 MB to load, so it is loaded on first need (or by
`preload_morphology()` from a background thread), never at import time, and only for text that has a
candidate inside a word. Decisions are cached per word, so a document's repeated words cost once.

Every question the matcher asks is a `Question`: (kind, context, start, end), where the context is all
the answer depends on (the word for COMPOUND, the sentence window for NOUN). The answer is a fact
about that Korean, so an application may store it and answer later from the store instead of loading
kiwi (workflow.word_decisions does, so an editor never loads it): KoreanMatcher asks a `Decider`,
and MODEL, the default, is kiwi in this process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from .folding import fold

_lock = threading.Lock()
# Morphemes that attach to a word rather than start one: particles, endings, suffixes, copulas.
_NOT_A_WORD = ("J", "E", "XS", "VC")
_kiwi: Any = None


@dataclass
class MorphologyStats:
    """What the morphology step cost so far in this process (for benchmarks and diagnostics)."""

    words_analysed: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0


stats = MorphologyStats()


def _get_kiwi() -> Any:
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                began = time.perf_counter()
                from kiwipiepy import Kiwi

                # The multi-word and typo dictionaries cost ~200 MB and a second and do nothing for
                # deciding where the words of a compound start.
                kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
                # The first analysis costs another ~0.7 s (the model finishes loading): pay it here,
                # where preload_morphology() can take it off the UI thread.
                kiwi.analyze("조선로동당")
                _kiwi = kiwi
                stats.load_seconds = time.perf_counter() - began
    return _kiwi


def preload_morphology() -> None:
    """Load the analyser now (e.g. from a UI's background thread) so the first lookup does not wait."""
    _get_kiwi()


@lru_cache(maxsize=16384)
def _tokens(word: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, tag) of each morpheme, from the most probable of the word's spellings.

    Kiwi knows South Korean spelling: in North Korean 리유로 it finds 유로 (euro) where 이유로 ("for
    the reason") has none. Folding every syllable is wrong for the rest of the word (the particle 로
    would become 노; South Korean 무리가 would become 무이가), so kiwi reads the word as written, with
    its first syllable folded (where North Korean spelling differs most) and wholly folded, and the
    highest-scoring reading wins. Folding keeps the length, so the offsets hold for every reading.
    """
    kiwi = _get_kiwi()
    readings = dict.fromkeys((word, fold(word[:1]) + word[1:], fold(word)))
    began = time.perf_counter()
    with _lock:  # a Kiwi instance is not documented as safe to share between threads
        tokens = max((kiwi.analyze(reading, top_n=1)[0] for reading in readings), key=lambda r: r[1])[0]
    stats.seconds += time.perf_counter() - began
    stats.words_analysed += 1
    return tuple((t.start, t.start + t.len, t.tag) for t in tokens)


def _is_one_noun(text: str) -> bool:
    tokens = _tokens(text)
    return len(tokens) == 1 and tokens[0][2] in ("NNG", "NNP") and tokens[0][:2] == (0, len(text))


@lru_cache(maxsize=65536)
def is_word_of_compound(word: str, start: int, end: int) -> bool:
    """True when word[start:end] (start > 0) is a word of the compound `word`, not an accident of it.

    Accepted when a morpheme starts at `start` (국립|연구소 holds 연구소; 국영|국민연금 does not hold 영국)
    and is not a particle, ending, suffix or copula (것|이란 "that it is" does not hold 이란, Iran),
    or when the candidate ends a morpheme whose part before it is a noun on its own: kiwi keeps
    조선로동당 as one proper noun, yet 조선 + 로동당 is a compound of two words. Both parts must be at
    least two syllables, because single syllables tokenize as nouns too easily (지금 is not 지 + 금,
    and 지원금 "subsidy" holds no 금 "gold").
    """
    tokens = _tokens(word)
    if any(t_start == start and not tag.startswith(_NOT_A_WORD) for t_start, _, tag in tokens):
        return True
    return end - start >= 2 and any(t_start < start < t_end and end == t_end and start - t_start >= 2
                                    and _is_one_noun(word[t_start:start]) for t_start, t_end, _ in tokens)


# A short term right after a closing quote or bracket may be no word at all but what attaches to the
# quoted word: the quotative particle or the copula's endings ('옥(獄)'이란 "the character 옥",
# "핵"이라 불렀다, '전쟁'인도). Only these positions are asked about: after a space or an opening mark a
# term starts a word, and there kiwi's guesses about short names are worse than the rule (it reads
# '이란' in quotes as a particle).
SHORT_TERM = 2  # syllables: the longest term whose form a particle or copula ending can take
_NOUNS = ("NNG", "NNP")
_SENTENCE_END = ".?!。\n"
_WINDOW = 200  # characters either side, at most, of what kiwi reads around the term


def sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding text[start:end] (cut at . ? ! and line ends, and to a window of words),
    and where it starts in `text`."""
    lo = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    if start - lo > _WINDOW:
        cut = text.find(" ", start - _WINDOW, start)
        lo = cut + 1 if cut >= 0 else start - _WINDOW
    hi = min((at for at in (text.find(ch, end) for ch in _SENTENCE_END) if at >= 0), default=len(text))
    hi = min(hi + 1, len(text))
    if hi - end > _WINDOW:
        cut = text.rfind(" ", end, end + _WINDOW)
        hi = cut if cut >= 0 else end + _WINDOW
    return text[lo:hi], lo


@lru_cache(maxsize=16384)
def is_noun_in_sentence(sentence: str, start: int, end: int) -> bool:
    """True when kiwi reads sentence[start:end] as a noun (or nouns) of the sentence, not as a
    particle, an ending or a copula: the morphemes inside it are NNG or NNP and neither begins before
    `start` nor runs past `end`. The term is read folded (North Korean 로동 as 노동), the rest as written.
    """
    kiwi = _get_kiwi()
    reading = sentence[:start] + fold(sentence[start:end]) + sentence[end:]
    began = time.perf_counter()
    with _lock:
        tokens = kiwi.analyze(reading, top_n=1)[0][0]
    stats.seconds += time.perf_counter() - began
    stats.words_analysed += 1
    inside = [(t.start, t.start + t.len, t.tag) for t in tokens
              if t.start < end and t.start + t.len > start]
    return bool(inside) and all(tag in _NOUNS and start <= t_start and t_end <= end
                                for t_start, t_end, tag in inside)


# The questions ------------------------------------------------------------------------------------

COMPOUND = "compound"  # is word[start:end] a word of the compound `word`? (is_word_of_compound)
NOUN = "noun"  # is sentence[start:end] a noun of the sentence? (is_noun_in_sentence)
Question = tuple[str, str, int, int]  # (kind, context, start, end)
# The version of the rules above and of the model's answers they were made with. Stored answers of
# another version are not used: raise it when a rule here changes (or a new kiwi answers differently
# enough to matter), and workspaces decide their Korean again.
DECISIONS_VERSION = 1


class Decider(Protocol):
    def decide(self, kind: str, context: str, start: int, end: int) -> bool:
        """The answer to one Question (see COMPOUND and NOUN)."""
        ...


def decide(kind: str, context: str, start: int, end: int) -> bool:
    """The question answered by kiwi in this process (loaded on first need)."""
    if kind == COMPOUND:
        return is_word_of_compound(context, start, end)
    if kind == NOUN:
        return is_noun_in_sentence(context, start, end)
    raise ValueError(f"not a morphology question: {kind!r}")


class _Model:
    """Kiwi in this process: the Decider a KoreanMatcher uses unless given another."""

    decide = staticmethod(decide)


MODEL: Decider = _Model()
