"""Pairing Korean units with English ones: Gale & Church's beads, priced by length and by evidence.

A bead pairs one Korean unit with one English (1-1), or with none (1-0, a dropped paragraph), or
two with one (2-1, a merge; 1-2, a split), or keeps English without Korean (0-1). Its price is its
prior, how likely the lengths are if the units translate each other (Gale & Church 1993), and
what the texts share that survives translation (workflow.align_evidence): numbers, names, glossary
terms, common news words (workflow.align_lexicon), quoted speech, questions. The cheapest sequence of
beads is the pairing.

How sure: the best sequence that pairs a Korean unit otherwise is found too (forward and backward
costs, so every alternative bead is priced with the best path through it). Where it costs less
than MARGIN more (NEAR_MARGINS near a drop or a merge), the pair is doubtful and names the close
alternative: a wrong pairing that nothing marks is the one failure a translator cannot see.

Lengths are characters other than spaces (Korean spacing varies: 정보 통신망 / 정보통신망). The
expected English length of a Korean unit is taken from the document pair itself, because the ratio
moves with genre and direction: 1.86 on NTREX (English originals, Korean translations) against 2.4
on our newsroom's Korean originals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from workflow.align_evidence import NONE, Evidence, english_evidence, korean_evidence

# Variance per character. 9.4 was measured on NTREX's 1,978 clean sentence pairs, but priced that
# tightly lengths outvote names and numbers: on benchmarks/align_news.py (merges priced by their cut)
# 30, spaces left out, paired 11,523 of 11,880 segments right against 11,361 at 9.4, the 80
# articles 64 right against 55, and the sample article's 36 variants 34 against 32; 40 was worse.
VARIANCE = 30.0
SENTENCE_VARIANCE = 9.4
# Gale & Church's priors for each bead shape, (source units, target units).
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}
# Two paragraphs merged into an English of one sentence: that sentence goes whole to one of them
# (best_split) and the other is left with none, so the merge is a drop and a pair, and priced as
# one. At the merge's prior it was a cheap way to drop a paragraph beside a one-sentence English,
# and the wrong one went (park2016 lines 457-468, with 461 dropped, left 461's English to 460).
# Issue 19's positions of seeds 20-39: 1,424 -> 1,437 of 1,600 articles right; 40-59: 1,400 -> 1,416.
DROP_AS_MERGE = PRIORS[(1, 0)] * PRIORS[(1, 1)]
# A 1-1 pair whose lengths are this improbable is shown to the translator as doubtful ("much
# longer than this Korean suggests"): with the variance above, about what 0.001 was at 9.4 (3.5% of
# perfect park2016 drafts' pairs marked, 4.6% before; NTREX and JHE 0.1% and none).
DOUBTFUL_PAIR = 0.05
# Evidence, in nats: a shared number is strong (a number on one side only is weak evidence against:
# 3월 becomes "March"); a shared name or glossary term is strong; quotes on one side only are weak.
# Set on benchmarks/align_news.py: names and numbers at 2.5 and 3.0 rather than 1.5 and 2.0 paired
# 44 more of 11,880 segments right; a word-count fit beside the characters' cost 60 to 340 right
# pairs and was left out, and so did a penalty for a document's name on one side only.
NUMBER_SHARED, NUMBER_UNSHARED = 3.0, 0.7
NAME_SHARED, SHORT_NAME_SHARED = 2.5, 1.0  # a two-consonant skeleton ("Obama": p-m) collides more
TERM_SHARED = 1.5
# Quotation marks on one side only: 0.5 before the vocabulary grew; 1.0 placed 4 more of 1,184
# articles right on benchmarks/align_news.py, 2.5 fewer.
QUOTE_MISMATCH = 1.0
# A meaning both say in their own words (workflow.align_lexicon: 사망 and "killed"), and one that only
# one side says (the Korean paragraph whose words the English beside it does not say is the one that
# lost its English), each counted as the square root of how many: the meanings of one sentence are
# not independent witnesses, and with 2,800 meanings counted one by one the evidence outvoted
# lengths and left wrong pairs unmarked. Set on benchmarks/align_news.py (seed 19, and issue 19's
# positions of seeds 20-29): 2.0 and 0.5 at the square root paired 706 of those 800 articles right
# against 686 at the best weights counted linearly (1.0 and 0.2) and 672 with the 300-meaning list.
# With 5,700 meanings (everyday words too) a sentence has more of them, and a one-sided one is
# weaker evidence: on issue 19's positions of seeds 19-39, 1,494 of 1,680 articles right at 0.4,
# 1,483 at 0.5; 0.3 placed 1,501 but then merged a three-sentence paragraph's sentences over a
# dropped one whose words the English does not say (tests/test_align_lexicon.py).
CONCEPT_SHARED = 2.0
# A question on one side only: a translator keeps a question a question (rhetorical ones now and
# then become statements, so e^2, not more). On benchmarks/align_news.py, once the words above were
# in, it placed 11 more segments right of 11,880 (5 more articles) and 3 of the 960.
QUESTION_MISMATCH = 2.0
CONCEPT_UNSHARED = 0.4
CONCEPT_POWER = 0.5
SENTENCE_DIFFERENCE = 2.0
# A merge cut inside a quotation (the English '…said, "No.' then 'This is the Iraqi vision."' is
# two sentences, not two paragraphs' ends): e^3 against it, unless the paragraph before the cut
# ends inside one itself (a quotation running on; NTREX's sentence lines do that). Issue 19's
# positions of seeds 20-59: 2,853 -> 2,863 of 3,200 articles right; e^6 placed 2,834, as a
# quotation mark the corpus left unclosed then held every later cut. Without the exception, 7 of
# seed 19's 167 NTREX merges went wrong; with it, and straight marks read by direction
# (workflow.sentences), none.
QUOTATION_CUT = 3.0
# Pairing a heading with a paragraph is possible (a translator may drop a subhead) but unlikely.
KIND_MISMATCH = 0.01
# A pairing is doubtful when another one costs less than this much more (nats): e^5, 150 to 1. On
# benchmarks/align_news.py 4.0 left 22 wrong pairs of 11,880 unmarked, 5.0 leaves 19 (most of them
# pairs the corpus itself gets wrong) at about 1,200 right pairs marked beside a perturbation.
MARGIN = 5.0
# Beside a drop or a merge (BREAKS) a one-to-one pair is a close call within e^10. With the
# lexicon's evidence, MARGIN alone left 10 wrong pairs of 11,880 unmarked on benchmarks/align_news.py
# (2 of the 960); this leaves 3 (none of the issue's), for 1,133 right pairs marked away from
# the perturbation against 750 (1,262 before the lexicon). 8 or 9 left 1 of the issue's, drops alone
# 1; splits too cost 175 more marks and caught nothing more.
NEAR_MARGIN = 10.0
BREAKS = frozenset({(1, 0), (2, 1)})
# ...and two beads away, within e^7.5: a loose corpus pair beside a drop can shift the pair after
# next (issue 19's positions of seeds 20-29: 6 wrong pairs unmarked with the first margin alone, 2
# with this, for 987 -> 1,045 right pairs marked of 9,600; 6.5 left 4). Three beads away, within
# e^6.5: with 5,700 meanings a run of loose pairs beside a drop (park2016 lines 509-513) was
# followed confidently one pair further (2 of the 5 wrong pairs unmarked at issue 19's positions
# of seeds 40-49; 939 -> 966 of 9,600 right pairs marked). e^7 since a drop priced as a drop
# (DROP_AS_MERGE): the same lines with 513 dropped were followed at e^6.6 (seeds 20-59: 24 -> 23
# wrong pairs unmarked, the rest read right by meaning; 3,920 -> 3,977 of 38,400 right pairs marked).
NEAR_MARGINS = (NEAR_MARGIN, 7.5, 7.0)
# Only beads this far from the diagonal are considered, in units, beside twice the difference in
# the two counts (each drop or merge moves the path off the diagonal by one): the cost grows with
# the document's length, not its square (1,000 park2016 sentences, one dropped: 13.4 s with a band
# of a tenth of the document, 2.7 s for the whole import with this one).
BAND = 12


@dataclass(frozen=True)
class Unit:
    length: int
    kind: str = "paragraph"
    evidence: Evidence = NONE
    sentences: int = 1
    # Its sentences as units of their own, where a merge or a split would have to cut it.
    pieces: tuple[Unit, ...] = ()
    # How many more sentences its translation may fairly have (speech_breaks).
    flex: int = 0
    # A piece that opens inside a quotation the pieces before it left open: no cut falls before it,
    # unless the unit the cut gives the text before it to itself ends inside a quotation.
    in_quotation: bool = False
    ends_in_quotation: bool = False
    # A piece that is a quotation a colon introduced, inside a sentence: a cut before it costs the
    # same as one inside a quotation (workflow.sentences.paragraph_pieces). Issue 19's positions of
    # seeds 20-59: 2,869 -> 2,872 of 3,200 articles right; free, it cut one of seed 19's NTREX merges
    # after "Someone else added:" where the Korean kept the quotation.
    after_colon: bool = False


def unit(text: str, kind: str = "paragraph", sentences: int = 1, evidence: Evidence | None = None,
         pieces: Sequence[Unit] = ()) -> Unit:
    return Unit(len("".join(_DATELINE.sub("", text, count=1).split())), kind,
                evidence if evidence is not None else _read(text), sentences, tuple(pieces),
                speech_breaks(text, sentences))


# A wire dateline opening a paragraph ("BAGHDAD, Iraq (CNN) —", "SEOUL, Dec. 6 (Yonhap) --",
# "(서울=연합뉴스) 김철수 기자 =") is the agency's, not a translation of the other side's words:
# its length is not counted (its names still are evidence). 46 of park2016's 1,000 English lines
# open with one; on issue 19's positions of seeds 19-39 it changed no article's pairing and took
# 12 marks off right pairs.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]*[A-Z](?:,(?:\s+[\w.]+){1,3})?\s*)?\((?:CNN|AP|AFP|Reuters|Yonhap|UPI|KCNA)\)"
    r"\s*(?:--|—|–|-|&#8212;)?\s*"
    r"|^\s*\([가-힣]+=[가-힣A-Za-z]+\)\s*(?:[가-힣]+\s*(?:기자|특파원)\s*=?\s*)?")


_OPENING_QUOTES = re.compile(r"[“「『]")


def speech_breaks(text: str, sentences: int) -> int:
    """Korean news strings quotations into one sentence ("…"며 "…"라고 말했다) that English gives as
    one sentence each ("…," he said. "…"): each quotation beyond one a sentence holds may be an
    English sentence of its own. English text gets none."""
    if not _HANGUL.search(text):
        return 0
    spans = len(_OPENING_QUOTES.findall(text)) + text.count('"') // 2
    return max(0, spans - sentences)


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _read(text: str) -> Evidence:
    """What a unit says, where the caller brought no evidence of its own (sentence pairing): read
    as Korean where it has Hangul, else as English: the import's sentence pairing then weighs what
    the paragraphs' pairing does. On the unperturbed multi-sentence articles of benchmarks/align_news.py
    imported with --sentences: 2,702 -> 2,710 of 2,812 sentences right, 15 -> 14 wrong unmarked,
    277 -> 163 right but marked (digits alone before)."""
    return korean_evidence(text) if _HANGUL.search(text) else english_evidence(text)




@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float  # how well lengths and evidence fit, 0-1: 1.0 is a perfect fit (or better)
    # For each source unit's pairing: how much dearer (nats) the best pairing that gives it other
    # text is, and that English (target units; () for none). `shared`: the alternative gives it
    # part of that English, cut with a neighbour. None: no alternative was possible.
    margin: float = math.inf
    alternative: tuple[int, ...] | None = None
    shared: bool = False
    # How close a rival must come to make this a close call: wider beside a drop, merge or split.
    threshold: float = MARGIN

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.source), len(self.target)

    @property
    def close_call(self) -> bool:
        return self.margin < self.threshold

    @property
    def doubtful(self) -> bool:
        return self.shape != (1, 1) or self.score < DOUBTFUL_PAIR or self.close_call


def ratio(source: Sequence[Unit], target: Sequence[Unit]) -> float:
    src = sum(u.length for u in source)
    tgt = sum(u.length for u in target)
    return tgt / src if src and tgt else 1.0


def length_fit(src_len: int, tgt_len: int, c: float, variance: float = VARIANCE) -> float:
    """Probability of a length difference at least this large, if the two are translations."""
    mean = (src_len + tgt_len / c) / 2
    if mean == 0:
        return 1.0
    delta = (tgt_len - src_len * c) / math.sqrt(mean * variance)
    return math.erfc(abs(delta) / math.sqrt(2))


def parallel(source: Sequence[Unit], target: Sequence[Unit]) -> list[Bead]:
    """One-to-one pairs for lists of equal length, each with its fit. A draft with as many blocks as
    the Korean is taken to follow it: the search would trade two one-to-one pairs for a drop and an
    extra wherever lengths and names happen to favour it (85 of 996 perfect park2016 pairs)."""
    assert len(source) == len(target)
    c = ratio(source, target)
    return [Bead((i,), (i,), length_fit(s.length, t.length, c) * (1 if s.kind == t.kind else KIND_MISMATCH))
            for i, (s, t) in enumerate(zip(source, target))]


def align(source: Sequence[Unit], target: Sequence[Unit], *, variance: float = VARIANCE,
          expected_ratio: float | None = None, cut_merges: bool = False) -> list[Bead]:
    """The most probable sequence of beads covering both lists in order, each with its margin.

    A check pairing one segment's sentences, whose lengths are what is being judged, gives the
    expected English/Korean ratio instead of taking it from the texts, and prices lengths as
    tightly as clean sentence pairs vary (SENTENCE_VARIANCE): it has little other evidence.
    `cut_merges`: the caller shares a merge's English out between its two units at a sentence
    boundary (paragraphs, not sentences), so a merge of one sentence leaves one unit without any
    and is priced as the drop it amounts to (DROP_AS_MERGE)."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    c = expected_ratio or ratio(source, target)
    band = BAND + 2 * abs(n - m)
    steps = _Steps(source, target, c, variance, cut_merges)
    inf = math.inf

    def near(i: int, j: int) -> bool:
        return abs(i * m - j * n) <= band * max(n, m)

    forward = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            here = forward.get((i, j), inf)
            if here == inf:
                continue
            for di, dj in PRIORS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m or not near(ni, nj):
                    continue
                cost = here + steps.cost(i, j, di, dj)
                if cost < forward.get((ni, nj), inf):
                    forward[(ni, nj)], back[(ni, nj)] = cost, (i, j)
    backward = {(n, m): 0.0}
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if not near(i, j) or (i, j) == (n, m):
                continue
            best = inf
            for di, dj in PRIORS:
                ni, nj = i + di, j + dj
                if ni <= n and nj <= m and (ni, nj) in backward:
                    best = min(best, steps.cost(i, j, di, dj) + backward[(ni, nj)])
            if best < inf:
                backward[(i, j)] = best
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[(i, j)]
        path.append((pi, pj, i, j))
        i, j = pi, pj
    path.reverse()
    chosen = {k: steps.outcome(k, pi, pj, i - pi, j - pj) for pi, pj, i, j in path for k in range(pi, i)}
    total = forward[(n, m)]
    # The best path that gives each Korean unit other text than the chosen: over every bead that
    # covers it, the best path through that bead. Beads are compared by what the unit ends up with,
    # so a merge whose one-sentence English goes whole to this unit is no rival to a plain pair.
    rival: dict[int, tuple[float, Outcome]] = {}
    for (i, j), before in forward.items():
        for di, dj in PRIORS:
            ni, nj = i + di, j + dj
            after = backward.get((ni, nj))
            if di == 0 or after is None or ni > n or nj > m:
                continue
            through = before + steps.cost(i, j, di, dj) + after
            for k in range(i, ni):
                outcome = steps.outcome(k, i, j, di, dj)
                if outcome != chosen[k] and through < rival.get(k, (inf, NO_TEXT))[0]:
                    rival[k] = (through, outcome)
    beads = []
    for pi, pj, i, j in path:
        source_units, english = tuple(range(pi, i)), tuple(range(pj, j))
        margin, alternative = inf, None
        for k in source_units:
            if k in rival and rival[k][0] - total < margin:
                margin, alternative = rival[k][0] - total, rival[k][1]
        beads.append(Bead(source_units, english, min(1.0, steps.fit(pi, pj, i - pi, j - pj)), margin,
                          alternative[0] if alternative else None, bool(alternative and alternative[1] >= 0)))
    return _beside_breaks(beads)


