"""Putting a glossary rendering into the English (the editor's ctrl+r), as one plain edit.

Where the rendering goes: over the slip the checks would report for that term (a forbidden
rendering, or the Korean left in the English), else over the selection, else at the cursor. What it
looks like: in the segment's own apostrophes and quotes, and in the number of the words it replaces.
The screen applies the Edit; nothing here knows about widgets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from glossaries.english import EnglishHit, EnglishText
from glossaries.index import TermUse
from glossaries.model import Term
from workflow.models.insertion import Choice, Edit

__all__ = ["Choice", "Edit", "apply", "candidates", "choices", "choices_for", "edit_for", "inflected_like",
           "offending_spans", "renderings", "typographic_like"]

Span = tuple[int, int]

_SYLLABLE = "\uac00-\ud7a3"
# Closing punctuation after which a word needs a space (an opening one never does).
_CLOSERS = set(",.;:!?)]}%”’'\"")
_SENTENCE_END = re.compile(r"(?:^|[.!?][”’\"')\]]*\s+)$")


def apply(english: str, edit: Edit) -> str:
    return english[:edit.start] + edit.text + english[edit.end:]


def renderings(use: TermUse) -> list[str]:
    """The preferred rendering, then the admitted ones, each once."""
    return list(dict.fromkeys(use.term.english_forms))


def _key(term: Term) -> object:
    return term.id if term.id is not None else (term.ko, term.en)


# --- where the term is wrong in the English -------------------------------------------------------


@lru_cache(maxsize=1024)
def _korean_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    # A form matches with or without its spaces (국경 봉쇄 / 국경봉쇄), from the start of a Hangul word
    # to that word's end, so the particles left with it (외화벌이를) go too.
    alternatives = sorted((r"\s*".join(map(re.escape, form.replace(" ", ""))) for form in forms if form.strip()),
                          key=len, reverse=True)
    return re.compile(rf"(?<![{_SYLLABLE}])(?:{'|'.join(alternatives)})(?P<rest>[{_SYLLABLE}]*)")


def _korean_left(english: str, use: TermUse) -> list[re.Match[str]]:
    forms = tuple(dict.fromkeys((use.hit.text, *use.term.korean_forms)))
    return list(_korean_pattern(forms).finditer(english))


def _forbidden(english: str, term: Term) -> list[EnglishHit]:
    # Found afresh rather than taken from the use, so an analysis a keystroke old cannot misplace it.
    text = EnglishText(english)
    return [hit for phrase in term.en_forbidden for hit in text.find(phrase, case_sensitive=term.case_sensitive)]


def _rendered(english: str, term: Term) -> list[EnglishHit]:
    text = EnglishText(english)
    return [hit for phrase in term.english_forms for hit in text.find(phrase, case_sensitive=term.case_sensitive)]


def offending_spans(english: str, use: TermUse) -> list[Span]:
    """Spans of the English a rendering of this term should replace: forbidden renderings and the
    Korean (with its particles) left in the English, in text order."""
    spans = [(h.start, h.end) for h in _forbidden(english, use.term)]
    spans += [m.span() for m in _korean_left(english, use)]
    return sorted(set(spans))


def _distance(span: Span, cursor: int) -> int:
    return 0 if span[0] <= cursor <= span[1] else min(abs(span[0] - cursor), abs(span[1] - cursor))


def _nearest(spans: Sequence[Span], cursor: int) -> Span | None:
    return min(spans, key=lambda s: (_distance(s, cursor), s[0]), default=None)


# --- which terms ctrl+r is about ------------------------------------------------------------------


def candidates(uses: Sequence[TermUse], english: str, cursor: int) -> list[TermUse]:
    """The terms ctrl+r should offer, each once: those still open in the segment (missing, forbidden
    or Korean left), plus a rendered one the cursor stands on (to switch it to another rendering).
    The one under or nearest the cursor comes first; terms with nothing in the English keep the
    Korean's order after them."""
    ranked: list[tuple[tuple[int, int, int], TermUse]] = []
    seen: set[object] = set()
    for order, use in enumerate(uses):
        if _key(use.term) in seen:
            continue
        seen.add(_key(use.term))
        wrong = offending_spans(english, use)
        rendered = [(h.start, h.end) for h in _rendered(english, use.term)]
        under = [s for s in rendered if _distance(s, cursor) == 0]
        if not wrong and rendered and not under:
            continue  # done right, and not where the translator is looking
        near = _nearest(wrong + under, cursor)
        ranked.append(((0, _distance(near, cursor), order) if near else (1, 0, order), use))
    return [use for _, use in sorted(ranked, key=lambda pair: pair[0])]


