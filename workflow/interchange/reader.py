"""Any XLIFF file's bytes to a verdict and, when nothing refuses it, a BilingualFile.

One function judges a file (judge_xliff) for both `tandem validate` and every import, so the two
always agree. A problem is an error or a warning (problems.py): an error refuses the file whole,
in one line naming the file, the line and the rule, so nothing of it is imported; a warning is a
harmless break of a schema's letter (a Matecat tool-id without its <tool>), imported with the rule
named. XLIFF 2.x is judged by validate_xliff2 (the shipped official schemas and the specification's
processing rules); XLIFF 1.2 by the shipped transitional schema (strict files pass it too) and the
rules needed to read it soundly; XLIFF 1.0/1.1, which has no schema, by those rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from workflow.errors import InputError
from workflow.i18n import _
from workflow.interchange import xmlsafe
from workflow.interchange.inline import NS12
from workflow.interchange.model import BilingualFile
from workflow.interchange.problems import ERROR, WARNING, Problem, one_line, problem_from
from workflow.interchange.xliff12 import read_xliff12, trans_units
from workflow.interchange.xmlsafe import local_name

XLIFF1_NAMESPACES = ("", "urn:oasis:names:tc:xliff:document:1.0", "urn:oasis:names:tc:xliff:document:1.1", NS12)
XLIFF1_VERSIONS = ("1.0", "1.1", "1.2")
XLIFF2_PREFIX = "urn:oasis:names:tc:xliff:document:2"
# The versions each XLIFF 2 core namespace may declare. The 2.0 core schema leaves the attribute
# free, so version="9.9" would pass it; the 2.2 schema lists its own (2.0, 2.1 and 2.2).
XLIFF2_VERSIONS = {"urn:oasis:names:tc:xliff:document:2.0": ("2.0", "2.1")}
SHOWN = 3  # problems named in a refusal; the rest are counted (`tandem validate` lists them all)


@dataclass
class Verdict:
    kind: str  # "xliff12" or "xliff2", as judged from the root; "" when not XLIFF at all
    problems: list[Problem] = field(default_factory=list)  # errors and warnings, in document order
    notes: list[str] = field(default_factory=list)  # what reading noticed (an encoding declared wrongly)
    doc: BilingualFile | None = None  # the file read; None when an error refuses it

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def read_bilingual(data: bytes, source: str) -> BilingualFile:
    """The file read, or InputError (one line) when the verdict holds an error."""
    try:
        verdict = judge_xliff(data, source)
    except InputError as exc:  # not well-formed: the parser's refusal, made one line
        raise InputError(exc.source, one_line(exc.problem)) from None
    if verdict.errors or verdict.doc is None:
        raise InputError(source, refusal(verdict.errors))
    doc = verdict.doc
    doc.warnings[:0] = verdict.notes + [str(p) for p in verdict.warnings]
    return doc


def refusal(errors: list[Problem]) -> str:
    named = "; ".join(str(p) for p in errors[:SHOWN])
    more = " " + _("(and {count} more problems)").format(count=len(errors) - SHOWN) if len(errors) > SHOWN else ""
    return one_line(f"{named}{more}")


def judge_xliff(data: bytes, source: str) -> Verdict:
    """Every problem of the file, each an error or a warning, and the file read when no error
    refuses it. A file that is not well-formed XML is refused by the parser (InputError)."""
    root, notes = xmlsafe.parse_xml_report(data, source, "XLIFF")
    verdict = judge_root(root, source)
    verdict.notes[:0] = list(notes)
    return verdict


def judge_root(root: etree._Element, source: str) -> Verdict:
    if local_name(root) != "xliff":
        return Verdict("", [Problem("not-xliff", _("not an XLIFF file: the root element is <{root}>").format(
            root=local_name(root)), root.sourceline, local_name(root))])
    namespace = etree.QName(root).namespace or ""
    version = root.get("version", "")
    if namespace.startswith(XLIFF2_PREFIX) or (not namespace and version.startswith("2")):
        from workflow.interchange.xliff2_rules import validate_xliff2

        verdict = Verdict("xliff2")
        problems, notes = validate_xliff2(root)
        verdict.problems.extend(problems)
        verdict.notes.extend(notes)
        allowed = XLIFF2_VERSIONS.get(namespace)
        if allowed and version and version not in allowed:
            verdict.problems.insert(0, _unknown_version(root, namespace, version, allowed))
    elif namespace in XLIFF1_NAMESPACES and (not version or version in XLIFF1_VERSIONS):
        verdict = Verdict("xliff12")
        verdict.problems.extend(xliff1_problems(root))
    else:
        known = XLIFF1_VERSIONS if namespace in XLIFF1_NAMESPACES else ()
        return Verdict("", [_unknown_version(root, namespace, version, known)])
    if not verdict.errors:
        _read(verdict, root, source)
    return verdict


def _unknown_version(root: etree._Element, namespace: str, version: str, allowed: tuple[str, ...]) -> Problem:
    message = _("XLIFF of an unknown version (namespace {namespace}, version {version}); Tandem reads XLIFF 1.2 "
                "and 2.x").format(namespace=namespace or _("none"), version=version or _("not given"))
    if allowed:
        message += " " + _("(this namespace goes with version {versions})").format(versions=", ".join(allowed))
    return Problem("xliff-version", message, root.sourceline, "xliff")


def _read(verdict: Verdict, root: etree._Element, source: str) -> None:
    from workflow.interchange.xliff2 import read_xliff2

    try:
        doc = (read_xliff2 if verdict.kind == "xliff2" else read_xliff12)(root, source)
    except InputError as exc:
        verdict.problems.append(problem_from(exc))
        return
    if not doc.units:
        # Refused here rather than after a "valid" verdict: a file with nothing to import is one
        # that `tandem validate` must call invalid too.
        verdict.problems.append(Problem("no-units", _("holds no translation units; nothing to import"), None, ""))
        return
    verdict.doc = doc


def xliff1_problems(root: etree._Element) -> list[Problem]:
    """Schema problems (1.2) and the rules reading depends on."""
    from workflow.interchange.schemas import xsd_problems

    problems: list[Problem] = []
    if etree.QName(root).namespace == NS12:
        problems.extend(xsd_problems(root, "xliff-1.2-transitional"))
    elif root.get("version") == "1.2":
        # No namespace: the 1.2 schema, which is bound to its namespace, cannot check the file.
        problems.append(Problem("xliff12-namespace", _("declares version 1.2 without its namespace {namespace}; "
                                                       "read as XLIFF 1.2 without the official schema's checks "
                                                       "(accepted)").format(namespace=NS12),
                                root.sourceline, "xliff", WARNING))
    problems.extend(p for p in _reading_rules(root) if all(
        (q.line, q.element) != (p.line, p.element) for q in problems if q.severity == ERROR))
    return sorted(problems, key=lambda p: p.line or 0)


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
