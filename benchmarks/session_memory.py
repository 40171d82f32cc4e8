"""What a session costs in memory (issue 15 §3): the resident memory of a fresh process that opens the
editor, or the review screen, on a 5,000-segment document, before and after the Korean morphology
model's decisions were stored in the workspace.

- after: the app as it is now. The editor and the review screen read the stored decisions
  (workflow.word_decisions) and never import kiwipiepy; the figure is the process's peak RSS
  (VmHWM) once the document is on screen, every finding counted and the workers idle.
- before: the same process, then the model loaded as the editor did until this change (its
  preload, 1.5 s after the first paint: glossaries.morphology.preload_morphology), so the two differ
  by exactly what the change took out. (The review screen loaded the model at the first compound it
  met; the sample's repeated paragraphs with the extra terms below meet several.)
- where the rest goes: the bare interpreter, the imports (Textual, our packages), and the Python heap
  the open editor holds by package (tracemalloc, in a launch of its own because tracing is slow).

The workspace: the sample article's paragraphs repeated to 5,000 segments with its draft (as
benchmarks/editor_latency.py builds it), the demo glossary and a few terms the sample holds inside
compounds (사회 in 국제사회) or only seem to (동자 in 노동자), so the morphology is asked and its
decisions stored at import. Goal: <= 150 MB for the editor or review process (today 400-490 MB).

Run: python benchmarks/session_memory.py [--segments N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TEXTUAL_FPS", "1000")

SCREEN = (160, 48)
GOAL_MB = 150
# Terms the sample holds inside compound words, so the morphology model has questions to answer.
# Some are words of the compound (국제사회 holds 사회, 수백달러 달러), some accidents of it (노동자
# holds no 동자 "child monk", 귀국시키 no 국시 "national policy").
EXTRA_TERMS = "ko,en\n달러,dollar\n유행,epidemic\n규모,scale\n사회,society\n동자,child monk\n국시,national policy\n"


def status_mb() -> dict[str, float]:
    """VmHWM (peak resident) and VmRSS (resident now) of this process, in MB."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0]) / 1024
    return found


# the workspace ----------------------------------------------------------------------------------


def sample_blocks(path: Path) -> list[str]:
    """The sample's blank-line separated blocks, heading marks dropped (as editor_latency.py does)."""
    text = path.read_text(encoding="utf-8")
    return [b.strip().lstrip("#").strip() for b in text.split("\n\n") if b.strip()]


def make_workspace(folder: Path, count: int) -> tuple[Path, int, int]:
    from workflow.demo import DRAFT, GLOSSARY, KOREAN
    from workflow.workspace import Workspace

    korean, english = sample_blocks(KOREAN), sample_blocks(DRAFT)
    ko, en = folder / "ko.md", folder / "en.md"
    ko.write_text("\n\n".join(korean[i % len(korean)] for i in range(count)) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(english[i % len(english)] for i in range(count)) + "\n", encoding="utf-8")
    extra = folder / "extra.csv"
    extra.write_text(EXTRA_TERMS, encoding="utf-8")
    path = folder / "w.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], by="admin")
        ws.users.add("robert", ["editor"], by="admin")
        ws.users.add("minji", ["terminologist"], by="admin")
        ws.glossary.import_file(GLOSSARY, by="minji")
        ws.glossary.import_file(extra, by="minji")
        result = ws.files.import_document(ko, en, title=f"{count} segments", by="david")
        decisions = ws._store.word_decisions.word_decision_count()
    assert result.segments == count, (result.segments, count)
    return path, result.document.id, decisions


# the measured process ---------------------------------------------------------------------------


async def _settle(app) -> None:
    from textual.worker import WorkerCancelled

    for _ in range(6):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await asyncio.sleep(0.05)


async def _open(path: Path, document_id: int, count: int, screen_kind: str, model: bool) -> dict:
    from tui.app import TandemApp
    from tui.screens.editor import EditorScreen
    from tui.screens.review import ReviewScreen
    from tui.widgets.review_list import ReviewList
    from tui.widgets.segment_list import SegmentList

    user = "robert" if screen_kind == "review" else "david"
    app = TandemApp(path, user, document_id=None if screen_kind == "review" else document_id)
    async with app.run_test(size=SCREEN) as pilot:
        if screen_kind == "review":
            while len(app.screen_stack) < 2:
                await pilot.pause(0.05)
            screen = ReviewScreen(app.session, document_id)
            await app.push_screen(screen)
            while screen.data is None or screen.query_one(ReviewList).row_count != count:
                await pilot.pause(0.05)
        else:
            while not (isinstance(app.screen, EditorScreen) and app.screen.current
                       and app.screen.query_one(SegmentList).row_count == count):
                await pilot.pause(0.05)
            screen = app.screen
            while not screen.state.counts:  # every segment's findings counted
                await pilot.pause(0.05)
        await _settle(app)
        if model:
            from glossaries.morphology import preload_morphology

            preload_morphology()  # what the editor's preload did until decisions were stored
            await _settle(app)
        measured = status_mb()
    return {**measured, "kiwipiepy": "kiwipiepy" in sys.modules}


