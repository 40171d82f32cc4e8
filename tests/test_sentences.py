"""Sentence splitting: hand-written Korean and English news cases, and NTREX-128 line-end recall."""

import json

import pytest

from corpora import require_corpora
from workflow.sentences import ends_in_quotation, inside_quotation, paragraph_pieces, split_sentences

KO_CASES = [
    # (input, expected sentences)
    ("북한이 미사일을 발사했다. 합참은 이를 확인했다.", ["북한이 미사일을 발사했다.", "합참은 이를 확인했다."]),
    ('그는 "협상은 끝났다."라고 말했다. 회담은 결렬됐다.', ['그는 "협상은 끝났다."라고 말했다.', "회담은 결렬됐다."]),
    ('그는 "협상은 끝났다"고 말했다. 이어 기자회견을 열었다.', ['그는 "협상은 끝났다"고 말했다.', "이어 기자회견을 열었다."]),
    ("김 위원장은 “핵무력을 강화하겠다.”라고 밝혔다. 이는 처음이다.", ["김 위원장은 “핵무력을 강화하겠다.”라고 밝혔다.", "이는 처음이다."]),
    ("그는 “대화의 문은 열려 있다”며 “공은 미국에 넘어갔다.”고 강조했다.", ["그는 “대화의 문은 열려 있다”며 “공은 미국에 넘어갔다.”고 강조했다."]),
    ('당국자는 "아직 확인되지 않았다."면서 말을 아꼈다.', ['당국자는 "아직 확인되지 않았다."면서 말을 아꼈다.']),
    ("“제재는 효과가 없다”는 주장도 나왔다. 정부는 반박했다.", ["“제재는 효과가 없다”는 주장도 나왔다.", "정부는 반박했다."]),
    ("그는 “더는 기다릴 수 없다”라며 자리를 떴다.", ["그는 “더는 기다릴 수 없다”라며 자리를 떴다."]),
    ("야당은 ‘대화가 먼저다.’라며 반발했다. 여당은 침묵했다.", ["야당은 ‘대화가 먼저다.’라며 반발했다.", "여당은 침묵했다."]),
    ("그는 '이제 끝났다.'라고 적었다. 팬들은 놀랐다.", ["그는 '이제 끝났다.'라고 적었다.", "팬들은 놀랐다."]),
    ("경제성장률은 3.5%로 집계됐다. 수출은 1.2억 달러 늘었다.", ["경제성장률은 3.5%로 집계됐다.", "수출은 1.2억 달러 늘었다."]),
    ("버전 2.1.3이 배포됐다. 사용자는 1.2만 명이다.", ["버전 2.1.3이 배포됐다.", "사용자는 1.2만 명이다."]),
    ("(서울=연합뉴스) 홍길동 기자 = 북한이 29일 동해상으로 탄도미사일을 발사했다. 합참이 밝혔다.",
     ["(서울=연합뉴스) 홍길동 기자 = 북한이 29일 동해상으로 탄도미사일을 발사했다.", "합참이 밝혔다."]),
    ("지원이 끊겼다. 2020년 1월부터 국경이 봉쇄됐다.", ["지원이 끊겼다.", "2020년 1월부터 국경이 봉쇄됐다."]),
    ("왜 북한은 이 시점에 도발했을까? 전문가들은 내부 결속을 꼽는다.", ["왜 북한은 이 시점에 도발했을까?", "전문가들은 내부 결속을 꼽는다."]),
    ("기자가 “언제 돌아오나?”라고 묻자 그는 웃었다.", ["기자가 “언제 돌아오나?”라고 묻자 그는 웃었다."]),
    ("놀라운 결과다! 아무도 예상하지 못했다.", ["놀라운 결과다!", "아무도 예상하지 못했다."]),
    ("이번 회의에는 U.S. 대표단이 참석했다. 회의는 비공개였다.", ["이번 회의에는 U.S. 대표단이 참석했다.", "회의는 비공개였다."]),
    ("미국 국무부(U.S. Department of State)는 성명을 냈다. 한국도 환영했다.",
     ["미국 국무부(U.S. Department of State)는 성명을 냈다.", "한국도 환영했다."]),
    ("북한 노동자들이 건설 현장에서 일하고 있다. (사진=강동완 제공)", ["북한 노동자들이 건설 현장에서 일하고 있다.", "(사진=강동완 제공)"]),
    ("(사진=강동완 제공) 러시아 건설 현장의 북한 노동자들.", ["(사진=강동완 제공) 러시아 건설 현장의 북한 노동자들."]),
    ("협상은 결렬됐다… 양측은 다음 달 다시 만난다.", ["협상은 결렬됐다…", "양측은 다음 달 다시 만난다."]),
    ("그런데… 이번에는 달랐다.", ["그런데… 이번에는 달랐다."]),
    ("그런데... 이번에는 달랐다. 결국 결렬됐다... 양측은 떠났다.", ["그런데... 이번에는 달랐다.", "결국 결렬됐다...", "양측은 떠났다."]),
    ("그는 “북측이 ‘더는 기다리지 않겠다.’고 통보했다”고 전했다. 회담은 취소됐다.",
     ["그는 “북측이 ‘더는 기다리지 않겠다.’고 통보했다”고 전했다.", "회담은 취소됐다."]),
    ("그는 이렇게 말했다. “우리는 포기하지 않는다.” 이어 자리를 떠났다.",
     ["그는 이렇게 말했다.", "“우리는 포기하지 않는다.”", "이어 자리를 떠났다."]),
    ("많은 분들이 걱정하고 있습니다 하지만 상황은 나아지고 있습니다.", ["많은 분들이 걱정하고 있습니다", "하지만 상황은 나아지고 있습니다."]),
    ('그는 "더는 못 참는다." 라고 말했다.', ['그는 "더는 못 참는다." 라고 말했다.']),
    ("실태는 다음과 같다. 1. 임금 착취 2. 장시간 노동", ["실태는 다음과 같다.", "1. 임금 착취 2. 장시간 노동"]),
    ('그는 SNS에 "Thank you."라고 적었다. 팬들은 환호했다.', ['그는 SNS에 "Thank you."라고 적었다.', "팬들은 환호했다."]),
    ("Apple Inc. 측은 답하지 않았다.", ["Apple Inc. 측은 답하지 않았다."]),
    ("그들은 실망하고 있다.. 이유는 간단하다.", ["그들은 실망하고 있다..", "이유는 간단하다."]),
    ('당신은 권력을 가졌다."" 플레이크는 말했다.', ['당신은 권력을 가졌다.""', "플레이크는 말했다."]),
    ("“유출하지 않았어요” 음, 잠깐만요.", ["“유출하지 않았어요”", "음, 잠깐만요."]),
    ("수출이 급감했다 정부는 대책을 내놨다.", ["수출이 급감했다", "정부는 대책을 내놨다."]),
    ("일을 하다 보니 늦었다.", ["일을 하다 보니 늦었다."]),
    ("주요 지진은 다음과 같다: 2004년 수마트라 지진.", ["주요 지진은 다음과 같다: 2004년 수마트라 지진."]),
    ("준비됐습니까? 네, 준비됐습니다.", ["준비됐습니까?", "네, 준비됐습니다."]),
    ("그는 새 폰을 샀다. iPhone이 아니었다.", ["그는 새 폰을 샀다.", "iPhone이 아니었다."]),
    ("현지인들은 “위에 있다” 혹은 “저 너머에 있다”는 표현을 쓴다.", ["현지인들은 “위에 있다” 혹은 “저 너머에 있다”는 표현을 쓴다."]),
    ("카리용을 주문했습니다 . 존슨 목사가 왔다.", ["카리용을 주문했습니다 .", "존슨 목사가 왔다."]),
    ("공약 발표를 도왔다 고 말했습니다. 단체는 해산했다.", ["공약 발표를 도왔다 고 말했습니다.", "단체는 해산했다."]),
    ("아버지는 돌아가셨습니다 - 그는 같은 일을 겪은 친구를 만났다.", ["아버지는 돌아가셨습니다 - 그는 같은 일을 겪은 친구를 만났다."]),
    ("설령 실패했다 하더라도 의미가 있다.", ["설령 실패했다 하더라도 의미가 있다."]),
    ("당국은 \"A다. B다\"라고 했다.", ['당국은 "A다.', 'B다"라고 했다.']),  # quoted sentences split, as NTREX does
]

