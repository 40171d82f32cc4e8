"""XLIFF 2.x validation: the OASIS 2.0/2.1/2.2 test suites, the official schemas, and each rule.

Suite files are read where they lie (../shared/corpora); the official XSDs are the ones Tandem
ships (workflow/interchange/xsd), so the schema tests here need no corpora.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora import corpora_dir, require_corpora
from workflow.errors import InputError
from workflow.interchange import schemas
from workflow.interchange.problems import Problem
from workflow.interchange.xliff2_rules import validate_xliff2
from workflow.interchange.xliff2_rules_fragid import parse_fragid
from workflow.interchange.xmlsafe import parse_xml

SUITES = {"2.0": ("xliff20-oasis-testsuite",),
          "2.1": ("xliff21-oasis-testsuite", "test-suite"),
          "2.2": ("xliff22-oasis-testsuite", "test-suite")}
FOLDERS = ("core/valid", "core/invalid", "modules/valid", "modules/invalid")

# Files the suites call valid that are not: each is refused for the reason given, checked by hand
# against the spec. strict xfail: should upstream fix one, the test says so.
UPSTREAM_DEFECTS = {
    ("2.2", "modules/valid", "Good-pgs_plural.xlf"):
        "not namespace-well-formed: the pgs: prefix is never declared (xmlns:mda is bound to the "
        "pgs namespace) and a <target> stands outside its <segment>",
    ("2.2", "modules/valid", "Good-mda_top-level.xlf"):
        "<meta> lacks its mda: prefix, so it is an XLIFF core element that does not exist",
    ("2.2", "modules/valid", "Good-itsm_text-analytics.xlf"):
        "its:version='2.2', but ITS has only version 2.0 (the 2.1 copy of the file says 2.0)",
}

# The rule each invalid file must be refused by (it may break others too), from its name and the
# comment in it that says what is wrong.
EXPECTED_RULES = {
    "schema": (
        "Bad-fs_fs-not-valid-HTML.xlf", "Bad-gls_invalid-extension.xlf", "Bad-mda_meta-missing-type.xlf",
        "Bad-mda_meta-missplaced-appliesTo.xlf", "Bad-mda_metaGroup-id-not-nmtoken.xlf",
        "Bad-mda_metaGroup-invalid-appliesTo.xlf", "Bad-mda_metadata-id-not-nmtoken.xlf",
        "Bad-mda_missing-metaGroup.xlf", "Bad-mtc_id-not-nmtoken.xlf", "Bad-mtc_type-value-not-in-list.xlf",
        "Bad-val_invalid-caseSensitive.xlf", "Bad-val_invalid-normalization.xlf", "Bad-val_invalid-occurs.xlf",
        "bad_GroupWithoutId.xlf", "bad_IgnorableWithoutSource.xlf", "bad_InvalidDirAttributeOnSource.xlf",
        "bad_InvalidExtensionAttributeOnSegment.xlf", "bad_InvalidExtensionAttributeOnSource.xlf",
        "bad_InvalidExtensionAttributeOnTarget.xlf", "bad_InvalidExtensionElementInData.xlf",
        "bad_InvalidExtensionElementInFile.xlf", "bad_InvalidExtensionElementInOriginalData.xlf",
        "bad_InvalidExtensionElementInSegment.xlf", "bad_InvalidExtensionElementOutsideFile.xlf",
        "bad_InvalidFSAttribute.xlf", "bad_InvalidFSAttributeValue.xlf", "bad_InvalidHexValueOnCp.xlf",
        "bad_InvalidId1.xlf", "bad_InvalidId2.xlf", "bad_InvalidId3.xlf", "bad_InvalidNotesInFile.xlf",
        "bad_InvalidNotesInGroup.xlf", "bad_InvalidNotesInUnit.xlf", "bad_InvalidStateValue.xlf",
        "bad_InvalidTranslateInSegment.xlf", "bad_InvalidTypeValue.xlf", "bad_InvalidValidation.xlf",
        "bad_NoFile.xlf", "bad_NoUnitOrGroupInFile.xlf", "bad_NotesWithoutNote.xlf",
        "bad_OriginalDataWithoutData.xlf", "bad_SegmentWithoutSource.xlf", "bad_SubFlowWithInvalidValue.xlf",
        "bad_TwoSourceInUnit.xlf"),
    "ctr-item": ("Bad-ctr-property-not-legit-category.xlf",
                 "Bad-ctr_property-not-content-or-valid-attribute-ref.xlf"),
    "ctr-ref": ("Bad-ctr_appliesTo-not-using-ref-to-resolvableID.xlf",
                "Bad-ctr_ref-not-pointed-to-resolvableID.xlf",
                "Bad-ctr_revisions-not-using-ref-to-resolvableID.xlf"),
    "fs-sub-fs": ("Bad-fs_subFs-not-allowed-w-o-fs.xlf",),
    "fs-ec": ("bad_InvalidFSAttributeOnEc.xlf",),
    "gls-id-unique": ("Bad-gls_glossEntry-and-translation-not-unique-in-glossary.xlf",),
    "gls-entry": ("Bad-gls_glossEntry-w-o-translation-or-definition.xlf",),
    "mda-id-unique": ("Bad-mda_metaGroup-id-not-unique.xlf",),
    "mtc-id-unique": ("Bad-mtc_match-ID-not-unique.xlf",),
    "mtc-match": ("Bad-mtc_match-has-xml_lang.xlf", "Bad-mtc_subType-w-o-type-match.xlf"),
    "span-ref": ("Bad-mtc_wrong-ref-syntax.xlf", "Bad-mtc_wrong-ref-value.xlf"),
    # 2.0 only: XLIFF 2.1 dropped the <res:target> language constraint (a 2.1 valid file breaks
    # it), so this file is refused for its duplicate resource ids, which it has as well.
    "res-id-unique": ("Bad-res_resourceItem-not-unique.xlf", "Bad-res_resourceItemRef-not-unique.xlf",
                      "Bad-res_target-xml_lang-not-same-as-xliff.xlf"),
    "res-href": ("Bad-res_source-has-content-and-href.xlf",),
    "res-lang": ("Bad-res_source-xml_lang-not-same-as-xliff.xlf",),
    "slr-ec": ("Bad-slr_equivStorage-ec-not-isolated.xlf", "Bad-slr_sizeInfo-ec-not-isolated.xlf",
               "Bad-slr_sizeInfoRef-ec-not-isolated.xlf"),
    "slr-integer": ("Bad-slr_equivStorage-not-integer.xlf", "Bad-slr_sizeInfo-not-integer.xlf"),
    "slr-size-info": ("Bad-slr_sizeInfo-with-sizeInfoRef.xlf", "Bad-slr_sizeInfoRef-with-sizeInfo.xlf"),
    "slr-size-info-ref": ("Bad-slr_sizeInfoRef-has-no-data-sib.xlf",),
    "slr-restriction": ("Bad-slr_sizeRestriction-patterns.xlf", "Bad-slr_storageRestriction-patterns.xlf"),
    "val-rule": ("Bad-val_ExactlyOneAttributeOnRule.xlf", "Bad-val_existsInSourcePatternOnRule.xlf"),
    "comment-annotation": ("bad_CommentWithValueAndRef.xlf", "bad_InvalidCommentAnnotation1.xlf",
                           "bad_InvalidCommentAnnotation2.xlf", "bad_InvalidCommentAnnotation3.xlf",
                           "bad_InvalidCommentAnnotation4.xlf", "bad_InvalidNoteRefInUnit.xlf",
                           "bad_RefAndValueInComment.xlf"),
    "ec-isolated": ("bad_ConfusedIsolatedOnEc.xlf", "bad_InvalidIsolatedOnEc.xlf", "bad_IsolatedEcWithId.xlf",
                    "bad_MissingIsolatedOnEc.xlf", "bad_NonIsolatedEcWithStartRef.xlf",
                    "bad_NonIsolatedEcWithoutStartRef.xlf"),
    "ec-start-ref": ("bad_EcBeforeSc.xlf",),
    "sc-isolated": ("bad_InvalidIsolatedOnSc.xlf", "bad_MissingIsolatedOnSc.xlf"),
    "em-start-ref": ("bad_EmBeforeSm.xlf", "bad_InvalidLoneEm.xlf"),
    "sm-without-em": ("bad_InvalidLoneSm.xlf",),
    "copy-of": ("bad_CopyOfWithBadReference.xlf", "bad_CopyOfWithNoCopyReference.xlf",
                "bad_CopyOfWithOriginalData.xlf"),
    "data-id-unique": ("bad_DataIdNotUnique.xlf",),
    "data-ref": ("bad_DataRefWithoutOriginalData.xlf", "bad_InvalidDataRef.xlf", "bad_InvalidDataRefEnd.xlf",
                 "bad_InvalidDataRefStart.xlf", "bad_UnknownDataRefEndValue.xlf",
                 "bad_UnknownDataRefStartValue.xlf", "bad_UnknownDataRefValue.xlf"),
    "sc-ec-attributes": ("bad_DifferentCanCopyInScAndEc.xlf", "bad_DifferentCanDeleteInScAndEc.xlf",
                         "bad_DifferentCanOverlapInScAndEc.xlf", "bad_DifferentCanReorderInScAndEc.xlf",
                         "bad_DifferentCopyOfInScAndEc.xlf", "bad_DifferentDirInScAndEc.xlf",
                         "bad_DifferentSubTypeInScAndEc.xlf", "bad_DifferentTypeInScAndEc.xlf",
                         "bad_YesCanReorderInEcForFirstNoInSc.xlf"),
    "xml-space": ("bad_DifferentXmlSpace.xlf",),
    "extension-id-unique": ("bad_DuplicateExtElemIdsInFile.xlf", "bad_DuplicateExtElemIdsInGroup.xlf",
                            "bad_DuplicateExtElemIdsInUnit.xlf"),
    "extension-attribute": ("bad_InvalidExtensionAttributeOnPc.xlf",),
    "note-id-unique": ("bad_DuplicateNoteIdsInFile.xlf", "bad_DuplicateNoteIdsInGroup.xlf",
                       "bad_DuplicateNoteIdsInUnit.xlf"),
    "skeleton": ("bad_EmptySkeletonWithoutHref.xlf", "bad_NonEmptySkeletonWithHref.xlf"),
    "file-id-unique": ("bad_FileIdNotUnique.xlf",),
    "group-id-unique": ("bad_GroupIdNotUnique.xlf",),
    "part-id-unique": ("bad_IgnorableIdNotUnique.xlf", "bad_PartIdNotUnique.xlf", "bad_SegmentIdNotUnique.xlf"),
    "fragment-id": ("bad_InvalidFragIdBadOrder.xlf", "bad_InvalidFragIdDuplicatedPrefix.xlf",
                    "bad_InvalidFragIdMissplacedLeaf.xlf", "bad_InvalidFragIdNoSingleLeaf.xlf",
                    "bad_InvalidFragIdPrefixNotNmtoken.xlf", "bad_InvalidFragIdPrefixTooShort.xlf",
                    "bad_InvalidFragIdSyntax.xlf", "bad_InvalidFragIdUnknownPrefix.xlf"),
    "cp-hex": ("bad_InvalidHexRangeOnCp.xlf",),
    "sub-type": ("bad_InvalidTypeSubTypeValues.xlf", "bad_SubTypeWithoutType.xlf"),
    "sub-state": ("bad_SubStateWithoutState.xlf",),
    "sub-flows": ("bad_SubFlowWithInvalidReference.xlf",),
    "source-lang": ("bad_InvalidXmlLangInheritedFromFile.xlf", "bad_InvalidXmlLangInheritedFromGroup.xlf",
                    "bad_InvalidXmlLangInheritedFromUnit.xlf", "bad_InvalidXmlLangOnFile.xlf",
                    "bad_InvalidXmlLangOnGroup.xlf", "bad_InvalidXmlLangOnUnit.xlf", "bad_WrongSourceLang.xlf"),
    "target-lang": ("bad_WrongLangOnTarget.xlf", "bad_WrongTargetLang.xlf"),
    "language-tag": ("bad_SrcLangNotWellFormed.xlf", "bad_TrgLangNotWellFormed.xlf",
                     "bad_XmlLangNotWellFormed.xlf"),
    "trg-lang-required": ("bad_NoTrgLang.xlf", "bad_NoTrgLangWithIgnorable.xlf"),
    "can-delete": ("bad_MissingNonRemovable1.xlf", "bad_MissingNonRemovable2.xlf"),
    "can-reorder": ("bad_MissingReorderFirstNo.xlf", "bad_WrongReordering1.xlf", "bad_WrongReordering2.xlf",
                    "bad_canReorderContext1.xlf", "bad_canReorderContext2.xlf", "bad_canReorderContext3.xlf"),
    "target-order": ("bad_OrderNotUnique1.xlf", "bad_OrderNotUnique2.xlf"),
    "unit-segment": ("bad_UnitWithoutSegment.xlf",),
}
RULE_OF = {name: rule for rule, names in EXPECTED_RULES.items() for name in names}


def _suite_cases() -> list:
    base = corpora_dir()
    cases = []
    for version, parts in SUITES.items():
        for folder in FOLDERS:
            path = base.joinpath(*parts, folder) if base else None
            files = sorted(path.glob("*.xlf")) if path and path.is_dir() else []
            if not files:  # the test itself skips, naming what is missing
                cases.append(pytest.param(version, folder, None, id=f"{version}/{folder}/absent"))
            for file in files:
                defect = UPSTREAM_DEFECTS.get((version, folder, file.name))
                marks = [pytest.mark.xfail(strict=True, reason=defect)] if defect else []
                cases.append(pytest.param(version, folder, file.name, marks=marks,
                                          id=f"{version}/{folder}/{file.name}"))
    return cases


@pytest.fixture
def official_schemas() -> None:
    """The shipped schemas: always there; named where a test depends on them."""


@pytest.fixture
def no_schemas(monkeypatch) -> None:
    """Tandem's own rules alone, so a rule's test shows that rule's findings only."""
    monkeypatch.setattr(schemas, "xsd_problems", lambda root, kind: [])


