"""Word diffs: Hangul, punctuation, moved words, and patches that rebuild the new text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.diffs import DELETE, EQUAL, INSERT, effort, patch_text, word_diff


def _render(diff):
    marks = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}"), EQUAL: ("", "")}
    return "".join(marks[op][0] + text + marks[op][1] for op, text in diff)


@pytest.mark.parametrize("old, new, shown", [
    ("security guards watch the staff.", "security guidance officers watch the staff.",
     "security [-guards-]{+guidance officers+} watch the staff."),
    ("보위지도원들을 동원해 감시한다.", "보위지도원을 동원해 직원들을 감시한다.",
     "[-보위지도원들을-]{+보위지도원을+} 동원해 {+직원들을 +}감시한다."),
    ("They left, quickly.", "They left quickly.", "They left[-,-] quickly."),
    ("officers.", "officers,", "officers[-.-]{+,+}"),
    ("The Labor Party’s funds", "The Workers’ Party’s funds", "The [-Labor-]{+Workers’+} Party’s funds"),
])
def test_word_diffs_read_as_a_person_would_mark_them(old, new, shown):
    assert _render(word_diff(old, new)) == shown


def test_a_moved_word_is_a_deletion_and_an_insertion():
    diff = word_diff("home sent workers", "workers sent home")
    assert "".join(t for op, t in diff if op != INSERT) == "home sent workers"
    assert "".join(t for op, t in diff if op != DELETE) == "workers sent home"
    assert {op for op, _ in diff} >= {DELETE, INSERT}


@pytest.mark.parametrize("old, new, changed, words", [
    ("a b c d", "a b c d", 0, 4),
    ("security guards watch", "security guidance officers watch", 2, 3),
    ("one two three", "", 3, 3),
    ("", "new words", 2, 0),
])
def test_effort_counts_word_edits(old, new, changed, words):
    measured = effort(old, new)
    assert (measured.changed, measured.words) == (changed, words)


words = st.sampled_from(["북한", "노동자들을", "송환", "workers", "officers.", "the", "Party’s", ",", "20", "일"])
texts = st.lists(words, max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(old=texts, new=texts)
def test_the_diff_rebuilds_both_texts_and_its_patches_apply(old, new):
    diff = word_diff(old, new)
    assert "".join(t for op, t in diff if op != INSERT) == old
    assert "".join(t for op, t in diff if op != DELETE) == new
    assert patch_text(old, diff) == new
