"""Glossary TBX import and export.

In: TBX v3 (ISO 30042:2019: TBX-Basic, TBX-Min and TBX-Core; DCA and DCT styles) and the 2008
TBX v2 <martif> form. Out: TBX v3, TBX-Basic dialect, DCA style.

Validation is our own, because the official RNG/Schematron files are third-party and may not ship
with Tandem: a table of content models for the TBX core structure, and for TBX-Basic and TBX-Min
the data categories each allows (on which element, at which level, with which picklist values).
It stops at the first broken rule and names the element and its line.

One concept becomes one Term: the preferred (else first non-deprecated) Korean term is `ko`, the
other Korean terms `ko_variants`; the preferred (else first non-deprecated) English term is `en`,
other English terms `en_variants`, deprecated and superseded ones `en_forbidden`. Any ko-* or
en-* langSec counts. Concepts without Korean or without usable English are skipped and counted:
read_tbx_report / parse_tbx return TbxImport(terms, skipped); read_tbx returns the terms alone.

Tandem's status, case sensitivity, and a part of speech outside the TBX-Basic picklist travel as
concept-level notes of the form <note>tandem:status=approved</note> (keys: status,
case-sensitive, pos), because TBX-Basic has no data category for them and a custom <admin> type
would make the export invalid TBX-Basic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from glossaries.errors import GlossaryFileError
from glossaries.model import Term, TermStatus

TBX_NS = "urn:iso:std:iso:30042:ed-2"
MODULE_NS = {"min": "http://www.tbxinfo.net/ns/min", "basic": "http://www.tbxinfo.net/ns/basic"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECT_MODULES = {"TBX-Basic": {"min", "basic"}, "TBX-Min": {"min"}, "TBX-Core": set()}


class TbxImport(NamedTuple):
    terms: list[Term]
    skipped: int  # concepts without a Korean term or without a usable English one


def read_tbx(path: str | Path) -> list[Term]:
    return read_tbx_report(path).terms


def read_tbx_report(path: str | Path) -> TbxImport:
    path = Path(path)
    return parse_tbx(path.read_bytes(), source=str(path))


def parse_tbx(data: bytes, source: str = "TBX data") -> TbxImport:
    """The Korean-English concepts of a valid TBX file; GlossaryFileError for anything invalid."""
    root = _parse(data, source)
    doc = _Doc(root, source)
    doc.validate()
    return doc.terms()


# --- parsing -----------------------------------------------------------------------------------

_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[")


def _parse(data: bytes, source: str) -> etree._Element:
    # lxml rather than defusedxml because messages need line numbers. Safety: the parser never
    # resolves entities, loads a DTD or uses the network; and a DOCTYPE with an internal subset
    # (where entities are declared: XXE, billion laughs) is refused before parsing. TBX never
    # needs one; v2 files' external DOCTYPE line is harmless since the DTD is not loaded.
    head = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data.decode("utf-16", errors="replace").encode()
    if _INTERNAL_SUBSET.search(head):
        raise GlossaryFileError(source, "the DOCTYPE declares entities or other DTD content; "
                                "refused for safety (TBX never needs it)", "DOCTYPE")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryFileError(source, f"not well-formed XML: {exc.msg}",
                                f"line {exc.lineno}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # belt and braces (encodings)
        raise GlossaryFileError(source, "the DOCTYPE declares entities; refused for safety",
                                "DOCTYPE")
    return root


# --- the TBX structure -------------------------------------------------------------------------

N = None  # no upper bound
AUX = frozenset({"admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"})
LINKS = frozenset({"admin", "adminGrp", "note", "ref", "transacGrp", "xref"})
# Each model is a sequence of slots (allowed names, min, max), as in the TBX core RNG.
MODELS = {
    "tbx": [({"tbxHeader"}, 1, 1), ({"text"}, 1, 1)],
    "tbxHeader": [({"fileDesc"}, 1, 1), ({"encodingDesc"}, 0, 1), ({"revisionDesc"}, 0, 1)],
    "fileDesc": [({"titleStmt", "publicationStmt"}, 0, 2), ({"sourceDesc"}, 1, N)],
    "titleStmt": [({"title"}, 1, 1), ({"note"}, 0, N)],
    "publicationStmt": [({"p"}, 1, N)],
    "sourceDesc": [({"p"}, 1, N)],
    "encodingDesc": [({"p"}, 1, N)],
    "revisionDesc": [({"change"}, 1, N)],
    "change": [({"p"}, 1, N)],
    "text": [({"body"}, 0, 1), ({"back"}, 0, 1)],
    "body": [({"conceptEntry"}, 1, N)],
    "back": [({"refObjectSec"}, 0, N)],
    "refObjectSec": [({"refObject"}, 1, N)],
    "refObject": [({"itemSet", "itemGrp", "item"}, 1, N)],
    "itemSet": [({"itemGrp", "item"}, 1, N)],
    "itemGrp": [({"item"}, 1, 1), (LINKS, 0, N)],
    "conceptEntry": [(AUX, 0, N), ({"langSec"}, 1, N)],
    "langSec": [(AUX, 0, N), ({"termSec"}, 1, N)],
    "termSec": [({"term"}, 1, 1), ({"termNote", "termNoteGrp"}, 0, N), (AUX, 0, N)],
    "termNoteGrp": [({"termNote"}, 1, 1), (LINKS, 0, N)],
    "descripGrp": [({"descrip"}, 1, 1), (LINKS | {"descripNote"}, 0, N)],
    "adminGrp": [({"admin"}, 1, 1), ({"adminNote", "note", "ref", "xref"}, 0, N)],
    "transacGrp": [({"transac"}, 1, 1), ({"date", "note", "ref", "transacNote", "xref"}, 0, N)],
}
# TBX v2 names the same structures differently and has the <ntig><termGrp> form of a term.
V2_NAMES = {"martif": "tbx", "martifHeader": "tbxHeader", "termEntry": "conceptEntry",
            "langSet": "langSec", "tig": "termSec", "refObjectList": "refObjectSec"}
MODELS_V2 = {**MODELS,
             "langSec": [(AUX, 0, N), ({"termSec", "ntig"}, 1, N)],
             "ntig": [({"termGrp"}, 1, 1), (AUX, 0, N)],
             "termGrp": [({"term"}, 1, 1), ({"termNote", "termNoteGrp"}, 0, N)]}
INLINE = frozenset({"ec", "foreign", "hi", "ph", "sc", "bpt", "ept"})
MIXED = {"p": INLINE, "note": INLINE, "admin": INLINE, "descrip": INLINE, "termNote": INLINE,
         "item": INLINE, "foreign": INLINE, "term": frozenset({"hi"})}
TEXT_ONLY = frozenset({"title", "ref", "transac", "transacNote", "xref", "date", "adminNote",
                       "descripNote", "hi", "ph", "sc", "ec", "bpt", "ept"})
TYPED = frozenset({"admin", "adminNote", "descrip", "descripNote", "termNote", "transac",
                   "transacNote", "ref", "xref"})
REQUIRED = {"conceptEntry": ("id",), "langSec": (XML_LANG,), "xref": ("type", "target"),
            "refObjectSec": ("type",), "sc": ("id",), **{k: ("type",) for k in TYPED - {"xref"}}}


class _Cat(NamedTuple):
    kind: str  # the DCA element that carries it (its DCT element stands in the same place)
    module: str
    levels: frozenset[str]
    values: tuple[str, ...] = ()  # the picklist, if any


_C, _L, _T = "conceptEntry", "langSec", "termSec"
ADMIN_STATUS = ("preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                "supersededTerm-admn-sts")
BASIC_POS = ("adjective", "noun", "other", "verb", "adverb")
CATEGORIES = {  # TBX-Min is the "min" module; TBX-Basic is "min" plus "basic"
    "administrativeStatus": _Cat("termNote", "min", frozenset({_T}), ADMIN_STATUS),
    "partOfSpeech": _Cat("termNote", "min", frozenset({_T}), BASIC_POS),
    # usageStatus comes from the pre-2019 TBX-Min that the LTAC test files still use
    "usageStatus": _Cat("termNote", "min", frozenset({_T}),
                        ("preferred", "admitted", "deprecated", "notRecommended", "obsolete")),
    "customerSubset": _Cat("admin", "min", frozenset({_C, _T})),
    "subjectField": _Cat("descrip", "min", frozenset({_C})),
    "externalCrossReference": _Cat("xref", "min", frozenset({_C, _L, _T})),
    "projectSubset": _Cat("admin", "basic", frozenset({_C, _T})),
    "source": _Cat("admin", "basic", frozenset({_C, _L, _T})),
    "context": _Cat("descrip", "basic", frozenset({_T})),
    "definition": _Cat("descrip", "basic", frozenset({_C, _L})),
    # crossReference until 2018, then relatedConcept / relatedTerm: samples use all three
    "crossReference": _Cat("ref", "basic", frozenset({_C, _T})),
    "relatedConcept": _Cat("ref", "basic", frozenset({_C, _T})),
    "relatedTerm": _Cat("ref", "basic", frozenset({_C, _T})),
    "grammaticalGender": _Cat("termNote", "basic", frozenset({_T}),
                              ("masculine", "feminine", "neuter", "other")),
    "geographicalUsage": _Cat("termNote", "basic", frozenset({_T})),
    "termLocation": _Cat("termNote", "basic", frozenset({_T}), (
        "checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
        "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider",
        "spinBox", "tab", "tableText", "textBox", "toolTip", "user-definedType")),
    "termType": _Cat("termNote", "basic", frozenset({_T}), (
        "fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")),
    # "creation" is not in the TBX-Basic picklist, but the LTAC basic_good.tbx sample uses it
    "transactionType": _Cat("transac", "basic", frozenset({_C, _L, _T}),
                            ("origination", "modification", "creation")),
    "responsibility": _Cat("transacNote", "basic", frozenset({_C, _L, _T})),
    "xGraphic": _Cat("xref", "basic", frozenset({_C, _L})),
}
# How term statuses map to Tandem: every dialect must use one of these, or we would have to guess
# whether a term is allowed or forbidden.
RANKS = {
    "preferredTerm-admn-sts": "preferred", "standardizedTerm-admn-sts": "preferred",
    "legalTerm-admn-sts": "preferred", "regulatedTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "forbidden", "supersededTerm-admn-sts": "forbidden",
    "preferred": "preferred", "admitted": "admitted", "deprecated": "forbidden",
    "notRecommended": "forbidden", "obsolete": "forbidden",
}
STATUS_CATEGORIES = ("administrativeStatus", "usageStatus")
_WEB = re.compile(r"https?://\S")
_TANDEM_NOTE = re.compile(r"tandem:(status|case-sensitive|pos)=(.*)", re.S)


class _Doc:
    def __init__(self, root: etree._Element, source: str) -> None:
        self.root, self.source = root, source
        name = etree.QName(root)
        self.v2 = name.localname == "martif" and name.namespace in (None, TBX_NS)
        self.ns = name.namespace  # v2 files come with and without a namespace
        if self.v2:
            self.dialect, self.style = "", "dca"  # v2 dialects live in XCS files we do not read
            for attr in ("type", XML_LANG):
                self._require(root, attr)
            return
        if name.localname != "tbx":
            self._fail(root, "the root element must be <tbx> (TBX v3) or <martif> (TBX v2)")
        if name.namespace != TBX_NS:
            self._fail(root, f"<tbx> must be in the namespace {TBX_NS}")
        self.dialect, self.style = root.get("type", ""), root.get("style", "")
        if self.dialect not in DIALECT_MODULES:
            self._fail(root, f"unsupported TBX dialect {self.dialect!r} (supported: "
                       + ", ".join(DIALECT_MODULES) + ")")
        if self.style not in ("dca", "dct"):
            self._fail(root, f"style must be 'dca' or 'dct', not {self.style!r}")
        self._require(root, XML_LANG)

    # -- naming

    def kind(self, el: etree._Element) -> str:
        """The TBX v3 name of the structure an element stands for (DCT elements: their DCA one)."""
        name = etree.QName(el)
        if name.namespace == self.ns:
            if self.v2:
                return V2_NAMES.get(name.localname, "" if name.localname in V2_NAMES.values()
                                    else name.localname)
            return name.localname
        cat = CATEGORIES.get(name.localname)
        if self.style == "dct" and cat and MODULE_NS[cat.module] == name.namespace:
            return cat.kind
        if self.style == "dca":
            self._fail(el, "a namespaced (DCT-style) element, which a DCA-style or TBX v2 file "
                       "may not contain")
        self._fail(el, "unknown data category element (not TBX-Basic or TBX-Min)")

    def category(self, el: etree._Element) -> str:
        """The data category an element carries ('' for structural elements)."""
        if etree.QName(el).namespace != self.ns:
            return etree.QName(el).localname
        return el.get("type", "") if self.kind(el) in TYPED else ""

    def _fail(self, el: etree._Element, problem: str):
        name = etree.QName(el).localname
        if el.prefix:
            name = f"{el.prefix}:{name}"
        raise GlossaryFileError(self.source, problem, f"element {name} at line {el.sourceline}")

    def _require(self, el: etree._Element, attr: str) -> None:
        if not el.get(attr, "").strip():
            label = "xml:lang" if attr == XML_LANG else attr
            self._fail(el, f"the attribute {label} is required and must not be empty")

    # -- validation

    def validate(self) -> None:
        ids = {el.get("id") for el in self.root.iter(etree.Element) if el.get("id")}
        models = MODELS_V2 if self.v2 else MODELS
        for el in self.root.iter(etree.Element):
            kind = self.kind(el)
            if kind in models:
                self._check_children(el, kind, models[kind])
            elif kind in MIXED or kind in TEXT_ONLY:
                allowed = MIXED.get(kind, frozenset())
                for child in el.iterchildren(etree.Element):
                    if self.kind(child) not in allowed:
                        self._fail(child, f"not allowed inside <{kind}>, which holds text"
                                   + (f" and {', '.join(sorted(allowed))}" if allowed else ""))
            elif el is not self.root:  # the parent's model names it, so this is defensive
                self._fail(el, "unknown element")
            for attr in REQUIRED.get(kind, ()) if etree.QName(el).namespace == self.ns else ():
                if attr != "id" or not self.v2:
                    self._require(el, attr)
            target = el.get("target")
            if target is not None and not _WEB.match(target) and target not in ids:
                self._fail(el, f"target {target!r} is neither an http(s) URL nor the id of an "
                           "element in this file")
            if kind in TYPED:
                self._check_category(el, kind)

    def _check_children(self, el: etree._Element, kind: str, model: list) -> None:
        if (el.text or "").strip():
            self._fail(el, f"text is not allowed directly inside <{kind}>")
        slot, count = 0, 0
        for child in el.iterchildren():
            if (child.tail or "").strip():
                self._fail(el, f"text is not allowed directly inside <{kind}>")
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions
            name = self.kind(child)
            if not any(name in names for names, _, _ in model):
                self._fail(child, f"not allowed in <{kind}>")
            while slot < len(model) and name not in model[slot][0]:
                if count < model[slot][1]:
                    self._fail(child, f"<{kind}> needs {_names(model[slot][0])} before this")
                slot, count = slot + 1, 0
            if slot == len(model):
                self._fail(child, f"not allowed in <{kind}> at this position (element order)")
            count += 1
            if model[slot][2] is not None and count > model[slot][2]:
                self._fail(child, f"<{kind}> allows at most {model[slot][2]} of this element here")
        for names, least, _ in model[slot:]:
            if count < least:
                self._fail(el, f"<{kind}> needs {_names(names)}")
            count = 0

    def _check_category(self, el: etree._Element, kind: str) -> None:
        cat, text = self.category(el), _text(el)
        modules = DIALECT_MODULES.get(self.dialect)
        if not modules:  # TBX-Core and v2 leave data categories open, but statuses must map
            if cat in STATUS_CATEGORIES and text not in RANKS:
                self._fail(el, f"unknown {cat} value {text!r} (known: {', '.join(RANKS)})")
            return
        spec = CATEGORIES.get(cat)
        if spec is None or spec.module not in modules:
            allowed = [n for n, c in CATEGORIES.items() if c.kind == kind and c.module in modules]
            self._fail(el, f"data category {cat!r} is not part of {self.dialect} (allowed on "
                       f"<{kind}>: {', '.join(allowed) or 'none'})")
        if spec.kind != kind:
            self._fail(el, f"{cat} belongs on <{spec.kind}>, not <{kind}>")
        parent = el.getparent()
        level = self.kind(parent)
        if level.endswith("Grp"):
            level = self.kind(parent.getparent())
        if level not in spec.levels:
            self._fail(el, f"{cat} is not allowed at {level} level (only "
                       f"{', '.join(sorted(spec.levels))})")
        if spec.values and text not in spec.values:
            self._fail(el, f"{text!r} is not an allowed {cat} value (allowed: "
                       f"{', '.join(spec.values)})")

    # -- mapping to terms

    def items(self, parent: etree._Element) -> Iterator[tuple[str, str, etree._Element]]:
        """(kind, category, element) of the children, looking inside groups and v2 <termGrp>."""
        for el in parent.iterchildren(etree.Element):
            kind = self.kind(el)
            if kind in ("descripGrp", "termNoteGrp", "adminGrp"):
                el = next(el.iterchildren(etree.Element))
                kind = self.kind(el)
            if kind == "termGrp":
                yield from self.items(el)
            else:
                yield kind, self.category(el), el

    def terms(self) -> TbxImport:
        terms: list[Term] = []
        skipped = 0
        for concept in self.root.iter(etree.Element):
            if self.kind(concept) == "conceptEntry":
                term = self._term(concept)
                if term is None:
                    skipped += 1
                else:
                    terms.append(term)
        return TbxImport(terms, skipped)

    def _term(self, concept: etree._Element) -> Term | None:
        forms: dict[str, list[tuple[str, str, str]]] = {"ko": [], "en": []}
        notes, domains, meta = [], [], {}
        for kind, cat, el in self.items(concept):
            if kind == "note" and (found := _TANDEM_NOTE.fullmatch(_text(el))):
                meta[found[1]] = (found[2].strip(), el)
            elif cat == "subjectField":
                domains.append(_text(el))
            elif cat == "definition" or kind == "note":
                notes.append(_text(el))
            elif kind == "langSec":
                lang = re.split(r"[-_]", el.get(XML_LANG, ""))[0].lower()
                lang = {"kor": "ko", "eng": "en"}.get(lang, lang)
                for sub_kind, sub_cat, sub in self.items(el) if lang in forms else ():
                    if sub_cat == "definition" or sub_kind == "note":
                        notes.append(_text(sub))
                    elif sub_kind in ("termSec", "ntig"):
                        forms[lang].append(self._form(sub))
        ko_forms = [f for f in forms["ko"] if f[0]]
        en_forms = [f for f in forms["en"] if f[0]]
        usable = [f for f in en_forms if f[1] != "forbidden"]
        if not ko_forms or not usable:
            return None
        ko = _pick(ko_forms) or ko_forms[0]
        en = _pick(usable)
        pos = next((f[2] for f in (en, ko, *en_forms, *ko_forms) if f[2]), "")
        status, flag = TermStatus.APPROVED, False
        if "status" in meta:
            value, el = meta["status"]
            if value not in {s.value for s in TermStatus}:
                self._fail(el, f"unknown Tandem status {value!r}")
            status = TermStatus(value)
        if "case-sensitive" in meta:
            value, el = meta["case-sensitive"]
            if value not in ("yes", "no"):
                self._fail(el, f"tandem:case-sensitive must be yes or no, not {value!r}")
            flag = value == "yes"
        return Term(
            ko=ko[0], en=en[0], ko_variants=tuple(f[0] for f in ko_forms if f is not ko),
            en_variants=tuple(f[0] for f in usable if f is not en),
            en_forbidden=tuple(f[0] for f in en_forms if f[1] == "forbidden"),
            pos=meta["pos"][0] if "pos" in meta else pos, domain="; ".join(domains),
            note="; ".join(n for n in notes if n), status=status, case_sensitive=flag,
        ).normalized()

    def _form(self, term_sec: etree._Element) -> tuple[str, str, str]:
        """(term, rank, part of speech) of one termSec; rank '' when the file gives none."""
        text, rank, pos = "", "", ""
        for kind, cat, el in self.items(term_sec):
            if kind == "term":
                text = _text(el)
            elif cat in STATUS_CATEGORIES:
                rank = RANKS[_text(el)]
            elif cat == "partOfSpeech":
                pos = _text(el)
        return text, rank, pos


def _pick(forms: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The preferred form, else the first one not forbidden."""
    for wanted in ("preferred", None):
        for form in forms:
            if form[1] == wanted or (wanted is None and form[1] != "forbidden"):
                return form
    return None


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _names(names) -> str:
    return " or ".join(f"<{n}>" for n in sorted(names))


# --- export ------------------------------------------------------------------------------------

def write_tbx(terms: list[Term]) -> bytes:
    """TBX v3, TBX-Basic, DCA style, UTF-8: one conceptEntry per term."""

    def add(parent, tag: str, text: str | None = None, **attrs: str):
        el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
        if text is not None:
            try:
                el.text = text
            except ValueError:  # control characters have no place in XML
                raise GlossaryFileError("TBX export", f"{text!r} contains a character XML "
                                        "cannot hold") from None
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
