"""XLIFF 2.x constraints on inline content: ids, references, pairing, copy/delete/reorder rules."""

from __future__ import annotations

from lxml import etree

from workflow.i18n import _
from workflow.interchange.xliff2_rules_base import (INLINE_CODES, XLIFF_FAMILY, XML_NS, Findings,
                                                   duplicates)
from workflow.interchange.xliff2_rules_units import UnitView

_XLF_SUBTYPES = {"xlf:lb": "fmt", "xlf:pb": "fmt", "xlf:b": "fmt", "xlf:i": "fmt",
                 "xlf:u": "fmt", "xlf:var": "ui"}
_PAIRED_DEFAULTS = {"canCopy": "yes", "canDelete": "yes", "canOverlap": "yes", "canReorder": "yes"}
_PAIRED_IF_SET = ("type", "subType", "dir", "copyOf")
# Inline codes are not extension points: only module attributes (fs:, slr: ...) may be added.
_NO_EXTENSION_ATTRIBUTES = ("ph", "pc", "sc", "ec", "cp", "em")


def check_inline(f: Findings, view: UnitView) -> None:
    part_ids = {p.get("id") for p in view.parts if p.get("id")}
    for value, element in view.source_ids + view.target_ids:
        if value in part_ids:
            f.add("inline-id-unique", element, _("id {value!r} is already the id of a segment or ignorable of "
                                                 "unit {unit!r}").format(value=value, unit=view.unit.get("id")))
    for value, element in duplicates(view.source_ids):
        f.add("inline-id-unique", element, _("id {value!r} is used twice in the source content of unit "
                                             "{unit!r}").format(value=value, unit=view.unit.get("id")))
    for value, element in duplicates(view.target_ids):
        f.add("inline-id-unique", element, _("id {value!r} is used twice in the target content of unit "
                                             "{unit!r}").format(value=value, unit=view.unit.get("id")))
    for value, data in duplicates((d.get("id", ""), d) for d in view.data):
        f.add("data-id-unique", data, _("data id {value!r} is used twice in <originalData>").format(value=value))
    data_ids = {d.get("id") for d in view.data}
    copyable = {e.get("id"): e for e in view.source + view.target
                if e.get("id") and f.is_core(e, *INLINE_CODES)}
    for element in view.source + view.target:
        _element(f, element, data_ids, copyable)
    _pairs(f, view.source, True)
    _pairs(f, view.target, view.complete_target)
    _reorder(f, view)
    _can_delete(f, view)


def _element(f: Findings, e: etree._Element, data_ids: set, copyable: dict) -> None:
    name = etree.QName(e).localname
    if name in _NO_EXTENSION_ATTRIBUTES:
        for attr in e.attrib:
            namespace = etree.QName(attr).namespace
            if namespace and namespace != XML_NS and not XLIFF_FAMILY.match(namespace):
                f.add("extension-attribute", e, _("<{element}> takes no extension attributes ({attribute!r} "
                                                  "from {namespace}); only module ones").format(
                    element=name, attribute=etree.QName(attr).localname, namespace=namespace))
    for attr in ("dataRef", "dataRefStart", "dataRefEnd"):
        ref = e.get(attr)
        if ref is not None and ref not in data_ids:
            f.add("data-ref", e, _("{attribute}={ref!r} names no <data> in the unit's <originalData>").format(
                attribute=attr, ref=ref))
    if name == "cp":
        _cp(f, e)
        return
    copy_of = e.get("copyOf")
    if copy_of is not None:
        original = copyable.get(copy_of)
        if original is None:
            f.add("copy-of", e, _("copyOf={ref!r} names no inline code of this unit").format(ref=copy_of))
        elif original.get("canCopy") == "no":
            f.add("copy-of", e, _("copyOf={ref!r} copies a code marked canCopy='no'").format(ref=copy_of))
        if any(e.get(a) is not None for a in ("dataRef", "dataRefStart", "dataRefEnd")):
            f.add("copy-of", e, _("a code with copyOf must not also point to original data"))
    sub_type, kind = e.get("subType"), e.get("type")
    if name in INLINE_CODES and sub_type is not None:
        if kind is None:
            f.add("sub-type", e, _("subType {value!r} is set but type is not").format(value=sub_type))
        elif sub_type.startswith("xlf:") and _XLF_SUBTYPES.get(sub_type) != kind:
            expected = _XLF_SUBTYPES.get(sub_type)
            f.add("sub-type", e, _("subType {value!r} needs type={expected!r}, not {kind!r}").format(
                value=sub_type, expected=expected, kind=kind) if expected else
                _("subType {value!r} is not an XLIFF subtype").format(value=sub_type))
    if e.get("canReorder") in ("no", "firstNo") and name != "ec" and not (
            e.get("canCopy") == "no" and e.get("canDelete") == "no"):
        f.add("can-reorder", e, _("canReorder={value!r} needs canCopy='no' and canDelete='no'").format(
            value=e.get("canReorder")))


def _cp(f: Findings, e: etree._Element) -> None:
    try:
        point = int(e.get("hex", ""), 16)
    except ValueError:
        return  # the schema reports a value that is not hexadecimal
    allowed_in_xml = point in (0x9, 0xA, 0xD) or 0x20 <= point <= 0xD7FF or \
        0xE000 <= point <= 0xFFFD or 0x10000 <= point <= 0x10FFFF
    if allowed_in_xml or point > 0x10FFFF:
        f.add("cp-hex", e, _("<cp hex={hex!r}> is only for characters XML cannot carry; write this one as "
                             "text").format(hex=e.get("hex")) if allowed_in_xml else
              _("<cp hex={hex!r}> is not a Unicode code point").format(hex=e.get("hex")))


