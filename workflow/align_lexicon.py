"""Common news words in Korean and English, as evidence that two paragraphs say the same thing.

Names and loanwords cross the languages by sound (workflow.romanized_names) and numbers by value;
the words a news story is made of do not: 사망 is "killed", 경찰 "police", 북한 "North Korea". Twelve
one-sentence paragraphs of alike length, one English missing, are told apart by them: the Korean
paragraph whose words the English beside it does not say is the one that lost its English.

The table is workflow/align_lexicon.txt, written by hand for this purpose from general news
vocabulary (nothing in it is taken from a corpus). Each line is one meaning: Korean stems, then after
"|" English forms. A Korean stem is found inside a Hangul word (particles follow it, compounds hold
it: 폭탄테러); an English form is a word, or a word's beginning where it ends in "*" (kill* reads
killed, killing), or words in a row.

Cost: the table is read and its Korean stems built into one Aho-Corasick automaton (ahocorasick-rs,
which the glossary already uses) the first time a paragraph is read, not when the module is imported
(the TUI imports it at start-up, through the importer): about 50 ms and 9 MB of resident memory
for 5,725 meanings. A paragraph is then read in one pass whatever the table's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick

TABLE = Path(__file__).with_name("align_lexicon.txt")

Meaning = tuple[tuple[str, ...], tuple[str, ...]]  # (Korean stems, English forms)

_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:\.[a-z]+)*\.?|[$%]")
# A one-syllable stem (핵, 섬, 딸) is found only as a word of its own, a particle after it: inside or
# at the head of longer words it is mostly some other word's syllable (핵심, 섬유, 딸기).
_PARTICLES = frozenset("은 는 이 가 을 를 의 에 에서 에게 도 와 과 로 으로 까지 만 들 들은 들이 들의 들을".split())


def parse(text: str) -> tuple[Meaning, ...]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        korean, bar, english = line.partition("|")
        row = (tuple(k.strip() for k in korean.split(",") if k.strip()),
               tuple(e.strip().lower() for e in english.split(",") if e.strip()))
        if not bar or "|" in english or not all(row):
            raise ValueError(f"{TABLE.name}, line {number}: expected 'korean, ... | english, ...': {line!r}")
        rows.append(row)
    return tuple(rows)


@dataclass(frozen=True)
class _Tables:
    concepts: tuple[Meaning, ...]
    automaton: AhoCorasick  # the Korean stems of two syllables or more
    stem_meanings: tuple[int, ...]  # the meaning of each of the automaton's stems
    short: dict[str, frozenset[int]]  # one-syllable stems
    latin: tuple[tuple[re.Pattern[str], int], ...]  # stems the Korean writes in Latin letters (km, %)
    # English forms looked up by the word and by each of its beginnings, not tried form by form: a
    # long document's English is read in a few milliseconds.
    exact: dict[str, frozenset[int]]
    prefixes: dict[str, frozenset[int]]
    phrase_starts: dict[str, list[tuple[int, tuple[str, ...]]]]  # phrases by their first word


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    concepts = parse(TABLE.read_text(encoding="utf-8"))
    stems: list[str] = []
    meanings: list[int] = []
    short: dict[str, set[int]] = {}
    latin: list[tuple[re.Pattern[str], int]] = []
    for n, (korean, _forms) in enumerate(concepts):
        for stem in korean:
            if stem.isascii():
                # Units and signs the Korean writes as the English does (240km, 20%), a number before them.
                latin.append((re.compile(rf"(?<![A-Za-z]){re.escape(stem)}(?![A-Za-z])"), n))
            elif len(stem) == 1:
                short.setdefault(stem, set()).add(n)
            else:
                stems.append(stem)
                meanings.append(n)
    return _Tables(concepts, AhoCorasick(stems), tuple(meanings),
                   {stem: frozenset(found) for stem, found in short.items()}, tuple(latin),
                   _forms_by_kind(concepts, prefix=False), _forms_by_kind(concepts, prefix=True),
                   _phrase_starts(concepts))


def __getattr__(name: str) -> object:
    # CONCEPTS, read on first use like the rest (PEP 562): `from workflow.align_lexicon import CONCEPTS` loads it.
    if name == "CONCEPTS":
        return _tables().concepts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def stem_found(stem: str, text: str) -> bool:
    """One stem read as korean_concepts reads them all at once (scripts/align_lexicon_check.py asks
    stem by stem)."""
    if stem.isascii():
        return re.search(rf"(?<![A-Za-z]){re.escape(stem)}(?![A-Za-z])", text) is not None
    if len(stem) == 1:
        return any(word[:1] == stem and _standalone(word) for word in _HANGUL_WORD.findall(text))
    return stem in text


def _standalone(word: str) -> bool:
    """A one-syllable word, or one with only a particle after its first syllable."""
    return len(word) == 1 or word[1:] in _PARTICLES


def korean_concepts(text: str) -> frozenset[int]:
    tables = _tables()
    found = {tables.stem_meanings[k] for k, _start, _end in tables.automaton.find_matches_as_indexes(
        text, overlapping=True)}
    for word in _HANGUL_WORD.findall(text):
        if word[:1] in tables.short and _standalone(word):
            found |= tables.short[word[:1]]
    for pattern, n in tables.latin:
        if pattern.search(text):
            found.add(n)
    return frozenset(found)


def english_words(text: str) -> list[str]:
    """The words an English form is matched against, lower-cased, in order."""
    return _ENGLISH_WORD.findall(text.lower())


def english_concepts(text: str) -> frozenset[int]:
    phrase_starts = _tables().phrase_starts
    words = english_words(text)
    found: set[int] = set()
    for word in words:
        found |= _english_word(word)
    for i, word in enumerate(words):
        for n, parts in phrase_starts.get(word.rstrip("."), ()):
            if n not in found and _phrase_at(words, i, parts):
                found.add(n)
    return frozenset(found)


def form_found(form: str, words: list[str]) -> bool:
    """One form read as english_concepts reads them all at once (scripts/align_lexicon_check.py asks
    form by form)."""
    parts = tuple(form.split())
    return any(_phrase_at(words, i, parts) for i in range(len(words)))


def _phrase_at(words: list[str], i: int, parts: tuple[str, ...]) -> bool:
    return len(words) - i >= len(parts) and all(_matches(w, p) for w, p in zip(words[i:], parts))


def _phrase_starts(concepts: tuple[Meaning, ...]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Phrases by their first word ("step* down" under step, steps, stepped, stepping)."""
    starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for n, (_stems, forms) in enumerate(concepts):
        for parts in (tuple(form.split()) for form in forms if " " in form):
            first = parts[0]
            heads = ([first[:-1] + ending for ending in ("", "s", "ed", "ing", "ped", "ping")]
                     if first.endswith("*") else [first.rstrip(".")])
            for head in heads:
                starts.setdefault(head, []).append((n, parts))
    return starts


def _forms_by_kind(concepts: tuple[Meaning, ...], prefix: bool) -> dict[str, frozenset[int]]:
    table: dict[str, set[int]] = {}
    for n, (_stems, forms) in enumerate(concepts):
        for form in forms:
            if " " not in form and form.endswith("*") == prefix:
                table.setdefault(form.rstrip("*").rstrip(".") if prefix else form.rstrip("."), set()).add(n)
    return {key: frozenset(found) for key, found in table.items()}


@lru_cache(maxsize=65536)
def _english_word(word: str) -> frozenset[int]:
    tables = _tables()
    found = set(tables.exact.get(word.rstrip("."), ()))
    for end in range(1, len(word) + 1):
        found |= tables.prefixes.get(word[:end], frozenset())
    return frozenset(found)


def _matches(word: str, form: str) -> bool:
    if form.endswith("*"):
        return word.startswith(form[:-1])
    return word == form or word.rstrip(".") == form.rstrip(".")
