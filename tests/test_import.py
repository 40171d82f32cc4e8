"""Importing articles: pairing, alignment of merged and split paragraphs, encodings, refusals."""

from __future__ import annotations

import unicodedata

import pytest

from workflow.errors import InputError, PermissionDenied
from workflow.models import Role, SegmentKind, SegmentState

from conftest import DRAFT, KO, blocks, snapshot


def test_sample_article_pairs_paragraph_by_paragraph(workspace, sample_doc):
    segments = workspace.documents.segments(sample_doc.id)
    assert len(segments) == 16
    assert [s.source for s in segments] == blocks(KO)
    assert [s.target for s in segments] == blocks(DRAFT)
    assert [s.index for s in segments] == list(range(1, 17))
    kinds = [s.kind for s in segments]
    assert kinds[0] is SegmentKind.TITLE
    assert kinds[1] is SegmentKind.CAPTION
    assert kinds[11] is SegmentKind.HEADING
    assert kinds.count(SegmentKind.PARAGRAPH) == 13
    assert {s.state for s in segments} == {SegmentState.DRAFT}
    assert sample_doc.title == blocks(KO)[0]
    assert sample_doc.tags == ("russia",)


def test_the_draft_becomes_revision_one_by_the_importer_as_translator(workspace, sample_doc):
    history = workspace.documents.history(sample_doc.id)
    assert len(history) == 16
    assert {(r.author, r.role, r.parent_id) for r in history} == {("david", Role.TRANSLATOR, None)}
    assert workspace.documents.history(sample_doc.id, 3)[0].text == blocks(DRAFT)[2]


def test_import_without_a_draft_leaves_segments_empty(workspace):
    doc = workspace.files.import_document(KO, by="david").document
    segments = workspace.documents.segments(doc.id)
    assert len(segments) == 16
    assert {s.state for s in segments} == {SegmentState.EMPTY}
    assert workspace.documents.history(doc.id) == []


@pytest.mark.parametrize("encoding", ["cp949", "utf-16", "utf-8-sig"])
def test_a_legacy_or_bom_encoded_copy_imports_to_the_same_segments(workspace, sample_doc, tmp_path, encoding):
    copy = tmp_path / "ko-copy.md"
    copy.write_bytes(KO.read_text(encoding="utf-8").encode(encoding))
    doc = workspace.files.import_document(copy, DRAFT, by="david").document
    expected = {"cp949": "cp949", "utf-16": "utf-16", "utf-8-sig": "utf-8"}[encoding]
    assert doc.source_encoding == expected
    assert [s.source for s in workspace.documents.segments(doc.id)] == [s.source for s in workspace.documents.segments(sample_doc.id)]


def test_decomposed_hangul_is_stored_composed(workspace, tmp_path):
    nfd = tmp_path / "nfd.md"
    nfd.write_text(unicodedata.normalize("NFD", KO.read_text(encoding="utf-8")), encoding="utf-8")
    doc = workspace.files.import_document(nfd, by="david").document
    sources = [s.source for s in workspace.documents.segments(doc.id)]
    assert sources == blocks(KO)
    assert all(unicodedata.is_normalized("NFC", s) for s in sources)


def _draft_with(tmp_path, transform) -> tuple:
    parts = DRAFT.read_text(encoding="utf-8").strip().split("\n\n")
    path = tmp_path / "draft-changed.md"
    path.write_text("\n\n".join(transform(parts)) + "\n", encoding="utf-8")
    return parts, path


def test_a_merged_paragraph_is_aligned_to_the_right_pairs_and_marked(workspace, tmp_path):
    # The translator ran Korean paragraphs 6 and 7 together into one English paragraph.
    parts, path = _draft_with(tmp_path, lambda p: p[:5] + [p[5] + " " + p[6]] + p[7:])
    result = workspace.files.import_document(KO, path, by="david")
    segments = workspace.documents.segments(result.document.id)
    assert len(segments) == 16
    assert [s.target for s in segments] == [p.lstrip("# ") for p in parts]
    doubtful = {s.index for s in segments if s.low_confidence}
    assert {6, 7} <= doubtful
    assert "merges Korean blocks 6 and 7" in segments[5].align_note
    assert [i for i, _ in result.doubtful] == sorted(doubtful)
    untouched = [s for s in segments if s.index not in doubtful]
    assert all(s.align_note is None for s in untouched)


