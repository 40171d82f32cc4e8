"""What checks may consult besides the texts: the glossary, with per-segment analysis cached."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from glossaries.index import GlossaryIndex, TermUse

T = TypeVar("T")
_SHARED_SIZE = 4096


class CheckContext:
    def __init__(self, glossary: GlossaryIndex | None = None) -> None:
        self.glossary = glossary
        self.glossary_matches = 0  # analyses actually run: what a typing pause costs in matching
        # The same pair is analysed by several term checks in one pass; analyse it once.
        self.term_uses = lru_cache(maxsize=_SHARED_SIZE)(self._term_uses)
        self._shared: dict[tuple, object] = {}

    def _term_uses(self, source: str, target: str) -> tuple[TermUse, ...]:
        if self.glossary is None:
            return ()
        self.glossary_matches += 1
        return tuple(self.glossary.analyse(source, target))

    def shared(self, work: Callable[..., T], *args: str) -> T:
        """work(*args), computed once for the checks that all need it (sentence pairs, say)."""
        key = (work, *args)
        if key not in self._shared:
            if len(self._shared) >= _SHARED_SIZE:
                self._shared.clear()  # a pass reuses what it just computed; older entries rarely return
            self._shared[key] = work(*args)
        return self._shared[key]  # type: ignore[return-value]