def choices(uses: Sequence[TermUse], english: str, cursor: int, selection: Span | None = None) -> list[Choice]:
    """Every (term, rendering) ctrl+r could apply, best first. One choice: apply it; several: ask.
    When nothing is open, every term of the segment is offered, so the key is never a dead end."""
    terms = candidates(uses, english, cursor)
    if not terms:
        terms = [u for i, u in enumerate(uses) if all(_key(v.term) != _key(u.term) for v in uses[:i])]
    return [choice for use in terms for choice in choices_for(use, english, cursor, selection)]


def choices_for(use: TermUse, english: str, cursor: int, selection: Span | None = None) -> list[Choice]:
    """Each rendering of one term (picked in the glossary panel), preferred first."""
    replaces = _target(english, cursor, selection, use)[1]
    return [Choice(use, rendering, replaces, edit_for(english, cursor, selection, use, rendering))
            for rendering in renderings(use)]


# --- the edit -------------------------------------------------------------------------------------


def _target(english: str, cursor: int, selection: Span | None, use: TermUse) -> tuple[Span, str, str, str]:
    """(span to replace, its text, the phrase it matched, how it is replaced: forbidden/korean/
    selection/rendered/insert)."""
    forbidden = _forbidden(english, use.term)
    korean = _korean_left(english, use)
    spans: dict[Span, tuple[str, str]] = {(h.start, h.end): (h.phrase, "forbidden") for h in forbidden}
    spans.update({m.span(): ("들" if m.group("rest").startswith("들") else "", "korean") for m in korean})
    near = _nearest(list(spans), cursor)
    if near is not None:
        return near, english[near[0]:near[1]], *spans[near]
    if selection is not None and selection[0] != selection[1]:
        start, end = sorted(selection)
        return (start, end), english[start:end], "", "selection"
    under = _nearest([(h.start, h.end) for h in _rendered(english, use.term)], cursor)
    if under is not None and _distance(under, cursor) == 0:
        return under, english[under[0]:under[1]], "", "rendered"
    return (cursor, cursor), "", "", "insert"


def edit_for(english: str, cursor: int, selection: Span | None, use: TermUse, rendering: str) -> Edit:
    """The edit that puts `rendering` of `use`'s term into the English (see the module's docstring)."""
    cursor = max(0, min(cursor, len(english)))
    (start, end), seen, phrase, how = _target(english, cursor, selection, use)
    text = typographic_like(rendering, english)
    if how == "forbidden":
        text = inflected_like(text, seen, phrase)
    elif how == "korean" and phrase == "들":
        text = _plural(text)  # 보위지도원들: more than one
    elif how in ("selection", "rendered"):
        text = _in_number_of(text, seen, use.term)
    if how != "insert":
        start, end = _absorb_repeats(english, start, end, text)
        seen = english[start:end]
    if not use.term.case_sensitive and _capitalized(english, start, seen, how):
        text = text[:1].upper() + text[1:]
    before = english[:start]
    after = english[end:]
    lead = " " if _wordlike_end(before) and _wordlike_start(text) else ""
    trail = " " if _wordlike_start(after) and _ends_word(text) else ""
    return Edit(start, end, lead + text + trail, start + len(lead) + len(text))


def _absorb_repeats(english: str, start: int, end: int, text: str) -> tuple[int, int]:
    """Widen the span over words beside it that the rendering itself begins or ends with, so that
    "foreign money" in "to earn foreign money" becomes "earn foreign currency", not "earn earn …"."""
    words = re.findall(r"[\w'’-]+", text.lower())
    for k in range(len(words) - 1, 0, -1):
        head = re.search(r"\b" + r"\s+".join(map(re.escape, words[:k])) + r"\s+$", english[:start].lower())
        if head:
            start = head.start()
            break
    for k in range(len(words) - 1, 0, -1):
        tail = re.match(r"\s+" + r"\s+".join(map(re.escape, words[-k:])) + r"\b", english[end:].lower())
        if tail:
            end += tail.end()
            break
    return start, end


