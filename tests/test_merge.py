"""Three-way merge of a segment's English: disjoint changes combine, touching ones are a conflict."""

from __future__ import annotations

import random

import pytest

from workflow.merge import merge3

BASE = "Workers sent to Russia earn about $1,000 a month, a defector said."


def test_changes_to_different_words_combine():
    mine = BASE.replace("Workers", "Labourers")
    theirs = BASE.replace("a defector said", "one defector told reporters")
    merge = merge3(BASE, mine, theirs)
    assert merge.clean and not merge.overlap and merge.applied
    assert merge.text == "Labourers sent to Russia earn about $1,000 a month, one defector told reporters."


def test_changes_to_the_same_word_are_a_conflict():
    merge = merge3(BASE, BASE.replace("Russia", "Siberia"), BASE.replace("Russia", "the Russian Far East"))
    assert not merge.clean and merge.overlap and merge.text is None


def test_an_insertion_right_against_the_other_change_is_a_conflict():
    # Nobody chose an order for "Siberian" and "northern": touching changes never merge silently.
    mine = BASE.replace("Russia", "Siberian Russia")
    theirs = BASE.replace("to Russia", "to northern Russia")
    assert merge3(BASE, mine, theirs).overlap
    assert merge3(BASE, BASE.replace("$1,000", "$1,200"), BASE.replace(",000", ",100")).overlap


def test_a_deletion_overlapping_an_edit_is_a_conflict():
    mine = BASE.replace(" about $1,000 a month", "")
    theirs = BASE.replace("a month", "each month")
    merge = merge3(BASE, mine, theirs)
    assert merge.overlap and merge.text is None


def test_the_same_change_made_by_both_is_not_a_conflict():
    both = BASE.replace("earn", "are paid")
    assert merge3(BASE, both, both).text == both
    mine = both.replace("Workers", "Labourers")
    assert merge3(BASE, mine, both).text == mine  # theirs' change is one of mine


def test_one_side_unchanged_gives_the_other():
    theirs = BASE.replace("Russia", "Siberia")
    assert merge3(BASE, BASE, theirs).text == theirs
    assert merge3(BASE, theirs, BASE).text == theirs


def test_korean_words_and_punctuation_are_tokens():
    base = "북한 노동자들이 러시아에서 일한다."
    merge = merge3(base, "북한 근로자들이 러시아에서 일한다.", "북한 노동자들이 러시아에서 일한다!")
    assert merge.text == "북한 근로자들이 러시아에서 일한다!"


def test_repeated_context_is_merged_at_the_right_place():
    # patch_apply alone finds patches by fuzzy context; "the" everywhere must not mislead it.
    base = "the cat and the dog and the bird and the fish"
    mine = "the cat and the dog and the owl and the fish"
    theirs = "the cat and a dog and the bird and the fish"
    assert merge3(base, mine, theirs).text == "the cat and a dog and the owl and the fish"


def test_a_change_inside_the_other_patch_context_is_kept():
    # patch_apply alone returns "m0 a m2 said" here, dropping theirs' "t1": the patch's context
    # ("the a said said") holds the word theirs changed. The merge is built from the hunks instead.
    merge = merge3("the a said said", "m0 a m2 said", "the t1 said said")
    assert merge.text == "m0 t1 m2 said" and not merge.applied


@pytest.mark.parametrize("seed", range(5))
def test_random_word_edits_merge_exactly_when_they_do_not_share_a_word(seed):
    """Replacing words: a clean merge has mine's word where mine changed it, theirs' elsewhere;
    an overlap is reported exactly when both replaced the same word."""
    rng = random.Random(seed)
    vocabulary = ["the", "a", "and", "of", "said", "workers", "Russia", "North", "Korea", "money"]
    merged = conflicts = 0
    for trial in range(200):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(3, 14))]
        mine_words, theirs_words = list(words), list(words)
        mine_at = set(rng.sample(range(len(words)), rng.randint(1, 2)))
        theirs_at = set(rng.sample(range(len(words)), rng.randint(1, 2)))
        for i in mine_at:
            mine_words[i] = f"m{trial}x{i}"
        for i in theirs_at:
            theirs_words[i] = f"t{trial}x{i}"
        merge = merge3(" ".join(words), " ".join(mine_words), " ".join(theirs_words))
        if mine_at & theirs_at:
            assert merge.overlap and merge.text is None
            conflicts += 1
            continue
        assert merge.clean, (words, mine_at, theirs_at)
        expected = [mine_words[i] if i in mine_at else theirs_words[i] for i in range(len(words))]
        assert merge.text == " ".join(expected)
        merged += 1
    assert merged > 100 and conflicts > 10
