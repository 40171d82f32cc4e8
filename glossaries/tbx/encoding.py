"""Finding out how untrusted bytes are encoded: binary formats by magic number, BOMs, XML declarations
and BOM-less UTF-16/32 or EBCDIC (XML 1.0 appendix F), and the EUC-KR label on CP949 text.

It sits beside parse.py in glossaries/ because the XML reader layer (TBX here, TMX and XLIFF in
workflow/) and workflow.textfile all use it, and glossaries/ is the layer all of them may import.
"""

from __future__ import annotations

import codecs
import re

from glossaries.errors import GlossaryFileError
from glossaries.i18n import N_, _

# Files people pick by mistake; named so the message says what the file is instead of "bad XML".
MAGIC = (
    (b"PK\x03\x04", N_("a ZIP archive (an .docx, .xlsx or .zip?)")),
    (b"PK\x05\x06", N_("an empty ZIP archive")),
    (b"%PDF", N_("a PDF document")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"GIF8", N_("a GIF image")),
    (b"\x1f\x8b", N_("a gzip archive")),
    (b"BZh", N_("a bzip2 archive")),
    (b"\xfd7zXZ\x00", N_("an xz archive")),
    (b"7z\xbc\xaf\x27\x1c", N_("a 7-Zip archive")),
    (b"Rar!\x1a\x07", N_("a RAR archive")),
    (b"\x28\xb5\x2f\xfd", N_("a zstd archive")),
    (b"SQLite format 3\x00", N_("an SQLite database")),
    (b"\xd0\xcf\x11\xe0", N_("an old Microsoft Office file (.doc, .hwp?)")),
    (b"\x7fELF", N_("a program (ELF binary)")),
    (b"MZ", N_("a Windows program")),
)

BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# XML 1.0 appendix F, widened from "<?xml" to any ASCII start ("<tmx", "<!DOCTYPE", a newline):
# where the zero bytes of the first four fall tells UTF-32 and UTF-16 and their byte order.
_BOMLESS = (
    (re.compile(rb"\x00\x00\x00[^\x00]", re.S), "utf-32-be"),
    (re.compile(rb"[^\x00]\x00\x00\x00", re.S), "utf-32-le"),
    (re.compile(rb"\x00[^\x00]\x00[^\x00]", re.S), "utf-16-be"),
    (re.compile(rb"[^\x00]\x00[^\x00]\x00", re.S), "utf-16-le"),
    (re.compile(rb"\x4c\x6f\xa7\x94"), "cp037"),  # EBCDIC "<?xm": enough to read the declaration
)

_DECLARATION = re.compile(r"""<\?xml\s[^>]*?\?>""")
_ENCODING = re.compile(r"""(\sencoding\s*=\s*)(["'])([A-Za-z][A-Za-z0-9._\-]*)\2""")
CP949_WARNING = N_("{file}: declares {label} but holds CP949 characters; read as CP949")
# Labels Windows and Java write for CP949 that Python's codec registry lacks.
_LABELS = {"windows-949": "cp949", "x-windows-949": "cp949"}


