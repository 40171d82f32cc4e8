"""Inline codes between XLIFF markup and Tandem's tokens (⟦1⟧ ⟦/1⟧ ⟦1/⟧), for XLIFF 1.2 and 2.x.

Reading turns each code element into a token and an InlineCode holding the element serialized, so
writing to the same format puts the element back as it was. Writing to the other format converts:

    1.2 g <-> 2.x pc          1.2 x <-> 2.x ph              1.2 bx/ex <-> 2.x sc/ec
    1.2 bpt/ept -> 2.x sc/ec with the native code as originalData (and back)
    1.2 ph and it (native code) <-> 2.x ph with originalData
    a start marker whose end is not in the same text (2.x isolated sc/ec, a pair split across
    segments) is a standalone token and converts like a placeholder
    1.2 mrk <-> 2.x mrk, and 2.x sm/em -> 1.2 mrk where the pair nests

Lossy across formats: ctype/equiv-text/disp attributes and 1.2 <sub> content inside native codes are
not carried over (the native code text is); a 2.x <cp> becomes a 1.2 <x ctype="x-tandem-cp-XXXX"/>;
a 1.2 mrk's mtype other than term/protected becomes x-tandem; an annotation (mrk, sm/em) whose
tokens the translator moved so that they cross another pair is dropped in 1.2 (text kept).

Whatever the translator did to the tokens, writing gives a valid file (inline_plan.py says how); a
token typed in the text without a code stays text, and reading never gives a code its number.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

from workflow.interchange.model import TOKEN, InlineCode, close_token, open_token, standalone_token
from workflow.interchange.xmlsafe import local_name

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS22 = "urn:oasis:names:tc:xliff:document:2.2"
XLIFF2_NAMESPACES = (NS20, NS22)

# Characters XML 1.0 cannot carry; XLIFF 2 writes them as <cp hex=.../>, 1.2 cannot keep them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


@dataclass(frozen=True)
class Dialect:
    name: str  # "xliff12" or "xliff2"
    containers: frozenset[str]  # code elements whose content is translatable text
    opening: frozenset[str]  # start markers paired with a closing marker in the same text
    closing: frozenset[str]

    def pair_key(self, el: etree._Element) -> str | None:
        """The identity shared by a start marker and its end marker."""
        if self.name == "xliff12":
            return el.get("rid") or el.get("id")
        name = local_name(el)
        return el.get("id") if name in ("sc", "sm") else el.get("startRef")


XLIFF12 = Dialect("xliff12", frozenset({"g", "mrk"}), frozenset({"bx", "bpt"}), frozenset({"ex", "ept"}))
XLIFF2 = Dialect("xliff2", frozenset({"pc", "mrk"}), frozenset({"sc", "sm"}), frozenset({"ec", "em"}))
_PARTNER = {"bx": "ex", "bpt": "ept", "sc": "ec", "sm": "em"}
_PairKey = tuple[str, "str | None"]  # (the closing element's name, Dialect.pair_key)


def _canonical(el: etree._Element, *, shell: bool) -> str:
    # Serialized without the namespace declarations of the surrounding file, and with those it
    # needs in a fixed order, so the same code reads to the same string whichever file it came from.
    dup = copy.deepcopy(el)
    dup.tail = None
    if shell:
        dup.text = None
        for child in list(dup):
            dup.remove(child)
    etree.cleanup_namespaces(dup)
    nsmap = dict(sorted(dup.nsmap.items(), key=lambda item: (item[0] is not None, item[0] or "")))
    tidy = etree.Element(dup.tag, nsmap=nsmap)
    for key, value in dup.attrib.items():
        tidy.set(key, value)
    tidy.text = dup.text
    tidy.extend(list(dup))
    return nfc(etree.tostring(tidy, encoding="unicode"))


def native_text(el: etree._Element) -> str:
    """The text of a native code (1.2 bpt/ph/it content, a 2.x <data>), a <cp> as its character."""
    parts = [el.text or ""]
    for child in el:
        if local_name(child) == "cp":
            parts.append(_cp_char(child))
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return nfc("".join(parts))


def _cp_char(el: etree._Element) -> str:
    try:
        return chr(int(el.get("hex", ""), 16))
    except ValueError:
        return ""


class CodeReader:
    """Reads one unit's source then target, numbering codes; a target code that has the same id and
    markup as a source code gets the source's token."""

    def __init__(self, dialect: Dialect, data: dict[str, str] | None = None,
                 notes: dict[str, str] | None = None) -> None:
        self.dialect = dialect
        self.data = data or {}  # XLIFF 2 originalData: data id -> native code text
        self.notes = notes or {}  # XLIFF 2 note id -> text, for comment annotations that point to one
        self.codes: list[InlineCode] = []
        self._count = 0
        self._source_ids: dict[tuple[str, str], tuple[int, str, str]] = {}
        self._in_target = False
        self._unnamed: dict[str, int] = {}  # per text read: how often each id-less markup was seen
        # Numbers that occur in the text itself (a token a translator typed, kept as text by the
        # writer): no code gets one, so such text never turns into a code on the way back.
        self._literal: set[int] = set()

    def read(self, content: etree._Element | None, *, target: bool = False) -> str:
        self._in_target = target
        self._unnamed = {}
        if content is None:
            return ""
        for node in content.iter():
            for text in (node.text, node.tail if node is not content else None):
                self._literal.update(int(m.group(2)) for m in TOKEN.finditer(text or ""))
        closers: dict[_PairKey, etree._Element] = {}
        for el in content.iter():
            if isinstance(el.tag, str) and local_name(el) in self.dialect.closing:
                closers.setdefault((local_name(el), self.dialect.pair_key(el)), el)
        return nfc(self._walk(content, closers, {}))

    def _walk(self, el: etree._Element, closers: dict[_PairKey, etree._Element],
              open_pairs: dict[_PairKey, int]) -> str:
        parts = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str):
                parts.append(self._code(child, closers, open_pairs))
            parts.append(child.tail or "")
        return "".join(parts)

    def _code(self, el: etree._Element, closers: dict[_PairKey, etree._Element],
              open_pairs: dict[_PairKey, int]) -> str:
        name = local_name(el)
        d = self.dialect
        if d.name == "xliff2":
            el = self._portable(el)
        if name in d.containers:
            shell = _canonical(el, shell=True)
            label = self._label(el, start=True)
            n = self._number(el.get("id"), shell, shell)
            self._add(open_token(n), "open", shell, label)
            inner = self._walk(el, closers, open_pairs)
            self._add(close_token(n), "close", shell, self._label(el, start=False))
            return open_token(n) + inner + close_token(n)
        xml = _canonical(el, shell=False)
        isolated = el.get("isolated") == "yes"
        if name in d.opening and not isolated:
            key = (_PARTNER[name], d.pair_key(el))
            closer = closers.get(key)
            if closer is not None:
                close_xml = _canonical(closer, shell=False)
                n = self._number(el.get("id"), xml, close_xml)
                open_pairs[key] = n
                self._add(open_token(n), "open", xml, self._label(el))
                return open_token(n)
        if name in d.closing and not isolated:
            key = (name, d.pair_key(el))
            if key in open_pairs:
                n = open_pairs.pop(key)
                self._add(close_token(n), "close", xml, self._label(el))
                return close_token(n)
        n = self._number(el.get("id") or el.get("startRef"), xml, xml)
        self._add(standalone_token(n), "standalone", xml, self._label(el))
        return standalone_token(n)

    def _portable(self, el: etree._Element) -> etree._Element:
        """The code without references to what Tandem does not keep with it, so that writing it back
        makes a valid file: a comment annotation pointing to a note carries the note's text instead
        (the note itself stays a note), and module references (slr:sizeInfoRef ...) are dropped."""
        refs = [k for k in el.attrib if k.startswith("{") and k.endswith("Ref")
                and not k.startswith("{urn:oasis:names:tc:xliff:document:")]
        pointer = el.get("ref", "") if local_name(el) == "mrk" else ""
        if not refs and not pointer.startswith("#"):
            return el
        el = copy.deepcopy(el)
        for key in refs:
            del el.attrib[key]
        if pointer.startswith("#"):
            del el.attrib["ref"]
            note = pointer.rsplit("n=", 1)[-1] if "n=" in pointer else None
            if el.get("value") is None and el.get("type") == "comment":
                el.set("value", self.notes.get(note, "") if note else "")
        return el

    def _number(self, ident: str | None, xml: str, close_xml: str) -> int:
        # A code without an id (a 1.2 <mrk>) matches the source code with the same markup that
        # occurs as often before it.
        if ident is None:
            seen = self._unnamed.get(xml, 0)
            self._unnamed[xml] = seen + 1
            key = ("", f"{xml}#{seen}")
        else:
            key = (xml.split(" ", 1)[0], ident)
        if self._in_target:
            known = self._source_ids.get(key)
            if known and known[1:] == (xml, close_xml):
                return known[0]
            return self._next()
        self._next()
        self._source_ids.setdefault(key, (self._count, xml, close_xml))
        return self._count

    def _next(self) -> int:
        self._count += 1
        while self._count in self._literal:
            self._count += 1
        return self._count

    def _add(self, token: str, kind: str, xml: str, label: str) -> None:
        if all(code.token != token for code in self.codes):
            self.codes.append(InlineCode(token, kind, xml, label))

    def _label(self, el: etree._Element, start: bool = True) -> str:
        name = local_name(el)
        if self.dialect.name == "xliff2":
            ends = ("Start" if start else "End") if name == "pc" else ""
            ref = el.get("dataRef" + ends)
            if ref is not None and ref in self.data:
                return self.data[ref]
            if name == "cp":
                return f"U+{el.get('hex', '').upper()}"
            return nfc(el.get("disp" + ends) or el.get("equiv" + ends) or el.get("type") or name)
        if name in ("bpt", "ept", "ph", "it"):
            return native_text(el)
        return nfc(el.get("equiv-text") or el.get("ctype") or el.get("mtype") or name)


