"""Editing a parsed XLIFF file in place for skeleton.py: elements added with the indentation
their neighbours have, and what tells Tandem's changes from what the file already held."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lxml import etree

from workflow.interchange.model import Note, Unit
from workflow.interchange.xmlsafe import local_name


def as_stored(unit: Unit) -> Unit:
    """The file's unit as its segment was stored: what Tandem's current unit is compared with."""
    from workflow.interchange.store_io import as_imported  # store_io reaches this module through write_file

    return as_imported(unit)


def english_of(unit: Unit) -> str:
    return unit.target or "" if (unit.target or "").strip() else ""


def new_notes(units: Sequence[Unit], originals: Sequence[Unit]) -> list[Note]:
    """The notes added in Tandem: those whose text the file's own notes do not account for."""
    had = Counter(n.text for u in originals for n in as_stored(u).notes)
    added = []
    for note in (n for u in units for n in u.notes):
        if had[note.text.strip()] > 0:
            had[note.text.strip()] -= 1
        else:
            added.append(note)
    return added


def clear(el: etree._Element) -> None:
    el.text = None
    for child in list(el):
        el.remove(child)


def put_after(ref: etree._Element, el: etree._Element) -> etree._Element:
    el.tail = ref.tail
    ref.addnext(el)
    return el


def put_before(ref: etree._Element, el: etree._Element) -> etree._Element:
    previous = ref.getprevious()
    el.tail = (previous.tail if previous is not None else ref.getparent().text) or None  # type: ignore[union-attr]
    ref.addprevious(el)
    return el


def append(parent: etree._Element, el: etree._Element) -> etree._Element:
    """Appended with the indentation its siblings have."""
    if len(parent):
        last = parent[-1]
        el.tail = last.tail
        previous = last.getprevious()
        last.tail = (previous.tail if previous is not None else parent.text)
    parent.append(el)
    return el


def append_own(parent: etree._Element, el: etree._Element) -> etree._Element:
    """Appended after the parent's last element of its own namespace: 1.2 wants the elements of
    other namespaces (tool extensions) after all of its own in a header or trans-unit."""
    own = [c for c in parent if isinstance(c.tag, str) and namespace_of(c) == namespace_of(parent)]
    if own:
        return put_after(own[-1], el)
    others = [c for c in parent if isinstance(c.tag, str)]
    return put_before(others[0], el) if others else append(parent, el)


def sub(parent_ns: str | None, name: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    el = etree.Element(f"{{{parent_ns or ''}}}{name}", {k: v for k, v in attrs.items() if v is not None})
    el.text = text
    return el


def namespace_of(el: etree._Element) -> str:
    return etree.QName(el).namespace or ""


def kid(el: etree._Element, name: str, ns: str | None = None) -> etree._Element | None:
    for child in el:
        if isinstance(child.tag, str) and local_name(child) == name and (ns is None or namespace_of(child) == ns):
            return child
    return None