def registered_prefixes(folder: Path) -> list[str]:
    """Extension fragment prefixes a suite folder registers (extra-prefixes.properties: ns=prefix)."""
    listing = folder / "extra-prefixes.properties"
    if not listing.exists():
        return []
    return [line.split("=", 1)[1].strip() for line in listing.read_text().splitlines() if "=" in line]


def validate_file(path: Path) -> tuple[list[Problem], list[str]]:
    root = parse_xml(path.read_bytes(), path.name, "XLIFF")
    return validate_xliff2(root, extension_prefixes=registered_prefixes(path.parent))


# --- the OASIS suites --------------------------------------------------------------------------

@pytest.mark.parametrize("version,folder,name", _suite_cases())
def test_suite_file(version, folder, name, official_schemas):
    path = require_corpora(*SUITES[version], folder, *([name] if name else []))
    problems, warnings = validate_file(path)
    assert warnings == []
    if folder.endswith("/valid"):
        assert problems == [], "\n".join(map(str, problems))
    else:
        assert name in RULE_OF, f"{name}: a new invalid file; add the rule it breaks to EXPECTED_RULES"
        assert RULE_OF[name] in {p.rule for p in problems}, "\n".join(map(str, problems)) or "accepted"
        assert all(p.line and p.element for p in problems if p.rule != "schema")


