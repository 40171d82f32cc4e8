"""XLIFF 1.2 (and 1.0/1.1) files from real tools read into Tandem's model, or refused with the
reason; and Tandem's 1.2 files written back with every inline code as it was."""

from __future__ import annotations

import pytest
from lxml import etree

from corpora import require_corpora
from workflow.errors import InputError
from workflow.interchange.inline import NS12
from workflow.interchange.reader import read_bilingual
from workflow.interchange.xliff12 import write_xliff12
from workflow.interchange.xmlsafe import parse_xml
from workflow.models import SegmentKind, SegmentState

SAMPLES = ("xliff12-samples",)


def sample(*parts: str) -> tuple[bytes, str]:
    path = require_corpora(*SAMPLES, *parts)
    return path.read_bytes(), path.name


def read(*parts: str):
    data, name = sample(*parts)
    return read_bilingual(data, name)


# ---- real files that load ----------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["strict", "transitional"])
def test_the_sap_almost_everything_samples_load_with_codes_notes_states_and_segments(variant):
    doc = read("sap", f"Sample_AlmostEverything_1.2_{variant}.xlf")
    assert (doc.format, doc.version, doc.source_lang, doc.warnings) == ("xliff12", "1.2", "en-us", [])
    # two <file>s joined; <seg-source> splits a trans-unit into one unit per segment; the trans-units
    # inside the two <bin-unit>s count too (issue 16: they were dropped)
    assert len(doc.units) == (18 if variant == "strict" else 19)
    units = {u.id: u for u in doc.units}
    first = units["_1_ski_041"]
    assert (first.state, first.file_state) == (SegmentState.DRAFT, "needs-translation")
    assert [(n.text, n.author) for n in first.notes] == [("String", "String")] * 2
    assert first.author == "String"  # the target's phase-name names a <phase> with a contact-name
    kinds = [c.xml.split(" ", 1)[0].lstrip("<") for c in first.codes if c.kind != "close"]
    assert kinds[:9] == ["g", "bpt", "ept", "ph", "it", "mrk", "x", "bx", "ex"]
    assert first.source.startswith("Text ⟦1⟧text⟦/1⟧TEXT⟦2/⟧")
    assert units["_1_ski_374"].target == "Niemiecki skrót v. OT oznacza górną pozycję silnika."
    assert units["_1_ski_383"].state == SegmentState.EMPTY  # <target/>
    assert (units["_1_ski_410#1"].source, units["_1_ski_410#2"].target) == (
        "First sentence.", "Translated second  sentence.")
    protected = units["_1_ski_2203"]
    # mrk has no id: the target's markers take the source's tokens by order and markup
    assert protected.source.split("⟦/1⟧")[0].endswith("XLIFF\n               ")
    assert protected.target.count("⟦1⟧") == 1 and "⟦3⟧" not in protected.target


def test_translate_toolkit_states_map_and_unknown_ones_are_named():
    doc = read("translate-toolkit", "cli__data__test_pocount_xliff_states_yes__states.xlf")
    assert doc.version == "1.1" and len(doc.units) == 8
    assert {u.id: u.state for u in doc.units} == {
        "1": SegmentState.APPROVED,  # no state, approved="yes"
        "2": SegmentState.DRAFT, "3": SegmentState.DRAFT, "4": SegmentState.DRAFT, "5": SegmentState.DRAFT,
        "6": SegmentState.APPROVED, "7": SegmentState.TRANSLATED, "8": SegmentState.DRAFT}
    assert doc.units[5].target == "Six" and doc.units[1].file_state == "needs-work"
    assert any("'fake' is not an XLIFF 1.2 state" in w for w in doc.warnings)
    plain = read("translate-toolkit", "cli__data__test_pocount_xliff_states_no__states.xlf")
    assert plain.units[0].state == SegmentState.DRAFT  # no approved="yes": a draft


def test_odf2xliff_nested_g_codes_become_nested_tokens():
    doc = read("translate-toolkit", "odf_xliff__test_2-test_odf2xliff-reference.xlf")
    assert len(doc.units) == 10 and doc.source_lang == "en" and doc.target_lang is None
    assert doc.units[0].source == "This ⟦1⟧is a⟦/1⟧ test⟦2/⟧, hooray."
    assert all(u.state == SegmentState.EMPTY for u in doc.units)
    inline = read("translate-toolkit", "odf_xliff__test_inline-test_odf2xliff_inline-reference.xlf")
    assert "⟦1⟧\n                    ⟦2⟧ el trabajo" in inline.units[0].source


