"""TM lookup on PostgreSQL (pg_trgm) against SQLite (FTS5) and against a full rapidfuzz scan, at
200,000 and 1,000,000 units; and the size on disk of each engine's index.

Memory: synthetic Korean/English units (seeded): sentences of 7 to 20 Korean words drawn from a
40,000-word vocabulary (Zipf-like frequencies, a particle on most words, a closing verb), with 30%
of them rewordings of a unit already there (1 to 3 words dropped, added, replaced or misspelt), so
near duplicates exist as they do in a real memory. Queries: half rewordings of memory units (a match
to find), half new sentences (mostly none at 50 or above).

Tandem's lookup (TranslationMemory.lookup, minimum 50, top 5) runs on each engine: on PostgreSQL the
engine names its candidates by pg_trgm similarity (the % operator on the GIN index, ORDER BY
similarity, LIMIT 120); on SQLite the rarest trigrams' FTS5 postings do. Both are timed against
rapidfuzz's process.extract over the whole memory with the same scorer (fuzz.ratio), each query
through all three in turn, so a busy moment of a shared machine slows them alike. "Same best":
Tandem's best score equals the full scan's, or both find nothing at 50 or above. "Shown": of the full
scan's top 5 at 50 or above, how many Tandem shows too (by score).

The memory is loaded as a bulk load would be: SQLite through Storage.insert_tm_units (its FTS5
triggers fill the index); PostgreSQL by COPY into tm_units with its two trigram indexes dropped first
and made again after (as the schema defines them), which is far faster than updating GIN per row.

Sizes: PostgreSQL's pg_relation_size of tm_units and of each GIN index; SQLite's pages (dbstat) of
tm_units and of the FTS5 tables (tm_fts_*: trigrams of both languages in one index).

Run: python benchmarks/engine_tm_lookup.py --server postgresql://postgres@/postgres?host=/tmp/pg-bench
     [--quick] [--sizes 200000,1000000] [--queries 100] [--floor 0.5]
(the server: a superuser's URL, default $TANDEM_TEST_POSTGRES; a database tandem_bench_* is made and
dropped. --quick: 200,000 units and 60 queries.)
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import psycopg  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from workflow.storage import Storage  # noqa: E402
from workflow.storage import postgres_engine  # noqa: E402
from workflow.tm import TranslationMemory  # noqa: E402

MINIMUM, SHOWN = 50, 5
COMMON = "국가정부사람북한남한대통령회의경제발전문제시장노동자지역주민당국관계자소식통전했다밝혔다보도에따르면이번에서는으로부터까지에게와과도만"
PARTICLES = ("", "", "이", "가", "은", "는", "을", "를", "의", "에", "에서", "으로", "와", "도", "에게", "들이", "들은")
ENDINGS = ("했다.", "밝혔다.", "전했다.", "말했다.", "알려졌다.", "보인다.", "있다.", "없다.", "한다.")
ENGLISH = ("the north korean authorities said workers market prices rose fell week month year source told daily "
           "nk reported that officials in province city border china russia trade food rice government meeting "
           "party leader people police security ministry state media").split()


class Units:
    """Seeded synthetic Korean/English units and queries."""

    def __init__(self, seed: int, vocabulary: int = 40_000) -> None:
        self.rng = random.Random(seed)
        syllables = [chr(c) for c in range(0xAC00, 0xD7A4, 7)]
        common = list(dict.fromkeys(COMMON))
        words: set[str] = set()
        while len(words) < vocabulary:
            n = self.rng.choice((2, 2, 2, 3, 3, 4))
            words.add("".join(self.rng.choice(common) if self.rng.random() < 0.35 else self.rng.choice(syllables)
                              for _ in range(n)))
        self.words = sorted(words)
        self.rng.shuffle(self.words)  # how often a word comes has nothing to do with its spelling
        total, self.weights = 0.0, []
        for k in range(len(self.words)):
            total += 1.0 / (k + 10)
            self.weights.append(total)

    def word(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.weights)[0]

    def sentence(self) -> str:
        parts = [self.word() + self.rng.choice(PARTICLES) for _ in range(self.rng.randint(6, 18))]
        if self.rng.random() < 0.3:
            parts.insert(self.rng.randrange(len(parts)), str(self.rng.randint(1, 2030)))
        return " ".join(parts) + " " + self.word() + self.rng.choice(ENDINGS)

    def english(self) -> str:
        return " ".join(self.rng.choice(ENGLISH) for _ in range(self.rng.randint(8, 22))).capitalize() + "."

    def reword(self, text: str) -> str:
        words = text.split(" ")
        for _ in range(self.rng.randint(1, 3)):
            i = self.rng.randrange(len(words))
            kind = self.rng.random()
            if kind < 0.35 and len(words) > 3:
                del words[i]
            elif kind < 0.6:
                words.insert(i, self.word())
            elif kind < 0.8:
                words[i] = self.word() + self.rng.choice(PARTICLES)
            else:
                word = words[i] or "가"
                j = self.rng.randrange(len(word))
                words[i] = word[:j] + chr(self.rng.randint(0xAC00, 0xD7A3)) + word[j + 1:]
        return " ".join(words)

    def memory(self, size: int) -> list[tuple[str, str]]:
        seen: set[str] = set()
        rows: list[tuple[str, str]] = []
        while len(rows) < size:
            ko = self.reword(self.rng.choice(rows)[0]) if rows and self.rng.random() < 0.3 else self.sentence()
            if ko not in seen:
                seen.add(ko)
                rows.append((ko, self.english()))
        return rows

    def queries(self, rows: list[tuple[str, str]], count: int) -> list[str]:
        return [self.reword(self.rng.choice(rows)[0]) if i % 2 == 0 else self.sentence() for i in range(count)]


def load_sqlite(path: Path, rows) -> tuple[Storage, float]:
    store = Storage.open(path)
    started = time.perf_counter()
    with store.write():
        store.tm.insert_tm_units({"source_text": ko, "target_text": en, "created_at": "2026-01-01", "origin": "bench"}
                              for ko, en in rows)
    return store, time.perf_counter() - started


def load_postgres(url: str, rows) -> tuple[Storage, float]:
    Storage.open(url).close()  # the schema
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        indexes = conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'tm_units' "
                               "AND indexdef LIKE '%gin_trgm_ops%'").fetchall()
        with conn.transaction():
            for name, _definition in indexes:
                conn.execute(f"DROP INDEX {name}")
            with conn.cursor().copy("COPY tm_units (source_text, target_text, created_at, origin) FROM STDIN") as copy:
                for ko, en in rows:
                    copy.write_row((ko, en, "2026-01-01", "bench"))
            conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                conn.execute(definition)
        conn.execute("VACUUM ANALYZE tm_units")
    return Storage.open(url), time.perf_counter() - started


def sqlite_sizes(path: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        found = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    return {"tm_units (table)": found.get("tm_units", 0), "tm_units_pair": found.get("tm_units_pair", 0),
            "tm_fts (FTS5 trigram, Korean+English)": sum(v for k, v in found.items() if k.startswith("tm_fts")),
            "file": path.stat().st_size}


def postgres_sizes(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        sizes = {"tm_units (table)": conn.execute("SELECT pg_table_size('tm_units')").fetchone()[0]}
        for (name,) in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'tm_units' ORDER BY 1").fetchall():
            sizes[name] = conn.execute("SELECT pg_relation_size(%s::regclass)", (name,)).fetchone()[0]
        sizes["database"] = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return sizes


def compare(query: str, best: list[tuple[str, float, int]], tm: TranslationMemory, tally: dict) -> None:
    """Time one Tandem lookup and count how it agrees with the full scan's matches (`best`)."""
    started = time.perf_counter()
    found = tm.lookup(query, limit=SHOWN, minimum=MINIMUM)
    tally["times"].append(time.perf_counter() - started)
    tally["same"] += (round(found[0].score, 1) if found else None) == (round(best[0][1], 1) if best else None)
    scores = sorted(round(m.score, 1) for m in found)
    for _text, value, _i in best:
        tally["wanted"] += 1
        if round(value, 1) in scores:
            scores.remove(round(value, 1))
            tally["shown"] += 1