EN_CASES = [
    ("The U.S. and South Korea held talks. North Korea protested.", ["The U.S. and South Korea held talks.", "North Korea protested."]),
    ("Talks were held in the U.S. The next day, Pyongyang responded.", ["Talks were held in the U.S.", "The next day, Pyongyang responded."]),
    ("U.S. President Donald Trump met the U.N. envoy.", ["U.S. President Donald Trump met the U.N. envoy."]),
    ("Mr. Kim and Dr. Lee met Gen. Park and Lt. Col. Choi.", ["Mr. Kim and Dr. Lee met Gen. Park and Lt. Col. Choi."]),
    ("They met at 10 a.m. on Monday. It went well.", ["They met at 10 a.m. on Monday.", "It went well."]),
    ("They met at 5 p.m. They left at six.", ["They met at 5 p.m.", "They left at six."]),
    ("SEOUL, Nov. 29 (Yonhap) -- North Korea said Thursday it will not negotiate.",
     ["SEOUL, Nov. 29 (Yonhap) -- North Korea said Thursday it will not negotiate."]),
    ("Exports fell sharply, the ministry said. 2019 was a hard year.", ["Exports fell sharply, the ministry said.", "2019 was a hard year."]),
    ("Growth slowed to 2.7 percent. Inflation rose 1.5%.", ["Growth slowed to 2.7 percent.", "Inflation rose 1.5%."]),
    ("It released version 3.2.1 of its app. Users complained.", ["It released version 3.2.1 of its app.", "Users complained."]),
    ("Kim J. Un is not a real name.", ["Kim J. Un is not a real name."]),
    ("J.P. Morgan Chase & Co. said profits rose.", ["J.P. Morgan Chase & Co. said profits rose."]),
    ("Samsung Electronics Co. Ltd. reported record profits.", ["Samsung Electronics Co. Ltd. reported record profits."]),
    ("He paused... Then he walked out.", ["He paused...", "Then he walked out."]),
    ("He paused... then walked out.", ["He paused... then walked out."]),
    ("It was over… The crowd left.", ["It was over…", "The crowd left."]),
    ('"Why now?" he asked. Nobody answered.', ['"Why now?" he asked.', "Nobody answered."]),
    ('"Help!" Hammel added. The boy was rescued.', ['"Help!" Hammel added.', "The boy was rescued."]),
    ('"Are you ready?" She said nothing.', ['"Are you ready?"', "She said nothing."]),
    ("“We will not give up,” she said. “Never.”", ["“We will not give up,” she said.", "“Never.”"]),
    ('He said: "It is over." The talks collapsed.', ['He said: "It is over."', "The talks collapsed."]),
    ("She said, \"He called it a 'total failure.'\" Then she left.", ["She said, \"He called it a 'total failure.'\"", "Then she left."]),
    ("They sold apples, pears, etc. at the market.", ["They sold apples, pears, etc. at the market."]),
    ("They sold apples, pears, etc. The market closed early.", ["They sold apples, pears, etc.", "The market closed early."]),
    ("Sen. Lindsey Graham and Rep. Geoff Diehl spoke.", ["Sen. Lindsey Graham and Rep. Geoff Diehl spoke."]),
    ("The case is Roe v. Wade. It was decided in 1973.", ["The case is Roe v. Wade.", "It was decided in 1973."]),
    ("No. 2 seed Nadal lost. He was 25. His coach left.", ["No. 2 seed Nadal lost.", "He was 25.", "His coach left."]),
    ("The vote is on Sept. 30. It may slip to Oct. 7.", ["The vote is on Sept. 30.", "It may slip to Oct. 7."]),
    ("The minister resigned. (He denied wrongdoing.) The party moved on.",
     ["The minister resigned.", "(He denied wrongdoing.)", "The party moved on."]),
    ('He refused. "It is a lie," he said.', ["He refused.", '"It is a lie," he said.']),
    ("He lives on Main St. The house is old. St. Martin's is nearby.", ["He lives on Main St.", "The house is old.", "St. Martin's is nearby."]),
    ("Use a short word, e.g. This one.", ["Use a short word, e.g. This one."]),
    ("The U.N. Security Council met. It condemned the launch.", ["The U.N. Security Council met.", "It condemned the launch."]),
    ("1. Open the file. 2. Save it.", ["1. Open the file.", "2. Save it."]),
    ("A Washington, D.C. newspaper said so.", ["A Washington, D.C. newspaper said so."]),
    ("Incredible! Nobody expected it.", ["Incredible!", "Nobody expected it."]),
    ("Kim Jong Un met Moon Jae-in in Pyongyang. The two leaders agreed.", ["Kim Jong Un met Moon Jae-in in Pyongyang.", "The two leaders agreed."]),
    ("The article was titled “Why Seoul?” and ran on Monday.", ["The article was titled “Why Seoul?” and ran on Monday."]),
    # A lowercase start after a plain word is a slip, not an abbreviation; after a short one it may not be.
    ("Nothing was said about the document. confusion marred the concert.",
     ["Nothing was said about the document.", "confusion marred the concert."]),
    ("It costs approx. five dollars, about 3 ft. long, etc. and more.", ["It costs approx. five dollars, about 3 ft. long, etc. and more."]),
    ("Talks resume in Sept. and end in Oct. or later.", ["Talks resume in Sept. and end in Oct. or later."]),
]

