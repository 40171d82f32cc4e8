"""Common news words as pairing evidence (issue 19): 사망 and "killed" say the same thing, and a drop
among one-sentence paragraphs of alike length is placed by them where lengths, names and numbers
cannot; where they cannot either, the pairs beside the drop stay marked."""

from __future__ import annotations

import pytest

from workflow import align
from workflow.align_evidence import english_evidence, korean_evidence
from workflow.align_lexicon import CONCEPTS, english_concepts, korean_concepts
from workflow.importer import plan_import


def _meanings(found: frozenset[int]) -> set[str]:
    return {CONCEPTS[n][0][0] for n in found}


@pytest.mark.parametrize("korean, english, meaning", [
    ("경찰은 이날 테러로 38명이 숨지고", "The attack killed at least 38 people", "사망"),
    ("폭탄테러가 발생했다", "a suicide bomber struck", "폭탄"),  # inside a compound
    ("북한은 미사일을", "North Korea fired a missile", "북한"),  # words in a row
    ("미국 정부는", "the U.S. government", "미국"),
    ("섬에 도착했다", "they reached the island", "섬"),  # a one-syllable stem, a particle after it
])
def test_a_meaning_is_found_in_both_languages(korean, english, meaning):
    assert meaning in _meanings(korean_concepts(korean) & english_concepts(english))


@pytest.mark.parametrize("korean, english, meaning", [
    ("핵심은 경제다", "the key is nuclear", "핵"),  # 핵심 is not 핵
    ("섬유 산업", "the island", "섬"),  # 섬유 (fibre) is not 섬
    ("두 배로 늘었다", "the boat doubled", "선박"),  # 두 배 (twice) is no ship
    ("열차가", "as he was trained to do", "열차"),  # train* would read trained
    ("여론조사", "air pollution", "지지율"),  # poll* would read pollution
    ("합의", "according to officials", "합의"),
    ("수입", "an important step", "수입"),
])
def test_a_word_that_only_looks_alike_is_not_the_meaning(korean, english, meaning):
    assert meaning not in _meanings(korean_concepts(korean) & english_concepts(english))


def test_the_us_is_not_us():
    assert "미국" not in _meanings(english_concepts("He told us about it."))


# One-sentence paragraphs of alike length with no names or numbers: only their words tell them apart.
KOREAN = ["경찰은 시위대를 해산했다고 밝혔다.", "지진으로 주택 수백 채가 무너졌다.",
          "대통령은 의회에 예산안을 냈다.", "병원의 환자들이 모두 대피했다.",
          "학생들이 학교로 돌아갔다고 한다."]
ENGLISH = ["Police said they had dispersed the protesters.", "The earthquake destroyed hundreds of homes.",
           "The president sent the budget to parliament.", "All the patients at the hospital were evacuated.",
           "Students have gone back to their schools."]


def _pairs(monkeypatch, korean, english, *, lexicon=True):
    if not lexicon:
        monkeypatch.setattr(align, "CONCEPT_SHARED", 0.0)
        monkeypatch.setattr(align, "CONCEPT_UNSHARED", 0.0)
    source = [align.unit(t, evidence=korean_evidence(t)) for t in korean]
    target = [align.unit(t, evidence=english_evidence(t)) for t in english]
    texts: list[str | None] = [None] * len(korean)
    for bead in align.align(source, target):
        for i in bead.source:
            texts[i] = " ".join(english[j] for j in bead.target) or None
    return texts


def test_news_words_place_a_drop_that_lengths_alone_misplace(monkeypatch):
    right_with, right_without = 0, 0
    for dropped in range(len(KOREAN)):
        english = ENGLISH[:dropped] + ENGLISH[dropped + 1:]
        expected = [None if i == dropped else e for i, e in enumerate(ENGLISH)]
        right_with += _pairs(monkeypatch, KOREAN, english) == expected
        with monkeypatch.context() as m:
            right_without += _pairs(m, KOREAN, english, lexicon=False) == expected
    assert right_with == len(KOREAN)
    assert right_without < len(KOREAN)


def test_the_import_pairs_and_marks_them(tmp_path):
    ko, en = tmp_path / "ko.md", tmp_path / "en.md"
    ko.write_text("\n\n".join(KOREAN) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(ENGLISH[:2] + ENGLISH[3:]) + "\n", encoding="utf-8")
    segments = plan_import(ko, en).segments
    assert [s.target for s in segments] == [*ENGLISH[:2], None, *ENGLISH[3:]]
    assert segments[2].note  # the dropped one says so
    assert not segments[0].note and not segments[4].note  # far from the drop: no doubt


