"""How glossary values read on screen: status marks, variant lists, revision times.

Marks are shapes, so a status reads without colour, and East-Asian-width "neutral" (or ASCII), so
columns stay aligned on terminals that draw ambiguous characters double-width (see tui/labels.py).
Approved shares ✦ with approved segments: the same word means the same mark everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from glossaries.model import TermStatus
from tui.labels import NOBODY
from workflow.i18n import format_datetime
from workflow.names import name

TERM_MARKS: dict[TermStatus, str] = {
    TermStatus.PROPOSED: "?",
    TermStatus.APPROVED: "✦",
    TermStatus.DEPRECATED: "⊘",
    TermStatus.REJECTED: "✗",
}
# The order a maintainer filters by: what waits for them first.
STATUS_ORDER = (TermStatus.PROPOSED, TermStatus.APPROVED, TermStatus.DEPRECATED, TermStatus.REJECTED)
# What the form and the table put between variants; the CSV glossary files use it too.
VARIANT_SEPARATOR = "|"

# None: the machine's own zone. Tests pin it so screenshots do not depend on where they run.
ZONE: tzinfo | None = None


def term_mark(status: TermStatus | str) -> str:
    return TERM_MARKS[TermStatus(status)]


def status_label(status: TermStatus | str) -> str:
    return f"{term_mark(status)} {name(TermStatus(status))}"


def term_legend() -> str:
    return "  ".join(status_label(status) for status in STATUS_ORDER)


def variants_line(values: Sequence[str]) -> str:
    return f" {VARIANT_SEPARATOR} ".join(values) or NOBODY


def split_variants(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(VARIANT_SEPARATOR) if part.strip())


def join_variants(values: Sequence[str]) -> str:
    """The form's spelling of a variant list, which split_variants reads back unchanged."""
    return f" {VARIANT_SEPARATOR} ".join(values)


def when(stamp: str) -> str:
    """A stored UTC timestamp as the reader's local date and minute."""
    return format_datetime(stamp, tz=ZONE)
