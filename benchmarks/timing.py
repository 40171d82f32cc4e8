"""The one timing loop the benchmark scripts share (run as `python benchmarks/x.py`, so this folder
is on sys.path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` calls: the median, so one unlucky scheduling does not count."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