def test_suite_counts(official_schemas, capsys):
    report, expected = [], []
    for version, parts in SUITES.items():
        for folder in FOLDERS:
            base = require_corpora(*parts, folder)
            files = sorted(base.glob("*.xlf"))
            right = 0
            for path in files:
                try:
                    problems, _ = validate_file(path)
                except InputError:  # not well-formed: refused before validation
                    problems = [Problem("xml", "not well-formed", None, "")]
                right += (not problems) if folder.endswith("/valid") else bool(problems)
            word = "loaded" if folder.endswith("/valid") else "refused"
            report.append(f"XLIFF {version} {folder}: {word} {right}/{len(files)}")
            defects = sum(1 for v, f, _ in UPSTREAM_DEFECTS if (v, f) == (version, folder))
            expected.append(f"XLIFF {version} {folder}: {word} {len(files) - defects}/{len(files)}")
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert report == expected


def test_import_takes_every_valid_suite_file_but_the_empty_one_and_refuses_every_invalid_one():
    """The verdict import acts on (reader.judge_xliff) against the suites, as validate_xliff2 above:
    a valid file is refused only when it holds no unit (almostEmpty.xlf: nothing to import)."""
    from workflow.interchange.reader import judge_xliff

    for version, parts in SUITES.items():
        for folder in FOLDERS:
            for path in sorted(require_corpora(*parts, folder).glob("*.xlf")):
                if (version, folder, path.name) in UPSTREAM_DEFECTS:
                    continue
                rules = {p.rule for p in judge_xliff(path.read_bytes(), path.name).errors}
                if folder.endswith("/invalid"):
                    assert rules, path
                else:
                    assert rules == ({"no-units"} if path.name == "almostEmpty.xlf" else set()), (path, rules)


