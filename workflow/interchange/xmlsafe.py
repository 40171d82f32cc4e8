"""Untrusted XML in, an lxml tree out: the one door every interchange reader (XLIFF, TMX) uses.

A thin wrapper over glossaries.tbx.parse, the reader layer TBX uses too, turning its errors into
InputError. Limits and refusals (size, binary formats, entities, encodings) live there, once.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from glossaries.errors import GlossaryFileError
from glossaries.tbx.parse import MAX_XML_BYTES, parse_untrusted_report, read_xml_file
from workflow.errors import InputError

__all__ = ["MAX_XML_BYTES", "local_name", "parse_xml", "parse_xml_report", "read_xml"]


def read_xml(path: Path | str, kind: str) -> bytes:
    """A file's bytes for parse_xml: missing, folder and oversized files refused without reading."""
    try:
        return read_xml_file(path, kind)
    except GlossaryFileError as exc:
        raise _input_error(exc) from None


def parse_xml(data: bytes, source: str, kind: str, *, drop_comments: bool = True) -> etree._Element:
    return parse_xml_report(data, source, kind, drop_comments=drop_comments)[0]


def parse_xml_report(data: bytes, source: str, kind: str, *,
                     drop_comments: bool = True) -> tuple[etree._Element, list[str]]:
    """The root and warnings, each naming the file (e.g. EUC-KR declared, CP949 read)."""
    try:
        return parse_untrusted_report(data, source, kind, drop_comments=drop_comments)
    except GlossaryFileError as exc:
        raise _input_error(exc) from None


def _input_error(exc: GlossaryFileError) -> InputError:
    return InputError(exc.source, f"{exc.where}: {exc.problem}" if exc.where else exc.problem)


def local_name(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
