"""XLIFF 2.x fragment identifiers ("#/f=f1/u=u1/n=n2"): their syntax, and what one points at.

A reference that does not begin with "#" is a URI into another document and is not ours to check.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.i18n import _
from workflow.interchange.xliff2_rules_base import NMTOKEN

STRUCTURE = ("f", "g", "u")  # in this order, each at most once
CORE_LEAVES = ("n", "d", "t")
# Prefixes the XLIFF 2.x modules registered for their own id-bearing elements.
MODULE_PREFIXES = frozenset({"mtc", "gls", "mda", "res", "ctr", "slr", "val", "its", "pgs"})


@dataclass(frozen=True)
class FragId:
    absolute: bool
    structure: dict[str, str]  # "f"/"g"/"u" -> id
    leaf: tuple[str, str] | None  # (prefix, id); prefix "" for an id inside the unit


def parse_fragid(ref: str, extension_prefixes: frozenset[str]) -> tuple[FragId | None, str]:
    """The parsed identifier, or None and the reason it is malformed."""
    body = ref[1:]
    absolute = body.startswith("/")
    if absolute:
        body = body[1:]
    if not body:
        return None, _("fragment identifier {ref!r} selects nothing").format(ref=ref)
    structure: dict[str, str] = {}
    leaf: tuple[str, str] | None = None
    for part in body.split("/"):
        prefix, sep, ident = part.partition("=")
        if not sep:
            prefix, ident = "", part
        if not ident or not NMTOKEN.match(ident):
            return None, _("fragment identifier {ref!r}: {part!r} has no valid id after the prefix").format(
                ref=ref, part=part)
        if prefix and not NMTOKEN.match(prefix):
            return None, _("fragment identifier {ref!r}: prefix {prefix!r} is not an NMTOKEN").format(
                ref=ref, prefix=prefix)
        if leaf is not None:
            if prefix not in STRUCTURE:
                return None, _("fragment identifier {ref!r} has more than one element selector; exactly "
                               "one must come last").format(ref=ref)
            return None, _("fragment identifier {ref!r} puts {prefix}= after the element selector "
                           "{selector!r}; exactly one must come last").format(
                ref=ref, prefix=prefix, selector=leaf[0] or leaf[1])
        if prefix in STRUCTURE:
            if prefix in structure:
                return None, _("fragment identifier {ref!r} repeats the prefix {prefix}=").format(
                    ref=ref, prefix=prefix)
            later = [p for p in structure if STRUCTURE.index(p) > STRUCTURE.index(prefix)]
            if later:
                return None, _("fragment identifier {ref!r} puts {prefix}= after {later}=; the order is "
                               "f=, g=, u=").format(ref=ref, prefix=prefix, later=later[0])
            structure[prefix] = ident
            continue
        if prefix and prefix not in CORE_LEAVES:
            if len(prefix) < 2:
                return None, _("fragment identifier {ref!r}: prefix {prefix!r} is too short (module and "
                               "extension prefixes have two characters or more)").format(ref=ref, prefix=prefix)
            if prefix not in MODULE_PREFIXES and prefix not in extension_prefixes:
                return None, _("fragment identifier {ref!r}: prefix {prefix!r} is neither an XLIFF prefix "
                               "nor a registered extension prefix").format(ref=ref, prefix=prefix)
        leaf = (prefix, ident)
    if absolute and "f" not in structure:
        return None, _("fragment identifier {ref!r} is absolute but does not start with f=").format(ref=ref)
    if leaf and leaf[0] in ("d", "t", "") and structure and "u" not in structure:
        return None, _("fragment identifier {ref!r} selects an element of a unit without naming the "
                       "unit (u=)").format(ref=ref)
    return FragId(absolute, structure, leaf), ""


def within_unit(frag: FragId, file_id: str | None, unit_id: str | None) -> bool:
    """Whether the identifier stays inside the unit it is written in (relative, or naming it)."""
    if frag.structure.get("f", file_id) != file_id:
        return False
    if "g" in frag.structure and "u" not in frag.structure:
        return False
    if "f" in frag.structure and "u" not in frag.structure:
        return False
    return frag.structure.get("u", unit_id) == unit_id