# --- the official schemas are used -------------------------------------------------------------

DOC = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:{core}" version="{version}" srcLang="ko" trgLang="en">
 <file id="f1">
  <unit id="u1">{unit_extra}
   <segment id="s1">
    <source>북한은 <ph id="1"/>발표했다.</source>
    <target>North Korea <ph id="1"/>announced.</target>{extra}
   </segment>
  </unit>
 </file>
</xliff>"""


def check(core: str = "2.0", version: str = "2.0", extra: str = "", unit_extra: str = "",
          **kw) -> tuple[list[Problem], list[str]]:
    text = DOC.format(core=core, version=version, extra=extra, unit_extra=unit_extra)
    return validate_xliff2(parse_xml(text.encode(), "doc.xlf", "XLIFF"), **kw)


def test_a_structural_break_is_refused_by_the_schema(official_schemas):
    assert check() == ([], [])
    problems, warnings = check(extra="<note>misplaced</note>")
    assert warnings == []
    assert [(p.rule, p.element, p.line) for p in problems] == [("schema", "note", 7)]
    assert str(problems[0]).startswith("line 7, <note>: ")


def test_a_broken_install_refuses_rather_than_judging_without_the_schema(tmp_path, monkeypatch):
    monkeypatch.setattr(schemas, "SHIPPED", tmp_path)  # an installation that lost its schemas
    problems, warnings = check(extra="<note>misplaced</note>")
    assert [p.rule for p in problems] == ["schema-unavailable"]
    assert "xliff_core_2.0.xsd was not found" in problems[0].message and "reinstall" in problems[0].message


def test_the_shipped_schemas_and_their_notices_are_in_the_package():
    names = {p.relative_to(schemas.SHIPPED).as_posix() for p in schemas.SHIPPED.rglob("*") if p.is_file()}
    for name in ("NOTICE", "xliff-1.2/xliff-core-1.2-strict.xsd", "xliff-1.2/xliff-core-1.2-transitional.xsd",
                 "xliff-1.2/xml.xsd", "xliff-2.0/xliff_core_2.0.xsd", "xliff-2.2/xliff_core_2.2.xsd",
                 "xliff-2.0/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd", "xliff-2.0/LICENSE_upstream.md",
                 "xliff-2.2/LICENSE_upstream.md", "xliff-2.2/plural_gender_select.xsd"):
        assert name in names, name
    notice = (schemas.SHIPPED / "NOTICE").read_text()
    assert "OASIS Open" in notice and "W3C" in notice and "byte-for-byte" in notice


def test_xliff_22_uses_its_own_core_schema(official_schemas):
    assert check(core="2.2", version="2.2") == ([], [])
    problems, _ = check(core="2.2", version="2.3")
    assert [(p.rule, p.element) for p in problems] == [("schema", "xliff")]
    assert "'2.3'" in problems[0].message


def test_module_elements_are_validated_by_their_schema(official_schemas):
    matches = ('<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0">{}</mtc:matches>')
    match = '<mtc:match ref="#s1"><source>북한</source><target>North Korea</target></mtc:match>'
    # A declared module element, where the core allows extensions: validated, not just let through.
    assert check(unit_extra=matches.format(match)) == ([], [])
    problems, _ = check(unit_extra=matches.format(match.replace("<target>North Korea</target>", "")))
    assert [(p.rule, p.element) for p in problems] == [("schema", "match")]
    assert "Expected is ( target )" in problems[0].message
    # Where the core takes any extension, the XSD lets an undeclared name through (lax); a name
    # the module's schema does not declare is still refused.
    problems, _ = check(unit_extra='<mtc:bogus xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"/>')
    assert [(p.rule, p.element) for p in problems] == [("schema", "bogus")]
    assert check(unit_extra='<my:any xmlns:my="urn:example"/>') == ([], [])


def test_schema_sets_are_compiled_once_and_xliff_12_is_found_too(official_schemas):
    assert schemas.schema_for("xliff-2.0") is schemas.schema_for("xliff-2.0")
    assert schemas.schema_for("xliff-1.2-strict") is not None
    assert schemas.schema_for("xliff-1.2-transitional") is not None


def test_package_data_takes_every_shipped_schema_file_into_a_wheel():
    import glob
    import tomllib

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["workflow.interchange"]
    package = schemas.SHIPPED.parent
    packaged = {Path(p) for pattern in patterns for p in glob.glob(str(package / pattern), recursive=True)}
    assert {p for p in schemas.SHIPPED.rglob("*") if p.is_file()} == packaged


def unpacked(tmp_path, monkeypatch, *names: str):
    """A schema folder holding links to only these shipped files, in their places, as SHIPPED."""
    for name in names:
        link = tmp_path / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(schemas.SHIPPED / name)
    monkeypatch.setattr(schemas, "SHIPPED", tmp_path)


def test_a_core_that_needs_a_missing_file_is_refused_not_fetched(tmp_path, monkeypatch):
    # The 2.2 core imports xml.xsd from w3.org; without a local copy it is refused, never fetched.
    unpacked(tmp_path, monkeypatch, *(f"xliff-2.2/{p.name}" for p in (schemas.SHIPPED / "xliff-2.2").glob("*.xsd")))
    problems, warnings = check(core="2.2", version="2.2", extra="<note>misplaced</note>")
    assert [p.rule for p in problems] == ["schema-unavailable"]
    assert "xml.xsd" in problems[0].message and "was not found" in problems[0].message


def test_xml_xsd_is_answered_from_the_package_whatever_url_imports_it():
    # xliff_core_2.2.xsd and the 1.2 cores name http://www.w3.org/2001/xml.xsd; the parser may not
    # fetch (no_network) and the resolver answers from the shipped copy.
    assert schemas.schema_for("xliff-2.2") is not None and schemas.schema_for("xliff-1.2-strict") is not None
    assert check(core="2.2", version="2.2", extra='<note xml:lang="ko">x</note>')[0] != []  # misplaced, not lang


def test_a_module_without_its_schema_is_named_in_a_warning(tmp_path, monkeypatch):
    unpacked(tmp_path, monkeypatch, "xliff-2.0/xliff_core_2.0.xsd",
             "xliff-2.0/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd")
    assert check() == ([], [])
    problems, warnings = check(unit_extra='<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"/>')
    assert problems == []
    assert len(warnings) == 1 and "urn:oasis:names:tc:xliff:matches:2.0" in warnings[0]


MODULE = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m">
 <xs:import namespace="urn:core" schemaLocation="{core}"/></xs:schema>"""


