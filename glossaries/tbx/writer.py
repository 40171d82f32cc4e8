"""Writing Terms as TBX: v3 (ISO 30042:2019, TBX-Basic dialect, DCA style) or TBX 2008 (ISO
30042:2008, the <martif> form that older tools read only)."""

from __future__ import annotations

from lxml import etree

from glossaries.errors import GlossaryFileError
from glossaries.i18n import _
from glossaries.model import Term
from glossaries.tbx.names import ADMIN_STATUS, BASIC_POS, TBX_NS, XML_LANG

# The TBX v3 names of the structures and their TBX 2008 names (names.V2_NAMES the other way).
_V3 = {"tbx": "tbx", "tbxHeader": "tbxHeader", "conceptEntry": "conceptEntry", "langSec": "langSec",
       "termSec": "termSec"}
_V2 = {"tbx": "martif", "tbxHeader": "martifHeader", "conceptEntry": "termEntry", "langSec": "langSet",
       "termSec": "tig"}
# TBX 2008's core structure DTD, named as every TBX 2008 file names it; nothing fetches it.
V2_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'


def write_tbx(terms: list[Term]) -> bytes:
    """TBX v3, TBX-Basic, DCA style, UTF-8: one conceptEntry per term."""
    root = _document(terms, _V3, TBX_NS, {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tbx2(terms: list[Term]) -> bytes:
    """TBX 2008 (<martif type="TBX">, no namespace), UTF-8: one termEntry per term, its terms in
    <tig>; the same data categories and Tandem notes as the v3 export, so either reads back the same."""
    root = _document(terms, _V2, None, {"type": "TBX", XML_LANG: "en"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=V2_DOCTYPE)


def _document(terms: list[Term], names: dict[str, str], ns: str | None, attrs: dict[str, str]) -> etree._Element:
    def add(parent, tag: str, text: str | None = None, **attrs: str):
        el = etree.SubElement(parent, f"{{{ns}}}{names.get(tag, tag)}" if ns else names.get(tag, tag), attrs)
        if text is not None:
            try:
                el.text = text
            except ValueError:  # control characters have no place in XML
                raise GlossaryFileError(_("TBX export"), _("{text!r} contains a character XML cannot hold").format(
                    text=text)) from None
        return el

    tag = f"{{{ns}}}{names['tbx']}" if ns else names["tbx"]
    root = etree.Element(tag, attrs, nsmap={None: ns} if ns else None)
    header = add(root, "tbxHeader")
    source = add(add(header, "fileDesc"), "sourceDesc")
    add(source, "p", "Glossary exported by Tandem")
    if ns is None:  # TBX 2008 names the data category specification its content follows
        add(add(header, "encodingDesc"), "p", "TBXXCSV02.xcs", type="XCSURI")
    text = add(root, "text")
    body = add(text, "body") if terms else None
    for number, term in enumerate(terms, 1):
        concept = add(body, "conceptEntry", id=f"c{number}")
        if term.domain:
            add(concept, "descrip", term.domain, type="subjectField")
        if term.note:
            add(concept, "note", term.note)
        add(concept, "note", f"tandem:status={term.status.value}")
        add(concept, "note", f"tandem:case-sensitive={'yes' if term.case_sensitive else 'no'}")
        add(concept, "note", f"tandem:one-rendering={'yes' if term.one_rendering else 'no'}")
        if term.pos and term.pos not in BASIC_POS:
            add(concept, "note", f"tandem:pos={term.pos}")
        pos = term.pos if term.pos in BASIC_POS else "other" if term.pos else ""
        for lang, forms in (
            ("ko", [(term.ko, ADMIN_STATUS[0])] + [(v, ADMIN_STATUS[1]) for v in term.ko_variants]),
            ("en", [(term.en, ADMIN_STATUS[0])] + [(v, ADMIN_STATUS[1]) for v in term.en_variants]
             + [(v, ADMIN_STATUS[2]) for v in term.en_forbidden]),
        ):
            lang_sec = add(concept, "langSec", **{XML_LANG: lang})
            for form, status in forms:
                term_sec = add(lang_sec, "termSec")
                add(term_sec, "term", form)
                if pos:
                    add(term_sec, "termNote", pos, type="partOfSpeech")
                add(term_sec, "termNote", status, type="administrativeStatus")
    return root
