"""ctrl+r's edit, on the demo glossary and the sample article's own sentences: where the rendering
goes (over the slip, the selection, or at the cursor), and how it looks (quotes, number, spacing)."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from glossaries.csv_io import read_csv
from glossaries.index import GlossaryIndex, TermUse
from workflow.term_insertion import apply, candidates, choices, choices_for, edit_for, inflected_like, renderings

# Segment 6 of the sample article, as the draft has it: 외화벌이 left in curly-quoted copy.
KO6 = ('소식통에 따르면 러시아 내 사업소들은 3월 중순 북한 당국으로부터 "외화벌이를 통한 로동당의 자금 확보에 장애가 '
       '되는 환자들"을 사안별로 귀국시키라는 지시를 받았다.')
EN6 = ("According to the reporting partner, workplaces in Russia received an order from the North Korean "
       "authorities in mid-March calling for the case-by-case return of “sick people judged to be an obstacle "
       "to the Labor Party’s acquiring of funds through 외화벌이 activities.”")
KO16 = "러시아 내 사업소들은 보위지도원들을 동원해 직원들을 감시하는 데 총력을 기울이고 있다."
EN16 = "Russia-based workplaces are mobilizing security guards to monitor their staff."
KO14 = "번 돈을 모두 조국에 바쳤는데, 이제 와서 조국은 10달러도 못 준다"
EN14 = "giving all their money to the motherland. But now the state refuses to give even 10 dollars"


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex(read_csv(SAMPLE / "glossary-nk-news.csv"))


def use_of(index: GlossaryIndex, ko: str, en: str, term: str) -> TermUse:
    return next(u for u in index.analyse(ko, en) if u.term.ko == term)


def test_korean_left_in_the_english_is_replaced_not_appended(index):
    use = use_of(index, KO6, EN6, "외화벌이")
    edit = edit_for(EN6, len(EN6), None, use, use.term.en)  # the cursor at the end, where the bug appended
    result = apply(EN6, edit)
    assert result.endswith("funds through foreign currency-earning activities.”")
    assert "외화벌이" not in result and result.count("foreign currency-earning") == 1
    assert result[:edit.cursor].endswith("foreign currency-earning")


def test_the_korean_word_goes_with_its_particles_and_its_plural(index):
    english = "funds through 외화벌이를 activities"
    use = use_of(index, KO6, english, "외화벌이")
    assert apply(english, edit_for(english, 0, None, use, use.term.en)) == "funds through foreign currency-earning activities"
    english = "they mobilize 보위지도원들 to watch"
    use = use_of(index, KO16, english, "보위지도원")
    assert apply(english, edit_for(english, 0, None, use, use.term.en)) == "they mobilize security guidance officers to watch"


def test_a_forbidden_rendering_is_replaced_in_its_number(index):
    use = use_of(index, KO16, EN16, "보위지도원")
    result = apply(EN16, edit_for(EN16, 0, None, use, use.term.en))
    assert result == "Russia-based workplaces are mobilizing security guidance officers to monitor their staff."
    one = "They sent a security guard."
    use = use_of(index, KO16, one, "보위지도원")
    assert apply(one, edit_for(one, 0, None, use, use.term.en)) == "They sent a security guidance officer."


def test_the_rendering_follows_curly_or_straight_apostrophes(index):
    use = use_of(index, KO6, EN6, "노동당")
    assert "the Workers’ Party’s acquiring" in apply(EN6, edit_for(EN6, 0, None, use, use.term.en))
    straight = "the Labor Party's funds"
    use = use_of(index, KO6, straight, "노동당")
    assert apply(straight, edit_for(straight, 0, None, use, use.term.en)) == "the Workers' Party's funds"


def test_inserting_at_the_cursor_spaces_the_words(index):
    english = "Workers were sent home by their."  # 사업소 missing
    use = use_of(index, "사업소에서 귀국시켰다", english, "사업소")
    at = english.index(".")
    edit = edit_for(english, at, None, use, "workplace")
    assert apply(english, edit) == "Workers were sent home by their workplace."
    assert edit.cursor == at + len(" workplace")
    # After a space: no second one; before a word: one added after.
    at = english.index("home")
    assert apply(english, edit_for(english, at, None, use, "workplace")) == (
        "Workers were sent workplace home by their.")


def test_a_selection_is_replaced_and_the_cursor_left_after_it(index):
    english = "They were sent home by their employers."
    use = use_of(index, "사업소에서 귀국시켰다", english, "사업소")
    start = english.index("employers")
    edit = edit_for(english, start + 9, (start, start + 9), use, "workplace")
    assert (edit.start, edit.end) == (start, start + 9)
    assert apply(english, edit) == "They were sent home by their workplace."
    assert edit.cursor == start + len("workplace")  # a cursor, not a selection: the next ctrl+r inserts


def test_a_selected_form_of_the_term_keeps_its_number(index):
    english = "mobilizing guards and security agents"
    use = use_of(index, KO16, english, "보위지도원")
    start = english.index("security agents")
    edit = edit_for(english, 0, (start, len(english)), use, use.term.en)
    assert apply(english, edit) == "mobilizing guards and security guidance officers"


def test_words_the_rendering_repeats_are_not_doubled(index):
    english = "to earn foreign money abroad"
    use = use_of(index, "해외 외화벌이를 강화", english, "외화벌이")
    assert apply(english, edit_for(english, 0, None, use, "earn foreign currency")) == "to earn foreign currency abroad"


def test_renderings_are_the_preferred_then_the_admitted_ones(index):
    use = use_of(index, KO6, EN6, "외화벌이")
    assert renderings(use) == ["foreign currency-earning", "foreign currency earning", "earning foreign currency",
                               "earn foreign currency"]
    assert renderings(use_of(index, KO6, EN6, "노동당")) == ["Workers' Party", "Workers' Party of Korea", "WPK"]


def test_the_open_term_nearest_the_cursor_comes_first(index):
    uses = index.analyse(KO6, EN6)
    assert [u.term.ko for u in candidates(uses, EN6, EN6.index("Labor"))] == ["노동당", "외화벌이"]
    assert [u.term.ko for u in candidates(uses, EN6, len(EN6))] == ["외화벌이", "노동당"]
    # 사업소 is rendered (workplaces) and the cursor is elsewhere: nothing to offer for it.
    assert "사업소" not in [u.term.ko for u in candidates(uses, EN6, 0)]


def test_a_term_twice_in_the_korean_is_one_choice(index):
    uses = index.analyse(KO14, EN14)
    assert len([u for u in uses if u.term.ko == "조국"]) == 2
    offered = choices(uses, EN14, 0)
    assert [(c.use.term.ko, c.rendering, c.replaces) for c in offered] == [("조국", "fatherland", "motherland")]
    assert apply(EN14, offered[0].edit).startswith("giving all their money to the fatherland.")


def test_a_rendered_term_under_the_cursor_offers_its_other_renderings(index):
    english = "their push to earn foreign currency abroad"
    use = use_of(index, "해외 외화벌이를 강화", english, "외화벌이")
    offered = choices_for(use, english, english.index("foreign"))
    assert offered[0].replaces == "earn foreign currency"
    assert apply(english, offered[0].edit) == "their push to foreign currency-earning abroad"


def test_inflected_like_follows_the_words_it_replaces():
    assert inflected_like("security guidance officer", "security guards", "security guard") == "security guidance officers"
    assert inflected_like("Workers' Party", "Labor Party", "Labor Party") == "Workers' Party"
    assert inflected_like("security agency", "security guards", "security guard") == "security agencies"
