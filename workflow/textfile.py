"""Reading text files whatever their encoding: BOMs, UTF-8, UTF-16, CP949/EUC-KR for Korean,
cp1252, Mac Roman or CP949 for English (workflow.western), and refusals.

Everything returned is NFC-normalized with LF line ends and free of control characters; everything
refused raises InputError naming the file and the problem, before anything is written anywhere:
UTF-8 with a few bad bytes (read in another code page, every ’ in it would turn to mojibake), a
file no known encoding reads, a control character (a terminal sequence, never text). UTF-8 text
that was encoded twice (â€™ for ’) is repaired (workflow.mojibake) with a warning saying where.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from glossaries.controls import LINE_BREAKING, describe, escape_controls, find_control, where
from glossaries.tbx.encoding import BOMS as _BOMS
from glossaries.tbx.encoding import binary_kind, decode_korean
from workflow import western
from workflow.blocks import Block
from workflow.errors import InputError
from workflow.i18n import _, format_number, ngettext

MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; this only stops accidents

# Legacy Korean codecs tried in order when detection is unsure: CP949 is a superset of EUC-KR.
_KOREAN_FALLBACKS = ("cp949", "johab")


@dataclass(frozen=True)
class TextFile:
    path: Path
    text: str
    encoding: str
    checksum: str  # sha256 of the bytes as read, so re-imports of the same file are recognised
    warnings: tuple[str, ...] = ()  # each names the file: a repair made while reading it
    blocks: tuple[Block, ...] | None = None  # an HTML page's, as its extractor found them; else from `text`


def read_article(path: Path | str) -> TextFile:
    """An article's file, by its content: an HTML page (workflow.html_article) or text and Markdown.
    Anything else (XLIFF, TMX, a glossary, an RSS feed) is refused, naming what it holds."""
    from workflow.interchange.sniff import sniff

    path = Path(path)
    data = _read_bytes(path)
    sniffed = sniff(data, str(path))
    if sniffed.kind == "html":
        from workflow.html_article import read_html

        return read_html(path, data)
    if sniffed.kind != "text":
        raise InputError(str(path), _("holds {kind}, not an article").format(kind=sniffed.label))
    return read_text_file(path)


def read_text_file(path: Path | str) -> TextFile:
    path = Path(path)
    data = _read_bytes(path)
    encoding, text = decode(data, str(path))
    text, warnings = clean_text(text, str(path))
    return TextFile(path, text, encoding, hashlib.sha256(data).hexdigest(), warnings)


def clean_text(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    """Decoded text as Tandem keeps it: LF line ends (form feeds and vertical tabs are line breaks
    in text files), NFC, mojibake repaired (with a warning), no control characters (refused).
    Mojibake is repaired first: UTF-8 Korean read as Latin-1 is full of C1 characters it undoes."""
    if _is_binary(text):
        raise InputError(name, _("holds binary data (control characters), not text"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKING)
    text, warnings = repair_mojibake(unicodedata.normalize("NFC", text), name)
    refuse_controls(text, name)
    if not text.strip():
        raise InputError(name, _("the file holds only whitespace; nothing to import"))
    return text, warnings


def repair_mojibake(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    """NFC text with UTF-8 that was encoded twice repaired, and a warning saying where, if any was."""
    from workflow.mojibake import repair

    repaired = repair(text)
    if repaired is None:
        return text, ()
    lines = ", ".join(map(str, repaired.lines[:5])) + (", …" if len(repaired.lines) > 5 else "")
    warning = _("{file}: held UTF-8 text encoded twice (mojibake, read once as {codec}); repaired on lines "
                "{lines}, e.g. {old} -> {new}").format(file=name, codec=repaired.via or "?", lines=lines,
                                                         old=_sample(repaired.example[0]), new=_sample(repaired.example[1]))
    return unicodedata.normalize("NFC", repaired.text), (warning,)


def _sample(text: str, most: int = 40) -> str:
    """A stretch of text for a message: at most `most` characters, control characters escaped."""
    text = escape_controls(text)
    return text if len(text) <= most else text[:most - 1] + "…"


def refuse_controls(text: str, source: str, *, field: bool = False) -> None:
    """InputError naming where the first control character stands, if `text` holds one: a line
    and column in a file, a character's position in a `field` (a title, a name, a comment)."""
    found = find_control(text)
    if found is None:
        return
    if field:
        place = _("character {position}").format(position=found.start() + 1)
    else:
        line, column = where(text, found.start())
        place = _("line {line}, column {column}").format(line=line, column=column)
    raise InputError(source, _("{place} is the control character {char}; Tandem does not take terminal control "
                               "characters in text").format(place=place, char=describe(found.group())))


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(str(path), _("is a folder, not a file"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                str(path), _("is {size} bytes; the limit for one article is {limit} bytes").format(
                    size=format_number(size), limit=format_number(MAX_BYTES))
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), _("no such file")) from None
    except PermissionError:
        raise InputError(str(path), _("permission denied")) from None
    except OSError as exc:
        raise InputError(str(path), _("cannot be read ({problem})").format(problem=exc.strerror or exc)) from None
    if not data:
        raise InputError(str(path), _("the file is empty"))
    what = binary_kind(data)
    if what:
        raise InputError(str(path), _("is {kind}, not a text file").format(kind=what))
    return data


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The encoding's name and the exact decoded text (not yet normalized)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding.replace("-sig", ""), _strict(name, data, encoding)
    if b"\x1b$)C" in data[:1024]:
        # ISO-2022-KR is 7-bit, so it would pass as UTF-8; its designator escape gives it away.
        return "iso2022-kr", _strict(name, data, "iso2022_kr")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = western.damaged_utf8(data)
    if damaged is not None:
        offset, count = damaged
        line = data.count(b"\n", 0, offset) + 1
        raise InputError(name, ngettext(
            "is not valid UTF-8: {count} bad byte (0x{byte:02X}, line {line}, byte {offset}) in text that is "
            "otherwise UTF-8; read in another encoding its other characters would turn to mojibake, so re-save "
            "it as UTF-8",
            "is not valid UTF-8: {count} bad bytes (the first 0x{byte:02X}, line {line}, byte {offset}) in text "
            "that is otherwise UTF-8; read in another encoding its other characters would turn to mojibake, so "
            "re-save it as UTF-8", count).format(
            count=format_number(count), byte=data[offset], line=format_number(line), offset=format_number(offset)))
    return _detect(name, data)


