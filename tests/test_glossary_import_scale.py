"""A glossary import grows with its rows, not with their square (issue 16 §5), shown by counting
what it asks of SQLite and of the matcher, never by timing: 1,000 rows read no more than 100 rows
do, and SQLite works about as hard per row for either. An import that read each term back, wrote
each one through its own statements or rebuilt the index per row would fail here.

benchmarks/import_speed.py measures the seconds.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

import workflow.glossary as glossary_module
from glossaries.index import GlossaryIndex

BATCHED = ("INSERT INTO terms ", "INSERT INTO term_revisions ", "INSERT INTO audit_log ")
OPS_PER_TICK = 100


def _glossary_csv(path: Path, rows: int, seed: int, *, extra: str, english: str = "term") -> Path:
    """`rows` terms of made-up Korean (distinct forms), one in five with a variant, plus `extra`, a
    word of the sample article, so that the import has Korean of the workspace to decide."""
    rng = random.Random(seed)
    seen: set[str] = set()

    def word() -> str:
        while True:
            form = "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(3, 6)))
            if form not in seen:
                seen.add(form)
                return form

    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["ko", "en", "ko_variants", "en_variants", "en_forbidden", "one_rendering"])
        out.writerow([extra, f"{english} {extra}", "", "", "", "false"])
        for n in range(rows - 1):
            out.writerow([word(), f"{english} {n}", word() if n % 5 == 0 else "", f"alt {n}" if n % 3 == 0 else "",
                          f"bad {n}" if n % 4 == 0 else "", "true" if n % 10 == 0 else "false"])
    return path


class _Count:
    def __init__(self) -> None:
        self.statements: list[str] = []
        self.ticks = 0
        self.index_builds = 0
        self.decided = 0

    def others(self) -> int:
        """Statements but the three batched inserts (whose every row SQLite reports as one)."""
        return sum(not s.startswith(BATCHED) for s in self.statements)


def _import(ws, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, int], _Count]:
    count = _Count()

    class CountedIndex(GlossaryIndex):
        def __init__(self, *args, **kwargs) -> None:
            count.index_builds += 1
            super().__init__(*args, **kwargs)

    def tick() -> int:
        count.ticks += 1
        return 0

    after_change = ws.glossary.morphology.after_change

    def decide(terms) -> None:
        count.decided += 1
        after_change(terms)

    monkeypatch.setattr(glossary_module, "GlossaryIndex", CountedIndex)
    monkeypatch.setattr(ws.glossary.morphology, "after_change", decide)
    conn = ws._store._engine._connections.db.conn
    conn.set_trace_callback(count.statements.append)
    conn.set_progress_handler(tick, OPS_PER_TICK)
    try:
        done = ws.glossary.import_file(path, by="minji")
    finally:
        conn.set_trace_callback(None)
        conn.set_progress_handler(None, 0)
        monkeypatch.undo()
    return done.counts, count


@pytest.mark.sqlite_only("counts statements and steps through sqlite3's trace and progress callbacks")
def test_import_work_does_not_grow_with_the_square_of_its_rows(ws, tmp_path, monkeypatch):
    small = _glossary_csv(tmp_path / "small.csv", 100, 1, extra="러시아")
    large = _glossary_csv(tmp_path / "large.csv", 1000, 2, extra="파견")
    added_small, new_small = _import(ws, small, monkeypatch)
    added_large, new_large = _import(ws, large, monkeypatch)
    assert added_small == {"added": 100, "updated": 0, "unchanged": 0}
    assert added_large == {"added": 1000, "updated": 0, "unchanged": 0}

    # Every term changed: each import revises what is there.
    small_changed = _glossary_csv(tmp_path / "small.csv", 100, 1, extra="러시아", english="word")
    large_changed = _glossary_csv(tmp_path / "large.csv", 1000, 2, extra="파견", english="word")
    revised_small, changed_small = _import(ws, small_changed, monkeypatch)
    revised_large, changed_large = _import(ws, large_changed, monkeypatch)
    assert revised_small == {"added": 0, "updated": 100, "unchanged": 0}
    assert revised_large == {"added": 0, "updated": 1000, "unchanged": 0}

    for few, many in ((new_small, new_large), (changed_small, changed_large)):
        # Reads, checks and the like: as many for 1,000 rows as for 100 (a few more may come from
        # storing the morphology decisions the second file's word brings), not one more per row.
        assert many.others() <= few.others() + 10, (few.others(), many.others())
        # Each row is three inserted rows (term or not, revision, audit entry) ...
        assert sum(s.startswith(BATCHED) for s in many.statements) <= 3 * 1000
        # ... and SQLite's work per row is about the same: a B-tree insert costs log n, a scan per
        # row would cost n.
        assert many.ticks / 1000 < 2 * few.ticks / 100, (few.ticks, many.ticks)
        # The matcher is built once for the import (a word of the article holds a new term), and
        # the morphology decided once, never per row.
        assert few.index_builds == many.index_builds == 1
        assert few.decided == many.decided == 1

    assert ws.audit.verify().ok


def test_a_batched_import_refuses_a_variant_already_taken_by_an_earlier_row(ws, tmp_path):
    """The rows are decided before any is stored: a later row's variant that an earlier row of the
    same file took is still refused, naming the earlier row's term id, and nothing is stored."""
    before = ws.glossary.version()
    terms = len(ws.glossary.terms())
    path = tmp_path / "clash.csv"
    path.write_text("ko,en,ko_variants\n가나다,first,\n라마바,second,가나다\n", encoding="utf-8")
    with pytest.raises(Exception, match=rf"가나다 is already in the glossary as term {terms + 1} \(가나다 → first\)"):
        ws.glossary.import_file(path, by="minji")
    assert ws.glossary.version() == before
    assert len(ws.glossary.terms()) == terms


def test_a_batched_import_writes_the_same_revisions_and_audit_entries(ws, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("ko,en,en_forbidden,one_rendering\n가나다,first,bad|worse,true\n송환,return,,false\n",
                    encoding="utf-8")
    before = len(ws.audit.log())
    assert ws.glossary.import_file(path, by="minji").counts == {"added": 1, "updated": 1, "unchanged": 0}
    new = next(t for t in ws.glossary.terms() if t.ko == "가나다")
    assert (new.en_forbidden, new.one_rendering) == (("bad", "worse"), True)
    assert [r.reason for r in ws.glossary.history(new.id)] == ["imported from two.csv"]
    returned = next(t for t in ws.glossary.terms() if t.ko == "송환")
    history = ws.glossary.history(returned.id)
    assert history[-1].term.en == "return" and history[-1].parent_id == history[-2].revision_id
    entries = ws.audit.log()[before:]
    assert [(e["action"], e["user"], e["detail"]["term"]) for e in entries] == [
        ("term.create", "minji", new.id), ("term.revise", "minji", returned.id)]
    assert ws.audit.verify().ok
