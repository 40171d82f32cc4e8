"""Telling how an English file that is not UTF-8 was saved, and UTF-8 that is merely damaged.

A statistical detector reads a few accented letters in English as whatever single-byte code page
fits best: cp1250 (naïve as naďve), cp852, Mac Icelandic (’ as ‚Äô). An English draft comes from
three places in practice: Windows ("ANSI", cp1252, of which Latin-1 is the printable subset), a Mac
(Mac Roman), or a Korean Windows (CP949, where ’ is A1 AF). Each is decoded strictly and the text
that reads most like English prose wins: curly quotes and dashes where punctuation goes, accented
letters inside words in their case, no symbols or Hangul glued to Latin letters.

A file that is UTF-8 but for a few bytes is none of these: reading it in another code page turns
every ’ in it into mojibake, so `damaged_utf8` finds it and the reader refuses it, naming the byte.
"""

from __future__ import annotations

import re
import unicodedata

# Tried in this order; on a tie the first wins (cp1252 is by far the most common).
CANDIDATES = ("cp1252", "mac_roman", "cp949")
NAMES = {"cp1252": "cp1252", "mac_roman": "mac-roman", "cp949": "cp949"}

_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile("[^\x00-\x7f]")
_ESCAPED = re.compile("[\udc80-\udcff]")
# Punctuation English copy carries; where it stands decides whether it reads as meant.
_PUNCTUATION = set("‘’“”–—…•€£¥¢°©®™§¶«»‹›·×÷±½¼¾′″\u00a0")
_INSIDE_WORDS = set("’'‘-–—/")  # may stand between two letters (Kim’s, U.S.-led)
# Accented letters of names and loanwords in English copy (café, Sánchez, Müller, Ødegaard); rarer
# Latin letters (Ž, š, Œ, ƒ: what cp1252 makes of Mac Roman's é, ö, å) count for less.
_COMMON_LETTERS = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ")


def damaged_utf8(data: bytes) -> tuple[int, int] | None:
    """(offset of the first bad byte, number of bad bytes) when `data` is UTF-8 with a few bad
    bytes: at least as many well-formed multi-byte sequences as bytes that fit none. None when it
    is valid UTF-8 or mostly not UTF-8 at all (a legacy code page, where such sequences are chance)."""
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte becomes one lone surrogate
    found = _ESCAPED.search(text)
    if found is None:
        return None
    bad = len(_ESCAPED.findall(text))
    if len(_UTF8_SEQUENCE.findall(data)) < bad:
        return None
    return len(text[:found.start()].encode("utf-8", errors="surrogateescape")), bad


def guess(data: bytes) -> tuple[str, str] | None:
    """(encoding name, text) of the candidate whose strict decoding reads most like prose, or None
    when none decodes to anything plausible."""
    best: tuple[float, str, str] | None = None
    for codec in CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score <= 0 or not _mostly_ascii(text, score):
            continue
        if best is None or score > best[0]:
            best = (score, NAMES[codec], text)
    return None if best is None else (best[1], best[2])


def _mostly_ascii(text: str, score: float) -> bool:
    """English in a single-byte code page is ASCII but for a few letters and quotes; random bytes
    and text in other scripts are not. Each non-ASCII character must also earn its place on average."""
    visible = len(text) - sum(text.count(c) for c in " \n\t")
    foreign = len(_NON_ASCII.findall(text))
    return visible > 0 and foreign <= visible // 4 and score >= foreign / 2


def plausibility(text: str) -> float:
    """How much the non-ASCII characters of `text` look like English (or Korean) prose: positive
    for punctuation and letters where they belong, negative for what only a wrong code page makes."""
    score = 0.0
    for found in _NON_ASCII.finditer(text):
        index, char = found.start(), found.group()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        score += _weight(char, before, after)
    return score


def _weight(char: str, before: str, after: str) -> float:
    kind = _kind(char)
    # Neighbours of another kind (¢æ for CP949's €, Hangul against a Latin letter) are what a
    # double-byte character read in a single-byte code page, or the reverse, leaves.
    for other in (before, after):
        if other >= "\x80" and _kind(other) != kind:
            return -3
    if kind == "punctuation":
        between_letters = before.isalpha() and after.isalpha()
        if between_letters and char not in _INSIDE_WORDS and not (char == "·" and before >= "\x80"):
            return -3  # na•ve, S·nchez (but 남·북)
        return 2
    if kind == "hangul":
        return -3 if _ascii_word(before) or _ascii_word(after) else 1
    if kind == "latin":
        if char.isupper() and before.isalpha() and before.islower():
            return -3  # workersÕ, naÔve: a capital inside a word
        return 1 if char in _COMMON_LETTERS else 0.25
    if kind == "letter":
        return -1  # Greek and Cyrillic from a wrong code page's symbol rows
    if kind == "control":
        return -5
    return -2  # symbols (√ ∆ ≈ ˆ ¯) and punctuation English does not use (‚ „ ‰)


def _kind(char: str) -> str:
    if char in _PUNCTUATION:
        return "punctuation"
    category = unicodedata.category(char)
    if category.startswith("L"):
        name = unicodedata.name(char, "")
        if name.startswith(("HANGUL", "CJK")):
            return "hangul"
        return "latin" if name.startswith("LATIN") else "letter"
    if category in ("Cc", "Co", "Cn"):
        return "control"
    return "symbol"


def _ascii_word(char: str) -> bool:
    return char < "\x80" and char.isalnum()
