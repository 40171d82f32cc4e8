"""Rule-based sentence splitting for Korean and English news text.

Candidates are terminators ('.', '?', '!', ellipses) plus any closing quotes or brackets, followed by
a space; in Korean also a terminator glued to the next Hangul word ("했다.그는") and a few verb endings
that close a sentence even without punctuation ("했다", "합니다", "했어요"). Each candidate is then
judged by a handful of rules (see `_is_boundary`). Nothing is ever rewritten: sentences are slices of
the whitespace-normalised input, so joining them with " " gives that input back, except where the
input had no space at a boundary ("했다.그는" -> ["했다.", "그는"]).

The importer also asks where, among a block's sentences, a paragraph could end: not inside a
quotation (`inside_quotation`, `ends_in_quotation`), and also before a quotation a colon introduces
(`paragraph_pieces`).
"""

import re

__all__ = ["ends_in_quotation", "inside_quotation", "paragraph_pieces", "split_sentences"]


def _hangul_with_final(jong: int) -> str:
    # Every Hangul syllable with the given final consonant (batchim), for regex character classes.
    return "".join(chr(0xAC00 + i * 28 + jong) for i in range(19 * 21))


_SS = _hangul_with_final(20)  # ㅆ: 했 었 았 였 있 겠 ... (past tense, 있다)
_B = _hangul_with_final(17)  # ㅂ: 습 입 합 됩 ... (formal -ㅂ니다)
_CLOSE = "\"'”’)]」』"
_OPEN = "\"'“‘([「『"
_CL, _OP = re.escape(_CLOSE), re.escape(_OPEN)  # for use inside [...]

# Terminator cluster + closers before a space; or, after Hangul, a terminator glued to the next word.
_PUNCT = rf"(?:\.{{2,}}|…+|[.?!]+)[{_CL}]*(?= )|(?<=[가-힣])(?:\.{{2,}}|…+|[.?!]+)(?=[가-힣“‘(\[])"
# Korean endings that end a sentence without punctuation (headlines, quotes, sloppy drafts). Plain
# "-다" is left out on purpose: "하다 보니", "이다 아니다" occur mid-sentence; "-ㅆ다 " does not.
_KO_ENDING = rf"(?P<ending>(?:[{_SS}]다|[{_B}]니[다까]|[{_SS}]?[어아에예세해지네래]요|죠)[{_CL}]*)(?= )"
_EN_CAND = re.compile(_PUNCT)
_KO_CAND = re.compile(f"{_PUNCT}|{_KO_ENDING}")
# Particles, conjunctions and concessives that carry a quotation or a "-다" on into the sentence
# after a space: '...했다." 라고 말했다', '“위에 있다” 혹은 ...', '실패했다 하더라도'. (Never 이/가/은,
# which also open sentences: "이 책은".)
_KO_QUOTATIVE = re.compile(r"(?:이?라(?:고|며|면서|는|던)?|고|며|면서|는|란|이란|하고|하며|하면서|등|등의|와|과|를|을|의|에|"
                           r"으?로|처럼|및|또는|혹은|하더라도|해도|하면|치더라도)(?=[ ,.]|$)")
_NEXT_WORD = re.compile(rf"[{_OP}]*([A-Za-z]+)")
_TAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*$")  # the Latin word before a period: "(U.S" -> "U.S"
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")  # U.S, e.g, J.P, and the initial in "Kim J. Un"

# Never end a sentence: they always precede a name or an example.
_NEVER = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Sgt", "Col", "Gov", "Sen", "Sens", "Rep",
          "Reps", "Rev", "Capt", "Maj", "Adm", "Cmdr", "Fr", "Hon", "Pres", "Supt", "Det", "Insp",
          "e.g", "i.e", "vs", "v", "cf", "viz"}
# Only mid-sentence before a number ("Nov. 29", "No. 3"); otherwise they are ordinary words.
_NUMBERED = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
             "No", "Nos", "Vol", "Fig", "Art", "Sec", "Ch", "p", "pp"}
# May end a sentence; we split after them only before a word that typically opens one.
_ENDABLE = {"Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "LLC", "etc", "St", "Mt", "Ft",
            "Dept", "Univ", "approx", "a.m", "p.m"}
# Lowercase abbreviations of five letters or more, which a lowercase word may follow.
_LOWER_ABBREVIATIONS = {"approx", "admin", "assoc", "estab", "incorp", "intro", "trans"}
# Closed-class words that start sentences but hardly ever follow "U.S." or "Inc." inside one.
_STARTERS = {"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
             "Their", "Our", "My", "This", "That", "These", "Those", "There", "Here", "But", "And",
             "Or", "So", "Yet", "However", "Meanwhile", "In", "On", "At", "For", "After", "Before",
             "When", "While", "If", "As", "Although", "Though", "Since", "Some", "Many", "Most",
             "Both", "All", "Such", "What", "Why", "How", "Who", "Where", "Then", "Now", "Still",
             "Last", "Earlier", "Later", "According", "Under", "Despite", "During"}

