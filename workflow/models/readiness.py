"""Whether a role may sign a document off now: the one answer the CLI and the TUI show."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.models.core import Role, SignOff

# What a sign-off may be asked to sign over (keys of Readiness.warnings): confirmable, never silent.
OPEN_QUERIES, NO_TRANSLATOR, TRANSLATOR_VOID = "open-queries", "no-translator", "translator-void"
UNFINISHED, CONFLICTED, ERRORS = "unfinished", "conflicted", "errors"  # keys of Readiness.blocked


@dataclass(frozen=True)
class Readiness:
    """Whether `role` may sign the document off now: the one answer the CLI and the TUI show.

    blockers refuse outright; warnings (key -> words) are signed over only when confirmed; notes
    are said and need nothing.
    """

    role: Role
    blockers: tuple[str, ...]
    blocked: dict[str, tuple[int, ...]]  # the same blockers by kind (UNFINISHED, CONFLICTED, ERRORS) -> segments
    warnings: dict[str, str]
    notes: tuple[str, ...]
    open_queries: int
    void_signoffs: tuple[SignOff, ...]  # void and not since replaced in their role by a valid one