def _beside_breaks(beads: list[Bead]) -> list[Bead]:
    """One-to-one pairs next to a drop, merge or split judged against NEAR_MARGIN: where the draft
    breaks step, which paragraph lost (or shares) its English is the likeliest error, and the
    evidence that placed it is what a corpus pair that is itself loose can mislead."""
    breaks = [n for n, b in enumerate(beads) if b.shape in BREAKS]
    out = []
    for n, bead in enumerate(beads):
        distance = min((abs(n - k) for k in breaks), default=len(beads))
        if bead.shape == (1, 1) and distance <= len(NEAR_MARGINS):
            bead = replace(bead, threshold=NEAR_MARGINS[distance - 1])
        out.append(bead)
    return out


# What a Korean unit ends up with under a bead: English units, and which part of them when a merge
# cuts them (-1: all of it).
Outcome = tuple[tuple[int, ...], int]
NO_TEXT: Outcome = ((), -1)


class _Steps:
    """Each bead's price, computed once: the forward, backward and rival passes all ask."""

    def __init__(self, source: Sequence[Unit], target: Sequence[Unit], c: float, variance: float,
                 cut_merges: bool = False) -> None:
        self.source, self.target, self.c, self.variance = source, target, c, variance
        self.cut_merges = cut_merges
        self._fits: dict[tuple[int, int, int, int], float] = {}

    def cost(self, i: int, j: int, di: int, dj: int) -> float:
        prior = PRIORS[(di, dj)]
        if self.cut_merges and (di, dj) == (2, 1) and len(self.target[j].pieces) < 2:
            prior = DROP_AS_MERGE
        return -math.log(prior) - math.log(max(self.fit(i, j, di, dj), 1e-300))

    def outcome(self, k: int, i: int, j: int, di: int, dj: int) -> Outcome:
        english = tuple(range(j, j + dj))
        if (di, dj) != (2, 1):
            return (english, -1) if english else NO_TEXT
        whole = self.target[j]
        if len(whole.pieces) > 1:
            return english, k - i  # the first or the second part of a cut
        # One sentence goes whole to the half it fits (best_split): the other gets nothing.
        first = best_split((self.source[i], self.source[i + 1]), whole, self.c, self.variance) > 0
        return (english, -1) if (k == i) == first else NO_TEXT

    def fit(self, i: int, j: int, di: int, dj: int) -> float:
        key = (i, j, di, dj)
        if key not in self._fits:
            self._fits[key] = bead_fit(self.source[i:i + di], self.target[j:j + dj], self.c, self.variance)
        return self._fits[key]


