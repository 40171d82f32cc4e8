"""Import speed (issue 16 §5): glossary import at 1,000 to 100,000 rows, beside the TMX import at
200,000 units and XLIFF read and write per unit against lxml's bare parse of the same file.

Glossary: a CSV of made-up Korean terms (distinct forms, one in five with a Korean variant) with
English renderings, admitted and forbidden ones and one-rendering flags, imported by a terminologist
into a fresh workspace through Glossary.import_file (reading, checking, storing the terms, their
revisions and audit entries, deciding morphology), then imported again with every row changed (each
term revised). "per row vs 1k" is the time per row against the 1,000-row import's: 1.0 is linear,
a quadratic import doubles it at every fourfold size. TBX: the same terms exported as TBX-Basic and
imported, up to 16,000 rows (100,000 rows of TBX are over the 50 MiB limit on XML files).

TMX: 20,000 and 200,000 made-up Korean/English pairs in one compact TMX 1.4 file (under the 50 MiB
limit), imported through TranslationMemory.import_tmx into a fresh workspace.

XLIFF: benchmarks/xliff_io.py's document (inline codes, notes) at 1,000 and 5,000 units, written as
XLIFF 1.2 and 2.1 and read back through read_bilingual, per unit, against etree.fromstring of the
same bytes alone (the floor any reader stands on).

Run: python benchmarks/import_speed.py [--sizes 1000,4000,16000,100000] [--only glossary,tbx,tmx,xliff]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from workflow.workspace import Workspace  # noqa: E402
from timing import median_seconds  # noqa: E402

GLOSSARY_SIZES = (1_000, 4_000, 16_000, 100_000)
TBX_LIMIT = 16_000  # rows of TBX under MAX_XML_BYTES
TMX_SIZES = (20_000, 200_000)
XLIFF_SIZES = (1_000, 5_000)
PARTS = ("glossary", "tbx", "tmx", "xliff")
T = TypeVar("T")


def _syllables(rng: random.Random, low: int, high: int) -> str:
    return "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(low, high)))


def glossary_csv(path: Path, rows: int, *, english: str = "term") -> Path:
    rng = random.Random(rows)
    seen: set[str] = set()

    def form() -> str:
        while True:
            word = _syllables(rng, 3, 6)
            if word not in seen:
                seen.add(word)
                return word

    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["ko", "en", "ko_variants", "en_variants", "en_forbidden", "pos", "domain", "note",
                      "status", "case_sensitive", "one_rendering"])
        for n in range(rows):
            out.writerow([form(), f"{english} {n}", form() if n % 5 == 0 else "", f"alt {n}" if n % 3 == 0 else "",
                          f"bad {n}|worse {n}" if n % 4 == 0 else "", "noun", "politics", f"note {n}", "approved",
                          "false", "true" if n % 10 == 0 else "false"])
    return path


def tmx_file(path: Path, units: int) -> Path:
    """Compact (unindented) TMX, so that 200,000 pairs stay under the 50 MiB limit."""
    rng = random.Random(units)
    words = [_syllables(rng, 1, 3) for _ in range(5000)]
    english = [f"word{n}" for n in range(3000)]
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
                  'creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="ko" '
                  'datatype="plaintext"/><body>\n')
        for n in range(units):
            ko = " ".join(rng.choice(words) for _ in range(rng.randint(4, 9)))
            en = " ".join(rng.choice(english) for _ in range(rng.randint(5, 10)))
            out.write(f'<tu creationdate="20260101T000000Z" creationid="kim"><tuv xml:lang="ko"><seg>{escape(ko)} {n}.'
                      f'</seg></tuv><tuv xml:lang="en"><seg>{en} {n}.</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")
    return path


def workspace(path: Path) -> Workspace:
    ws = Workspace.open(path)
    ws.users.add("admin", ["admin"], by="admin")
    ws.users.add("minji", ["terminologist"], by="admin")
    return ws


def timed(function: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """(wall seconds, CPU seconds of this process) and the result: on a shared machine the CPU time
    is what the import itself costs, the wall time also what the other processes took."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def _row(label: str, count: int, seconds: tuple[float, float], base: tuple[float, float] | None,
         unit: str) -> str:
    """One line: count, wall and CPU seconds, count per wall second, CPU µs each, and the time each
    against the first size's, wall and CPU (1.00 is linear)."""
    wall, cpu = seconds
    first_wall, first_cpu = base or (wall / count, cpu / count)
    return (f"  {label:<24} {count:>8,} {unit}s {wall:7.2f} s wall {cpu:7.2f} s CPU {count / wall:>8,.0f} {unit}s/s "
            f"{cpu / count * 1e6:5.0f} µs CPU/{unit}; per {unit} vs the first size: wall "
            f"{wall / count / first_wall:4.2f}, CPU {cpu / count / first_cpu:4.2f}")


