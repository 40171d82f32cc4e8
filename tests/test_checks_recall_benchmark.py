"""The checks' recall benchmark (benchmarks/checks_recall.py) seeds what it says it seeds, and only
where the kind applies, so its recall figures measure the checks and not the seeder."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from script_modules import loaded

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "checks_recall.py"

KO = "북한은 2019년 7월 16일 노동자 3만 명을 러시아에 보냈다. 그들은 1억 달러를 벌었다."
EN = "North Korea sent 30,000 workers to Russia on July 16, 2019. They earned $100 million."


@pytest.fixture(scope="module")
def bench():
    yield from loaded(BENCHMARK, "checks_recall_benchmark")


# The scale slips: million for billion, ten times the number before the scale word, ten times a number
# written out in thousands (5만 as "5,000").
SCALED = {EN.replace("$100 million", "$100 billion"), EN.replace("$100 million", "$1000 million"),
          EN.replace("$100 million", "$10 million"), EN.replace("30,000", "3,000"), EN.replace("30,000", "300,000")}


@pytest.mark.parametrize("seed", range(12))
def test_a_scale_slip_is_one_of_those_the_issue_names(bench, seed):
    assert bench.SEEDERS["scale"](KO, EN, random.Random(seed)) in SCALED


def test_every_scale_slip_is_seeded_somewhere(bench):
    assert {bench.SEEDERS["scale"](KO, EN, random.Random(seed)) for seed in range(60)} == SCALED


@pytest.mark.parametrize("kind, changed", [
    ("month", None), ("day", "July 17"), ("year", None),
    ("dropped sentence", None), ("Korean left", None), ("digit", None),
])
def test_each_kind_changes_the_english_where_it_applies(bench, kind, changed):
    wrong = bench.SEEDERS[kind](KO, EN, random.Random(1))
    assert wrong is not None and wrong != EN
    if changed:
        assert changed in wrong
    if kind == "dropped sentence":
        assert len(wrong) < len(EN) and wrong in EN
    if kind == "Korean left":
        assert any("\uac00" <= c <= "\ud7a3" for c in wrong)


def test_a_kind_is_not_seeded_where_it_does_not_apply(bench):
    assert bench.SEEDERS["day"]("그는 떠났다.", "He left.", random.Random(1)) is None
    assert bench.SEEDERS["dropped sentence"]("그는 떠났다.", "He left.", random.Random(1)) is None
    assert bench.SEEDERS["scale"]("그는 떠났다.", "He left.", random.Random(1)) is None


def test_a_seeded_year_is_a_new_finding(bench):
    from workflow.checks import CheckContext

    context = CheckContext()
    before = {bench.key(f) for f in bench.findings(KO, EN, context)}
    wrong = EN.replace("2019", "2018")
    assert [f for f in bench.findings(KO, wrong, context) if bench.key(f) not in before]


def test_the_changed_span_is_what_the_seeder_changed(bench):
    assert bench._changed("It cost 120 dollars.", "It cost 180 dollars.") == (9, 10)
    assert bench._changed("in July 16", "in June 16") == (5, 7)  # "ly" of July


def test_a_seed_where_the_clean_pair_is_already_flagged_is_told_apart(bench):
    from workflow.checks import CheckContext

    ko, en = "그는 떠났다.", "He left 24 hours later."  # the Korean has no number: the 24 is flagged
    clean = bench.findings(ko, en, CheckContext())
    assert bench._already_flagged(clean, bench._changed(en, en.replace("24", "26")))
    assert not bench._already_flagged(clean, bench._changed(en, en.replace("later", "after")))


def test_the_hand_read_verdicts_parse_and_say_real_or_false(bench):
    read = bench.verdicts()
    assert read and {verdict for _begins, verdict, _why in read.values()} == {"real", "false"}
    assert all(corpus in ("park2016", "ntrex128", "jhe") for corpus, _row, _check in read)
