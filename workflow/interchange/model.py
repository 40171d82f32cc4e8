"""The format-neutral shape of a bilingual file, shared by the XLIFF 1.2 and 2.x readers/writers.

Inline codes (formatting, placeholders) are opaque to translators: in `source` and `target` each one
is a token such as ⟦1⟧ (standalone or opening) or ⟦/1⟧ (closing), and `codes` keeps the original
markup so export can put it back exactly.

`export_mark` names the document a file was exported from and that document's newest revision id
then ("12:345", workflow.returns.ExportMark), so a returned file finds its document and what it was
given; writers write it when set and readers read it back, never as a comment:
- XLIFF 1.2: a header <note from="tandem:export">MARK</note> in each <file> (as tandem:title travels);
- XLIFF 2.x: the attribute tandem:export="MARK" (namespace urn:tandem:xliff) on each <file>, which
  the core schema admits there (any attribute of another namespace, processContents="lax").
`locked` and `max_length` become the segment's columns of the same names at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workflow.models import SegmentKind, SegmentState

# U+27E6/U+27E7 never occur in Korean or English news text, so a token cannot be mistaken for prose.
TOKEN = re.compile(r"⟦(/?)(\d+)(/?)⟧")


def open_token(n: int) -> str:
    return f"⟦{n}⟧"


def close_token(n: int) -> str:
    return f"⟦/{n}⟧"


def standalone_token(n: int) -> str:
    return f"⟦{n}/⟧"


def plain_title(text: str) -> str:
    """A title without Tandem's tokens, which mean nothing outside a segment's text."""
    if not TOKEN.search(text or ""):
        return text or ""
    return " ".join(TOKEN.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in TOKEN.finditer(text or "")]


@dataclass(frozen=True)
class InlineCode:
    token: str  # as it appears in the text: ⟦1/⟧, ⟦2⟧ or ⟦/2⟧
    kind: str  # "standalone", "open" or "close"
    xml: str  # the original element, serialized; restored verbatim on export to the same format
    label: str = ""  # what the editor may show on hover: "<b>", "{0}", "bold" ...


@dataclass(frozen=True)
class Note:
    text: str
    author: str | None = None
    applies_to: str | None = None  # "source", "target" or None (the unit)
    category: str | None = None


@dataclass
class Unit:
    id: str  # the unit's id in the file, kept for re-export
    source: str
    target: str | None
    state: SegmentState
    kind: SegmentKind = SegmentKind.PARAGRAPH
    notes: list[Note] = field(default_factory=list)
    codes: list[InlineCode] = field(default_factory=list)
    author: str | None = None  # who last wrote the target, where the file says
    file_state: str | None = None  # the state as the file wrote it (new, final, reviewed ...)
    locked: bool = False  # translate="no" in the file: shown, never edited, checked or counted
    max_length: int | None = None  # the file's length limit in characters (code points), if any


@dataclass
class BilingualFile:
    format: str  # "xliff12" or "xliff2"
    version: str  # "1.2", "2.0", "2.1", "2.2"
    source_lang: str
    target_lang: str | None
    original: str  # the <file original=...> name, or the file's own name
    units: list[Unit]
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    export_mark: str | None = None  # see the module docstring
    # The file as imported: export to its own format and version patches it (skeleton.py), so what
    # Tandem does not edit goes back as it came. None for documents not imported from XLIFF.
    skeleton: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class FileImport:
    """What importing a TMX or glossary file did: a count per outcome ("added", "unchanged" ...), and
    the reader's warnings, each naming the file (a file declaring EUC-KR read as CP949 ...)."""
    counts: dict[str, int]
    warnings: tuple[str, ...] = ()


# DESIGN.md section 2: Tandem's segment states to and from each format's states.
TO_XLIFF12 = {
    SegmentState.EMPTY: "new",
    SegmentState.DRAFT: "new",
    SegmentState.TRANSLATED: "translated",
    SegmentState.APPROVED: "signed-off",
    SegmentState.REJECTED: "needs-review-translation",
}
FROM_XLIFF12 = {
    "new": SegmentState.DRAFT,
    "needs-translation": SegmentState.DRAFT,
    "needs-adaptation": SegmentState.DRAFT,
    "needs-l10n": SegmentState.DRAFT,
    "needs-review-translation": SegmentState.REJECTED,
    "needs-review-adaptation": SegmentState.REJECTED,
    "needs-review-l10n": SegmentState.REJECTED,
    "translated": SegmentState.TRANSLATED,
    "signed-off": SegmentState.APPROVED,
    "final": SegmentState.APPROVED,
}
# XLIFF 2 has four states; Tandem's finer ones travel in subState (prefix "tandem:").
TO_XLIFF2 = {
    SegmentState.EMPTY: "initial",
    SegmentState.DRAFT: "initial",
    SegmentState.TRANSLATED: "translated",
    SegmentState.APPROVED: "final",
    SegmentState.REJECTED: "initial",
}
FROM_XLIFF2 = {
    "initial": SegmentState.DRAFT,
    "translated": SegmentState.TRANSLATED,
    "reviewed": SegmentState.APPROVED,
    "final": SegmentState.APPROVED,
}
SUBSTATE_PREFIX = "tandem"
