"""A glossary that learns from the editors: when editors replace the same English rendering of the same
Korean word the same way in two or more segments, Tandem proposes a glossary entry (the Korean, the
corrected rendering, the replaced one as forbidden) with those corrections as its evidence.

A correction is the editor's text over the translator's: in each segment, every run of editor
revisions after a translator's revision, the last of the run against the translator's. Their word
diffs give replaced phrases; identical replacements (by stems, so "guards" and "guard" group) from
different segments form a group. A group names no Korean word, so each is attributed by co-occurrence
over the whole workspace: a candidate Korean word must be in the Korean of at least two of the
corrected segments, and wherever else it occurs, its English should carry the corrected rendering
(not the replaced one, nor neither). Only a clear winner is proposed: precision before recall, since
every false proposal costs a terminologist's time.

Runs on demand over the whole workspace (`tandem glossary learn`): attribution needs every segment's
Korean and English, which a save (kept to milliseconds) should not read.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from glossaries.english import EnglishText
from glossaries.folding import fold_key
from glossaries.model import Term, TermStatus
from workflow.access import GLOSSARY_ROLES, Actors, require
from workflow.clock import now
from workflow.glossary import Glossary
from workflow.i18n import N_, _
from workflow.models import Role
from workflow import replaced_phrases as phrases
from workflow.replaced_phrases import HANGUL, WORD, Correction, Replacement
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_glossary import TermsRepository
from workflow.storage.store_learning import CorrectedRevision, LearningRepository
from workflow.storage.store_segments import SegmentRecord, SegmentsRepository
from workflow.storage.store_users import UsersRepository
from workflow.storage.store_learning import LEARNED

MIN_EVIDENCE = 2  # corrected segments (the "two or more segments or documents")
MIN_SCORE = 0.75  # share of the Korean word's segments whose English agrees with the correction
MIN_COVERAGE = 0.6  # share of the group's corrected segments the Korean word must be in
REASON_PREFIX = "learned from editors' corrections"

_EOJEOL = re.compile(r"[\uac00-\ud7a3A-Za-z0-9]+")
# Particles, plural and the commonest verb endings after a Korean noun, longest first: stripping them
# leaves the word as a glossary would list it (보위지도원들을 -> 보위지도원).
_ENDINGS = tuple(sorted("""
은 는 이 가 을 를 의 에 와 과 도 만 로 으로 에서 에게 까지 부터 처럼 보다 마다 이나 이며 이고 이다 이라 라
에는 에도 에서는 에서도 에서의 에게는 에게서 으로는 으로서 으로써 로는 로서 로써 과의 와의 과는 와는 에의 까지는
부터는 이라는 라는 이라고 라고 이란 란 한테 께서 께 들 들은 들는 들이 들을 들의 들에 들과 들도 들에게 들로
하는 하고 하며 하기 하여 해 한 할 했다 했던 하던 하다 된 되는 되어 돼 됐다 되었다 시킨 시켜 적 적인 적으로
""".split(), key=len, reverse=True))
_ENDING_SET = frozenset(_ENDINGS)
_ENDING_LENGTHS = sorted({len(e) for e in _ENDINGS}, reverse=True)
# Words that point at a noun rather than name part of it (이번 지진 "this quake" is 지진).
_POINTERS = frozenset("""
이번 지난 올해 오늘 어제 내일 당시 최근 현재 이날 이후 이전 모든 각 해당 다른 같은 여러 일부 대부분 전체 한편 또한
그 이 저 두 세 네 한 첫 약 총 양 전 현 및 또는 등 중 내 외
""".split())


@dataclass(frozen=True)
class Learned:
    """A proposal the corrections support (term_id once stored), or why none was made (`held`)."""

    ko: str
    en: str
    forbidden: str
    evidence: tuple[Correction, ...]
    score: float
    term_id: int | None = None
    held: str = ""  # why it was not proposed: already in the glossary, rejected before, ...

    @property
    def editors(self) -> list[str]:
        return [name for name, _n in Counter(c.editor for c in self.evidence).most_common()]


@dataclass
class Report:
    proposed: list[Learned] = field(default_factory=list)
    held: list[Learned] = field(default_factory=list)  # supported, but the glossary already decided
    corrections: int = 0
    groups: int = 0  # replacements seen in two or more segments


class TermLearning:
    """`ws.term_learning`: find, propose and explain glossary entries learned from corrections."""

    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, learning: LearningRepository, segments: SegmentsRepository, terms: TermsRepository, users: UsersRepository, glossary: Glossary) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._learning = learning
        self._segments = segments
        self._terms = terms
        self._users = users
        self._glossary = glossary

    def corrections(self) -> list[Correction]:
        """In each segment, every translator's text an editor changed: the last editor revision of
        the run that follows it, against it (an editor's second thought replaces the first)."""
        found: list[Correction] = []
        rows = self._learning.corrected_segment_revisions()
        for _segment_id, revisions in _by_segment(rows):
            translated: CorrectedRevision | None = None
            edited: CorrectedRevision | None = None
            for row in [*revisions, None]:
                if row is not None and row.role == "editor":
                    if translated is not None:
                        edited = row
                    continue
                if translated is not None and edited is not None and edited.text != translated.text:
                    found.append(Correction(
                        translated.document_id, translated.index, translated.source_text,
                        translated.text, edited.text, translated.id, edited.id, edited.author))
                translated, edited = (row if row is not None and row.role == "translator" else None), None
        return found

    def find(self) -> Report:
        """What the corrections support now, checked against the glossary; nothing is written."""
        corrections = self.corrections()
        report = Report(corrections=len(corrections))
        groups = phrases.groups(corrections, MIN_EVIDENCE)
        report.groups = len(groups)
        if not groups:
            return report
        segments = self._segments.all_segments()
        sources = {c.source for group in groups for c in (r.correction for r in group)}
        interest = {key for source in sources for key in korean_words(source)}
        where = _Occurrences(segments, interest, {c.document_id for group in groups for c in
                                                  (r.correction for r in group)})
        decided = _Decided(self._glossary.terms())
        for replacements in groups:
            learned = _attribute(replacements, where)
            if learned is None:
                continue
            held = decided.held(learned)
            if held:
                report.held.append(replace(learned, held=held))
            else:
                report.proposed.append(learned)
        return report

    def learn(self, *, by: str) -> Report:
        """Propose what `find` supports: each by the editor whose corrections it came from (anyone may
        propose; the judgement is theirs), with the corrections in its history and in the audit log,
        which also names who ran the learning."""
        with self._tx.write():
            # The proposals carry editors' names: only those who look after the glossary, or the
            # editors themselves, set that going.
            require(self._actors.acting(by), GLOSSARY_ROLES | {Role.EDITOR},
                    N_("learn glossary proposals from editors' corrections"))
        report = self.find()
        made: list[Learned] = []
        for learned in report.proposed:
            term = Term(learned.ko, learned.en, en_forbidden=(learned.forbidden,), status=TermStatus.PROPOSED)
            # An editor since disabled or removed cannot act: whoever runs the learning proposes it.
            proposer = next((name for name in learned.editors
                             if (row := self._users.user_by_name(name)) and not row.disabled_at), by)
            created = self._glossary.propose(term, by=proposer, reason=reason(learned))
            with self._tx.write():
                runner = self._actors.acting(by)
                self._audit.audit(now(), runner.id, LEARNED, {
                    "term": created.id, "ko": learned.ko, "old": learned.forbidden, "new": learned.en,
                    "corrections": [[c.before_revision, c.after_revision] for c in learned.evidence]})
            made.append(replace(learned, term_id=created.id))
        report.proposed = made
        return report

    def evidence(self, term_id: int) -> tuple[Correction, ...]:
        """The corrections a learned proposal was made from (none for other terms)."""
        revisions = self._terms.term_revisions(term_id)
        if not revisions or not revisions[0].reason.startswith(REASON_PREFIX):
            return ()  # not learned: spare the audit log's scan (it has no index by action)
        detail = self._learning.learned_evidence(term_id)
        if not detail:
            return ()
        pairs = [(int(a), int(b)) for a, b in detail.get("corrections", ())]
        texts = self._learning.revision_texts([i for pair in pairs for i in pair])
        found = []
        for before, after in pairs:
            old, new = texts.get(before), texts.get(after)
            if old and new:
                found.append(Correction(new.document_id, new.index, new.source_text, old.text,
                                        new.text, before, after, new.author))
        return tuple(found)


REASON_PLACES = 8  # segments a reason names; the rest are counted (all are in the audit log)


def reason(learned: Learned) -> str:
    """The proposal's reason in its history: the replacement and where the editors made it."""
    places = [f"document {c.document_id} segment {c.segment}" for c in learned.evidence]
    more = len(places) - REASON_PLACES
    where = "; ".join(places[:REASON_PLACES]) + (f"; and {more} more" if more > 0 else "")
    return f"{REASON_PREFIX}: “{learned.forbidden}” → “{learned.en}” in {where}"


# finding the replacements -------------------------------------------------------------------------


def _by_segment(rows: list[CorrectedRevision]) -> Iterator[tuple[int, list[CorrectedRevision]]]:
    current: list[CorrectedRevision] = []
    for row in rows:
        if current and current[0].segment_id != row.segment_id:
            yield current[0].segment_id, current
            current = []
        current.append(row)
    if current:
        yield current[0].segment_id, current


# which Korean word the replacement renders --------------------------------------------------------


@lru_cache(maxsize=4096)  # attribution asks again for each corrected segment's words; read-only
def korean_words(source: str) -> dict[str, str]:
    """The words of a Korean text as a glossary would list them, by matching key (folded, no spaces):
    each word without its particles or ending, and each pair of words written apart where the first
    takes none (국경 봉쇄로 -> 국경 봉쇄), since glossary nouns are often such pairs."""
    found: dict[str, str] = {}
    previous = ""
    for match in _EOJEOL.finditer(source):
        word = match.group()
        stem = _stem(word)
        if len(stem) >= 2 and HANGUL.match(stem):
            found.setdefault(fold_key(stem), stem)
            if previous:
                found.setdefault(fold_key(previous + stem), f"{previous} {stem}")
        previous = word if stem == word and HANGUL.search(word) and len(word) >= 2 and word not in _POINTERS \
            else ""
        if match.end() < len(source) and source[match.end()] not in " ":
            previous = ""  # punctuation between: not one noun phrase
    return found


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for length in _ENDING_LENGTHS:
        if len(word) - length >= 2 and word[-length:] in _ENDING_SET:
            word = word[:-length]
            break
    if word.endswith("들") and len(word) >= 3:
        word = word[:-1]
    return word


class _Occurrences:
    """Where the Korean words of the corrected segments occur in the workspace, with the English of
    those segments and of the corrected documents: read once per run, and only that much kept (a
    workspace of millions of segments holds far more words than the corrections ask about)."""

    def __init__(self, segments: list[SegmentRecord], interest: set[str], documents: set[int]) -> None:
        self._analysed: dict[tuple[int, int], EnglishText] = {}
        self.english: dict[tuple[int, int], str] = {}
        self.segments_with: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row in segments:
            where = (row.document_id, row.index)
            found = [key for key in korean_words(row.source_text or "") if key in interest]
            for key in found:
                self.segments_with[key].append(where)
            if found or where[0] in documents:
                self.english[where] = row.target or ""

    def has(self, place: tuple[int, int], phrase: str) -> bool:
        """Whether the segment's English has the phrase, inflected or not (analysed once per run)."""
        english = self._analysed.get(place)
        if english is None:
            english = self._analysed[place] = EnglishText(self.english.get(place, ""))
        return bool(english.find(phrase))


@dataclass(frozen=True)
class _Candidate:
    key: str
    surface: str
    evidence: tuple[Correction, ...]
    score: float
    support: int
    mismatch: int  # corrected segments where the word and the rendering occur a different number of times
    fit: float  # how far apart the word and the rendering sit in their texts, and their lengths disagree

    def rank(self) -> tuple[float, int, int]:
        # One more occurrence against every word: a rare word that happens to share two corrected
        # segments (a name in the same story) ranks below a word the rest of the workspace confirms.
        return (round(self.support / (self.support / self.score + 1), 6), self.support, -self.mismatch)


FIT_MARGIN = 0.08  # how much better the best placed of equally supported words must be placed


def _attribute(group: list[Replacement], where: _Occurrences) -> Learned | None:
    old, new = phrases.rendering(group)
    by_segment: dict[tuple[int, int], Replacement] = {}
    for replacement in group:
        by_segment.setdefault(phrases.where(replacement.correction), replacement)
    keys: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for replacement in by_segment.values():
        for key, surface in korean_words(replacement.correction.source).items():
            keys[key] += 1
            surfaces[key][surface] += 1
    if _kept(old, by_segment, where) >= len(by_segment):
        return None  # editors left the old words as often elsewhere: a rewording, not a rendering
    candidates = []
    for key, count in keys.items():
        if count < MIN_EVIDENCE:
            continue
        evidence = tuple(r.correction for r in by_segment.values() if key in korean_words(r.correction.source))
        agree = disagree = neutral = 0
        for place in where.segments_with.get(key, ()):
            if place in by_segment:
                continue
            if where.has(place, new):
                agree += 1
            elif where.has(place, old):
                disagree += 1
            else:
                neutral += 1
        support = len(evidence) + agree
        score = support / (support + disagree + neutral)
        mismatch = sum(1 for c in evidence
                       if _korean_count(c.source, key) != len(EnglishText(c.after).find(new)))
        surface = surfaces[key].most_common(1)[0][0]
        length_gap = abs(len(surface.replace(" ", "")) - 2 * len(WORD.findall(new)))
        placed = sum(_position_gap(c, key, new) for c in evidence) / len(evidence)
        candidates.append(_Candidate(key, surface, evidence, score, support, mismatch,
                                     placed + 0.05 * length_gap))
    if not candidates:
        return None
    top = max(c.rank() for c in candidates)
    best, *others = sorted(_one_of_pair(new, [c for c in candidates if c.rank() == top]), key=lambda c: c.fit)
    if best.score < MIN_SCORE or len(best.evidence) < MIN_COVERAGE * len(by_segment) \
            or (others and others[0].fit - best.fit < FIT_MARGIN):
        return None  # no Korean word clearly renders it: better no proposal than a false one
    return Learned(best.surface, new, old, best.evidence, best.score)


def _one_of_pair(rendering: str, tied: list[_Candidate]) -> list[_Candidate]:
    """Of a pair of Korean words (콘돌리자 라이스) and its words, equally supported: the pair for a
    rendering of several words (Condoleezza Rice), the word alone for a rendering of one."""
    pairs = [c for c in tied if " " in c.surface]
    if not pairs:
        return tied
    if len(WORD.findall(rendering)) == 1:
        kept = [c for c in tied if " " not in c.surface]
    else:
        parts = {word for c in pairs for word in c.surface.split()}
        kept = [c for c in tied if " " in c.surface or c.surface not in parts]
    return kept or tied


def _kept(old: str, corrected: dict[tuple[int, int], Replacement], where: _Occurrences) -> int:
    """Segments of the corrected documents whose English still has the old words."""
    documents = {place[0] for place in corrected}
    return sum(1 for place in where.english
               if place[0] in documents and place not in corrected and where.has(place, old))


def _position_gap(correction: Correction, key: str, rendering: str) -> float:
    """Where in its Korean the word is against where in the English the rendering is (0 to 1):
    news paragraphs keep their clauses' order, so a word and its rendering sit near each other."""
    source, english = correction.source, correction.after
    at_ko = next((m.start() for m in _EOJEOL.finditer(source) if fold_key(_stem(m.group())) == key), None)
    if at_ko is None:
        at_ko = max(0, fold_key(source).find(key))
    hits = EnglishText(english).find(rendering)
    at_en = hits[0].start if hits else len(english) / 2
    return abs(at_ko / max(1, len(source)) - at_en / max(1, len(english)))


def _korean_count(source: str, key: str) -> int:
    return sum(1 for m in _EOJEOL.finditer(source) if fold_key(_stem(m.group())) == key) or \
        fold_key(source).count(key)


# what the glossary already decided ---------------------------------------------------------------


class _Decided:
    def __init__(self, terms: list[Term]) -> None:
        self.renderings: dict[str, list[tuple[str, Term]]] = defaultdict(list)  # live, by rendering
        self.live: dict[str, Term] = {}
        self.turned_down: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            for form in term.korean_forms:
                if term.status in (TermStatus.PROPOSED, TermStatus.APPROVED):
                    self.live[fold_key(form)] = term
                    for english in term.english_forms:
                        self.renderings[phrases.phrase_key(english)].append((fold_key(form), term))
                else:
                    self.turned_down[fold_key(form)].append(term)

    def held(self, learned: Learned) -> str:
        from workflow.names import name

        key = fold_key(learned.ko)
        term = self.live.get(key)
        if term is not None:
            return _("term {id} ({ko} → {en}) is already in the glossary, {status}").format(
                id=term.id, ko=term.ko, en=term.en, status=name(term.status))
        wanted = phrases.phrase_key(learned.en)
        for form, term in self.renderings.get(wanted, ()):
            if form in key:  # 해외 외화벌이 -> foreign currency, where 외화벌이 -> foreign currency is one
                return _("term {id} ({ko} → {en}) is already in the glossary, {status}").format(
                    id=term.id, ko=term.ko, en=term.en, status=name(term.status))
        for term in self.turned_down[key]:
            if any(phrases.phrase_key(form) == wanted for form in term.english_forms):
                return _("term {id} ({ko} → {en}) was {status} before").format(
                    id=term.id, ko=term.ko, en=term.en, status=name(term.status))
        return ""
