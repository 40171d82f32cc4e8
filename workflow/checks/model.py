"""What a check reports: a finding with its severity, the segment, and spans in both texts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # blocks sign-off until fixed or dismissed
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class TermRef:
    id: int | None
    ko: str
    en: str
    variant: str  # the form that matched: a Korean variant, or the English rendering at issue


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    segment: int  # 1-based, as `tandem show` numbers segments
    message: str
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    term: TermRef | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "check": self.check,
            "severity": self.severity.value,
            "message": self.message,
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "term": None if self.term is None else {
                "id": self.term.id, "ko": self.term.ko, "en": self.term.en, "variant": self.term.variant,
            },
        }


@dataclass(frozen=True)
class SegmentText:
    """The texts a check looks at; checks are pure functions of these and the context."""

    index: int
    source: str
    target: str
    max_length: int | None = None  # the file's limit on the English, in characters (length.limit)
