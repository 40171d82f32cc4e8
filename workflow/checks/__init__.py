"""Quality checks: a registry of small pure checks over Korean source and English target."""

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity, TermRef
from workflow.checks.registry import Check, Observation, check_document, check_segment, checks, settle

__all__ = [
    "Check", "CheckContext", "Finding", "Observation", "SegmentText", "Severity", "TermRef",
    "check_document", "check_segment", "checks", "settle",
]
