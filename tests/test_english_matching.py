"""English rendering matching: inflection, case per term, apostrophes, hyphen/space/line-break
variants, phrases as consecutive words; on small examples and on the sample article."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from glossaries.english import EnglishHit, EnglishText

MUST_MATCH = [
    # (rule, phrase, text, expected text slices)
    ("plain", "officer", "An officer came.", ["officer"]),
    ("plural", "officer", "Two officers came.", ["officers"]),
    ("possessive: the span leaves 's out", "officer", "The officer's report", ["officer"]),
    ("plural possessive, curly", "officer", "The officers’ report", ["officers"]),
    ("possessive kept when the entry has it", "officer's", "The officer’s report", ["officer’s"]),
    ("phrase, last word inflected", "security guidance officer", "Security guidance officers watched.",
     ["Security guidance officers"]),
    ("verb forms", "repatriate", "They repatriated, are repatriating and will repatriate.",
     ["repatriated", "repatriating", "repatriate"]),
    ("noun for verb entry", "repatriate", "The repatriation began.", ["repatriation"]),
    ("verb for noun entry", "repatriation", "They repatriate workers.", ["repatriate"]),
    ("curly apostrophe in text", "Workers' Party", "the Workers’ Party’s funds", ["Workers’ Party"]),
    ("curly apostrophe in entry", "Workers’ Party", "the Workers' Party", ["Workers' Party"]),
    ("hyphen in entry, space in text", "currency-earning", "foreign currency earning", ["currency earning"]),
    ("space in entry, hyphen in text", "currency earning", "foreign currency-earning work", ["currency-earning"]),
    ("hyphen and line break", "currency earning", "currency-\nearning", ["currency-\nearning"]),
    ("line break", "currency earning", "currency\nearning", ["currency\nearning"]),
    ("en dash", "currency earning", "currency\u2013earning", ["currency\u2013earning"]),
    ("non-breaking hyphen", "currency-earning", "currency\u2011earning", ["currency\u2011earning"]),
    ("non-breaking space", "Daily NK", "told Daily\u00a0NK on Monday", ["Daily\u00a0NK"]),
    ("soft hyphen inside a word", "repatriation", "repatri\u00adation", ["repatri\u00adation"]),
    ("case-insensitive by default", "daily nk", "DAILY NK reported", ["DAILY NK"]),
    ("every occurrence", "party", "party, Party and parties", ["party", "Party", "parties"]),
    ("digits", "COVID-19", "the COVID 19 pandemic", ["COVID 19"]),
    ("inner punctuation in the entry is kept", "U.S.", "U.S. officials", ["U.S"]),
]

MUST_NOT_MATCH = [
    ("different word", "officer", "An official came."),
    ("punctuation breaks a phrase", "security guidance officer", "security, guidance officer"),
    ("sentence end breaks a phrase", "guidance officer", "under his guidance. Officer Kim"),
    ("slash breaks a phrase", "currency earning", "currency/earning"),
    ("words not consecutive", "security guidance officer", "security and guidance officer"),
    ("part of a word", "officer", "an officeholder"),
    ("words glued together", "currency earning", "currencyearning"),
    ("order matters", "guidance officer", "officer guidance"),
    ("phrase longer than text", "security guidance officer", "security guidance"),
]


@pytest.mark.parametrize(("rule", "phrase", "text", "expected"), MUST_MATCH, ids=[c[0] for c in MUST_MATCH])
def test_must_match(rule, phrase, text, expected):
    hits = EnglishText(text).find(phrase)
    assert [h.text for h in hits] == expected
    for hit in hits:
        assert hit.text == text[hit.start:hit.end] and hit.phrase == phrase


@pytest.mark.parametrize(("rule", "phrase", "text"), MUST_NOT_MATCH, ids=[c[0] for c in MUST_NOT_MATCH])
def test_must_not_match(rule, phrase, text):
    assert EnglishText(text).find(phrase) == []


CASE = [
    # (entry, text, matches when case_sensitive=True)
    ("Workers' Party", "the Workers’ Party", True),
    ("Workers' Party", "the workers' party", False),
    ("Workers' Party", "the Workers' party", False),
    ("Daily NK", "Daily NK's reporter", True),
    ("Daily NK", "daily nk", False),
    ("WPK", "the WPK's line", True),
    ("WPK", "the Wpk", False),
    ("officer", "Officer Kim", False),
    ("officer", "the officers", True),
]


@pytest.mark.parametrize(("entry", "text", "matches"), CASE)
def test_case_sensitive_terms(entry, text, matches):
    analysed = EnglishText(text)
    assert bool(analysed.find(entry, case_sensitive=True)) is matches
    assert analysed.find(entry, case_sensitive=False), "case-insensitive always matches these"


def test_offsets_into_the_text_as_given():
    text = "In 2020, North Korea’s security guidance officers—and\nits officials—watched."
    (hit,) = EnglishText(text).find("security guidance officer")
    assert hit == EnglishHit("security guidance officer", 23, 49, "security guidance officers")
    assert text[hit.start:hit.end] == hit.text


def test_one_analysis_many_phrases():
    text = EnglishText("Workers abroad sent foreign currency earnings to the party coffers.")
    assert [h.text for h in text.find("workers abroad")] == ["Workers abroad"]
    assert [h.text for h in text.find("foreign currency earning")] == ["foreign currency earnings"]
    assert [h.text for h in text.find("party coffers")] == ["party coffers"]
    assert text.find("party funds") == []


def test_empty_inputs():
    assert EnglishText("").find("officer") == []
    assert EnglishText("officer").find("") == []
    assert EnglishText("officer").find("—") == []


@pytest.mark.parametrize(
    ("phrase", "seen"),
    [
        ("repatriation", ["repatriations", "repatriation", "repatriating", "repatriate", "repatriating",
                          "repatriated", "repatriation", "repatriations"]),
        ("foreign currency-earning", ["foreign currency earnings", "foreign currency-earning",
                                      "foreign currency earnings"]),
        ("Workers' Party", ["Workers’ Party"]),
        ("reporting partner", ["reporting partner"] * 5),
        ("party coffers", ["party coffers"]),
        ("travel expenses", ["travel expenses", "travel expenses"]),
        ("official", ["officials"]),
        ("fatherland", ["fatherland", "fatherland"]),
        ("COVID-19", ["COVID-19"] * 3),
        ("Daily NK", ["Daily NK", "Daily NK"]),
        ("Labour Party", []),
        ("security guard", []),
    ],
)
def test_sample_article_renderings(phrase, seen):
    text = EnglishText((SAMPLE / "en-edited.md").read_text(encoding="utf-8"))
    assert [h.text for h in text.find(phrase)] == seen


TRICKY = ["happy", "happiness", "possibility", "possible", "dying", "die", "lying", "tying", "skies", "sky",
          "relational", "conditional", "hopping", "hoping", "generalization", "sensibility", "early", "only",
          "gently", "ugly", "news", "cried", "agreed", "feed", "proceedings", "repatriation", "officers'",
          "Workers'", "analogies", "fullness", "hopefully", "carelessly"]


@pytest.mark.parametrize("word", TRICKY)
def test_every_word_starts_with_its_stem_less_two_letters(word):
    # The prefilter (_Phrase.needles) relies on it; a failure here would mean missed hits.
    from glossaries.english import _stem_words

    (stem,) = _stem_words([word.lower()])
    assert word.lower().startswith(stem[:-2])
    assert EnglishText(f"The {word} here.").find(word), word
