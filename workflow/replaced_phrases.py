"""The phrases an editor's correction replaced, as words a glossary could hold: from the word diff of
the translator's text and the editor's, each changed stretch that replaces a few words with a few
others, with the unchanged words a rendering may take in from either side ("security" guards ->
"security" guidance officers), grouped across segments by their stems.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer

from workflow.diffs import DELETE, EQUAL, INSERT, word_diff

MAXWORDS = 4  # a longer replacement is a rewrite, not a rendering
MAX_CONTEXT = 2  # unchanged words either side a rendering may take in ("security" guards)

HANGUL = re.compile(r"[\uac00-\ud7a3]")
WORD = re.compile(r"[^\W_][\w'’\-]*")
_LETTER = re.compile(r"[^\W\d_]")
# Words a rendering does not take in from its context: function words, and verbs a rendering follows.
_STOP = frozenset("""
a an the of to in on at by for from with and or but as is are was were be been being has have had do does
did not no this that these those its their his her our your my it they he she we you who which what when
where while than then also into over under after before about against between during through up down out
off only very more most some any all each other such own same so too can will would should could may might
must said says say told earn make made get take give send sent pay won't don't
""".split())
_STEMMER = Stemmer.Stemmer("english")


@dataclass(frozen=True)
class Correction:
    """An editor's text over a translator's, in one segment."""

    document_id: int
    segment: int  # the segment's position, as elsewhere
    source: str
    before: str
    after: str
    before_revision: int
    after_revision: int
    editor: str



@dataclass(frozen=True)
class Replacement:
    correction: Correction
    old: str  # the changed words as the translator had them
    new: str  # and as the editor left them
    left: tuple[str, ...]  # unchanged words just before, nearest first, that a rendering may take in
    right: tuple[str, ...]



def phrase_changes(before: str, after: str) -> list[tuple[str, str]]:
    """The (old, new) phrases a correction replaced, as words (for showing evidence)."""
    return [(r.old, r.new) for r in replacements(Correction(0, 0, "", before, after, 0, 0, ""))]



def replacements(correction: Correction) -> list[Replacement]:
    diff = word_diff(correction.before, correction.after)
    found = []
    i = 0
    while i < len(diff):
        if diff[i][0] == EQUAL:
            i += 1
            continue
        start = i
        while i < len(diff) and diff[i][0] != EQUAL:
            i += 1
        old = "".join(text for op, text in diff[start:i] if op == DELETE)
        new = "".join(text for op, text in diff[start:i] if op == INSERT)
        left = diff[start - 1][1] if start > 0 else ""
        right = diff[i][1] if i < len(diff) else ""
        replacement = _replacement(correction, old, new, left, right)
        if replacement is not None:
            found.append(replacement)
    return found


def _replacement(correction: Correction, old: str, new: str, left: str, right: str) -> Replacement | None:
    # Spaces at the edges of a change belong to its context.
    left += old[:len(old) - len(old.lstrip())] if old.strip() else ""
    old, new = old.strip(), new.strip()
    if not old or not new or HANGUL.search(old) or HANGUL.search(new):
        return None  # an insertion, a deletion, or Korean left in the English (a check's business)
    if not _LETTER.search(old) or not _LETTER.search(new) or phrase_key(old) == phrase_key(new):
        return None  # numbers, punctuation, case: not a rendering
    if len(WORD.findall(old)) > MAXWORDS or len(WORD.findall(new)) > MAXWORDS:
        return None
    if _only_function_words(old) or _only_function_words(new):
        return None  # "would" -> "will": grammar, which no glossary entry holds
    if not (_edge_of_word(left, at_end=True) and _edge_of_word(right, at_end=False)):
        return None  # part of a word changed (a typo's fix, an ending): not a rendering
    return Replacement(correction, old, new, _context(left, before=True, capital=old[:1].isupper()),
                        _context(right, before=False, capital=old.split()[-1][:1].isupper()))


def _only_function_words(phrase: str) -> bool:
    return all(word.casefold() in _STOP for word in WORD.findall(phrase))


def _edge_of_word(text: str, *, at_end: bool) -> bool:
    if not text:
        return True
    mark = text[-1] if at_end else text[0]
    return not (mark.isalnum() or mark in "'’-")


def _context(text: str, *, before: bool, capital: bool) -> tuple[str, ...]:
    """Up to MAX_CONTEXT content words joined to the change by single spaces, nearest first. After the
    change only a name's next words count (Labor -> Workers' + Party): a noun phrase ends in its
    head, so a lowercase word after it is something else. Before a lowercase change, a capital
    ends the phrase (North Korea | orders)."""
    words: list[str] = []
    rest = text
    for _depth in range(MAX_CONTEXT):
        match = re.search(r"(?:^|(?<=[\s“\"(]))([^\W\d_][\w'’\-]*) $", rest) if before else \
            re.match(r"^ ([^\W\d_][\w'’\-]*?)(?:['’]s)?(?=$|[\s,.;:!?”\")])", rest)
        if not match:
            break
        word = match.group(1)
        if word.casefold() in _STOP or word.casefold().endswith(("ing", "ed", "ly")):
            break
        fits = (not capital and not word[:1].isupper()) if before else (capital and word[:1].isupper())
        if not fits:
            break  # (Secretary of) State | Condoleezza: a name's left neighbour is no part of it
        words.append(word)
        if not before and (match.end(1) != match.end() or rest[match.end():match.end() + 1] != " "):
            break  # a possessive or punctuation ends the phrase after this word
        rest = rest[:match.start(1)] if before else rest[match.end():]
    return tuple(words)


def phrase_key(phrase: str) -> str:
    words = [w.replace("’", "'").casefold() for w in WORD.findall(phrase)]
    return " ".join(_STEMMER.stemWords([w.removesuffix("'s").removesuffix("'") for w in words]))


def groups(corrections: Iterable[Correction], min_segments: int) -> list[list[Replacement]]:
    """Identical replacements (by stems) from two or more segments; the largest groups first."""
    grouped: dict[tuple[str, str], list[Replacement]] = defaultdict(list)
    for correction in corrections:
        for replacement in replacements(correction):
            grouped[(phrase_key(replacement.old), phrase_key(replacement.new))].append(replacement)
    found = [g for g in grouped.values() if len({where(r.correction) for r in g}) >= min_segments]
    return sorted(found, key=len, reverse=True)



def where(correction: Correction) -> tuple[int, int]:
    return correction.document_id, correction.segment



def rendering(group: list[Replacement]) -> tuple[str, str]:
    """The replaced and the corrected rendering, with the context words every instance shares (the
    "security" of "security guards" -> "security guidance officers"), in the commonest spelling."""
    left = _shared([r.left for r in group])
    right = _shared([r.right for r in group])
    olds: Counter[str] = Counter()
    news: Counter[str] = Counter()
    for r in group:
        before = " ".join(reversed(r.left[:len(left)]))
        after = " ".join(r.right[:len(right)])
        olds[" ".join(p for p in (before, r.old, after) if p)] += 1
        news[" ".join(p for p in (before, r.new, after) if p)] += 1
    return _commonest(olds), _commonest(news)


def _shared(contexts: list[tuple[str, ...]]) -> tuple[str, ...]:
    shared: list[str] = []
    for depth in range(MAX_CONTEXT):
        words = {c[depth].casefold() if depth < len(c) else None for c in contexts}
        if len(words) != 1 or None in words:
            break
        shared.append(contexts[0][depth])
    return tuple(shared)


def _commonest(spellings: Counter[str]) -> str:
    # A capital only where a sentence starts is no part of the rendering.
    ranked = sorted(spellings.items(), key=lambda item: (-item[1], item[0][:1].isupper()))
    return ranked[0][0]
