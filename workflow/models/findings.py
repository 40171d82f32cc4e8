"""A check's finding as people see it: with its dismissal, if someone dismissed it, and the counts
every screen shows from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workflow.checks.model import SEVERITY_ORDER, Finding, Severity  # noqa: F401 - the finding's own types
from workflow.models.core import Dismissal

Counts = tuple[int, int]  # open (errors, warnings)

@dataclass(frozen=True)
class FindingView:
    finding: Finding
    dismissal: Dismissal | None

    @property
    def open(self) -> bool:
        return self.dismissal is None


def open_findings(views: Sequence[FindingView], severity: Severity | None = None) -> list[Finding]:
    """The findings nobody dismissed, of one severity if given."""
    return [v.finding for v in views if v.open and (severity is None or v.finding.severity is severity)]


def open_counts(views: Sequence[FindingView]) -> Counts:
    errors = warnings = 0
    for view in views:
        if view.open:
            errors += view.finding.severity is Severity.ERROR
            warnings += view.finding.severity is Severity.WARNING
    return errors, warnings
