"""A segment's findings after a typing pause, at 20 and 5,000 segments, from a long-lived Workspace.

For each size: the demo article repeated into one document (as benchmarks/editor_latency.py builds
it), one Workspace held open as the editor's worker holds it, warmed by one call. Then each timed
call types a new character into a segment in the middle and asks
`segment_findings(doc, i, target=typed, texts=held)` with every segment's English held (the editor's
worst case: a full mapping). Beside it, the old path, `check_segment` alone on the typed text (no
document checks), timed the same way. Reported: median ms per call, the 5,000/20 ratio (goal:
under 50 ms and <= 1.2), and the work per call (segment analyses and glossary matchings, goal one
each).

Run: python benchmarks/findings_speed.py [--calls N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from editor_latency import make_workspace, sample_blocks  # noqa: E402 - the same document and glossary
from workflow.checks import CheckContext, SegmentText, check_segment  # noqa: E402
from workflow.demo import KOREAN  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402

SIZES = (20, 5000)
PARAGRAPH = 11  # the article's paragraph typed into (1-based): a long one with numbers and terms


class Pauses:
    """One document held open as the editor's worker holds it, typed into in a middle segment."""

    def __init__(self, path: Path, document_id: int) -> None:
        self.ws = Workspace.open(path, create=False)
        self.document_id = document_id
        segments = self.ws.documents.segments(document_id)
        self.held = {s.index: s.target for s in segments}
        # The same paragraph of the article at every size (a middle one), so sizes differ in size only.
        period = len(sample_blocks(KOREAN))
        middle = len(segments) // 2
        self.index = middle - middle % period + PARAGRAPH
        self.source = segments[self.index - 1].source
        self.ws.findings.segment(document_id, self.index, texts=self.held)  # the first look reads it all
        self.new: list[float] = []
        self.old: list[float] = []
        self.checks = self.matches = 0

    def pause(self, n: int) -> None:
        typed = f"{self.held[self.index]} {'x' * (n + 1)}"  # a text never seen before, as each pause is
        work = self.ws.findings.work
        checks, matches = work.segment_checks, work.glossary_matches
        start = time.perf_counter()
        self.ws.findings.segment(self.document_id, self.index, target=typed, texts=self.held)
        self.new.append(time.perf_counter() - start)
        self.checks += work.segment_checks - checks
        self.matches += work.glossary_matches - matches
        typed = f"{self.held[self.index]} {'y' * (n + 1)}"
        start = time.perf_counter()
        # What the editor ran before: a context per pause (a fresh Workspace each), segment checks only.
        check_segment(SegmentText(self.index, self.source, typed), CheckContext(self.ws.glossary.index()))
        self.old.append(time.perf_counter() - start)

    def figures(self) -> dict[str, float]:
        calls = len(self.new)
        return {"new": statistics.median(self.new) * 1000, "old": statistics.median(self.old) * 1000,
                "checks": self.checks / calls, "matches": self.matches / calls}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        held = {size: Pauses(*make_workspace(Path(tmp), size)) for size in SIZES}
        for n in range(args.calls):  # the sizes take turns, so a busy moment of the machine hits both
            for pauses in held.values():
                pauses.pause(n)
        results = {size: pauses.figures() for size, pauses in held.items()}
        for pauses in held.values():
            pauses.ws.close()
    print(f"segment_findings(target=typed, texts=every segment held), median of {args.calls} pauses")
    print(f"{'segments':>9} {'findings ms':>12} {'old path ms':>12} {'checks/call':>12} {'matches/call':>13}")
    for size, r in results.items():
        print(f"{size:>9} {r['new']:>12.2f} {r['old']:>12.2f} {r['checks']:>12.2f} {r['matches']:>13.2f}")
    small, large = results[SIZES[0]], results[SIZES[-1]]
    print(f"ratio {SIZES[-1]}/{SIZES[0]}: findings {large['new'] / small['new']:.2f} "
          f"(goal <= 1.2, under 50 ms), old path {large['old'] / small['old']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
