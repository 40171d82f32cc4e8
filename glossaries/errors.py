"""Errors raised by the glossary package; callers above it turn them into their own messages."""

from __future__ import annotations


class GlossaryFileError(ValueError):
    """A glossary file cannot be used: names the file, the problem and, when known, the place."""

    def __init__(self, source: str, problem: str, where: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.where = where
        place = f" ({where})" if where else ""
        super().__init__(f"{source}{place}: {problem}")