def run(size: int, queries: int, folder: Path, server: str) -> None:
    started = time.perf_counter()
    units = Units(size)
    rows = units.memory(size)
    asked = units.queries(rows, queries)
    print(f"\n{size:,} units (generated in {time.perf_counter() - started:.0f} s), {queries} queries", flush=True)
    choices = [ko for ko, _ in rows]
    name = f"tandem_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = urlunsplit(urlsplit(server)._replace(path="/" + name))
    path = folder / f"tm{size}.db"
    engines = ("postgresql", "sqlite")
    try:
        stores, builds = {}, {}
        stores["postgresql"], builds["postgresql"] = load_postgres(url, rows)
        stores["sqlite"], builds["sqlite"] = load_sqlite(path, rows)
        memories = {engine: TranslationMemory(store, None) for engine, store in stores.items()}  # no glossary:
        for tm in memories.values():  # it only marks concordance hits
            tm.lookup(asked[0])  # warm: SQLite's sample of trigram counts, PostgreSQL's first plan
        # One query at a time through all three, so a busy moment of a shared machine slows each alike.
        scans: list[float] = []
        tallies = {engine: {"times": [], "same": 0, "shown": 0, "wanted": 0} for engine in engines}
        for query in asked:
            t0 = time.perf_counter()
            found = process.extract(query, choices, scorer=fuzz.ratio, limit=SHOWN)
            scans.append(time.perf_counter() - t0)
            best = [hit for hit in found if hit[1] >= MINIMUM]
            for engine in engines:
                compare(query, best, memories[engine], tallies[engine])
        for store in stores.values():
            store.close()
        sizes = {"postgresql": postgres_sizes(url), "sqlite": sqlite_sizes(path)}
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def p95(times: list[float]) -> float:
        return sorted(times)[int(len(times) * 0.95)]

    scan = statistics.median(scans)
    print(f"{'':32} {'median':>9} {'p95':>9} {'vs scan':>8} {'same best':>10} {'shown':>10} {'bulk load':>10}")
    print(f"{'rapidfuzz full scan':32} {scan * 1000:7.1f}ms {p95(scans) * 1000:7.1f}ms {'1.0x':>8} "
          f"{queries:>4}/{queries:<5}")
    for engine, label in (("postgresql", f"PostgreSQL pg_trgm (floor {postgres_engine.SIMILARITY_FLOOR})"),
                          ("sqlite", "SQLite FTS5 rarest trigrams")):
        t = tallies[engine]
        mine = statistics.median(t["times"])
        print(f"{label:32} {mine * 1000:7.2f}ms {p95(t['times']) * 1000:7.2f}ms {scan / mine:7.1f}x "
              f"{t['same']:>4}/{queries:<5} {t['shown']:>4}/{t['wanted']:<5} {builds[engine]:8.0f} s")
    for engine in engines:
        print(f"sizes on disk, {engine}: " + "; ".join(f"{k} {v / 2**20:,.1f} MB" for k, v in sizes[engine].items()))
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("TANDEM_TEST_POSTGRES"),
                        help="a PostgreSQL superuser's URL (default: $TANDEM_TEST_POSTGRES)")
    parser.add_argument("--sizes", default="200000,1000000", help="memory sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--floor", type=float, default=None,
                        help="pg_trgm similarity floor to try instead of the engine's SIMILARITY_FLOOR")
    parser.add_argument("--quick", action="store_true", help="200,000 units, 60 queries")
    args = parser.parse_args()
    if not args.server:
        print("note: no PostgreSQL server (give --server or set TANDEM_TEST_POSTGRES); nothing measured")
        return 0
    if args.floor is not None:
        postgres_engine.SIMILARITY_FLOOR = args.floor
    sizes = [200_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    queries = 60 if args.quick else args.queries
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            run(size, queries, Path(folder), args.server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
