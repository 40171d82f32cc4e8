"""Editing segments: revisions with parents, state moves, voided sign-offs, dismissals, comments."""

from __future__ import annotations

import pytest

from workflow.checks.model import Severity
from workflow.errors import BlockedByFindings
from workflow.errors import InputError, NotFound, PermissionDenied
from workflow.models import Role, SegmentState
from workflow.states import IllegalTransition, TRANSITIONS


# ws: the sample article in a workspace with the house glossary (conftest.py)


def test_a_save_is_a_new_revision_whose_parent_is_the_old_one(ws, sample_doc):
    before = ws.documents.segments(sample_doc.id)[15]
    text = before.target.replace("security guards", "security guidance officers")
    result = ws.editing.save(sample_doc.id, 16, text, by="david", based_on=before.revision_id)
    assert result.revision_id is not None and not result.stale and result.voided is None
    assert result.segment.target == text and result.segment.state is SegmentState.DRAFT
    history = ws.documents.history(sample_doc.id, 16)
    assert [(r.text, r.author, r.role) for r in history] == [
        (before.target, "david", Role.TRANSLATOR), (text, "david", Role.TRANSLATOR)]
    assert history[1].parent_id == history[0].id


def test_saving_unchanged_text_makes_no_revision(ws, sample_doc):
    segment = ws.documents.segments(sample_doc.id)[2]
    assert ws.editing.save(sample_doc.id, 3, segment.target, by="david").revision_id is None
    assert len(ws.documents.history(sample_doc.id, 3)) == 1


def test_an_editor_saves_in_the_editor_role_and_strangers_cannot(ws, sample_doc):
    result = ws.editing.save(sample_doc.id, 1, "North Korea sends sick workers home", by="robert")
    assert ws.documents.history(sample_doc.id, 1)[-1].role is Role.EDITOR
    assert result.segment.target == "North Korea sends sick workers home"
    with pytest.raises(PermissionDenied):
        ws.editing.save(sample_doc.id, 1, "x", by="minji")


def test_a_stale_base_is_saved_on_top_and_both_texts_stay_in_history(ws, sample_doc):
    base = ws.documents.segments(sample_doc.id)[0].revision_id
    ws.editing.save(sample_doc.id, 1, "First colleague's title", by="robert", based_on=base)
    second = ws.editing.save(sample_doc.id, 1, "Second colleague's title", by="david", based_on=base)
    assert second.stale
    texts = [r.text for r in ws.documents.history(sample_doc.id, 1)]
    assert "First colleague's title" in texts and "Second colleague's title" in texts


def test_mark_translated_is_refused_while_an_error_finding_remains(ws, sample_doc):
    with pytest.raises(BlockedByFindings, match="segment 16 cannot be marked translated") as caught:
        ws.editing.mark_translated(sample_doc.id, 16, by="david")
    assert caught.value.findings[0].check == "term.forbidden"
    assert ws.documents.segments(sample_doc.id)[15].state is SegmentState.DRAFT
    fixed = ws.documents.segments(sample_doc.id)[15].target.replace("security guards", "security guidance officers")
    ws.editing.save(sample_doc.id, 16, fixed, by="david")
    assert ws.editing.mark_translated(sample_doc.id, 16, by="david") is SegmentState.TRANSLATED


def test_an_edit_voids_translated_and_says_so(ws, sample_doc):
    ws.editing.mark_translated(sample_doc.id, 3, by="david")
    result = ws.editing.save(sample_doc.id, 3, "Changed.", by="robert")
    assert result.voided is SegmentState.TRANSLATED
    assert result.segment.state is SegmentState.DRAFT
    entry = [e for e in ws.audit.log(sample_doc.id) if e["action"] == "segment.save"][-1]
    assert entry["detail"]["voided"] == "translated"


def test_only_translators_mark_translated_and_only_from_draft(ws, sample_doc):
    with pytest.raises(PermissionDenied):
        ws.editing.mark_translated(sample_doc.id, 3, by="robert")
    ws.editing.mark_translated(sample_doc.id, 3, by="david")
    with pytest.raises(IllegalTransition, match="segment 3 is translated; it cannot be marked translated"):
        ws.editing.mark_translated(sample_doc.id, 3, by="david")


def test_clearing_the_english_empties_the_segment(ws, sample_doc):
    result = ws.editing.save(sample_doc.id, 2, "   ", by="david")
    assert result.segment.state is SegmentState.EMPTY
    with pytest.raises(InputError, match="has no English yet"):
        ws.editing.mark_translated(sample_doc.id, 2, by="david")


