"""An exported XLIFF file that comes back from an agency updates the document it was exported from:
its targets become revisions merged against what the file was given, never a second document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from workflow.errors import InputError, PermissionDenied
from workflow.models import SegmentState
from workflow.returns import ExportMark, ReturnedFile

from conftest import snapshot

FORMATS = ("xliff12", "xliff2")


def _export(ws, doc_id: int, fmt: str, path: Path) -> Path:
    _doc, data, _wrong = ws.files.export_bilingual(doc_id, fmt)
    path.write_bytes(data)
    return path


def _targets(root: etree._Element, fmt: str) -> dict[str, etree._Element]:
    """Each unit's target element by unit id, made where the export wrote none."""
    found = {}
    if fmt == "xliff12":
        for tu in root.iter("{*}trans-unit"):
            target = tu.find("{*}target")
            if target is None:
                target = etree.SubElement(tu, etree.QName(tu, "target"))
            found[tu.get("id")] = target
    else:
        for unit in root.iter("{*}unit"):
            segment = unit.find("{*}segment")
            target = segment.find("{*}target")
            if target is None:
                target = etree.SubElement(segment, etree.QName(segment, "target"))
            found[unit.get("id")] = target
    return found


def _agency(path: Path, fmt: str, edits: dict[int, str], *, korean: dict[int, str] | None = None) -> Path:
    """The file as an agency returns it: the English of the units at those positions rewritten."""
    root = etree.fromstring(path.read_bytes())
    targets = list(_targets(root, fmt).values())
    for position, text in edits.items():
        target = targets[position - 1]
        for child in list(target):
            target.remove(child)
        target.text = text
    for position, text in (korean or {}).items():
        source = targets[position - 1].getparent().find("{*}source")
        source.text = text
    out = path.with_name("returned-" + path.name)
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


