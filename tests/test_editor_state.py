"""EditorState without a screen: typing and moving, and the write queue (editor_state_helpers.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from editor_state_helpers import (DOC, changes, comment, editor, in_english, result, saved_as, seg,  # noqa: F401
                                  signoff, start)
from tui.editor.jobs import CommentJob, DismissJob, MarkJob, Outcome, SaveJob
from tui.editor.state import EditorState, Landed
from workflow.models import EMPTY_BASE


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
