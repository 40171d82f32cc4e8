"""Patching an imported XLIFF 1.x file (skeleton.py): targets, states, notes, phases, header notes."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from lxml import etree

from workflow.interchange.inline import XLIFF12
from workflow.interchange.inline_write import CodeWriter
from workflow.interchange.model import BilingualFile, Unit
from workflow.interchange.skeleton_edit import (
    put_after,
    append,
    append_own,
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
from workflow.models import SegmentState

_PROGRESS = [SegmentState.EMPTY, SegmentState.REJECTED, SegmentState.DRAFT, SegmentState.TRANSLATED,
             SegmentState.APPROVED]


class Patch12:
    def __init__(self, doc: BilingualFile, root: etree._Element) -> None:
        self.doc = doc
        self.root = root

    def units(self, holders) -> None:
        from workflow.interchange.xliff12 import _state_attr

        for tu, members in holders:
            if all(orig.locked for _unit, orig, *_rest in members):
                continue
            stored = [as_stored(orig) for _unit, orig, *_rest in members]
            units = [unit for unit, *_rest in members]
            for (unit, _orig, source_part, target_part), was in zip(members, stored):
                if english_of(unit) != english_of(was):
                    part = self._target_part(tu, source_part, target_part)
                    clear(part)
                    ns = namespace_of(tu)
                    # 1.2 pair keys are unique in each content element: the other segments' codes stay
                    whole = part if local_name(part) == "target" else next(
                        a for a in part.iterancestors() if local_name(a) == "target")
                    taken = {c.get("rid") or c.get("id") for c in whole.iter()
                             if isinstance(c.tag, str) and local_name(c) in ("bx", "bpt")} - {None}
                    CodeWriter(XLIFF12, ns, unit.codes, {"target": taken}).write(part, unit.target or "", "target")
                    if unit.author and unit.author != was.author and unit.target:
                        self._author(tu, unit.author)
            now, then = _least(units), _least(stored)
            target = kid(tu, "target")
            if now.state != then.state and target is not None:
                target.set("state", _state_attr(self.doc, now))
                if now.state == SegmentState.APPROVED:
                    tu.set("approved", "yes")
                elif tu.get("approved") == "yes":
                    tu.set("approved", "no")
            for note in new_notes(units, [orig for _unit, orig, *_rest in members]):
                append_own(tu, sub(namespace_of(tu), "note", note.text, **{"from": note.author,
                                                                      "annotates": note.applies_to}))

    def _target_part(self, tu: etree._Element, source_part: etree._Element,
                     target_part: etree._Element | None) -> etree._Element:
        if target_part is not None:
            return target_part
        target = kid(tu, "target")
        after = kid(tu, "seg-source")
        after = after if after is not None else kid(tu, "source")
        assert after is not None  # reader.py refuses a trans-unit without <source>
        if local_name(source_part) != "mrk":  # the unit is the whole <source>
            return target if target is not None else put_after(after, sub(namespace_of(tu), "target"))
        if target is None:  # a copy of <seg-source>, its segments emptied: what is between them stays
            target = copy.deepcopy(after)
            target.tag = f"{{{namespace_of(tu)}}}target"
            target.attrib.clear()
            for mark in target.iter(f"{{{namespace_of(tu)}}}mrk"):
                if mark.get("mtype") == "seg":
                    clear(mark)
            put_after(after, target)
        mid = source_part.get("mid")
        for mark in target.iter(f"{{{namespace_of(tu)}}}mrk"):
            if mark.get("mtype") == "seg" and mark.get("mid") == mid:
                return mark
        return append(target, sub(namespace_of(tu), "mrk", mtype="seg", mid=mid))

    def _author(self, tu: etree._Element, author: str) -> None:
        file = next(a for a in tu.iterancestors() if local_name(a) == "file")
        ns = namespace_of(file)
        header = file_header(file)
        group = kid(header, "phase-group")
        if group is None:
            group = sub(ns, "phase-group")
            skl = kid(header, "skl")
            if skl is not None:
                put_after(skl, group)
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
            append(group, sub(ns, "phase", **{"phase-name": name, "process-name": "translation",
                                              "contact-name": author}))
        target = kid(tu, "target")
        if target is not None:
            target.set("phase-name", name)


def _least(units: Sequence[Unit]) -> Unit:
    """A segmented trans-unit has one state: its least advanced segment's (as the writer gives it)."""
    if len(units) == 1:
        return units[0]
    done = [u for u in units if (u.target or "").strip()] or list(units)
    return min(done, key=lambda u: _PROGRESS.index(u.state))


def file_header(file: etree._Element) -> etree._Element:
    """The <file>'s <header>, made where it has none: 1.2 wants it before <body>."""
    header = kid(file, "header")
    if header is None:
        header = sub(namespace_of(file), "header")
        first = next((c for c in file if isinstance(c.tag, str)), None)
        if first is not None:
            put_before(first, header)
        else:
            file.append(header)
    return header


def header_note(file: etree._Element, sender: str, text: str) -> None:
    ns = namespace_of(file)
    header = file_header(file)
    for note in header:
        if isinstance(note.tag, str) and local_name(note) == "note" and note.get("from") == sender:
            note.text = text
            return
    append_own(header, sub(ns, "note", text, **{"from": sender}))
