"""A glossary rendering offered at the cursor: the picker's line and the edit it makes."""

from __future__ import annotations

from dataclasses import dataclass

from glossaries.index import TermUse

@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `text`; the cursor goes to `cursor` (an offset in the new text)."""

    start: int
    end: int
    text: str
    cursor: int


@dataclass(frozen=True)
class Choice:
    """One line of the picker: this rendering of this term, what it would replace ("" when it
    inserts at the cursor) and the edit that does it."""

    use: TermUse
    rendering: str
    replaces: str
    edit: Edit