def bead_fit(src: Sequence[Unit], tgt: Sequence[Unit], c: float, variance: float = VARIANCE) -> float:
    if not src or not tgt:
        # A unit with no counterpart has no length to compare; its prior alone prices it. Gale and
        # Church's length term here makes dropping a long paragraph dearer than shifting five pairs.
        return 1.0
    kind = 1.0 if {u.kind for u in src} == {u.kind for u in tgt} else KIND_MISMATCH
    # Two in one is priced as the best cut of the one at a sentence boundary, each part against
    # its own counterpart: a merge whose English cannot be cut to fit both Korean paragraphs is
    # no merge (a dropped paragraph beside a two-sentence one used to read as one).
    if len(src) == 2 and len(tgt) == 1 and len(tgt[0].pieces) > 1:
        return kind * max(_cut_fits(src[0], src[1], tgt[0].pieces, c, variance))
    if len(src) == 1 and len(tgt) == 2 and len(src[0].pieces) > 1:
        return kind * max(_cut_fits(tgt[0], tgt[1], src[0].pieces, c, variance, pieces_are_source=True))
    fit = length_fit(sum(u.length for u in src), sum(u.length for u in tgt), c, variance)
    return kind * fit * evidence_fit(src, tgt) * sentence_fit(src, tgt)


