"""Korean term matching: word starts and particles, compounds, spacing, longest match, North/South
spelling, NFD input, short terms; on a small glossary and on the sample article and glossary."""

from __future__ import annotations

import csv
import unicodedata

import pytest
from conftest import KO, SAMPLE

from glossaries.korean import KoreanHit, KoreanMatcher
from glossaries.model import Term

GLOSSARY = [
    Term("보위지도원", "security guidance officer"),
    Term("지도원", "instructor"),
    Term("외화벌이", "foreign currency-earning"),
    Term("노동당", "Workers' Party"),
    Term("북한", "North Korea"),
    Term("영국", "United Kingdom"),
    Term("미국", "United States"),
    Term("이란", "Iran"),
    Term("해외 노동자", "overseas workers"),
    Term("국립 연구소", "national laboratory"),
    Term("연구소", "laboratory"),
    Term("국경봉쇄", "border closure"),
    Term("이용", "use"),
    Term("여성", "woman"),
    Term("내일", "tomorrow"),
    Term("양강도", "Ryanggang Province"),
    Term("리설주", "Ri Sol Ju"),
]


@pytest.fixture(scope="module")
def matcher() -> KoreanMatcher:
    return KoreanMatcher(GLOSSARY)


def found(matcher: KoreanMatcher, text: str) -> list[tuple[str, str]]:
    return [(hit.text, hit.term.ko) for hit in matcher.find(text)]


MUST_MATCH = [
    # (rule, text, expected [(text slice, term)])
    ("bare word", "보위지도원", [("보위지도원", "보위지도원")]),
    ("particle 이", "보위지도원이 왔다", [("보위지도원", "보위지도원")]),
    ("plural 들 + particle", "보위지도원들을 동원해", [("보위지도원", "보위지도원")]),
    ("object particle", "외화벌이를 강화", [("외화벌이", "외화벌이")]),
    ("genitive, two syllables", "북한의 외화 수입", [("북한", "북한")]),
    ("suffix 군, two syllables", "북한군 병사", [("북한", "북한")]),
    ("after punctuation", '"외화벌이를 통한', [("외화벌이", "외화벌이")]),
    ("after a bracket", "(북한)", [("북한", "북한")]),
    ("longest wins, nested term silent", "보위지도원들", [("보위지도원", "보위지도원")]),
    ("shorter term alone still fires", "지도원이 말했다", [("지도원", "지도원")]),
    ("compound word of a compound", "국립연구소의 발표", [("국립연구소", "국립 연구소")]),
    ("term with space, text without", "해외노동자 송환", [("해외노동자", "해외 노동자")]),
    ("term with space, text with", "해외 노동자 송환", [("해외 노동자", "해외 노동자")]),
    ("term with space, text with two spaces", "해외  노동자", [("해외  노동자", "해외 노동자")]),
    ("term with space, line break in text", "해외\n노동자", [("해외\n노동자", "해외 노동자")]),
    ("internal word, kiwi splits the compound", "민간연구소", [("연구소", "연구소")]),
    ("internal in one proper noun", "조선로동당 중앙위원회", [("로동당", "노동당")]),
    ("NK spelling 로동당", "로동당의 자금 확보", [("로동당", "노동당")]),
    ("NK spelling 리 = 이", "리용하였다", [("리용", "이용")]),
    ("NK spelling 녀 = 여", "녀성들이", [("녀성", "여성")]),
    ("NK spelling 래 = 내", "래일 온다", [("래일", "내일")]),
    ("NK spelling 량 = 양", "량강도 혜산", [("량강도", "양강도")]),
    ("SK spelling of an NK entry", "이설주 여사", [("이설주", "리설주")]),
    ("Iran as a word", "이란의 핵", [("이란", "이란")]),
    ("two terms in one sentence", "북한이 영국에", [("북한", "북한"), ("영국", "영국")]),
]

MUST_NOT_MATCH = [
    ("영국 inside 국영국민연금", "국영국민연금 개혁"),
    ("미국 across a space in the text", "미 국무장관이"),
    ("space in the text where the term has none", "국경 봉쇄로"),
    ("space in the text at the wrong place", "해 외노동자"),
    ("이란 as copula+ending inside a word", "그것이란 무엇인가"),
    ("a term inside a word it is not part of", "경영국면에서"),
    ("no partial term", "보위지도"),
    ("single syllables do not make a word of a compound", "지금"),
]


