"""What an exported XLIFF file lost or gained against the file it came from, by element.

Both files become a multiset of items: each element (named with its ancestors' names, so moving it
elsewhere counts), each attribute with its value, each piece of text (an element's text or the text
after a child), and each comment and processing instruction. Whitespace between structural
elements is layout and does not count; whitespace inside text-bearing elements (a source, a note,
an inline code) does. What Tandem may change is left out: everything inside a <target>, the state
attributes, Tandem's own metadata (notes from "tandem:...", tandem: attributes, the metadata
module's category="tandem" groups) and a <target>'s phase. The difference is then counted per
element name: items of the original missing from the export, and items the export added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from workflow.interchange.xmlsafe import local_name, parse_xml

_XLIFF = "urn:oasis:names:tc:xliff:document:"
_TANDEM = "urn:tandem:xliff"
_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
_TEXTUAL = frozenset({
    "source", "seg-source", "target", "note", "data", "mrk", "g", "sub", "bpt", "ept", "ph", "it", "pc",
    "internal-file", "bin-source", "bin-target", "context", "prop", "meta", "sm", "em", "sc", "ec",
})
_STATE_ATTRS = frozenset({"state", "subState", "approved", "state-qualifier"})

Item = tuple[str, str, str]  # (element label, kind: element/attribute/text/comment, the item's key)


@dataclass
class Difference:
    missing: Counter = field(default_factory=Counter)  # (label, kind) -> items of the original not exported
    added: Counter = field(default_factory=Counter)  # (label, kind) -> items only the export has

    def total(self) -> int:
        return sum(self.missing.values()) + sum(self.added.values())

    def __iadd__(self, other: Difference) -> Difference:
        self.missing.update(other.missing)
        self.added.update(other.added)
        return self


def label(el: etree._Element) -> str:
    """An XLIFF element by its name, anything else by prefix:name (sdl:seg, mq:insertedmatch)."""
    if not isinstance(el.tag, str):
        return "#comment" if isinstance(el, etree._Comment) else "#pi"
    namespace = etree.QName(el).namespace or ""
    if not namespace or namespace.startswith(_XLIFF):
        return local_name(el)
    return f"{el.prefix or '{' + namespace + '}'}:{local_name(el)}"


def _tandem_owned(el: etree._Element) -> bool:
    name = local_name(el)
    namespace = etree.QName(el).namespace or ""
    if name == "target" or namespace == _TANDEM:
        return True
    if name == "note" and (el.get("from") or "").startswith("tandem:"):
        return True
    if name == "phase" and (el.get("phase-name") or "").startswith("tandem-"):
        return True
    if namespace == _MDA and name == "metaGroup" and el.get("category") == "tandem":
        return True
    if name in ("header", "phase-group", "metadata"):  # made to hold only Tandem's metadata
        kids = [c for c in el if isinstance(c.tag, str)]
        return bool(kids) and all(_tandem_owned(c) for c in kids)
    return False


def items(data: bytes, source: str = "XLIFF") -> Counter:
    root = parse_xml(data, source, "XLIFF", drop_comments=False)
    found: Counter = Counter()
    _walk(root, (), False, found)
    for sibling in (*root.itersiblings(preceding=True), *root.itersiblings()):
        found[(label(sibling), "comment", sibling.text or "")] += 1
    return found


def _walk(el: etree._Element, path: tuple[str, ...], textual: bool, found: Counter) -> None:
    name = label(el)
    here = (*path, name)
    where = "/".join(here)
    if not isinstance(el.tag, str):
        found[(name, "comment", f"{where}:{el.text or ''}")] += 1
        return
    if _tandem_owned(el):
        return
    textual = textual or local_name(el) in _TEXTUAL
    found[(name, "element", where)] += 1
    for key, value in el.attrib.items():
        if key in _STATE_ATTRS or key.startswith(f"{{{_TANDEM}}}"):
            continue
        attr = key if not key.startswith("{") else f"{{{key[1:].split('}')[0]}}}{key.split('}')[1]}"
        found[(name, "attribute", f"{where}@{attr}={value}")] += 1
    _text(name, where, el.text, textual, found)
    for child in el:
        _walk(child, here, textual, found)
        _text(name, where, child.tail, textual, found)


def _text(name: str, where: str, text: str | None, textual: bool, found: Counter) -> None:
    if text and (textual or text.strip()):
        found[(name, "text", f"{where}:{text if textual else text.strip()}")] += 1


def compare(original: bytes, exported: bytes) -> Difference:
    before, after = items(original), items(exported)
    diff = Difference()
    for (name, kind, _key), count in (before - after).items():
        diff.missing[(name, kind)] += count
    for (name, kind, _key), count in (after - before).items():
        diff.added[(name, kind)] += count
    return diff
