"""What a file holds, judged by its bytes, never by its name: XLIFF 1.2 or 2.x, TMX, TBX, a CSV
glossary, an HTML page, or else Korean text or Markdown. A news feed (RSS, Atom) is refused by
name: it lists articles, usually as summaries, and a Tandem document is one article.

Only the head of the file is looked at, decoded as the XML reader layer decodes it (BOMs, BOM-less
UTF-16/32, EBCDIC: glossaries.tbx.encoding.xml_head), so sniffing costs nothing whatever the file's
size or encoding; the reader chosen then reads the whole file strictly. A file whose head is XML
but holds no root element (a DOCTYPE longer than the head) is handed to the safe XML parser, which
either refuses it for its real reason (entities) or finds the root. Each kind has one size limit,
the one its reader enforces (LIMITS).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from glossaries.tbx.encoding import binary_kind, xml_family, xml_head
from glossaries.tbx.parse import MAX_XML_BYTES
from workflow.errors import InputError
from workflow.html_article import looks_like_html
from workflow.i18n import N_, _, format_number
from workflow.textfile import MAX_BYTES

HEAD_BYTES = 65536

LABELS = {"xliff12": "XLIFF 1.2", "xliff2": "XLIFF 2", "tmx": "TMX", "tbx": "TBX", "csv": N_("CSV glossary"),
          "text": N_("Korean text"), "html": N_("HTML page")}
# The most each kind may hold: the XML layer's limit for interchange files, the article reader's
# for text (a CSV glossary is read as text).
LIMITS = {"xliff12": MAX_XML_BYTES, "xliff2": MAX_XML_BYTES, "tmx": MAX_XML_BYTES, "tbx": MAX_XML_BYTES,
          "csv": MAX_BYTES, "text": MAX_BYTES, "html": MAX_BYTES}

# Markup before the root element: declarations, processing instructions, comments, a doctype
# (possibly with an internal subset).
_PROLOG = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S | re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.S)
_ATTR = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DECLARED = re.compile(r"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.I)
_DOCTYPE_NAME = re.compile(r"<!DOCTYPE\s+([\w.:-]+)", re.I)
_HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html\b", re.I)
_FEEDS = {"rss": "RSS", "rdf": "RSS 1.0 (RDF)", "feed": "Atom"}
_DOCTYPE_KINDS = {"xliff": "XLIFF", "tmx": "TMX", "martif": "TBX", "tbx": "TBX"}
XLIFF1_NS = "urn:oasis:names:tc:xliff:document:1."
_GLOSSARY_COLUMNS = {"ko", "en", "ko_variants", "en_variants", "en_forbidden", "pos", "domain", "note",
                     "status", "case_sensitive", "one_rendering"}


@dataclass(frozen=True)
class Sniffed:
    kind: str  # xliff12, xliff2, tmx, tbx, csv, html or text
    version: str | None = None  # the file's own version attribute, for XML kinds
    encoding: str | None = None  # declared (or BOM) encoding, for XML kinds

    @property
    def label(self) -> str:
        """What to tell the user it was read as: "XLIFF 2.1", "TMX", "Korean text"."""
        if self.kind in ("xliff12", "xliff2") and self.version:
            return f"XLIFF {self.version}"
        return _(LABELS[self.kind])


def sniff_file(path: Path | str) -> tuple[bytes, Sniffed]:
    """The file's bytes and what they hold, refusing what no reader takes (missing, empty, a known
    binary, over its kind's limit) before more than the limit is read."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise InputError(source, _("is a folder, not a file"))
        with path.open("rb") as handle:
            largest = max(LIMITS.values())
            size = os.fstat(handle.fileno()).st_size
            _within(size, largest, None, source)
            data = handle.read((size or largest) + 1)  # devices and pipes report no size
            if size and len(data) > size:  # grown since: read on, up to the limit
                data += handle.read(largest + 1 - len(data))
    except FileNotFoundError:
        raise InputError(source, _("no such file")) from None
    except PermissionError:
        raise InputError(source, _("permission denied")) from None
    except OSError as exc:
        raise InputError(source, _("cannot be read ({problem})").format(problem=exc.strerror or exc)) from None
    if not data or data.isspace():
        raise InputError(source, _("the file is empty"))
    _within(len(data), max(LIMITS.values()), None, source)
    sniffed = sniff(data, source)
    _within(len(data), LIMITS[sniffed.kind], sniffed, source)
    return data, sniffed


