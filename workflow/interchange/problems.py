"""A problem found while validating an interchange file: which rule, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.i18n import _


@dataclass(frozen=True)
class Problem:
    rule: str  # short stable id, e.g. "unit-id-unique", "schema"
    message: str  # plain words a translator or engineer can act on, naming the element and value
    line: int | None
    element: str  # local name, e.g. "unit"

    def __str__(self) -> str:
        if self.line and self.element:
            return _("line {line}, <{element}>: {message}").format(line=self.line, element=self.element,
                                                                   message=self.message)
        if self.line:
            return _("line {line}, {message}").format(line=self.line, message=self.message)
        return f"<{self.element}>: {self.message}" if self.element else self.message