def _detect(name: str, data: bytes) -> tuple[str, str]:
    # Imported lazily: only files that are not UTF-8 pay for the detector.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        encoding = best.encoding
        if encoding in ("euc_kr", "cp949") and (found := decode_korean(data, encoding)):
            # Named for the codec that read it: "cp949" when CP949-only syllables were there.
            return found[0].replace("_", "-"), found[1]
        text = str(best)
        if "\x00" not in text and encoding.startswith(("utf_16", "utf_32")):
            return encoding.replace("_", "-"), text
    if b"\x00" in data:
        raise InputError(name, _("holds binary data (NUL bytes), not text"))
    # The detector gives up on short or unusual Korean (rare syllables read as chaos); a strict
    # decode that yields mostly Hangul is strong evidence on its own.
    for codec in _KOREAN_FALLBACKS:
        found = decode_korean(data, codec)
        if found and _looks_korean(found[1]):
            return found
    # Not Korean: English saved on Windows (cp1252, or Latin-1, its printable subset), on a Mac
    # (Mac Roman) or on a Korean Windows (CP949). A statistical detector reads those few accented
    # letters as cp1250 or Mac Icelandic; western.guess weighs how each reading places them.
    guessed = western.guess(data)
    if guessed is not None:
        return guessed
    raise InputError(
        name, _("is not text in an encoding Tandem knows (tried UTF-8, UTF-16, CP949, EUC-KR, cp1252, Mac Roman)")
    )


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, _("is not valid {encoding}: bad byte at offset {offset}").format(
            encoding=encoding, offset=exc.start)) from None


def _is_binary(text: str) -> bool:
    # Text files carry tabs, line and page breaks; NULs and other C0 controls mean a binary format.
    sample = text[:65536]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f")
    return "\x00" in sample or controls > len(sample) // 100


def _looks_korean(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return False
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e")
    control = sum(1 for c in letters if unicodedata.category(c) == "Cc")
    return hangul / len(letters) > 0.3 and control == 0
