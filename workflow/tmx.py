"""TMX 1.4 read and write. Reading is safe on untrusted files and strict: a bad file names the
element and line and nothing is taken from it."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, UTC

from lxml import etree

from workflow.errors import InputError
from workflow.i18n import _
from workflow.interchange.xmlsafe import local_name as _local
from workflow.interchange.xmlsafe import parse_xml_report
from workflow.storage.store_tm import TmUnitRecord

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements holding native codes (RTF, HTML tags): not text a translator wrote.
_CODES = {"bpt", "ept", "ph", "it", "ut"}


@dataclass
class TranslationUnit:
    texts: dict[str, str]  # language code as written (ko-KR, en-us) -> segment text
    attrs: dict[str, str] = field(default_factory=dict)  # creationid, changeid, creationdate ...
    props: dict[str, str] = field(default_factory=dict)


@dataclass
class TmxFile:
    srclang: str
    units: list[TranslationUnit]
    warnings: list[str] = field(default_factory=list)  # each names the file (encoding read)


def language(code: str) -> str:
    """The primary subtag, lowercased: ko-KR, KO and ko all read as ko."""
    return code.split("-")[0].split("_")[0].strip().lower()


def read_tmx(data: bytes, source: str) -> TmxFile:
    root, warnings = parse_xml_report(data, source, "TMX")
    if _local(root) != "tmx":
        raise InputError(source, _("line {line}: <{element}> is not a TMX root (<tmx>)").format(
            line=root.sourceline, element=_local(root)))
    header = root.find("header")
    body = root.find("body")
    if body is None:
        raise InputError(source, _("line {line}: <tmx> has no <body>").format(line=root.sourceline))
    srclang = header.get("srclang", "") if header is not None else ""
    units = []
    for tu in body.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang")  # `lang` is TMX 1.1's spelling
            if not lang:
                raise InputError(source, _("line {line}: <tuv> has no xml:lang").format(line=tuv.sourceline))
            seg = tuv.find("seg")
            if seg is None:
                raise InputError(source, _("line {line}: <tuv> has no <seg>").format(line=tuv.sourceline))
            texts.setdefault(lang, unicodedata.normalize("NFC", seg_text(seg)))
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        units.append(TranslationUnit(texts, dict(tu.attrib), props))
    return TmxFile(srclang, units, warnings)


def seg_text(seg: etree._Element) -> str:
    """The segment's text: native codes (bpt/ept/ph/it/ut) dropped, <hi> and <sub> text kept."""
    parts = [seg.text or ""]
    for child in seg:
        if _local(child) not in _CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def write_tmx(rows: Sequence[TmUnitRecord], *, srclang: str = "ko", target: str = "en") -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "Tandem", "creationtoolversion": "1", "segtype": "sentence",
        "o-tmf": "tandem", "adminlang": "en", "srclang": srclang, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for row in rows:
        attrs = {"creationdate": tmx_date(row.created_at)}
        if row.author:
            attrs["creationid"] = row.author
        if row.approver:
            attrs["changeid"] = row.approver
        tu = etree.SubElement(body, "tu", attrs)
        if row.document_id is not None:
            etree.SubElement(tu, "prop", type="x-tandem-document").text = str(row.document_id)
        for lang, text in ((srclang, row.source_text), (target, row.target_text)):
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def tmx_date(iso: str) -> str:
    """TMX's date form (YYYYMMDDThhmmssZ, UTC) from Tandem's ISO timestamps."""
    try:
        moment = datetime.fromisoformat(iso).astimezone(UTC)
    except ValueError:
        moment = datetime.now(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def iso_date(tmx: str | None) -> str | None:
    try:
        return datetime.strptime(tmx or "", "%Y%m%dT%H%M%SZ").replace(
            tzinfo=UTC).isoformat(timespec="milliseconds")
    except ValueError:
        return None
