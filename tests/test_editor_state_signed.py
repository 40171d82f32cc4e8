"""EditorState without a screen: approved and signed text asks first; and the state against a real
workspace (run_job, reads) on the demo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from editor_state_helpers import (DOC, changes, comment, editor, in_english, result, saved_as, seg,  # noqa: F401
                                  signoff, start)
from tui.editor import reads
from tui.editor.jobs import MarkJob, Outcome, run_job
from tui.editor.state import EditorState, Landed, Reread
from workflow.models import Role, SegmentState
from workflow.models.voids import EditGuard


# approved and signed text -----------------------------------------------------------------------------

APPROVED = EditGuard({1: "Robert Lauler"}, ())
SIGNED = EditGuard({}, (signoff(Role.TRANSLATOR, "David Black"), signoff(Role.EDITOR, "Robert Lauler")))


def approved_editor(guard: EditGuard = APPROVED) -> EditorState:
    state = editor("One.", "Two.", guard=guard)
    state.segments[0] = replace(state.segments[0], state=SegmentState.APPROVED)
    return state


@pytest.mark.parametrize("guard, index, asks", [
    (APPROVED, 1, True),
    (APPROVED, 2, False),  # not approved: edits freely
    (SIGNED, 2, True),  # any segment of a signed-off document
    (EditGuard({}, (signoff(Role.EDITOR, "Robert Lauler", valid=False),)), 2, False),  # a void sign-off
])
def test_approved_or_signed_text_asks_before_it_is_edited(guard, index, asks):
    state = approved_editor(guard)
    state.current = index
    assert (state.voids() is not None) is asks
    assert (state.voids(index) is not None) is asks


def test_once_unlocked_it_does_not_ask_again_until_a_new_revision_is_approved():
    state = approved_editor()
    assert state.voids(1) is not None
    state.unlock(1)
    assert state.voids(1) is None
    assert state.voids(1) is None
    # Someone else saves a new revision and Robert approves it: asked again.
    newer = replace(state.segments[0], target="One, approved again.", revision_id=30, state=SegmentState.APPROVED)
    state.changed(state.landed, changes(newer, guard=APPROVED), "One.")
    assert state.segments[0].revision_id == 30
    assert state.voids(1) is not None


def test_after_a_save_voided_the_sign_offs_no_segment_asks_again():
    state = approved_editor(SIGNED)
    state.current = 2
    state.unlock(2)
    state.leave("Two, edited.")
    job = start(state)
    state.written(Outcome(job, saved=saved_as(state, 2, "Two, edited.", 21,
                                              voided_signoffs=(Role.TRANSLATOR, Role.EDITOR))), "Two, edited.")
    assert state.voids(2) is None  # the next key does not ask about sign-offs that are gone
    state.segments[0] = replace(state.segments[0], state=SegmentState.DRAFT)
    assert state.voids(1) is None


@pytest.mark.parametrize("guard, index, words", [
    (EditGuard({1: "Robert Lauler"}, SIGNED.signoffs), 1,
     "approved by Robert Lauler; editing voids the editor's and the translator's sign-offs"),
    (APPROVED, 1, "approved by Robert Lauler; editing sends it back to draft and voids the approval"),
    (SIGNED, 2, "editing voids the editor's and the translator's sign-offs"),
    (EditGuard({}, (signoff(Role.TRANSLATOR, "David Black"),)), 2, "editing voids the translator's sign-off"),
])
def test_voids_names_the_approver_and_the_sign_offs_in_words(guard, index, words):
    state = approved_editor(guard)
    voids = state.voids(index)
    assert voids is not None and voids.index == index
    assert voids.describe() == words


# against a real workspace -------------------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path):
    from workflow.demo import prepare_demo
    from workflow.workspace import Workspace

    made = prepare_demo(tmp_path / "demo.tandem")
    with Workspace.open(made.path, create=False) as ws:
        yield ws, made.document_id


def loaded(ws, document_id: int, user: str = "david") -> EditorState:
    data = reads.load_document(ws, document_id, user)
    state = EditorState()
    state.load(data.segments, data.permissions, data.comments, data.audit_head, data.guard, data.glossary)
    return state


def run(state: EditorState, ws, document_id: int, english: str | None, user: str = "david") -> Landed:
    job = start(state)
    assert job is not None
    return state.written(run_job(ws, user, document_id, job), english)


def test_a_save_written_to_the_workspace_is_no_longer_unsaved(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    assert state.user.name == "david" and state.may("edit")
    stored = state.segments[0]
    state.move(1, None)
    text = stored.target + " today"
    state.typed(text)
    state.move(2, text)
    landed = run(state, ws, doc, state.text_of(2))
    assert landed.problem is None
    assert state.unsaved == {} and 1 in state.saved_at
    assert state.status(1).startswith("saved ")
    assert ws.documents.segments(doc)[0].target == text
    assert state.segments[0].revision_id == ws.documents.segments(doc)[0].revision_id != stored.revision_id
    assert not state.writing


def test_a_mark_blocked_by_an_error_finding_comes_back_as_a_problem(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    counts = ws.findings.counts(doc)
    index = next(i for i, (errors, _warnings) in sorted(counts.items()) if errors)
    state.move(index, None)
    state.queue(MarkJob(index))
    job = start(state)
    outcome = run_job(ws, "david", doc, job)
    assert outcome.blocked and outcome.problem
    landed = state.written(outcome, state.text_of(index))
    assert landed.problem == outcome.problem and not landed.advance
    assert state.segments[index - 1].state is SegmentState.DRAFT
    assert ws.documents.segments(doc)[index - 1].state is SegmentState.DRAFT
    assert state.busy is None and not state.writing


def test_a_mark_that_lands_advances_and_sets_the_state(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    counts = ws.findings.counts(doc)
    index = next(i for i, (errors, _warnings) in sorted(counts.items()) if not errors)
    state.move(index, None)
    state.queue(MarkJob(index))
    landed = run(state, ws, doc, state.text_of(index))
    assert landed.problem is None and landed.advance and landed.standing
    assert state.segments[index - 1].state is SegmentState.TRANSLATED


def test_someone_elses_save_read_from_the_workspace_reaches_the_screen(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    state.move(4, None)
    theirs = ws.documents.segments(doc)[3].target + " (edited)"
    ws.editing.save(doc, 4, theirs, by="robert")
    reread = state.changed(state.landed, reads.changes(ws, doc, state.audit_head), state.text_of(4))
    assert reread.english == theirs and reread.redraw == [4]
    assert state.segments[3].target == theirs


def test_a_colleagues_change_survives_typing_on_during_a_merged_save(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    base = state.segments[2].target
    words = base.split(" ")
    mine = " ".join(["Indeed,", words[0].lower(), *words[1:]])
    state.move(3, None)
    state.move(4, mine)
    job = start(state)  # segment 3's save, based on what david opened
    theirs = base.rstrip(".") + ", a source said."
    ws.editing.save(doc, 3, theirs, by="robert")  # meanwhile robert changes the end
    newer = mine.replace("Indeed,", "Indeed, and quietly,")
    state.move(3, None)
    state.move(4, newer)  # back on 3, typed on, off again while the first save runs
    state.written(run_job(ws, "david", doc, job), state.text_of(4))
    while state.writing:
        run(state, ws, doc, state.text_of(4))
    final = ws.documents.segments(doc)[2].target
    assert final.startswith("Indeed, and quietly,")
    assert final.endswith(", a source said.")
    assert state.unsaved == {}


def test_a_reread_with_nothing_moved_changes_nothing(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    held = list(state.segments)
    reread = state.changed(state.landed, reads.changes(ws, doc, state.audit_head), None)
    assert reread == Reread()  # the glossary version was learnt when the document loaded
    assert state.segments == held


def test_typing_that_overlaps_a_merge_is_saved_against_our_own_text_and_never_undoes_theirs(demo):
    """David's save merges with Robert's change; David had typed on over Robert's very words. That
    typing grew from David's own text, not from the merge: saved on the merge it would silently
    undo Robert's change, so it is saved against David's text kept aside, and the workspace keeps
    both as a conflict."""
    ws, doc = demo
    state = loaded(ws, doc)
    first = state.segments[0].target  # "North Korea orders sick workers in Russia to go home"
    state.move(1, None)
    davids = first.replace("North Korea", "Pyongyang")
    state.typed(davids)
    state.leave(davids)
    job = start(state)  # based on the revision David began from
    ws.editing.save(doc, 1, first.replace("go home", "return home"), by="robert")
    typing_on = davids.replace("go home", "head home")  # over the words Robert changed
    landed = state.written(run_job(ws, "david", doc, job), typing_on)
    merged = ws.documents.segments(doc)[0].target
    assert merged == "Pyongyang orders sick workers in Russia to return home"
    assert landed.english is None  # the box keeps David's newer typing
    state.typed(typing_on)
    state.leave(typing_on)
    second = start(state)
    assert second.based_on != state.segments[0].revision_id  # not the merge: David's own text
    outcome = run_job(ws, "david", doc, second)
    assert outcome.saved.conflict
    assert ws.documents.segments(doc)[0].target == merged  # Robert's "return home" still stands
    assert ws.editing.conflict(doc, 1).mine.text == typing_on  # and David's words are kept for a person
