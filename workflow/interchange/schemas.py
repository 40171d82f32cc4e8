"""The official XML schemas (XLIFF 1.2 and 2.x), shipped inside the package, and validation of a tree
against them.

The OASIS and W3C schema files live in xsd/ beside this module, byte-for-byte as published (their
notices: xsd/NOTICE), so a file gets the same verdict on every machine. Imports between them are
answered from that folder by file name, never from the network. Each set is compiled once per
process, on first use (tens of milliseconds; benchmarks/xliff_validate.py measures it), so nothing
is paid at start-up.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workflow.i18n import N_, _
from workflow.interchange.problems import WARNING, Problem
from workflow.interchange.schema_messages import translated

XS = "http://www.w3.org/2001/XMLSchema"

_CORE_20 = "xliff_core_2.0.xsd"
_CORE_22 = "xliff_core_2.2.xsd"
_MODULES_2X = ("metadata.xsd", "fs.xsd", "glossary.xsd", "matches.xsd", "resource_data.xsd",
               "size_restriction.xsd", "validation.xsd", "change_tracking.xsd", "its.xsd",
               "itsm.xsd")


@dataclass(frozen=True)
class SchemaSet:
    core: str  # file name of the core schema, the one that must be present
    modules: tuple[str, ...] = ()  # module schemas imported when found (each adds a namespace)


KINDS: dict[str, SchemaSet] = {
    # XLIFF 2.1 kept the 2.0 core namespace and schema; 2.2 has a schema and namespace of its own.
    "xliff-2.0": SchemaSet(_CORE_20, _MODULES_2X),
    "xliff-2.2": SchemaSet(_CORE_22, _MODULES_2X + ("plural_gender_select.xsd",)),
    "xliff-1.2-strict": SchemaSet("xliff-core-1.2-strict.xsd"),
    "xliff-1.2-transitional": SchemaSet("xliff-core-1.2-transitional.xsd"),
}

_CORE_FILE = re.compile(r"xliff[-_]core[-_][\d.]+(-\w+)?\.xsd$")
_TARGET_NS = re.compile(rb'targetNamespace\s*=\s*["\']([^"\']+)["\']')
_IMPORTED_CORE = re.compile(rb'schemaLocation\s*=\s*["\'][^"\']*?(xliff_core_[\d.]+\.xsd)["\']')


SHIPPED = Path(__file__).with_name("xsd")
# Searched in this order for a file the located core does not have beside it (xml.xsd for 2.2).
_FOLDERS = ("xliff-2.0", "xliff-2.2", "xliff-1.2")


def schema_dirs() -> list[Path]:
    """The folders of the shipped schemas that exist, in search order."""
    return [SHIPPED / name for name in _FOLDERS if (SHIPPED / name).is_dir()]


@functools.lru_cache(maxsize=8)
def _index(dirs: tuple[Path, ...]) -> dict[str, tuple[Path, ...]]:
    found: dict[str, list[Path]] = {}
    for base in dirs:
        for path in sorted(base.rglob("*.xsd")):
            found.setdefault(path.name, []).append(path)
    return {name: tuple(paths) for name, paths in found.items()}


def find_schemas(file_name: str) -> tuple[Path, ...]:
    """Every file of that name under the schema folders, first folder first."""
    return _index(tuple(schema_dirs())).get(file_name, ())


def find_schema(file_name: str) -> Path | None:
    """The first file of that name under the schema folders, or None."""
    paths = find_schemas(file_name)
    return paths[0] if paths else None


def _fits(path: Path, core: str) -> bool:
    # Module schemas of the same name exist for 2.0/2.1 and 2.2 and differ only in which core they
    # import; a module importing another core would drag a second XLIFF namespace in.
    imported = _IMPORTED_CORE.findall(path.read_bytes())
    return all(name.decode() == core for name in imported)


def _choose(file_name: str, core_path: Path) -> Path | None:
    candidates = find_schemas(file_name)
    near = [p for p in candidates if p.parent == core_path.parent]
    rest = [p for p in candidates if p.parent != core_path.parent]
    return next((p for p in near + rest if _fits(p, core_path.name)), None)


class _ByName(etree.Resolver):
    """Answers every schema import from the located files, by file name; never the network."""

    def __init__(self, core_path: Path) -> None:
        super().__init__()
        self.core_path = core_path
        self.missing: list[str] = []

    def resolve(self, url, pubid, context):
        name = (url or "").rstrip("/").rsplit("/", 1)[-1]
        if _CORE_FILE.match(name) and name != self.core_path.name:
            # itsm.xsd in the 2.2 set still imports the 2.0 core, which it does not use.
            return self.resolve_string(f'<xs:schema xmlns:xs="{XS}"/>', context)
        path = self.core_path if name == self.core_path.name else _choose(name, self.core_path)
        if path is None:
            self.missing.append(name)
            return self.resolve_string(f'<xs:schema xmlns:xs="{XS}"/>', context)
        return self.resolve_filename(str(path), context)


@dataclass(frozen=True)
class Compiled:
    schema: etree.XMLSchema
    # namespace -> global element and attribute names its schema declares; lax wildcards let
    # undeclared names of a known namespace through, so they are looked up here.
    declared: dict[str, tuple[frozenset[str], frozenset[str]]]
    # A compiled schema keeps its error log on itself, so one document is validated at a time.
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False)


def _declarations(path: Path) -> tuple[str, tuple[frozenset[str], frozenset[str]]]:
    root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    names = {kind: frozenset(c.get("name") for c in root if c.tag == f"{{{XS}}}{kind}")
             for kind in ("element", "attribute")}
    return root.get("targetNamespace", ""), (names["element"], names["attribute"])


@functools.lru_cache(maxsize=8)
def _compiled(kind: str, dirs: tuple[Path, ...]) -> Compiled | tuple[str, dict[str, str]]:
    """The compiled set, or why there is none (a message and its fields, translated when shown: the
    answer is cached, the reader's language is not)."""
    spec = KINDS[kind]
    core_path = find_schema(spec.core)
    if core_path is None:
        return N_("{file} was not found"), {"file": spec.core}
    imports = [core_path] + [p for name in spec.modules if (p := _choose(name, core_path))]
    lines = [f'<xs:schema xmlns:xs="{XS}">']
    for path in imports:
        match = _TARGET_NS.search(path.read_bytes())
        if match:
            lines.append(f'<xs:import namespace="{match.group(1).decode()}" '
                         f'schemaLocation="{path.as_uri()}"/>')
    lines.append("</xs:schema>")
    resolver = _ByName(core_path)
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(resolver)
    try:
        driver = etree.fromstring("\n".join(lines).encode(), parser,
                                  base_url=(core_path.parent / "tandem-combined.xsd").as_uri())
        declared = dict(_declarations(path) for path in imports[1:])
        return Compiled(etree.XMLSchema(driver), declared)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        if resolver.missing:
            missing = ", ".join(sorted(set(resolver.missing)))
            return N_("{missing}, which {core} needs, was not found"), {"missing": missing, "core": core_path.name}
        return N_("{path} could not be compiled ({problem})"), {"path": str(core_path), "problem": str(exc)}


def schema_for(kind: str) -> Compiled | None:
    """The compiled schema set for a kind (see KINDS), or None when it is not available.

    Compiled on first use and kept for the process: it reads and links a dozen files (the folders
    are part of the key only so that tests can point SHIPPED at a broken copy).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown schema kind {kind!r}; known: {', '.join(KINDS)}")
    compiled = _compiled(kind, tuple(schema_dirs()))
    return compiled if isinstance(compiled, Compiled) else None


def covered_namespaces(kind: str) -> frozenset[str]:
    """The module namespaces whose schemas were found and compiled into the kind's set."""
    compiled = schema_for(kind)
    return frozenset(compiled.declared) if compiled else frozenset()


_QNAME = re.compile(r"\{([a-z][\w+.-]*:[^}]*)\}")
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([\w.-]+)'")


def xsd_problems(root: etree._Element, kind: str) -> list[Problem]:
    """Schema-validity problems of the tree. A shipped schema that cannot be loaded (a broken
    install) is itself a problem: the verdict must not quietly depend on the machine."""
    compiled = schema_for(kind)
    if compiled is None:
        return [Problem("schema-unavailable", unavailable_reason(kind), None, "")]
    prefixes = {ns: prefix for prefix, ns in root.nsmap.items() if prefix}

    def readable(message: str) -> str:
        # "{urn:...its}version" -> "its:version"; the document's default namespace is dropped.
        # libxml2 may break a message over lines; a refusal is one line.
        message = _QNAME.sub(lambda m: f"{prefixes[m.group(1)]}:" if m.group(1) in prefixes else "", message)
        return " ".join(message.split())

    with compiled.lock:
        valid = compiled.schema.validate(root.getroottree())
        entries = [] if valid else list(compiled.schema.error_log)
    problems = [_order_only(readable(e.message), e.line or None, root) or _problem(readable(e.message), e.line or None)
                for e in entries]
    return problems + _undeclared(root, compiled.declared)


# XLIFF 1.2's keyrefs tying a tool-id (on <file>, <phase>, <alt-trans>) to a <tool> of the header.
# Matecat names its tool on every <file> and never describes it: the link is broken, nothing is
# lost (Tandem reads no tool description), so the file is imported with the rule named.
_HARMLESS_KEYREF = re.compile(r"No match found for key-sequence \['(?P<value>.*)'\] of keyref "
                              r"'(?P<rule>KR_(?:file|phase|alt-trans)_tool-id)'")


def _problem(message: str, line: int | None) -> Problem:
    element = m.group(1) if (m := _ELEMENT.search(message)) else ""
    harmless = _HARMLESS_KEYREF.search(message)
    if harmless:
        return Problem("tool-id", _("tool-id {value!r} names no <tool> in the <header> (XLIFF 1.2 schema rule "
                                    "{rule}); accepted: Tandem does not read tool descriptions").format(
            value=harmless.group("value"), rule=harmless.group("rule")), line, element, WARNING)
    return Problem("schema", translated(message), line, element)


# translate-toolkit (Virtaal, Pootle, Weblate's XLIFF) writes a target it adds right after <source>,
# before an existing <seg-source>; XLIFF 1.2's schema wants <seg-source> first. Nothing is lost or
# misread either way, and an agency's returned file must not be refused for it.
_SEG_SOURCE_ORDER = "Element 'seg-source': This element is not expected."


def _order_only(message: str, line: int | None, root: etree._Element) -> Problem | None:
    """The warning for a <seg-source> placed after its <target>, or None for any other problem."""
    if _SEG_SOURCE_ORDER not in message:
        return None
    for seg_source in root.iter("{*}seg-source"):
        before = seg_source.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()
        if seg_source.sourceline == line and before is not None and etree.QName(before).localname == "target":
            return Problem("seg-source-order", _("<seg-source> comes after <target> (as translate-toolkit writes it); "
                                                 "the XLIFF 1.2 schema wants it before; accepted: the order changes "
                                                 "nothing Tandem reads"), line, "seg-source", WARNING)
    return None


def _undeclared(root: etree._Element, declared: dict) -> list[Problem]:
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        if name.namespace in declared and name.localname not in declared[name.namespace][0]:
            problems.append(Problem("schema", _("the element {name!r} does not exist in the namespace "
                                                "{namespace}").format(name=name.localname, namespace=name.namespace),
                                    element.sourceline, name.localname))
        for attribute in element.attrib:
            attr = etree.QName(attribute)
            if attr.namespace in declared and attr.localname not in declared[attr.namespace][1]:
                problems.append(Problem("schema", _("the attribute {name!r} does not exist in the namespace "
                                                    "{namespace}").format(name=attr.localname, namespace=attr.namespace),
                                        element.sourceline, name.localname))
    return problems


def unavailable_reason(kind: str) -> str:
    """Why the shipped schema of this kind cannot be used, for whoever installed Tandem."""
    compiled = _compiled(kind, tuple(schema_dirs()))
    reason = _("it is available") if isinstance(compiled, Compiled) else _(compiled[0]).format(**compiled[1])
    return _("the official schema shipped with Tandem could not be loaded: {reason} (in {folder}); the "
             "installation is incomplete, reinstall Tandem").format(reason=reason, folder=str(SHIPPED))