def _within(size: int, limit: int, sniffed: Sniffed | None, source: str) -> None:
    if size <= limit:
        return
    if sniffed is None:
        raise InputError(source, _("is {size} bytes; the limit for any file Tandem reads is {limit} bytes").format(
            size=format_number(size), limit=format_number(limit)))
    raise InputError(source, _("is {size} bytes; the limit for {kind} is {limit} bytes").format(
        size=format_number(size), kind=sniffed.label, limit=format_number(limit)))


def sniff(data: bytes, source: str) -> Sniffed:
    what = binary_kind(data)
    if what:
        raise InputError(source, _("is {kind}, not XLIFF, TMX, TBX, CSV or text").format(kind=what))
    head = xml_head(data, HEAD_BYTES)
    family = xml_family(data)  # the encoding of a file that declares none
    rest = _skip_prolog(head)
    if _HTML_DOCTYPE.search(head[:len(head) - len(rest)]) or looks_like_html(rest):
        return Sniffed("html")
    if rest.startswith("<"):
        declared = _DECLARED.search(head[:200])
        return _xml_kind(rest, head, data, declared.group(1).lower() if declared else family, source)
    if _is_glossary_csv(head):
        return Sniffed("csv")
    return Sniffed("text")


def _skip_prolog(text: str) -> str:
    position = 0
    while True:
        match = _PROLOG.match(text, position)
        if not match or match.end() == position:
            return text[position:]
        position = match.end()


def _xml_kind(rest: str, head: str, data: bytes, encoding: str, source: str) -> Sniffed:
    is_xml = head.lstrip().startswith("<?xml")
    match = _ROOT.match(rest)
    if not match:
        if is_xml or rest[:9].upper() == "<!DOCTYPE":
            return _parsed_kind(data, head, encoding, source)
        return Sniffed("text")
    qname = match.group(1)
    prefix, _colon, local = qname.rpartition(":")
    attrs = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
             for m in _ATTR.finditer(match.group(2))}
    namespace = attrs.get(f"xmlns:{prefix}" if prefix else "xmlns", "")
    return _judge(local, qname, namespace, attrs, is_xml, encoding, source)


def _parsed_kind(data: bytes, head: str, encoding: str, source: str) -> Sniffed:
    """The kind of an XML file whose root lies beyond the head, by its real root element; the safe
    parser refuses what it must (a DOCTYPE declaring entities) with its own reason."""
    from lxml import etree

    from workflow.interchange.xmlsafe import parse_xml

    named = _DOCTYPE_NAME.search(head)
    label = _DOCTYPE_KINDS.get(named.group(1).rpartition(":")[2].lower(), "XML") if named else "XML"
    root = parse_xml(data, source, label)
    name = etree.QName(root)
    attrs = {k: v for k, v in root.attrib.items() if not k.startswith("{")}
    return _judge(name.localname, name.localname, name.namespace or "", attrs, True, encoding, source)


def _judge(local: str, qname: str, namespace: str, attrs: dict[str, str], is_xml: bool, encoding: str,
           source: str) -> Sniffed:
    version = attrs.get("version")
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
    if name == "html":  # XHTML, with an XML declaration or a namespace
        return Sniffed("html")
    if name in _FEEDS and (is_xml or namespace or name == "rss"):
        raise InputError(source, _("is a news feed ({feed}): a list of articles, usually only their summaries, and "
                                   "Tandem imports one article at a time; save the article's own page (HTML) or "
                                   "its text and import that").format(feed=_FEEDS[name]))
    if is_xml or namespace:
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
