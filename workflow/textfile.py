"""Reading text files whatever their encoding: BOMs, UTF-8, UTF-16, CP949/EUC-KR, and refusals.

Everything returned is NFC-normalized with LF line ends; everything refused raises InputError
naming the file and the problem, before anything is written anywhere.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from glossaries.tbx.encoding import BOMS as _BOMS
from glossaries.tbx.encoding import binary_kind, decode_korean
from workflow.errors import InputError
from workflow.i18n import _, format_number

MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; this only stops accidents

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
        raise InputError(str(path), _("holds binary data (control characters), not text"))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(str(path), _("the file holds only whitespace; nothing to import"))
    return TextFile(path, text, encoding, hashlib.sha256(data).hexdigest())


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
        if "\x00" not in text:
            return encoding.replace("_", "-"), text
    if b"\x00" in data:
        raise InputError(name, _("holds binary data (NUL bytes), not text"))
    # The detector gives up on short or unusual Korean (rare syllables read as chaos); a strict
    # decode that yields mostly Hangul is strong evidence on its own.
    for codec in _KOREAN_FALLBACKS:
        found = decode_korean(data, codec)
        if found and _looks_korean(found[1]):
            return found
    raise InputError(
        name, _("is not text in an encoding Tandem knows (tried UTF-8, UTF-16, CP949, EUC-KR)")
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