def _pairs(f: Findings, content: list[etree._Element], complete: bool) -> None:
    """sc/ec and sm/em: references resolve backwards, isolation is declared truthfully."""
    opened: dict[str, etree._Element] = {}
    closed: set[str] = set()
    for e in content:
        name = etree.QName(e).localname
        if name in ("sc", "sm"):
            opened[e.get("id", "")] = e
        elif name == "ec":
            _ec(f, e, opened, closed)
        elif name == "em":
            start = opened.get(e.get("startRef", ""))
            if start is None or etree.QName(start).localname != "sm":
                f.add("em-start-ref", e, _("<em startRef={ref!r}> has no <sm> before it in the same "
                                           "unit").format(ref=e.get("startRef")))
            else:
                closed.add(e.get("startRef"))
    for ident, start in opened.items():
        name = etree.QName(start).localname
        if ident in closed or not complete:
            continue
        if name == "sm":
            f.add("sm-without-em", start, _("<sm id={id!r}> is never closed by an <em>").format(id=ident))
        elif start.get("isolated", "no") == "no":
            f.add("sc-isolated", start, _("<sc id={id!r}> has no <ec> in the unit, so it must say "
                                          "isolated='yes'").format(id=ident))


def _ec(f: Findings, e: etree._Element, opened: dict, closed: set) -> None:
    if e.get("isolated") == "yes":
        if e.get("startRef") is not None or e.get("id") is None:
            f.add("ec-isolated", e, _("an isolated <ec> needs an id and no startRef"))
        return
    ref = e.get("startRef")
    if ref is None or e.get("id") is not None:
        f.add("ec-isolated", e, _("an <ec> that is not isolated='yes' needs a startRef and no id"))
    if ref is None:
        return
    start = opened.get(ref)
    if start is None or etree.QName(start).localname != "sc":
        f.add("ec-start-ref", e, _("<ec startRef={ref!r}> has no <sc> before it in the same unit").format(ref=ref))
        return
    closed.add(ref)
    if start.get("isolated") == "yes":
        f.add("sc-isolated", start, _("<sc id={id!r}> says isolated='yes' but its <ec> is in the unit").format(
            id=ref))
    for attr, default in _PAIRED_DEFAULTS.items():
        mine, theirs = e.get(attr, default), start.get(attr, default)
        if attr == "canReorder" and theirs == "firstNo":
            theirs = "no"
        if mine != theirs:
            f.add("sc-ec-attributes", e, _("{attribute}={mine!r} differs from {theirs!r} on <sc id={id!r}>").format(
                attribute=attr, mine=mine, theirs=theirs, id=ref))
    for attr in _PAIRED_IF_SET:
        if e.get(attr) is not None and start.get(attr) is not None and e.get(attr) != start.get(attr):
            f.add("sc-ec-attributes", e, _("{attribute}={mine!r} differs from {theirs!r} on <sc id={id!r}>").format(
                attribute=attr, mine=e.get(attr), theirs=start.get(attr), id=ref))


def _events(f: Findings, containers: list[etree._Element]) -> list[tuple[str, str, str, etree._Element]]:
    """(kind, id, canReorder, element) for each code boundary, a <pc> giving an open and a close."""
    out: list[tuple[str, str, str, etree._Element]] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            if not f.is_core(child):
                continue
            name, reorder = etree.QName(child).localname, child.get("canReorder", "yes")
            if name == "pc":
                out.append(("open", child.get("id", ""), reorder, child))
                walk(child)
                out.append(("close", child.get("id", ""), "no" if reorder != "yes" else "yes", child))
            elif name in ("ph", "sc"):
                out.append(("ph" if name == "ph" else "open", child.get("id", ""), reorder, child))
            elif name == "ec":
                out.append(("close", child.get("startRef") or child.get("id", ""), reorder, child))
            elif name == "mrk":
                walk(child)

    for container in containers:
        walk(container)
    return out


def _reorder(f: Findings, view: UnitView) -> None:
    source = _events(f, view.source_containers)
    sequences: list[list[tuple[str, str]]] = []
    previous = "yes"
    for kind, ident, reorder, element in source:
        if reorder == "firstNo" and kind != "close":
            sequences.append([(kind, ident)])
        elif reorder in ("no", "firstNo"):
            if previous == "yes":
                f.add("can-reorder", element, _("canReorder='no' must follow a code with "
                                                "canReorder='firstNo' or 'no' (the start of its sequence)"))
            elif sequences:
                sequences[-1].append((kind, ident))
        previous = reorder
    target = [(kind, ident) for kind, ident, _, _ in _events(f, view.target_containers)]
    for sequence in sequences:
        if sequence[0] in target:
            at = target.index(sequence[0])
            if target[at:at + len(sequence)] != sequence:
                f.add("can-reorder", view.target_containers[0], _(
                    "the codes that cannot be reordered (starting with id {id!r}) are not kept together "
                    "and in order").format(id=sequence[0][1]))


def _can_delete(f: Findings, view: UnitView) -> None:
    present = {e.get("id") or e.get("startRef") for e in view.target}
    for _part, source in view.pairs_with_target():
        for e in f.inline(source):
            if e.get("canDelete") == "no" and f.is_core(e, *INLINE_CODES):
                key = e.get("id") or e.get("startRef")
                if key not in present:
                    f.add("can-delete", e, _("code {id!r} is marked canDelete='no' but is missing from the "
                                             "target").format(id=key))
