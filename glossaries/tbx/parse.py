"""Parsing untrusted XML bytes safely (no entities, no network, no DTD) into an lxml tree.

The one reader layer under TBX (here), TMX and XLIFF (workflow/ through workflow.interchange.xmlsafe):
it sits in glossaries/ because that is the layer all of them may import.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from glossaries.controls import describe, find_control
from glossaries.errors import GlossaryFileError
from glossaries.i18n import N_, _, retranslate
from glossaries.tbx.encoding import binary_kind, decode_xml

# Interchange files (TMX, TBX, XLIFF) of a news desk are kilobytes to a few megabytes; a whole
# desk's translation memory exported as TMX stays well below this. Larger is an accident or an attack.
MAX_XML_BYTES = 50 * 1024 * 1024

# The DOCTYPE in the prolog, matched on the decoded text so no encoding can hide it. With an
# internal subset ("[") it is where entities are declared (XXE, billion laughs, quadratic blow-up).
_DOCTYPE = re.compile(r"\A(?:<\?xml[^>]*\?>)?(?:\s+|<!--.*?-->|<\?.*?\?>)*(<!DOCTYPE\s+[^\[>]*)([\[>])",
                      re.DOTALL)

# libxml2 reports in English only; these are the shapes of its commonest well-formedness messages,
# in its own words (English output stays exactly libxml2's), so the interface language can show them.
SYNTAX_PROBLEMS = (
    N_("Opening and ending tag mismatch: {first} line {line} and {second}"),
    N_("Premature end of data in tag {tag} line {line}"),
    N_("Couldn't find end of Start Tag {tag} line {line}"),
    N_("Entity '{name}' not defined"),
    N_("Start tag expected, '<' not found"),
    N_("Extra content at the end of the document"),
    N_("Document is empty"),
    N_("attributes construct error"),
    N_("Attribute {name} redefined"),
    N_("StartTag: invalid element name"),
    N_("EntityRef: expecting ';'"),
    N_("xmlParseEntityRef: no name"),
    N_("Specification mandates value for attribute {name}"),
    N_("AttValue: \" or ' expected"),
    N_("Namespace prefix {prefix} on {tag} is not defined"),
    N_("Input is not proper UTF-8, indicate encoding !"),
    N_("Char {char} out of allowed range"),
    N_("PCDATA invalid Char value {value}"),
)
_WHERE = re.compile(r"\A(?P<problem>.*), line \d+, column (?P<column>\d+)\Z", re.S)
_HUGE_ADVICE = re.compile(r",? (?:try|use) XML_PARSE_HUGE(?: option)?")


def read_xml_file(path: str | Path, kind: str) -> bytes:
    """The file's bytes, refusing a folder, a missing file or one over MAX_XML_BYTES unread."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            _check_size(os.fstat(handle.fileno()).st_size, str(path), kind)
            data = handle.read(MAX_XML_BYTES + 1)  # devices and pipes report no size
    except FileNotFoundError:
        raise GlossaryFileError(str(path), _("no such file")) from None
    except IsADirectoryError:
        raise GlossaryFileError(str(path), _("is a folder, not a file")) from None
    except PermissionError:
        raise GlossaryFileError(str(path), _("permission denied")) from None
    except OSError as exc:
        raise GlossaryFileError(str(path), _("cannot be read ({problem})").format(problem=exc.strerror or exc)) from None
    _check_size(len(data), str(path), kind)
    return data


def parse_untrusted(data: bytes, source: str, kind: str, *, drop_comments: bool = False) -> etree._Element:
    return parse_untrusted_report(data, source, kind, drop_comments=drop_comments)[0]


