"""XLIFF 2.0/2.1/2.2 to Tandem's model and back.

One Tandem unit per <segment>. A <unit> with one segment keeps its id; with several, each Tandem
unit is "<unit id>#<segment id>" ("#~N" for the Nth segment when it has no id); '#' never occurs in
an XLIFF 2 id (an NMTOKEN), so export puts such runs back into one <unit>. An <ignorable> holding
only whitespace (the space between two sentences) is dropped; other ignorable content is joined to
the segment before it. Unit notes go with the unit's first segment.

Where Tandem keeps what the core has no place for:
- finer states: subState "tandem:draft" / "tandem:rejected" beside state="initial";
- the target's author: the Metadata module, <mda:metaGroup category="tandem" appliesTo="target">
  with <mda:meta type="author"> (and type="segment" naming the segment in a multi-segment unit);
- a note's author: the tandem:author attribute (namespace urn:tandem:xliff);
- segment kind: unit type="tandem:title" (heading, caption; a paragraph has none);
- the document title: file-level <mda:meta type="title">;
- the export a file came from: tandem:export="ID" on each <file> (model.py).
translate="no" on a unit (or the nearest group or file saying) makes its segments locked; the Size
and Length Restriction module's slr:sizeRestriction on a unit, under the general profile
xliff:codepoints (assumed where the file names no profile), their length limit in characters.
This writer makes a file anew (another version, or a document not imported from XLIFF); export to
the file's own version patches the imported file instead (skeleton.py).
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from workflow.interchange.inline import NS20, NS22, XLIFF2, CodeReader, append_text, native_text, nfc
from workflow.interchange.inline_write import CodeWriter
from workflow.interchange.layout import indent, to_bytes
from workflow.interchange.model import (
    FROM_XLIFF2,
    SUBSTATE_PREFIX,
    TO_XLIFF2,
    BilingualFile,
    Note,
    Unit,
    plain_title,
)
from workflow.interchange.xliff12 import grouped, unique_ids
from workflow.interchange.xmlsafe import local_name
from workflow.models import SegmentKind, SegmentState

NS_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
NS_TANDEM = "urn:tandem:xliff"
NS_SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
AUTHOR = f"{{{NS_TANDEM}}}author"
EXPORT = f"{{{NS_TANDEM}}}export"
CODEPOINTS = "xliff:codepoints"
_LIMIT = re.compile(r"\s*(?:\d+\s*,\s*)?(\d+)\s*")
# Attributes Tandem adds to a patched file then read "tandem:", not lxml's made-up "ns0:".
etree.register_namespace("tandem", NS_TANDEM)
etree.register_namespace("mda", NS_MDA)
etree.register_namespace("slr", NS_SLR)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LEAVES = frozenset({"source", "target", "note", "data", "meta"})
_NOT_NMTOKEN = re.compile(r"[^\w.:\-\u00b7\u0300-\u036f\u203f\u2040]")
_SUBSTATES = {SegmentState.DRAFT: f"{SUBSTATE_PREFIX}:draft", SegmentState.REJECTED: f"{SUBSTATE_PREFIX}:rejected"}


def _kids(el: etree._Element, name: str, ns: str | None = None) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local_name(c) == name
            and (ns is None or c.tag.startswith(f"{{{ns}}}"))]


def _kid(el: etree._Element, name: str) -> etree._Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _units(el: etree._Element):
    for child in el:
        if isinstance(child.tag, str) and not child.tag.startswith(f"{{{NS_MDA}}}"):
            name = local_name(child)
            if name == "unit":
                yield child
            elif name == "group":
                yield from _units(child)


def _meta_groups(el: etree._Element):
    for metadata in _kids(el, "metadata", NS_MDA):
        yield from metadata.iter(f"{{{NS_MDA}}}metaGroup")


def _metas(group: etree._Element) -> dict[str, str]:
    return {m.get("type", ""): nfc(m.text).strip() for m in _kids(group, "meta", NS_MDA)}


def read_xliff2(root: etree._Element, source: str, slots: list | None = None) -> BilingualFile:
    """A tree that passed validate_xliff2 as one document; several <file>s are joined.
    `slots` (skeleton.py) is given (unit, <unit>, <segment>) for each unit."""
    warnings: list[str] = []
    per_file: list[tuple[str, list[Unit]]] = []
    title = ""
    exported: str | None = None
    files = _kids(root, "file")
    for index, file in enumerate(files, 1):
        for group in _meta_groups(file):
            title = title or _metas(group).get("title", "")
        if exported is None and (file.get(EXPORT) or "").strip():
            exported = file.get(EXPORT, "").strip()
        profiles = _kids(file, "profiles", NS_SLR)
        chars = (profiles[0].get("generalProfile") if profiles else CODEPOINTS) == CODEPOINTS
        units: list[Unit] = []
        for unit in _units(file):
            units.extend(_read_unit(unit, slots, chars))
        per_file.append((file.get("id") or f"f{index}", units))
    return BilingualFile(
        format="xliff2", version=root.get("version", "2.0"), source_lang=root.get("srcLang", ""),
        target_lang=root.get("trgLang"), original=nfc(files[0].get("original", "")) if files else "",
        units=unique_ids(per_file), title=title, warnings=warnings, export_mark=exported)


def _translatable(unit: etree._Element) -> bool:
    for el in (unit, *unit.iterancestors()):
        if el.get("translate") in ("yes", "no"):
            return el.get("translate") == "yes"
    return True


def _max_length(unit: etree._Element, chars: bool) -> int | None:
    found = _LIMIT.fullmatch(unit.get(f"{{{NS_SLR}}}sizeRestriction") or "")
    return int(found.group(1)) if found and chars else None


def _read_unit(unit: etree._Element, slots: list | None = None, chars: bool = True) -> list[Unit]:
    uid = unit.get("id", "")
    locked = not _translatable(unit)
    limit = _max_length(unit, chars)
    kind = SegmentKind.PARAGRAPH
    utype = unit.get("type", "")
    if utype.startswith(f"{SUBSTATE_PREFIX}:") and utype.split(":", 1)[1] in {k.value for k in SegmentKind}:
        kind = SegmentKind(utype.split(":", 1)[1])
    notes = []
    note_ids = {}
    for holder in _kids(unit, "notes"):
        for note in _kids(holder, "note"):
            if note.get("id"):
                note_ids[note.get("id")] = nfc(note.text)
            applies = note.get("appliesTo")
            notes.append(Note(nfc(note.text), nfc(note.get(AUTHOR)) or None,
                              applies if applies in ("source", "target") else None, note.get("category")))
    data = {d.get("id"): native_text(d) for od in _kids(unit, "originalData") for d in _kids(od, "data")}
    authors: dict[str | None, str] = {}
    for group in _meta_groups(unit):
        metas = _metas(group)
        if metas.get("author"):
            authors[metas.get("segment")] = metas["author"]
    parts = [c for c in unit if isinstance(c.tag, str) and local_name(c) in ("segment", "ignorable")]
    several = sum(local_name(p) == "segment" for p in parts) > 1
    result: list[Unit] = []
    reader: CodeReader | None = None
    before = ("", "")
    count = 0
    for part in parts:
        if local_name(part) == "ignorable":
            # after a segment, reader is that segment's; before any, the one earlier ignorables made, if any
            probe = reader or CodeReader(XLIFF2, data, note_ids)
            src = probe.read(_kid(part, "source"))
            tgt = probe.read(_kid(part, "target"), target=True)
            if not src.strip() and not tgt.strip():
                continue
            reader = probe
            if result:
                last = result[-1]
                last.source += src
                if last.target is not None:
                    last.target += tgt
            else:
                before = (before[0] + src, before[1] + tgt)
            continue
        count += 1
        reader = reader if (reader is not None and not result) else CodeReader(XLIFF2, data, note_ids)
        key = part.get("id") or f"~{count}"
        source = before[0] + reader.read(_kid(part, "source"))
        target_el = _kid(part, "target")
        target = before[1] + reader.read(target_el, target=True) if target_el is not None else None
        before = ("", "")
        result.append(Unit(
            id=f"{uid}#{key}" if several else uid, source=source, target=target,
            state=_state(part, target), kind=kind, notes=notes if not result else [],
            codes=reader.codes, author=authors.get(key) or (authors.get(None) if not several or count == 1 else None),
            file_state=part.get("state"), locked=locked, max_length=limit))
        if slots is not None:
            slots.append((result[-1], unit, part))
    return result


def _state(segment: etree._Element, target: str | None) -> SegmentState:
    if not (target or "").strip():
        return SegmentState.EMPTY
    file_state = segment.get("state", "initial")
    if file_state == "initial":  # Tandem's sub-state only refines "initial"; a tool that moved on wins
        for state, value in _SUBSTATES.items():
            if segment.get("subState") == value:
                return state
    return FROM_XLIFF2.get(file_state, SegmentState.DRAFT)


# ---- writing ---------------------------------------------------------------------------------


def _nmtoken(value: str, fallback: str) -> str:
    return _NOT_NMTOKEN.sub("_", value) or fallback


def _state_attrs(doc: BilingualFile, unit: Unit) -> dict[str, str]:
    own = unit.file_state
    state = own if doc.format == "xliff2" and own and FROM_XLIFF2.get(own) == unit.state else TO_XLIFF2[unit.state]
    attrs = {"state": state}
    if unit.state in _SUBSTATES and state == "initial":
        attrs["subState"] = _SUBSTATES[unit.state]
    return attrs


def _el(parent: etree._Element, space: str, name: str, text: str | None = None, **attrs: str | None):
    node = etree.SubElement(parent, f"{{{space}}}{name}", {k: v for k, v in attrs.items() if v is not None})
    node.text = text
    return node


def _files(doc: BilingualFile) -> list[tuple[str, list[Unit]]]:
    """Units by <file>: a document read from several XLIFF 2 files kept "file/unit" ids where two
    files shared a unit id; those go back to their file, and the units after them with them."""
    files: list[tuple[str, list[Unit]]] = [("f1", [])]
    for unit in doc.units:
        prefix, sep, rest = unit.id.partition("/")
        if doc.format == "xliff2" and sep and rest and prefix and not _NOT_NMTOKEN.search(prefix):
            if prefix != files[-1][0]:
                files.append((prefix, []))
            unit = dataclasses.replace(unit, id=rest)
        files[-1][1].append(unit)
    return [f for f in files if f[1]] or files


def write_xliff2(doc: BilingualFile, version: str = "2.1") -> bytes:
    """The document as XLIFF 2.x (2.0 and 2.1 share the 2.0 namespace; 2.2 has its own)."""
    ns = NS22 if version.startswith("2.2") else NS20
    root = etree.Element(f"{{{ns}}}xliff", nsmap={None: ns, "mda": NS_MDA, "tandem": NS_TANDEM})
    root.set("version", version)
    root.set("srcLang", doc.source_lang or "ko")
    if doc.target_lang or any(u.target is not None for u in doc.units):
        root.set("trgLang", doc.target_lang or "en")
    for number, (file_id, units) in enumerate(_files(doc)):
        file = _el(root, ns, "file", id=file_id, original=(doc.original or None) if not number else None)
        file.set(XML_SPACE, "preserve")
        if doc.export_mark is not None:
            file.set(EXPORT, doc.export_mark)
        if plain_title(doc.title) and not number:
            group = _el(_el(file, NS_MDA, "metadata"), NS_MDA, "metaGroup", category="tandem")
            _el(group, NS_MDA, "meta", plain_title(doc.title), type="title")
        if any(u.max_length is not None for u in units):  # limits counted in characters, as Tandem does
            _el(file, NS_SLR, "profiles", generalProfile=CODEPOINTS)
        used: set[str] = set()
        for index, (base, members) in enumerate(grouped(units), 1):
            uid = _nmtoken(base, f"u{index}")
            while uid in used:
                uid += "_"
            used.add(uid)
            _write_unit(doc, _el(file, ns, "unit", id=uid), members, ns)
        if not used:  # a <file> must hold something; an empty group is the least that is valid
            _el(file, ns, "group", id="g1")
    indent(root, _LEAVES)
    return to_bytes(root)


def _write_unit(doc: BilingualFile, unit: etree._Element, members: list[tuple[str | None, Unit]], ns: str) -> None:
    first = members[0][1]
    if first.kind != SegmentKind.PARAGRAPH:
        unit.set("type", f"{SUBSTATE_PREFIX}:{first.kind.value}")
    if any(u.locked for _, u in members):
        unit.set("translate", "no")
    limits = [u.max_length for _, u in members if u.max_length is not None]
    if limits:
        unit.set(f"{{{NS_SLR}}}sizeRestriction", str(min(limits)))
    authored = [(key, u) for key, u in members if u.author and u.target is not None]
    if authored:
        metadata = _el(unit, NS_MDA, "metadata")
        for key, u in authored:
            group = _el(metadata, NS_MDA, "metaGroup", category="tandem", appliesTo="target")
            _el(group, NS_MDA, "meta", u.author, type="author")
            if key is not None:
                _el(group, NS_MDA, "meta", key, type="segment")
    notes = [n for _, u in members for n in u.notes]
    if notes:
        holder = _el(unit, ns, "notes")
        for note in notes:
            node = _el(holder, ns, "note", note.text, appliesTo=note.applies_to, category=note.category)
            if note.author:
                node.set(AUTHOR, note.author)
    original = _el(unit, ns, "originalData")
    data: dict[str, str] = {}
    segments = []
    ids: dict[str, set[str]] = {}  # inline ids are unique across the unit's segments
    for key, u in members:
        writer = CodeWriter(XLIFF2, ns, u.codes, ids)
        segment = _el(unit, ns, "segment", **_state_attrs(doc, u))
        writer.write(_el(segment, ns, "source"), u.source, "source")
        if u.target is not None:
            writer.write(_el(segment, ns, "target"), u.target, "target")
        for ref, text in writer.data.items():
            data.setdefault(ref, text)
        segments.append((key, segment))
    for ref, text in data.items():
        append_text(_el(original, ns, "data", id=ref), text, XLIFF2)
    if not data:
        unit.remove(original)
    _segment_ids(unit, segments)


def _segment_ids(unit: etree._Element, segments: list[tuple[str | None, etree._Element]]) -> None:
    # Segment ids share the unit's id space with inline codes; a clash (ids made in 1.2, where the
    # spaces differ) gives the segment a free id rather than an invalid file.
    taken = {node.get("id") for node in unit.iter() if isinstance(node.tag, str)
             and local_name(node) not in ("segment", "unit", "data", "metaGroup", "metadata")} - {None}
    for key, segment in segments:
        if not key or key.startswith("~") or _NOT_NMTOKEN.search(key):
            continue
        ident = key
        while ident in taken:
            ident = f"s{ident}"
        taken.add(ident)
        state = dict(segment.attrib)  # id first, as people write it
        segment.attrib.clear()
        segment.set("id", ident)
        segment.attrib.update(state)
