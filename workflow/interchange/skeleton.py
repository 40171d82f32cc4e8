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
whose units do not all match (None) is left to the generated writer.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from workflow.errors import InputError
from workflow.interchange import xliff2 as x2
from workflow.interchange.inline import XLIFF2, XLIFF12, append_text
from workflow.interchange.inline_write import CodeWriter
from workflow.interchange.model import BilingualFile, Note, Unit, plain_title
from workflow.interchange.xliff12 import EXPORT_NOTE, TITLE_NOTE, read_xliff12
from workflow.interchange.xmlsafe import local_name, parse_xml_report
from workflow.models import SegmentState

_PROGRESS = [SegmentState.EMPTY, SegmentState.REJECTED, SegmentState.DRAFT, SegmentState.TRANSLATED,
             SegmentState.APPROVED]
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
        _Patch2(doc, root).units(holders.values())
    else:
        _Patch12(doc, root).units(holders.values())
    _title_and_export(doc, original, root, two)
    return _serialize(root, raw)


def _stored(unit: Unit) -> Unit:
    """The unit as import stored it (store_io): NFC text, an English of only spaces none at all."""
    from workflow.interchange.store_io import _clean, _state

    clean = _clean(unit)
    return replace(clean, target=clean.target if (clean.target or "").strip() else None, state=_state(clean))


def _english(unit: Unit) -> str:
    return unit.target if (unit.target or "").strip() else ""  # type: ignore[return-value]


def _new_notes(units: Sequence[Unit], originals: Sequence[Unit]) -> list[Note]:
    """The notes added in Tandem: those whose text the file's own notes do not account for."""
    had = Counter(n.text for u in originals for n in _stored(u).notes)
    added = []
    for note in (n for u in units for n in u.notes):
        if had[note.text.strip()] > 0:
            had[note.text.strip()] -= 1
        else:
            added.append(note)
    return added


def _clear(el: etree._Element) -> None:
    el.text = None
    for child in list(el):
        el.remove(child)


def _after(ref: etree._Element, el: etree._Element) -> etree._Element:
    el.tail = ref.tail
    ref.addnext(el)
    return el


def _before(ref: etree._Element, el: etree._Element) -> etree._Element:
    previous = ref.getprevious()
    el.tail = (previous.tail if previous is not None else ref.getparent().text) or None  # type: ignore[union-attr]
    ref.addprevious(el)
    return el


def _append(parent: etree._Element, el: etree._Element) -> etree._Element:
    """Appended with the indentation its siblings have."""
    if len(parent):
        last = parent[-1]
        el.tail = last.tail
        previous = last.getprevious()
        last.tail = (previous.tail if previous is not None else parent.text)
    parent.append(el)
    return el


def _append_own(parent: etree._Element, el: etree._Element) -> etree._Element:
    """Appended after the parent's last element of its own namespace: 1.2 wants the elements of
    other namespaces (tool extensions) after all of its own in a header or trans-unit."""
    own = [c for c in parent if isinstance(c.tag, str) and _ns(c) == _ns(parent)]
    if own:
        return _after(own[-1], el)
    others = [c for c in parent if isinstance(c.tag, str)]
    return _before(others[0], el) if others else _append(parent, el)


