"""What a file holds, judged by its bytes, never by its name: XLIFF 1.2 or 2.x, TMX, TBX, a CSV
glossary, or else Korean text or Markdown.

Only the head of the file is looked at, decoded safely (BOM or ASCII markup), so sniffing costs
nothing whatever the file's size or encoding; the reader chosen then reads the whole file strictly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from glossaries.tbx.encoding import binary_kind
from workflow.errors import InputError
from workflow.i18n import N_, _
from workflow.textfile import MAX_BYTES

HEAD_BYTES = 65536

LABELS = {"xliff12": "XLIFF 1.2", "xliff2": "XLIFF 2", "tmx": "TMX", "tbx": "TBX", "csv": N_("CSV glossary"),
          "text": N_("Korean text")}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Markup before the root element: declarations, processing instructions, comments, a doctype
# (possibly with an internal subset).
_PROLOG = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S | re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.S)
_ATTR = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DECLARED = re.compile(r"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.I)
XLIFF1_NS = "urn:oasis:names:tc:xliff:document:1."
_GLOSSARY_COLUMNS = {"ko", "en", "ko_variants", "en_variants", "en_forbidden", "pos", "domain", "note",
                     "status", "case_sensitive"}


@dataclass(frozen=True)
class Sniffed:
    kind: str  # xliff12, xliff2, tmx, tbx, csv or text
    version: str | None = None  # the file's own version attribute, for XML kinds
    encoding: str | None = None  # declared (or BOM) encoding, for XML kinds

    @property
    def label(self) -> str:
        """What to tell the user it was read as: "XLIFF 2.1", "TMX", "Korean text"."""
        if self.kind in ("xliff12", "xliff2") and self.version:
            return f"XLIFF {self.version}"
        return _(LABELS[self.kind])


def load(path: Path | str) -> bytes:
    """The file's bytes, refusing what no reader takes (missing, empty, huge, a known binary)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(str(path), _("is a folder, not a file"))
        if path.stat().st_size > MAX_BYTES:
            raise InputError(str(path), _("is larger than the {limit:,} bytes Tandem reads").format(limit=MAX_BYTES))
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), _("no such file")) from None
    except PermissionError:
        raise InputError(str(path), _("permission denied")) from None
    except OSError as exc:
        raise InputError(str(path), _("cannot be read ({problem})").format(problem=exc.strerror or exc)) from None
    if not data.strip():
        raise InputError(str(path), _("the file is empty"))
    return data


def sniff_file(path: Path | str) -> tuple[bytes, Sniffed]:
    data = load(path)
    return data, sniff(data, str(path))


def sniff(data: bytes, source: str) -> Sniffed:
    what = binary_kind(data)
    if what:
        raise InputError(source, _("is {kind}, not XLIFF, TMX, TBX, CSV or text").format(kind=what))
    head, bom = _head(data)
    rest = _skip_prolog(head)
    if rest.startswith("<"):
        return _xml_kind(rest, head, bom, source)
    if _is_glossary_csv(head):
        return Sniffed("csv")
    return Sniffed("text")


def _head(data: bytes) -> tuple[str, str | None]:
    chunk = data[:HEAD_BYTES]
    for bom, encoding in _BOMS:
        if chunk.startswith(bom):
            return chunk.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    if chunk.startswith(b"<\x00"):  # UTF-16 without a BOM still starts its markup with '<'
        return chunk.decode("utf-16-le", errors="replace"), "utf-16"
    if chunk.startswith(b"\x00<"):
        return chunk.decode("utf-16-be", errors="replace"), "utf-16"
    # Markup is ASCII in every encoding XML allows here; Korean bytes only become U+FFFD.
    return chunk.decode("utf-8", errors="replace"), None


def _skip_prolog(text: str) -> str:
    position = 0
    while True:
        match = _PROLOG.match(text, position)
        if not match or match.end() == position:
            return text[position:]
        position = match.end()


def _xml_kind(rest: str, head: str, bom: str | None, source: str) -> Sniffed:
    match = _ROOT.match(rest)
    if not match:
        if head.lstrip().startswith("<?xml"):
            raise InputError(source, _("is XML without a root element that Tandem can find"))
        return Sniffed("text")
    qname = match.group(1)
    prefix, _colon, local = qname.rpartition(":")
    attrs = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
             for m in _ATTR.finditer(match.group(2))}
    namespace = attrs.get(f"xmlns:{prefix}" if prefix else "xmlns", "")
    version = attrs.get("version")
    declared = _DECLARED.search(head[:200])
    encoding = (declared.group(1).lower() if declared else None) or bom or "utf-8"
    name = local.lower()
    if name == "xliff":
        if namespace.startswith("urn:oasis:names:tc:xliff:document:2") or (version or "").startswith("2"):
            return Sniffed("xliff2", version or "2.0", encoding)
        if namespace.startswith(XLIFF1_NS) or (version or "").startswith("1") or not namespace:
            # 1.0 and 1.1 are read as 1.2, their superset; the version shown is the file's own.
            return Sniffed("xliff12", version or namespace.rpartition(":")[2] or "1.2", encoding)
        raise InputError(source, _("is XLIFF of an unknown version ({version}, namespace {namespace}); Tandem reads "
                                   "XLIFF 1.2 and 2.x").format(version=version or _("no version attribute"),
                                                               namespace=namespace or _("none")))
    if name == "tmx":
        return Sniffed("tmx", version, encoding)
    if name in ("martif", "tbx"):
        return Sniffed("tbx", version or attrs.get("type"), encoding)
    if head.lstrip().startswith("<?xml") or namespace:
        raise InputError(source, _("is XML with root <{root}>, not XLIFF, TMX or TBX").format(root=qname))
    # "<b>Seoul</b> ..." at the top of a Markdown article is text, not an unknown XML format.
    return Sniffed("text")


def _is_glossary_csv(head: str) -> bool:
    first = next((line for line in head.splitlines() if line.strip()), "")
    for separator in (",", ";", "\t"):
        names = {cell.strip().strip('"').lower() for cell in first.split(separator)}
        if {"ko", "en"} <= names and names <= _GLOSSARY_COLUMNS:
            return True
    return False
