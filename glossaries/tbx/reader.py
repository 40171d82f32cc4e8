"""Validating a parsed TBX document and reading its Korean-English concepts as Terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple, NoReturn

from lxml import etree

from glossaries.errors import GlossaryFileError
from glossaries.i18n import _
from glossaries.model import Term, TermStatus
from glossaries.tbx.names import (
    CATEGORIES,
    DIALECT_MODULES,
    MIXED,
    MODELS,
    MODELS_V2,
    MODULE_NS,
    RANKS,
    REQUIRED,
    STATUS_CATEGORIES,
    TANDEM_NOTE,
    TBX_NS,
    TEXT_ONLY,
    TYPED,
    V2_NAMES,
    WEB_URL,
    XML_LANG,
    Slot,
)


class TbxImport(NamedTuple):
    terms: list[Term]
    skipped: int  # concepts without a Korean term or without a usable English one
    warnings: tuple[str, ...] = ()  # each names the file: an encoding read other than declared


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
            self._fail(root, _("the root element must be <tbx> (TBX v3) or <martif> (TBX v2)"))
        if name.namespace != TBX_NS:
            self._fail(root, _("<tbx> must be in the namespace {namespace}").format(namespace=TBX_NS))
        self.dialect, self.style = root.get("type", ""), root.get("style", "")
        if self.dialect not in DIALECT_MODULES:
            self._fail(root, _("unsupported TBX dialect {dialect!r} (supported: {supported})").format(
                dialect=self.dialect, supported=", ".join(DIALECT_MODULES)))
        if self.style not in ("dca", "dct"):
            self._fail(root, _("style must be 'dca' or 'dct', not {style!r}").format(style=self.style))
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
            self._fail(el, _("a namespaced (DCT-style) element, which a DCA-style or TBX v2 file may not contain"))
        self._fail(el, _("unknown data category element (not TBX-Basic or TBX-Min)"))

    def category(self, el: etree._Element) -> str:
        """The data category an element carries ('' for structural elements)."""
        if etree.QName(el).namespace != self.ns:
            return etree.QName(el).localname
        return el.get("type", "") if self.kind(el) in TYPED else ""

    def _fail(self, el: etree._Element, problem: str) -> NoReturn:
        name = etree.QName(el).localname
        if el.prefix:
            name = f"{el.prefix}:{name}"
        raise GlossaryFileError(self.source, problem, _("element {element} at line {line}").format(
            element=name, line=el.sourceline))

    def _require(self, el: etree._Element, attr: str) -> None:
        if not el.get(attr, "").strip():
            label = "xml:lang" if attr == XML_LANG else attr
            self._fail(el, _("the attribute {attribute} is required and must not be empty").format(attribute=label))

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
                        self._fail(child, (_("not allowed inside <{kind}>, which holds text and {allowed}") if allowed
                                           else _("not allowed inside <{kind}>, which holds text")).format(
                            kind=kind, allowed=", ".join(sorted(allowed))))
            elif el is not self.root:  # the parent's model names it, so this is defensive
                self._fail(el, _("unknown element"))
            for attr in REQUIRED.get(kind, ()) if etree.QName(el).namespace == self.ns else ():
                if attr != "id" or not self.v2:
                    self._require(el, attr)
            target = el.get("target")
            if target is not None and kind == "xref":
                # An external reference: any URI reference (RFC 3986), relative ones included
                # ("wikipedia.org", "images/logo.png"); never followed by Tandem.
                if not _uri_reference(target):
                    self._fail(el, _("target {target!r} of <xref> is not a URI reference (a local file is "
                                     "written file:///C:/path, not C:\\path or C://path)").format(target=target))
            elif target is not None and not WEB_URL.match(target) and target not in ids:
                self._fail(el, _("target {target!r} is neither an http(s) URL nor the id of an element in this "
                                 "file").format(target=target))
            if kind in TYPED:
                self._check_category(el, kind)

    def _check_children(self, el: etree._Element, kind: str, model: list[Slot]) -> None:
        if (el.text or "").strip():
            self._fail(el, _("text is not allowed directly inside <{kind}>").format(kind=kind))
        slot, count = 0, 0
        for child in el.iterchildren():
            if (child.tail or "").strip():
                self._fail(el, _("text is not allowed directly inside <{kind}>").format(kind=kind))
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions
            name = self.kind(child)
            if not any(name in names for names, _, _ in model):
                self._fail(child, _("not allowed in <{kind}>").format(kind=kind))
            while slot < len(model) and name not in model[slot][0]:
                if count < model[slot][1]:
                    self._fail(child, _("<{kind}> needs {elements} before this").format(
                        kind=kind, elements=_names(model[slot][0])))
                slot, count = slot + 1, 0
            if slot == len(model):
                self._fail(child, _("not allowed in <{kind}> at this position (element order)").format(kind=kind))
            count += 1
            most = model[slot][2]
            if most is not None and count > most:
                self._fail(child, _("<{kind}> allows at most {most} of this element here").format(
                    kind=kind, most=most))
        for names, least, _most in model[slot:]:
            if count < least:
                self._fail(el, _("<{kind}> needs {elements}").format(kind=kind, elements=_names(names)))
            count = 0

    def _check_category(self, el: etree._Element, kind: str) -> None:
        cat, text = self.category(el), _text(el)
        modules = DIALECT_MODULES.get(self.dialect)
        if not modules:  # TBX-Core and v2 leave data categories open, but statuses must map
            if cat in STATUS_CATEGORIES and text not in RANKS:
                self._fail(el, _("unknown {category} value {value!r} (known: {known})").format(
                    category=cat, value=text, known=", ".join(RANKS)))
            return
        spec = CATEGORIES.get(cat)
        if spec is None or spec.module not in modules:
            allowed = [n for n, c in CATEGORIES.items() if c.kind == kind and c.module in modules]
            self._fail(el, _("data category {category!r} is not part of {dialect} (allowed on <{kind}>: "
                             "{allowed})").format(category=cat, dialect=self.dialect, kind=kind,
                                                   allowed=", ".join(allowed) or _("none")))
        if spec.kind != kind:
            self._fail(el, _("{category} belongs on <{right}>, not <{kind}>").format(category=cat, right=spec.kind,
                                                                                      kind=kind))
        parent = el.getparent()
        level = self.kind(parent)
        if level.endswith("Grp"):
            level = self.kind(parent.getparent())
        if level not in spec.levels:
            self._fail(el, _("{category} is not allowed at {level} level (only {levels})").format(
                category=cat, level=level, levels=", ".join(sorted(spec.levels))))
        if spec.values and text not in spec.values:
            self._fail(el, _("{value!r} is not an allowed {category} value (allowed: {allowed})").format(
                value=text, category=cat, allowed=", ".join(spec.values)))

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
        merged, shared = _merge_shared(terms)
        warnings: tuple[str, ...] = ()
        if shared:
            shown = ", ".join(shared[:SHOWN_SHARED]) + (", …" if len(shared) > SHOWN_SHARED else "")
            warnings = (_("{source}: Korean terms that stand in more than one concept ({terms}); the concepts "
                          "sharing one were merged into one term, the English of each kept as an allowed "
                          "rendering").format(source=self.source, terms=shown),)
        return TbxImport(merged, skipped, warnings)

    def _term(self, concept: etree._Element) -> Term | None:
        forms: dict[str, list[tuple[str, str, str]]] = {"ko": [], "en": []}
        notes, domains, meta = [], [], {}
        for kind, cat, el in self.items(concept):
            if kind == "note" and (found := TANDEM_NOTE.fullmatch(_text(el))):
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
        assert en is not None  # usable is non-empty and holds no forbidden form, so _pick finds one
        pos = next((f[2] for f in (en, ko, *en_forms, *ko_forms) if f[2]), "")
        status = TermStatus.APPROVED
        if "status" in meta:
            value, el = meta["status"]
            if value not in {s.value for s in TermStatus}:
                self._fail(el, _("unknown Tandem status {value!r}").format(value=value))
            status = TermStatus(value)
        flags = {key: self._flag(meta, key) for key in ("case-sensitive", "one-rendering")}
        return Term(
            ko=ko[0], en=en[0], ko_variants=tuple(f[0] for f in ko_forms if f is not ko),
            en_variants=tuple(f[0] for f in usable if f is not en),
            en_forbidden=tuple(f[0] for f in en_forms if f[1] == "forbidden"),
            pos=meta["pos"][0] if "pos" in meta else pos, domain="; ".join(domains),
            note="; ".join(n for n in notes if n), status=status,
            case_sensitive=flags["case-sensitive"], one_rendering=flags["one-rendering"],
        ).normalized()

    def _flag(self, meta: dict[str, tuple[str, etree._Element]], key: str) -> bool:
        """A tandem:KEY=yes|no note; a file without one is from elsewhere and means no."""
        if key not in meta:
            return False
        value, el = meta[key]
        if value not in ("yes", "no"):
            self._fail(el, _("tandem:{key} must be yes or no, not {value!r}").format(key=key, value=value))
        return value == "yes"

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


SHOWN_SHARED = 5  # shared Korean terms named in the warning
# RFC 3987 IRI reference characters (RFC 3986's plus any non-ASCII letter), percent signs only as
# escapes; a scheme of one letter is a Windows drive ("C://path"), not a URI.
_URI_REFERENCE = re.compile(r"(?:[\w\-.~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\x00-\x7f\s])+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def _uri_reference(target: str) -> bool:
    scheme = _SCHEME.match(target)
    return bool(_URI_REFERENCE.fullmatch(target)) and not (scheme and len(scheme.group(1)) == 1)


def _merge_shared(terms: list[Term]) -> tuple[list[Term], list[str]]:
    """Concepts sharing a Korean form (homonyms: legal TBX) as one term each, since Tandem keeps one
    entry per Korean form: the first concept's term, the others' Korean and English added as
    variants. Returns the terms in file order and the shared forms."""
    owner: dict[str, int] = {}  # Korean form (spaces removed) -> the group it belongs to
    groups: list[list[Term]] = []
    shared: list[str] = []
    for term in terms:
        forms = [f.replace(" ", "") for f in term.korean_forms]
        hit = sorted({owner[f] for f in forms if f in owner})
        if not hit:
            index = len(groups)
            groups.append([term])
        else:
            index = hit[0]
            shared.extend(f for f in dict.fromkeys(term.korean_forms) if f.replace(" ", "") in owner
                          and f not in shared)
            for other in hit[1:]:  # a term bridging two groups joins them
                groups[index].extend(groups[other])
                groups[other] = []
                owner.update({f: index for f, g in owner.items() if g == other})
            groups[index].append(term)
        owner.update((f, index) for f in forms)
    return [_merged(group) for group in groups if group], shared


def _merged(group: list[Term]) -> Term:
    base, others = group[0], group[1:]
    if not others:
        return base
    english = [f for t in group for f in t.english_forms]
    korean: dict[str, str] = {}  # one spelling per form as the glossary matches it (spaces ignored)
    for form in (f for t in group for f in t.korean_forms):
        korean.setdefault(form.replace(" ", ""), form)
    return replace(
        base,
        ko_variants=tuple(korean.values())[1:],
        en_variants=tuple(english[1:]),
        # A rendering one sense forbids may be what another sense wants: allowed wins.
        en_forbidden=tuple(f for t in group for f in t.en_forbidden if f not in english),
        pos=next((t.pos for t in group if t.pos), ""),
        domain="; ".join(dict.fromkeys(t.domain for t in group if t.domain)),
        note="; ".join(dict.fromkeys(t.note for t in group if t.note)),
        one_rendering=all(t.one_rendering for t in group) and len(set(english)) == 1,
    ).normalized()


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
    return _(" or ").join(f"<{n}>" for n in sorted(names))


