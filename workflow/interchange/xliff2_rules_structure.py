"""XLIFF 2.x core constraints on files, groups, units and their parts (not the inline content)."""

from __future__ import annotations

import re

from lxml import etree

from workflow.i18n import _
from workflow.interchange.xliff2_rules_base import (XLIFF_FAMILY, XML_ID, XML_LANG, XML_SPACE,
                                                   Findings, duplicates, nearest, same_language,
                                                   well_formed_language)

_STATES_WITH_TARGET = ("translated", "reviewed", "final")
_USER_VALUE = re.compile(r"^[^\s:]+:[^\s:]+$")  # the schema's userDefinedValue, which subState lacks


def check_structure(f: Findings) -> None:
    _languages(f)
    for value, element in duplicates((e.get("id", ""), e) for e in f.each("file")):
        f.add("file-id-unique", element, _("file id {value!r} is used by an earlier <file>").format(value=value))
    for file in f.each("file"):
        _file(f, file)
    for notes in f.each("notes"):
        for value, note in duplicates((n.get("id"), n) for n in notes
                                      if f.is_core(n, "note") and n.get("id")):
            f.add("note-id-unique", note, _("note id {value!r} is used twice in the same <notes>").format(value=value))
    for scope in f.each("file", "group", "unit"):
        _extension_ids(f, scope)
    for unit in f.each("unit"):
        _unit(f, unit)


def _languages(f: Findings) -> None:
    root = f.root
    src, trg = root.get("srcLang"), root.get("trgLang")
    for name, value in (("srcLang", src), ("trgLang", trg)):
        if value is not None and not well_formed_language(value):
            f.add("language-tag", root, _("{attribute} {value!r} is not a well-formed BCP 47 language tag").format(
                attribute=name, value=value))
    for element in f.having("xml:lang"):
        value = element.get(XML_LANG)
        if value and not well_formed_language(value):
            f.add("language-tag", element, _("xml:lang {value!r} is not a well-formed language tag").format(
                value=value))
    parts = [p for p in f.each("segment", "ignorable")]
    targets = [t for p in parts if (t := f.part_child(p, "target")) is not None]
    if targets and trg is None:
        f.add("trg-lang-required", targets[0],
              _("the document has a <target> but <xliff> has no trgLang attribute"))
    for part in parts:
        for name, expected in (("source", src), ("target", trg)):
            child = f.part_child(part, name)
            lang = nearest(child, XML_LANG) if child is not None else None
            if lang is not None and expected is not None and not same_language(lang, expected):
                attr = "srcLang" if name == "source" else "trgLang"
                f.add(f"{name}-lang", child, _("<{element}> is in language {lang!r} (its own or inherited "
                                               "xml:lang) but the document's {attribute} is {expected!r}").format(
                    element=name, lang=lang, attribute=attr, expected=expected))


def _file(f: Findings, file: etree._Element) -> None:
    groups = [(g.get("id", ""), g) for g in f.each("group", under=file)]
    for value, group in duplicates(groups):
        f.add("group-id-unique", group, _("group id {value!r} is used twice in file {file!r}").format(
            value=value, file=file.get("id")))
    units = [(u.get("id", ""), u) for u in f.each("unit", under=file)]
    for value, unit in duplicates(units):
        f.add("unit-id-unique", unit, _("unit id {value!r} is used twice in file {file!r}").format(
            value=value, file=file.get("id")))
    unit_ids = {value for value, _ in units}
    for element in f.having("subFlows", "subFlowsStart", "subFlowsEnd", under=file):
        for attr in ("subFlows", "subFlowsStart", "subFlowsEnd"):
            for ref in (element.get(attr) or "").split() if f.is_core(element) else ():
                if ref not in unit_ids:
                    f.add("sub-flows", element,
                          _("{attribute} names unit {ref!r}, which is not in file {file!r}").format(
                              attribute=attr, ref=ref, file=file.get("id")))
    for skeleton in (c for c in file if f.is_core(c, "skeleton")):
        has_content = len(skeleton) > 0 or bool((skeleton.text or "").strip())
        if skeleton.get("href") is not None and has_content:
            f.add("skeleton", skeleton, _("<skeleton> has both an href and content; use one of them"))
        if skeleton.get("href") is None and not has_content:
            f.add("skeleton", skeleton, _("<skeleton> is empty and has no href"))


def _extension_ids(f: Findings, scope: etree._Element) -> None:
    """Ids of extension elements are unique within their nearest file, group or unit."""
    found: list[tuple[str, etree._Element]] = []
    for top in (c for c in scope if isinstance(c.tag, str) and not f.is_core(c)):
        # Below a module or extension element, XLIFF core elements (a <match>'s <source>) start
        # no new scope, so everything under it is walked, in document order.
        for element in top.iter():
            if not isinstance(element.tag, str) or f.is_core(element):
                continue
            if not XLIFF_FAMILY.match(etree.QName(element).namespace or ""):
                found += [(v, element) for v in (element.get("id"), element.get(XML_ID)) if v]
    for value, element in duplicates(found):
        f.add("extension-id-unique", element,
              _("extension id {value!r} is used twice within the same <{element}>").format(
                  value=value, element=etree.QName(scope).localname))


def _unit(f: Findings, unit: etree._Element) -> None:
    parts = f.content_parts(unit)
    if not any(f.is_core(p, "segment") for p in parts):
        f.add("unit-segment", unit, _("unit {unit!r} has no <segment>").format(unit=unit.get("id")))
    for value, part in duplicates((p.get("id"), p) for p in parts if p.get("id")):
        f.add("part-id-unique", part, _("id {value!r} of <{element}> is used twice in unit {unit!r}").format(
            value=value, element=etree.QName(part).localname, unit=unit.get("id")))
    positions: dict[int, etree._Element] = {}
    for index, part in enumerate(parts, start=1):
        source, target = f.part_child(part, "source"), f.part_child(part, "target")
        if target is None:
            if f.is_core(part, "segment") and part.get("state") in _STATES_WITH_TARGET:
                f.add("state-target", part, _("state {state!r} needs a <target>").format(state=part.get("state")))
            continue
        if source is not None and (nearest(source, XML_SPACE) or "default") != (
                nearest(target, XML_SPACE) or "default"):
            f.add("xml-space", target, _("<target> must keep the xml:space of its <source>"))
        order = target.get("order")
        position = int(order) if order and order.isdigit() else index
        if position < 1 or position > len(parts):
            f.add("target-order", target, _("order {order!r} is outside 1..{count}, the number of segments and "
                                            "ignorables in unit {unit!r}").format(
                order=order, count=len(parts), unit=unit.get("id")))
        elif position in positions:
            f.add("target-order", target, _("order {order} is already taken in unit {unit!r} (explicitly or by "
                                            "position)").format(order=position, unit=unit.get("id")))
        positions[position] = target
    for segment in (p for p in parts if f.is_core(p, "segment")):
        sub_state = segment.get("subState")
        if sub_state is not None and segment.get("state") is None:
            f.add("sub-state", segment, _("subState is set but state is not"))
        if sub_state is not None and not _USER_VALUE.match(sub_state):
            f.add("sub-state", segment, _("subState {value!r} must read prefix:value (the prefix names who "
                                          "defines the value)").format(value=sub_state))
