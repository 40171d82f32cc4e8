"""Concurrent saves: saves per second with 1, 2 and 4 writer processes on one workspace, against a
bare sqlite3 loop doing the same inserts; and how soon one process sees another's change.

Tandem: each writer process saves its own segment of one document through Workspace.editing.save,
based on the revision its last save returned (an editor saving as the user types; no merges), so
every save is a BEGIN IMMEDIATE transaction that checks the user and role, reads the segment,
inserts a revision, updates its state and the document, and appends a hash-chained audit entry.
Bare: the same number of processes run BEGIN IMMEDIATE; INSERT a revision row; INSERT an audit row;
COMMIT with sqlite3 on a two-table file, WAL, the same synchronous setting and busy timeout.
Writers start together at a barrier; saves/s is all saves over the time from the first start to
the last finish; each figure is the median of --repeats runs on fresh files (the machine is noisy).

Visibility: one process saves a segment every 20-60 ms; another polls Workspace.data_version()
every 5 ms and, when it moves, reads the segment; the latency is from the save returning in the
first process to the new text being read in the second (wall clock, shared by both). The TUI's
polling period adds to this on average half of itself.

Run: python benchmarks/concurrent_saves.py [--saves 300] [--repeats 3] [--changes 200]
"""

import argparse
import multiprocessing as mp
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from workflow.storage import connection  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402

WRITERS = (1, 2, 4)
TEXT = "North Korean workers sent to Russia earn about {n} dollars a month, a defector said."


def setup(db: Path, folder: Path, segments: int) -> int:
    ko, en = folder / "ko.md", folder / "en.md"
    ko.write_text("\n\n".join(f"문단 {i}" for i in range(1, segments + 1)), encoding="utf-8")
    en.write_text("\n\n".join(TEXT.format(n=i) for i in range(1, segments + 1)), encoding="utf-8")
    with Workspace.open(db) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        for i in range(1, segments + 1):
            ws.users.add(f"w{i}", ["translator"], by="admin")
        return ws.files.import_document(ko, en, by="w1").document.id


def tandem_writer(db, doc, index, saves, barrier, results) -> None:
    with Workspace.open(db, create=False) as ws:
        user = f"w{index}"
        based_on = ws.editing.save(doc, index, TEXT.format(n="warm-up"), by=user).segment.revision_id
        barrier.wait()
        started = time.monotonic()
        for n in range(saves):
            result = ws.editing.save(doc, index, TEXT.format(n=f"{index}-{n}"), by=user, based_on=based_on)
            based_on = result.segment.revision_id
        results.put((started, time.monotonic(), saves))


BARE_SCHEMA = """
CREATE TABLE IF NOT EXISTS revisions (id INTEGER PRIMARY KEY, segment_id INTEGER NOT NULL, text TEXT NOT NULL,
    author TEXT NOT NULL, created_at TEXT NOT NULL, parent_id INTEGER);
CREATE TABLE IF NOT EXISTS audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
    detail TEXT NOT NULL);
"""


def bare_writer(db, doc, index, saves, barrier, results, synchronous="FULL") -> None:
    conn = sqlite3.connect(db, isolation_level=None, timeout=connection.BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous}")  # FULL, as Tandem's connections
    barrier.wait()
    started = time.monotonic()
    parent = None
    for n in range(saves):
        conn.execute("BEGIN IMMEDIATE")
        at = time.strftime("%Y-%m-%dT%H:%M:%S")
        parent = conn.execute("INSERT INTO revisions (segment_id, text, author, created_at, parent_id) "
                              "VALUES (?, ?, ?, ?, ?)",
                              (index, TEXT.format(n=f"{index}-{n}"), f"w{index}", at, parent)).lastrowid
        conn.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, 'segment.save', ?)",
                     (at, f'{{"segment": {index}, "revision": {parent}}}'))
        conn.execute("COMMIT")
    conn.close()
    results.put((started, time.monotonic(), saves))


