"""EditorState without a screen: typing, the write queue, merges, conflicts, live changes, unlocking.

Plain unit tests of tui.editor.state (DESIGN §8: the editor's rules testable without a terminal).
Segments, save results and comments are the real workflow.models values, built directly; where a
real workspace matters (run_job, reads) the demo workspace is used, on a SQLite file in tmp_path.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui.editor import reads
from tui.editor.jobs import CommentJob, DismissJob, MarkJob, Outcome, ResolveJob, SaveJob, run_job
from tui.editor.state import Changes, EditorState, Landed, Reread
from workflow.i18n import using
from workflow.models import Comment, Role, SaveResult, Segment, SegmentKind, SegmentState, SignOff
from workflow.saving import EMPTY_BASE
from workflow.voiding import EditGuard

DOC = 1


@pytest.fixture(autouse=True)
def english():
    with using("en"):
        yield


# building blocks --------------------------------------------------------------------------------


def seg(index: int, target: str = "", revision: int | None = None, *,
        state: SegmentState = SegmentState.DRAFT, conflict: bool = False) -> Segment:
    return Segment(id=100 + index, document_id=DOC, index=index, block=index, kind=SegmentKind.PARAGRAPH,
                   source=f"원문 {index}", target=target, state=state, revision_id=revision,
                   align_score=None, align_note=None, conflict=conflict)


def editor(*targets: str | None, current: int = 1, guard: EditGuard | None = None) -> EditorState:
    """A loaded state: segment i holds targets[i-1] at revision 10*i (None: an empty segment, no revision)."""
    segments = [seg(i, t or "", None if t is None else 10 * i, state=SegmentState.EMPTY if t is None
                    else SegmentState.DRAFT) for i, t in enumerate(targets, start=1)]
    state = EditorState()
    state.load(segments, None, {}, audit_head=5, guard=guard or EditGuard({}, ()))
    state.current = current
    return state


def result(segment: Segment, revision: int | None = None, **flags) -> SaveResult:
    flags.setdefault("voided", None)
    flags.setdefault("stale", flags.get("merged", False) or flags.get("conflict", False))
    return SaveResult(segment, revision, **flags)


def saved_as(state: EditorState, index: int, text: str, revision: int, **flags) -> SaveResult:
    """What the workspace answers when `text` becomes segment `index`'s revision `revision`."""
    return result(replace(state.segments[index - 1], target=text, revision_id=revision), revision, **flags)


def start(state: EditorState):
    """What the screen's pump does: take the next job and hold it as the one in flight."""
    job = state.next_job()
    state.busy = job
    return job


def comment(id_: int, segment: int, text: str) -> Comment:
    return Comment(id_, segment, "note", text, "robert", "2026-01-01T00:00:00", None, None)


def changes(*segments: Segment, head: int = 9, glossary: int = 1, comments=None, guard=None) -> Changes:
    return Changes(head, list(segments), comments or {}, glossary, guard)


def signoff(role: Role, who: str, *, valid: bool = True) -> SignOff:
    return SignOff(1 if role is Role.TRANSLATOR else 2, who.split()[0].lower(), who, role,
                   "2026-01-01T00:00:00", "hash", valid)


# typing and moving ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stored, typed, differs", [
    ("Hello.", "Hello!", True),
    ("Hello.", "Hello.", False),
    (None, "", False),  # an empty segment left empty
    (None, "First text", True),
    ("Hello.", "", True),  # cleared
])
def test_typed_marks_unsaved_only_when_the_text_differs_from_the_stored(stored, typed, differs):
    state = editor(stored)
    assert state.typed(typed) is differs
    assert state.unsaved == ({1: typed} if differs else {})
    assert state.text_of(1) == typed


def test_typing_back_to_the_stored_text_is_no_longer_unsaved():
    state = editor("Hello.")
    state.typed("Hello, world.")
    assert state.status(1) == "● unsaved"
    assert state.typed("Hello.") is False
    assert state.unsaved == {}
    assert state.status(1) == ""


def test_typing_before_a_document_is_loaded_does_nothing():
    state = EditorState()
    assert state.typed("anything") is False
    assert state.unsaved == {}