@pytest.mark.parametrize(("rule", "text", "expected"), MUST_MATCH, ids=[c[0] for c in MUST_MATCH])
def test_must_match(matcher, rule, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(("rule", "text"), MUST_NOT_MATCH, ids=[c[0] for c in MUST_NOT_MATCH])
def test_must_not_match(matcher, rule, text):
    assert found(matcher, text) == []


@pytest.mark.parametrize(("text", "expected"), [("금값", ["금"]), ("금 시세", ["금"]), ("지금", []), ("지원금", [])])
def test_single_syllable_terms_only_where_a_word_starts(text, expected):
    assert [h.text for h in KoreanMatcher([Term("금", "gold")]).find(text)] == expected


@pytest.mark.parametrize(
    ("text", "spelling_variant", "form"),
    [("노동당", False, "노동당"), ("로동당", True, "노동당"), ("리용", True, "이용"), ("이용", False, "이용")],
)
def test_spelling_variant_flag(matcher, text, spelling_variant, form):
    (hit,) = matcher.find(text)
    assert (hit.spelling_variant, hit.form) == (spelling_variant, form)


def test_explain_says_which_term_variant_and_spelling(matcher):
    (hit,) = matcher.find("로동당의 자금")
    assert hit.explain() == "로동당 = 노동당 (North Korean spelling) for Workers' Party"
    (hit,) = matcher.find("이설주 여사")
    assert "South Korean spelling" in hit.explain()
    (hit,) = matcher.find("해외노동자")
    assert hit.explain() == "해외노동자 = 해외 노동자 (spaced differently) for overseas workers"


@pytest.mark.parametrize(
    "text",
    ["북한의 보위지도원들을 동원해 해외노동자를 감시", "러시아 내 로동당 간부와 해외 노동자", "  북한군\t영국 국립 연구소"],
)
def test_offsets_and_slices(matcher, text):
    hits = matcher.find(text)
    assert hits, text
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    for hit in hits:
        assert hit.text == text[hit.start:hit.end]
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))


def test_exact_offsets(matcher):
    hits = matcher.find("러시아 내 로동당 간부와 해외 노동자들")
    assert [(h.start, h.end, h.text) for h in hits] == [(6, 9, "로동당"), (14, 20, "해외 노동자")]


@pytest.mark.parametrize("text", ["북한의 보위지도원들을 동원해 해외노동자를", "로동당과 녀성들", "A 북한 é"])
def test_nfd_input_matches_like_nfc_with_offsets_into_nfd(matcher, text):
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    nfc_hits, nfd_hits = matcher.find(text), matcher.find(nfd)
    assert [(h.term, h.form, h.spelling_variant) for h in nfd_hits] == [
        (h.term, h.form, h.spelling_variant) for h in nfc_hits]
    for nfd_hit, nfc_hit in zip(nfd_hits, nfc_hits):
        assert nfd_hit.text == nfd[nfd_hit.start:nfd_hit.end]
        assert unicodedata.normalize("NFC", nfd_hit.text) == nfc_hit.text


def test_nfd_offsets_exact(matcher):
    nfd = unicodedata.normalize("NFD", "가 북한")  # 가 = 2 jamo, 북 and 한 = 3 jamo each
    (hit,) = matcher.find(nfd)
    assert (hit.start, hit.end) == (3, 9)


def test_nfd_terms_match_nfc_text():
    matcher = KoreanMatcher([Term(unicodedata.normalize("NFD", "북한"), "North Korea")])
    assert [h.text for h in matcher.find("북한의")] == ["북한"]


def test_empty_glossary_and_text():
    assert KoreanMatcher([]).find("북한") == []
    assert KoreanMatcher(GLOSSARY).find("") == []
    assert KoreanMatcher(GLOSSARY).find("no Korean here") == []


def test_hits_are_frozen(matcher):
    (hit,) = matcher.find("북한")
    assert isinstance(hit, KoreanHit)
    with pytest.raises(AttributeError):
        hit.start = 3  # type: ignore[misc]


# --- the sample glossary on the sample article ---------------------------------------------------


def sample_glossary() -> list[Term]:
    split = lambda cell: tuple(v for v in cell.split("|") if v)  # noqa: E731
    with (SAMPLE / "glossary-nk-news.csv").open(encoding="utf-8", newline="") as f:
        return [Term(r["ko"], r["en"], split(r["ko_variants"]), split(r["en_variants"]), split(r["en_forbidden"]),
                     r["pos"], r["domain"], r["note"]).normalized() for r in csv.DictReader(f)]


@pytest.fixture(scope="module")
def sample_hits() -> list[KoreanHit]:
    return KoreanMatcher(sample_glossary()).find(KO.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("seen", "term", "form"),
    [
        ("로동당", "노동당", "로동당"),
        ("보위지도원", "보위지도원", "보위지도원"),
        ("해외 노동자", "해외 노동자", "해외 노동자"),
        ("외화벌이", "외화벌이", "외화벌이"),
        ("대북 제재", "대북 제재", "대북 제재"),
        ("국경 봉쇄", "국경 봉쇄", "국경 봉쇄"),
        ("신종 코로나바이러스 감염증", "코로나19", "신종 코로나바이러스 감염증"),
        ("코로나19", "코로나19", "코로나19"),
        ("데일리NK", "데일리NK", "데일리NK"),
        ("당 자금", "당 자금", "당 자금"),
        ("간부", "간부", "간부"),
        ("여비", "여비", "여비"),
        ("조국", "조국", "조국"),
        ("송환", "송환", "송환"),
        ("소식통", "소식통", "소식통"),
        ("현지 소식통", "소식통", "현지 소식통"),
        ("해외 노동자", "해외 노동자", "해외 노동자"),
        ("사업소", "사업소", "사업소"),
        ("강동완", "강동완", "강동완"),
    ],
)
def test_sample_article_terms_found(sample_hits, seen, term, form):
    assert any(h.text == seen and h.term.ko == term and h.form == form for h in sample_hits), seen