def _english(ws, doc_id: int, position: int) -> str:
    return ws.documents.segments(doc_id)[position - 1].target or ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_returned_file_updates_its_document_and_says_what_changed(ws, sample_doc, tmp_path, fmt):
    exported = _export(ws, sample_doc.id, fmt, tmp_path / f"out.{fmt}.xlf")
    before = len(ws.documents.all())
    returned = _agency(exported, fmt, {2: "The agency's English for the second segment."})
    imported = ws.files.import_file(returned, by="david")
    result = imported.document
    assert isinstance(result, ReturnedFile)
    assert result.document.id == sample_doc.id and len(ws.documents.all()) == before  # no second document
    assert result.changed == (2,) and result.merged == () and result.conflicts == ()
    assert result.unchanged == len(ws.documents.segments(sample_doc.id)) - 1
    assert _english(ws, sample_doc.id, 2) == "The agency's English for the second segment."
    history = ws.documents.history(sample_doc.id, 2)
    assert history[-1].author == "david"
    entry = [e for e in ws.audit.log(sample_doc.id) if e["action"] == "document.return"][-1]
    assert entry["detail"]["changed"] == [2] and entry["user"] == "david"
    assert ExportMark.parse(entry["detail"]["mark"]).document_id == sample_doc.id
    assert "returned to document" in result.summary("returned.xlf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_change_made_here_since_the_export_merges_with_the_agencys(ws, sample_doc, tmp_path, fmt):
    exported = _export(ws, sample_doc.id, fmt, tmp_path / "out.xlf")
    given = _english(ws, sample_doc.id, 3)
    words = given.split()
    assert len(words) > 6, given
    # Here, the first word is changed after the file went out; the agency changes the last one.
    ws.editing.save(sample_doc.id, 3, " ".join(["Meanwhile,"] + words[1:]), by="david")
    agency = " ".join(words[:-1] + ["LAST."])
    result = ws.files.import_file(_agency(exported, fmt, {3: agency}), by="david").document
    assert result.merged == (3,) and result.conflicts == ()
    assert _english(ws, sample_doc.id, 3) == " ".join(["Meanwhile,"] + words[1:-1] + ["LAST."])


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_words_changed_on_both_sides_is_a_conflict_with_both_kept(ws, sample_doc, tmp_path, fmt):
    exported = _export(ws, sample_doc.id, fmt, tmp_path / "out.xlf")
    ws.editing.save(sample_doc.id, 3, "Our desk's own English.", by="david")
    result = ws.files.import_file(_agency(exported, fmt, {3: "The agency's English."}), by="david").document
    assert result.conflicts == (3,) and result.changed == ()
    conflict = ws.editing.conflict(sample_doc.id, 3)
    assert conflict is not None
    assert (conflict.theirs.text, conflict.mine.text) == ("Our desk's own English.", "The agency's English.")
    assert _english(ws, sample_doc.id, 3) == "Our desk's own English."  # nothing here was overwritten


def test_the_translator_the_file_names_is_credited_when_they_work_here(ws, sample_doc, tmp_path):
    exported = _export(ws, sample_doc.id, "xliff12", tmp_path / "out.xlf")
    returned = _agency(exported, "xliff12", {2: "Robert's English."})
    root = etree.fromstring(returned.read_bytes())
    tu = list(root.iter("{*}trans-unit"))[1]
    group = root.find("{*}file/{*}header/{*}phase-group")
    assert group is not None  # the export names its translators
    etree.SubElement(group, etree.QName(group, "phase"), {"phase-name": "agency", "process-name": "translation",
                                                          "contact-name": "robert"})
    tu.find("{*}target").set("phase-name", "agency")
    returned.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    ws.files.import_file(returned, by="david")
    assert ws.documents.history(sample_doc.id, 2)[-1].author == "robert"


def test_korean_changed_in_the_file_is_refused_and_nothing_is_written(ws, sample_doc, tmp_path, db_path):
    exported = _export(ws, sample_doc.id, "xliff2", tmp_path / "out.xlf")
    returned = _agency(exported, "xliff2", {2: "New English."}, korean={4: "다른 한국어 문장."})
    before = snapshot(db_path)
    with pytest.raises(InputError) as refused:
        ws.files.import_file(returned, by="david")
    assert "units whose Korean differs" in refused.value.problem and str(returned) in str(refused.value)
    assert snapshot(db_path) == before


def test_a_file_from_a_document_this_workspace_lacks_is_refused(ws, sample_doc, tmp_path, db_path):
    exported = _export(ws, sample_doc.id, "xliff12", tmp_path / "out.xlf")
    mark = str(ws.files.export_mark(sample_doc.id))
    data = exported.read_bytes()
    assert data.count(mark.encode()) == 1
    exported.write_bytes(data.replace(mark.encode(), b"99:" + mark.split(":")[1].encode()))
    before = snapshot(db_path)
    with pytest.raises(InputError, match="document 99, which this workspace does not hold"):
        ws.files.import_file(exported, by="david")
    assert snapshot(db_path) == before


def test_as_new_makes_a_new_document_of_an_exported_file(ws, sample_doc, tmp_path):
    exported = _export(ws, sample_doc.id, "xliff12", tmp_path / "out.xlf")
    result = ws.files.import_file(exported, by="david", as_new=True).document
    assert not isinstance(result, ReturnedFile) and result.document.id != sample_doc.id


def test_units_missing_from_the_file_are_named_and_left_alone(ws, sample_doc, tmp_path):
    exported = _export(ws, sample_doc.id, "xliff2", tmp_path / "out.xlf")
    root = etree.fromstring(exported.read_bytes())
    units = list(root.iter("{*}unit"))
    units[-1].getparent().remove(units[-1])
    exported.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    last = _english(ws, sample_doc.id, len(units))
    result = ws.files.import_file(exported, by="david").document
    assert result.missing == (units[-1].get("id"),)
    assert any("not in the file" in w and units[-1].get("id") in w for w in result.warnings)
    assert _english(ws, sample_doc.id, len(units)) == last


def test_a_unit_the_document_never_had_is_refused(ws, sample_doc, tmp_path, db_path):
    exported = _export(ws, sample_doc.id, "xliff2", tmp_path / "out.xlf")
    root = etree.fromstring(exported.read_bytes())
    list(root.iter("{*}unit"))[0].set("id", "stranger")
    exported.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    before = snapshot(db_path)
    with pytest.raises(InputError, match="units that are not document 1's: stranger"):
        ws.files.import_file(exported, by="david")
    assert snapshot(db_path) == before


def test_notes_the_agency_added_become_comments(ws, sample_doc, tmp_path):
    exported = _export(ws, sample_doc.id, "xliff12", tmp_path / "out.xlf")
    root = etree.fromstring(exported.read_bytes())
    tu = list(root.iter("{*}trans-unit"))[1]
    note = etree.SubElement(tu, etree.QName(tu, "note"))
    note.text = "Is 2016 right here?"
    exported.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    result = ws.files.import_file(exported, by="david").document
    assert result.comments == 1
    assert [c.text for c in ws.comments.all(sample_doc.id, 2)] == ["Is 2016 right here?"]
    # The same file again adds nothing: its note is already a comment, its English already current.
    again = ws.files.import_file(exported, by="david").document
    assert (again.comments, again.changed) == (0, ())


def test_an_importer_who_may_not_edit_english_is_refused_before_anything_is_written(ws, sample_doc, tmp_path,
                                                                                     db_path):
    exported = _export(ws, sample_doc.id, "xliff2", tmp_path / "out.xlf")
    returned = _agency(exported, "xliff2", {2: "Agency English.", 5: "More agency English."})
    # A file naming no one who works here: its English would be the importing admin's, who may not
    # write English; neither change is made.
    returned.write_bytes(re.sub(rb"<mda:metadata>.*?</mda:metadata>", b"", returned.read_bytes(), flags=re.S))
    before = snapshot(db_path)
    with pytest.raises(PermissionDenied):
        ws.files.import_file(returned, by="admin")
    assert snapshot(db_path) == before
    assert ws.files.import_file(returned, by="david").document.changed == (2, 5)


def test_an_unmarked_file_merges_into_the_document_named(ws, sample_doc, tmp_path):
    exported = _export(ws, sample_doc.id, "xliff12", tmp_path / "out.xlf")
    returned = _agency(exported, "xliff12", {2: "From a tool that dropped the mark."})
    mark = str(ws.files.export_mark(sample_doc.id)).encode()
    data = returned.read_bytes()
    returned.write_bytes(re.sub(rb"<note[^>]*>\s*" + mark + rb"\s*</note>", b"", data).replace(mark, b""))
    fresh = ws.files.import_file(returned, by="david", as_new=False).document
    assert not isinstance(fresh, ReturnedFile)  # no mark: an ordinary new document
    result = ws.files.import_file(returned, by="david", into=sample_doc.id).document
    assert isinstance(result, ReturnedFile) and result.changed == (2,)


def test_the_cli_imports_a_returned_file_and_prints_the_summary(tandem, ws, sample_doc, tmp_path):
    out = tmp_path / "out.xlf"
    assert tandem("export", str(sample_doc.id), "--format", "xliff12", "-o", str(out)).code == 0
    returned = _agency(out, "xliff12", {2: "From the agency."})
    run = tandem("import", str(returned), user="david")
    assert run.code == 0, run.err
    assert f"returned to document {sample_doc.id}: segments changed 1," in run.out
    assert "changed: segments 2" in run.out
    both = tandem("import", str(returned), "--into", "1", "--as-new", user="david")
    assert both.code == 2 and "not allowed with argument" in both.err


def test_the_export_mark_names_the_document_and_its_newest_revision(ws, sample_doc):
    mark = ws.files.export_mark(sample_doc.id)
    assert mark.document_id == sample_doc.id and mark.revision > 0
    ws.editing.save(sample_doc.id, 2, "A change.", by="david")
    assert ws.files.export_mark(sample_doc.id).revision > mark.revision
    assert ExportMark.parse(str(mark)) == mark and ExportMark.parse("twelve") is None
    assert ws.documents.segments(sample_doc.id)[1].state is SegmentState.DRAFT


SEGMENTED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="story.docx" source-language="ko" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="p1">
        <source>북한이 지시했다. 여비는 알아서 하라고 했다.</source>
        <seg-source><mrk mtype="seg" mid="1">북한이 지시했다.</mrk> <mrk mtype="seg" mid="2">여비는 알아서 하라고 했다.</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">North Korea ordered it.</mrk> <mrk mtype="seg" mid="2">Pay your own way, it said.</mrk></target>
      </trans-unit>
      <trans-unit id="p2">
        <source>환자들이 돌아온다.</source>
        <target>The sick are coming home.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _unmarked(exported: Path, english: str) -> Path:
    """The file as translate-toolkit writes it back: the first unit's English as one target, no <mrk>."""
    root = etree.fromstring(exported.read_bytes())
    target = next(root.iter("{*}trans-unit")).find("{*}target")
    for child in list(target):
        target.remove(child)
    target.text = english
    exported.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return exported


def test_english_written_outside_the_segment_markers_is_named_not_dropped_quietly(ws, tmp_path):
    """translate-toolkit writes a segmented unit's English as one target without <mrk> markers."""
    original = tmp_path / "story.xlf"
    original.write_text(SEGMENTED, encoding="utf-8")
    doc_id = ws.files.import_file(original, by="david").document.document.id
    exported = _export(ws, doc_id, "xliff12", tmp_path / "out.xlf")
    result = ws.files.import_file(_unmarked(exported, "North Korea ordered the sick home and told them to pay "
                                                      "their own way, it said, and they came."), by="david").document
    assert isinstance(result, ReturnedFile) and result.changed == ()
    said = [w for w in result.warnings if "trans-unit p1" in w and "outside the <mrk" in w]
    assert said and "North Korea ordered the sick home" in said[0]
    assert [s.target for s in ws.documents.segments(doc_id)] == [
        "North Korea ordered it.", "Pay your own way, it said.", "The sick are coming home."]


def test_unmarked_english_of_as_many_sentences_as_segments_is_given_to_them_in_order(ws, tmp_path):
    original = tmp_path / "story.xlf"
    original.write_text(SEGMENTED, encoding="utf-8")
    doc_id = ws.files.import_file(original, by="david").document.document.id
    exported = _export(ws, doc_id, "xliff12", tmp_path / "out.xlf")
    result = ws.files.import_file(_unmarked(exported, "Pyongyang gave the order. Workers must pay their own "
                                                      "fares, it said."), by="david").document
    assert result.changed == (1, 2)
    assert any("trans-unit p1" in w and "2 sentences were given to its 2 segments" in w for w in result.warnings)
    assert [s.target for s in ws.documents.segments(doc_id)][:2] == [
        "Pyongyang gave the order.", "Workers must pay their own fares, it said."]


def test_a_target_before_its_seg_source_is_accepted_with_the_rule_named(ws, tmp_path):
    """translate-toolkit adds a target right after <source>, before <seg-source>: the schema's order, not
    the content, is broken, and an agency's file is not refused for it."""
    original = tmp_path / "story.xlf"
    original.write_text(SEGMENTED, encoding="utf-8")
    doc_id = ws.files.import_file(original, by="david").document.document.id
    exported = _unmarked(_export(ws, doc_id, "xliff12", tmp_path / "out.xlf"),
                         "Pyongyang gave the order. Workers must pay their own fares, it said.")
    root = etree.fromstring(exported.read_bytes())
    unit = next(root.iter("{*}trans-unit"))
    target = unit.find("{*}target")
    unit.remove(target)
    unit.find("{*}source").addnext(target)
    exported.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    result = ws.files.import_file(exported, by="david").document
    assert result.changed == (1, 2)
    assert any("<seg-source> comes after <target>" in w for w in result.warnings)
