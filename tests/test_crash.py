"""Crash safety: a writer killed with SIGKILL at any moment leaves a sound workspace holding every
save it had been told was done."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import conftest
from workflow.workspace import Workspace

from test_concurrency import small_doc

WRITER = Path(__file__).with_name("writer_process.py")
KILLS = 20

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def run_and_kill(db_path: Path, document_id: int, log: Path, saves: int, pause: float) -> list[tuple[int, str]]:
    """Start a writer, wait until it has reported `saves` saves, let it go on for `pause` seconds
    (a few saves' time, so the kill lands anywhere in one), kill it; the saves it reported done.

    Counting reports rather than timing the whole run keeps every kill meaningful however slowly a
    loaded machine runs the writer."""
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, str(WRITER), "crash", str(db_path), str(document_id), "david"],
                                stdout=out, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while log.read_text(encoding="utf-8").count("\n") < 1 + saves:  # READY, then one line a save
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, f"the writer did not report {saves} saves"
            time.sleep(0.005)
        time.sleep(pause)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # A line is a report only once its newline is out; a line cut by the kill reported nothing.
    lines = log.read_text(encoding="utf-8").split("\n")[1:-1]
    return [(int(number), text) for number, text in (line.split(" ", 1) for line in lines)]


def test_a_writer_killed_at_random_moments_loses_no_reported_save(workspace, db_path, tmp_path):
    doc = small_doc(workspace, tmp_path)
    workspace.close()
    rng = random.Random(8)
    reported: dict[int, str] = {}
    for kill in range(KILLS):
        saves = run_and_kill(db_path, doc.id, tmp_path / f"writer{kill}.log", rng.randint(0, 30),
                             rng.uniform(0.0, 0.03))
        reported.update(saves)
        if conftest.ENGINE == "sqlite":
            check = sqlite3.connect(db_path)  # a plain SQLite connection: recovers the WAL as any reader would
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"after kill {kill}"
            assert check.execute("PRAGMA foreign_key_check").fetchall() == []
            check.close()
        with Workspace.open(db_path, create=False) as ws:
            assert ws._store.audit.integrity_problems() == [], f"after kill {kill}"
            history = {r.id: r.text for r in ws.documents.history(doc.id)}
            verified = ws.audit.verify()  # the audit chain and revision hashes, too
        assert verified.ok, f"after kill {kill}: {verified.breaches}"
        missing = {rid: text for rid, text in reported.items() if history.get(rid) != text}
        assert missing == {}, f"after kill {kill}, reported saves missing or changed: {missing}"
    assert len(reported) >= KILLS, "the writers hardly saved anything; the kills proved little"