# Messy Korean with no space after the terminator: split, though " ".join then adds that space.
KO_GLUED = [
    ("그는 귀국했다.그는 곧바로 회의에 참석했다.", ["그는 귀국했다.", "그는 곧바로 회의에 참석했다."]),
    ("정말 그랬을까?“아니다”라는 답이 나왔다.", ["정말 그랬을까?", "“아니다”라는 답이 나왔다."]),
]

WHITESPACE_CASES = [
    ("ko", "  북한이\n발사했다.\t\t합참은   확인했다.  "),
    ("en", "He left.\n\nShe  stayed.\r\n"),
    ("en", "   "),
]


def _ids(cases):
    return [text[:30] for text, _ in cases]


@pytest.mark.parametrize(("text", "expected"), KO_CASES + KO_GLUED, ids=_ids(KO_CASES + KO_GLUED))
def test_korean(text, expected):
    assert split_sentences(text, "ko") == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=_ids(EN_CASES))
def test_english(text, expected):
    assert split_sentences(text, "en") == expected


ALL = [("ko", t) for t, _ in KO_CASES] + [("en", t) for t, _ in EN_CASES] + WHITESPACE_CASES


@pytest.mark.parametrize(("lang", "text"), ALL, ids=[f"{lang}-{t[:25]}" for lang, t in ALL])
def test_rejoining_gives_back_the_normalised_input(lang, text):
    result = split_sentences(text, lang)
    assert " ".join(result) == " ".join(text.split())
    assert all(s and s == s.strip() for s in result)


