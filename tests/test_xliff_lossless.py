"""What Tandem does not edit, it gives back as it came (issue 16 §1): an XLIFF file imported and
exported to its own version differs from the original only in what Tandem changed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from workflow.errors import InputError
from workflow.interchange import store_io
from workflow.interchange.model import BilingualFile, Unit
from workflow.interchange.reader import read_bilingual
from workflow.interchange.structdiff import compare
from workflow.interchange.xliff12 import write_xliff12
from workflow.interchange.xliff2 import write_xliff2
from workflow.models import SegmentState

from corpora import require_corpora

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<!-- made by a tool -->
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:x="urn:example:tool">
  <file original="a.html" source-language="ko" target-language="en" datatype="html" x:job="J-7">
    <header>
      <skl><external-file href="a.html.skl"/></skl>
      <x:tool-info version="3"><x:setting name="segmenter">srx</x:setting></x:tool-info>
    </header>
    <body>
      <group id="g1" resname="intro">
        <context-group name="ctx"><context context-type="sourcefile">a.html</context></context-group>
        <trans-unit id="1" resname="headline" maxwidth="30" size-unit="char" x:origin="cms">
          <source>북한 노동자</source>
          <target state="translated">North Korean workers</target>
          <alt-trans match-quality="80"><source>북한 노동</source><target>North Korean labour</target></alt-trans>
          <note from="desk">keep it short</note>
        </trans-unit>
        <trans-unit id="2" translate="no"><source>KCNA</source></trans-unit>
      </group>
      <group id="g2" translate="no">
        <trans-unit id="3"><source>조선중앙통신</source></trans-unit>
      </group>
      <trans-unit id="4" maxwidth="200"><source><g id="1" ctype="bold">러시아</g>에서 일한다</source></trans-unit>
      <trans-unit id="5">
        <source>첫 문장. 둘째 문장.</source>
        <seg-source><mrk mtype="seg" mid="a">첫 문장.</mrk> <mrk mtype="seg" mid="b">둘째 문장.</mrk></seg-source>
        <target state="translated"><mrk mtype="seg" mid="a">First sentence.</mrk> <mrk mtype="seg" mid="b">Second.</mrk></target>
      </trans-unit>
      <trans-unit id="6">
        <source>원문, 그대로</source>
        <seg-source><mrk mtype="seg" mid="1">원문 그대로</mrk></seg-source>
      </trans-unit>
      <bin-unit id="b1" mime-type="image/png">
        <bin-source><external-file href="map.png"/></bin-source>
        <trans-unit id="7"><source>지도 설명</source></trans-unit>
      </bin-unit>
    </body>
  </file>
  <file original="b.html" source-language="ko" target-language="en" datatype="html">
    <body>
      <trans-unit id="1"><source>둘째 파일</source></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="en"
       xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0"
       xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0">
  <file id="f1" original="a.html">
    <skeleton href="a.html.skl"/>
    <slr:profiles generalProfile="xliff:codepoints" storageProfile="xliff:utf8"/>
    <mda:metadata><mda:metaGroup category="cms"><mda:meta type="job">J-7</mda:meta></mda:metaGroup></mda:metadata>
    <group id="g1" fs:fs="div">
      <unit id="u1" slr:sizeRestriction="40" fs:fs="h1">
        <mda:metadata><mda:metaGroup category="cms"><mda:meta type="field">headline</mda:meta></mda:metaGroup></mda:metadata>
        <segment id="s1" state="translated">
          <source>북한 노동자</source>
          <target>North Korean workers</target>
        </segment>
      </unit>
      <unit id="u2" translate="no">
        <segment id="s2"><source>KCNA</source></segment>
      </unit>
    </group>
    <unit id="u3">
      <notes><note category="desk">two sentences</note></notes>
      <segment id="s3" state="translated"><source>첫 문장.</source><target>First sentence.</target></segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment id="s4"><source>둘째 문장.</source><target>Second.</target></segment>
    </unit>
  </file>
</xliff>
"""


