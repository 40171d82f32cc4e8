"""Domain errors: every one carries a message a person can act on, shown as-is by the CLI and TUI."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workflow.checks.model import Finding


class TandemError(Exception):
    """Base of all errors the user should see as one plain line (never a traceback)."""


class InputError(TandemError):
    """A file or argument cannot be used: names the file (or argument) and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class NotFound(TandemError):
    """A document, segment or user that the caller named does not exist."""


class PermissionDenied(TandemError):
    """The acting user lacks the role an action needs."""


class WorkspaceError(TandemError):
    """The workspace file itself cannot be used (not SQLite, newer schema, missing)."""


class WorkspaceBusy(WorkspaceError):
    """Another program kept the workspace locked past every retry; nothing of this change was written."""


class BlockedByFindings(TandemError):
    """A sign-off step refused because error findings remain; carries them for the UI."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


class SignOffUnconfirmed(InputError):
    """A sign-off over warnings its signer has not confirmed; `warnings` says which, in words."""

    def __init__(self, warnings: dict[str, str]) -> None:
        from workflow.i18n import _

        self.warnings = warnings
        super().__init__(_("sign-off"), _("needs your confirmation: {warnings}").format(
            warnings="; ".join(warnings.values())))