def binary_kind(data: bytes) -> str | None:
    """What a known binary format the bytes are ("a ZIP archive ..."), or None."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return _(what)
    return None


def decode_korean(data: bytes, codec: str) -> tuple[str, str] | None:
    """(codec used, text) when the bytes decode strictly as codec, else None.

    EUC-KR and CP949 are read by one decoder: EUC-KR's, which also knows KS X 1001's eight-byte
    jamo sequences (CP949's decoder leaves those as loose jamo), with any pair it lacks read as
    CP949, the superset Windows writes: real "EUC-KR" files often hold UHC syllables (똠, 펲).
    The codec used is "cp949" when such a pair was there.
    """
    name = codecs.lookup(codec).name
    try:
        if name == "euc_kr":
            return codec, data.decode("euc_kr")
        if name == "cp949":
            return codec, data.decode("euc_kr", errors=_CP949_PAIRS)
        return codec, data.decode(codec)
    except UnicodeDecodeError:
        if name != "euc_kr":
            return None
    try:
        return "cp949", data.decode("euc_kr", errors=_CP949_PAIRS)
    except UnicodeDecodeError:
        return None


def _cp949_pair(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # only ever named as a decoding handler
        raise exc
    pair = exc.object[exc.start:exc.start + 2]
    try:
        return pair.decode("cp949"), exc.start + 2
    except UnicodeDecodeError:
        raise exc from None


_CP949_PAIRS = "tandem-cp949-pairs"
codecs.register_error(_CP949_PAIRS, _cp949_pair)


def xml_head(data: bytes, size: int = 65536) -> str:
    """The first size bytes as text, leniently (bad bytes become U+FFFD), for sniffing what a file
    is: BOMs, BOM-less UTF-16/32 and EBCDIC are recognised as decode_xml would."""
    family = _family(data)
    chunk = data[:size]
    if family == "cp037":
        declared = _declared(chunk[:1024].decode("cp037", errors="replace"))
        try:
            family = _codec(declared, "") if declared else family
        except GlossaryFileError:
            pass
    return chunk.decode(family, errors="replace").lstrip("\ufeff")


def xml_family(data: bytes) -> str:
    """The encoding the BOM or the first bytes imply ("utf-8", "utf-16", "utf-32-le", "cp037" ...),
    before any declaration is read: what xml_head decodes with."""
    return _family(data).replace("-sig", "")


def decode_xml(data: bytes, source: str) -> tuple[str, list[str]]:
    """The document as text, its declaration (if any) saying UTF-8, and warnings naming the file.

    The BOM wins over a declaration; without a BOM the declaration decides, as XML requires;
    without either, UTF-8, else what a detector finds (with a warning, since it is a guess).
    """
    family = _family(data)
    head = data[:1024].decode(family.replace("-sig", ""), errors="replace").lstrip("\ufeff")
    declared = _declared(head)
    warnings: list[str] = []
    codec = family
    if declared and family in ("utf-8", "cp037"):
        codec = _codec(declared, source)
        if codec.replace("-", "_").startswith(("utf_16", "utf_32")):
            # "<?xml" in single bytes cannot be UTF-16 or UTF-32, whatever the label says
            warnings.append(_("{file}: declares {encoding} but is not; read as UTF-8").format(
                file=source, encoding=declared))
            codec = "utf-8"
    elif not declared and family == "utf-8":
        try:
            return _declare_utf8(data.decode("utf-8")), warnings
        except UnicodeDecodeError:
            codec = _detect(data, source)
    elif family == "cp037":
        raise GlossaryFileError(source, _("looks like EBCDIC but declares no encoding"))
    found = decode_korean(data, codec)
    if found is None:
        label = declared or codec
        raise GlossaryFileError(source, _("is not valid {encoding}: {problem}").format(
            encoding=label, problem=_bad_byte(data, codec)))
    used, text = found
    if family == "utf-8" and not declared:
        warnings.append(_("{file}: has no encoding declaration and is not UTF-8; read as {encoding} "
                          "(detected)").format(file=source, encoding=_label(used)))
    elif used != codec:
        # used differs only for an EUC-KR codec read as CP949; undeclared, that codec came from
        # _detect, which only happens for family "utf-8", the branch above
        assert declared is not None
        label = "EUC-KR" if declared.lower() in ("euc-kr", "euckr") else f"{declared} (EUC-KR)"
        warnings.append(_(CP949_WARNING).format(file=source, label=label))
    return _declare_utf8(text.lstrip("\ufeff")), warnings


def _label(codec: str) -> str:
    return codecs.lookup(codec).name.replace("_", "-").upper()


def _family(data: bytes) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    for start, codec in _BOMLESS:
        if start.match(data):
            return codec
    return "utf-8"


def _declared(head: str) -> str | None:
    declaration = _DECLARATION.match(head)
    found = _ENCODING.search(declaration.group(0)) if declaration else None
    return found.group(3) if found else None


def _codec(label: str, source: str) -> str:
    try:
        return codecs.lookup(_LABELS.get(label.lower(), label)).name
    except LookupError:
        raise GlossaryFileError(source, _("declares the encoding {encoding!r}, which Tandem does not "
                                          "know").format(encoding=label)) from None


def _declare_utf8(text: str) -> str:
    # The parser gets UTF-8 bytes, so the declaration must say so; one line, so line numbers hold.
    declaration = _DECLARATION.match(text)
    if declaration is None:
        return text
    fixed = _ENCODING.sub(r"\1\2UTF-8\2", declaration.group(0), count=1)
    return fixed + text[declaration.end():]


def _detect(data: bytes, source: str) -> str:
    import charset_normalizer  # lazily: only files that are not UTF-8 pay for the detector

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise GlossaryFileError(source, _("has no encoding declaration, is not UTF-8, and its encoding cannot "
                                          "be recognised"))
    return codecs.lookup(best.encoding).name


def _bad_byte(data: bytes, codec: str) -> str:
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        return _("bad byte at offset {offset}").format(offset=exc.start)
    return _("cannot be decoded")
