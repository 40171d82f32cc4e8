"""What checks may consult besides the texts: the glossary, with per-segment analysis cached."""

from __future__ import annotations

from functools import lru_cache

from glossaries.index import GlossaryIndex, TermUse


class CheckContext:
    def __init__(self, glossary: GlossaryIndex | None = None) -> None:
        self.glossary = glossary
        # The same pair is analysed by several term checks in one pass; analyse it once.
        self.term_uses = lru_cache(maxsize=4096)(self._term_uses)

    def _term_uses(self, source: str, target: str) -> tuple[TermUse, ...]:
        if self.glossary is None:
            return ()
        return tuple(self.glossary.analyse(source, target))
