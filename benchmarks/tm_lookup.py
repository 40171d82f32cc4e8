"""TM lookup: top 5 fuzzy matches from memories of 10,000 and 200,000 segments.

Memory: the park2016, NTREX-128 and jhe Korean/English pairs, repeated with small random edits
(fixed seed) to the size wanted. Queries: memory sentences with one more small edit, as a
reworded sentence in a new article would be. Tandem (FTS5 rarest-trigram candidates, then
rapidfuzz on those) is timed against rapidfuzz process.extract over the whole memory, with the
same scorer (fuzz.ratio); "same best" means the same best score (ties between variants are common).

Run: python benchmarks/tm_lookup.py   (corpus: $TANDEM_CORPORA or <repo>/../shared/corpora)
"""

import csv
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rapidfuzz import fuzz, process  # noqa: E402

from workflow.storage import Storage  # noqa: E402
from workflow.tm import TranslationMemory  # noqa: E402

SOURCES = ("ko-en-news-park2016/ko_en_news_park2016_dev.tsv",
           "ko-en-news-ntrex128/ntrex128_ko_en_sentences.tsv", "ko-en-jhe/ko_en_jhe_dev.tsv")
SIZES = ((10_000, 200), (200_000, 100))  # (memory size, queries)


def corpora() -> Path:
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def pairs(base: Path) -> list[tuple[str, str]]:
    found = []
    for name in SOURCES:
        with open(base / name, encoding="utf-8", newline="") as handle:
            found += [(r["ko"], r["en"]) for r in csv.DictReader(handle, delimiter="\t") if r["ko"].strip()]
    return found


def edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(words))
        kind = rng.random()
        if kind < 0.4 and len(words) > 3:
            del words[i]
        elif kind < 0.7:
            words.insert(i, rng.choice(words))
        else:
            word = words[i] or "가"
            j = rng.randrange(len(word))
            words[i] = word[:j] + chr(rng.randint(0xAC00, 0xD7A3)) + word[j + 1:]
    return " ".join(words)


def memory(base: list[tuple[str, str]], size: int, rng: random.Random) -> list[tuple[str, str]]:
    rows, seen = list(base[:size]), {ko for ko, _ in base[:size]}
    while len(rows) < size:
        ko, en = rng.choice(base)
        ko = edit(ko, rng)
        if ko not in seen:
            seen.add(ko)
            rows.append((ko, en))
    return rows


def run(base: list[tuple[str, str]], size: int, queries: int, folder: Path) -> None:
    rng = random.Random(size)
    rows = memory(base, size, rng)
    store = Storage.open(folder / f"tm{size}.db")
    started = time.perf_counter()
    with store.write():
        store.tm.insert_tm_units({"source_text": ko, "target_text": en, "created_at": "2026-01-01",
                               "origin": "bench"} for ko, en in rows)
    build = time.perf_counter() - started
    tm = TranslationMemory(store)
    choices = [ko for ko, _ in rows]
    asked = [edit(rng.choice(choices), rng) for _ in range(queries)]
    ours, theirs, same, candidates = [], [], 0, []
    for query in asked:
        t0 = time.perf_counter()
        found = tm.lookup(query, minimum=0)
        t1 = time.perf_counter()
        full = process.extract(query, choices, scorer=fuzz.ratio, limit=5)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
        candidates.append(len(tm.candidate_ids(query)))
        same += bool(found) and round(found[0].score, 1) == round(full[0][1], 1)
    size_mb = (folder / f"tm{size}.db").stat().st_size / 2**20
    store.close()
    mine, scan = statistics.median(ours), statistics.median(theirs)
    print(f"{size:>7,} segments: build {build:5.1f} s ({size_mb:.0f} MB file); "
          f"lookup median {mine * 1000:6.2f} ms (p95 {sorted(ours)[int(len(ours) * .95)] * 1000:.2f}), "
          f"full scan {scan * 1000:7.2f} ms -> {scan / mine:5.1f}x; same best on "
          f"{same}/{queries} ({100 * same / queries:.0f}%); candidates median {statistics.median(candidates):.0f}")


def main() -> int:
    base_dir = corpora()
    if not all((base_dir / name).exists() for name in SOURCES):
        print(f"note: corpora not found under {base_dir} (set TANDEM_CORPORA); nothing measured")
        return 0
    base = pairs(base_dir)
    print(f"{len(base):,} base pairs")
    with tempfile.TemporaryDirectory() as folder:
        for size, queries in SIZES:
            run(base, size, queries, Path(folder))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
