"""Line breaks and indentation for written XLIFF, only between structural elements.

lxml's pretty printer may indent inside an element that holds only child elements, which in a
<source> or <target> would add whitespace to the translatable text; this never enters one.
"""

from __future__ import annotations

from lxml import etree

from workflow.interchange.xmlsafe import local_name


def indent(el: etree._Element, leaves: frozenset[str], level: int = 0) -> None:
    """Indent the children of every element that is not a leaf (text-bearing) element."""
    if local_name(el) in leaves or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        indent(child, leaves, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def to_bytes(root: etree._Element) -> bytes:
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
