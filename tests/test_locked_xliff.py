"""An XLIFF 1.2 file's translate="no" unit and its maxwidth (size-unit="char") limit, imported the
normal way, reach every consumer: locked and never judged, limited and checked (issue 16 §1)."""

from __future__ import annotations

import pytest

from workflow.states import SegmentLocked

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="app.txt" source-language="ko" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>북한이 노동자들을 귀국시키라고 지시했다.</source>
        <target state="translated">North Korea ordered the workers home.</target>
      </trans-unit>
      <trans-unit id="2" translate="no">
        <source>데일리NK</source>
      </trans-unit>
      <trans-unit id="3" maxwidth="20" size-unit="char">
        <source>귀국 지시</source>
        <target state="translated">Ordered home, all of them at once</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pytest.fixture
def imported(workspace, tmp_path):
    path = tmp_path / "agency.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    return workspace.files.import_file(path, by="david").document.document


def test_translate_no_and_maxwidth_reach_the_checks_counts_and_saves(workspace, imported):
    doc = imported.id
    segments = workspace.documents.segments(doc)
    assert [(s.locked, s.max_length) for s in segments] == [(False, None), (True, None), (False, 20)]
    findings = workspace.findings.document(doc)
    assert {v.finding.segment for v in findings if v.finding.check == "length.limit"} == {3}
    (over,) = [v.finding for v in findings if v.finding.check == "length.limit"]
    assert over.message == "33 characters, the file allows 20"
    # the locked unit has no English, and is neither found empty nor counted untranslated
    assert not [v for v in findings if v.finding.segment == 2]
    (summary,) = [s for s in workspace.documents.all() if s.id == doc]
    assert summary.locked == 1 and summary.progress["empty"] == 0
    assert 2 not in workspace.review.readiness(doc, "translator").blocked.get("unfinished", ())
    with pytest.raises(SegmentLocked):
        workspace.editing.save(doc, 2, "Daily NK", by="david")
