"""Dates checks: months, years and days of the month against weekdays."""

from __future__ import annotations

import pytest

from workflow.checks import CheckContext, SegmentText, checks
from workflow.checks.model import Severity


def _run(source: str, target: str):
    segment = SegmentText(1, source, target)
    return [(f.check, f.severity, f.message) for c in checks() if c.id.startswith("date.")
            for f in c.run(c, segment, CheckContext())]


def test_the_checks_are_registered():
    registered = {c.id: c for c in checks()}
    assert registered["date.mismatch"].severity is Severity.ERROR
    assert registered["date.missing"].severity is Severity.WARNING
    assert registered["date.weekday"].severity is Severity.INFO


@pytest.mark.parametrize("source, target", [
    ("3월 하순부터 돌려보내고 있다.", "They have been sending them home since late March."),
    ("3월 중순 지시를 받았다.", "They received an order in mid-March."),
    ("2020년 1월 초부터 닫혀 있다.", "It has been shut since early January 2020."),
    ("5월 3일 열렸다.", "It was held on May 3."),
    ("1995년 학살", "the 1995 massacre"),
    ("3년 동안 중단했다.", "It was suspended for three years."),  # 3년 is a number, not a year
])
def test_good_dates_pass(source, target):
    assert _run(source, target) == []


@pytest.mark.parametrize("source, target, words", [
    ("3월 하순부터 돌려보내고 있다.", "They have been sending them home since late April.", ["3월", "March", "April"]),
    ("3월 하순부터 돌려보내고 있다.", "They have been sending them home since early March.", ["late March", "early March"]),
    ("2020년 1월 초부터 닫혀 있다.", "It has been shut since early January 2021.", ["2020년", "2021"]),
    ("10월에 열린다.", "It opens in Nov. next year.", ["10월", "October", "Nov."]),
])
def test_a_different_month_or_year_is_an_error(source, target, words):
    errors = [m for check, severity, m in _run(source, target) if severity is Severity.ERROR]
    assert len(errors) == 1 and all(w in errors[0] for w in words), errors


def test_a_month_left_out_is_a_warning():
    assert _run("3월 중순 지시를 받았다.", "They received an order recently.") == [
        ("date.missing", Severity.WARNING, "3월 (March) has no month in the English")]


def test_a_day_given_as_a_weekday_is_info():
    findings = _run("힐 차관보는 22일 오후 밝혔다.", "Hill said late Tuesday.")
    assert [(c, s) for c, s, _ in findings] == [("date.weekday", Severity.INFO)]
    assert "22일" in findings[0][2] and "Tuesday" in findings[0][2]


def test_a_span_of_days_is_not_a_date():
    assert _run("최근 20일 동안 일하지 못했다.", "They have not worked for 20 days, on Monday.") == []
