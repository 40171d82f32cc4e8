"""XLIFF 2.x files read into Tandem's model (segments, ignorables, states, notes, codes, metadata)
and Tandem's model written as XLIFF 2.x."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora import corpora_dir, require_corpora
from workflow.errors import InputError
from workflow.interchange.inline import NS12, NS20
from workflow.interchange.reader import read_bilingual
from workflow.interchange.xliff2 import NS_MDA, NS_TANDEM, read_xliff2, write_xliff2
from workflow.interchange.xliff2_rules import validate_xliff2
from workflow.interchange.xliff12 import write_xliff12
from workflow.interchange.xmlsafe import parse_xml
from workflow.models import SegmentKind, SegmentState
from xliff_samples import tandem_doc, use_official_schemas

SUITES = ("xliff20-oasis-testsuite", "xliff21-oasis-testsuite", "xliff22-oasis-testsuite")
NS = {"x": NS20, "mda": NS_MDA, "t": NS_TANDEM}


@pytest.fixture(autouse=True)
def schemas(monkeypatch):
    if corpora_dir() is not None:
        use_official_schemas(monkeypatch)


def suite_file(suite: str, *parts: str) -> Path:
    base = require_corpora(suite)
    tree = base / "test-suite" if (base / "test-suite").is_dir() else base
    return require_corpora(suite, *tree.relative_to(base).parts, *parts)


def read_suite(suite: str, *parts: str):
    path = suite_file(suite, *parts)
    return read_bilingual(path.read_bytes(), path.name)


def valid(data: bytes) -> list[str]:
    problems, _ = validate_xliff2(parse_xml(data, "written", "XLIFF"))
    return [str(p) for p in problems]


@pytest.mark.parametrize("suite", SUITES)
def test_every_valid_oasis_file_reads_into_a_model(suite):
    base = require_corpora(suite)
    files = sorted(p for p in base.rglob("*.xlf") if p.parent.name == "valid")
    assert len(files) >= 55
    read, unparsable = 0, []
    for path in files:
        try:
            root = parse_xml(path.read_bytes(), path.name, "XLIFF")
        except InputError as exc:
            unparsable.append(exc.problem)
            continue
        doc = read_xliff2(root, path.name)
        assert doc.format == "xliff2" and doc.version.startswith("2.")
        assert all(u.id and u.state in SegmentState for u in doc.units)
        read += 1
    # The 2.2 plural module sample uses the pgs: prefix without declaring it: not namespace-well-formed.
    assert all("Namespace prefix" in problem for problem in unparsable) and len(unparsable) <= 1
    assert read == len(files) - len(unparsable)


def test_segments_become_units_and_whitespace_ignorables_are_dropped():
    doc = read_suite("xliff21-oasis-testsuite", "core", "valid", "toJoin.xlf")
    assert [u.id for u in doc.units] == ["1#s1", "1#s2", "1#s3", "1#s4", "1#s5"]
    assert [u.source for u in doc.units] == ["⟦1/⟧Sentence 1.", "Sentence [  ] 2.⟦1/⟧ ", "Sentence 3. ",
                                             "Sentence 4.", "Sentence 5."]
    assert [u.state for u in doc.units] == [SegmentState.TRANSLATED, SegmentState.TRANSLATED,
                                            SegmentState.APPROVED, SegmentState.DRAFT, SegmentState.DRAFT]
    assert [u.file_state for u in doc.units] == ["translated", "translated", "final", None, None]
    # a pair split across segments is a standalone token in each, and comes back as the same pair
    written = write_xliff2(doc, "2.0")
    assert valid(written) == []
    root = parse_xml(written, "w", "XLIFF")
    assert root.xpath("//x:segment/@id", namespaces=NS) == ["s1", "s2", "s3", "s4", "s5"]
    assert root.xpath("//x:segment[@id='s2']/x:target/x:ec/@startRef", namespaces=NS) == ["1"]
    again = read_bilingual(written, "again.xlf").units
    assert [(u.id, u.source, u.target, u.state, u.codes) for u in again] == [
        (u.id, u.source, u.target, u.state, u.codes) for u in doc.units]
    assert [u.file_state for u in again] == ["translated", "translated", "final", "initial", "initial"]


def test_notes_original_data_and_several_files():
    doc = read_suite("xliff21-oasis-testsuite", "core", "valid", "everything-core.xlf")
    units = {u.id: u for u in doc.units}
    assert units["tu1#1"].target == "Exemple de segment." and units["tu1#2"].target == "Contenu du segment."
    coded = units["tu2"]
    assert coded.source == "⟦1⟧special text⟦/1⟧ and more\n⟦2/⟧."
    # the native codes from <originalData> are what the editor shows for each token
    assert [(c.token, c.label) for c in coded.codes] == [("⟦1⟧", "[b [#$tu3]   ]"), ("⟦/1⟧", "[/b [#t3end]   ]"),
                                                         ("⟦2/⟧", "[rtl-data   ]")]
    refs = read_suite("xliff21-oasis-testsuite", "core", "valid", "withReferences.xlf")
    ids = [u.id for u in refs.units]
    assert "f1/u1" in ids and "f2/u1" in ids and "2" in ids  # prefixed only where two files share an id
    written = write_xliff2(refs, "2.1")
    assert valid(written) == []
    assert parse_xml(written, "w", "XLIFF").xpath("//x:file/@id", namespaces=NS) == ["f1", "f2"]
    assert [u.id for u in read_bilingual(written, "again.xlf").units] == ids


def test_a_comment_pointing_to_a_note_carries_its_text_so_the_export_stays_valid():
    doc = read_suite("xliff21-oasis-testsuite", "core", "valid", "withCommentAnnotations.xlf")
    unit = doc.units[0]
    assert [n.text for n in unit.notes] == ["note"]
    assert any('value="note"' in c.xml for c in unit.codes)
    written = write_xliff2(doc, "2.0")
    assert valid(written) == []


def test_an_invalid_file_is_refused_with_line_element_and_rule():
    path = suite_file("xliff21-oasis-testsuite", "core", "invalid", "bad_CommentWithValueAndRef.xlf")
    with pytest.raises(InputError) as caught:
        read_bilingual(path.read_bytes(), path.name)
    assert caught.value.source == path.name
    assert caught.value.problem.startswith("line ") and "<mrk>" in caught.value.problem


def _xliff2(segments: str, extra: str = "") -> bytes:
    return (f'<xliff xmlns="{NS20}" xmlns:t="{NS_TANDEM}" version="2.1" srcLang="ko" trgLang="en">'
            f'<file id="f"><unit id="u">{extra}{segments}</unit></file></xliff>').encode()


def test_tandem_sub_states_and_the_files_own_state():
    data = _xliff2('<segment id="a" state="initial" subState="tandem:draft"><source>가</source><target>A</target></segment>'
                  '<segment id="b" state="initial" subState="tandem:rejected"><source>나</source><target>B</target></segment>'
                  '<segment id="c" state="reviewed"><source>다</source><target>C</target></segment>'
                  '<segment id="d" state="final" subState="tandem:draft"><source>라</source><target> </target></segment>')
    doc = read_bilingual(data, "states.xlf")
    assert [u.state for u in doc.units] == [SegmentState.DRAFT, SegmentState.REJECTED, SegmentState.APPROVED,
                                            SegmentState.EMPTY]
    root = parse_xml(write_xliff2(doc), "w", "XLIFF")
    assert root.xpath("//x:segment/@state", namespaces=NS) == ["initial", "initial", "reviewed", "initial"]
    assert root.xpath("//x:segment/@subState", namespaces=NS) == ["tandem:draft", "tandem:rejected"]


def test_ignorable_content_that_is_not_whitespace_joins_the_segment_before_it():
    data = _xliff2('<segment id="a"><source>첫 문장.</source><target>First.</target></segment>'
                  '<ignorable><source> [1]</source><target> [1]</target></ignorable>'
                  '<ignorable><source>  </source></ignorable>'
                  '<segment id="b"><source>둘째.</source></segment>')
    doc = read_bilingual(data, "ign.xlf")
    assert [(u.id, u.source, u.target) for u in doc.units] == [("u#a", "첫 문장. [1]", "First. [1]"),
                                                                ("u#b", "둘째.", None)]


def test_authors_titles_kinds_and_notes_use_modules_and_extension_attributes(monkeypatch):
    written = write_xliff2(tandem_doc("xliff2"))
    assert valid(written) == []
    root = parse_xml(written, "w", "XLIFF")
    assert root.xpath("//x:unit[@id='t1']/@type", namespaces=NS) == ["tandem:title"]
    assert root.xpath("//x:file/mda:metadata//mda:meta[@type='title']/text()", namespaces=NS) == [
        "러시아 파견 북한 노동자 & <현장>"]
    assert root.xpath("//x:unit[@id='p1']//mda:metaGroup[@appliesTo='target']/mda:meta[@type='author']/text()",
                      namespaces=NS) == ["김민지"]
    assert root.xpath("//x:unit[@id='p1']//x:note/@t:author", namespaces=NS) == ["민지", "Robert Lee"]
    assert root.xpath("//x:unit[@id='p1']//x:note[3]/@category", namespaces=NS) == ["style"]
    assert root.xpath("//x:unit[@id='p1']//x:data/text()", namespaces=NS) == ["<b>", "</b>", "{0}", '<a href="x?a=1&b=2">',
                                                                               "</a>"]
    assert root.xpath("//x:unit[@id='h1']/x:segment/x:target", namespaces=NS) == []  # empty: no target
    back = read_bilingual(written, "w.xlf")
    assert back.units[1].kind == SegmentKind.HEADING and back.units[5].kind == SegmentKind.CAPTION


def test_sm_em_annotations_become_a_token_pair_and_a_1_2_mrk():
    data = _xliff2('<segment id="a"><source>북한 <sm id="m" type="term"/>노동자<em startRef="m"/> 파견</source>'
                  '<target>North Korean <sm id="m" type="term"/>workers<em startRef="m"/> sent</target></segment>')
    doc = read_bilingual(data, "sm.xlf")
    assert doc.units[0].source == "북한 ⟦1⟧노동자⟦/1⟧ 파견"
    assert doc.units[0].target == "North Korean ⟦1⟧workers⟦/1⟧ sent"
    as12 = parse_xml(write_xliff12(doc), "w", "XLIFF")
    assert as12.xpath("//x:target/x:mrk[@mtype='term']/text()", namespaces={"x": NS12}) == ["workers"]
