"""Writing Terms as TBX v3, TBX-Basic dialect, DCA style."""

from __future__ import annotations

from lxml import etree

from glossaries.errors import GlossaryFileError
from glossaries.i18n import _
from glossaries.model import Term
from glossaries.tbx.names import ADMIN_STATUS, BASIC_POS, TBX_NS, XML_LANG


def write_tbx(terms: list[Term]) -> bytes:
    """TBX v3, TBX-Basic, DCA style, UTF-8: one conceptEntry per term."""

    def add(parent, tag: str, text: str | None = None, **attrs: str):
        el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
        if text is not None:
            try:
                el.text = text
            except ValueError:  # control characters have no place in XML
                raise GlossaryFileError(_("TBX export"), _("{text!r} contains a character XML cannot hold").format(
                    text=text)) from None
        return el

    root = etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca",
                                              XML_LANG: "en"}, nsmap={None: TBX_NS})
    source = add(add(add(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    add(source, "p", "Glossary exported by Tandem")
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
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
