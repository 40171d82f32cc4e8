"""What noticing other people's changes costs: the poll, and the editor's re-read when it fires.

- poll: one `PRAGMA data_version` on the poll thread's connection, timed as the app awaits it
  (DataVersionPoll.changed: a hop to the poll thread and back);
- re-read: what the editor does when a change is noticed (tui.editor.reads.changes on the reads thread: the
  segments the audit log names since the last read, their comments and segment checks), against
  re-reading the whole document (reads.load_document), at 20 and 5,000 segments.

Run: python benchmarks/live_refresh.py [--polls N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from editor_latency import USER, make_workspace  # noqa: E402
from tui.editor import reads  # noqa: E402
from tui.live import DataVersionPoll  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


async def poll_times(path: Path, polls: int) -> list[float]:
    poll = DataVersionPoll(path)
    poll.baseline()
    times = []
    for _ in range(polls):
        start = time.perf_counter()
        await poll.changed()
        times.append(time.perf_counter() - start)
    poll.close()
    return times


def reread_times(path: Path, document_id: int, repeat: int) -> tuple[list[float], list[float]]:
    """The editor's re-read after one segment was saved elsewhere, and a whole-document re-read."""
    # One long-lived Workspace, as the editor's reads thread keeps.
    reader = Workspace.open(path, create=False)
    data = reads.load_document(reader, document_id, USER)
    incremental, whole = [], []
    for turn in range(repeat):
        since = data.audit_head
        with Workspace.open(path, create=False) as workspace:
            workspace.editing.save(document_id, 1 + turn % 7, f"Edited elsewhere, turn {turn}.", by=USER)
        start = time.perf_counter()
        found = reads.changes(reader, document_id, since)
        incremental.append(time.perf_counter() - start)
        assert [s.index for s in found.segments] == [1 + turn % 7]
        start = time.perf_counter()
        data = reads.load_document(reader, document_id, USER)
        whole.append(time.perf_counter() - start)
    reader.close()
    return incremental, whole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in (20, 5000):
            path, document_id = make_workspace(Path(folder), count)
            polls = asyncio.run(poll_times(path, args.polls))
            with Workspace.open(path, create=False) as workspace:
                start = time.perf_counter()
                for _ in range(100):
                    workspace.data_version()
                raw = (time.perf_counter() - start) / 100
            incremental, whole = reread_times(path, document_id, args.repeat)
            poll = statistics.median(polls)
            print(f"{count:>5} segments: poll median {ms(poll)} "
                  f"(p99 {ms(sorted(polls)[int(len(polls) * 0.99)])}; the PRAGMA alone {ms(raw)}); "
                  f"after one save elsewhere, the editor's re-read {ms(statistics.median(incremental))} "
                  f"vs re-reading the whole document {ms(statistics.median(whole))}")

if __name__ == "__main__":
    main()