@pytest.mark.parametrize("typed_on_next, shown", [
    (None, "Two."),  # nothing typed there: the stored text
    ("Two, edited.", "Two, edited."),  # typed text wins over the stored
])
def test_move_queues_a_save_of_the_segment_left_and_returns_the_next_text(typed_on_next, shown):
    state = editor("One.", "Two.")
    if typed_on_next is not None:
        state.unsaved[2] = typed_on_next
    assert state.move(2, "One, edited.") == shown
    assert state.current == 2
    assert [(type(j), j.index, j.text) for j in state.jobs] == [(SaveJob, 1, "One, edited.")]
    assert state.unsaved[1] == "One, edited."  # unsaved until the workspace confirms it


def test_move_off_an_untouched_segment_queues_nothing():
    state = editor("One.", "Two.")
    assert state.move(2, "One.") == "Two."
    assert not state.jobs and not state.writing


def test_move_from_a_box_that_was_not_editable_still_saves_what_was_typed_before():
    state = editor("One.", "Two.")
    state.typed("One!")
    state.move(2, None)
    assert [(j.index, j.text) for j in state.jobs] == [(1, "One!")]


# the write queue ------------------------------------------------------------------------------------


def test_one_save_job_per_segment_carries_the_newest_text():
    state = editor("One.", "Two.")
    state.typed("One, first try.")
    state.leave("One, first try.")
    state.typed("One, second try.")
    state.leave("One, second try.")
    assert [(j.index, j.text) for j in state.jobs] == [(1, "One, second try.")]


def test_queue_save_of_a_segment_without_typing_queues_nothing():
    state = editor("One.")
    state.queue_save(1)
    assert not state.jobs


def test_jobs_run_strictly_in_the_order_queued():
    state = editor("One.", "Two.", "Three.")
    state.current = 3
    state.leave("Three!")
    state.queue(MarkJob(3))
    state.move(1, None)
    state.leave("One!")
    state.queue(CommentJob(2, text="Check this."))
    order = []
    while (job := state.next_job()) is not None:
        order.append((type(job).__name__, job.index))
    assert order == [("SaveJob", 3), ("MarkJob", 3), ("SaveJob", 1), ("CommentJob", 2)]
    assert not state.writing


@pytest.mark.parametrize("how", ["saved meanwhile", "typed back"])
def test_next_job_skips_a_save_whose_text_is_already_stored_and_forgets_it(how):
    state = editor("One.", "Two.")
    state.leave("One, edited.")
    if how == "saved meanwhile":
        state.segments[0] = replace(state.segments[0], target="One, edited.", revision_id=99)
    else:
        state.typed("One.")
    state.queue(MarkJob(2))
    job = state.next_job()
    assert isinstance(job, MarkJob)  # the save was dropped, the mark behind it runs
    assert state.unsaved == {}
    assert state.next_job() is None


@pytest.mark.parametrize("stored, revision, based_on", [
    ("One.", 10, 10),  # the revision held
    (None, None, EMPTY_BASE),  # a segment that had no text: EMPTY_BASE, not "no claim"
])
def test_a_save_names_the_revision_it_was_typed_on(stored, revision, based_on):
    state = editor(stored)
    assert state.segments[0].revision_id == revision
    state.leave("Typed.")
    job = state.next_job()
    assert isinstance(job, SaveJob)
    assert job.based_on == based_on == (EMPTY_BASE if revision is None else revision)


def test_writing_and_holds_follow_a_save_from_typing_to_landing():
    state = editor("One.", "Two.")
    assert not state.writing and not state.holds(1)
    state.typed("One!")
    assert state.holds(1) and not state.writing  # typed, not yet queued
    state.move(2, "One!")
    assert state.holds(1) and state.writing
    job = start(state)
    assert state.holds(1) and state.writing and not state.jobs  # in flight
    assert not state.holds(2)
    landed = state.written(Outcome(job, saved=saved_as(state, 1, "One!", 11)), "Two.")
    assert isinstance(landed, Landed) and landed.problem is None and landed.english is None
    assert not state.holds(1) and not state.writing
    assert state.busy is None and job.applied
    assert state.segments[0].target == "One!" and state.segments[0].revision_id == 11
    assert state.unsaved == {} and 1 in state.saved_at
    assert state.status(1).startswith("saved ")