# '"Help!" Hammel added.' - after a quoted question or exclamation, a capitalised speaker and a
# reporting verb continue the sentence ('?" She said' starts a new one; after '."' English style
# would have used a comma, so a capital there starts a new sentence too).
_ATTRIBUTION = re.compile(rf"(?!(?:{'|'.join(_STARTERS)}) )(?:[A-Z][\w.'-]* ){{1,3}}"
                          r"(?:said|says|added|asked|told|wrote|reported|replied|shouted|cried|tweeted)\b")


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _is_boundary(text: str, start: int, end: int, ko: bool, sent_start: int, ending: bool) -> bool:
    nxt = end + 1 if text[end] == " " else end
    c = text[nxt]
    mark = text[start:end].rstrip(_CLOSE)
    closed = len(mark) < end - start
    if ko and (closed or ending) and _KO_QUOTATIVE.match(text, nxt):
        return False
    if ending:  # unless punctuation follows after a stray space ("했다 ." "했다 - 그는"): split there
        return not c.islower() and c not in ".,?!…-–—"
    prev = text[start - 1] if start else " "
    ellipsis = mark[0] == "…" or mark.startswith("..")
    if ko and _is_hangul(prev):
        # Korean has no abbreviations, so 다. 요. 까? end a sentence; having no capitals either, an
        # ellipsis does so only after a final ending ("결렬됐다… 양측은" but "그런데… 이번에는").
        return not ellipsis or closed or prev in "다요죠까"
    if c.islower():
        # "e.g. this", '"Why?" he asked', "wait... then"; but a plain word of five letters or more
        # is no abbreviation, so the lowercase is a slip ("the document. confusion marred...").
        word = text[text.rfind(" ", sent_start, start) + 1:start]
        return (mark == "." and not closed and len(word) >= 5 and word.isalpha() and word.islower()
                and word not in _LOWER_ABBREVIATIONS)
    if ellipsis:
        return True
    if closed and mark[-1] in "?!" and _ATTRIBUTION.match(text, nxt):
        return False
    if mark != "." or closed:
        return True
    j = text.rfind(" ", sent_start, start) + 1
    tail = _TAIL.search(text, j, start)
    word = tail.group() if tail else ""
    if word in _NEVER:
        return False
    if tail is not None and word.isdigit():  # a non-empty word means _TAIL matched
        # A bare number never ends a Korean sentence ("실태 2. 제재"), so it is a list number there; in
        # English it is one only when it opens the sentence ("1. Open the file." but "He was 25.").
        return not ko and bool(text[sent_start:tail.start()].strip(" " + _OPEN))
    if word in _NUMBERED:
        return not c.isdigit()
    if word in _ENDABLE or _INITIALISM.fullmatch(word):
        m = _NEXT_WORD.match(text, nxt)
        return m is not None and m.group(1) in _STARTERS
    return True


def split_sentences(text: str, lang: str) -> list[str]:
    """Split Korean ("ko") or English ("en") text into sentences, in order, stripped, never empty."""
    if lang not in ("ko", "en"):
        raise ValueError(f"unsupported language {lang!r}: expected 'ko' or 'en'")
    text = " ".join(text.split())
    ko = lang == "ko"
    out, sent_start = [], 0
    for m in (_KO_CAND if ko else _EN_CAND).finditer(text):
        start, end = m.span()
        if end >= len(text):
            continue
        if _is_boundary(text, start, end, ko, sent_start, ko and m.group("ending") is not None):
            out.append(text[sent_start:end].strip())
            sent_start = end
    out.append(text[sent_start:].strip())
    return [s for s in out if s]


def inside_quotation(sentences: list[str]) -> list[bool]:
    """For each sentence, whether it opens inside a quotation the sentences before it left open
    ('…said, "No.' then 'This is the Iraqi vision."'): a paragraph break is not made there. One
    that opens with a quotation mark of its own reopens it, as a quotation running over paragraphs
    does in English ('"…' closing nothing, then '"…'), so a break may fall before it. Where the
    marks do not pair up (one closing with none open, or opening inside another: text cut from a
    longer story, or a slip), nothing is known and none is said to be inside."""
    flags, state = [], _Quotes()
    for sentence in sentences:
        reopens = sentence[:1] in _QUOTE_OPENERS and state.open
        flags.append(state.open and not reopens)
        state.read(sentence[1:] if reopens else sentence)
    return flags if state.paired else [False] * len(sentences)


_QUOTATION_AFTER_COLON = re.compile(r'(?<=:) +(?=["“「『])')


def paragraph_pieces(sentences: list[str]) -> list[str]:
    """Where a paragraph could end inside this text: after each sentence, and before a quotation a
    colon introduces ('…says the station will open today: “There are 665 stations…”'), which
    news often gives a paragraph of its own."""
    return [piece for sentence in sentences for piece in _QUOTATION_AFTER_COLON.split(sentence)]


def ends_in_quotation(text: str) -> bool:
    """Whether the text leaves a quotation open at its end (or its marks do not pair up): a
    paragraph that does may have its translation end inside one too."""
    state = _Quotes()
    state.read(text)
    return state.open or not state.paired


_QUOTE_OPENERS = '"“「『'


class _Quotes:
    """Curly and corner quotation marks nest. A straight one opens after a space (or at the start)
    and closes after a word, so one that opens while another is open, or closes with none open,
    shows marks that do not pair up ('said: "We look forward… She said they would leave "no')."""

    def __init__(self) -> None:
        self.curly, self.straight, self.paired = 0, False, True

    @property
    def open(self) -> bool:
        return self.curly > 0 or self.straight

    def read(self, text: str) -> None:
        for at, ch in enumerate(text):
            if ch in "“「『":
                self.curly += 1
            elif ch in "”」』":
                self.paired = self.paired and self.curly > 0
                self.curly = max(0, self.curly - 1)
            elif ch == '"' and self.curly > 0 and not self.straight:
                self.curly -= 1  # “…" : Korean drafts mix the two
            elif ch == '"':
                opening = at == 0 or text[at - 1] in " ([{—–-"
                self.paired = self.paired and opening != self.straight
                self.straight = opening
