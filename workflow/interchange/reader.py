"""Any XLIFF file's bytes to a BilingualFile: parsed safely, its version found, validated, then read.

A file that breaks a rule is refused whole (InputError naming the file, the line and the rule), so
nothing of it is imported. XLIFF 2.x is judged by validate_xliff2 (official schemas and the
specification's processing rules); XLIFF 1.2 by the official transitional schema when
$TANDEM_SCHEMAS names it (strict files pass it too) and always by the rules needed to read it
soundly; XLIFF 1.0/1.1, which has no schema here, by those rules alone.
"""

from __future__ import annotations

from lxml import etree

from workflow.errors import InputError
from workflow.i18n import _
from workflow.interchange import xmlsafe
from workflow.interchange.inline import NS12
from workflow.interchange.model import BilingualFile
from workflow.interchange.problems import Problem
from workflow.interchange.xliff12 import read_xliff12, trans_units
from workflow.interchange.xmlsafe import local_name

XLIFF1_NAMESPACES = ("", "urn:oasis:names:tc:xliff:document:1.0", "urn:oasis:names:tc:xliff:document:1.1", NS12)
XLIFF2_PREFIX = "urn:oasis:names:tc:xliff:document:2"
SHOWN = 3  # problems named in the refusal; the rest are counted


def read_bilingual(data: bytes, source: str) -> BilingualFile:
    root, warnings = _parse(data, source)
    if local_name(root) != "xliff":
        raise InputError(source, _("not an XLIFF file: the root element is <{root}>").format(root=local_name(root)))
    namespace = etree.QName(root).namespace or ""
    version = root.get("version", "")
    if namespace.startswith(XLIFF2_PREFIX) or (not namespace and version.startswith("2")):
        from workflow.interchange.xliff2 import read_xliff2
        from workflow.interchange.xliff2_rules import validate_xliff2

        problems, found = validate_xliff2(root)
        _refuse(source, problems)
        doc = read_xliff2(root, source)
    elif namespace in XLIFF1_NAMESPACES:
        problems, found = xliff1_problems(root)
        _refuse(source, problems)
        doc = read_xliff12(root, source)
    else:
        raise InputError(source, _("XLIFF of an unknown version (namespace {namespace}, version {version}); Tandem "
                                   "reads XLIFF 1.2 and 2.x").format(namespace=namespace,
                                                                     version=version or _("not given")))
    doc.warnings[:0] = warnings + found
    return doc


def _parse(data: bytes, source: str) -> tuple[etree._Element, list[str]]:
    root, warnings = xmlsafe.parse_xml_report(data, source, "XLIFF")
    return root, list(warnings)


def _refuse(source: str, problems: list[Problem]) -> None:
    if not problems:
        return
    named = "; ".join(str(p) for p in problems[:SHOWN])
    more = " " + _("(and {count} more problems)").format(count=len(problems) - SHOWN) if len(problems) > SHOWN else ""
    raise InputError(source, f"{named}{more}")


def xliff1_problems(root: etree._Element) -> tuple[list[Problem], list[str]]:
    """Schema problems (1.2, when the schema is found) and the rules reading depends on."""
    from workflow.interchange.schemas import missing_schema_warning, xsd_problems

    warnings: list[str] = []
    problems: list[Problem] = []
    if etree.QName(root).namespace == NS12:
        found = xsd_problems(root, "xliff-1.2-transitional")
        if found is None:
            warnings.append(missing_schema_warning("xliff-1.2-transitional"))
        else:
            problems.extend(found)
    problems.extend(p for p in _reading_rules(root) if all(
        (q.line, q.element) != (p.line, p.element) for q in problems))
    return problems, warnings


def _reading_rules(root: etree._Element) -> list[Problem]:
    problems = []
    files = [c for c in root if isinstance(c.tag, str) and local_name(c) == "file"]
    if not files:
        problems.append(Problem("file", _("the file holds no <file> element"), root.sourceline, "xliff"))
    for file in files:
        if not file.get("source-language"):
            problems.append(Problem("file-source-language", _("has no source-language attribute"),
                                    file.sourceline, "file"))
        seen: dict[str, int] = {}
        bodies = [c for c in file if isinstance(c.tag, str) and local_name(c) == "body"]
        for body in bodies:
            for tu in trans_units(body):
                ident = tu.get("id")
                if not ident:
                    problems.append(Problem("unit-id", _("has no id (required: a unit without one cannot be matched "
                                                         "on return)"), tu.sourceline, "trans-unit"))
                elif ident in seen:
                    problems.append(Problem("unit-id-unique", _("id {id!r} is used again (first on line {line}); ids "
                                                                "must be unique within a <file>").format(
                                                id=ident, line=seen[ident]),
                                            tu.sourceline, "trans-unit"))
                else:
                    seen[ident] = tu.sourceline
                if not any(isinstance(c.tag, str) and local_name(c) == "source" for c in tu):
                    problems.append(Problem("unit-source", _("has no <source>"), tu.sourceline, "trans-unit"))
    return problems
