"""A glossary ready for checking: approved terms, their Korean automaton, and per-segment analysis.

Built once per glossary version and shared; analysing a segment is one automaton pass over the
Korean plus a few phrase look-ups in the English, quick enough to run as a translator types.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from glossaries.english import EnglishHit, EnglishText
from glossaries.korean import KoreanHit, KoreanMatcher
from glossaries.model import Term
from glossaries.morphology import Decider


@dataclass(frozen=True)
class TermUse:
    """One occurrence of a term in the Korean, and what the English does about it."""

    hit: KoreanHit
    renderings: tuple[EnglishHit, ...]  # preferred or admitted renderings found in the English
    forbidden: tuple[EnglishHit, ...]  # forbidden renderings found in the English

    @property
    def term(self) -> Term:
        return self.hit.term

    @property
    def satisfied(self) -> bool:
        return bool(self.renderings)


class GlossaryIndex:
    """Checks against exactly the terms given (the caller picks: approved ones, usually). `decider`
    answers the matcher's morphology questions (glossaries.morphology; kiwi in this process when None)."""

    def __init__(self, terms: Iterable[Term], decider: Decider | None = None) -> None:
        self.terms = list(terms)
        self._korean = KoreanMatcher(self.terms, decider)

    def with_decider(self, decider: Decider) -> GlossaryIndex:
        """The same terms and automaton, asking `decider` (cheap: nothing is rebuilt)."""
        other = copy.copy(self)
        other._korean = self._korean.with_decider(decider)
        return other

    def find_korean(self, source: str) -> list[KoreanHit]:
        return self._korean.find(source)

    def analyse(self, source: str, target: str) -> list[TermUse]:
        hits = self._korean.find(source)
        if not hits:
            return []
        english = EnglishText(target)
        uses = []
        for hit in hits:
            term = hit.term
            renderings = _found(english, term.english_forms, term.case_sensitive)
            forbidden = _found(english, term.en_forbidden, term.case_sensitive)
            uses.append(TermUse(hit, renderings, forbidden))
        return uses


def _found(english: EnglishText, phrases: Iterable[str], case_sensitive: bool) -> tuple[EnglishHit, ...]:
    hits: list[EnglishHit] = []
    for phrase in phrases:
        hits.extend(english.find(phrase, case_sensitive=case_sensitive))
    return tuple(sorted(hits, key=lambda h: h.start))
