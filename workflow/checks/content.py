"""Content checks: is the English about as long as a translation of this Korean should be, and does
it have as many sentences? Both catch dropped or added material."""

from __future__ import annotations

import math
from collections.abc import Iterable

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.checks.text import untranslated
from workflow.i18n import _, format_number, ngettext
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
# With one sentence fewer in the English, this much shortness already points to a dropped sentence
# (the sample draft's paragraph 8 is at z = -0.7; a faithful version of it at +0.6).
Z_SHORT_WITH_MISSING_SENTENCE = -0.5


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
    "The Korean and English sentence counts differ by two or more, or by one while the English is "
    "also short (or long) for the Korean.",
)
def sentences(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not _applies(segment):
        return
    ko = split_sentences(segment.source, "ko")
    en = split_sentences(segment.target, "en")
    gap = len(ko) - len(en)
    if abs(gap) < 1:
        return
    if abs(gap) == 1:
        z = length_z(segment.source, segment.target)
        if z is None or (z > Z_SHORT_WITH_MISSING_SENTENCE if gap > 0 else z < -Z_SHORT_WITH_MISSING_SENTENCE):
            return
    message = (ngettext("{korean} Korean sentence, {english} English: a sentence may have been dropped",
                        "{korean} Korean sentences, {english} English: a sentence may have been dropped", len(ko))
               if gap > 0 else
               ngettext("{korean} Korean sentence, {english} English: a sentence may have been added",
                        "{korean} Korean sentences, {english} English: a sentence may have been added", len(ko)))
    yield check.finding(segment.index, message.format(korean=len(ko), english=len(en)))
