"""The checks' recall benchmark (benchmarks/checks_recall.py) seeds what it says it seeds, and only
where the kind applies, so its recall figures measure the checks and not the seeder."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "checks_recall.py"

KO = "북한은 2019년 7월 16일 노동자 3만 명을 러시아에 보냈다. 그들은 1억 달러를 벌었다."
EN = "North Korea sent 30,000 workers to Russia on July 16, 2019. They earned $100 million."


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("checks_recall_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.mark.parametrize("kind, changed", [
    ("scale", "$100 billion"), ("month", None), ("day", "July 17"), ("year", None),
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
