"""What every XLIFF 2.x rule module shares: namespaces, the finding collector, small helpers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from lxml import etree

from workflow.interchange.problems import Problem
from workflow.interchange.xmlsafe import local_name

CORE_NAMESPACES = {
    "urn:oasis:names:tc:xliff:document:2.0": "xliff-2.0",  # XLIFF 2.0 and 2.1
    "urn:oasis:names:tc:xliff:document:2.2": "xliff-2.2",
}
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"
XML_ID = f"{{{XML_NS}}}id"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
RES = "urn:oasis:names:tc:xliff:resourcedata:2.0"
SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
VAL = "urn:oasis:names:tc:xliff:validation:2.0"
FS = "urn:oasis:names:tc:xliff:fs:2.0"
CTR = "urn:oasis:names:tc:xliff:changetracking:2.0"
ITS = "http://www.w3.org/2005/11/its"
ITSM = "urn:oasis:names:tc:xliff:itsm:2.1"
# Namespaces defined by XLIFF or adopted by it: elements there are modules, not extensions.
XLIFF_FAMILY = re.compile(r"urn:oasis:names:tc:xliff:|http://www\.w3\.org/2005/11/its$")

INLINE_CODES = ("ph", "pc", "sc", "ec")
INLINE = INLINE_CODES + ("mrk", "sm", "em", "cp")
NMTOKEN = re.compile(r"^[\w.:\-\u00b7\u0300-\u036f\u203f-\u2040]+$")


class Findings:
    """Collects problems for one document; the core namespace tells rules which tags to look for."""

    def __init__(self, root: etree._Element, core: str) -> None:
        self.root = root
        self.core = core
        self.problems: list[Problem] = []
        self._open = f"{{{core}}}"

    def q(self, name: str) -> str:
        return f"{{{self.core}}}{name}"

    def add(self, rule: str, element: etree._Element, message: str) -> None:
        self.problems.append(Problem(rule, message, element.sourceline, local_name(element)))

    def is_core(self, element: etree._Element, *names: str) -> bool:
        tag = element.tag
        return isinstance(tag, str) and tag.startswith(self._open) and (
            not names or tag[len(self._open):] in names)

    def having(self, *attributes: str, under: etree._Element | None = None) -> list[etree._Element]:
        """Elements carrying any of these attributes ("ref", "xml:lang", "slr:*"), found by libxml2."""
        test = " or ".join(f"@{a}" for a in attributes)
        return _xpath(f".//*[{test}] | self::*[{test}]")(self.root if under is None else under)

    def each(self, *names: str, under: etree._Element | None = None) -> Iterator[etree._Element]:
        base = self.root if under is None else under
        yield from base.iter(*(self.q(n) for n in names))

    def content_parts(self, unit: etree._Element) -> list[etree._Element]:
        """The unit's <segment> and <ignorable> children, in document order."""
        return [c for c in unit if self.is_core(c, "segment", "ignorable")]

    def part_child(self, part: etree._Element, name: str) -> etree._Element | None:
        return part.find(self.q(name))

    def inline(self, container: etree._Element | None) -> list[etree._Element]:
        """Inline elements below a <source> or <target>, in document order."""
        if container is None:
            return []
        return [e for e in container.iterdescendants() if self.is_core(e, *INLINE)]


_PREFIXES = {"xml": XML_NS, "slr": SLR, "fs": FS, "its": ITS, "itsm": ITSM}


@functools.lru_cache(maxsize=32)
def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=_PREFIXES)


def duplicates(found: Iterable[tuple[str, etree._Element]]) -> Iterator[tuple[str, etree._Element]]:
    """(value, element) for every element whose value was already seen earlier."""
    seen: set[str] = set()
    for value, element in found:
        if value in seen:
            yield value, element
        seen.add(value)


def nearest(element: etree._Element, attribute: str) -> str | None:
    """The attribute on the element or its closest ancestor carrying it (xml:lang, xml:space)."""
    for node in (element, *element.iterancestors()):
        value = node.get(attribute)
        if value is not None:
            return value
    return None


# BCP 47 well-formedness (RFC 5646 section 2.1), without registry look-ups.
_BCP47 = re.compile(
    r"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+|i-[a-z]{2,8}|[a-z]{2,3}-[a-z]{2,8}-[a-z]{2,8})$", re.IGNORECASE)


def well_formed_language(tag: str) -> bool:
    return bool(_BCP47.match(tag))


def same_language(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()
