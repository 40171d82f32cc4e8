"""XLIFF 1.2 (and the 1.0/1.1 files agencies still send) to Tandem's model and back.

Written files are XLIFF 1.2 strict. Where Tandem keeps what 1.2 has no place for:
- the target's author: a <phase> per author in the file header (contact-name), named by the
  target's phase-name;
- the segment kind: restype="x-tandem-title" (heading, caption; a paragraph has none);
- the document title: a header <note from="tandem:title">;
- the export a file came from: a header <note from="tandem:export"> (model.py).
translate="no" (on the trans-unit, its bin-unit or a group, the nearest one saying) makes a locked
unit; maxwidth with size-unit="char" its length limit (other units are not characters Tandem counts).
A trans-unit that <seg-source> splits into several <mrk mtype="seg"> (Trados, memoQ) is one Tandem
unit per segment, "<id>#<mid>", written back the same way.
This writer makes a file anew (another version, or a document not imported from XLIFF); export to the
file's own version patches the imported file instead (skeleton.py).
Lossy: a note's category (1.2 notes have none); the segments of one trans-unit share one state (the
least advanced is written); <alt-trans>, contexts, counts and tool headers are not read.
"""

from __future__ import annotations

import re

from lxml import etree

from workflow.i18n import _
from workflow.interchange.inline import NS12, XLIFF12, CodeReader, nfc
from workflow.interchange.inline_write import CodeWriter
from workflow.interchange.layout import indent, to_bytes
from workflow.interchange.model import FROM_XLIFF12, TO_XLIFF12, BilingualFile, Note, Unit, plain_title
from workflow.interchange.xmlsafe import local_name
from workflow.models import SegmentKind, SegmentState
from workflow.sentences import split_sentences

TITLE_NOTE = "tandem:title"
EXPORT_NOTE = "tandem:export"
KIND_RESTYPE = "x-tandem-"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LEAVES = frozenset({"source", "seg-source", "target", "note", "phase"})
_NMTOKEN = re.compile(r"[\w.:\-]+")


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local_name(c) == name]


def _child(el: etree._Element, name: str) -> etree._Element | None:
    found = _children(el, name)
    return found[0] if found else None


def trans_units(body: etree._Element):
    """The trans-units of a <body>, groups and bin-units walked, in document order."""
    for el in body:
        if not isinstance(el.tag, str):
            continue
        name = local_name(el)
        if name == "trans-unit":
            yield el
        elif name in ("group", "bin-unit"):
            yield from trans_units(el)


def export_mark(note_text: str | None) -> str | None:
    return (note_text or "").strip() or None


def _translatable(tu: etree._Element) -> bool:
    for el in (tu, *tu.iterancestors()):
        if el.get("translate") in ("yes", "no"):
            return el.get("translate") == "yes"
        if local_name(el) == "file":
            break
    return True


def _max_length(tu: etree._Element, warnings: list[str]) -> int | None:
    width = (tu.get("maxwidth") or "").strip()
    if not width:
        return None
    unit = tu.get("size-unit") or "pixel"
    if unit == "char" and width.isdigit():
        return int(width)
    warnings.append(_("trans-unit {id}: its length limit ({width} {unit}) is not in characters; Tandem does "
                      "not check it").format(id=tu.get("id"), width=width, unit=unit))
    return None


def read_xliff12(root: etree._Element, source: str, slots: list | None = None) -> BilingualFile:
    """A tree that passed the 1.x checks (reader.py) as one document; several <file>s are joined.
    `slots` (skeleton.py) is given (unit, trans-unit, source part, target part) for each unit."""
    files = _children(root, "file")
    exported: str | None = None
    version = root.get("version") or ("1.2" if root.tag.startswith(f"{{{NS12}}}") else "1.1")
    warnings: list[str] = []
    per_file: list[tuple[str, list[Unit]]] = []
    title = ""
    for index, file in enumerate(files, 1):
        header = _child(file, "header")
        phases: dict[str, str] = {}
        if header is not None:
            for group in _children(header, "phase-group"):
                for phase in _children(group, "phase"):
                    if phase.get("contact-name"):
                        phases[phase.get("phase-name", "")] = nfc(phase.get("contact-name"))
            for note in _children(header, "note"):
                if note.get("from") == TITLE_NOTE and not title:
                    title = nfc(note.text).strip()
                if note.get("from") == EXPORT_NOTE and exported is None:
                    exported = export_mark(note.text)
        body = _child(file, "body")
        units = [u for tu in trans_units(body) for u in _read_trans_unit(tu, phases, warnings, slots)] \
            if body is not None else []
        per_file.append((file.get("original") or f"file{index}", units))
    first = files[0] if files else root
    return BilingualFile(
        format="xliff12", version=version,
        source_lang=first.get("source-language", ""), target_lang=first.get("target-language"),
        original=nfc(first.get("original", "")), units=unique_ids(per_file), title=title,
        warnings=warnings, export_mark=exported)


