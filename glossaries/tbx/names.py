"""TBX vocabulary: namespaces, the core content models, data categories and their picklists.

Written from the TBX (ISO 30042:2019) and TBX-Basic/TBX-Min specifications; the official schemas
are third-party and do not ship with Tandem.
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import NamedTuple

TBX_NS = "urn:iso:std:iso:30042:ed-2"
MODULE_NS = {"min": "http://www.tbxinfo.net/ns/min", "basic": "http://www.tbxinfo.net/ns/basic"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECT_MODULES = {"TBX-Basic": {"min", "basic"}, "TBX-Min": {"min"}, "TBX-Core": set()}

# --- the TBX structure -------------------------------------------------------------------------

N = None  # no upper bound
AUX = frozenset({"admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"})
LINKS = frozenset({"admin", "adminGrp", "note", "ref", "transacGrp", "xref"})
# Each model is a sequence of slots (allowed names, min, max), as in the TBX core RNG.
Slot = tuple[Set[str], int, "int | None"]
MODELS: dict[str, list[Slot]] = {
    "tbx": [({"tbxHeader"}, 1, 1), ({"text"}, 1, 1)],
    "tbxHeader": [({"fileDesc"}, 1, 1), ({"encodingDesc"}, 0, 1), ({"revisionDesc"}, 0, 1)],
    "fileDesc": [({"titleStmt", "publicationStmt"}, 0, 2), ({"sourceDesc"}, 1, N)],
    "titleStmt": [({"title"}, 1, 1), ({"note"}, 0, N)],
    "publicationStmt": [({"p"}, 1, N)],
    "sourceDesc": [({"p"}, 1, N)],
    "encodingDesc": [({"p"}, 1, N)],
    "revisionDesc": [({"change"}, 1, N)],
    "change": [({"p"}, 1, N)],
    "text": [({"body"}, 0, 1), ({"back"}, 0, 1)],
    "body": [({"conceptEntry"}, 1, N)],
    "back": [({"refObjectSec"}, 0, N)],
    "refObjectSec": [({"refObject"}, 1, N)],
    "refObject": [({"itemSet", "itemGrp", "item"}, 1, N)],
    "itemSet": [({"itemGrp", "item"}, 1, N)],
    "itemGrp": [({"item"}, 1, 1), (LINKS, 0, N)],
    "conceptEntry": [(AUX, 0, N), ({"langSec"}, 1, N)],
    "langSec": [(AUX, 0, N), ({"termSec"}, 1, N)],
    "termSec": [({"term"}, 1, 1), ({"termNote", "termNoteGrp"}, 0, N), (AUX, 0, N)],
    "termNoteGrp": [({"termNote"}, 1, 1), (LINKS, 0, N)],
    "descripGrp": [({"descrip"}, 1, 1), (LINKS | {"descripNote"}, 0, N)],
    "adminGrp": [({"admin"}, 1, 1), ({"adminNote", "note", "ref", "xref"}, 0, N)],
    "transacGrp": [({"transac"}, 1, 1), ({"date", "note", "ref", "transacNote", "xref"}, 0, N)],
}
# TBX v2 names the same structures differently and has the <ntig><termGrp> form of a term.
V2_NAMES = {"martif": "tbx", "martifHeader": "tbxHeader", "termEntry": "conceptEntry",
            "langSet": "langSec", "tig": "termSec", "refObjectList": "refObjectSec"}
MODELS_V2: dict[str, list[Slot]] = {**MODELS,
             "langSec": [(AUX, 0, N), ({"termSec", "ntig"}, 1, N)],
             "ntig": [({"termGrp"}, 1, 1), (AUX, 0, N)],
             "termGrp": [({"term"}, 1, 1), ({"termNote", "termNoteGrp"}, 0, N)]}
INLINE = frozenset({"ec", "foreign", "hi", "ph", "sc", "bpt", "ept"})
MIXED = {"p": INLINE, "note": INLINE, "admin": INLINE, "descrip": INLINE, "termNote": INLINE,
         "item": INLINE, "foreign": INLINE, "term": frozenset({"hi"})}
TEXT_ONLY = frozenset({"title", "ref", "transac", "transacNote", "xref", "date", "adminNote",
                       "descripNote", "hi", "ph", "sc", "ec", "bpt", "ept"})
TYPED = frozenset({"admin", "adminNote", "descrip", "descripNote", "termNote", "transac",
                   "transacNote", "ref", "xref"})
REQUIRED = {"conceptEntry": ("id",), "langSec": (XML_LANG,), "xref": ("type", "target"),
            "refObjectSec": ("type",), "sc": ("id",), **{k: ("type",) for k in TYPED - {"xref"}}}


class Category(NamedTuple):
    kind: str  # the DCA element that carries it (its DCT element stands in the same place)
    module: str
    levels: frozenset[str]
    values: tuple[str, ...] = ()  # the picklist, if any


_C, _L, _T = "conceptEntry", "langSec", "termSec"
ADMIN_STATUS = ("preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                "supersededTerm-admn-sts")
BASIC_POS = ("adjective", "noun", "other", "verb", "adverb")
CATEGORIES = {  # TBX-Min is the "min" module; TBX-Basic is "min" plus "basic"
    "administrativeStatus": Category("termNote", "min", frozenset({_T}), ADMIN_STATUS),
    "partOfSpeech": Category("termNote", "min", frozenset({_T}), BASIC_POS),
    # usageStatus comes from the pre-2019 TBX-Min that the LTAC test files still use
    "usageStatus": Category("termNote", "min", frozenset({_T}),
                        ("preferred", "admitted", "deprecated", "notRecommended", "obsolete")),
    "customerSubset": Category("admin", "min", frozenset({_C, _T})),
    "subjectField": Category("descrip", "min", frozenset({_C})),
    "externalCrossReference": Category("xref", "min", frozenset({_C, _L, _T})),
    "projectSubset": Category("admin", "basic", frozenset({_C, _T})),
    "source": Category("admin", "basic", frozenset({_C, _L, _T})),
    "context": Category("descrip", "basic", frozenset({_T})),
    "definition": Category("descrip", "basic", frozenset({_C, _L})),
    # crossReference until 2018, then relatedConcept / relatedTerm: samples use all three
    "crossReference": Category("ref", "basic", frozenset({_C, _T})),
    "relatedConcept": Category("ref", "basic", frozenset({_C, _T})),
    "relatedTerm": Category("ref", "basic", frozenset({_C, _T})),
    "grammaticalGender": Category("termNote", "basic", frozenset({_T}),
                              ("masculine", "feminine", "neuter", "other")),
    "geographicalUsage": Category("termNote", "basic", frozenset({_T})),
    "termLocation": Category("termNote", "basic", frozenset({_T}), (
        "checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
        "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider",
        "spinBox", "tab", "tableText", "textBox", "toolTip", "user-definedType")),
    "termType": Category("termNote", "basic", frozenset({_T}), (
        "fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")),
    # "creation" is not in the TBX-Basic picklist, but the LTAC basic_good.tbx sample uses it
    "transactionType": Category("transac", "basic", frozenset({_C, _L, _T}),
                            ("origination", "modification", "creation")),
    "responsibility": Category("transacNote", "basic", frozenset({_C, _L, _T})),
    "xGraphic": Category("xref", "basic", frozenset({_C, _L})),
}
# How term statuses map to Tandem: every dialect must use one of these, or we would have to guess
# whether a term is allowed or forbidden.
RANKS = {
    "preferredTerm-admn-sts": "preferred", "standardizedTerm-admn-sts": "preferred",
    "legalTerm-admn-sts": "preferred", "regulatedTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "forbidden", "supersededTerm-admn-sts": "forbidden",
    "preferred": "preferred", "admitted": "admitted", "deprecated": "forbidden",
    "notRecommended": "forbidden", "obsolete": "forbidden",
}
STATUS_CATEGORIES = ("administrativeStatus", "usageStatus")
WEB_URL = re.compile(r"https?://\S")
TANDEM_NOTE = re.compile(r"tandem:(status|case-sensitive|one-rendering|pos)=(.*)", re.S)

