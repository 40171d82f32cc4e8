"""Export to the imported file's own version: the file as it came, patched where Tandem changed it.

What Tandem writes into it: a unit's target content (inline codes restored from its tokens), its
state, the notes added in Tandem, and Tandem's own metadata (the target's author, the document
title, the export id; xliff12.py and xliff2.py say where each travels). Everything else, known to
Tandem or not (groups, skeletons, tool extensions, alt-trans, locked units, the whitespace between
segments, comments), stays where and as it was. A unit whose English and state are as imported is
not touched, so an export without changes gives back the file, differing only in how lxml writes it
(quotes, empty elements, character references).

The units are found again by reading the stored file with the same reader, which hands each unit
its element (reader order and ids are those the document's segments were stored with). A document
whose units do not all match (None) is left to the generated writer. skeleton12.py and
skeleton2.py patch each version's units; skeleton_edit.py edits the tree keeping its indentation.
Not mended: a reference from elsewhere in the file (a 2.x <mtc:match ref="#t=m2">) into target
markup the translator's new English no longer has.
"""

from __future__ import annotations

from __future__ import annotations

import re

from lxml import etree

from workflow.errors import InputError
from workflow.interchange import xliff2 as x2
from workflow.interchange.model import BilingualFile, plain_title
from workflow.interchange.skeleton2 import Patch2, title2
from workflow.interchange.skeleton12 import Patch12, header_note
from workflow.interchange.xliff12 import EXPORT_NOTE, TITLE_NOTE, read_xliff12
from workflow.interchange.xmlsafe import local_name, parse_xml_report

_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")


def patch(doc: BilingualFile) -> bytes | None:
    """The stored file with the document's changes, or None where it cannot take them."""
    raw = doc.skeleton
    if raw is None:
        return None
    try:
        root, _warnings = parse_xml_report(raw, "skeleton", "XLIFF", drop_comments=False)
    except InputError:
        return None
    namespace = etree.QName(root).namespace or ""
    two = namespace.startswith("urn:oasis:names:tc:xliff:document:2") or (
        not namespace and root.get("version", "").startswith("2"))
    if (doc.format == "xliff2") != two:
        return None
    slots: list = []
    original = x2.read_xliff2(root, "", slots) if two else read_xliff12(root, "", slots)
    by_id = {slot[0].id: slot for slot in slots}
    if len(by_id) != len(slots) or len(doc.units) != len(slots):
        return None
    matched = []
    for unit in doc.units:
        slot = by_id.get(unit.id)
        if slot is None:
            return None
        matched.append((unit, *slot))
    # Units by their element (trans-unit or unit), in file order.
    holders: dict[int, tuple[etree._Element, list]] = {}
    for unit, orig, holder, *rest in matched:
        holders.setdefault(id(holder), (holder, []))[1].append((unit, orig, *rest))
    if two:
        Patch2(doc, root).units(holders.values())
    else:
        Patch12(doc, root).units(holders.values())
    _title_and_export(doc, original, root, two)
    return _serialize(root, raw)


def _title_and_export(doc: BilingualFile, original: BilingualFile, root: etree._Element, two: bool) -> None:
    from workflow.interchange.store_io import default_title

    files = [f for f in root if isinstance(f.tag, str) and local_name(f) == "file"]
    title = plain_title(doc.title)
    new_title = bool(title) and title != default_title(original) and files
    if two:
        if new_title:
            title2(files[0], title)
        if doc.export_mark is not None:
            for file in files:
                file.set(x2.EXPORT, doc.export_mark)
        return
    if new_title:
        header_note(files[0], TITLE_NOTE, title)
    if doc.export_mark is not None:
        for file in files:
            header_note(file, EXPORT_NOTE, doc.export_mark)


def _serialize(root: etree._Element, raw: bytes) -> bytes:
    """Written in the file's own encoding where it names one Python knows, with its declaration."""
    head = raw[:200].lstrip(b"\xef\xbb\xbf")
    declared = _DECLARED.match(head)
    encoding = declared.group(1).decode("ascii") if declared else "UTF-8"
    tree = root.getroottree()
    try:
        data = etree.tostring(tree, xml_declaration=head.lstrip().startswith(b"<?xml"), encoding=encoding)
    except (LookupError, ValueError):
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    return data + (b"\n" if raw.rstrip(b"\0").endswith(b"\n") else b"")
