"""Text that decodes as UTF-8 but was encoded twice: ’ saved as â€™ (UTF-8 read as cp1252, then
saved again) or ‚Äô (read as Mac Roman), é as Ã©.

Repaired with ftfy (rspeer/ftfy), a library made for exactly this, whose heuristics are tuned to
leave correct text alone; only its encoding fixes are applied (never its quote uncurling, width or
ligature changes, control-character or line-break fixes, and never a lossy replacement), and a
repair is reported, line by line, as a warning of the import. ftfy costs about 60-80 ms and 10 MiB
when first imported, so it is imported only when a cheap test finds a byte pattern that mojibake
leaves behind: two characters that are a UTF-8 lead and continuation byte in cp1252, Latin-1 or
Mac Roman. Clean text, Korean or English, never loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _byte_class(codec: str, low: int, high: int) -> str:
    chars = set()
    for byte in range(low, high + 1):
        try:
            chars.add(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            continue
    chars.update(chr(byte) for byte in range(low, high + 1))  # Latin-1, and cp1252's C1 holes
    return "".join(sorted(re.escape(c) for c in chars))


_SUSPECT = re.compile("|".join(
    f"[{_byte_class(codec, 0xC2, 0xF4)}][{_byte_class(codec, 0x80, 0xBF)}]" for codec in ("cp1252", "mac_roman")))


@dataclass(frozen=True)
class Repair:
    text: str
    lines: tuple[int, ...]  # lines (from 1) that changed
    example: tuple[str, str]  # one stretch as it was and as repaired
    via: str  # the code page the text had been read in: "sloppy-windows-1252", "macroman", "latin-1"


def repair(text: str) -> Repair | None:
    """The repaired text when `text` holds mojibake ftfy can undo, else None."""
    if not _SUSPECT.search(text):
        return None
    import ftfy  # lazily: only text that looks double-encoded pays for it

    config = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, replace_lossy_sequences=False,
                                  fix_c1_controls=False, fix_latin_ligatures=False, fix_character_width=False,
                                  uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
                                  remove_control_chars=False, normalization=None)
    before = text.split("\n")
    after, via = list(before), ""
    changed: list[int] = []
    for index, line in enumerate(before):
        if not _SUSPECT.search(line):
            continue
        fixed = ftfy.fix_encoding_and_explain(line, config=config)
        if fixed.text != line:
            after[index] = fixed.text
            changed.append(index + 1)
            via = via or next((param for action, param in fixed.explanation or [] if action == "encode"), "")
    if not changed:
        return None
    first = changed[0] - 1
    return Repair("\n".join(after), tuple(changed), _difference(before[first], after[first]), via)


def _difference(old: str, new: str) -> tuple[str, str]:
    """The stretch where two lines differ, a few characters either side, as (old, new)."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    start = max(0, start - 8)
    return old[start:end_old + 8].strip(), new[start:end_new + 8].strip()