def test_locator_reads_the_folders_in_order_and_matches_modules_to_their_core(tmp_path, monkeypatch):
    old, new = tmp_path / "xliff-2.0", tmp_path / "xliff-2.2" / "deep"
    for folder, core in ((old, "xliff_core_2.0.xsd"), (new, "xliff_core_2.2.xsd")):
        folder.mkdir(parents=True)
        (folder / core).write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>')
        (folder / "matches.xsd").write_text(MODULE.format(core=core))
    monkeypatch.setattr(schemas, "SHIPPED", tmp_path)
    assert schemas.schema_dirs() == [old, tmp_path / "xliff-2.2"]
    assert schemas.find_schema("matches.xsd") == old / "matches.xsd"
    assert schemas.find_schema("xliff_core_2.2.xsd") == new / "xliff_core_2.2.xsd"
    assert schemas.find_schema("nothing.xsd") is None
    assert schemas._choose("matches.xsd", new / "xliff_core_2.2.xsd") == new / "matches.xsd"
    assert schemas._choose("matches.xsd", old / "xliff_core_2.0.xsd") == old / "matches.xsd"


# --- Tandem's own rules, on documents written here ---------------------------------------------

def rules(core_body: str, *, trg: str = ' trgLang="en"', **kw) -> list[tuple[str, str, int]]:
    text = (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko"{trg}>\n'
            f'{core_body}\n</xliff>')
    problems, _ = validate_xliff2(parse_xml(text.encode(), "doc.xlf", "XLIFF"), **kw)
    return [(p.rule, p.element, p.line) for p in problems]