def _import(workspace, tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path, workspace.files.import_file(path, by="david").document


def _targets(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [etree.tostring(t, encoding="unicode", with_tail=False).split(">", 1)[1] for t in root.iter()
            if isinstance(t.tag, str) and etree.QName(t).localname == "target"]


def test_an_xliff_12_file_goes_back_as_it_came_but_for_the_target_edited(workspace, tmp_path):
    path, result = _import(workspace, tmp_path, "a.xlf", XLIFF12)
    document_id = result.document.id
    rows = workspace._store.segments.segments(document_id)
    assert [r.source_text for r in rows] == ["북한 노동자", "KCNA", "조선중앙통신", "⟦1⟧러시아⟦/1⟧에서 일한다",
                                                "첫 문장.", "둘째 문장.", "원문 그대로", "지도 설명", "둘째 파일"]
    assert [r.locked for r in rows] == [0, 1, 1, 0, 0, 0, 0, 0, 0]
    assert [r.max_length for r in rows] == [30, None, None, None, None, None, None, None, None]
    assert any("trans-unit 4" in w and "pixel" in w for w in result.warnings)

    _doc, untouched, _wrong = workspace.files.export_bilingual(document_id, "xliff12")
    assert compare(path.read_bytes(), untouched).total() == 0
    assert _targets(untouched) == _targets(path.read_bytes())

    workspace.editing.save(document_id, 6, "The second sentence.", by="david")
    _doc, data, _wrong = workspace.files.export_bilingual(document_id, "xliff12")
    diff = compare(path.read_bytes(), data)
    assert (diff.missing, diff.added) == ({}, {}), diff
    before, after = _targets(path.read_bytes()), _targets(data)
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [2]  # trans-unit 5's target only
    # the space between the segments stays; the edited segment's text and the trans-unit's state change
    assert 'First sentence.</mrk> <mrk mtype="seg" mid="b">The second sentence.</mrk>' in after[2]
    # a translator's edit makes a draft (1.2 has one state per trans-unit), credited to a phase
    assert '<target state="new" phase-name="tandem-1"><mrk mtype="seg" mid="a">' in data.decode()
    assert '<phase phase-name="tandem-1" process-name="translation" contact-name="david"/>' in data.decode()
    assert "<source>원문, 그대로</source>" in data.decode()  # the source stays the file's, not the seg-source's
    back = read_bilingual(data, "exported")
    assert [u.target for u in back.units][4:6] == ["First sentence.", "The second sentence."]


def test_an_xliff_2_file_goes_back_as_it_came_but_for_the_target_edited(workspace, tmp_path):
    path, result = _import(workspace, tmp_path, "a.xlf", XLIFF2)
    document_id = result.document.id
    rows = workspace._store.segments.segments(document_id)
    assert [(r.locked, r.max_length) for r in rows] == [(0, 40), (1, None), (0, None), (0, None)]
    _doc, untouched, _wrong = workspace.files.export_bilingual(document_id, "xliff2")
    assert compare(path.read_bytes(), untouched).total() == 0

    workspace.editing.save(document_id, 4, "The second sentence.", by="david")
    _doc, data, _wrong = workspace.files.export_bilingual(document_id, "xliff2")
    diff = compare(path.read_bytes(), data)
    assert (diff.missing, diff.added) == ({}, {}), diff
    text = data.decode()
    # segment ids, the skeleton, the modules, the locked unit: all as they came
    for kept in ('<segment id="s1" state="translated">', '<skeleton href="a.html.skl"/>', 'fs:fs="h1"',
                 '<mda:meta type="field">headline</mda:meta>', '<unit id="u2" translate="no">'):
        assert kept in text
    assert _targets(data)[:2] == _targets(path.read_bytes())[:2]
    assert _targets(data)[3] == "The second sentence.</target>"
    # Tandem's own metadata: the author of the edited segment, for that segment
    assert '<mda:meta type="author">david</mda:meta><mda:meta type="segment">s4</mda:meta>' in text
    back = read_bilingual(data, "exported")
    assert [u.target for u in back.units] == ["North Korean workers", None, "First sentence.", "The second sentence."]


@pytest.mark.parametrize("fmt", ["xliff12", "xliff2"])
def test_the_export_mark_travels_in_patched_and_generated_files_and_reads_back(workspace, tmp_path, fmt):
    path, result = _import(workspace, tmp_path, "a.xlf", XLIFF12 if fmt == "xliff12" else XLIFF2)
    doc = workspace.files.bilingual_file(result.document.id, fmt)
    doc.export_mark = "7:42"
    patched = store_io.write_file(doc)
    generated = store_io.write_file(replace(doc, skeleton=None))
    assert patched != generated
    for data in (patched, generated):
        back = read_bilingual(data, "exported")
        assert back.export_mark == "7:42"
        assert b"<!--" not in data.replace(b"<!-- made by a tool -->", b"")
    assert compare(path.read_bytes(), patched).total() == 0  # the id is Tandem's metadata, nothing else moves


def test_export_to_another_version_makes_a_valid_file_without_empty_file_ids_or_tokens_in_titles():
    units = [Unit("/abs/path.txt/u1", "⟦1⟧러시아⟦/1⟧ 노동자", None, SegmentState.EMPTY),
             Unit("/abs/path.txt/u2", "둘째", "Second", SegmentState.TRANSLATED)]
    doc = BilingualFile("xliff2", "2.1", "ko", "en", "a.txt", units, title="⟦1⟧러시아⟦/1⟧ 노동자")
    data = write_xliff2(doc)
    assert b'id=""' not in data and "⟦".encode() not in data.split(b"<unit")[0]
    read_bilingual(data, "generated")
    assert "⟦" not in write_xliff12(replace(doc, format="xliff12")).decode().split("<body>")[0]


def test_a_document_titled_from_its_first_words_has_no_tokens_in_its_title(workspace):
    units = [Unit("u1", "⟦1/⟧ ⟦2⟧러시아⟦/2⟧ 노동자", None, SegmentState.EMPTY)]
    stored = store_io.store_file(workspace._store, BilingualFile("xliff2", "2.1", "ko", "en", "a.txt", units),
                                 name="a.xlf", checksum="x", encoding="utf-8", tags=[], title=None, by="david")
    assert workspace.documents.get(stored.document_id).title == "러시아 노동자"


def test_every_corpora_xliff_file_goes_back_as_it_came(workspace):
    base = require_corpora()
    files = sorted(p for p in base.rglob("*") if p.suffix.lower() in (".xlf", ".xliff", ".sdlxliff", ".mqxliff"))
    compared = 0
    differing = []
    for path in files:
        try:
            result = workspace.files.import_file(path, by="david").document
        except InputError:  # refused files are the reader's business, counted by the benchmark
            continue
        record, _segments = workspace._store.interchange.interchange(result.document.id)
        _doc, data, _wrong = workspace.files.export_bilingual(result.document.id, record.format)
        compared += 1
        if compare(path.read_bytes(), data).total():
            differing.append(path.relative_to(base))
    assert compared > 50
    assert differing == []


@pytest.mark.parametrize("fmt", ["xliff12", "xliff2"])
def test_locked_units_and_length_limits_survive_export_to_another_version(workspace, tmp_path, fmt):
    """A 1.2 file exported as 2.1 and a 2.1 file as 1.2 (the generated writers) keep translate="no"
    and the limits in characters, and read back the same."""
    _path, result = _import(workspace, tmp_path, "a.xlf", XLIFF12 if fmt == "xliff2" else XLIFF2)
    _doc, data, _wrong = workspace.files.export_bilingual(result.document.id, fmt)
    back = read_bilingual(data, "exported")
    rows = workspace._store.segments.segments(result.document.id)
    assert [u.locked for u in back.units] == [bool(r.locked) for r in rows]
    assert [u.max_length for u in back.units] == [r.max_length for r in rows]


@pytest.mark.parametrize("fmt", ["xliff12", "xliff2"])
def test_approvals_rejections_and_new_comments_go_into_the_file_and_nothing_else_moves(workspace, tmp_path, fmt):
    path, result = _import(workspace, tmp_path, "a.xlf", XLIFF12 if fmt == "xliff12" else XLIFF2)
    document_id = result.document.id
    workspace.review.approve(document_id, 1, by="robert")
    workspace.comments.add(document_id, 1, "shorter, please", by="robert")
    last = len(workspace._store.segments.segments(document_id))
    workspace.editing.save(document_id, last, "The last one.", by="david")
    workspace.review.reject(document_id, last, comment="not this", by="robert")
    _doc, data, _wrong = workspace.files.export_bilingual(document_id, fmt)
    diff = compare(path.read_bytes(), data)
    # the notes added in Tandem are the only elements added outside targets
    assert diff.missing == {} and set(diff.added) <= {("note", "element"), ("note", "attribute"), ("note", "text"),
                                                      ("notes", "element")}, diff
    back = read_bilingual(data, "exported")
    assert back.units[0].state == SegmentState.APPROVED
    assert back.units[-1].state == SegmentState.REJECTED and back.units[-1].target == "The last one."
    texts = [n.text for u in back.units for n in u.notes]
    assert "shorter, please" in texts and "not this" in texts
    # imported notes are not written twice
    assert texts.count("keep it short" if fmt == "xliff12" else "two sentences") == 1


def test_tandem_import_then_export_on_the_command_line_gives_the_file_back(tandem, workspace, tmp_path):
    """The way people do it: `tandem import` keeps the file, `tandem export` patches it."""
    path = tmp_path / "agency.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    imported = tandem("import", str(path), user="david")
    assert imported.code == 0, imported.err
    doc = imported.out.splitlines()[0]
    out = tmp_path / "out.xlf"
    assert tandem("export", doc, "--format", "xliff12", "-o", str(out)).code == 0
    assert compare(path.read_bytes(), out.read_bytes()).total() == 0