def test_omegat_files_with_ids_load_and_keep_their_states():
    doc = read("omegat", "xliff", "filters3", "file-xliff-RFE1506-translated-expectation.xliff")
    assert [(u.id, u.target, u.state) for u in doc.units] == [
        ("5078", "1.0.1", SegmentState.DRAFT), ("5086", "bar", SegmentState.APPROVED),
        ("5088", "組織", SegmentState.REJECTED), ("5090", "作成", SegmentState.TRANSLATED),
        ("5128", "絵文字", SegmentState.APPROVED)]
    assert doc.units[1].file_state == "final"
    okapi = read("omegat", "xliff", "filters3", "file-xliff-BUGS1221.xlf")
    assert len(okapi.units) == 7  # three <file>s; one-segment <seg-source> read as the unit itself
    assert (okapi.units[0].source, okapi.units[0].target) == ("ENTWURF", "DRAFT")
    notes = read("omegat", "xliff", "filters4-xliff1", "en-xx.xlf")
    assert notes.units[4].target == "Satisfait?" and notes.units[4].notes[0].text.startswith("Adressed to male")
    several = read("omegat", "xliff", "filters4-xliff1", "file-XLIFFFilter1-multiple-file-tag.xlf")
    assert [u.id for u in several.units] == ["id1", "id2"]


# ---- files that are refused --------------------------------------------------------------------


FILTERS3_WITHOUT_IDS = ["file-XLIFFFilter-SMP.xlf", "file-XLIFFFilter-properties.xlf", "file-XLIFFFilter-statcount.xlf",
                        "file-XLIFFFilter-tags-optimization.xlf", "file-XLIFFFilter-tags.xlf", "file-XLIFFFilter.xlf"]


@pytest.mark.parametrize("name", FILTERS3_WITHOUT_IDS)
def test_trans_units_without_an_id_are_refused_naming_the_line(name):
    data, source = sample("omegat", "xliff", "filters3", name)
    with pytest.raises(InputError) as caught:
        read_bilingual(data, source)
    assert caught.value.source == name
    assert "<trans-unit>: has no id" in caught.value.problem
    assert caught.value.problem.startswith("line ")


def test_a_file_that_is_not_well_formed_is_refused():
    data, source = sample("omegat", "xliff", "filters3", "file-XLIFFFilter-invalid-content.xlf")
    with pytest.raises(InputError, match="not well-formed XML") as caught:
        read_bilingual(data, source)
    assert "line 7" in caught.value.problem


def test_a_schema_violation_is_refused_with_the_schema_message():
    data, source = sample("omegat", "xliff", "filters4-xliff1", "en-ca.xlf")
    with pytest.raises(InputError, match=r"line 17, <trans-unit>: .*Duplicate key-sequence \['3'\]"):
        read_bilingual(data, source)


def _xliff(body: str, version: str = "1.2", ns: str = NS12) -> bytes:
    return (f'<?xml version="1.0"?><xliff xmlns="{ns}" version="{version}">\n'
            f'<file original="a.txt" source-language="ko" datatype="plaintext">\n<body>\n{body}\n</body></file></xliff>'
            ).encode()


def test_duplicate_ids_are_refused_in_xliff_11_which_has_no_schema():
    data = _xliff('<trans-unit id="a"><source>하나</source></trans-unit>\n'
                  '<trans-unit id="a"><source>둘</source></trans-unit>', "1.1", "urn:oasis:names:tc:xliff:document:1.1")
    with pytest.raises(InputError) as caught:
        read_bilingual(data, "dup.xlf")
    assert caught.value.problem == ("line 5, <trans-unit>: id 'a' is used again (first on line 4); "
                                    "ids must be unique within a <file>")


def test_a_12_file_is_judged_by_the_shipped_schema_wherever_it_runs(monkeypatch):
    monkeypatch.setenv("TANDEM_SCHEMAS", "/nowhere")  # no longer read: the verdict is the package's
    doc = read_bilingual(_xliff('<trans-unit id="a"><source>하나</source><target state="final">One</target>'
                                '</trans-unit>'), "plain.xlf")
    assert doc.units[0].state == SegmentState.APPROVED and doc.warnings == []
    with pytest.raises(InputError, match="line 4, <trans-unit>: Element 'trans-unit': The attribute 'id' is required"):
        read_bilingual(_xliff('<trans-unit><source>하나</source></trans-unit>'), "noid.xlf")


