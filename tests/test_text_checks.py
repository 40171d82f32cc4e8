"""Text, content and consistency checks: a good and a bad example for each, by id, severity and span."""

from __future__ import annotations

import pytest

from workflow.checks import CheckContext, SegmentText, Severity, check_document, checks

KO = "북한이 러시아에 파견된 노동자들을 귀국시키라고 지시한 것으로 알려졌다."
EN = "North Korea has reportedly ordered workers dispatched to Russia to return home."


def run(check_id: str, source: str, target: str):
    check = next(c for c in checks() if c.id == check_id)
    return list(check.run(check, SegmentText(1, source, target), CheckContext()))


GOOD = [
    ("hangul.left", KO, EN),
    ("target.empty", KO, EN),
    ("target.empty", "", ""),
    ("target.untranslated", KO, EN),
    ("punctuation.brackets", "그는 “돈이 없다”고 말했다.", "“We have no money,” he said."),
    # reported speech for a Korean quotation is the editor's choice (48 of 3,717 human pairs, all right)
    ("punctuation.brackets", "그는 “돈이 없다”고 말했다.", "He said they had no money."),
    ("punctuation.brackets", "“첫 문단이 이어진다.", "“The quote runs on into the next paragraph."),
    ("punctuation.brackets", "코로나19(신종 코로나바이러스 감염증)", "COVID-19 (the novel coronavirus)"),
    ("text.doubled_word", KO, "He had had enough."),
    ("text.whitespace", KO, EN),
    ("punctuation.end", KO, EN),
    ("punctuation.end", "정말 그런가?", "Is it really so?"),
    ("punctuation.end", "북한, 노동자 귀국 지시", "North Korea orders workers home"),
    ("content.length", KO, EN),
    ("content.length", "짧다.", "This is short."),  # too short to judge
    ("content.sentences", KO, EN),
    ("content.sentences", "그는 떠났다. 그녀는 남았다.", "He left, but she stayed."),
    # A quote and its attribution: two Korean sentences by the splitter, one in English.
    ("content.sentences", '그는 "여비는 없다. 알아서 오라"라고 말했다.', '"There is no money for travel; find your own way," he said.'),
    # two quotations in one Korean sentence, each its own English sentence
    ("content.sentences", "로쉬킨은 “습격한 곰들은 몰살돼야 한다”며 “곰은 한번 사람을 습격하면 또다시 공격할 수 있다”고 말했다.",
     '"The bears that attacked must be killed," Roshkin said. "Once they kill a human, they will do it again."'),
    ("number.conversion", KO, "It was 111km (69 miles) deep."),
    ("number.conversion", KO, "It lies 240km (about 150 miles) away."),
]

BAD = [  # check id, source, target, severity, target span (None: don't care), source span
    ("hangul.left", KO, "It is part of 외화벌이 activities.", Severity.ERROR, (14, 18), None),
    ("hangul.left", KO, "He typed ㅎ by mistake.", Severity.ERROR, (9, 10), None),
    ("hangul.left", KO, "They trade at the jangmadang (장마당).", Severity.WARNING, (30, 33), None),
    ("target.empty", KO, "  ", Severity.WARNING, None, None),
    ("target.untranslated", KO, KO, Severity.ERROR, (0, len(KO)), None),
    ("target.untranslated", KO, "북한이 러시아 workers 귀국 지시했다", Severity.ERROR, None, None),
    ("punctuation.brackets", KO, "He said (in Seoul that it was over.", Severity.WARNING, (8, 9), None),
    ("punctuation.brackets", KO, "He said in Seoul] that it was over.", Severity.WARNING, (16, 17), None),
    ("punctuation.brackets", KO, "He said “it was over.", Severity.WARNING, (8, 9), None),
    ("text.doubled_word", KO, "He left the the city.", Severity.WARNING, (8, 15), None),
    ("text.whitespace", KO, " He left.", Severity.INFO, (0, 1), None),
    ("text.whitespace", KO, "He left. ", Severity.INFO, (8, 9), None),
    ("text.whitespace", KO, "He  left.", Severity.INFO, (2, 4), None),
    ("punctuation.end", KO, "North Korea ordered workers home", Severity.INFO, (32, 32), None),
    ("punctuation.end", "정말 그런가?", "It really is so.", Severity.INFO, (16, 16), None),
    ("content.length", KO, "Workers return.", Severity.WARNING, None, None),
    ("content.length", KO, EN + " " + EN + " " + EN, Severity.WARNING, None, None),
    ("content.sentences", "그는 떠났다. 그녀는 남았다. 모두 울었다.", "He left.", Severity.WARNING, None, None),
    ("content.sentences", "북한은 3만 명을 보냈다. 강동완 교수는 이것이 사실이라고 말했다.",
     "North Korea sent 30,000 workers.", Severity.WARNING, None, None),
    ("content.sentences", "북한은 3만 명을 보냈다.",
     "North Korea sent 30,000 workers. Professor Kang Dong-wan said it was true.", Severity.WARNING, None, None),
    ("content.sentences",
     "노동자가 병에 걸리면 사업소에서 돈을 걷어 치료비를 마련했다. 사망한 노동자의 시신은 현지에 묻혔다.",
     "When workers fell sick, their workplaces collected money for their treatment.",
     Severity.WARNING, None, None),
    # one of two quotations joined in one Korean sentence is left out: that clause is named
    ("content.sentences", "로쉬킨은 “습격한 곰들은 몰살돼야 한다”며 “곰은 한번 사람을 습격하면 또다시 공격할 수 있다”고 말했다.",
     '"Once they kill a human, they will do it again and again," Roshkin said.', Severity.WARNING, None, (0, 24)),
    ("number.conversion", KO, "It was 111km (65 miles) deep.", Severity.WARNING, (14, 22), None),
]


