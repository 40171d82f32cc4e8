"""Check throughput: every registered check, then segment checks only, over the 1,000 park2016 dev
pairs, each pair as a one-segment document. Pairs per second, median of five runs.

Run: python benchmarks/checks_speed.py   (corpus: $TANDEM_CORPORA or <repo>/../shared/corpora)
"""

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from workflow.checks import CheckContext, SegmentText, check_document, check_segment, checks  # noqa: E402

RUNS = 5


def load_pairs() -> list[tuple[str, str]] | None:
    base = Path(os.environ.get("TANDEM_CORPORA") or REPO.parent / "shared" / "corpora")
    path = base / "ko-en-news-park2016" / "ko_en_news_park2016_dev.tsv"
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")[3:5]) for line in lines if line.strip()]


def rate(pairs, run_one) -> float:
    times = []
    for _ in range(RUNS):
        context = CheckContext()  # fresh, so no cache carries over between runs
        start = time.perf_counter()
        for ko, en in pairs:
            run_one(SegmentText(1, ko, en), context)
        times.append(time.perf_counter() - start)
    return len(pairs) / statistics.median(times)


def main() -> int:
    pairs = load_pairs()
    if pairs is None:
        print("park2016 corpus not found (set TANDEM_CORPORA); nothing to measure")
        return 0
    registered = checks()
    segment_only = sum(c.scope == "segment" for c in registered)
    print(f"{len(pairs)} pairs, {len(registered)} checks ({segment_only} segment scope), median of {RUNS} runs")
    print(f"  all checks (check_document):     {rate(pairs, lambda s, c: check_document([s], c)):8.0f} pairs/s")
    print(f"  segment checks (check_segment):  {rate(pairs, check_segment):8.0f} pairs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