def unique_ids(per_file: list[tuple[str, list[Unit]]]) -> list[Unit]:
    # Ids are unique within a <file> only; a unit keeps its id unless another file uses it too.
    counts: dict[str, int] = {}
    for _file_id, units in per_file:
        for unit_id in {u.id for u in units}:
            counts[unit_id] = counts.get(unit_id, 0) + 1
    keys = [name for name, _units in per_file]
    joined: list[Unit] = []
    for index, (name, units) in enumerate(per_file, 1):
        prefix = name if keys.count(name) == 1 else f"{name}#{index}"
        for unit in units:
            if counts[unit.id] > 1:
                unit.id = f"{prefix}/{unit.id}"
            joined.append(unit)
    return joined


def _seg_marks(el: etree._Element | None) -> list[etree._Element]:
    if el is None:
        return []
    return [m for m in el.iter(f"{{{etree.QName(el).namespace}}}mrk" if etree.QName(el).namespace else "mrk")
            if m.get("mtype") == "seg"]


def _read_trans_unit(tu: etree._Element, phases: dict[str, str], warnings: list[str],
                     slots: list | None = None) -> list[Unit]:
    """One Tandem unit, or one per segment where <seg-source> segments it (Trados, memoQ)."""
    unit_id = nfc(tu.get("id"))
    locked = not _translatable(tu)
    limit = _max_length(tu, warnings)
    target_el = _child(tu, "target")
    file_state = target_el.get("state") if target_el is not None else None
    phase = (target_el.get("phase-name") if target_el is not None else None) or tu.get("phase-name")
    restype = tu.get("restype", "")
    kind = SegmentKind.PARAGRAPH
    if restype.startswith(KIND_RESTYPE) and restype[len(KIND_RESTYPE):] in {k.value for k in SegmentKind}:
        kind = SegmentKind(restype[len(KIND_RESTYPE):])
    notes = [Note(nfc(n.text), nfc(n.get("from")) or None,
                  n.get("annotates") if n.get("annotates") in ("source", "target") else None)
             for n in _children(tu, "note")]
    segments = _seg_marks(_child(tu, "seg-source"))
    targets = {m.get("mid"): m for m in _seg_marks(target_el)}
    spread: list[str] = []
    if segments and target_el is not None:
        spread = _spread_over_segments(unit_id, target_el, segments, warnings)
    if len(segments) > 1:
        pairs = [(f"{unit_id}#{m.get('mid')}", m, targets.get(m.get("mid"))) for m in segments]
    elif segments:  # one segment: the unit itself, its text inside the segment marker
        pairs = [(unit_id, segments[0], targets.get(segments[0].get("mid"), None if targets else target_el))]
    else:
        pairs = [(unit_id, _child(tu, "source"), target_el)]
    units: list[Unit] = []
    for ident, source_el, target_part in pairs:
        codes = CodeReader(XLIFF12)
        source = codes.read(source_el)
        target = codes.read(target_part, target=True) if target_part is not None else None
        units.append(Unit(id=ident, source=source, target=target,
                          state=_read_state(unit_id, tu, target, file_state, warnings), kind=kind,
                          notes=notes if not units else [], codes=codes.codes,
                          author=phases.get(phase or "") if target is not None else None,
                          file_state=file_state, locked=locked, max_length=limit))
        if slots is not None:
            slots.append((units[-1], tu, source_el, target_part))
    for unit, english in zip(units, spread):  # in place: `slots` holds these very units
        unit.target, unit.author = english, phases.get(phase or "")
        unit.state = _read_state(unit_id, tu, english, file_state, warnings)
    return units


