"""Parsing untrusted TBX bytes safely (no entities, no network, no DTD) into an lxml tree."""

from __future__ import annotations

import re

from lxml import etree

from glossaries.errors import GlossaryFileError

_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[")


def _parse(data: bytes, source: str) -> etree._Element:
    # lxml rather than defusedxml because messages need line numbers. Safety: the parser never
    # resolves entities, loads a DTD or uses the network; and a DOCTYPE with an internal subset
    # (where entities are declared: XXE, billion laughs) is refused before parsing. TBX never
    # needs one; v2 files' external DOCTYPE line is harmless since the DTD is not loaded.
    head = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data.decode("utf-16", errors="replace").encode()
    if _INTERNAL_SUBSET.search(head):
        raise GlossaryFileError(source, "the DOCTYPE declares entities or other DTD content; "
                                "refused for safety (TBX never needs it)", "DOCTYPE")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryFileError(source, f"not well-formed XML: {exc.msg}",
                                f"line {exc.lineno}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # belt and braces (encodings)
        raise GlossaryFileError(source, "the DOCTYPE declares entities; refused for safety",
                                "DOCTYPE")
    return root