def test_a_failed_save_keeps_the_text_and_drops_what_depended_on_it():
    state = editor("One.", "Two.")
    state.leave("One!")
    state.queue(MarkJob(1))
    state.queue(DismissJob(1, reason="fine"))
    state.queue(MarkJob(2))
    job = start(state)
    landed = state.written(Outcome(job, problem="database is locked"), "One!")
    assert landed.problem == "database is locked"
    assert state.unsaved == {1: "One!"}
    assert state.failed == {1: "database is locked"}
    assert state.status(1) == "✗ not saved"
    assert state.segments[0].target == "One."
    assert [(type(j).__name__, j.index) for j in state.jobs] == [("MarkJob", 2)]  # segment 2's mark stays
    assert state.busy is None and state.landed == 1
    # Saved at last: the failure is forgotten.
    state.jobs.clear()
    state.queue_save(1)
    job = start(state)
    assert isinstance(job, SaveJob) and job.text == "One!"
    state.written(Outcome(job, saved=saved_as(state, 1, "One!", 11)), "One!")
    assert state.failed == {} and state.unsaved == {}


def test_a_save_typed_on_while_it_ran_stays_unsaved():
    state = editor("One.")
    state.leave("One!")
    job = start(state)
    state.typed("One!!")
    state.written(Outcome(job, saved=saved_as(state, 1, "One!", 11)), "One!!")
    assert state.unsaved == {1: "One!!"}
    assert state.status(1) == "● unsaved"


def test_typing_back_while_a_save_is_queued_does_not_save_the_text_typed_away():
    state = editor("One.", "Two.")
    state.leave("One!")  # an idle save queued ...
    state.typed("One.")  # ... then the typing undone before it ran
    state.move(2, "One.")
    assert state.next_job() is None
    assert state.unsaved == {}


def test_typing_back_while_a_save_is_in_flight_saves_the_stored_text_again():
    state = editor("One.")
    state.leave("One!")
    job = start(state)
    state.typed("One.")  # undone while "One!" is being written
    state.written(Outcome(job, saved=saved_as(state, 1, "One!", 11)), "One.")
    assert state.segments[0].target == "One!"
    assert state.unsaved == {1: "One."}  # the box shows "One.": it is not what is stored now
    state.leave("One.")
    job = start(state)
    assert isinstance(job, SaveJob) and (job.text, job.based_on) == ("One.", 11)


# merges and conflicts --------------------------------------------------------------------------------

BASE = "The cat sat on the mat."
MINE = "The black cat sat on the mat."
THEIRS = "The cat sat on the red mat."
MERGED = "The black cat sat on the red mat."


def test_a_merged_save_shows_the_merged_text():
    state = editor(BASE)
    state.leave(MINE)
    job = start(state)
    landed = state.written(Outcome(job, saved=saved_as(state, 1, MERGED, 12, merged=True)), MINE)
    assert landed.english == MERGED
    assert state.segments[0].target == MERGED and state.unsaved == {}
    assert [t.title for t in landed.toasts] == ["Merged"]


def test_typing_on_during_a_merged_save_carries_the_other_change_onto_it():
    state = editor(BASE)
    state.leave(MINE)
    job = start(state)
    newer = "The black cat sat quietly on the mat."
    state.typed(newer)
    landed = state.written(Outcome(job, saved=saved_as(state, 1, MERGED, 12, merged=True)), newer)
    carried = "The black cat sat quietly on the red mat."
    assert landed.english == carried
    assert state.unsaved == {1: carried}  # not saved yet: its own save follows
    assert state.status(1) == "● unsaved"


def test_typing_on_during_a_merged_save_and_moving_off_keeps_the_other_change():
    """The newer typing was already queued (the person moved on): its save must carry the other
    person's change too, or it would be written over the merge, based on the merge."""
    state = editor(BASE, "Two.")
    state.leave(MINE)
    job = start(state)
    newer = "The black cat sat quietly on the mat."
    state.move(1, None)
    state.move(2, newer)  # back to segment 1, typed on, off to segment 2: a second save queued
    landed = state.written(Outcome(job, saved=saved_as(state, 1, MERGED, 12, merged=True)), "Two.")
    carried = "The black cat sat quietly on the red mat."
    assert landed.english is None  # not the segment in hand
    assert state.unsaved == {1: carried}
    queued = start(state)
    assert (queued.index, queued.text, queued.based_on) == (1, carried, 12)


