"""Content checks: is the English about as long as a translation of this Korean should be, and does
it have as many sentences? Both catch dropped or added material."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.checks.text import untranslated
from workflow.i18n import _, format_number
from workflow.sentences import split_sentences

# Calibrated on human Korean->English news translations: log(English/Korean) of non-space character
# counts over pairs whose Korean has >= 20 such characters, pooled from the park2016 dev set (950
# pairs) and NTREX-128 (1,847 sentences), in ../shared/corpora. Median 0.731 (English ~2.08x the
# Korean), robust spread 1.4826*MAD = 0.224 (park 0.769/0.242, NTREX 0.712/0.215). Median and MAD,
# not mean and SD, because park2016 has misaligned pairs that would widen the band. Only these
# derived numbers come from the corpora.
LOG_RATIO_MEDIAN = 0.731
LOG_RATIO_SPREAD = 0.224
MIN_SOURCE_CHARS = 20  # below this a single word swings the ratio; headlines and captions vary
Z_LIMIT = 3.0
# A sentence left unpaired by less than this (nats) over the best pairing that gives it a partner is
# not reported at all: e^2, 7 to 1 (benchmarks/checks_recall.py).
UNPAIRED_MARGIN = 2.0
# With one sentence fewer in the English and no sentence left unpaired (a long Korean sentence stands
# for two English ones), this much shortness still points to a dropped sentence. benchmarks/
# checks_recall.py: at -0.5 it flagged 4.4% of 3,717 human pairs, at -2.0 1.2%, for seeded dropped
# sentences found 82.5% and 81.0%.
Z_SHORT_WITH_MISSING_SENTENCE = -2.0


def _chars(text: str) -> int:
    # Korean spacing is loose and varies by writer; count what is not whitespace.
    return sum(1 for c in text if not c.isspace())


def length_z(source: str, target: str) -> float | None:
    """How far the English/Korean length ratio is from normal, in spreads; None if too short to say."""
    ko, en = _chars(source), _chars(target)
    if ko < MIN_SOURCE_CHARS or en == 0:
        return None
    return (math.log(en / ko) - LOG_RATIO_MEDIAN) / LOG_RATIO_SPREAD


def _applies(segment: SegmentText) -> bool:
    return bool(segment.target.strip()) and not untranslated(segment)


@register(
    "content.length", "Unusual length", Severity.WARNING,
    "The English is much longer or shorter than translations of Korean news normally are (length "
    "ratio more than three spreads from the calibrated norm).",
)
def length(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not _applies(segment):
        return
    z = length_z(segment.source, segment.target)
    if z is not None and abs(z) > Z_LIMIT:
        ratio = _chars(segment.target) / _chars(segment.source)
        yield check.finding(
            segment.index,
            (_("The English is {ratio}x the Korean's length; about {normal}x is normal (something may be missing)")
             if z < 0 else
             _("The English is {ratio}x the Korean's length; about {normal}x is normal (something may be added)")
             ).format(ratio=format_number(ratio, 1), normal=format_number(math.exp(LOG_RATIO_MEDIAN), 1)),
        )


@register(
    "content.sentences", "Sentence dropped or added", Severity.WARNING,
    "A Korean sentence with no English for it, or an English sentence with nothing in the Korean: the "
    "segment's sentences are paired as the import pairs paragraphs (lengths, numbers, names, quotes), "
    "and only a sentence that no nearly as likely pairing would place is reported, with its span.",
)
def sentences(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not _applies(segment):
        return
    ko = _spans(segment.source, "ko")
    en = _spans(segment.target, "en")
    if len(ko) == len(en):
        return  # a sentence dropped and another added in one segment is left to the length check
    # Paired both ways round, so an English sentence left over gets the same margin test a Korean one does.
    dropped = _unpaired(ko, en, korean_first=True)
    added = _unpaired(en, ko, korean_first=False)
    for span in dropped:
        yield (check.finding(segment.index, _("This Korean sentence has no English: it may have been dropped"),
                             source_span=span) if span else
               check.finding(segment.index, _("A Korean sentence has no English (which one is unclear): it may "
                                              "have been dropped")))
    for span in added:
        yield (check.finding(segment.index, _("This English sentence has nothing in the Korean: it may have been "
                                              "added"), target_span=span) if span else
               check.finding(segment.index, _("An English sentence has nothing in the Korean (which one is "
                                              "unclear): it may have been added")))
    if dropped or added or abs(len(ko) - len(en)) != 1:
        return
    # One long Korean sentence often stands for two English ones, so a sentence missing from those
    # pairs as a split; one sentence fewer together with an English that is short for its Korean
    # still says something is missing (and one more with a long one, something added).
    z = length_z(segment.source, segment.target)
    fewer = len(en) < len(ko)
    if z is not None and (z < Z_SHORT_WITH_MISSING_SENTENCE if fewer else z > -Z_SHORT_WITH_MISSING_SENTENCE):
        yield check.finding(segment.index, _("The English has one sentence fewer than the Korean and is short for it: "
                                             "something may have been dropped") if fewer else
                            _("The English has one sentence more than the Korean and is long for it: something may "
                              "have been added"))


# Korean news runs two quotations into one sentence ("…”며 “…”라고 말했다) where English gives each
# its own ("…," he said. "…"): a Korean clause of its own, so one of them left out is seen.
_QUOTE_JOIN = re.compile(r"[”\"]\s?(?:이?라)?(?:며|면서|고)\s?(?=[“\"])")


def _spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The text's sentences (a Korean one split between quotations) with their offsets in it."""
    found, at = [], 0
    for sentence in split_sentences(text, lang):
        start = text.find(sentence, at)
        if start < 0:
            start = at
        cuts = [m.end() for m in _QUOTE_JOIN.finditer(sentence)] if lang == "ko" else []
        for begin, end in zip([0, *cuts], [*cuts, len(sentence)]):
            found.append((start + begin, start + end, sentence[begin:end].strip()))
        at = start + len(sentence)
    return found


def _unpaired(these: list[tuple[int, int, str]], others: list[tuple[int, int, str]], *,
              korean_first: bool) -> list[tuple[int, int] | None]:
    """The spans of `these` sentences the pairing leaves without a partner; None for one whose
    place is less sure (a close call: the best pairing giving it a partner is within
    align.MARGIN, usually by leaving a neighbour out instead). Below UNPAIRED_MARGIN nothing, unless
    this side has two sentences or more beyond the other's: then one None."""
    from workflow import align
    from workflow.align_evidence import english_evidence, korean_evidence

    mine, theirs = (korean_evidence, english_evidence) if korean_first else (english_evidence, korean_evidence)
    beads = align.align([align.unit(s, evidence=mine(s)) for _a, _b, s in these],
                        [align.unit(s, evidence=theirs(s)) for _a, _b, s in others], variance=align.SENTENCE_VARIANCE,
                        expected_ratio=math.exp(LOG_RATIO_MEDIAN if korean_first else -LOG_RATIO_MEDIAN))
    left = [b for b in beads if b.shape == (1, 0)]
    placed = [b for b in left if b.margin >= UNPAIRED_MARGIN]
    sure: list[tuple[int, int] | None] = [these[b.source[0]][:2] for b in placed if not b.close_call]
    if len(sure) < len(placed) or (left and not placed and len(these) - len(others) >= 2):
        # Which ones is anyone's guess (once, however many), but that some are missing is not.
        sure.append(None)
    return sure