def _cut_fits(first: Unit, second: Unit, pieces: Sequence[Unit], c: float, variance: float, *,
              pieces_are_source: bool = False) -> list[float]:
    """For each cut k of `pieces` (1..n-1), how well pieces[:k] pairs with `first` and the rest
    with `second`."""
    fits = []
    for k in range(1, len(pieces)):
        inside = pieces[k].in_quotation and not first.ends_in_quotation
        fit = math.exp(-QUOTATION_CUT * (inside + pieces[k].after_colon))
        for whole, part in ((first, pieces[:k]), (second, pieces[k:])):
            src, tgt = (part, [whole]) if pieces_are_source else ([whole], part)
            fit *= (length_fit(sum(u.length for u in src), sum(u.length for u in tgt), c, variance)
                    * evidence_fit(src, tgt) * sentence_fit(src, tgt, flexible=True))
        fits.append(fit)
    return fits


def sentence_fit(src: Sequence[Unit], tgt: Sequence[Unit], flexible: bool = False) -> float:
    """News translators keep sentence counts close; each sentence of difference costs. `flexible`:
    where one block's sentences are shared out, a quotation may have become a sentence of its own."""
    if not src or not tgt:
        return 1.0
    low_a, low_b = sum(u.sentences for u in src), sum(u.sentences for u in tgt)
    high_a = low_a + (sum(u.flex for u in src) if flexible else 0)
    high_b = low_b + (sum(u.flex for u in tgt) if flexible else 0)
    return math.exp(-SENTENCE_DIFFERENCE * max(0, low_a - high_b, low_b - high_a))