def test_a_conflicting_save_shows_theirs_and_parks_newer_typing():
    state = editor(BASE, "Two.")
    state.leave("A dog sat on the mat.")
    job = start(state)
    newer = "A dog sat on the sofa."
    state.typed(newer)
    state.leave(newer)  # an idle save of the newer typing, queued behind the one in flight
    state.queue(MarkJob(2))
    theirs = replace(state.segments[0], target="A bird sat on the mat.", revision_id=15, conflict=True)
    landed = state.written(Outcome(job, saved=result(theirs, 16, conflict=True)), newer)
    assert landed.english == "A bird sat on the mat."
    assert state.drafts == {1: newer}
    assert state.unsaved == {}
    assert [(type(j).__name__, j.index) for j in state.jobs] == [("MarkJob", 2)]
    assert [t.title for t in landed.toasts] == ["In conflict"]
    assert "Segment 1 is in conflict" in state.conflict_notice()


def test_a_conflict_with_nothing_typed_since_parks_nothing():
    state = editor(BASE)
    state.leave(MINE)
    job = start(state)
    theirs = replace(state.segments[0], target=THEIRS, revision_id=15, conflict=True)
    landed = state.written(Outcome(job, saved=result(theirs, 16, conflict=True)), MINE)
    assert landed.english == THEIRS
    assert state.drafts == {}


def test_resolving_a_conflict_shows_the_chosen_text_and_forgets_the_draft():
    state = editor(BASE)
    state.segments[0] = replace(state.segments[0], conflict=True)
    state.drafts[1] = "parked"
    job = ResolveJob(1, text=MERGED)
    state.queue(job)
    assert start(state) is job
    chosen = replace(state.segments[0], target=MERGED, revision_id=20, conflict=False)
    landed = state.written(Outcome(job, saved=result(chosen, 20)), BASE)
    assert (landed.english, landed.standing) == (MERGED, True)
    assert state.drafts == {} and state.conflict_notice() is None
    assert any("conflict is resolved" in t.text for t in landed.toasts)


# other people's changes ---------------------------------------------------------------------------------


def test_a_read_that_raced_one_of_our_writes_is_read_again():
    state = editor("One.")
    began = state.landed
    state.leave("One!")
    job = start(state)
    state.written(Outcome(job, saved=saved_as(state, 1, "One!", 11)), "One!")
    theirs = replace(state.segments[0], target="One?", revision_id=11)  # read before our save landed
    assert state.changed(began, changes(theirs), "One!") == Reread(again=True)
    assert state.segments[0].target == "One!" and state.audit_head == 5


def test_someone_elses_save_under_typing_is_held_back_and_the_base_kept():
    state = editor("One.", "Two.")
    state.typed("One, mine.")
    theirs = seg(1, "One, theirs.", 11)
    reread = state.changed(state.landed, changes(theirs), "One, mine.")
    assert reread.english is None and reread.redraw == []
    assert state.moved_on == {1: theirs}
    assert state.segments[0].revision_id == 10  # the save still names the revision typing began from
    assert "Someone else saved segment 1 while you were typing" in state.conflict_notice()
    state.leave("One, mine.")
    assert start(state).based_on == 10


def test_someone_elses_save_under_a_queued_save_is_held_back_too():
    state = editor("One.", "Two.")
    state.move(2, "One, mine.")  # segment 1's save queued, the person on segment 2
    theirs = seg(1, "One, theirs.", 11)
    state.changed(state.landed, changes(theirs), "Two.")
    assert state.moved_on == {1: theirs} and state.segments[0].revision_id == 10


def test_held_back_save_is_shown_once_the_typing_is_undone():
    state = editor("One.")
    state.typed("One, mine.")
    theirs = seg(1, "One, theirs.", 11)
    state.changed(state.landed, changes(theirs), "One, mine.")
    reread = state.changed(state.landed, changes(), "One.")  # typed back to what it was
    assert reread.english == "One, theirs."
    assert state.moved_on == {} and state.segments[0] == theirs


@pytest.mark.parametrize("current, english", [(1, "One, theirs."), (2, None)])
def test_someone_elses_save_on_an_untouched_segment_replaces_it(current, english):
    state = editor("One.", "Two.", current=current)
    theirs = seg(1, "One, theirs.", 11)
    reread = state.changed(state.landed, changes(theirs, head=12), state.text_of(current))
    assert reread.english == english
    assert reread.redraw == [1] and reread.recheck
    assert state.segments[0] == theirs and state.audit_head == 12


