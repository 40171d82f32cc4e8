"""Names written in Hangul and in Latin letters, matched by their consonant skeletons.

A Korean name (강동완) or a transliterated foreign one (클린턴, 오바마) is romanized with
korean-romanizer (Revised Romanization: "gangdongwan", "keullinteon"), and both it and the English
words are reduced to a skeleton that the usual spelling variants share: vowels and h dropped, voiced
and voiceless stops merged (g/k, d/t, b/p), r and l merged, doubled letters collapsed. So Kang Dong
Wan, Kang Dong-wan and gangdongwan all read "kntnwn"; Pyongyang and pyeongyang "pnynk"... Surnames
that romanization cannot reach (이 is Lee, Yi or Rhee; 박 is Park) come from a table of the spellings
newspapers use.

korean-romanizer: pure Python, one small module, imported in under a millisecond; it is only asked
about a document's words at import, never while typing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from korean_romanizer.romanizer import Romanizer

# How newspapers spell the common surnames where Revised Romanization's skeleton differs.
SURNAMES = {
    "이": ("lee", "yi", "rhee", "ri"), "리": ("ri", "lee"), "박": ("park", "pak"), "노": ("roh", "noh"),
    "로": ("ro", "roh"), "오": ("oh",), "임": ("lim", "im", "rim"), "림": ("rim", "lim"), "유": ("yoo", "yu"),
    "류": ("ryu", "yoo"), "최": ("choi",), "정": ("jung", "chung", "jeong"), "윤": ("yoon", "yun"),
    "신": ("shin",), "안": ("ahn",), "전": ("jeon", "chun", "jun"), "손": ("sohn", "son"),
    "백": ("baek", "paik"), "허": ("huh", "heo"), "심": ("shim",), "성": ("sung", "seong"),
    "주": ("joo", "ju"), "우": ("woo",), "구": ("koo", "ku"), "여": ("yeo", "yo"), "양": ("yang",),
    "엄": ("um", "eom"), "어": ("uh", "eo"), "연": ("yeon", "yun"), "용": ("yong",), "염": ("yeom", "yum"),
}
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Capitalized English words that are not names, so they never vouch for a pair.
_NOT_NAMES = frozenset("""a an and as at but by for from he her his i if in into it its mr mrs ms dr
no not of on or our she so that the their then there these they this those to we what when where which
who why with you your monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december""".split())
_NON_RHOTIC = re.compile(r"(?<=[aeiou])r(?![aeiouy])", re.IGNORECASE)
_LOANWORD = 6  # letters: shorter lower-case words are mostly English's own (the, said, will)
# A borrowed word whose skeleton is shorter than this matches some Hangul word's head by chance ("nuclear",
# n-k-l, read 느낄 "feel"): on NTREX's sentence pairs, skeletons of three consonants shared by a
# sentence and a random other sentence came to a tenth of those shared with its translation, of four
# or more to a fortieth. On benchmarks/align_news.py, four: 1,100 -> 1,107 of 1,184 articles right
# at seed 19, issue 19's positions of seeds 20-29 672 -> 677 of 800; five did no better.
_LOANWORD_SKELETON = 4
_SHORTEST = 2  # consonants: "Obama" is p-m; a one-consonant skeleton matches anything
_LONGEST_NAME = 8  # syllables tried from the start of a Korean word: 베를루스코니는 -> 베를, ..., 베를루스코니


# Asked of every head of every Hangul word and of every English word: 55,000 calls in 20 imports of
# the sample article, which the cache took from 25 ms an import to 15.
@lru_cache(maxsize=65536)
def skeleton(latin: str) -> str:
    """The consonants a name keeps across romanization systems."""
    s = re.sub(r"[^a-z]", "", latin.lower())
    for old, new in (("ch", "j"), ("sh", "s"), ("ph", "p"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("c", "k"),
                     ("z", "j"), ("f", "p"), ("v", "p"), ("g", "k"), ("d", "t"), ("b", "p"), ("r", "l")):
        s = s.replace(old, new)
    s = re.sub(r"[aeiouh]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=65536)
def _romanized(hangul: str) -> str:
    try:
        return Romanizer(hangul).romanize()
    except (KeyError, IndexError):
        # Its tables lack some final clusters before a following syllable (겷까: ㅀ); such a word
        # is no name anyone spells in Latin letters, so it simply vouches for nothing.
        return ""


def korean_names(text: str) -> frozenset[str]:
    """Skeletons of every Hangul word's first two to four syllables (particles and titles follow a
    name), each with the newspaper spellings of its surname."""
    keys: set[str] = set()
    for word in _HANGUL_WORD.findall(text):
        for end in range(2, min(len(word), _LONGEST_NAME) + 1):
            head = word[:end]
            keys.add(skeleton(_romanized(head)))
            for surname in SURNAMES.get(head[0], ()):
                keys.add(skeleton(surname + _romanized(head[1:])))
    # Latin letters kept in the Korean (CNN, NBC, a quoted English phrase) are the English's own.
    for word in _LATIN_WORD.findall(text):
        if len(word) >= 2:
            keys |= _spellings(word)
    return frozenset(k for k in keys if len(k) >= _SHORTEST)


def english_names(text: str) -> frozenset[str]:
    """Skeletons of the English's capitalized words and of runs of two or three of them (Kang Dong
    Wan; Kang Dong-wan is one word and a run of two), sentence-initial common words left out; and of
    its longer lower-case words, which Korean borrows (computer: 컴퓨터). Each also without the r that
    Korean drops after a vowel (Clipper: 클리퍼)."""
    words = [(m.group(0), m.group(0)[0].isupper()) for m in _LATIN_WORD.finditer(text)]
    keys: set[str] = set()
    for i, (word, capital) in enumerate(words):
        if word.lower().strip("'’") in _NOT_NAMES:
            continue
        if not capital:
            if len(word) >= _LOANWORD and len(skeleton(word)) >= _LOANWORD_SKELETON:
                keys |= _spellings(word)
            continue
        run = ""
        for later, later_capital in words[i:i + 3]:
            if not later_capital:
                break
            run += later
            keys |= _spellings(run)
    return frozenset(k for k in keys if len(k) >= _SHORTEST)


def _spellings(latin: str) -> set[str]:
    return {skeleton(latin), skeleton(_NON_RHOTIC.sub("", latin))}
