"""Parsing untrusted XML bytes safely (no entities, no network, no DTD) into an lxml tree.

Used for TBX here and for TMX by workflow.tmx: it sits in glossaries/ because that is the layer
both may import.
"""

from __future__ import annotations

import re

from lxml import etree

from glossaries.errors import GlossaryFileError

_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[")


def parse_untrusted(data: bytes, source: str, kind: str, *, drop_comments: bool = False) -> etree._Element:
    # lxml rather than defusedxml because messages need line numbers. Safety: the parser never
    # resolves entities, loads a DTD or uses the network; and a DOCTYPE with an internal subset
    # (where entities are declared: XXE, billion laughs) is refused before parsing. Neither TBX nor
    # TMX needs one; an external DOCTYPE line is harmless since the DTD is not loaded.
    head = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data.decode("utf-16", errors="replace").encode()
    if _INTERNAL_SUBSET.search(head):
        raise GlossaryFileError(source, "the DOCTYPE declares entities or other DTD content; "
                                f"refused for safety ({kind} never needs it)", "DOCTYPE")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=drop_comments, remove_pis=drop_comments)
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
