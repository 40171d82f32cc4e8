"""References written as fragment identifiers: comments, matches and glossary entries."""

from __future__ import annotations

from lxml import etree

from workflow.i18n import _
from workflow.interchange.xliff2_rules_base import GLS, MTC, XLIFF_FAMILY, Findings
from workflow.interchange.xliff2_rules_fragid import FragId, parse_fragid, within_unit
from workflow.interchange.xliff2_rules_units import UnitView


def check_ref_syntax(f: Findings, extension_prefixes: frozenset[str]) -> None:
    for element in f.having("ref"):
        ref = element.get("ref")
        # An extension's own ref attribute means whatever the extension says it means.
        if ref.startswith("#") and XLIFF_FAMILY.match(etree.QName(element).namespace or ""):
            _, why = parse_fragid(ref, extension_prefixes)
            if why:
                f.add("fragment-id", element, why)


def check_unit_refs(f: Findings, view: UnitView, extension_prefixes: frozenset[str]) -> None:
    file_id = next((a.get("id") for a in view.unit.iterancestors(f.q("file"))), None)
    unit_id = view.unit.get("id")
    for e in view.source + view.target:
        if etree.QName(e).localname in ("mrk", "sm") and e.get("type") == "comment":
            _comment(f, e, view, file_id, unit_id, extension_prefixes)
    spans = [m for m in view.unit.iter(f"{{{MTC}}}match", f"{{{GLS}}}glossEntry")
             if m.get("ref") is not None]
    for element in spans:
        ref = element.get("ref", "")
        frag = parse_fragid(ref, extension_prefixes)[0] if ref.startswith("#") else None
        if not ref.startswith("#"):
            f.add("span-ref", element, _("ref {ref!r} must be a fragment identifier (#id) of a span in this "
                                         "unit").format(ref=ref))
        elif frag is not None and not _resolves(frag, view, file_id, unit_id, ("", "t")):
            f.add("span-ref", element, _("ref {ref!r} points at nothing inside unit {unit!r}").format(
                ref=ref, unit=unit_id))


def _comment(f: Findings, e: etree._Element, view: UnitView, file_id: str | None,
             unit_id: str | None, extension_prefixes: frozenset[str]) -> None:
    ref, value = e.get("ref"), e.get("value")
    if (ref is None) == (value is None):
        f.add("comment-annotation", e, _("a comment annotation needs exactly one of value (the comment) and "
                                         "ref (a note of the unit)"))
        return
    if ref is None:
        return
    frag = parse_fragid(ref, extension_prefixes)[0] if ref.startswith("#") else None
    if frag is None:
        if not ref.startswith("#"):
            f.add("comment-annotation", e, _("ref {ref!r} must point to a <note> of this unit (#n=id)").format(
                ref=ref))
        return
    if not _resolves(frag, view, file_id, unit_id, ("n",)):
        f.add("comment-annotation", e, _("ref {ref!r} does not point to a <note> of unit {unit!r}").format(
            ref=ref, unit=unit_id))


def _resolves(frag: FragId, view: UnitView, file_id: str | None, unit_id: str | None,
              prefixes: tuple[str, ...]) -> bool:
    if frag.leaf is None or frag.leaf[0] not in prefixes:
        return False
    return within_unit(frag, file_id, unit_id) and frag.leaf[1] in view.ids_for(frag.leaf[0])
