"""Korean particles that agree with the word before them: 여비는, 세그먼트 3을, 문서 1로.

A Korean particle has two forms, one after a final consonant (받침) and one after a vowel: 은/는,
이/가, 을/를, 과/와, 아/야, 으로/로 (로 also after ㄹ), and the copula 이 dropped after a vowel
(이라는/라는). A catalog string cannot know the word a placeholder will hold, so translators write
the usual neutral forms after it: 은(는), 이(가), 을(를), 과(와), 아(야), (으)로, (이). `attach`
replaces each with the right form once the text is known, judging by what is read aloud last:

- a Hangul syllable: its final consonant;
- a number: its last digit read in Sino-Korean (1 일, 2 이, 3 삼, … 0 and any round number 십, 백,
  천, 만 end in a consonant), so 3을, 2를, 1로, 3으로;
- Latin letters: an acronym or a short lowercase run (UTF, csv, a) by the name of its last letter
  (엘 ㄹ; 엠, 엔 consonants; every other letter name ends in a vowel); a longer word by its last
  letter as loanwords are usually spoken, a silent e dropped: m, n, ng end in a consonant (name 네임),
  l in ㄹ (file 파일), anything else in a vowel (desk 데스크, code 코드; book 북 is a miss accepted);
- closing quotes and a parenthesis after the word are looked through ("“여비”는", "a.txt(EUC-KR)를").

Where nothing before the marker can be read (a symbol, the start of the text) the neutral form stays,
as a Korean writer would leave it.
"""

from __future__ import annotations

import re

_SYLLABLES = range(0xAC00, 0xD7A4)
_RIEUL = 8  # ㄹ's index among the final consonants

# marker -> (after a consonant, after a vowel, after ㄹ)
_FORMS: dict[str, tuple[str, str, str]] = {
    "은(는)": ("은", "는", "은"),
    "는(은)": ("은", "는", "은"),
    "이(가)": ("이", "가", "이"),
    "가(이)": ("이", "가", "이"),
    "을(를)": ("을", "를", "을"),
    "를(을)": ("을", "를", "을"),
    "과(와)": ("과", "와", "과"),
    "와(과)": ("과", "와", "과"),
    "아(야)": ("아", "야", "아"),
    "(으)로": ("으로", "로", "로"),
    "(이)": ("이", "", "이"),
}
# Longest first, so 이(가) is one marker, not 이 followed by (가).
MARKERS = re.compile("|".join(re.escape(marker) for marker in sorted(_FORMS, key=len, reverse=True)))

# Which forms a particle takes, by how a word ends when read aloud.
VOWEL, CONSONANT, RIEUL = "vowel", "consonant", "rieul"

_DIGITS = {"0": CONSONANT, "1": RIEUL, "2": VOWEL, "3": CONSONANT, "4": VOWEL, "5": VOWEL,
           "6": CONSONANT, "7": RIEUL, "8": RIEUL, "9": VOWEL}
_LETTER_NAMES = {"l": RIEUL, "m": CONSONANT, "n": CONSONANT}
_CLOSERS = "'\"’”」』》〉"
_PAIRS = {")": "(", "]": "[", "）": "（"}


def ending(text: str) -> str | None:
    """How `text` ends when read aloud (VOWEL, CONSONANT or RIEUL), or None where it cannot be told."""
    end = len(text)
    while end:
        char = text[end - 1]
        if char in _CLOSERS:
            end -= 1
        elif char in _PAIRS:
            opening = text.rfind(_PAIRS[char], 0, end - 1)
            if opening <= 0:
                end -= 1  # nothing before the group: read what is inside it
            else:
                end = opening
        else:
            break
    if not end:
        return None
    char = text[end - 1]
    if ord(char) in _SYLLABLES:
        final = (ord(char) - 0xAC00) % 28
        return VOWEL if final == 0 else RIEUL if final == _RIEUL else CONSONANT
    if char.isdigit() and char.isascii():
        return _DIGITS[char]
    if char.isascii() and char.isalpha():
        start = end
        while start and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        return _latin(text[start:end])
    return None


def _latin(word: str) -> str:
    if word.isupper() or len(word) <= 3:
        return _LETTER_NAMES.get(word[-1].lower(), VOWEL)
    lower = word.lower()
    if len(lower) > 2 and lower[-1] == "e" and lower[-2] not in "aeiouy":
        lower = lower[:-1]  # a silent e: file 파일, name 네임, code 코드
    if lower.endswith(("m", "n", "ng")):
        return CONSONANT
    return RIEUL if lower.endswith("l") else VOWEL


def particle(word: str, marker: str) -> str:
    """The form of `marker` that follows `word`: a neutral marker (은(는), (으)로, …) or the pair
    written with a slash (은/는, 으로/로, 이/ for the copula); the marker itself where `word`'s
    ending cannot be told."""
    forms = _FORMS[_SLASHED.get(marker, marker)]
    sound = ending(word)
    if sound is None:
        return marker
    return forms[(CONSONANT, VOWEL, RIEUL).index(sound)]


_SLASHED = {"은/는": "은(는)", "이/가": "이(가)", "을/를": "을(를)", "과/와": "과(와)", "아/야": "아(야)",
            "으로/로": "(으)로", "이/": "(이)"}
# Markers written by a translator are swapped for these before a message is formatted, so that a
# marker typed by a user (in a segment, a note) and shown through a placeholder is never touched.
_SENTINELS = {marker: chr(0xF0000 + index) for index, marker in enumerate(_FORMS)}
_MARKED = re.compile("[" + "".join(_SENTINELS.values()) + "]")
_BY_SENTINEL = {sentinel: marker for marker, sentinel in _SENTINELS.items()}


def mark(template: str) -> str:
    """A message template with its markers hidden from formatting (see `resolve`)."""
    return MARKERS.sub(lambda match: _SENTINELS[match.group()], template)


def resolve(text: str) -> str:
    """A formatted message made from `mark`'s template, each hidden marker now the right particle."""
    return _replace(text, _MARKED, _BY_SENTINEL.__getitem__)


def attach(text: str) -> str:
    """`text` with every neutral particle marker replaced by the form the word before it takes."""
    return _replace(text, MARKERS, str) if "(" in text else text


def _replace(text: str, pattern: re.Pattern[str], marker_of) -> str:
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(text[position:match.start()])
        out.append(particle("".join(out), marker_of(match.group())))
        position = match.end()
    out.append(text[position:])
    return "".join(out)