def test_every_check_is_registered_with_id_name_severity_and_description():
    ids = {c.id: c for c in checks()}
    for check_id in {row[0] for row in GOOD + BAD} | {"consistency.source", "consistency.target"}:
        check = ids[check_id]
        assert check.name and check.description and isinstance(check.severity, Severity)


@pytest.mark.parametrize("check_id,source,target", GOOD)
def test_good_examples_pass(check_id, source, target):
    assert run(check_id, source, target) == []


@pytest.mark.parametrize("check_id,source,target,severity,target_span,source_span", BAD)
def test_bad_examples_are_found(check_id, source, target, severity, target_span, source_span):
    found = run(check_id, source, target)
    assert len(found) == 1, found
    (finding,) = found
    assert finding.check == check_id and finding.severity == severity and finding.segment == 1
    if target_span is not None:
        assert finding.target_span == target_span
        assert target[slice(*target_span)] or target_span[0] == target_span[1]
    if source_span is not None:
        assert finding.source_span == source_span


def test_untranslated_segment_is_one_error_not_many():
    findings = check_document([SegmentText(1, KO, KO)], CheckContext())
    assert [f.check for f in findings if f.severity == Severity.ERROR] == ["target.untranslated"]


REPEATED = "북한은 해외 노동자 송환을 일부 허용한 것으로 알려졌다."


def doc_run(check_id, pairs):
    check = next(c for c in checks() if c.id == check_id)
    segments = [SegmentText(i, ko, en) for i, (ko, en) in enumerate(pairs, start=1)]
    return list(check.run(check, segments, CheckContext()))


@pytest.mark.parametrize("check_id,pairs,expected", [
    ("consistency.source", [(REPEATED, "North Korea has reportedly allowed some workers home."),
                            (KO, EN),
                            (REPEATED, "North Korea has reportedly allowed some workers home.")], []),
    ("consistency.source", [(REPEATED, "North Korea has reportedly allowed some workers home."),
                            (REPEATED, "The North is said to have let some laborers return.")], [2]),
    ("consistency.target", [(REPEATED, "North Korea has reportedly allowed some workers home."),
                            (REPEATED.replace(" ", ""), "North Korea has reportedly allowed some workers home.")], []),
    ("consistency.target", [(REPEATED, "North Korea has reportedly allowed some workers home."),
                            (KO, "North Korea has reportedly allowed some workers home.")], [2]),
    ("consistency.target", [("그는 말했다. " + KO, "He said. " + EN),
                            ("그녀가 말했다. " + REPEATED, "He said. North Korea has reportedly allowed some workers home.")], []),
])
def test_consistency(check_id, pairs, expected):
    found = doc_run(check_id, pairs)
    assert [f.segment for f in found] == expected
    for finding in found:
        assert finding.severity == Severity.WARNING and finding.source_span and finding.target_span


def test_a_dropped_sentence_that_nothing_else_could_explain_is_named_with_its_span():
    source = ("북한은 지난달 러시아에 파견된 노동자 3만 명에게 귀국하라고 지시했다. "
              "평양의 한 소식통은 데일리NK에 “환자부터 먼저 돌려보내고 있다”고 말했다.")
    target = "North Korea last month ordered 30,000 workers deployed to Russia to return home."
    (finding,) = run("content.sentences", source, target)
    assert finding.source_span and source[slice(*finding.source_span)].startswith("평양의")