def _capitalized(english: str, start: int, seen: str, how: str) -> bool:
    if re.match(r"[A-Za-z]", seen):
        return seen[:1].isupper()
    return how in ("insert", "korean") and bool(_SENTENCE_END.search(english[:start])) and bool(english.strip())


def _wordlike_end(before: str) -> bool:
    if before[-1:] in ("'", '"'):
        return len(before) > 1 and not before[-2].isspace()  # a straight quote after a space opens
    return bool(before) and (before[-1].isalnum() or before[-1] in _CLOSERS)


def _wordlike_start(after: str) -> bool:
    return bool(after) and (after[0].isalnum() or after[0] in "(“‘[")


def _ends_word(text: str) -> bool:
    return bool(text) and (text[-1].isalnum() or text[-1] in _CLOSERS)


# --- typography and number ------------------------------------------------------------------------


def typographic_like(rendering: str, english: str) -> str:
    """The rendering in the segment's apostrophes and double quotes: curly copy gets ’ “ ”, straight
    copy ' and ". A segment with neither gives apostrophes the style of its double quotes, and one
    with no quotes at all leaves the rendering as the glossary wrote it."""
    curly_apostrophes = english.count("’") + english.count("‘")
    straight_apostrophes = english.count("'")
    curly_quotes = english.count("“") + english.count("”")
    straight_quotes = english.count('"')
    quotes = _style(curly_quotes, straight_quotes)
    apostrophes = _style(curly_apostrophes, straight_apostrophes) or quotes
    if apostrophes == "curly":
        rendering = re.sub(r"(?<=\w)'|'(?=\w)", "’", rendering).replace("'", "‘")
    elif apostrophes == "straight":
        rendering = rendering.replace("’", "'").replace("‘", "'")
    if quotes == "curly":
        rendering = re.sub(r'(^|(?<=[\s(\[]))"', "“", rendering).replace('"', "”")
    elif quotes == "straight":
        rendering = rendering.replace("“", '"').replace("”", '"')
    return rendering


def _style(curly: int, straight: int) -> str | None:
    if curly or straight:
        return "curly" if curly >= straight else "straight"
    return None


def _plural(phrase: str) -> str:
    """The phrase with its last word in the plural (officer -> officers, agency -> agencies)."""
    match = re.search(r"(\w+)(\W*)$", phrase)
    if match is None or phrase[:1].isupper() and any(w[:1].isupper() for w in phrase.split()[1:]):
        return phrase  # a name (Workers' Party) has no plural to follow
    word, tail = match.group(1), match.group(2)
    if _looks_plural(word) or not word.isalpha() or word.isupper():
        return phrase
    if re.search(r"[^aeiou]y$", word):
        word = word[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", word):
        word += "es"
    else:
        word += "s"
    return phrase[:match.start()] + word + tail


def _looks_plural(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def inflected_like(rendering: str, seen: str, phrase: str) -> str:
    """The rendering in the number of the words it replaces: "security guards" (entry "security
    guard") becomes "security guidance officers", so fixing a term does not break the sentence."""
    if _looks_plural(_last_word(seen)) and not _looks_plural(_last_word(phrase)):
        return _plural(rendering)
    return rendering


def _in_number_of(rendering: str, seen: str, term: Term) -> str:
    # Selected text follows its number only when it is a form of this term, so that a selected
    # "his" or "bus" is not read as a plural.
    text = EnglishText(seen)
    for phrase in (*term.english_forms, *term.en_forbidden):
        hits = text.find(phrase, case_sensitive=term.case_sensitive)
        if hits and seen[hits[-1].end:] in ("", "'s", "’s", "'", "’"):
            return inflected_like(rendering, hits[-1].text, phrase)
    return rendering


def _last_word(text: str) -> str:
    words = re.findall(r"\w+", text)
    return words[-1] if words else ""