def evidence_fit(src: Sequence[Unit], tgt: Sequence[Unit]) -> float:
    """How much more (or less) likely the pair is for what both sides share: a likelihood ratio."""
    a, b = _joined(src), _joined(tgt)
    shared_names = a.names & b.names
    nats = (NUMBER_SHARED * len(a.numbers & b.numbers) - NUMBER_UNSHARED * len(a.numbers ^ b.numbers)
            + sum(NAME_SHARED if len(name) > 2 else SHORT_NAME_SHARED for name in shared_names)
            + TERM_SHARED * len(a.terms & b.terms) - (QUOTE_MISMATCH if a.quoted != b.quoted else 0.0)
            + CONCEPT_SHARED * len(a.concepts & b.concepts) ** CONCEPT_POWER
            - (QUESTION_MISMATCH if a.question != b.question else 0.0)
            - CONCEPT_UNSHARED * len(a.concepts ^ b.concepts) ** CONCEPT_POWER)
    return math.exp(nats)


def _joined(units: Sequence[Unit]) -> Evidence:
    if len(units) == 1:
        return units[0].evidence
    return Evidence(frozenset().union(*(u.evidence.numbers for u in units)),
                    frozenset().union(*(u.evidence.names for u in units)),
                    frozenset().union(*(u.evidence.terms for u in units)),
                    any(u.evidence.quoted for u in units),
                    frozenset().union(*(u.evidence.concepts for u in units)),
                    any(u.evidence.question for u in units))


def best_split(halves: tuple[Unit, Unit], whole: Unit, c: float, variance: float = VARIANCE) -> int:
    """How many of `whole`'s sentences go to the first of two sources, the rest to the second: the
    cut the merge was priced by. An English of one sentence goes whole to the source it fits."""
    if len(whole.pieces) < 2:
        first, second = (bead_fit([half], [whole], c, variance) for half in halves)
        return max(1, whole.sentences) if first >= second else 0
    fits = _cut_fits(halves[0], halves[1], whole.pieces, c, variance)
    return 1 + fits.index(max(fits))