def _heap(path: Path, document_id: int, count: int) -> dict:
    """The Python heap the open editor holds, by top-level package of the allocating code."""
    import tracemalloc

    tracemalloc.start(1)
    before = tracemalloc.take_snapshot()
    asyncio.run(_hold_open(path, document_id, count, tracemalloc))
    after = _HELD["snapshot"]
    tracemalloc.stop()
    by_package: dict[str, int] = {}
    for stat in after.compare_to(before, "filename"):
        name = stat.traceback[0].filename
        package = _package_of(name)
        by_package[package] = by_package.get(package, 0) + stat.size_diff
    return {k: v / 1024 / 1024 for k, v in sorted(by_package.items(), key=lambda kv: -kv[1])[:8]}


_HELD: dict = {}


async def _hold_open(path: Path, document_id: int, count: int, tracemalloc) -> None:
    from tui.app import TandemApp
    from tui.screens.editor import EditorScreen
    from tui.widgets.segment_list import SegmentList

    app = TandemApp(path, "david", document_id=document_id)
    async with app.run_test(size=SCREEN) as pilot:
        while not (isinstance(app.screen, EditorScreen) and app.screen.current
                   and app.screen.query_one(SegmentList).row_count == count and app.screen.state.counts):
            await pilot.pause(0.05)
        await _settle(app)
        _HELD["snapshot"] = tracemalloc.take_snapshot()


def _package_of(filename: str) -> str:
    parts = Path(filename).parts
    for marker in ("site-packages", "lib-dynload"):
        if marker in parts:
            return parts[parts.index(marker) + 1].split(".")[0]
    if str(ROOT) in filename:
        return Path(filename).relative_to(ROOT).parts[0]
    return "python (stdlib)" if "python3" in filename else Path(filename).name


def child(args: argparse.Namespace) -> None:
    mode = args.child
    if mode == "python":
        result = status_mb()
    elif mode == "imports":
        import tui.app  # noqa: F401
        import workflow.workspace  # noqa: F401

        result = status_mb()
    elif mode == "heap":
        result = _heap(Path(args.path), args.document, args.segments)
    else:
        screen_kind, _, model = mode.partition("+")
        result = asyncio.run(_open(Path(args.path), args.document, args.segments, screen_kind, model == "kiwi"))
    print(json.dumps(result))


def measure(mode: str, path: Path | None = None, document_id: int = 0, count: int = 0) -> dict:
    command = [sys.executable, __file__, "--child", mode, "--segments", str(count), "--document", str(document_id)]
    if path is not None:
        command += ["--path", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=5000)
    parser.add_argument("--child")
    parser.add_argument("--path")
    parser.add_argument("--document", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as folder:
        path, document_id, decisions = make_workspace(Path(folder), args.segments)
        print(f"workspace: {args.segments:,} segments (the sample repeated, its draft), demo glossary + "
              f"{EXTRA_TERMS.count(chr(10)) - 1} compound terms; {decisions:,} morphology decisions stored at import")
        bare = measure("python")
        imports = measure("imports")
        rows = []
        for screen_kind in ("editor", "review"):
            after = measure(screen_kind, path, document_id, args.segments)
            before = measure(f"{screen_kind}+kiwi", path, document_id, args.segments)
            rows.append((screen_kind, before, after))
        heap = measure("heap", path, document_id, args.segments)
    print()
    print(f"{'peak RSS (VmHWM), MB':<34}{'before':>10}{'after':>10}{'after/before':>14}   goal")
    for screen_kind, before, after in rows:
        label = f"{screen_kind} on {args.segments:,} segments"
        print(f"{label:<34}{before['VmHWM']:>10.0f}{after['VmHWM']:>10.0f}{after['VmHWM'] / before['VmHWM']:>14.2f}"
              f"   <= {GOAL_MB} MB: {'met' if after['VmHWM'] <= GOAL_MB else 'NOT met'}")
        print(f"{'  kiwipiepy imported':<34}{str(before['kiwipiepy']):>10}{str(after['kiwipiepy']):>10}")
    print()
    print("where the after figure goes (fresh processes, peak RSS):")
    print(f"  bare interpreter                 {bare['VmHWM']:>6.0f} MB")
    print(f"  + imports (Textual, tui, workflow) {imports['VmHWM'] - bare['VmHWM']:>4.0f} MB  -> {imports['VmHWM']:.0f} MB")
    editor_after = rows[0][2]["VmHWM"]
    print(f"  + the editor open on the document {editor_after - imports['VmHWM']:>3.0f} MB  -> {editor_after:.0f} MB")
    print("  Python heap the open editor holds, by package of the allocating code (tracemalloc):")
    for package, mb in heap.items():
        print(f"    {package:<28}{mb:>7.1f} MB")


if __name__ == "__main__":
    main()