def rate(target, db, doc, writers: int, saves: int, *extra) -> float:
    ctx = mp.get_context("fork")
    barrier, results = ctx.Barrier(writers), ctx.Queue()
    procs = [ctx.Process(target=target, args=(db, doc, i, saves, barrier, results, *extra))
             for i in range(1, writers + 1)]
    for p in procs:
        p.start()
    done = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"a writer process failed (exit {p.exitcode})")
    return sum(n for _, _, n in done) / (max(e for _, e, _ in done) - min(s for s, _, _ in done))


def changer(db, doc, changes, ready, log) -> None:
    import random

    rng = random.Random(1)
    with Workspace.open(db, create=False) as ws:
        ready.wait()
        for n in range(changes):
            time.sleep(rng.uniform(0.02, 0.06))
            text = TEXT.format(n=f"change {n}")
            ws.editing.save(doc, 1, text, by="w2")
            log.put((text, time.time()))
    log.put(None)


def visibility(db: Path, doc: int, changes: int) -> tuple[list[float], float]:
    ctx = mp.get_context("fork")
    ready, log = ctx.Barrier(2), ctx.Queue()
    proc = ctx.Process(target=changer, args=(db, doc, changes, ready, log))
    proc.start()
    seen: dict[str, float] = {}
    with Workspace.open(db, create=False) as ws:
        version = ws.data_version()
        t0 = time.perf_counter()
        for _ in range(1000):
            ws.data_version()
        poll_cost = (time.perf_counter() - t0) / 1000
        ready.wait()
        saved, finished = [], False
        while not finished:
            now = ws.data_version()
            if now != version:
                version = now
                seen.setdefault(ws.documents.segments(doc)[0].target, time.time())
            while not log.empty():
                item = log.get()
                finished = item is None
                if item is not None:
                    saved.append(item)
            time.sleep(0.005)
    proc.join()
    return [seen[text] - at for text, at in saved if text in seen], poll_cost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300, help="saves per writer process")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (the median is shown)")
    parser.add_argument("--changes", type=int, default=200, help="changes timed for visibility")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print(f"{args.saves} saves per writer; WAL, synchronous=FULL, busy timeout "
              f"{connection.BUSY_TIMEOUT_MS / 1000:.0f} s in both")
        bare_full = {}
        for writers in WRITERS:
            ours, bare = [], []
            for run in range(args.repeats):
                db = folder / f"tandem{writers}-{run}.db"
                doc = setup(db, folder, max(WRITERS))
                ours.append(rate(tandem_writer, db, doc, writers, args.saves))
                bare_db = folder / f"bare{writers}-{run}.db"
                with sqlite3.connect(bare_db) as conn:
                    conn.executescript(BARE_SCHEMA)
                bare.append(rate(bare_writer, bare_db, doc, writers, args.saves))
            ours, bare = statistics.median(ours), statistics.median(bare)
            bare_full[writers] = bare
            print(f"{writers} writer{'s' if writers > 1 else ' '}: Tandem {ours:7.0f} saves/s   "
                  f"bare sqlite3 {bare:7.0f} inserts/s   -> bare is {bare / ours:5.1f}x")
        normal = []
        for run in range(args.repeats):
            bare_db = folder / f"normal-{run}.db"
            with sqlite3.connect(bare_db) as conn:
                conn.executescript(BARE_SCHEMA)
            normal.append(rate(bare_writer, bare_db, 0, 1, args.saves, "NORMAL"))
        print(f"bare sqlite3, 1 writer, synchronous=NORMAL: {statistics.median(normal):7.0f} inserts/s "
              f"(FULL's sync of the WAL costs {1000 / bare_full[1] - 1000 / statistics.median(normal):.2f} ms a commit)")
        db = folder / "visibility.db"
        doc = setup(db, folder, 2)
        latencies, poll_cost = visibility(db, doc, args.changes)
        latencies.sort()
        print(f"visibility over {len(latencies)}/{args.changes} changes, polling every 5 ms: median "
              f"{statistics.median(latencies) * 1000:.1f} ms, p95 {latencies[int(len(latencies) * .95)] * 1000:.1f} ms,"
              f" max {latencies[-1] * 1000:.1f} ms; one data_version() call {poll_cost * 1e6:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
