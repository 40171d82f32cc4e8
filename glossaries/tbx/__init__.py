"""Glossary TBX import and export.

In: TBX v3 (ISO 30042:2019: TBX-Basic, TBX-Min and TBX-Core; DCA and DCT styles) and the 2008
TBX v2 <martif> form. Out: TBX v3, TBX-Basic dialect, DCA style (write_tbx), or TBX 2008
<martif type="TBX"> for tools that read only the older form (write_tbx2), the same content in each.

Validation is our own, because the official RNG/Schematron files are third-party and may not ship
with Tandem: a table of content models for the TBX core structure, and for TBX-Basic and TBX-Min
the data categories each allows (on which element, at which level, with which picklist values).
It stops at the first broken rule and names the element and its line. An <xref> target is any URI
reference (relative ones included); other targets name an element of the file or an http(s) URL.

One concept becomes one Term: the preferred (else first non-deprecated) Korean term is `ko`, the
other Korean terms `ko_variants`; the preferred (else first non-deprecated) English term is `en`,
other English terms `en_variants`, deprecated and superseded ones `en_forbidden`. Any ko-* or
en-* langSec counts. Concepts without Korean or without usable English are skipped and counted:
read_tbx_report / parse_tbx return TbxImport(terms, skipped, warnings), the warnings naming the
file (a declared EUC-KR read as CP949 ...); read_tbx returns the terms alone. Concepts that share a
Korean term (homonyms, legal TBX) become one term, since the glossary keeps one entry per Korean
form: the first concept's, the others' Korean and English added as variants, with a warning.

Tandem's status, case sensitivity, one rendering per article, and a part of speech outside the
TBX-Basic picklist travel as concept-level notes of the form <note>tandem:status=approved</note>
(keys: status, case-sensitive, one-rendering, pos), because TBX-Basic has no data category for
them and a custom <admin> type would make the export invalid TBX-Basic.
"""

from __future__ import annotations

from pathlib import Path

from glossaries.model import Term
from glossaries.tbx.parse import parse_untrusted_report, read_xml_file
from glossaries.tbx.reader import TbxImport, _Doc
from glossaries.tbx.writer import write_tbx, write_tbx2

__all__ = ["TbxImport", "parse_tbx", "read_tbx", "read_tbx_report", "write_tbx", "write_tbx2"]


def read_tbx(path: str | Path) -> list[Term]:
    return read_tbx_report(path).terms


def read_tbx_report(path: str | Path) -> TbxImport:
    path = Path(path)
    return parse_tbx(read_xml_file(path, "TBX"), source=str(path))


def parse_tbx(data: bytes, source: str = "TBX data") -> TbxImport:
    """The Korean-English concepts of a valid TBX file; GlossaryFileError for anything invalid."""
    root, warnings = parse_untrusted_report(data, source, "TBX")
    doc = _Doc(root, source)
    doc.validate()
    found = doc.terms()
    return found._replace(warnings=tuple(warnings) + found.warnings)
