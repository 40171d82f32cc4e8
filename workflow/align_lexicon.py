"""Common news words in Korean and English, as evidence that two paragraphs say the same thing.

Names and loanwords cross the languages by sound (workflow.romanized_names) and numbers by value;
the words a news story is made of do not: 사망 is "killed", 경찰 "police", 북한 "North Korea". Twelve
one-sentence paragraphs of alike length, one English missing, are told apart by them: the Korean
paragraph whose words the English beside it does not say is the one that lost its English.

Written by hand for this purpose from general news vocabulary (nothing here is taken from a corpus).
Each line is one meaning: Korean stems, then after "|" English forms. A Korean stem is found inside
a Hangul word (particles follow it, compounds hold it: 폭탄테러); an English form is a word, or a
word's beginning where it ends in "*" (kill* reads killed, killing), or words in a row.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TABLE = """
대통령 | president*
총리 | prime minister, premier*
장관 | minister*, secretary
대변인 | spokes*
의원 | lawmaker*, legislator*, senator*, congress*, mp, mps
의회, 국회 | parliament*, congress*, assembly, legislat*
정부 | government*, administration, authorit*
당국 | authorit*, official*
관계자, 당국자 | official*
경찰 | police*, officer*, cop, cops
군인, 병사, 장병 | soldier*, troop*, servicem*
군대, 병력, 군은, 군사 | troop*, forces, military, army
미군 | u.s. troop*, u.s. military, u.s. forces, american troop*, american soldier*
사망, 숨지, 숨진, 숨졌, 목숨, 죽었, 죽은, 죽음, 시신 | kill*, dead, death*, die, died, dies, dying, fatal*, lives, body, bodies
부상, 다쳤, 다친, 다치 | injur*, wound*, hurt
살해, 피살 | kill*, murder*, slain, slay*, assassinat*
폭탄, 폭발 | bomb*, blast*, explosion*, explosive*, explode*, detonat*
테러 | terror*, attack*, bomb*
자살 | suicide*
공격, 습격 | attack*, assault*, strike*, raid*
총격, 총을, 발포, 권총, 총기, 총탄 | shoot*, shot, gun*, fire*, fired
체포 | arrest*, detain*, custody
수사 | investigat*, probe*, inquir*
재판, 법원 | court*, trial*, judge*
판사 | judge*
변호사 | lawyer*, attorney*
혐의 | charge*, accus*, alleg*, suspect*
용의자 | suspect*
피해자, 희생자 | victim*
선거 | election*, vote*, poll, polls, polling, pollster*, ballot*
투표 | vote*, voting, voter*, ballot*, poll, polls, polling, pollster*
유권자 | voter*, electorate
후보 | candidate*, nominee*, hopeful*
지지율, 여론조사 | poll, polls, polling, pollster*, approval, survey*
민주당 | democrat*
공화당 | republican*
정당 | party, parties
대선 | presidential, election*, race, campaign*
선거운동, 유세 | campaign*, rally, rallies, stump*
승리 | win, wins, winning, winner*, won, victor*, triumph*
패배 | defeat*, lose*, lost, loss
전쟁, 세계대전 | war, wars, warfare
평화 | peace*
협상, 회담 | talks, negotiat*, summit*
합의 | agree*, deal*, accord, accords
협정, 조약 | agreement*, treaty, treaties, pact*, accord, accords
제재 | sanction*
핵 | nuclear, nuke*, atomic
무기 | weapon*, arms, armed
미사일 | missile*
북한 | north korea*, pyongyang, dprk
남한, 한국 | south korea*, seoul, korea*
미국 | u.s., united states, america*, washington
중국 | china, chinese, beijing
일본 | japan*, tokyo
영국 | britain, british, u.k., uk, england, london
독일 | german*, berlin
호주 | australia*
대만 | taiwan*
유럽 | europe*
아시아 | asia*
아프리카 | africa*
중동 | middle east*, mideast
백악관 | white house
국방부 | pentagon, defense, defence
국무부 | state department, secretary of state
유엔, 국제연합 | u.n., un, united nations
경제 | econom*
시장 | market*, mayor*
주식, 증시, 주가 | stock*, shares, market*, index
금리 | interest rate*, rate*
물가 | price*, inflation
가격 | price*, cost*
유가, 석유, 원유 | oil, crude, petroleum
은행 | bank*
기업, 회사 | compan*, firm*, corporat*, business*
투자 | invest, invests, invested, investing, investor*, investment*
수출 | export*
수입 | import, imports, imported, importing, revenue*, income
무역 | trade, trading
세금 | tax, taxes, taxed, taxation
예산 | budget*
위기 | crisis, crises
성장 | grow*, growth
실업, 일자리 | job*, unemploy*, employ*
노동자, 근로자 | worker*, labor*, labour*, employee*
파업 | strike*, walkout*
학생 | student*, pupil*
학교 | school*
대학 | universit*, college*, campus*
교수 | professor*
교사 | teacher*
연구 | research*, study, studies, studied, scien*
과학자 | scientist*
전문가 | expert*, specialist*, analyst*
보고서 | report*
조사 | survey*, investigat*, study, studies, studied, poll, polls, polling, pollster*, probe*
발표 | announc*, release*, report*, publish*
병원 | hospital*, clinic*
의사들, 의료진 | doctor*, physician*
환자 | patient*
질병, 질환 | disease*, illness*, sick*
바이러스 | virus*
건강 | health*
약품, 약물, 의약 | drug*, medic*, pill*
치료 | treated, treating, treatment*, therap*, cure*
백신 | vaccin*
감염 | infect*
아이, 어린이, 아동, 자녀, 소년, 소녀 | child*, kid, kids, boy, boys, girl*
아기, 신생아 | bab*, infant*, newborn*
여성, 여자 | wom*, female*
남성, 남자 | men, man, male*
가족 | famil*
아버지, 부친 | father*, dad
어머니, 모친 | mother*, mom
아내, 부인 | wife, wives
남편 | husband*
딸 | daughter*
아들 | son, sons
친구 | friend*
사람, 인간, 인류 | people, person*, human*
주민 | resident*, villager*, local*
시민 | citizen*, civilian*
국민 | citizen*, public, people, nation*
난민 | refugee*
이민 | immigra*, migra*
인권 | human rights
자유 | free*, libert*
민주주의 | democra*
시위 | protest*, demonstrat*, rall*
지진 | earthquake*, quake*, tremor*
태풍, 폭풍 | typhoon*, storm*
허리케인 | hurricane*
홍수 | flood*
폭우, 비가 | rain*, downpour*
눈이, 폭설, 눈보라 | snow*
화재, 불이, 산불 | fire*, blaze*, wildfire*
날씨 | weather
기온, 온도 | temperature*, degree*
기후 | climate*
온난화 | warming
환경 | environment*
오염 | pollut*
에너지 | energ*
전기, 전력 | electric*
식량, 음식 | food*
사고 | accident*, crash*, incident*
충돌 | collid*, collision*, clash*, crash*
비행기, 여객기, 항공기 | plane, planes, aircraft, airliner*, jet*, flight*
항공 | airline*, air, aviation, flight*, carrier*
공항 | airport*
자동차, 차량, 승용차, 차 | car, cars, vehicle*, automobile*, automaker*, traffic
열차, 기차 | train, trains
배, 선박, 여객선, 어선 | ship*, boat*, vessel*, ferry, ferries
도로 | road*, highway*
다리 | bridge*, leg, legs
주택, 가옥 | home*, house*, housing
건물 | building*
도시 | city, cities, town*, urban
마을 | village*, town*
지역 | area*, region*, local*, district*
국가 | countr*, nation*, state, states
세계 | world*, global*, international
국제 | international*, global*
인터넷, 온라인 | internet, online, web*
컴퓨터 | computer*
전화 | phone*, telephone*
휴대전화, 휴대폰 | cellphone*, cell phone*, mobile*
신문 | newspaper*, paper*
방송 | broadcast*, television, tv, channel*
언론 | media, press, journalist*, reporter*
기자 | reporter*, journalist*, correspondent*
영화 | film*, movie*, cinema*
음악 | music*
노래 | song*, sing, sings, singer*, sang, sung
게임, 경기 | game*, match*
선수 | player*, athlete*
팀 | team*
감독 | coach*, director*, manager*
올림픽 | olympi*
월드컵 | world cup
우승 | champion*, title*, win, wins, winning, winner*, won
금메달 | gold
기록 | record*
종교, 교회 | relig*, church*
이슬람 | islam*, muslim*
기독교 | christian*
가톨릭, 천주교 | catholic*
교황 | pope*, pontiff
왕, 국왕 | king*
여왕 | queen*
왕자 | prince*
공주 | princess*
오늘 | today
어제 | yesterday
내일 | tomorrow
지난주 | last week
올해, 금년 | this year
지난해, 작년 | last year
내년 | next year
오전 | morning, a.m.
오후 | afternoon, p.m.
밤 | night*, evening*
아침 | morning*
주말 | weekend*
달러 | dollar*, $
유로 | euro, euros
퍼센트, % | percent*, %
배럴 | barrel*
톤 | ton, tons, tonne, tonnes, tonne*
킬로미터, km | kilomet*, km, mile*
미터 | meter*, metre*, feet, foot
증가, 늘어, 늘었, 상승, 올랐, 오름, 급등 | increas*, rise, rises, rising, rose, grow*, grew, gain*, climb*, jump*, surg*
감소, 줄어, 줄었, 하락, 떨어, 급락 | decreas*, declin*, fall*, fell, drop*, slump*, plung*
최대 | largest, biggest, maximum
최초, 처음 | first
마지막 | final*
새로운, 새 | new
계획 | plan, plans, planned, planning
결정 | decid*, decision*
경고 | warn*
비난 | critici*, condemn*, blam*
지지 | support*, endors*
반대 | oppos*, against
요구, 촉구 | demand*, urg*, call for, calls for, called for
거부 | refus*, reject*, deny*, denied, veto*
사임, 사퇴 | resign*, step* down, quit, quits
임명 | appoint*, nominat*
방문 | visit*, trip*, tour*
여행 | travel*, trip*, tour*
관광 | touris*
도착 | arriv*
출발 | depart*, leav*
납치 | kidnap*, abduct*, hostage*
인질 | hostage*
구조 | rescu*, structur*
실종 | missing
탈출 | escap*, fled, flee*
대피 | evacuat*
지원, 원조 | aid, support*, assist*
돈 | money
비용 | cost*, expens*
보안 | security, secur*
안전 | safe*, security
위험 | danger*, risk*, threat*
위협 | threat*, menac*
비밀 | secret*
정보 | intelligence, information, data
기술 | technolog*, tech*, skill*
개발 | develop*
생산 | produc*, output
공장 | factory, factories, plant*
회의 | meeting*, conference*, summit*
정상 | summit*, leader*, normal*, peak*
지도자 | leader*
대표 | representative*, delegat*, chief*, envoy*
대사 | ambassador*, envoy*
외교 | diplomat*, foreign
동물 | animal*
고양이 | cat, cats
나무 | tree*
바다 | sea, seas, ocean*, marine
섬 | island*
하늘 | sky, skies
우주 | space, universe*, cosmic
태양 | sun, solar
지구 | earth, planet, planets, planet*, globe*
발견 | found, find*, discover*
사건 | incident*, case*
보도 | report*
교통 | traffic, transport*
승객 | passenger*
운전 | driv*
정치 | politic*
연구진, 연구원, 연구팀 | research*, scientist*
자폭 | suicide*, bomb*, blew, blow*
현금 | cash
금융 | financ*
기상청, 기상 | weather*, meteorolog*, forecast*
예상, 전망 | expect*, forecast*, predict*, outlook
국경 | border*, frontier*
정책 | policy, policies
제안 | propos*, offer*, suggest*
개혁 | reform*
연금 | pension*
복지 | welfare
노인, 노년, 고령 | elderly, senior*, aged, older
보험 | insur*
헌법 | constitution*
노벨 | nobel
수상 | award*, prize*, laureate*
월요일 | monday
화요일 | tuesday
수요일 | wednesday
목요일 | thursday
금요일 | friday
토요일 | saturday
일요일 | sunday
공기, 대기 | air, atmospher*
"""


def _parse(table: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    rows = []
    for line in table.strip().splitlines():
        korean, english = line.split("|")
        rows.append((tuple(k.strip() for k in korean.split(",") if k.strip()),
                     tuple(e.strip().lower() for e in english.split(",") if e.strip())))
    return tuple(rows)


CONCEPTS = _parse(_TABLE)
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:\.[a-z]+)*\.?|[$%]")


def _korean_index() -> list[tuple[str, int]]:
    return [(stem, n) for n, (stems, _forms) in enumerate(CONCEPTS) for stem in stems]


_KOREAN = _korean_index()
# A one-syllable stem (핵, 배, 딸) is found only as a word of its own, a particle after it: inside or
# at the head of longer words it is mostly some other word's syllable (핵심, 배경, 딸기).
_SHORT = 1
_PARTICLES = frozenset("은 는 이 가 을 를 의 에 에서 에게 도 와 과 로 으로 까지 만 들 들은 들이 들의 들을".split())


def korean_concepts(text: str) -> frozenset[int]:
    found: set[int] = set()
    for word in _HANGUL_WORD.findall(text):
        found |= _word_concepts(word)
    # Units and signs the Korean writes as the English does (240km, 20%), a number before them.
    for stem, n in _LATIN:
        if re.search(rf"(?<![A-Za-z]){re.escape(stem)}(?![A-Za-z])", text):
            found.add(n)
    return frozenset(found)


_LATIN = [(stem, n) for stem, n in _KOREAN if stem.isascii()]


@lru_cache(maxsize=65536)
def _word_concepts(word: str) -> frozenset[int]:
    return frozenset(n for stem, n in _KOREAN
                     if (word[:1] == stem and (len(word) == 1 or word[1:] in _PARTICLES)
                         if len(stem) <= _SHORT else stem in word))


def english_concepts(text: str) -> frozenset[int]:
    words = _ENGLISH_WORD.findall(text.lower())
    found: set[int] = set()
    for word in words:
        found |= _english_word(word)
    for i, word in enumerate(words):
        for n, parts in _PHRASE_STARTS.get(word.rstrip("."), ()):
            if n not in found and all(_matches(w, p) for w, p in zip(words[i + 1:], parts[1:])) \
                    and len(words) - i >= len(parts):
                found.add(n)
    return frozenset(found)


_PHRASES = [(n, tuple(form.split())) for n, (_stems, forms) in enumerate(CONCEPTS) for form in forms if " " in form]


def _phrase_starts() -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Phrases by their first word ("step* down" under step, steps, stepped, stepping)."""
    starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for n, parts in _PHRASES:
        first = parts[0]
        heads = ([first[:-1] + ending for ending in ("", "s", "ed", "ing", "ped", "ping")] if first.endswith("*")
                 else [first.rstrip(".")])
        for head in heads:
            starts.setdefault(head, []).append((n, parts))
    return starts


_PHRASE_STARTS = _phrase_starts()


def _forms_by_kind(prefix: bool) -> dict[str, frozenset[int]]:
    table: dict[str, set[int]] = {}
    for n, (_stems, forms) in enumerate(CONCEPTS):
        for form in forms:
            if " " not in form and form.endswith("*") == prefix:
                table.setdefault(form.rstrip("*").rstrip(".") if prefix else form.rstrip("."), set()).add(n)
    return {key: frozenset(found) for key, found in table.items()}


# Looked up by the word and by each of its beginnings, not tried form by form: a long document's
# English is read in a few milliseconds.
_EXACT, _PREFIXES = _forms_by_kind(prefix=False), _forms_by_kind(prefix=True)


@lru_cache(maxsize=65536)
def _english_word(word: str) -> frozenset[int]:
    found = set(_EXACT.get(word.rstrip("."), ()))
    for end in range(1, len(word) + 1):
        found |= _PREFIXES.get(word[:end], frozenset())
    return frozenset(found)


def _matches(word: str, form: str) -> bool:
    if form.endswith("*"):
        return word.startswith(form[:-1])
    return word == form or word.rstrip(".") == form.rstrip(".")
