"""The checks on real text: the sample draft's slips are found, the editor's final has no error, and
human translations of news rarely raise an error (false alarms)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from corpora import require_corpora
from workflow.checks import CheckContext, SegmentText, Severity, check_document, checks

DEMO = Path(__file__).resolve().parents[1] / "workflow" / "demo"


def paragraphs(name: str) -> list[str]:
    text = (DEMO / name).read_text(encoding="utf-8")
    return [p.strip().lstrip("#").strip() for p in text.split("\n\n") if p.strip()]


def sample(english: str) -> list[SegmentText]:
    ko, en = paragraphs("ko.md"), paragraphs(english)
    assert len(ko) == len(en) == 16
    return [SegmentText(i, k, e) for i, (k, e) in enumerate(zip(ko, en), start=1)]


def test_draft_slips_are_found():
    found = check_document(sample("en-draft.md"), CheckContext())
    hangul = [f for f in found if f.check == "hangul.left" and f.segment == 6]
    assert hangul and hangul[0].severity == Severity.ERROR
    draft6 = paragraphs("en-draft.md")[5]
    assert draft6[slice(*hangul[0].target_span)] == "외화벌이"
    assert {f.check for f in found if f.segment == 8} & {"content.sentences", "content.length"}


def test_edited_final_has_no_error():
    found = check_document(sample("en-edited.md"), CheckContext())
    assert [f for f in found if f.severity == Severity.ERROR] == []


# The modules of this checks; the registry also holds glossary and number checks.
OWN = ("workflow.checks.text", "workflow.checks.content", "workflow.checks.consistency")


def error_share(only_own: bool) -> float:
    path = require_corpora("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv")
    pairs = [line.rstrip("\n").split("\t")[3:5]
             for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    assert len(pairs) == 1000
    own = {c.id for c in checks() if c.run.__module__ in OWN}
    context = CheckContext()
    flagged = 0
    by_check: Counter[tuple[str, str]] = Counter()
    for ko, en in pairs:
        findings = [f for f in check_document([SegmentText(1, ko, en)], context)
                    if not only_own or f.check in own]
        flagged += any(f.severity == Severity.ERROR for f in findings)
        by_check.update((f.check, f.severity.value) for f in findings)
    share = flagged / len(pairs)
    scope = "text/content/consistency checks" if only_own else "whole registry"
    print(f"\n{scope}: pairs with an error: {flagged}/{len(pairs)} = {share:.1%}")
    for (check, severity), n in sorted(by_check.items()):
        print(f"  {check:24} {severity:8} {n}")
    return share


def test_false_alarms_of_text_checks_on_human_translations():
    assert error_share(only_own=True) < 0.03


def test_false_alarms_of_whole_registry_on_human_translations():
    assert error_share(only_own=False) < 0.03
