"""Start-up and import figures, each beside a baseline measured in the same run.

- `tandem --help` wall time against `python -c "import click"` (a typical CLI framework's import)
  and against a bare interpreter (`python -c pass`), as medians of repeated fresh processes;
- import of the sample article into a fresh workspace (plan + store), median of repeated runs;
- import of all 123 NTREX-128 articles (one sentence a line, line-aligned Korean and English) as
  one batch into one workspace: articles, segments, seconds, segments per second; peak memory.

Run: python benchmarks/startup_import.py [--repeat N]
(the NTREX part needs ../shared/corpora or $TANDEM_CORPORA; it is skipped with a note otherwise)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.demo import DRAFT, KOREAN  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402


def wall(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup(repeat: int) -> None:
    py = sys.executable
    bare = wall([py, "-c", "pass"], repeat)
    help_ = wall([py, str(ROOT / "main.py"), "--help"], repeat)
    print(f"{'start-up (median of ' + str(repeat) + ')':<40}{'ms':>9}{'vs bare':>10}")
    print(f"{'python -c pass':<40}{bare * 1000:>9.1f}{1:>10.2f}")
    try:
        click = wall([py, "-c", "import click"], repeat)
        label = 'python -c "import click"'
        print(f"{label:<40}{click * 1000:>9.1f}{click / bare:>10.2f}")
    except subprocess.CalledProcessError:
        click = None
        print("python -c 'import click': click is not installed here (pip install click)")
    print(f"{'tandem --help':<40}{help_ * 1000:>9.1f}{help_ / bare:>10.2f}")
    if click:
        print(f"tandem --help / import click = {help_ / click:.2f}")


def sample_import(repeat: int) -> None:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            with Workspace.open(Path(tmp) / f"w{i}.db") as ws:
                start = time.perf_counter()
                ws.files.import_document(KOREAN, DRAFT, by="bench")
                times.append(time.perf_counter() - start)
    print(f"\nsample article (16 segments) import: median {statistics.median(times) * 1000:.1f} ms, "
          f"min {min(times) * 1000:.1f} ms over {repeat} fresh workspaces")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            with Workspace.open(Path(tmp) / f"s{i}.db") as ws:
                start = time.perf_counter()
                ws.files.import_document(KOREAN, DRAFT, sentences=True, by="bench")
                times.append(time.perf_counter() - start)
    print(f"sample article with --sentences: median {statistics.median(times) * 1000:.1f} ms")


def ntrex_batch() -> None:
    corpora = Path(os.environ.get("TANDEM_CORPORA") or ROOT.parent / "shared" / "corpora")
    source = corpora / "ko-en-news-ntrex128" / "ntrex128_ko_en_documents.jsonl"
    if not source.exists():
        print(f"\nNTREX batch: skipped, {source} not found")
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for line in source.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            ko, en = Path(tmp) / f"{doc['doc_id']}.ko.txt", Path(tmp) / f"{doc['doc_id']}.en.txt"
            ko.write_text("\n".join(doc["ko"]) + "\n", encoding="utf-8")
            en.write_text("\n".join(doc["en"]) + "\n", encoding="utf-8")
            files.append((ko, en))
        segments = doubtful = 0
        with Workspace.open(Path(tmp) / "ntrex.db") as ws:
            start = time.perf_counter()
            for ko, en in files:
                result = ws.files.import_document(ko, en, by="bench")
                segments += result.segments
                doubtful += len(result.doubtful)
            elapsed = time.perf_counter() - start
        size = (Path(tmp) / "ntrex.db").stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nNTREX-128 batch: {len(files)} articles, {segments} segments in {elapsed:.2f} s = "
          f"{segments / elapsed:,.0f} segments/s ({len(files) / elapsed:.1f} articles/s); "
          f"{doubtful} doubtful pairs; workspace {size / 1024:.0f} KiB; peak RSS {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    startup(args.repeat)
    sample_import(args.repeat)
    ntrex_batch()


if __name__ == "__main__":
    main()
