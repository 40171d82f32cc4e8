"""Short glossary terms that are also particles or copula endings (이란, 이라, 인도): after a closing
quote or bracket they match only where kiwi reads them as nouns of the sentence; elsewhere the usual
rules hold, and morphology is not loaded for them. Made-up sentences."""

from __future__ import annotations

import pytest

from glossaries.korean import KoreanMatcher
from glossaries.model import Term

GLOSSARY = [
    Term("이란", "Iran"),
    Term("이라", "Ira"),
    Term("인도", "India"),
    Term("이라크", "Iraq"),
    Term("노동", "labour"),
    Term("옥", "jade"),
]


@pytest.fixture(scope="module")
def matcher() -> KoreanMatcher:
    return KoreanMatcher(GLOSSARY)


def found(matcher: KoreanMatcher, text: str) -> list[str]:
    return [f"{hit.text}@{hit.start}" for hit in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        # The quotative particle and the copula's endings after a quoted or bracketed word: no term.
        ("'옥(獄)'이란 글자는 감옥을 뜻한다.", ["옥@1"]),
        ("그는 '평화'가 \"거짓\"이라고 했다.", []),
        ("사람들은 그것을 \"핵\"이라 불렀다.", []),
        ("그것이 '전쟁'인도 모른다.", []),
        ("그가 말한 “평화”이란 말은 비어 있었다.", []),
        ("위원장은 ‘자립’이라 불렀다.", []),
        # The same terms as nouns: at the start of a word, in quotes, after a bracket kiwi reads as a noun.
        ("이란과 인도가 합의했다.", ["이란@0", "인도@4"]),
        ("미국과 '이란'이 합의했다.", ["이란@5"]),
        ("'이란'은 중동의 나라다.", ["이란@1"]),
        ("\"이란\"과 미국이 협상했다.", ["이란@1"]),
        ("‘인도’ 정부가 밝혔다.", ["인도@1"]),
        ("(이란)이 말했다.", ["이란@1"]),
        ("('이란')이 말했다.", ["이란@2"]),
        ("[사진]인도 정부가 발표했다.", ["인도@4"]),
        ("(AP)인도 경찰은 밝혔다.", ["인도@4"]),
        # Three syllables and more are never a particle's form: no morphology asked.
        ("(사진)이라크 군이 철수했다.", ["이라크@4"]),
        # North Korean spelling of a short term after a closing quote is read folded.
        ("그는 '로동'을 말했다.", ["로동@4"]),
    ],
)
def test_short_terms_after_a_closing_mark(matcher, text, hits):
    assert found(matcher, text) == hits


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        # Inside a word the compound rule already decides (것|이란 is the copula, not Iran).
        ("그것이란 무엇인가.", []),
        # After a space a short term starts a word.
        ("그는 이란 대사를 만났다.", ["이란@3"]),
    ],
)
def test_short_terms_elsewhere_keep_the_word_rules(matcher, text, hits):
    assert found(matcher, text) == hits


def test_the_sentence_read_is_the_one_holding_the_term():
    from glossaries.morphology import sentence_around

    text = "첫 문장이다. 그는 '옥'이란 글자를 썼다. 끝 문장이다."
    start = text.index("이란")
    sentence, offset = sentence_around(text, start, start + 2)
    assert sentence == " 그는 '옥'이란 글자를 썼다."
    assert text[offset:offset + len(sentence)] == sentence
    long = "가" * 500 + " '옥'이란 " + "나" * 500
    start = long.index("이란")
    sentence, offset = sentence_around(long, start, start + 2)
    assert "이란" in sentence and len(sentence) <= 2 * 200 + 2


def test_morphology_is_not_loaded_for_short_terms_starting_a_word():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from glossaries.korean import KoreanMatcher\n"
        "from glossaries.model import Term\n"
        "from glossaries import morphology\n"
        "m = KoreanMatcher([Term('이란', 'Iran'), Term('인도', 'India')])\n"
        "assert [h.text for h in m.find(\"이란과 인도, '이란' (인도)\")] == ['이란', '인도', '이란', '인도']\n"
        "assert morphology._kiwi is None and 'kiwipiepy' not in sys.modules\n"
        "assert [h.text for h in m.find(\"'옥'이란 글자\")] == []\n"
        "assert morphology._kiwi is not None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# Consistency warnings never fire between renderings a glossary entry allows, nor between its Korean forms.

SENT_HOME = Term("송환", "repatriation", en_variants=("repatriated", "sent home", "go home"), id=1)
PARTY = Term("노동당", "Workers' Party", ko_variants=("로동당",), en_variants=("WPK",), id=2)
WORKERS = Term("해외 노동자", "overseas workers", en_variants=("workers abroad",), id=3)
KO = "북한은 해외 노동자 송환을 일부 허용한 것으로 알려졌다."


def consistency(check_id: str, pairs: list[tuple[str, str]]) -> list[int]:
    from glossaries.index import GlossaryIndex
    from workflow.checks import CheckContext, SegmentText, checks

    check = next(c for c in checks() if c.id == check_id)
    segments = [SegmentText(i, ko, en) for i, (ko, en) in enumerate(pairs, start=1)]
    return [f.segment for f in check.run(check, segments, CheckContext(GlossaryIndex([SENT_HOME, PARTY, WORKERS])))]


@pytest.mark.parametrize(
    ("check_id", "pairs", "expected"),
    [
        # Preferred against admitted, admitted against admitted: allowed forms of one entry agree.
        ("consistency.source", [(KO, "North Korea has reportedly allowed some overseas workers to go home."),
                                (KO, "North Korea has reportedly allowed some workers abroad to go home."),
                                (KO, "North Korea has reportedly allowed some overseas workers to go home.")], []),
        ("consistency.source", [(KO, "North Korea has reportedly allowed some overseas workers to be repatriated."),
                                (KO, "North Korea has reportedly allowed some overseas workers to be sent home.")], []),
        ("consistency.source", [(KO, "North Korea has reportedly allowed some workers abroad to be sent home."),
                                (KO, "North Korea has reportedly allowed some overseas workers to be repatriated.")],
         []),
        # The English differs beyond the terms: still a warning.
        ("consistency.source", [(KO, "North Korea has reportedly allowed some overseas workers to be sent home."),
                                (KO, "The North is said to have let a few workers abroad be sent home.")], [2]),
        ("consistency.source", [(KO, "North Korea has reportedly allowed some overseas workers to be sent home."),
                                (KO, "North Korea has reportedly allowed some overseas workers to go home.")], [2]),
        # A rendering on one side only: still a warning.
        ("consistency.source", [(KO, "North Korea has reportedly allowed some overseas workers to be sent home."),
                                (KO, "North Korea has reportedly allowed some overseas workers to leave.")], [2]),
        # One English for a Korean sentence in North and in South Korean spelling: one sentence.
        ("consistency.target", [("노동당은 해외 노동자 송환을 결정했다.", "The Workers' Party decided to repatriate workers."),
                                ("로동당은 해외 노동자 송환을 결정했다.", "The Workers' Party decided to repatriate workers.")],
         []),
        ("consistency.target", [("노동당은 해외 노동자 송환을 결정했다.", "The Workers' Party decided to repatriate workers."),
                                ("노동당은 해외 노동자 파견을 결정했다.", "The Workers' Party decided to repatriate workers.")],
         [2]),
    ],
)
def test_consistency_between_allowed_renderings(check_id, pairs, expected):
    assert consistency(check_id, pairs) == expected
