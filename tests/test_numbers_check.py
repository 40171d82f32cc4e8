"""Numbers checks: Korean units and counters against English forms, on corpus pairs and made-up slips."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from corpora import require_corpora
from workflow.checks import CheckContext, SegmentText, checks
from workflow.checks.korean_numbers import korean_value
from workflow.checks.model import Severity
from workflow.checks.numbers import english_numbers

from conftest import DRAFT, KO, SAMPLE, blocks

CORPORA = {
    "ko_en_news_park2016_dev.tsv": ("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv"),
    "ntrex128_ko_en_sentences.tsv": ("ko-en-news-ntrex128", "ntrex128_ko_en_sentences.tsv"),
    "ko_en_jhe_dev.tsv": ("ko-en-jhe", "ko_en_jhe_dev.tsv"),
}
OURS = ("number.", "date.")


def _run(source: str, target: str, prefix: tuple[str, ...] = OURS):
    segment = SegmentText(1, source, target)
    return [f for c in checks() if c.id.startswith(prefix) and c.scope == "segment"
            for f in c.run(c, segment, CheckContext())]


def _rows(name: str) -> dict[str, tuple[str, str]]:
    path = require_corpora(*CORPORA[name])
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")  # no quoting in these files
        rows[cols[0]] = (cols[3], cols[4])
    return rows


def test_the_checks_are_registered_with_ids_and_severities():
    registered = {c.id: c for c in checks()}
    assert registered["number.mismatch"].severity is Severity.ERROR
    assert registered["number.unsure"].severity is Severity.WARNING
    assert all(registered[i].description and registered[i].name for i in ("number.mismatch", "number.unsure"))


@pytest.mark.parametrize("text, value", [
    ("1억1천만", 110_000_000), ("12조3천억", 12_300_000_000_000), ("2만5천", 25_000), ("3.5억", 350_000_000),
    ("2만", 20_000), ("3천", 3_000), ("1,127", 1127), ("2만 5천", 25_000), ("1억 4천 2백만", 142_000_000),
    ("3천5백만", 35_000_000), ("22 억 5 천만", 2_250_000_000), ("12.3", Decimal("12.3")),
])
def test_korean_number_parser(text, value):
    assert korean_value(text) == value


@pytest.mark.parametrize("text, value", [
    ("$110 million", 110_000_000), ("110 million dollars", 110_000_000), ("three years", 3),
    ("a dozen", 12), ("1,127", 1127), ("30 percent", 30), ("twenty-five", 25), ("12.3 trillion", Decimal("12.3e12")),
    ("a million people", 1_000_000), ("$5m", 5_000_000), ("five decades", 50), ("$2bn", 2_000_000_000),
])
def test_english_number_parser(text, value):
    assert english_numbers(text)[0].value == value


PASSING = [
    ("ko_en_news_park2016_dev.tsv", i) for i in
    ("park-dev-0001", "park-dev-0002", "park-dev-0006", "park-dev-0007", "park-dev-0013", "park-dev-0014",
     "park-dev-0019", "park-dev-0045", "park-dev-0054", "park-dev-0071", "park-dev-0078", "park-dev-0080",
     "park-dev-0084", "park-dev-0093")
] + [
    ("ntrex128_ko_en_sentences.tsv", i) for i in
    ("ntrex-0011", "ntrex-0035", "ntrex-0039", "ntrex-0044", "ntrex-0045", "ntrex-0056", "ntrex-0060",
     "ntrex-0065", "ntrex-0068", "ntrex-0071", "ntrex-0076", "ntrex-0077")
] + [
    ("ko_en_jhe_dev.tsv", i) for i in
    ("jhe-dev-0009", "jhe-dev-0049", "jhe-dev-0054", "jhe-dev-0060", "jhe-dev-0067", "jhe-dev-0100")
]


@pytest.mark.parametrize("corpus, row", PASSING, ids=[f"{c}:{r}" for c, r in PASSING])
def test_human_translations_with_numbers_pass(corpus, row):
    source, target = _rows(corpus)[row]
    assert _run(source, target) == []


WRONG = [
    ("소식통은 최근 20일 동안 일하지 못했다고 말했다.", "The source said they had not worked in the past 30 days.", "20일 (20)", "30"),
    ("이 1억1천만 달러 짜리 설비를 공개했다.", "They showed off the $11 million machine.", "1억1천만 달러 (110,000,000)", "$11 million (11,000,000)"),
    ("초당 12조3천억 번의 계산을 한다.", "It performs 12.5 trillion calculations a second.", "12조3천억 번 (12,300,000,000,000)", "12.5 trillion"),
    ("3년 넘게 중단했다.", "It was suspended for over five years.", "3년 (3)", "five (5)"),
    ("노동자 2만 명이 파견됐다.", "Some 2,000 workers were sent.", "2만 명 (20,000)", "2,000"),
    ("3천 명이 참석했다.", "About 300 people attended.", "3천 명 (3,000)", "300"),
    ("실업률은 30%에 달했다.", "Unemployment reached 13 percent.", "30% (30)", "13"),
    ("5명이 숨졌다.", "Six people died.", "5명 (5)", "Six (6)"),
    ("10달러도 못 준다.", "They refuse to give even 100 dollars.", "10달러 (10)", "100"),
    ("10달러를 냈다.", "He paid $12.", "10달러 (10)", "$12"),
    ("1,127명이 투표했다.", "A total of 1,172 people voted.", "1,127명 (1,127)", "1,172"),
    ("3.5억 달러를 투자했다.", "It invested $3.5 million.", "3.5억 달러 (350,000,000)", "$3.5 million (3,500,000)"),
    ("2만5천 명이 모였다.", "Some 2,500 people gathered.", "2만5천 명 (25,000)", "2,500"),
    ("14개월간 조사했다.", "The inquiry lasted 18 months.", "14개월 (14)", "18"),
    ("8시간의 협상 끝에 합의했다.", "They agreed after six hours of talks.", "8시간 (8)", "six (6)"),
    ("12.3% 증가했다.", "It rose 12.8 percent.", "12.3% (12.3)", "12.8"),
    ("20만 명이 모였다.", "Some 2,000 people gathered.", "20만 명 (200,000)", "2,000"),
    ("10개국 외무장관이 참석했다.", "Foreign ministers of 12 countries attended.", "10개국 (10)", "12"),
    ("4일간 16달러 하락했다.", "Oil fell $18 in four days.", "16달러 (16)", "$18"),
    ("45세의 남성이 체포됐다.", "A 54-year-old man was arrested.", "45세 (45)", "54"),
    ("30분 동안 연설했다.", "He spoke for 40 minutes.", "30분 (30)", "40"),
    ("2억 유로가 될 것이다.", "It will be 20 million euros.", "2억 유로 (200,000,000)", "20 million (20,000,000)"),
    ("회원은 110만 명이다.", "It has 11 million members.", "110만 명 (1,100,000)", "11 million (11,000,000)"),
    ("7천 명이 대피했다.", "Seven hundred people were evacuated.", "7천 명 (7,000)", "Seven hundred (700)"),
    ("50년 동안 이어졌다.", "It lasted four decades.", "50년 (50)", "four decades (40)"),
    ("15개 도시에서 시위가 열렸다.", "Protests were held in 50 cities.", "15개 (15)", "50"),
    ("60명이 다쳤다.", "Sixteen people were injured.", "60명 (60)", "Sixteen (16)"),
    ("9천억 원의 손실을 봤다.", "It lost 90 billion won.", "9천억 원 (900,000,000,000)", "90 billion (90,000,000,000)"),
    ("25년 만에 처음이다.", "It is the first time in 52 years.", "25년 (25)", "52"),
    ("1억 4천 2백만 명의 팔로워가 있다.", "He has 124 million followers.", "1억 4천 2백만 명 (142,000,000)", "124 million (124,000,000)"),
]


@pytest.mark.parametrize("source, target, korean, english", WRONG, ids=[w[0] for w in WRONG])
def test_wrong_numbers_are_errors_naming_both_values(source, target, korean, english):
    errors = [f for f in _run(source, target) if f.severity is Severity.ERROR]
    assert [f.check for f in errors] == ["number.mismatch"], errors
    assert korean in errors[0].message and english in errors[0].message, errors[0].message
    assert errors[0].source_span and errors[0].target_span


def test_a_number_left_out_is_only_a_warning():
    findings = _run("5명이 숨졌다.", "People died.")
    assert [(f.check, f.severity) for f in findings] == [("number.unsure", Severity.WARNING)]


def test_won_converted_to_dollars_is_only_a_warning():
    findings = _run("2400억 원을 받았다.", "It received $200 million.")
    assert {f.severity for f in findings} == {Severity.WARNING}


@pytest.mark.parametrize("source, target", [
    ("2020년 1월 초부터 닫혀 있다.", "It has been shut since early January 2020."),
    ("30%를 넘었다.", "It passed 30 per cent."),
    ("1년 동안 독점했다.", "They kept it for a year."),
    ("세 명이 다쳤다.", "Three people were hurt."),
    ("오후 3시에 만났다.", "They met at 3 p.m."),
    ("15시 30분에 만났다.", "They met at 3:30 p.m."),
    ("하나만 남았다.", "Only one is left."),
])
def test_equivalent_forms_pass(source, target):
    assert _run(source, target) == []


def _sample(path: Path) -> list[tuple[str, str]]:
    return list(zip(blocks(KO), blocks(path), strict=True))


def test_the_drafts_thirty_days_is_found():
    source, target = _sample(DRAFT)[10]
    errors = [f for f in _run(source, target) if f.severity is Severity.ERROR]
    assert [f.check for f in errors] == ["number.mismatch"]
    assert "20일 (20)" in errors[0].message and "30" in errors[0].message
    assert source[slice(*errors[0].source_span)] == "20일"
    assert target[slice(*errors[0].target_span)] == "30"


def test_the_edited_article_has_no_errors():
    for source, target in _sample(SAMPLE / "en-edited.md"):
        assert [f for f in _run(source, target) if f.severity is Severity.ERROR] == []


def test_false_alarm_rate_on_park2016_dev(capsys):
    rows = _rows("ko_en_news_park2016_dev.tsv")
    flagged = sum(1 for source, target in rows.values()
                  if any(f.severity is Severity.ERROR for f in _run(source, target)))
    rate = flagged / len(rows)
    with capsys.disabled():
        print(f"\nnumber/date error findings on park2016 dev: {flagged}/{len(rows)} = {rate:.1%}")
    assert rate < 0.03
