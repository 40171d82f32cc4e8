"""Surface checks on the English of one segment: Hangul left behind, empty or untranslated target,
brackets and quotes, doubled words, whitespace, sentence-final punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.i18n import _

# Syllables plus every jamo block (a half-typed IME composition leaves bare jamo like "ㅎ").
_HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"
_HANGUL_RUN = re.compile(rf"[{_HANGUL}]+(?:[ \-·][{_HANGUL}]+)*")
_HANGUL_CHAR = re.compile(rf"[{_HANGUL}]")
_LETTER = re.compile(rf"[A-Za-z{_HANGUL}]")
# "jangmadang (장마당)": the Korean given as a gloss after its Latin rendering is house style, not a slip.
_GLOSS_BEFORE = re.compile(r"[A-Za-z][\w'’.-]*[”\"’]?\s*\(\s*$")
_GLOSS_AFTER = re.compile(r"^\s*[)),;]")


def untranslated(segment: SegmentText) -> bool:
    """The English is the Korean copied over, or mostly Hangul: nothing has been translated."""
    target = " ".join(segment.target.split())
    if not target or not _HANGUL_CHAR.search(target):
        return False
    if target == " ".join(segment.source.split()):
        return True
    letters = _LETTER.findall(target)
    return sum(1 for c in letters if _HANGUL_CHAR.match(c)) * 2 >= len(letters)


@register(
    "target.empty", "English missing", Severity.WARNING,
    "The Korean has text but the English is empty: the segment has not been translated yet.",
)
def empty(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if segment.source.strip() and not segment.target.strip():
        yield check.finding(segment.index, _("No English yet"))


@register(
    "target.untranslated", "English is the Korean", Severity.ERROR,
    "The English equals the Korean, or is mostly Hangul: the source was copied, not translated.",
)
def same_as_source(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if untranslated(segment):
        yield check.finding(segment.index, _("The English is untranslated Korean"),
                            target_span=(0, len(segment.target)))


@register(
    "hangul.left", "Hangul in the English", Severity.ERROR,
    "Korean left in the English. A Korean gloss in parentheses right after its romanization, as in "
    "“jangmadang (장마당)”, is only a warning.",
)
def hangul_left(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if untranslated(segment):
        return  # one error for the whole segment is enough
    target = segment.target
    for run in _HANGUL_RUN.finditer(target):
        gloss = bool(_GLOSS_BEFORE.search(target, 0, run.start())) and bool(
            _GLOSS_AFTER.match(target[run.end():]))
        yield Finding(
            check.id, Severity.WARNING if gloss else check.severity, segment.index,
            (_("Korean gloss “{text}” in the English") if gloss
             else _("Korean “{text}” left in the English")).format(text=run.group()),
            target_span=run.span(),
        )


_CLOSING = {")": "(", "]": "[", "}": "{"}
_DOUBLE_QUOTES = "“”\""
_KO_DOUBLE_QUOTES = "“”\"「」『』"
@register(
    "punctuation.brackets", "Unbalanced quotes or brackets", Severity.WARNING,
    "Brackets and double quotes in the English open and close in pairs unless the Korean leaves "
    "them open too (a quotation running on into the next paragraph). A quotation in the Korean may "
    "become reported speech in the English (“…”라고 말했다 = \"he said that …\"): that is the "
    "editor's choice, not a slip.",
)
def brackets(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    source, target = segment.source, segment.target
    if not target.strip() or untranslated(segment):
        return
    stack: list[tuple[str, int]] = []
    stray: list[tuple[str, int]] = []
    for i, ch in enumerate(target):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in _CLOSING:
            if stack and stack[-1][0] == _CLOSING[ch]:
                stack.pop()
            else:
                stray.append((ch, i))
    for ch, i in sorted(stray + stack, key=lambda item: item[1]):
        opener = _CLOSING.get(ch, ch)
        closer = {v: k for k, v in _CLOSING.items()}[opener]
        if source.count(opener) == source.count(closer):  # the Korean pairs its own
            what = _("“{mark}” is never closed") if ch == opener else _("“{mark}” closes nothing")
            yield check.finding(segment.index, what.format(mark=ch), target_span=(i, i + 1))
    quotes = [i for i, ch in enumerate(target) if ch in _DOUBLE_QUOTES]
    if len(quotes) % 2 and sum(source.count(q) for q in _KO_DOUBLE_QUOTES) % 2 == 0:
        i = quotes[-1]
        yield check.finding(segment.index, _("A double quote is not paired"), target_span=(i, i + 1))


_DOUBLED = re.compile(r"\b([A-Za-z]+)\s+(\1)\b", re.IGNORECASE)
# Grammatical doubles: "had had", "that that".
_DOUBLE_OK = {"had", "that", "is", "do"}


@register(
    "text.doubled_word", "Doubled word", Severity.WARNING,
    "The same word twice in a row in the English, as in “the the”.",
)
def doubled_word(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    for m in _DOUBLED.finditer(segment.target):
        if m.group(1).lower() not in _DOUBLE_OK:
            yield check.finding(segment.index, _("“{word}” twice").format(word=m.group(1)), target_span=m.span())


_EDGE_SPACE = re.compile(r"^\s+|\s+$")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")


@register(
    "text.whitespace", "Stray whitespace", Severity.INFO,
    "Leading or trailing whitespace, or double spaces, in the English.",
)
def whitespace(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    target = segment.target
    if not target.strip():
        return
    for m in _EDGE_SPACE.finditer(target):
        where = _("Leading whitespace") if m.start() == 0 else _("Trailing whitespace")
        yield check.finding(segment.index, where, target_span=m.span())
    for m in _DOUBLE_SPACE.finditer(target):
        yield check.finding(segment.index, _("Double space"), target_span=m.span())


_CLOSERS = "\"'”’)]」』"
_END = ".?!…。"


def _final(text: str) -> str:
    """The last sentence-final mark, looking past closing quotes and brackets; '' if none."""
    text = text.rstrip().rstrip(_CLOSERS).rstrip()
    return text[-1] if text and text[-1] in _END else ""


@register(
    "punctuation.end", "Sentence end differs", Severity.INFO,
    "The Korean ends a sentence and the English does not, or one ends in ? or ! and the other not.",
)
def sentence_end(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not segment.target.strip():
        return
    ko, en = _final(segment.source), _final(segment.target)
    span = (len(segment.target.rstrip()), len(segment.target.rstrip()))
    if ko and not en:
        yield check.finding(segment.index, _("The Korean ends with “{korean}”, the English has no sentence "
                                             "end").format(korean=ko), target_span=span)
        return
    ko_mark, en_mark = _mark(ko), _mark(en)
    if en and ko_mark != en_mark:
        message = _("The Korean ends with “{korean}”, the English with “{english}”") if ko else \
            _("The Korean has no sentence end, the English ends with “{english}”")
        yield check.finding(segment.index, message.format(korean=ko, english=en), target_span=span)


def _mark(final: str) -> str:
    return final if final in ("?", "!") else ""