def parse_untrusted_report(data: bytes, source: str, kind: str, *,
                           drop_comments: bool = False) -> tuple[etree._Element, list[str]]:
    """The root element and warnings naming the file (an encoding read other than declared)."""
    # lxml rather than defusedxml because messages need line numbers. Safety: the bytes are decoded
    # here (so the checks below see what the parser sees, whatever the encoding), a DOCTYPE with
    # an internal subset is refused before parsing (TMX, TBX and XLIFF never need one), an external
    # one is blanked out, and the parser never resolves entities, loads a DTD or uses the network.
    # A quoted ">" or "[" inside a DOCTYPE can only make this refuse a file, never let one through;
    # the tree is checked for entities afterwards all the same.
    _check_size(len(data), source, kind)
    if not data.strip():
        raise GlossaryFileError(source, _("the file is empty"))
    what = binary_kind(data)
    if what:
        raise GlossaryFileError(source, _("is {what}, not a {kind} file").format(what=what, kind=kind))
    text, warnings = decode_xml(data, source)
    doctype = _DOCTYPE.match(text)
    if doctype and doctype.group(2) == "[":
        raise _entities_refused(source, kind)
    if doctype:
        # Blanked (lines kept): the parser then sees no DTD to fetch, and a reference to an entity
        # the external DTD would define is an error in content and attributes alike.
        start, end = doctype.start(1), doctype.end(2)
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, attribute_defaults=False, huge_tree=False,
                             remove_comments=drop_comments, remove_pis=drop_comments)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        # libxml2's limits (depth, text length) advise a switch that must stay off for untrusted files
        problem = _HUGE_ADVICE.sub(_(" (a limit for untrusted files)"), _syntax_problem(exc.msg or ""))
        raise GlossaryFileError(source, _("not well-formed XML: {problem}").format(problem=problem),
                                _("line {line}").format(line=exc.lineno)) from None
    _refuse_entities(root, source, kind)
    if find_control(text) or _CONTROL_REFERENCE.search(text):
        _refuse_controls(root, source)
    return root, warnings


# XML 1.0 already forbids C0 controls, literal or referenced; DEL and C1 (U+009B is an 8-bit CSI)
# it allows, as characters or as references such as &#x9b;.
_CONTROL_REFERENCE = re.compile(r"&#(?:x0*(?:7f|[89][0-9a-f])|0*(?:127|12[89]|1[3-5][0-9]));", re.I)


def _refuse_controls(root: etree._Element, source: str) -> None:
    for element in root.iter():
        values = [element.text, element.tail, *element.attrib.values()] if isinstance(element.tag, str) else \
            [element.text, element.tail]
        for value in values:
            found = find_control(value or "")
            if found:
                raise GlossaryFileError(source, _("holds the control character {char}; Tandem does not take terminal "
                                                  "control characters in text").format(char=describe(found.group())),
                                        _("line {line}").format(line=element.sourceline))


def _syntax_problem(message: str) -> str:
    """libxml2's message in the interface language; its trailing ", line N, column M" repeats the
    line the caller names, so only the column is kept. A refusal is one line: libxml2 sometimes
    breaks a message over several."""
    message = re.sub(r"\s*[\r\n]+\s*", " ", message).strip()
    where = _WHERE.match(message)
    problem = retranslate(where["problem"] if where else message, SYNTAX_PROBLEMS)
    if where is None:
        return problem
    return _("{problem} (column {column})").format(problem=problem, column=where["column"])


def _check_size(size: int, source: str, kind: str) -> None:
    if size > MAX_XML_BYTES:
        raise GlossaryFileError(source, _("is {size:,} bytes; the limit for a {kind} file is {limit:,} bytes "
                                          "({mib} MiB)").format(size=size, kind=kind, limit=MAX_XML_BYTES,
                                                                mib=MAX_XML_BYTES // 2**20))


def _refuse_entities(root: etree._Element, source: str, kind: str) -> None:
    # Belt and braces behind the prolog check: whatever got past it must not have declared an
    # entity, and no entity reference may be left in the tree (an undefined one from an external
    # DTD that was, rightly, not loaded).
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities_refused(source, kind)
    for entity in root.iter(etree.Entity):
        raise GlossaryFileError(source, _("refers to the entity {entity}, which Tandem never expands (external "
                                          "DTDs are not loaded)").format(entity=entity.text),
                                _("line {line}").format(line=entity.sourceline))


def _entities_refused(source: str, kind: str) -> GlossaryFileError:
    return GlossaryFileError(source, _("the DOCTYPE declares entities or other DTD content; refused for safety "
                                       "({kind} never needs it)").format(kind=kind), "DOCTYPE")