def unit(body: str, extra: str = "") -> str:
    return f'<file id="f1">{extra}<unit id="u1">\n{body}\n</unit></file>'


def test_sc_ec_pair_across_segments_but_never_backwards(no_schemas):
    good = unit('<segment><source><sc id="1" canCopy="no"/>A</source></segment>\n'
                '<segment><source>B<ec startRef="1" canCopy="no"/></source></segment>')
    assert rules(good) == []
    backwards = unit('<segment><source><ec startRef="1"/>A</source></segment>\n'
                     '<segment><source><sc id="1"/>B</source></segment>')
    assert rules(backwards) == [("ec-start-ref", "ec", 3), ("sc-isolated", "sc", 4)]
    mismatch = good.replace('<ec startRef="1" canCopy="no"/>', '<ec startRef="1"/>')
    assert rules(mismatch) == [("sc-ec-attributes", "ec", 4)]


def test_a_partial_target_may_hold_an_unclosed_sc(no_schemas):
    body = unit('<segment><source><sc id="1"/>A</source><target><sc id="1"/>a</target></segment>\n'
                '<segment><source>B<ec startRef="1"/></source></segment>')
    assert rules(body) == []
    both = body.replace('<ec startRef="1"/></source>', '<ec startRef="1"/></source><target>b</target>')
    assert rules(both) == [("sc-isolated", "sc", 3)]