def test_a_split_paragraph_is_joined_and_marked(workspace, tmp_path):
    def split_fifth(p):
        first, rest = p[4].split(". ", 1)
        return p[:4] + [first + ".", rest] + p[5:]

    parts, path = _draft_with(tmp_path, split_fifth)
    segments = workspace.documents.segments(workspace.files.import_document(KO, path, by="david").document.id)
    assert segments[4].target == parts[4]
    assert "splits this paragraph in two (English blocks 5 and 6)" in segments[4].align_note
    assert [s.target for s in segments] == [p.lstrip("# ") for p in parts]
    # Segment 8 may be flagged too (the draft really did drop a sentence from it), and a neighbour
    # whose English could as well have been the split one; nothing further off.
    flagged = {s.index for s in segments if s.low_confidence}
    assert 5 in flagged and flagged <= {4, 5, 6, 8}


def test_a_dropped_paragraph_leaves_an_empty_marked_segment(workspace, tmp_path):
    parts, path = _draft_with(tmp_path, lambda p: p[:9] + p[10:])
    segments = workspace.documents.segments(workspace.files.import_document(KO, path, by="david").document.id)
    assert segments[9].target == ""
    assert segments[9].state is SegmentState.EMPTY
    assert "dropped" in segments[9].align_note
    assert segments[10].target == parts[10]


def test_an_extra_english_paragraph_is_kept_not_lost(workspace, tmp_path):
    extra = "Daily NK could not independently verify the report."
    parts, path = _draft_with(tmp_path, lambda p: p[:10] + [extra] + p[10:])
    segments = workspace.documents.segments(workspace.files.import_document(KO, path, by="david").document.id)
    assert any(extra in s.target for s in segments)
    holder = next(s for s in segments if extra in s.target)
    assert holder.low_confidence
    assert sum(1 for s in segments if s.low_confidence) <= 2


def test_sentence_segmentation_keeps_paragraphs_for_export(workspace):
    doc = workspace.files.import_document(KO, DRAFT, sentences=True, by="david").document
    segments = workspace.documents.segments(doc.id)
    assert len(segments) > 16
    assert doc.segmentation == "sentence"
    by_block: dict[int, list[str]] = {}
    for s in segments:
        by_block.setdefault(s.block, []).append(s.source)
    assert [" ".join(v) for v in by_block.values()] == blocks(KO)
    third = by_block[3]
    assert third[0].endswith("알려졌다.") and third[1].startswith("신종 코로나바이러스")
    english_third = [s.target for s in segments if s.block == 3]
    assert english_third[0].endswith("Daily NK has learned.")
    assert english_third[1].startswith("In short")


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"   \n\n  \n", "only whitespace"),
    (b"PK\x03\x04" + bytes(200), "ZIP archive"),
    (bytes(range(256)) * 8, "binary"),
])
def test_unusable_files_are_refused_and_the_workspace_is_untouched(workspace, sample_doc, db_path, tmp_path,
                                                                  content, problem):
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    workspace.close()
    before = snapshot(db_path)
    from workflow.workspace import Workspace

    with Workspace.open(db_path) as ws:
        with pytest.raises(InputError, match=problem) as caught:
            ws.files.import_document(bad, by="david")
        assert str(bad) in str(caught.value)
    assert snapshot(db_path) == before


def test_a_missing_file_is_refused_by_name(workspace, tmp_path):
    with pytest.raises(InputError, match="no such file") as caught:
        workspace.files.import_document(tmp_path / "nowhere.md", by="david")
    assert "nowhere.md" in str(caught.value)
    assert workspace.documents.all() == []


def test_a_bad_english_draft_stops_the_whole_import(workspace, tmp_path):
    bad = tmp_path / "draft.md"
    bad.write_bytes(b"")
    with pytest.raises(InputError, match="draft.md: the file is empty"):
        workspace.files.import_document(KO, bad, by="david")
    assert workspace.documents.all() == []


def test_only_translators_bring_a_draft(workspace):
    with pytest.raises(PermissionDenied, match="not a translator"):
        workspace.files.import_document(KO, DRAFT, by="robert")
    assert workspace.documents.all() == []
    doc = workspace.files.import_document(KO, by="robert").document  # an editor may import the original
    assert doc.created_by == "robert"


def test_strangers_cannot_import(workspace):
    with pytest.raises(PermissionDenied, match="not a user of this workspace"):
        workspace.files.import_document(KO, by="mallory")


def test_import_is_audited(workspace, sample_doc):
    entries = [e for e in workspace.audit.log(sample_doc.id) if e["action"] == "document.import"]
    assert entries and entries[0]["user"] == "david"
    assert entries[0]["detail"]["segments"] == 16
