"""A problem found while validating an interchange file: which rule, where, what to do, and whether
it refuses the file (an error) or is accepted with a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.errors import InputError
from workflow.i18n import _

ERROR = "error"  # importing would lose or corrupt data, or Tandem cannot tell what the file holds
WARNING = "warning"  # breaks the letter of a schema harmlessly: imported, the rule named

_ELEMENT = re.compile(r"<([\w:.-]+)>")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")


@dataclass(frozen=True)
class Problem:
    rule: str  # short stable id, e.g. "unit-id-unique", "schema"
    message: str  # plain words a translator or engineer can act on, naming the element and value
    line: int | None
    element: str  # local name, e.g. "unit"
    severity: str = ERROR

    def __str__(self) -> str:
        if self.line and self.element:
            return _("line {line}, <{element}>: {message}").format(line=self.line, element=self.element,
                                                                   message=self.message)
        if self.line:
            return _("line {line}, {message}").format(line=self.line, message=self.message)
        return f"<{self.element}>: {self.message}" if self.element else self.message


def one_line(text: str) -> str:
    """A message as one line: libxml2 (and so a reader quoting it) sometimes breaks one over lines."""
    return _BREAKS.sub(" ", text).strip()


def problem_from(exc: InputError, rule: str = "reader") -> Problem:
    """A reader's one-line refusal as a Problem, its line and element pulled out where it names them."""
    # "[source: ]line N[, column M]: rest", "line N" as the readers wrote it in the interface language
    # ("N행" in Korean); the source is tried last, so a line named later in the message is not taken.
    before, _field, after = _("line {line}").partition("{line}")
    match = re.match(rf"^(?:(?P<src>.+?): )??{re.escape(before)}(?P<line>\d+){re.escape(after)}"
                     r"(?:, column \d+)?[:,] ?(?P<rest>.*)$", exc.problem, re.S)
    line = int(match.group("line")) if match else None
    message = one_line(match.group("rest") if match else exc.problem)
    element = _ELEMENT.search(message)
    return Problem(rule, message, line, element.group(1) if element else "")