_ONLY_2 = {"pc", "sc", "ec", "sm", "em", "cp"}


def dialect_of(el: etree._Element) -> str:
    """Which XLIFF an inline element belongs to ("xliff12", "xliff2", or "other" for a foreign
    element, which is written as a placeholder); by name and attributes when it has no namespace."""
    tag = el.tag
    if tag.startswith("{"):
        ns = tag[1:].split("}", 1)[0]
        if ns in XLIFF2_NAMESPACES:
            return "xliff2"
        return "xliff12" if ns.startswith("urn:oasis:names:tc:xliff:document:1") else "other"
    if tag in _ONLY_2 or any(a in el.attrib for a in ("dataRef", "dataRefStart", "disp", "equiv", "startRef")):
        return "xliff2"
    return "xliff12"


def into_namespace(el: etree._Element, ns: str) -> etree._Element:
    """The element (parsed from a code's xml) with its XLIFF tags moved into the written file's
    namespace: a code read from XLIFF 1.1 or 2.0 is written into a 1.2 or 2.2 file."""
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        own = node.tag[1:].split("}", 1)[0] if node.tag.startswith("{") else ""
        if own == "" or own.startswith("urn:oasis:names:tc:xliff:document:"):
            node.tag = f"{{{ns}}}{local_name(node)}"
    etree.cleanup_namespaces(el)
    return el


def append_text(el: etree._Element, text: str, dialect: Dialect) -> None:
    """Text added at the end of the element's content; characters XML cannot hold become <cp> in
    XLIFF 2 and are dropped in 1.2, which has no way to carry them."""
    if not text:
        return
    pieces = _NOT_XML.split(text)
    chars = _NOT_XML.findall(text)
    ns = el.tag[1:].split("}", 1)[0] if el.tag.startswith("{") else NS20
    for i, piece in enumerate(pieces):
        _add_plain(el, piece)
        if i < len(chars) and dialect.name == "xliff2":
            etree.SubElement(el, f"{{{ns}}}cp", hex=f"{ord(chars[i]):04X}")


def _add_plain(el: etree._Element, text: str) -> None:
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text
