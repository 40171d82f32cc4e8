"""Term entries of the house glossary, as plain values (no storage, no matching)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum


class TermStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"  # a proposal a terminologist turned down; kept for its history
    DEPRECATED = "deprecated"


@dataclass(frozen=True)
class Term:
    """One concept: its Korean forms and the English the house wants, admits and forbids."""

    ko: str
    en: str
    ko_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    en_forbidden: tuple[str, ...] = ()
    pos: str = ""
    domain: str = ""
    note: str = ""
    status: TermStatus = TermStatus.APPROVED
    case_sensitive: bool = False
    # Consistency within an article is a house decision per entry: for most terms any allowed
    # rendering may follow any other ("sent home" after "repatriation"), for some the reader must
    # see one name throughout.
    one_rendering: bool = False
    id: int | None = field(default=None, compare=False)

    @property
    def korean_forms(self) -> tuple[str, ...]:
        return (self.ko, *self.ko_variants)

    @property
    def english_forms(self) -> tuple[str, ...]:
        """Renderings that satisfy the term: the preferred one first, then the admitted ones."""
        return (self.en, *self.en_variants)

    def normalized(self) -> Term:
        """NFC everywhere, single spaces, no empty or repeated variants."""
        ko, en = _clean(self.ko), _clean(self.en)
        ko_variants = _clean_all(self.ko_variants, exclude=ko)
        en_variants = _clean_all(self.en_variants, exclude=en)
        en_forbidden = _clean_all(self.en_forbidden)
        pos, domain, note = _clean(self.pos), _clean(self.domain), _clean(self.note)
        # A term read from a file is normalized by its reader and again by the workflow: the second
        # time changes nothing, and replace() on each of 100,000 rows was a good part of an import.
        if (ko, en, ko_variants, en_variants, en_forbidden, pos, domain, note) == (
                self.ko, self.en, self.ko_variants, self.en_variants, self.en_forbidden, self.pos, self.domain,
                self.note):
            return self
        return replace(self, ko=ko, en=en, ko_variants=ko_variants, en_variants=en_variants,
                       en_forbidden=en_forbidden, pos=pos, domain=domain, note=note)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _clean_all(values: tuple[str, ...], exclude: str = "") -> tuple[str, ...]:
    seen: list[str] = []
    for value in values:
        value = _clean(value)
        if value and value != exclude and value not in seen:
            seen.append(value)
    return tuple(seen)