def _per(seconds: tuple[float, float], count: int) -> tuple[float, float]:
    return seconds[0] / count, seconds[1] / count


def glossary(folder: Path, sizes: list[int], tbx: bool) -> None:
    print("Glossary import (Glossary.import_file; the file made beforehand)")
    with workspace(folder / "warm-up.db") as ws:  # the modules an import loads, loaded untimed
        ws.glossary.import_file(glossary_csv(folder / "warm-up.csv", 10), by="minji")
    base = None
    for rows in sizes:
        path = glossary_csv(folder / f"glossary{rows}.csv", rows)
        with workspace(folder / f"glossary{rows}.db") as ws:
            seconds, done = timed(lambda: ws.glossary.import_file(path, by="minji"))
        assert done.counts["added"] == rows, done.counts
        print(_row("CSV, new terms", rows, seconds, base, "row"), flush=True)
        base = base or _per(seconds, rows)
    base = None
    for rows in sizes:
        path = glossary_csv(folder / f"glossary{rows}-changed.csv", rows, english="word")
        with Workspace.open(folder / f"glossary{rows}.db", create=False) as ws:
            seconds, done = timed(lambda: ws.glossary.import_file(path, by="minji"))
        assert done.counts["updated"] == rows, done.counts
        print(_row("CSV, every term revised", rows, seconds, base, "row"), flush=True)
        base = base or _per(seconds, rows)
    base = None
    for rows in (r for r in sizes if tbx and r <= TBX_LIMIT):
        path = folder / f"glossary{rows}.tbx"
        with Workspace.open(folder / f"glossary{rows}.db", create=False) as ws:
            data = ws.glossary.export("tbx")
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        with workspace(folder / f"glossary{rows}-tbx.db") as ws:
            seconds, done = timed(lambda: ws.glossary.import_file(path, by="minji"))
        assert done.counts["added"] == rows, done.counts
        print(_row("TBX, new terms", rows, seconds, base, "row"), flush=True)
        base = base or _per(seconds, rows)


def tmx(folder: Path) -> None:
    print("TMX import (TranslationMemory.import_tmx, fresh workspace)")
    base = None
    for units in TMX_SIZES:
        path = tmx_file(folder / f"memory{units}.tmx", units)
        with workspace(folder / f"memory{units}.db") as ws:
            seconds, done = timed(lambda: ws.tm.import_tmx(path, by="minji"))
            assert done.counts["added"] == units, done.counts
        size = path.stat().st_size / 2**20
        print(_row(f"TMX ({size:.0f} MiB)", units, seconds, base, "unit"), flush=True)
        base = base or _per(seconds, units)


def xliff() -> None:
    import xliff_io  # its document: inline codes, notes, every state

    from workflow.interchange.reader import read_bilingual
    from workflow.interchange.xliff12 import write_xliff12
    from workflow.interchange.xliff2 import write_xliff2

    print("XLIFF read (read_bilingual, validation included) and write, per unit, against lxml's bare parse "
          "(etree.fromstring) of the same bytes; median of 3")
    first: dict[str, float] = {}
    for units in XLIFF_SIZES:
        xliff_io.UNITS = units  # _document() makes that many
        doc = xliff_io._document()
        for name, write in (("XLIFF 1.2", write_xliff12), ("XLIFF 2.1", lambda d: write_xliff2(d, "2.1"))):
            data = write(doc)
            written = median_seconds(lambda: write(doc), 3)
            read = median_seconds(lambda: read_bilingual(data, "bench.xlf"), 3)
            parse = median_seconds(lambda: etree.fromstring(data), 3)
            first.setdefault(name, read / units)
            print(f"  {name} {units:>6,} units ({len(data) / 2**20:4.1f} MiB): read {read / units * 1e6:5.0f} µs/unit "
                  f"(vs the first size {read / units / first[name]:4.2f}), write {written / units * 1e6:5.0f} µs/unit, "
                  f"lxml bare parse {parse / units * 1e6:5.1f} µs/unit; read = {read / parse:.0f}x the parse, "
                  f"write = {written / parse:.0f}x", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, GLOSSARY_SIZES)),
                        help="glossary rows, comma-separated (default: %(default)s)")
    parser.add_argument("--only", default=",".join(PARTS), help="parts to run (default: %(default)s)")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if parts & {"glossary", "tbx"}:
            glossary(folder, [int(s) for s in args.sizes.split(",")], "tbx" in parts)
        if "tmx" in parts:
            tmx(folder)
        if "xliff" in parts:
            xliff()
    print(f"total {time.perf_counter() - started:.0f} s; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
