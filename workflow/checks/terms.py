"""Glossary checks: the expected rendering is missing, a forbidden one is used, or a term that asks
for one rendering per article is rendered two ways in one. Each finding names the term, the form
matched and the spans."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from glossaries.index import TermUse
from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity, TermRef
from workflow.checks.registry import Check, Observation, register, register_agreement
from workflow.i18n import _


def _ref(use: TermUse, variant: str | None = None) -> TermRef:
    term = use.term
    return TermRef(term.id, term.ko, term.en, variant or use.hit.form)


def _korean(use: TermUse) -> str:
    hit = use.hit
    if hit.text.replace(" ", "") == hit.term.ko.replace(" ", ""):
        return hit.text
    return f"{hit.text} ({hit.explain()})"


@register(
    "term.missing", "Glossary rendering missing", Severity.WARNING,
    "The Korean has a glossary term, but the English uses neither its preferred rendering nor an "
    "admitted variant.",
)
def missing(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not segment.target.strip():
        return  # untranslated: the empty-target check speaks for it
    for use in context.term_uses(segment.source, segment.target):
        # A forbidden rendering is already an error that names the right one; saying it twice is noise.
        if not use.satisfied and not use.forbidden:
            yield check.finding(
                segment.index,
                (_("{korean} should be rendered “{english}” (or {variants})") if use.term.en_variants
                 else _("{korean} should be rendered “{english}”")).format(
                    korean=_korean(use), english=use.term.en, variants=_quoted(use.term.en_variants)),
                source_span=(use.hit.start, use.hit.end),
                term=_ref(use),
            )


@register(
    "term.forbidden", "Forbidden glossary rendering", Severity.ERROR,
    "The English uses a rendering the glossary forbids for a term in the Korean.",
)
def forbidden(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    for use in context.term_uses(segment.source, segment.target):
        for bad in use.forbidden:
            yield check.finding(
                segment.index,
                _("“{forbidden}” is forbidden for {korean}; use “{english}”").format(
                    forbidden=bad.text, korean=_korean(use), english=use.term.en),
                source_span=(use.hit.start, use.hit.end),
                target_span=(bad.start, bad.end),
                term=_ref(use, bad.phrase),
            )


def _renderings(segment: SegmentText, context: CheckContext) -> Iterator[Observation]:
    # Which rendering each use of a term chose; the first use in the article sets the rendering.
    # Only terms whose entry asks for it: for the rest, varying among allowed renderings is
    # ordinary English ("repatriation", then "sent home"), and flagging it buried real findings.
    for use in context.term_uses(segment.source, segment.target):
        if use.term.one_rendering and use.renderings:
            yield Observation(use.term.id if use.term.id is not None else use.term.ko,
                              use.renderings[0].phrase, use)


@register_agreement(
    "term.inconsistent", "Term rendered inconsistently", Severity.WARNING,
    "A glossary term marked “one rendering per article” is rendered two ways within one article: once "
    "the article uses one of its renderings (preferred or admitted), the others are flagged. Terms without "
    "the mark may vary among their allowed renderings.",
    observe=_renderings,
)
def inconsistent(check: Check, index: int, seen: Observation, first_index: int, first: Observation) -> Finding:
    use: TermUse = seen.detail
    shown = use.renderings[0]
    return check.finding(
        index,
        _("{korean} is “{here}” here but “{there}” in segment {index}; the glossary keeps one rendering "
          "per article for this term (preferred: “{english}”)").format(
            korean=_korean(use), here=shown.text, there=first.value, index=first_index, english=use.term.en),
        source_span=(use.hit.start, use.hit.end),
        target_span=(shown.start, shown.end),
        term=_ref(use, shown.phrase),  # the phrase _renderings made seen.value
    )


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"“{v}”" for v in values)