@pytest.mark.parametrize(("text", "expected"), KO_GLUED, ids=_ids(KO_GLUED))
def test_glued_boundaries_lose_nothing(text, expected):
    assert "".join(split_sentences(text, "ko")) == text


@pytest.mark.parametrize("text, inside", [
    # A quotation of two sentences: the second opens inside it, the sentence after it does not.
    ('Asked if it was negotiable, he said, "No. This is our vision." A weekly quoted him.', [False, True, False]),
    ("그는 “협상은 없다. 이것은 우리 구상이다”라고 말했다. 주간지가 보도했다.", [False, True, False]),
    # A quotation running over into a paragraph that reopens it: a break may fall before the reopening.
    ('He said, "We will win. We are strong. "We will not stop."', [False, True, False]),
    ('"Help!" Hammel added. Then he left.', [False, False]),
    ("No quotation here. None at all.", [False, False]),
    # Left open at the end (running on into the next paragraph): what is inside is still known.
    ('He said, "No. Not now. Not ever.', [False, True, True]),
    # A closing mark with none open: the text was cut from a longer one, so nothing is known.
    ("then,” he said. He left. “Go.”", [False, False, False]),
    # A straight mark that opens while one is open: the first was never closed.
    ('Kate said: "We look forward to it. She said they would leave "no stone unturned" in the hunt.',
     [False, False]),
    # Korean drafts close a curly quotation with a straight mark.
    ('그는 “아니다. 이것은 우리 구상"이라고 말했다. 주간지가 보도했다.', [False, True, False]),
])
def test_a_sentence_opening_inside_a_quotation_is_known(text, inside):
    assert inside_quotation(split_sentences(text, "ko" if "다" in text else "en")) == inside


@pytest.mark.parametrize("text, open_at_end", [
    ("그는 “바다는 우리의 것이다.", True),
    ('"No. Not now.', True),
    ('He said, "No." Then he left.', False),
    ("그는 “아니다”라고 말했다.", False),
    ('그는 “아니다"라고 말했다.', False),
    ("then,” he said.", True),  # marks that do not pair up: it may be
])
def test_a_paragraph_that_ends_inside_a_quotation_is_known(text, open_at_end):
    assert ends_in_quotation(text) is open_at_end


@pytest.mark.parametrize("text, pieces", [
    ("Boyd says stations will open today: “There are 665 of them.” They open at 8.",
     ["Boyd says stations will open today:", "“There are 665 of them.”", "They open at 8."]),
    ('Someone else added: "Such an out of touch advert."', ["Someone else added:", '"Such an out of touch advert."']),
    ("The vote was 3:1 in favour. The motto: the sea is ours.", ["The vote was 3:1 in favour.", "The motto: the sea is ours."]),
])
def test_a_quotation_a_colon_introduces_may_be_a_paragraph_of_its_own(text, pieces):
    assert paragraph_pieces(split_sentences(text, "en")) == pieces


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        split_sentences("Hello.", "ja")


def test_ntrex_korean_line_end_recall():
    """Join each NTREX-128 article's Korean lines and split again: >= 99% of line ends must be found.

    The first line is the headline (no final punctuation, its own segment in Tandem), so line ends are
    counted from the end of the second line on.
    """
    path = require_corpora("ko-en-news-ntrex128", "ntrex128_ko_en_documents.jsonl")
    ends = found = 0
    for record in path.read_text(encoding="utf-8").splitlines():
        lines = [s for s in (" ".join(x.split()) for x in json.loads(record)["ko"]) if s][1:]
        text, got, pos = " ".join(lines), set(), 0
        for sentence in split_sentences(text, "ko"):
            pos = text.index(sentence, pos) + len(sentence)  # boundaries may lack a space ("다.그")
            got.add(pos)
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            ends, found = ends + 1, found + (pos in got)
            pos += 1
    assert ends > 1500
    assert found / ends >= 0.99, f"line-end recall {found}/{ends} = {found / ends:.2%}"
