"""Reading text files whatever their encoding: BOMs, UTF-8, UTF-16, CP949/EUC-KR, and refusals.

Everything returned is NFC-normalized with LF line ends; everything refused raises InputError
naming the file and the problem, before anything is written anywhere.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workflow.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; this only stops accidents

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an .docx, .xlsx or .zip?)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc, .hwp?)"),
    (b"\x7fELF", "a program (ELF binary)"),
)

# Legacy Korean codecs tried in order when detection is unsure: CP949 is a superset of EUC-KR.
_KOREAN_FALLBACKS = ("cp949", "johab")


@dataclass(frozen=True)
class TextFile:
    path: Path
    text: str
    encoding: str
    checksum: str  # sha256 of the bytes as read, so re-imports of the same file are recognised


def read_text_file(path: Path | str) -> TextFile:
    path = Path(path)
    data = _read_bytes(path)
    encoding, text = decode(data, str(path))
    if _is_binary(text):
        raise InputError(str(path), "holds binary data (control characters), not text")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(str(path), "the file holds only whitespace; nothing to import")
    return TextFile(path, text, encoding, hashlib.sha256(data).hexdigest())


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(str(path), "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                str(path), f"is {size:,} bytes; the limit for one article is {MAX_BYTES:,} bytes"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(str(path), "the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(str(path), f"is {what}, not a text file")
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
    return _detect(name, data)


def _detect(name: str, data: bytes) -> tuple[str, str]:
    # Imported lazily: only files that are not UTF-8 pay for the detector.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        encoding = best.encoding
        if encoding == "euc_kr":
            # Real "EUC-KR" files often hold CP949-only syllables; the superset reads both.
            for codec in ("euc_kr", "cp949"):
                try:
                    return "euc-kr", data.decode(codec)
                except UnicodeDecodeError:
                    continue
        text = str(best)
        if "\x00" not in text:
            return encoding.replace("_", "-"), text
    if b"\x00" in data:
        raise InputError(name, "holds binary data (NUL bytes), not text")
    # The detector gives up on short or unusual Korean (rare syllables read as chaos); a strict
    # decode that yields mostly Hangul is strong evidence on its own.
    for codec in _KOREAN_FALLBACKS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_korean(text):
            return codec, text
    raise InputError(
        name, "is not text in an encoding Tandem knows (tried UTF-8, UTF-16, CP949, EUC-KR)"
    )


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"is not valid {encoding}: bad byte at offset {exc.start}") from None


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