def _sub(parent_ns: str | None, name: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    el = etree.Element(f"{{{parent_ns or ''}}}{name}", {k: v for k, v in attrs.items() if v is not None})
    el.text = text
    return el


def _ns(el: etree._Element) -> str:
    return etree.QName(el).namespace or ""


def _kid(el: etree._Element, name: str, ns: str | None = None) -> etree._Element | None:
    for child in el:
        if isinstance(child.tag, str) and local_name(child) == name and (ns is None or _ns(child) == ns):
            return child
    return None


class _Patch12:
    def __init__(self, doc: BilingualFile, root: etree._Element) -> None:
        self.doc = doc
        self.root = root

    def units(self, holders) -> None:
        from workflow.interchange.xliff12 import _state_attr

        for tu, members in holders:
            if all(orig.locked for _unit, orig, *_rest in members):
                continue
            stored = [_stored(orig) for _unit, orig, *_rest in members]
            units = [unit for unit, *_rest in members]
            for (unit, _orig, source_part, target_part), was in zip(members, stored):
                if _english(unit) != _english(was):
                    part = self._target_part(tu, source_part, target_part)
                    _clear(part)
                    ns = _ns(tu)
                    # 1.2 pair keys are unique in each content element: the other segments' codes stay
                    whole = part if local_name(part) == "target" else next(
                        a for a in part.iterancestors() if local_name(a) == "target")
                    taken = {c.get("rid") or c.get("id") for c in whole.iter()
                             if isinstance(c.tag, str) and local_name(c) in ("bx", "bpt")} - {None}
                    CodeWriter(XLIFF12, ns, unit.codes, {"target": taken}).write(part, unit.target or "", "target")
                    if unit.author and unit.author != was.author and unit.target:
                        self._author(tu, unit.author)
            now, then = _least(units), _least(stored)
            target = _kid(tu, "target")
            if now.state != then.state and target is not None:
                target.set("state", _state_attr(self.doc, now))
                if now.state == SegmentState.APPROVED:
                    tu.set("approved", "yes")
                elif tu.get("approved") == "yes":
                    tu.set("approved", "no")
            for note in _new_notes(units, [orig for _unit, orig, *_rest in members]):
                _append_own(tu, _sub(_ns(tu), "note", note.text, **{"from": note.author,
                                                                      "annotates": note.applies_to}))

    def _target_part(self, tu: etree._Element, source_part: etree._Element,
                     target_part: etree._Element | None) -> etree._Element:
        if target_part is not None:
            return target_part
        target = _kid(tu, "target")
        after = _kid(tu, "seg-source")
        after = after if after is not None else _kid(tu, "source")
        assert after is not None  # reader.py refuses a trans-unit without <source>
        if local_name(source_part) != "mrk":  # the unit is the whole <source>
            return target if target is not None else _after(after, _sub(_ns(tu), "target"))
        if target is None:  # a copy of <seg-source>, its segments emptied: what is between them stays
            target = copy.deepcopy(after)
            target.tag = f"{{{_ns(tu)}}}target"
            target.attrib.clear()
            for mark in target.iter(f"{{{_ns(tu)}}}mrk"):
                if mark.get("mtype") == "seg":
                    _clear(mark)
            _after(after, target)
        mid = source_part.get("mid")
        for mark in target.iter(f"{{{_ns(tu)}}}mrk"):
            if mark.get("mtype") == "seg" and mark.get("mid") == mid:
                return mark
        return _append(target, _sub(_ns(tu), "mrk", mtype="seg", mid=mid))

    def _author(self, tu: etree._Element, author: str) -> None:
        file = next(a for a in tu.iterancestors() if local_name(a) == "file")
        ns = _ns(file)
        header = _kid(file, "header")
        if header is None:
            header = _sub(ns, "header")
            first = next((c for c in file if isinstance(c.tag, str)), None)
            if first is not None:
                _before(first, header)
            else:
                file.append(header)
        group = _kid(header, "phase-group")
        if group is None:
            group = _sub(ns, "phase-group")
            skl = _kid(header, "skl")
            if skl is not None:
                _after(skl, group)
            else:
                header.insert(0, group)
        phases = [p for p in group if isinstance(p.tag, str) and local_name(p) == "phase"]
        name = next((p.get("phase-name") for p in phases if p.get("contact-name") == author), None)
        if name is None:
            names = {p.get("phase-name") for p in phases}
            count = 1
            while f"tandem-{count}" in names:
                count += 1
            name = f"tandem-{count}"
            _append(group, _sub(ns, "phase", **{"phase-name": name, "process-name": "translation",
                                                 "contact-name": author}))
        target = _kid(tu, "target")
        if target is not None:
            target.set("phase-name", name)


def _least(units: Sequence[Unit]) -> Unit:
    """A segmented trans-unit has one state: its least advanced segment's (as the writer gives it)."""
    if len(units) == 1:
        return units[0]
    done = [u for u in units if (u.target or "").strip()] or list(units)
    return min(done, key=lambda u: _PROGRESS.index(u.state))


class _Patch2:
    def __init__(self, doc: BilingualFile, root: etree._Element) -> None:
        self.doc = doc
        self.root = root

    def units(self, holders) -> None:
        for element, members in holders:
            if all(orig.locked for _unit, orig, _segment in members):
                continue
            ns = _ns(element)
            several = len(members) > 1
            for unit, orig, segment in members:
                was = _stored(orig)
                if _english(unit) != _english(was):
                    self._target(element, segment, unit, ns)
                    if unit.author and unit.author != was.author and unit.target:
                        self._author(element, unit.author, orig.id.rpartition("#")[2] if several else None)
                if unit.state != was.state:
                    attrs = x2._state_attrs(self.doc, unit)
                    segment.set("state", attrs["state"])
                    if "subState" in attrs:
                        segment.set("subState", attrs["subState"])
                    else:
                        segment.attrib.pop("subState", None)
            units = [unit for unit, _orig, _segment in members]
            self._notes(element, _new_notes(units, [orig for _unit, orig, _segment in members]), ns)

    def _target(self, element: etree._Element, segment: etree._Element, unit: Unit, ns: str) -> None:
        target = _kid(segment, "target", ns)
        if target is None:
            source = _kid(segment, "source", ns)
            assert source is not None  # the 2.x schema requires one
            target = _after(source, _sub(ns, "target"))
        text = self._own_text(element, segment, unit.target or "")
        _clear(target)
        taken = {c.get("id") for part in element if isinstance(part.tag, str) and part is not segment
                 for side in part if isinstance(side.tag, str) and local_name(side) == "target"
                 for c in side.iter() if isinstance(c.tag, str)} - {None}
        writer = CodeWriter(XLIFF2, ns, unit.codes, {"target": taken})
        writer.write(target, text, "target")
        if writer.data:
            holder = _kid(element, "originalData", ns)
            have = set() if holder is None else {d.get("id") for d in holder}
            for ref, text in writer.data.items():
                if ref in have:
                    continue
                if holder is None:
                    first = next(c for c in element if isinstance(c.tag, str)
                                 and local_name(c) in ("segment", "ignorable"))
                    holder = _before(first, _sub(ns, "originalData"))
                data = _append(holder, _sub(ns, "data", id=ref))
                append_text(data, text, XLIFF2)
        if not self.root.get("trgLang"):
            self.root.set("trgLang", self.doc.target_lang or "en")

    def _own_text(self, element: etree._Element, segment: etree._Element, text: str) -> str:
        """The part of the text for the segment itself: the reader joined the text of the ignorables
        around it (not only spaces) to it. Where the English still has that text at its ends, the
        ignorables keep it; where not, the segment takes all and their targets are emptied."""
        parts = [c for c in element if isinstance(c.tag, str) and local_name(c) in ("segment", "ignorable")]
        at = parts.index(segment)
        after = []
        for part in parts[at + 1:]:
            if local_name(part) == "segment":
                break
            after.append(part)
        before = parts[:at] if all(local_name(p) == "ignorable" for p in parts[:at]) else []
        for side, group in ((0, before), (1, after)):
            joined = [(p, _kid(p, "target")) for p in group if "".join(p.itertext()).strip()]
            if not joined:
                continue
            extra = "".join("".join(t.itertext()) for _p, t in joined if t is not None)
            if extra and (text.endswith(extra) if side else text.startswith(extra)):
                text = text[:-len(extra)] if side else text[len(extra):]
                continue
            for _p, t in joined:
                if t is not None:
                    _clear(t)
        return text

    def _author(self, element: etree._Element, author: str, key: str | None) -> None:
        metadata = _kid(element, "metadata", x2.NS_MDA)
        if metadata is None:
            metadata = _sub(x2.NS_MDA, "metadata")
            first = next((c for c in element if isinstance(c.tag, str)), None)
            if first is not None:
                _before(first, metadata)
            else:
                element.append(metadata)
        for group in metadata.iter(f"{{{x2.NS_MDA}}}metaGroup"):
            metas = {m.get("type"): m for m in group if isinstance(m.tag, str)}
            if (group.get("category") == "tandem" and group.get("appliesTo") == "target" and "author" in metas
                    and (metas["segment"].text if "segment" in metas else None) == key):
                metas["author"].text = author
                return
        group = _append(metadata, _sub(x2.NS_MDA, "metaGroup", category="tandem", appliesTo="target"))
        group.append(_sub(x2.NS_MDA, "meta", author, type="author"))
        if key is not None:
            group.append(_sub(x2.NS_MDA, "meta", key, type="segment"))

    def _notes(self, element: etree._Element, notes: list[Note], ns: str) -> None:
        if not notes:
            return
        holder = _kid(element, "notes", ns)
        if holder is None:
            first = next(c for c in element if isinstance(c.tag, str)
                         and local_name(c) in ("originalData", "segment", "ignorable"))
            holder = _before(first, _sub(ns, "notes"))
        for note in notes:
            node = _append(holder, _sub(ns, "note", note.text, appliesTo=note.applies_to, category=note.category))
            if note.author:
                node.set(x2.AUTHOR, note.author)


def _title_and_export(doc: BilingualFile, original: BilingualFile, root: etree._Element, two: bool) -> None:
    from workflow.interchange.store_io import default_title

    files = [f for f in root if isinstance(f.tag, str) and local_name(f) == "file"]
    title = plain_title(doc.title)
    new_title = bool(title) and title != default_title(original) and files
    if two:
        if new_title:
            _title2(files[0], title)
        if doc.export_id is not None:
            for file in files:
                file.set(x2.EXPORT, str(doc.export_id))
        return
    if new_title:
        _header_note(files[0], TITLE_NOTE, title)
    if doc.export_id is not None:
        for file in files:
            _header_note(file, EXPORT_NOTE, str(doc.export_id))


def _header_note(file: etree._Element, sender: str, text: str) -> None:
    ns = _ns(file)
    header = _kid(file, "header")
    if header is None:
        header = _sub(ns, "header")
        first = next((c for c in file if isinstance(c.tag, str)), None)
        if first is not None:
            _before(first, header)
        else:
            file.append(header)
    for note in header:
        if isinstance(note.tag, str) and local_name(note) == "note" and note.get("from") == sender:
            note.text = text
            return
    _append_own(header, _sub(ns, "note", text, **{"from": sender}))


def _title2(file: etree._Element, title: str) -> None:
    for group in file.iterchildren(f"{{{x2.NS_MDA}}}metadata"):
        for meta in group.iter(f"{{{x2.NS_MDA}}}meta"):
            if meta.get("type") == "title" and meta.getparent().get("category") == "tandem":  # type: ignore[union-attr]
                meta.text = title
                return
    metadata = _kid(file, "metadata", x2.NS_MDA)
    if metadata is None:
        # after a <skeleton>, which comes first in a <file>; before everything else
        first = next((c for c in file if isinstance(c.tag, str) and local_name(c) != "skeleton"), None)
        metadata = _sub(x2.NS_MDA, "metadata")
        if first is not None:
            _before(first, metadata)
        else:
            file.append(metadata)
    group = _append(metadata, _sub(x2.NS_MDA, "metaGroup", category="tandem"))
    group.append(_sub(x2.NS_MDA, "meta", title, type="title"))


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
