"""scripts/align_lexicon_check.py: a stem found inside unrelated words shows a low share of agreeing
pairs, and --write removes exactly the weak stems and forms (and meanings left empty on a side)."""

from __future__ import annotations

from pathlib import Path

import pytest
from script_modules import loaded

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "align_lexicon_check.py"


@pytest.fixture(scope="module")
def check():
    yield from loaded(SCRIPT, "align_lexicon_check")


def _meaning(stem: str) -> int:
    from workflow.align_lexicon import CONCEPTS
    return next(n for n, (stems, _forms) in enumerate(CONCEPTS) if stem in stems)


def test_agreement_is_counted_per_stem_and_form(check):
    police = _meaning("경찰")
    pairs = [("경찰은 그를 체포했다.", "Police arrested him."),
             ("경찰이 왔다.", "Officers came."),
             ("경찰서 앞에서 만났다.", "They met at the station.")]  # the English does not say it
    found, agreed = check.tally(pairs)
    assert found[police, "ko", "경찰"] == 3 and agreed[police, "ko", "경찰"] == 2
    assert found[police, "en", "police*"] == 1 and agreed[police, "en", "police*"] == 1


def test_a_stem_read_inside_other_words_is_found_and_not_agreed(check):
    # 인하 (a cut) sits inside 확인하 (confirm): were it a stem, a pair that never cuts anything counts.
    assert check.stem_found("인하", "그는 사실을 확인했다") is False  # 확인했 holds no 인하
    assert check.stem_found("인하", "사실을 확인하고") is True
    assert check.stem_found("섬", "섬유 산업") is False and check.stem_found("섬", "섬에 갔다") is True


def test_write_removes_weak_stems_forms_and_emptied_meanings(check, tmp_path):
    table = tmp_path / "lexicon.txt"
    table.write_text("# kept\n경찰, 순경 | police*, cop\n폭탄 | bomb*\n", encoding="utf-8")
    dropped = check.write_without(table, {(0, "ko", "순경"), (0, "en", "cop"), (1, "en", "bomb*")})
    assert dropped == 1
    assert table.read_text(encoding="utf-8") == "# kept\n경찰 | police*\n"