def test_sample_article_reports_the_nk_spelling_of_the_party(sample_hits):
    text = KO.read_text(encoding="utf-8")
    at = text.index("로동당의 자금 확보")
    (hit,) = [h for h in sample_hits if h.start == at]
    assert (hit.end, hit.term.en, hit.form) == (at + 3, "Workers' Party", "로동당")
    assert hit.explain() == "로동당 (listed North Korean spelling of 노동당) for Workers' Party"
    assert text.index("보위지도원들을") in {h.start for h in sample_hits}


def test_sample_article_nk_spelling_without_listed_variant():
    # The same article with a glossary that lists only the South Korean spelling: folding finds it.
    glossary = [t for t in sample_glossary() if t.ko != "노동당"] + [Term("노동당", "Workers' Party")]
    hits = KoreanMatcher(glossary).find(KO.read_text(encoding="utf-8"))
    (party,) = [h for h in hits if h.term.ko == "노동당"]
    assert party.text == "로동당" and party.spelling_variant
    assert party.explain() == "로동당 = 노동당 (North Korean spelling) for Workers' Party"


def test_sample_article_never_matches_plain_labour_words(sample_hits):
    # 노동자 (worker) and 노동 능력 are not 노동당; every hit slice is one of the entry's forms.
    assert not [h for h in sample_hits if h.term.ko == "노동당" and h.text != "로동당"]
    for hit in sample_hits:
        assert " ".join(hit.text.split()).replace(" ", "") in {f.replace(" ", "") for f in hit.term.korean_forms}


# --- implementation promises ---------------------------------------------------------------------


def test_whitespace_set_is_exactly_what_str_split_uses():
    from glossaries.folding import WHITESPACE

    assert WHITESPACE == "".join(ch for ch in map(chr, range(0x110000)) if ch.isspace())


@pytest.mark.parametrize(("north", "south"), [("로동", "노동"), ("리용", "이용"), ("량", "양"), ("력", "역"),
                                              ("래일", "내일"), ("녀성", "여성"), ("뉴", "유"), ("례", "예")])
def test_folding_rule(north, south):
    from glossaries.folding import fold

    assert fold(north) == fold(south) == south


def test_morphology_is_loaded_lazily_and_only_for_inner_candidates():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from glossaries.korean import KoreanMatcher\n"
        "from glossaries.model import Term\n"
        "from glossaries import morphology\n"
        "assert 'kiwipiepy' not in sys.modules\n"
        "m = KoreanMatcher([Term('북한', 'North Korea'), Term('연구소', 'laboratory')])\n"
        "assert [h.text for h in m.find('북한의 연구소에서 북한군이')] == ['북한', '연구소', '북한']\n"
        "assert morphology._kiwi is None and 'kiwipiepy' not in sys.modules\n"
        "assert [h.text for h in m.find('국립연구소')] == ['연구소']\n"
        "assert morphology._kiwi is not None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_preload_in_a_background_thread_while_matching(matcher):
    import threading

    from glossaries.korean import preload_morphology

    loader = threading.Thread(target=preload_morphology)
    loader.start()
    results = [found(matcher, "국립연구소와 민간연구소") for _ in range(3)]
    loader.join()
    assert results == [[("국립연구소", "국립 연구소"), ("연구소", "연구소")]] * 3


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("😀북한 😀", [(1, 3)]),  # beyond the BMP: left as it is
        ("\ud800북한", [(1, 3)]),  # a lone surrogate from surrogateescape decoding
        ("해외\u3000노동자", [(0, 6)]),  # ideographic space
        ("해외\xa0\n노동자", [(0, 7)]),  # a whitespace run of two kinds
        ("\n\n  북한\n", [(4, 6)]),  # leading and trailing whitespace
    ],
)
def test_unusual_characters_keep_offsets(matcher, text, spans):
    assert [(h.start, h.end) for h in matcher.find(text)] == spans


@pytest.mark.parametrize(
    ("text", "explained"),
    [
        ("조국은", "조국 for fatherland"),
        ("해외로동자", "해외로동자 (listed North Korean spelling of 해외 노동자) for overseas workers"),
        ("해외 로동자", "해외 로동자 (listed North Korean spelling of 해외 노동자) for overseas workers"),
        ("해외노동자", "해외노동자 (listed form of 해외 노동자) for overseas workers"),
        ("현지 소식통은", "현지 소식통 (listed form of 소식통) for reporting partner"),
        ("현지소식통은", "현지소식통 = 현지 소식통 (spaced differently; listed form of 소식통) for reporting partner"),
    ],
)
def test_explain_on_the_sample_glossary(text, explained):
    (hit,) = KoreanMatcher(sample_glossary()).find(text)
    assert hit.explain() == explained
