"""EditorState without a screen: merges and conflicts with other people's saves, and their changes read live."""

from __future__ import annotations

from dataclasses import replace

import pytest

from editor_state_helpers import (DOC, changes, comment, editor, in_english, result, saved_as, seg,  # noqa: F401
                                  signoff, start)
from tui.editor.jobs import MarkJob, Outcome, ResolveJob
from tui.editor.state import Reread
from workflow.models import SegmentState


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