def test_an_older_revision_is_ignored():
    state = editor("One.")
    older = seg(1, "Zero.", 9)
    reread = state.changed(state.landed, changes(older), "One.")
    assert reread.redraw == [] and reread.english is None
    assert state.segments[0].target == "One."


def test_a_state_change_of_the_same_revision_redraws_without_replacing_the_text():
    state = editor("One.")
    marked = replace(state.segments[0], state=SegmentState.TRANSLATED)
    reread = state.changed(state.landed, changes(marked), "One.")
    assert reread.redraw == [1] and reread.english is None
    assert state.segments[0].state is SegmentState.TRANSLATED


def test_changed_comments_of_the_segment_in_hand_are_returned():
    state = editor("One.", "Two.")
    notes = {1: [comment(1, 1, "Check the name.")], 2: [comment(2, 2, "Fine.")]}
    reread = state.changed(state.landed, changes(state.segments[0], state.segments[1], comments=notes), "One.")
    assert reread.comments == notes[1]
    assert state.comments == notes


@pytest.mark.parametrize("before, after, recheck", [
    (1, 2, True),  # a term approved or changed: the marks and findings move
    (1, 1, False),
])
def test_a_glossary_version_change_asks_for_a_recheck(before, after, recheck):
    state = editor("One.")
    state.glossary = before
    reread = state.changed(state.landed, changes(seg(1, "One.", 10), glossary=after), "One.")  # nothing else moved
    assert reread.recheck is recheck
    assert reread.redraw == []
    assert state.glossary == after


def test_a_read_naming_a_segment_the_screen_does_not_hold_changes_nothing():
    state = editor("One.")
    reread = state.changed(state.landed, changes(seg(7, "Seven.", 70), head=30), "One.")
    assert reread == Reread() and state.audit_head == 5


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
    state.load(data.segments, data.user, data.comments, data.audit_head, data.guard, data.glossary)
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
    assert ws.segments(doc)[0].target == text
    assert state.segments[0].revision_id == ws.segments(doc)[0].revision_id != stored.revision_id
    assert not state.writing


def test_a_mark_blocked_by_an_error_finding_comes_back_as_a_problem(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    counts = ws.finding_counts(doc)
    index = next(i for i, (errors, _warnings) in sorted(counts.items()) if errors)
    state.move(index, None)
    state.queue(MarkJob(index))
    job = start(state)
    outcome = run_job(ws, "david", doc, job)
    assert outcome.blocked and outcome.problem
    landed = state.written(outcome, state.text_of(index))
    assert landed.problem == outcome.problem and not landed.advance
    assert state.segments[index - 1].state is SegmentState.DRAFT
    assert ws.segments(doc)[index - 1].state is SegmentState.DRAFT
    assert state.busy is None and not state.writing


def test_a_mark_that_lands_advances_and_sets_the_state(demo):
    ws, doc = demo
    state = loaded(ws, doc)
    counts = ws.finding_counts(doc)
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
    theirs = ws.segments(doc)[3].target + " (edited)"
    ws.save_segment(doc, 4, theirs, by="robert")
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
    ws.save_segment(doc, 3, theirs, by="robert")  # meanwhile robert changes the end
    newer = mine.replace("Indeed,", "Indeed, and quietly,")
    state.move(3, None)
    state.move(4, newer)  # back on 3, typed on, off again while the first save runs
    state.written(run_job(ws, "david", doc, job), state.text_of(4))
    while state.writing:
        run(state, ws, doc, state.text_of(4))
    final = ws.segments(doc)[2].target
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
    ws.save_segment(doc, 1, first.replace("go home", "return home"), by="robert")
    typing_on = davids.replace("go home", "head home")  # over the words Robert changed
    landed = state.written(run_job(ws, "david", doc, job), typing_on)
    merged = ws.segments(doc)[0].target
    assert merged == "Pyongyang orders sick workers in Russia to return home"
    assert landed.english is None  # the box keeps David's newer typing
    state.typed(typing_on)
    state.leave(typing_on)
    second = start(state)
    assert second.based_on != state.segments[0].revision_id  # not the merge: David's own text
    outcome = run_job(ws, "david", doc, second)
    assert outcome.saved.conflict
    assert ws.segments(doc)[0].target == merged  # Robert's "return home" still stands
    assert ws.conflict(doc, 1).mine.text == typing_on  # and David's words are kept for a person