def test_other_xml_and_unknown_versions_are_refused():
    with pytest.raises(InputError, match="not an XLIFF file: the root element is <tmx>"):
        read_bilingual(b"<tmx version='1.4'/>", "memory.tmx")
    with pytest.raises(InputError, match="XLIFF of an unknown version"):
        read_bilingual(b"<xliff xmlns='urn:example' version='9'/>", "odd.xlf")


def test_text_is_nfc_normalized_as_it_enters():
    decomposed = "\u1112\u1161\u11ab\u1100\u116e\u11a8"  # 한국 as conjoining jamo
    doc = read_bilingual(_xliff(f'<trans-unit id="a"><source>{decomposed}</source>'
                                f'<note from="{decomposed}">{decomposed}</note></trans-unit>'), "nfd.xlf")
    assert doc.units[0].source == "한국" and doc.units[0].notes[0].author == "한국"


# ---- writing -----------------------------------------------------------------------------------


def _content(el: etree._Element) -> list[str]:
    """An element's content as text and canonical child markup, whatever the surrounding file."""
    parts = [el.text or ""]
    for child in el:
        parts.append(etree.tostring(child, method="c14n", exclusive=True, with_tail=False).decode())
        parts.append(child.tail or "")
    return parts


def test_every_inline_code_of_a_real_file_is_written_back_exactly():
    data, name = sample("sap", "Sample_AlmostEverything_1.2_strict.xlf")
    written = write_xliff12(read_bilingual(data, name))
    original, ours = parse_xml(data, name, "XLIFF"), parse_xml(written, "ours", "XLIFF")
    path = f"{{{NS12}}}body//{{{NS12}}}trans-unit[@id='_1_ski_041']"
    for part in ("source", "target"):
        before = original.find(f"{{{NS12}}}file/{path}/{{{NS12}}}{part}")
        after = ours.find(f"{{{NS12}}}file/{path}/{{{NS12}}}{part}")
        assert _content(after) == _content(before)


def test_segmented_units_are_written_back_with_their_seg_source():
    data, name = sample("sap", "Sample_AlmostEverything_1.2_strict.xlf")
    doc = read_bilingual(data, name)
    back = read_bilingual(write_xliff12(doc), "again.xlf")
    pairs = [(u.id, u.source, u.target, u.state) for u in back.units]
    assert pairs == [(u.id, u.source, u.target, u.state) for u in doc.units]
    assert ("_1_ski_410#2", "Second  sentence.", "Translated second  sentence.", SegmentState.DRAFT) in pairs


def test_kinds_title_and_authors_travel_in_standard_1_2_places():
    from xliff_samples import tandem_doc

    written = write_xliff12(tandem_doc("xliff12"))
    root = parse_xml(written, "ours", "XLIFF")
    ns = {"x": NS12}
    assert root.xpath("//x:trans-unit[@id='t1']/@restype", namespaces=ns) == ["x-tandem-title"]
    assert root.xpath("//x:phase/@contact-name", namespaces=ns) == ["Robert Lee", "김민지"]
    assert root.xpath("//x:trans-unit[@id='p1']/x:target/@phase-name", namespaces=ns) == ["tandem-2"]
    assert root.xpath("//x:header/x:note[@from='tandem:title']/text()", namespaces=ns) == ["러시아 파견 북한 노동자 & <현장>"]
    assert root.xpath("//x:trans-unit[@id='p3']/x:target/@state", namespaces=ns) == ["needs-review-translation"]
    assert read_bilingual(written, "ours.xlf").units[0].kind == SegmentKind.TITLE


def test_a_legacy_korean_encoding_is_read_and_the_reading_reported():
    declared = _xliff('<trans-unit id="a"><source>똠방각하 한국</source></trans-unit>').replace(
        b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="euc-kr"?>')
    doc = read_bilingual(declared.decode().encode("cp949"), "legacy.xlf")
    assert doc.units[0].source == "똠방각하 한국"
    assert any("CP949" in w and "legacy.xlf" in w for w in doc.warnings)
