"""Number and date rules (issue 14), one row each: a made-up Korean sentence, an English one, and the
findings the number and date checks must give (check ids, in order), an empty list where none."""

from __future__ import annotations

import pytest

from workflow.checks import CheckContext, SegmentText, checks
from workflow.checks.model import Finding

MISMATCH, UNSURE, DATE, MISSING = "number.mismatch", "number.unsure", "date.mismatch", "date.missing"
CONVERSION = "number.conversion"


def _run(source: str, target: str) -> list[Finding]:
    segment = SegmentText(1, source, target)
    return [f for c in checks() if c.id.startswith(("number.", "date.")) and c.scope == "segment"
            for f in c.run(c, segment, CheckContext())]


RULES = [  # rule, Korean, English, expected check ids
    # a year followed by a comma is still a year
    ("year, comma", "2006년에 다시 열렸다.", "It was held in 2005 and 2006, the last time.", []),
    ("year, comma", "2006년에 다시 열렸다.", "It was held again in 2007, the last time.", [DATE]),
    # years without 년
    ("year without 년", "그는 유로 2008에 출전했다.", "He played at Euro 2008.", []),
    ("year without 년", "그는 유로 2008에 출전했다.", "He played at Euro 2010.", [DATE]),
    ("year without 년", "2002 월드컵에서 뛰었다.", "He played in the 2002 World Cup.", []),
    # 24-hour and race times
    ("time", "3시 33분에 발사했다.", "It was launched at 0333 GMT.", []),
    ("time", "15시 30분에 만났다.", "They met at 3:30 p.m.", []),
    ("time", "30분 동안 연설했다.", "He spoke for 40 minutes.", [MISMATCH]),
    ("time", "오후 8시 40분에 전화가 왔다.", "A call came at 9:40 p.m.", [MISMATCH]),
    ("time", "오후 8시 40분에 전화가 왔다.", "A call came at 8:41 p.m.", [MISMATCH]),
    ("time", "오후 8시 40분에 전화가 왔다.", "A call came at 8:40 p.m.", []),
    ("time, another zone", "12시 15분에 총격이 있었다.", "Shots were fired at 1215 GMT.", []),
    ("time, another zone", "12시 15분에 총격이 있었다.", "Shots were fired at 1216 GMT.", [UNSURE]),
    ("race time", "그는 13초04를 기록했다.", "He ran 13.04 seconds.", []),
    ("time", "오후 8시 40분에 전화가 왔다.", "A call came at 9:40 p.m.", [MISMATCH]),
    ("time", "오후 8시 40분에 전화가 왔다.", "A call came at 8:41 p.m.", [MISMATCH]),
    ("time", "오후 8시 40분에 전화가 왔다.", "A call came at 8:40 p.m.", []),
    ("time, another zone", "12시 15분에 총격이 있었다.", "Shots were fired at 1215 GMT.", []),
    ("time, another zone", "12시 15분에 총격이 있었다.", "Shots were fired at 1216 GMT.", [UNSURE]),
    ("race time", "그는 13초04를 기록했다.", "He ran 13.40 seconds.", [MISMATCH]),
    # conversions the English makes, accepted where it names the unit
    ("°F", "기온은 22~25도였다.", "Temperatures were 72 to 78 degrees.", []),
    ("°F", "기온은 25도였다.", "It was 77°F.", []),
    ("°C", "기온은 22~25도였다.", "Temperatures were 22 to 25 degrees Celsius.", []),
    ("miles", "64km 떨어져 있다.", "It is 40 miles away.", []),
    ("miles", "64km 떨어져 있다.", "It is 64 kilometers away.", []),
    ("km", "40마일 떨어져 있다.", "It is 64 km away.", []),
    ("miles", "240km 떨어져 있다.", "It is about 150 miles away.", []),
    ("mph", "시속 120km의 강풍이 불었다.", "Winds blew at 75 mph.", []),
    ("dateline", "부시, 지원금 추가 요청 2005.10", "Bush asks for more aid.", []),
    ("dateline", "부시, 지원금 추가 요청 2005.10", "Bush asks for more aid in 2006.", [DATE]),
    ("miles", "240km 떨어져 있다.", "It is about 151 miles away.", [UNSURE]),
    ("°F", "기온은 25도였다.", "It was 87 degrees.", [UNSURE]),
    ("same unit", "200m에서 우승했다.", "He won the 200 metres.", []),
    ("same unit", "200m에서 우승했다.", "He won the 400 metres.", [MISMATCH]),
    ("same unit", "기온은 25도였다.", "It was 27 degrees Celsius.", [MISMATCH]),
    ("same unit", "기온은 25도였다.", "It was 27°C.", [MISMATCH]),
    ("conversion in parentheses", "15m 간격으로 2개의 폭탄이 있었다.", "Two bombs were 15 meters (49 feet) apart.", []),
    # regnal numbers and ages
    ("regnal", "베네딕토 16세가 말했다.", "Benedict XVI said.", []),
    ("regnal", "2차 세계대전 뒤", "after World War II", []),
    ("age", "45세의 남성이 체포됐다.", "A 54-year-old man was arrested.", [MISMATCH]),
    ("century", "19세기 여론의 증거다.", "It is evidence of 19th century opinion.", []),
    # ranks and ordinals
    ("rank", "38위에 올랐다.", "It ranked 38th.", []),
    ("rank", "38위에 올랐다.", "It ranked 18th.", [MISMATCH]),
    ("rank", "이번이 3번째다.", "It is the third time.", []),
    ("rank", "이번이 3번째다.", "It is the fifth time.", [MISMATCH]),
    ("minute of a match", "25분 아자르가 골을 넣었다.", "Hazard scored in the 25th minute.", []),
    # decades and age groups
    ("decade", "60대 남성이 숨졌다.", "A man in his 60s died.", []),
    ("decade", "60대 남성이 숨졌다.", "A man in his 70s died.", [MISMATCH]),
    ("decade", "10대 소년 3명이 체포됐다.", "Three teenage boys were arrested.", []),
    ("decade", "60대 남성 1명이 숨졌다.", "One man died.", [UNSURE]),  # left out, not "One"
    # scores written without spaces
    ("score", "3-2(6-46-46-76-79-7)로 이겼다.", "He won 3-2 (6-4, 6-4, 6-7, 6-7, 9-7).", []),
    ("score", "3-2(6-46-46-76-79-7)로 이겼다.", "He won 3-2 (6-4, 6-4, 6-7, 6-7, 9-6).", [UNSURE]),
    ("score", "1-0으로 앞섰다.", "They led 1-0.", []),
    ("score", "1-0으로 앞섰다.", "They led 2-0.", [MISMATCH]),
    ("score, the other side's", "2-3으로 졌다.", "They lost 3-2.", []),
    ("score with 대", "2대0으로 이겼다.", "They won 2-0.", []),
    ("score with 대", "2대0으로 이겼다.", "They won 0-0.", [MISMATCH]),
    ("score with 대", "2 대 1 승리를 거뒀다.", "They won 2-1.", []),
    ("vehicles, no score", "차량 3대 1,000만 원어치가 불탔다.", "Three vehicles worth 10 million won burned.", []),
    # money
    ("cents", "가격은 79센트였다.", "It cost $.79.", []),
    ("won and dollars", "2400억 원을 받았다.", "It received $200 million.", [UNSURE]),
    ("elided scale", "오늘은 1억5천만 유로였다가 내일은 2억 유로가 될 것이다.",
     "Today 150 million euros, tomorrow it will be 200.", [UNSURE]),
    # months are the dates check's and take no English number
    ("month", "8월 물가가 8% 올랐다.", "Prices rose 8 percent in August.", []),
    ("month", "8월 물가가 8% 올랐다.", "Prices rose 9 percent in August.", [MISMATCH]),
    # days of the month
    ("day", "12월27일 열렸다.", "It was held on Dec. 27.", []),
    ("day", "12월27일 열렸다.", "It was held on Dec. 28.", [DATE]),
    ("day", "12월 27일 열렸다.", "It was held on 28 December.", [DATE]),
    ("day", "지난 16일 열렸다.", "It was held on March 16.", []),
    ("day", "최근 20일 동안 일하지 못했다.", "They have not worked for 20 days.", []),
    # a date naming an event is no number
    ("named date", "6.15 남북공동선언 5주년 행사", "the fifth anniversary of the June 15 joint declaration", []),
    # a sure number is an error whatever particle follows
    ("particle", "5는 홀수다.", "Six is an odd number.", [MISMATCH]),
    ("particle", "회원 수가 300에 달했다.", "Membership reached 400.", [MISMATCH]),
    ("particle", "6자회담이 열렸다.", "The six-party talks opened.", []),
    # no chains: a number the English leaves out is paired with nothing
    ("no chain", "12개의 섬이 있고 40마일 떨어져 있다.", "The island lies 40 miles off.", [UNSURE]),
    ("no chain, years", "2010년 목표는 수정됐으나 2010년에 달성할 수 있다.", "The 2011 goal has been revised.", [DATE]),
    ("no chain, years", "2006년과 2007년에 열렸다.", "It was held in 2008.", []),  # which one? nothing sure
    ("one date left", "2006년에 열렸다.", "It was held in 2005 and 2007.", [DATE]),  # wrong whichever it is
    ("one date left", "9월 인도분이 지난달 4일 이후 최저였다.", "October delivery hit its lowest since June 4.", [DATE]),
    ("no chain", "12개의 섬과 5개의 항구, 3개의 공항이 있다.", "There are islands, ports and 40 airports.", [UNSURE] * 3),
    ("one finding", "5명이 숨졌다.", "Six people died.", [MISMATCH]),
    # native numbers of two words, and spans of days in words
    ("native tens", "돼지 열 다섯 마리를 팔았다.", "He sold 15 pigs.", []),
    ("native tens", "돼지 열 다섯 마리를 팔았다.", "He sold 95 pigs.", [UNSURE]),
    ("native tens", "스물세 살의 청년", "a 23-year-old man", []),
    ("days in a word", "제출을 하루 앞두고 왔다.", "They came 24 hours before the deadline.", []),
    ("days in a word", "이틀 동안 회의했다.", "They met for two days.", []),
    # a count of people or things is never a span of time or a sum
    ("count", "10분 만에 출동했고 2명을 구조했다.", "They came 18 minutes later and rescued two.", [MISMATCH]),
    ("count", "10분 만에 출동했고 2명을 구조했다.", "They came 10 minutes later and rescued two.", []),
    # of several English numbers, the one in the Korean's own unit answers it
    ("own unit", "8840m에서 3048m까지 내려왔다.", "It came down from 29,000 feet (8,841 meters) to 10,000 feet "
     "(3,048 meters).", [MISMATCH]),
    ("own unit", "8840m에서 3048m까지 내려왔다.", "It came down from 29,000 feet (8,840 meters) to 10,000 feet "
     "(3,048 meters).", []),
    ("unit sign", "깊이는 111㎞였다.", "It was 111km deep.", []),
    ("unit sign", "깊이는 111㎞였다.", "It was 117km deep.", [MISMATCH]),
    ("feet", "20피트 높이의 파도", "a 21-foot wave", [MISMATCH]),
    ("barrels", "재고가 290만배럴 늘었다.", "Stocks rose 2.9 million barrels.", []),
    ("barrels", "재고가 290만배럴 늘었다.", "Stocks rose 9.9 million barrels.", [MISMATCH]),
    ("points", "다우지수는 40포인트 올랐다.", "The Dow rose 90 points.", [MISMATCH]),
    # clock times: the Korean's own colon, an hour against "17:00" or "9 p.m.", a zone the Korean names
    ("clock with a colon", "15:16에 동점골을 넣었다.", "He equalised on 15:16.", []),
    ("clock with a colon", "15:16에 동점골을 넣었다.", "He equalised on 12:16.", [MISMATCH]),
    ("clock with a dot", "토요일 오후 5.30이 좋다.", "5.30pm on a Saturday is best.", []),
    ("clock with a dot", "토요일 오후 5.30이 좋다.", "5.32pm on a Saturday is best.", [MISMATCH]),
    ("hour", "10시에 종을 울린다.", "At 10:00 he rings the bell.", []),
    ("hour", "10시에 종을 울린다.", "At 17:00 he rings the bell.", [MISMATCH]),
    ("hour", "오후 3시 런던에서 맞선다.", "They meet at 3 p.m. in London.", []),
    ("hour", "오후 3시 런던에서 맞선다.", "They meet at 9 p.m. in London.", [MISMATCH]),
    ("zone the Korean names", "영국 서머타임 기준 09시 30분 소란이 발생했다.", "Disorder broke out at 09:30 BST.", []),
    ("zone the Korean names", "영국 서머타임 기준 09시 30분 소란이 발생했다.", "Disorder broke out at 00:30 BST.",
     [MISMATCH]),
    ("zone the Korean does not name", "09시 30분 소란이 발생했다.", "Disorder broke out at 00:30 BST.", []),
    # currencies: the same one is sure, another may be a conversion at a rate we do not know
    ("currency", "1억 유로를 받고 이적했다.", "He moved for €100 million.", []),
    ("currency", "1억 유로를 받고 이적했다.", "He moved for €140 million.", [MISMATCH]),
    ("currency", "1억 유로를 받고 이적했다.", "He moved for $140 million.", [UNSURE]),
    ("currency", "1억 2500만 파운드에 매도했다.", "It sold for £145m.", [MISMATCH]),
    ("currency in words", "220조원에 이른다.", "It reached 230 trillion won.", [MISMATCH]),
    # a conversion in brackets for Korean readers answers no English number
    ("Korean gloss", "0.5 달러(약 500원)를 내야 한다.", "Users pay 15 cents.", [MISMATCH]),
    # the English's own conversion in brackets must agree with itself
    ("conversion", "깊이는 111㎞였다.", "It was 111km (69 miles) deep.", []),
    ("conversion", "깊이는 111㎞였다.", "It was 111km (65 miles) deep.", [CONVERSION]),
    ("conversion", "900mm 이상의 비가 왔다.", "Up to 56 inches (900 mm) fell.", [CONVERSION]),
    ("conversion", "900mm 이상의 비가 왔다.", "Up to 36 inches (900 mm) fell.", []),
    ("conversion", "240km 떨어져 있다.", "It is 240km (about 150 miles) away.", []),
    ("conversion", "10km 반경", "a 6-mile (10-km) radius", []),
    ("conversion", "10km 반경", "an 8-mile (10-km) radius", [CONVERSION]),
    ("conversion", "기온은 25도였다.", "It was 25°C (77°F).", []),
    ("conversion", "기온은 25도였다.", "It was 25°C (87°F).", [CONVERSION]),
]


@pytest.mark.parametrize("rule, source, target, expected", RULES, ids=[f"{r[0]}: {r[1]} | {r[2]}" for r in RULES])
def test_number_rules(rule, source, target, expected):
    found = _run(source, target)
    assert [f.check for f in found] == expected, [(f.check, f.message) for f in found]


@pytest.mark.parametrize("source, target, words", [
    ("38위에 올랐다.", "It ranked 18th.", ["38위", "18th"]),
    ("12월27일 열렸다.", "It was held on Dec. 28.", ["27일", "Dec. 28"]),
    ("그는 유로 2008에 출전했다.", "He played at Euro 2010.", ["2008", "2010"]),
    ("60대 남성이 숨졌다.", "A man in his 70s died.", ["60대", "70s"]),
    ("8월 물가가 8% 올랐다.", "Prices rose 9 percent in August.", ["8%", "9"]),
])
def test_a_finding_names_both_numbers_and_spans_them(source, target, words):
    (finding,) = _run(source, target)
    assert all(w in finding.message for w in words), finding.message
    assert finding.source_span and finding.target_span
    assert words[0] in source[slice(*finding.source_span)]
