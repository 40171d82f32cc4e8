"""Validating an XLIFF 2.0/2.1/2.2 tree before it is read: the official schemas, then Tandem's rules.

The XSDs (shipped in workflow/interchange/xsd) check structure and value types; the rules here check the
processing requirements the XSDs cannot express (id scopes, pairing, references, module
constraints), following the "Constraints" of the XLIFF 2.x specification and its modules.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from workflow.i18n import _
from workflow.interchange import schemas
from workflow.interchange.problems import Problem
from workflow.interchange.xliff2_rules_base import (CORE_NAMESPACES, CTR, FS, GLS, ITS, ITSM, MDA,
                                                   MTC, RES, SLR, VAL, Findings)
from workflow.interchange.xliff2_rules_inline import check_inline
from workflow.interchange.xliff2_rules_its import check_its
from workflow.interchange.xliff2_rules_modules import check_modules
from workflow.interchange.xliff2_rules_refs import check_ref_syntax, check_unit_refs
from workflow.interchange.xliff2_rules_structure import check_structure
from workflow.interchange.xliff2_rules_units import UnitView

__all__ = ["DEFAULT_EXTENSION_PREFIXES", "Problem", "validate_xliff2", "xliff2_kind"]

# Fragment-identifier prefixes of extensions that Tandem knows without being told: "tbx" selects
# an entry of an embedded TBX (ISO 30042) termbase, the registration the OASIS suites ship with.
DEFAULT_EXTENSION_PREFIXES = frozenset({"tbx"})


def xliff2_kind(root: etree._Element) -> str | None:
    """The schema kind ("xliff-2.0" for 2.0 and 2.1, "xliff-2.2") or None when not XLIFF 2.x."""
    return CORE_NAMESPACES.get(etree.QName(root).namespace or "")


# The module namespaces a schema set is expected to cover (its imports name them).
MODULE_NAMESPACES = frozenset({MTC, GLS, MDA, RES, SLR, VAL, FS, CTR, ITS, ITSM,
                               "urn:oasis:names:tc:xliff:pgs:1.0"})
_USES = etree.XPath("boolean(//*[namespace-uri()=$ns] | //@*[namespace-uri()=$ns])")


def _unschemed_modules(root: etree._Element, kind: str) -> list[str]:
    """Module namespaces the document uses that no located schema covers."""
    missing = MODULE_NAMESPACES - schemas.covered_namespaces(kind)
    return [ns for ns in sorted(missing) if _USES(root, ns=ns)]


def validate_xliff2(root: etree._Element, *, extension_prefixes: Iterable[str] = ()
                    ) -> tuple[list[Problem], list[str]]:
    """(problems, warnings) for an XLIFF 2.x document; no problems means it may be read.

    extension_prefixes: more fragment-identifier prefixes registered for extensions, on top of
    DEFAULT_EXTENSION_PREFIXES (the XLIFF and module ones are always known); an unregistered
    prefix in a reference is a problem.
    """
    kind = xliff2_kind(root)
    if kind is None or etree.QName(root).localname != "xliff":
        found = etree.QName(root)
        return [Problem("not-xliff2", _("the root element is {{{namespace}}}{name}, not <xliff> in an XLIFF 2.x "
                                        "namespace ({namespaces})").format(
            namespace=found.namespace, name=found.localname, namespaces=", ".join(CORE_NAMESPACES)),
            root.sourceline, found.localname)], []
    warnings: list[str] = []
    problems = schemas.xsd_problems(root, kind)
    uncovered = _unschemed_modules(root, kind)
    if uncovered:
        warnings.append(_("the official schemas of this XLIFF version do not cover the module namespace(s) "
                          "{namespaces}; their content was checked by Tandem's rules only").format(
            namespaces=", ".join(sorted(uncovered))))
    f = Findings(root, etree.QName(root).namespace)
    prefixes = DEFAULT_EXTENSION_PREFIXES | frozenset(extension_prefixes)
    check_structure(f)
    check_ref_syntax(f, prefixes)
    for unit in f.each("unit"):
        view = UnitView(f, unit)
        check_inline(f, view)
        check_unit_refs(f, view, prefixes)
    check_modules(f)
    check_its(f)
    # In document order, the schema's finding first where both speak of one line.
    return sorted(problems + f.problems, key=lambda p: p.line or 0), warnings
