"""The check registry: every check has a stable id, a name, a severity and a description.

Segment checks see one segment at a time (and run as people type); document checks see the whole
article (consistency). Both are pure: texts and context in, findings out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from dataclasses import dataclass
from typing import Literal

from workflow.checks.context import CheckContext
from workflow.checks.model import SEVERITY_ORDER, Finding, SegmentText, Severity

SegmentCheck = Callable[["Check", SegmentText, CheckContext], Iterable[Finding]]
DocumentCheck = Callable[["Check", Sequence[SegmentText], CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    severity: Severity
    description: str
    scope: Literal["segment", "document"]
    run: SegmentCheck | DocumentCheck

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
    """The segment-scope findings for one segment (what the editor panel shows as you type)."""
    return _sorted(f for c in checks() if c.scope == "segment" for f in c.run(c, segment, context))


def check_document(segments: Sequence[SegmentText], context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for check in checks():
        if check.scope == "segment":
            for segment in segments:
                found.extend(check.run(check, segment, context))
        else:
            found.extend(check.run(check, segments, context))
    return _sorted(found)


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.segment, SEVERITY_ORDER[f.severity], f.check,
                                           f.source_span or (0, 0)))
