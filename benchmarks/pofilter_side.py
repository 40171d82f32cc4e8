"""translate-toolkit's pofilter tests, run on the same Korean-English pairs as our checks (issue 14),
for comparison only: translate-toolkit is never a dependency of Tandem. Install it beside the
benchmark with `pip install translate-toolkit`; without it the comparison is skipped with that advice.

Each pair is given to pofilter's StandardChecker (target language English) as source and translation,
and each test below is asked on its own; a test that raises a filter failure flags the pair.
"""

from __future__ import annotations

from functools import cache

# The tests that bear on the slips and false alarms; the rest (accelerators, printf, xml
# tags, ...) are about software strings.
TESTS = ("numbers", "sentencecount", "untranslated", "unchanged", "brackets", "doublewords", "endpunc",
         "long", "short", "validchars", "doublequoting")


@cache
def _checker():
    try:
        from translate.filters import checks
    except ImportError:
        return None
    return checks.StandardChecker(checks.CheckerConfig(targetlanguage="en"))


def available() -> bool:
    return _checker() is not None


def failures(korean: str, english: str) -> frozenset[str]:
    """The pofilter tests the pair fails."""
    from translate.filters.checks import FilterFailure

    checker = _checker()
    failed = set()
    for test in TESTS:
        try:
            if not getattr(checker, test)(korean, english):
                failed.add(test)
        except FilterFailure:  # SeriousFilterFailure is one too
            failed.add(test)
    return frozenset(failed)
