"""The file's length limit on the English (XLIFF maxwidth with size-unit="char", and the like).

Counted in code points of the NFC text, as the file's consumer counts characters; inline code
tokens (⟦1⟧ ⟦/1⟧ ⟦1/⟧) are markup the export turns back into elements, not characters of the text.

An error: the limit is the receiving system's (a button, a headline slot, a subtitle line), which
cuts or refuses longer text, so the English cannot be signed off over it unless someone dismisses
the finding with a reason.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.i18n import format_number, ngettext
from workflow.interchange.model import TOKEN


def counted(text: str) -> list[int]:
    """The offsets in `text` (taken as NFC) of the characters a length limit counts."""
    offsets: list[int] = []
    at = 0
    for token in TOKEN.finditer(text):
        offsets.extend(range(at, token.start()))
        at = token.end()
    offsets.extend(range(at, len(text)))
    return offsets


def limited_length(text: str) -> int:
    """The English's length as a limit counts it: what the editor's counter shows."""
    return len(counted(unicodedata.normalize("NFC", text)))


@register(
    "length.limit", "Longer than the file allows", Severity.ERROR,
    "The file limits this segment's English to a number of characters (code points, inline codes "
    "not counted) and the English is longer: the system it goes back to would cut or refuse it.",
)
def over_limit(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if segment.max_length is None:
        return
    target = unicodedata.normalize("NFC", segment.target)
    offsets = counted(target)
    if len(offsets) <= segment.max_length:
        return
    yield check.finding(
        segment.index,
        ngettext("{count} character, the file allows {limit}", "{count} characters, the file allows {limit}",
                 len(offsets)).format(count=format_number(len(offsets)), limit=format_number(segment.max_length)),
        # What does not fit: from the first character past the limit to the end.
        target_span=(offsets[segment.max_length], len(target)),
    )
