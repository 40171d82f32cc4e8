"""The check registry: every check has a stable id, a name, a severity and a description.

Segment checks see one segment at a time (and run as people type); document checks see the whole
article (consistency). Both are pure: texts and context in, findings out.

Document checks are agreements: each segment yields observations (a key and how the segment renders
it) and an occurrence that disagrees with the key's first occurrence in the article is a finding.
Stating them so lets workflow.findings keep each segment's observations and re-judge one segment
without re-reading the others.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cache
from dataclasses import dataclass
from typing import Any, Literal, cast

from workflow.checks.context import CheckContext
from workflow.checks.model import SEVERITY_ORDER, Finding, SegmentText, Severity

SegmentCheck = Callable[["Check", SegmentText, CheckContext], Iterable[Finding]]
DocumentCheck = Callable[["Check", Sequence[SegmentText], CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Observation:
    """One occurrence, in one segment, of something the whole article must render alike."""

    key: Hashable  # what must agree: a term, a Korean sentence, an English sentence
    value: Hashable  # how this occurrence renders it, compared with the first occurrence's
    detail: Any = None  # what a finding about this occurrence needs (spans, texts, the term use)


Observe = Callable[[SegmentText, CheckContext], Iterable[Observation]]
# (check, segment index, the observation, the first occurrence's segment index, the first occurrence)
Report = Callable[["Check", int, Observation, int, Observation], Finding]


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    severity: Severity
    description: str
    scope: Literal["segment", "document"]
    run: SegmentCheck | DocumentCheck
    observe: Observe | None = None  # document checks only
    report: Report | None = None

    def finding(self, segment: int, message: str, **details) -> Finding:
        return Finding(self.id, self.severity, segment, message, **details)


REGISTRY: dict[str, Check] = {}


def register(id: str, name: str, severity: Severity, description: str,
             scope: Literal["segment", "document"] = "segment"):
    def decorate(function):
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} is registered twice")
        REGISTRY[id] = Check(id, name, severity, description, scope, function)
        return function

    return decorate


def register_agreement(id: str, name: str, severity: Severity, description: str, *, observe: Observe):
    """A document check: decorates the function that reports an occurrence disagreeing with the first."""
    def decorate(report: Report):
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} is registered twice")
        REGISTRY[id] = Check(id, name, severity, description, "document", _disagreements, observe, report)
        return report

    return decorate


def _disagreements(check: Check, segments: Sequence[SegmentText], context: CheckContext) -> Iterable[Finding]:
    assert check.observe is not None and check.report is not None
    first: dict[Hashable, tuple[int, Observation]] = {}
    for segment in segments:
        for seen in check.observe(segment, context):
            if seen.key not in first:
                first[seen.key] = (segment.index, seen)
                continue
            index, earlier = first[seen.key]
            if earlier.value != seen.value:
                yield check.report(check, segment.index, seen, index, earlier)


_INFRASTRUCTURE = {"context", "model", "registry"}


@cache
def _load_builtin_checks() -> None:
    # Importing a check module registers its checks; every module of this package but the
    # infrastructure is one, so a new check needs no line here.
    import importlib
    import pkgutil

    import workflow.checks as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _INFRASTRUCTURE:
            importlib.import_module(f"workflow.checks.{module.name}")


def checks() -> list[Check]:
    _load_builtin_checks()
    return list(REGISTRY.values())


def check_segment(segment: SegmentText, context: CheckContext) -> list[Finding]:
    """The segment-scope findings for one segment (workflow.findings adds the document's)."""
    return settle(f for c in checks() if c.scope == "segment" for f in _run_segment(c, segment, context))


def check_document(segments: Sequence[SegmentText], context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for check in checks():
        if check.scope == "segment":
            for segment in segments:
                found.extend(_run_segment(check, segment, context))
        else:
            # register() and register_agreement() give a "document" check a DocumentCheck to run
            found.extend(cast(DocumentCheck, check.run)(check, segments, context))
    return settle(found)


def _run_segment(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    # register() gives a "segment" check a SegmentCheck to run: the scope says which of the two it is
    return cast(SegmentCheck, check.run)(check, segment, context)


def settle(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order, once each: every list of findings goes through here.

    One check may reach the same words twice (one "motherland" against two 조국 in the Korean);
    the person sees one problem, so the first in this order stands for the rest.
    """
    ordered = sorted(findings, key=lambda f: (f.segment, SEVERITY_ORDER[f.severity], f.check,
                                              f.source_span or (0, 0)))
    seen: set[tuple] = set()
    kept = []
    for finding in ordered:
        identity = _identity(finding)
        if identity not in seen:
            seen.add(identity)
            kept.append(finding)
    return kept


def _identity(finding: Finding) -> tuple:
    """One per check, term and span: the English span, else the Korean's, else the words said."""
    term = finding.term
    where = finding.target_span or finding.source_span or finding.message
    return finding.segment, finding.check, (term.id, term.ko) if term else None, where