def _spread_over_segments(unit_id: str, target: etree._Element, segments: list[etree._Element],
                          warnings: list[str]) -> list[str]:
    """Text a tool wrote into a segmented target but outside its segment markers (translate-toolkit
    writes a whole unit's English that way) belongs to no segment. Plain English of as many sentences
    as the unit has segments is given to them in order, and said so (a translator may have joined or
    reordered sentences); anything else is said and not read, never dropped quietly. Returns the
    English per segment, or [] when it was not spread."""
    if len(segments) > 1 and len(target) == 0 and (target.text or "").strip():
        sentences = split_sentences(nfc(target.text), "en")
        if len(sentences) == len(segments):
            warnings.append(_("trans-unit {id}: its English came without segment markers; its {count} sentences "
                              "were given to its {count} segments in order: check them").format(
                id=unit_id, count=len(segments)))
            return sentences
    _warn_outside_marks(unit_id, target, segments, warnings)
    return []


def _warn_outside_marks(unit_id: str, target: etree._Element, segments: list[etree._Element],
                        warnings: list[str]) -> None:
    outside = [target.text or ""]
    for child in target:
        if not (isinstance(child.tag, str) and local_name(child) == "mrk" and child.get("mtype") == "seg"):
            outside.append("".join(child.itertext()))
        outside.append(child.tail or "")
    text = " ".join("".join(outside).split())
    if not text:
        return
    if len(segments) == 1 and not _seg_marks(target):
        return  # one segment and no marker: the whole target is that segment's, and is read so
    shown = text if len(text) <= 60 else text[:59] + "…"
    warnings.append(_("trans-unit {id}: its target has text outside the <mrk mtype=\"seg\"> segment markers, which "
                      "belongs to none of its {count} segments and was not read: “{text}”").format(
        id=unit_id, count=len(segments), text=shown))


def _read_state(unit_id: str, tu: etree._Element, target: str | None, file_state: str | None,
                warnings: list[str]) -> SegmentState:
    if not (target or "").strip():
        return SegmentState.EMPTY
    if file_state in FROM_XLIFF12:
        return FROM_XLIFF12[file_state]
    if file_state is None:
        return SegmentState.APPROVED if tu.get("approved") == "yes" else SegmentState.DRAFT
    warnings.append(_("trans-unit {id}: state {state!r} is not an XLIFF 1.2 state; read as draft").format(
        id=unit_id, state=file_state))
    return SegmentState.DRAFT


def grouped(units: list[Unit]) -> list[tuple[str, list[tuple[str | None, Unit]]]]:
    """Units in runs that came from one multi-segment unit ("u1#s1", "u1#s2"): (unit id, [(segment
    key, unit)]); a unit of its own has the key None."""
    groups: list[tuple[str, list[tuple[str | None, Unit]]]] = []
    for unit in units:
        base, sep, key = unit.id.partition("#")
        if sep and groups and groups[-1][0] == base and groups[-1][1][0][0] is not None:
            groups[-1][1].append((key, unit))
        elif sep:
            groups.append((base, [(key, unit)]))
        else:
            groups.append((unit.id, [(None, unit)]))
    # A lone "u1#s1" (its siblings gone) is a unit of its own, id and all.
    return [(u[0][1].id, [(None, u[0][1])]) if len(u) == 1 else (base, u) for base, u in groups]


def _state_attr(doc: BilingualFile, unit: Unit) -> str:
    # The file's own value goes back out while it still means the unit's state (final stays final).
    own = unit.file_state
    if doc.format == "xliff12" and own and (own.startswith("x-") or FROM_XLIFF12.get(own) == unit.state):
        return own
    return TO_XLIFF12[unit.state]


def _element(name: str, **attrs: str | None) -> etree._Element:
    """An XLIFF 1.2 element with the attributes that have a value (None leaves one out)."""
    return etree.Element(f"{{{NS12}}}{name}", {k: v for k, v in attrs.items() if v is not None})


