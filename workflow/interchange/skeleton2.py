"""Patching an imported XLIFF 2.x file (skeleton.py): targets, states, notes, authors, the title."""

from __future__ import annotations

from lxml import etree

from workflow.interchange import xliff2 as x2
from workflow.interchange.inline import XLIFF2, append_text
from workflow.interchange.inline_write import CodeWriter
from workflow.interchange.model import BilingualFile, Note, Unit
from workflow.interchange.skeleton_edit import (
    put_after,
    append,
    put_before,
    clear,
    english_of,
    kid,
    new_notes,
    namespace_of,
    as_stored,
    sub,
)
from workflow.interchange.xmlsafe import local_name


class Patch2:
    def __init__(self, doc: BilingualFile, root: etree._Element) -> None:
        self.doc = doc
        self.root = root

    def units(self, holders) -> None:
        for element, members in holders:
            if all(orig.locked for _unit, orig, _segment in members):
                continue
            ns = namespace_of(element)
            several = len(members) > 1
            for unit, orig, segment in members:
                was = as_stored(orig)
                if english_of(unit) != english_of(was):
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
            self._notes(element, new_notes(units, [orig for _unit, orig, _segment in members]), ns)

    def _target(self, element: etree._Element, segment: etree._Element, unit: Unit, ns: str) -> None:
        target = kid(segment, "target", ns)
        if target is None:
            source = kid(segment, "source", ns)
            assert source is not None  # the 2.x schema requires one
            target = put_after(source, sub(ns, "target"))
        text = self._own_text(element, segment, unit.target or "")
        clear(target)
        taken = {c.get("id") for part in element if isinstance(part.tag, str) and part is not segment
                 for side in part if isinstance(side.tag, str) and local_name(side) == "target"
                 for c in side.iter() if isinstance(c.tag, str)} - {None}
        writer = CodeWriter(XLIFF2, ns, unit.codes, {"target": taken})
        writer.write(target, text, "target")
        if writer.data:
            holder = kid(element, "originalData", ns)
            have = set() if holder is None else {d.get("id") for d in holder}
            for ref, text in writer.data.items():
                if ref in have:
                    continue
                if holder is None:
                    first = next(c for c in element if isinstance(c.tag, str)
                                 and local_name(c) in ("segment", "ignorable"))
                    holder = put_before(first, sub(ns, "originalData"))
                data = append(holder, sub(ns, "data", id=ref))
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
            joined = [(p, kid(p, "target")) for p in group if "".join(p.itertext()).strip()]
            if not joined:
                continue
            extra = "".join("".join(t.itertext()) for _p, t in joined if t is not None)
            if extra and (text.endswith(extra) if side else text.startswith(extra)):
                text = text[:-len(extra)] if side else text[len(extra):]
                continue
            for _p, t in joined:
                if t is not None:
                    clear(t)
        return text

    def _author(self, element: etree._Element, author: str, key: str | None) -> None:
        metadata = kid(element, "metadata", x2.NS_MDA)
        if metadata is None:
            metadata = sub(x2.NS_MDA, "metadata")
            first = next((c for c in element if isinstance(c.tag, str)), None)
            if first is not None:
                put_before(first, metadata)
            else:
                element.append(metadata)
        for group in metadata.iter(f"{{{x2.NS_MDA}}}metaGroup"):
            metas = {m.get("type"): m for m in group if isinstance(m.tag, str)}
            if (group.get("category") == "tandem" and group.get("appliesTo") == "target" and "author" in metas
                    and (metas["segment"].text if "segment" in metas else None) == key):
                metas["author"].text = author
                return
        group = append(metadata, sub(x2.NS_MDA, "metaGroup", category="tandem", appliesTo="target"))
        group.append(sub(x2.NS_MDA, "meta", author, type="author"))
        if key is not None:
            group.append(sub(x2.NS_MDA, "meta", key, type="segment"))

    def _notes(self, element: etree._Element, notes: list[Note], ns: str) -> None:
        if not notes:
            return
        holder = kid(element, "notes", ns)
        if holder is None:
            first = next(c for c in element if isinstance(c.tag, str)
                         and local_name(c) in ("originalData", "segment", "ignorable"))
            holder = put_before(first, sub(ns, "notes"))
        for note in notes:
            node = append(holder, sub(ns, "note", note.text, appliesTo=note.applies_to, category=note.category))
            if note.author:
                node.set(x2.AUTHOR, note.author)


def title2(file: etree._Element, title: str) -> None:
    for group in file.iterchildren(f"{{{x2.NS_MDA}}}metadata"):
        for meta in group.iter(f"{{{x2.NS_MDA}}}meta"):
            if meta.get("type") == "title" and meta.getparent().get("category") == "tandem":  # type: ignore[union-attr]
                meta.text = title
                return
    metadata = kid(file, "metadata", x2.NS_MDA)
    if metadata is None:
        # after a <skeleton>, which comes first in a <file>; before everything else
        first = next((c for c in file if isinstance(c.tag, str) and local_name(c) != "skeleton"), None)
        metadata = sub(x2.NS_MDA, "metadata")
        if first is not None:
            put_before(first, metadata)
        else:
            file.append(metadata)
    group = append(metadata, sub(x2.NS_MDA, "metaGroup", category="tandem"))
    group.append(sub(x2.NS_MDA, "meta", title, type="title"))