def test_target_languages_and_order(no_schemas):
    assert rules(unit('<segment><source>가</source><target>a</target></segment>'), trg="") == [
        ("trg-lang-required", "target", 3)]
    inherited = unit('<segment><source>가</source><target>a</target></segment>').replace(
        '<unit id="u1">', '<unit id="u1" xml:lang="ja">')
    assert {r[0] for r in rules(inherited)} == {"source-lang", "target-lang"}
    assert rules(unit('<segment><source>가</source><target xml:lang="EN">a</target></segment>')) == []
    swapped = unit('<segment><source>가</source><target order="2">a</target></segment>\n'
                   '<segment><source>나</source><target order="1">b</target></segment>')
    assert rules(swapped) == []
    clash = swapped.replace('order="1"', "")
    assert rules(clash) == [("target-order", "target", 4)]


def test_segment_state_and_sub_state(no_schemas):
    segment = '<segment {a}><source>가</source>{t}</segment>'
    assert rules(unit(segment.format(a='state="final" subState="desk:checked"', t="<target>a</target>"))) == []
    assert rules(unit(segment.format(a='state="translated"', t=""))) == [("state-target", "segment", 3)]
    assert rules(unit(segment.format(a='subState="desk:checked"', t=""))) == [("sub-state", "segment", 3)]
    assert rules(unit(segment.format(a='state="initial" subState="checked"', t=""))) == [
        ("sub-state", "segment", 3)]


def test_codes_that_cannot_be_deleted_or_reordered(no_schemas):
    fixed = 'canReorder="{r}" canCopy="no" canDelete="no"'
    source = (f'<source><ph id="1" {fixed.format(r="firstNo")}/><ph id="2" {fixed.format(r="no")}/>'
              '<ph id="3"/></source>')
    kept = unit(f'<segment>{source}<target><ph id="3"/><ph id="1"/><ph id="2"/></target></segment>')
    assert rules(kept) == []
    split = unit(f'<segment>{source}<target><ph id="1"/><ph id="3"/><ph id="2"/></target></segment>')
    assert rules(split) == [("can-reorder", "target", 3)]
    dropped = unit(f'<segment>{source}<target><ph id="1"/><ph id="3"/></target></segment>')
    assert ("can-delete", "ph", 3) in rules(dropped)
    no_start = unit(f'<segment><source><ph id="2" {fixed.format(r="no")}/></source></segment>')
    assert rules(no_start) == [("can-reorder", "ph", 3)]


def test_comment_annotations_point_to_a_note_of_their_unit(no_schemas):
    notes = '<notes><note id="n1">check</note></notes>'
    body = '<segment><source><mrk id="m1" type="comment" ref="{ref}">가</mrk></source></segment>'
    assert rules(unit(notes + body.format(ref="#n=n1"))) == []
    assert rules(unit(notes + body.format(ref="#/f=f1/u=u1/n=n1"))) == []
    file_note = unit(body.format(ref="#f=f1/n=n1"), extra=notes)
    assert rules(file_note) == [("comment-annotation", "mrk", 3)]
    assert rules(unit(notes + body.format(ref="#m1"))) == [("comment-annotation", "mrk", 3)]


def test_ids_are_unique_in_their_own_scope(no_schemas):
    ext = '<my:e xmlns:my="urn:example" id="x"/>'
    per_scope = f'<file id="f1">{ext}<unit id="u1">{ext}<segment><source>가</source></segment></unit></file>'
    assert rules(per_scope) == []
    twice = per_scope.replace('id="u1">', f'id="u1">{ext}')
    assert [r[0] for r in rules(twice)] == ["extension-id-unique"]
    inline = unit('<segment id="s1"><source><ph id="s1"/></source></segment>')
    assert [r[0] for r in rules(inline)] == ["inline-id-unique"]


