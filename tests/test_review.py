"""Approvals and sign-offs bind exact text; the translator never approves their own work."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workflow.errors import InputError, PermissionDenied, TandemError
from workflow.models import DocumentState, Role, SegmentState
from workflow.review import document_hash
from workflow.states import IllegalTransition
from workflow.workspace import Workspace

from conftest import DRAFT, KO, SAMPLE


def _desk(path: Path) -> tuple[Workspace, int]:
    ws = Workspace.open(path)
    ws.users.add("admin", ["admin"], by="admin")
    ws.users.add("david", ["translator"], display_name="David Black", by="admin")
    ws.users.add("robert", ["editor"], display_name="Robert Lauler", by="admin")
    ws.users.add("sam", ["translator", "editor"], by="admin")
    ws.users.add("minji", ["terminologist"], by="admin")
    return ws, ws.files.import_document(KO, DRAFT, by="david").document.id


@pytest.fixture
def desk(tmp_path):
    ws, doc = _desk(tmp_path / "w.db")
    yield ws, doc
    ws.close()


# (state, action, user) -> allowed?; states reached by a fixed recipe first.
@pytest.mark.parametrize("action, user, allowed", [
    ("approve", "robert", True),       # an editor may approve a draft
    ("approve", "david", False),       # the translator never approves
    ("approve", "sam", True),          # an editor who has not translated this document
    ("approve", "minji", False),       # a terminologist is not an editor
    ("reject", "robert", True),
    ("reject", "david", False),
    ("translate", "david", True),
    ("translate", "robert", False),    # marking translated is the translator's step
])
def test_who_may_move_a_draft_segment(desk, action, user, allowed):
    ws, doc = desk
    step = {
        "approve": lambda: ws.review.approve(doc, 3, by=user),
        "reject": lambda: ws.review.reject(doc, 3, comment="check the numbers", by=user),
        "translate": lambda: ws.editing.mark_translated(doc, 3, by=user),
    }[action]
    if allowed:
        step()
    else:
        with pytest.raises(PermissionDenied):
            step()


def test_a_translator_of_the_document_cannot_approve_even_with_the_editor_role(desk):
    ws, doc = desk
    ws.editing.save(doc, 3, "Sam's own translation.", by="sam")
    with pytest.raises(PermissionDenied, match="sam translated this document"):
        ws.review.approve(doc, 4, by="sam")


def test_an_editor_may_approve_what_they_just_edited_and_an_edit_voids_the_approval(desk):
    ws, doc = desk
    ws.editing.save(doc, 3, "Edited by the editor.", by="robert")
    assert ws.review.approve(doc, 3, by="robert") is SegmentState.APPROVED
    with pytest.raises(IllegalTransition, match="segment 3 is approved; it cannot be approved"):
        ws.review.approve(doc, 3, by="robert")
    ws.editing.save(doc, 3, "Edited again.", by="robert")
    assert ws.documents.segments(doc)[2].state is SegmentState.DRAFT


def test_rejection_goes_back_with_a_query(desk):
    ws, doc = desk
    ws.editing.mark_translated(doc, 3, by="david")
    assert ws.review.reject(doc, 3, comment="20 days, not 30", by="robert") is SegmentState.REJECTED
    assert [(c.kind, c.text, c.open) for c in ws.comments.all(doc, 3)] == [("query", "20 days, not 30", True)]
    with pytest.raises(InputError, match="say what the translator should change"):
        ws.review.reject(doc, 4, comment=" ", by="robert")
    assert ws.editing.mark_translated(doc, 3, by="david") is SegmentState.TRANSLATED


def test_signoffs_bind_the_texts_and_derive_the_document_state(desk):
    ws, doc = desk
    assert ws.review.state(doc) is DocumentState.IN_TRANSLATION
    with pytest.raises(InputError, match="not translated yet"):
        ws.review.sign_off(doc, "translator", by="david")
    for s in ws.documents.segments(doc):
        ws.editing.save(doc, s.index, s.target.replace("security guards", "security guidance officers")
                        .replace("Labor Party", "Workers' Party").replace("motherland", "fatherland")
                        .replace("foreign money", "foreign currency").replace("30 days", "20 days")
                        .replace("외화벌이 activities", "foreign currency-earning activities"), by="david")
    for s in ws.documents.segments(doc):
        ws.editing.mark_translated(doc, s.index, by="david")
    signoff = ws.review.sign_off(doc, "translator", by="david")
    assert signoff.valid and signoff.role is Role.TRANSLATOR
    assert signoff.content_hash == document_hash([s.target for s in ws.documents.segments(doc)])
    assert ws.review.state(doc) is DocumentState.IN_REVIEW
    with pytest.raises(InputError, match="not approved yet"):
        ws.review.sign_off(doc, "editor", by="robert")
    for s in ws.documents.segments(doc):
        ws.review.approve(doc, s.index, by="robert")
    ws.review.sign_off(doc, "editor", by="robert")
    assert ws.review.state(doc) is DocumentState.APPROVED
    credit, problems = ws.review.credit_line(doc)
    assert credit == "Translated by David Black. Edited by Robert Lauler." and problems == []
    result = ws.editing.save(doc, 1, "A new title", by="robert")
    assert set(result.voided_signoffs) == {Role.TRANSLATOR, Role.EDITOR}
    assert ws.review.valid_signoffs(doc) == {}
    assert ws.review.credit_line(doc)[0] is None


# --- the property: whatever happens, approvals and sign-offs never outlive their text -------------

USERS = ("david", "robert", "sam", "minji")
ACTIONS = st.lists(
    st.tuples(st.sampled_from(["edit", "translate", "approve", "reject", "signoff-t", "signoff-e"]),
              st.sampled_from(USERS), st.integers(1, 4), st.sampled_from(["A.", "B b.", "C c c."])),
    min_size=1, max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS)
def test_no_approval_or_signoff_outlives_its_text(actions):
    with tempfile.TemporaryDirectory() as tmp:
        ws, doc = _desk(Path(tmp) / "w.db")
        try:
            for action, user, index, text in actions:
                try:
                    if action == "edit":
                        ws.editing.save(doc, index, text, by=user)
                    elif action == "translate":
                        ws.editing.mark_translated(doc, index, by=user)
                    elif action == "approve":
                        ws.review.approve(doc, index, by=user)
                    elif action == "reject":
                        ws.review.reject(doc, index, comment="no", by=user)
                    else:
                        ws.review.sign_off(doc, "translator" if action == "signoff-t" else "editor", by=user)
                except TandemError:
                    pass
                _assert_invariants(ws, doc)
        finally:
            ws.close()


def _assert_invariants(ws: Workspace, doc: int) -> None:
    segments = ws.documents.segments(doc)
    approvals = {}
    for row in ws._store.signoffs.approvals(doc):
        approvals[row.index] = row
    for s in segments:
        if s.state is SegmentState.APPROVED:
            assert approvals[s.index].revision_id == s.revision_id  # approved means this very text
    current = document_hash([s.target for s in segments])
    for signoff in ws.review.signoffs(doc):
        assert signoff.valid == (signoff.content_hash == current)
    for row in ws._store.signoffs.approvals(doc):
        assert row.user != "david"  # the document's translator never approves


def test_blockers_say_what_stands_in_the_way_of_each_signoff(desk):
    ws, doc = desk
    ws.glossary.import_file(SAMPLE / "glossary-nk-news.csv", by="minji")
    translator = ws.review.blockers(doc, "translator")
    assert translator[0].startswith("segments 1, 2, 3") and "not translated yet" in translator[0]
    assert any("error findings remain in segments" in b for b in translator)
    editor = ws.review.blockers(doc, "editor")
    assert "not approved yet" in editor[0]
    with pytest.raises(InputError, match="error findings remain"):
        ws.review.sign_off(doc, "editor", by="robert")


def test_only_people_with_a_working_role_resolve_comments(desk):
    ws, doc = desk
    comment = ws.comments.add(doc, 2, "Caption credit?", kind="query", by="minji")
    with pytest.raises(PermissionDenied):
        ws.comments.resolve(comment.id, by="minji")
    ws.comments.resolve(comment.id, by="robert")
    entry = [e for e in ws.audit.log(doc) if e["action"] == "comment.resolve"]
    assert entry and entry[0]["document_id"] == doc
