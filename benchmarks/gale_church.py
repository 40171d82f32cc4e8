"""Textbook Gale & Church (1993), the baseline benchmarks/align_news.py runs beside Tandem's aligner:
their bead penalties for 1-1, 1-0, 0-1, 2-1 and 1-2, length in characters with the document's own
English/Korean ratio and their variance 6.8; no numbers, no sentence counts."""

from __future__ import annotations

import math
import sys
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow import importer  # noqa: E402


GC_VARIANCE = 6.8
# Gale & Church's program adds -100 ln(prior / P(1-1)) to each bead: 230 for 2-1 and 1-2, 450 for 1-0
# and 0-1 (in natural-log units here). Their 2-2 bead (440) is left out: the importer cannot use it.
GC_PENALTY = {(1, 1): 0.0, (1, 0): 4.5, (0, 1): 4.5, (2, 1): 2.3, (1, 2): 2.3}


@dataclass(frozen=True)
class GCBead:
    """What the importer reads from a bead: source and target indices, a fit, the shape."""
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.source), len(self.target)

    @property
    def doubtful(self) -> bool:
        return self.shape != (1, 1) or self.score < 0.01

    # Plain Gale-Church knows no rival pairings: it never calls a pair a close call.
    close_call = False
    alternative = None


def gc_match(src_len: int, tgt_len: int, c: float) -> float:
    """Two-sided tail probability of the length difference (their `match`, before the log)."""
    if src_len == 0 and tgt_len == 0:
        return 1.0
    mean = (src_len + tgt_len / c) / 2
    z = (c * src_len - tgt_len) / math.sqrt(GC_VARIANCE * mean)
    return math.erfc(abs(z) / math.sqrt(2))


def gale_church(source: Sequence, target: Sequence) -> list[GCBead]:
    """The cheapest sequence of beads by length alone, with the document's own length ratio."""
    src = [u.length for u in source]
    tgt = [u.length for u in target]
    c = sum(tgt) / sum(src) if sum(src) and sum(tgt) else 1.0
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), penalty in GC_PENALTY.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                fit = gc_match(sum(src[i:ni]), sum(tgt[j:nj]), c)
                step = penalty - math.log(max(fit, 1e-300))
                if here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    back[ni][nj] = (i, j, fit)
    beads: list[GCBead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        prev = back[i][j]
        assert prev is not None
        pi, pj, fit = prev
        beads.append(GCBead(tuple(range(pi, i)), tuple(range(pj, j)), fit))
        i, j = pi, pj
    beads.reverse()
    return beads


@contextmanager
def baseline_aligner() -> Iterator[list[int]]:
    """The importer with Gale & Church in place of `workflow.align.align`; yields a call count."""
    holder = getattr(importer, "align", None)
    if isinstance(holder, types.ModuleType):
        owner = holder  # `from workflow import align` ... `align.align(...)`
    elif callable(holder):
        owner = importer  # `from workflow.align import align`
    else:
        raise SystemExit("align_news: workflow/importer.py has no `align` to replace; the baseline "
                         "hook in benchmarks/gale_church.py must follow the importer's new aligner")
    if not callable(getattr(owner, "align", None)):
        raise SystemExit("align_news: workflow.align has no align() any more; update the baseline hook")
    original = owner.align
    calls = [0]

    def counted(source, target, *args, **kwargs):
        calls[0] += 1
        return gale_church(source, target)

    owner.align = counted
    try:
        yield calls
    finally:
        owner.align = original