def test_a_dismissal_is_recorded_and_holds_while_the_text_is_unchanged(ws, sample_doc):
    finding = next(v.finding for v in ws.findings.segment(sample_doc.id, 16) if v.finding.severity is Severity.ERROR)
    with pytest.raises(InputError, match="say why"):
        ws.editing.dismiss(sample_doc.id, 16, finding, reason=" ", by="david")
    ws.editing.dismiss(sample_doc.id, 16, finding, reason="quoting a guard's own words", by="david")
    view = next(v for v in ws.findings.segment(sample_doc.id, 16) if v.finding == finding)
    assert view.dismissal.user == "david" and view.dismissal.reason == "quoting a guard's own words"
    assert ws.editing.mark_translated(sample_doc.id, 16, by="david") is SegmentState.TRANSLATED
    document_views = [v for v in ws.findings.document(sample_doc.id) if v.finding.segment == 16]
    assert any(not v.open for v in document_views)
    # A changed text makes it a new finding: the dismissal no longer holds.
    text = ws.documents.segments(sample_doc.id)[15].target
    ws.editing.save(sample_doc.id, 16, text + " Really.", by="david")
    assert all(v.open for v in ws.findings.segment(sample_doc.id, 16))


def test_findings_on_text_as_typed(ws, sample_doc):
    typed = ws.documents.segments(sample_doc.id)[15].target.replace("security guards", "security guidance officers")
    assert [v for v in ws.findings.segment(sample_doc.id, 16, typed) if v.finding.severity is Severity.ERROR] == []


def test_comments_and_queries(ws, sample_doc):
    ws.comments.add(sample_doc.id, 6, "로동당: keep the NK spelling note?", kind="query", by="david")
    note = ws.comments.add(sample_doc.id, 6, "Checked with the desk.", by="robert")
    comments = ws.comments.all(sample_doc.id, 6)
    assert [(c.kind, c.author, c.open) for c in comments] == [("query", "david", True), ("note", "robert", True)]
    ws.comments.resolve(comments[0].id, by="robert")
    assert ws.comments.all(sample_doc.id)[0].resolved_by == "robert"
    with pytest.raises(InputError, match="already resolved"):
        ws.comments.resolve(comments[0].id, by="robert")
    with pytest.raises(InputError, match="not a comment kind"):
        ws.comments.add(sample_doc.id, 6, "x", kind="shout", by="david")
    assert note.segment == 6


def test_unknown_segment(ws, sample_doc):
    with pytest.raises(NotFound, match="has no segment 17"):
        ws.editing.save(sample_doc.id, 17, "x", by="david")


@pytest.mark.parametrize("state, action, expected", [
    (SegmentState.EMPTY, "edit", SegmentState.DRAFT),
    (SegmentState.APPROVED, "edit", SegmentState.DRAFT),
    (SegmentState.DRAFT, "mark translated", SegmentState.TRANSLATED),
    (SegmentState.REJECTED, "mark translated", SegmentState.TRANSLATED),
    (SegmentState.TRANSLATED, "approve", SegmentState.APPROVED),
    (SegmentState.APPROVED, "reject", SegmentState.REJECTED),
    (SegmentState.EMPTY, "mark translated", None),
    (SegmentState.APPROVED, "approve", None),
    (SegmentState.EMPTY, "approve", None),
])
def test_the_transition_table(state, action, expected):
    assert TRANSITIONS.get((state, action)) == expected


def test_every_transition_the_table_allows_and_forbids():
    allowed = {
        "edit": {s: SegmentState.DRAFT for s in SegmentState},
        "clear": {s: SegmentState.EMPTY for s in SegmentState},
        "mark translated": {SegmentState.DRAFT: SegmentState.TRANSLATED,
                            SegmentState.REJECTED: SegmentState.TRANSLATED},
        "approve": {SegmentState.DRAFT: SegmentState.APPROVED, SegmentState.TRANSLATED: SegmentState.APPROVED,
                    SegmentState.REJECTED: SegmentState.APPROVED},
        "reject": {SegmentState.DRAFT: SegmentState.REJECTED, SegmentState.TRANSLATED: SegmentState.REJECTED,
                   SegmentState.APPROVED: SegmentState.REJECTED},
    }
    for action, moves in allowed.items():
        for state in SegmentState:
            if state in moves:
                assert TRANSITIONS[(state, action)] is moves[state]
            else:
                assert (state, action) not in TRANSITIONS
                with pytest.raises(IllegalTransition, match=f"is {state.value}"):
                    from workflow.states import next_state

                    next_state(state, action)
    assert len(TRANSITIONS) == sum(len(m) for m in allowed.values())