def write_xliff12(doc: BilingualFile) -> bytes:
    """The document as XLIFF 1.2 strict."""
    E = _element
    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12})
    root.set("version", "1.2")
    file = etree.SubElement(root, f"{{{NS12}}}file")
    file.set("original", doc.original or "tandem")
    file.set("source-language", doc.source_lang or "ko")
    file.set("datatype", "plaintext")
    if doc.target_lang or any(u.target is not None for u in doc.units):
        file.set("target-language", doc.target_lang or "en")
    file.set(XML_SPACE, "preserve")
    authors: dict[str, str] = {}
    for unit in doc.units:
        if unit.author and unit.target is not None and unit.author not in authors:
            authors[unit.author] = f"tandem-{len(authors) + 1}"
    title = plain_title(doc.title)
    if authors or title or doc.export_mark is not None:
        header = etree.SubElement(file, f"{{{NS12}}}header")
        if authors:
            group = etree.SubElement(header, f"{{{NS12}}}phase-group")
            for author, phase in authors.items():
                group.append(E("phase", **{"phase-name": phase, "process-name": "translation",
                                           "contact-name": author}))
        if title:
            note = E("note", **{"from": TITLE_NOTE})
            note.text = title
            header.append(note)
        if doc.export_mark is not None:
            note = E("note", **{"from": EXPORT_NOTE})
            note.text = doc.export_mark
            header.append(note)
    body = etree.SubElement(file, f"{{{NS12}}}body")
    for base, members in grouped(doc.units):
        body.append(_trans_unit(doc, base, members, authors))
    indent(root, _LEAVES)
    return to_bytes(root)


_PROGRESS = [SegmentState.EMPTY, SegmentState.REJECTED, SegmentState.DRAFT, SegmentState.TRANSLATED,
             SegmentState.APPROVED]


def _trans_unit(doc: BilingualFile, base: str, members: list[tuple[str | None, Unit]],
                authors: dict[str, str]) -> etree._Element:
    E = _element
    units = [u for _, u in members]
    first = units[0]
    # 1.2 has one state per trans-unit: a segmented one takes its least advanced segment's state.
    done = [u for u in units if (u.target or "").strip()] or units
    unit = min(done, key=lambda u: _PROGRESS.index(u.state)) if len(units) > 1 else first
    tu = E("trans-unit", id=base if members[0][0] is not None else first.id)
    if unit.state == SegmentState.APPROVED:
        tu.set("approved", "yes")
    if first.kind != SegmentKind.PARAGRAPH:
        tu.set("restype", KIND_RESTYPE + first.kind.value)
    if any(u.locked for u in units):
        tu.set("translate", "no")
    limits = [u.max_length for u in units if u.max_length is not None]
    if limits:
        tu.set("maxwidth", str(min(limits)))
        tu.set("size-unit", "char")
    source = etree.SubElement(tu, f"{{{NS12}}}source")
    has_target = any(u.target is not None for u in units)
    if members[0][0] is None:
        writer = CodeWriter(XLIFF12, NS12, first.codes)
        writer.write(source, first.source, "source")
        if first.target is not None:
            target = etree.SubElement(tu, f"{{{NS12}}}target")
            writer.write(target, first.target, "target")
    else:
        seg_source = etree.SubElement(tu, f"{{{NS12}}}seg-source")
        target = etree.SubElement(tu, f"{{{NS12}}}target") if has_target else None
        ids: dict[str, set[str]] = {}  # rids are unique in each content element of the trans-unit
        for index, (key, u) in enumerate(members, 1):
            mid = key if key and not key.startswith("~") and _NMTOKEN.fullmatch(key) else str(index)
            writer = CodeWriter(XLIFF12, NS12, u.codes, ids)
            if index > 1:
                _add_tail(source, " ")
                _add_tail(seg_source, " ")
            writer.write(source, u.source, "source")
            writer.write(etree.SubElement(seg_source, f"{{{NS12}}}mrk", mtype="seg", mid=mid), u.source,
                         "seg-source")
            if target is not None and u.target is not None:
                if len(target):
                    _add_tail(target, " ")
                writer.write(etree.SubElement(target, f"{{{NS12}}}mrk", mtype="seg", mid=mid), u.target,
                             "target")
    if has_target:
        target.set("state", _state_attr(doc, unit))
        author = next((u.author for u in units if u.author and u.target is not None), None)
        if author in authors:
            target.set("phase-name", authors[author])
    for note in (n for u in units for n in u.notes):
        el = E("note", **{"from": note.author, "annotates": note.applies_to})
        el.text = note.text
        tu.append(el)
    return tu


def _add_tail(el: etree._Element, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text