def test_cp_is_only_for_characters_xml_cannot_hold(no_schemas):
    assert rules(unit('<segment><source>Ctrl+C=<cp hex="0003"/></source></segment>')) == []
    assert rules(unit('<segment><source><cp hex="AC00"/></source></segment>')) == [("cp-hex", "cp", 3)]


def test_module_rules(no_schemas):
    slr = 'xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0"'
    sizes = unit(f'<segment><source><pc id="1" {slr} slr:sizeRestriction="{{v}}">가</pc></source></segment>')
    for good in ("*", "25", "25,100", "35,*"):
        assert rules(sizes.format(v=good)) == [], good
    assert rules(sizes.format(v="ninety")) == [("slr-restriction", "pc", 3)]
    val = 'xmlns:val="urn:oasis:names:tc:xliff:validation:2.0"'
    rule = f'<val:validation {val}><val:rule {{a}}/></val:validation>'
    seg = '<segment><source>가</source></segment>'
    assert rules(unit(rule.format(a='isPresent="x"') + seg)) == []
    assert [r[0] for r in rules(unit(rule.format(a='isPresent="x" endsWith="y"') + seg))] == ["val-rule"]
    gls = ('<gls:glossary xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"><gls:glossEntry>'
           '<gls:term>북한</gls:term></gls:glossEntry></gls:glossary>')
    assert [r[0] for r in rules(unit(gls + seg))] == ["gls-entry"]


@pytest.mark.parametrize("ref,why", [
    ("#m1", ""), ("#n=n1", ""), ("#t=m2", ""), ("#/f=f1/u=u1/n=n1", ""), ("#f=f1/res=r1", ""),
    ("#f=f1/tbx=t1", "registered extension"), ("#/u=u1/f=f1", "order"), ("#u=a/u=b/n=n1", "repeats"),
    ("#a/b", "more than one"), ("#f=f1/d=d1/u=1", "after the element selector"),
    ("#z=1", "too short"), ("#r$d=1", "NMTOKEN"), ("#/u=u1/n=n1", "absolute"), ("#", "selects nothing"),
])
def test_fragment_identifier_syntax(ref, why):
    frag, reason = parse_fragid(ref, frozenset())
    assert (frag is None) == bool(why) and why in reason
    assert parse_fragid("#f=f1/tbx=t1", frozenset({"tbx"}))[0] is not None


def test_extension_prefixes_are_known_by_default_or_when_registered(no_schemas):
    body = unit('<segment><source><mrk id="m1" type="term" ref="#f=f1/{p}=x1">가</mrk></source></segment>')
    assert rules(body.format(p="tbx")) == []
    assert rules(body.format(p="my")) == [("fragment-id", "mrk", 3)]
    assert rules(body.format(p="my"), extension_prefixes=["my"]) == []


def test_not_xliff_2_is_named_as_such(no_schemas):
    root = parse_xml(b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', "a.xlf", "XLIFF")
    problems, _ = validate_xliff2(root)
    assert [p.rule for p in problems] == ["not-xliff2"] and "document:1.2" in problems[0].message


def test_problem_reads_as_one_line():
    assert str(Problem("unit-id-unique", "unit id '1' is used twice", 12, "unit")) == \
        "line 12, <unit>: unit id '1' is used twice"
    assert str(Problem("schema", "no file", None, "")) == "no file"


def test_its_annotations(no_schemas):
    its = 'xmlns:its="http://www.w3.org/2005/11/its"'
    body = (f'<file id="f1" {its} its:version="2.0"><unit id="u1"><segment><source>'
            '<mrk id="m1" {a}>평양</mrk></source></segment></unit></file>')
    assert rules(body.format(a='its:taClassRef="http://example.org/Place"')) == []
    assert rules(body.format(a='type="term" its:taClassRef="x"')) == [("its-type", "mrk", 2)]
    assert rules(body.format(a='its:taIdentRef="x" its:taSource="y" its:taIdent="z"')) == [
        ("its-exclusive", "mrk", 2)]
    assert rules(body.format(a='its:locQualityRatingScoreThreshold="90"')) == [("its-threshold", "mrk", 2)]
    unversioned = body.replace(' its:version="2.0"', "").format(a='its:taClassRef="x"')
    assert rules(unversioned) == [("its-version", "mrk", 2)]
