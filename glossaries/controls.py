"""Control characters in text: found where text comes in, escaped where it is shown.

A control character (C0 but tab and line feed, DEL, C1) in an article, a title or a term is never
text: it is a terminal sequence waiting to run (ESC ] 0 ; sets a window title, ESC [ 2 J clears the
screen, U+009B is an 8-bit CSI). Readers refuse it with the line and column (`find_control`);
whatever is shown on a terminal goes through `escape_controls`, which writes each one as a visible
escape such as \\x1b, so text stored before readers refused them still shows inert.

Lives in glossaries/ because the glossary's readers need it and glossaries imports nothing of ours.
"""

from __future__ import annotations

import re

from glossaries.i18n import N_

# C0 less tab and line feed, DEL, C1. Carriage returns count too: readers turn line ends into
# line feeds before they look, so a CR left over is one in the middle of a line.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Form feed and vertical tab separate lines and pages in plain text files (wire copy); a reader of
# text files may take them as line breaks rather than refuse the file.
LINE_BREAKING = str.maketrans({"\x0b": "\n", "\x0c": "\n"})

_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
          0x9B: "CSI", 0x9D: "OSC", 0x90: "DCS", 0x85: "NEL"}


def find_control(text: str) -> re.Match[str] | None:
    """The first control character in `text`, or None."""
    return CONTROLS.search(text)


def escape_controls(text: str) -> str:
    """`text` with every control character written as a visible escape (ESC as \\x1b); text
    without one comes back as the same object."""
    if not CONTROLS.search(text):
        return text
    return CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def describe(char: str) -> str:
    """How a message names a control character: "U+001B (ESC)"."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def where(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, the column in characters) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# A term entry's text fields, by the label its form and messages give them.
TERM_FIELDS = {"ko": N_("Korean"), "ko_variants": N_("Korean variants"), "en": N_("English"),
               "en_variants": N_("Admitted"), "en_forbidden": N_("Forbidden"), "pos": N_("Part of speech"),
               "domain": N_("Domain"), "note": N_("Note")}


def term_control(term: object) -> tuple[str, str] | None:
    """The (label, text) of the first field of a term entry that holds a control character, or None:
    typed entries are held to the rule the glossary's file readers keep."""
    for field, label in TERM_FIELDS.items():
        value = getattr(term, field)
        for text in value if isinstance(value, tuple) else (value,):
            if CONTROLS.search(text):
                return label, text
    return None