def test_a_drop_the_words_cannot_place_stays_doubtful(tmp_path):
    # Every paragraph says the same things (police, killed, attack): nothing places the drop.
    korean = ["경찰은 테러로 여러 명이 숨졌다고 밝혔다."] * 4
    english = ["Police said several people were killed in the attack."] * 3
    ko, en = tmp_path / "ko.md", tmp_path / "en.md"
    ko.write_text("\n\n".join(korean) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(english) + "\n", encoding="utf-8")
    segments = plan_import(ko, en).segments
    assert all(s.note for s in segments)
    beads = align.align([align.unit(t, evidence=korean_evidence(t)) for t in korean],
                        [align.unit(t, evidence=english_evidence(t)) for t in english])
    assert all(b.close_call and b.alternative is not None for b in beads if b.shape == (1, 1))


def test_a_question_stays_a_question(monkeypatch):
    # Alike lengths, no names, numbers or news words: only the question mark says which Korean
    # paragraph the English question renders, and so which one lost its English.
    korean = ["그는 오늘 그곳에 간다고 말했다.", "그녀는 어디에 가는 것일까?", "그들은 내일 여기에 온다고 했다."]
    english = ["Where is she going after all?", "They said they would come here tomorrow."]
    assert _pairs(monkeypatch, korean, english) == [None, *english]
    monkeypatch.setattr(align, "QUESTION_MISMATCH", 0.0)
    assert _pairs(monkeypatch, korean, english) != [None, *english]


def test_sentence_pairing_reads_the_same_evidence(tmp_path):
    # align.unit without evidence (the import's sentence pairing) reads Korean as Korean, English as English.
    assert align.unit("경찰은 테러로 38명이 숨졌다고 밝혔다.").evidence.concepts
    assert align.unit("Police said 38 people were killed in the attack.").evidence.concepts
    # A paragraph whose middle sentence the draft dropped: its words say which one.
    ko, en = tmp_path / "ko.md", tmp_path / "en.md"
    ko.write_text(" ".join(KOREAN[:3]) + "\n", encoding="utf-8")
    en.write_text(" ".join([ENGLISH[0], ENGLISH[2]]) + "\n", encoding="utf-8")
    segments = plan_import(ko, en, sentences=True).segments
    assert [s.target for s in segments] == [ENGLISH[0], None, ENGLISH[2]]


def test_the_table_is_checked_as_it_is_read():
    from workflow.align_lexicon import parse
    assert parse("# a comment\n\n경찰 | police*, officer*\n") == ((("경찰",), ("police*", "officer*")),)
    for broken in ("경찰 police", "경찰 | police | cops", " | police", "경찰 | "):
        with pytest.raises(ValueError, match="align_lexicon.txt, line 1"):
            parse(broken)


def test_every_stem_of_the_table_is_found_where_it_stands():
    # The automaton finds every stem of the shipped table inside a word, particles after it; a
    # one-syllable stem only as a word of its own.
    for n, (stems, _forms) in enumerate(CONCEPTS):
        for stem in stems:
            text = f"그 {stem}" if stem.isascii() else f"그 {stem}{'은' if len(stem) == 1 else '들의'} 일"
            assert n in korean_concepts(text), (stem, text)


def test_a_table_line_found_in_both_languages_shares_its_meaning():
    # Each meaning's first English form (a phrase, a word or a word's beginning) is read back.
    for n, (_stems, forms) in enumerate(CONCEPTS):
        form = forms[0]
        english = " ".join(w.rstrip("*") + ("ed" if w.endswith("*") else "") for w in form.split())
        assert n in english_concepts(f"They saw {english} there."), (form, english)


def test_no_meaning_is_written_twice():
    # Two lines with the same Korean stems would count one word as two shared (or one-sided) meanings.
    seen: dict[frozenset[str], int] = {}
    for n, (stems, _forms) in enumerate(CONCEPTS):
        assert frozenset(stems) not in seen, f"meaning {n} repeats meaning {seen[frozenset(stems)]}: {stems}"
        seen[frozenset(stems)] = n
