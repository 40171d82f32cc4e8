"""Word-level diff time: Tandem's diff-match-patch word diff against difflib on the same word lists.

Paragraph pairs of 100 to 3,000 characters, made from the sample article's English (the
translator's draft against the editor's final, cycled to length); each size timed as the median of
repeated runs, all in one run, with the ratio. Also the time to open the review data (the per-segment
report the review screen shows) on a 2,000-segment document, and the review screen's time to a full table on it.

Run: python benchmarks/diff_speed.py
"""

from __future__ import annotations

import asyncio
import difflib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.demo import DRAFT, EDITED, KOREAN  # noqa: E402
from workflow.diffs import _TOKEN, word_diff  # noqa: E402
from timing import median_seconds


def _text(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def _cut(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def _median(function, repeat: int = 15) -> float:
    return median_seconds(function, repeat)


def diffs() -> None:
    old_all, new_all = _text(DRAFT), _text(EDITED)
    print(f"{'chars':>6}{'words':>7}{'tandem ms':>11}{'difflib ms':>12}{'ratio':>8}")
    for size in (100, 300, 1000, 3000):
        old, new = _cut(old_all, size), _cut(new_all, size)
        tandem = _median(lambda: word_diff(old, new))
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        stdlib = _median(lambda: difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
        print(f"{size:>6}{len(a):>7}{tandem * 1000:>11.2f}{stdlib * 1000:>12.2f}{tandem / stdlib:>8.2f}")


def review_open() -> None:
    from workflow.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        ko = KOREAN.read_text(encoding="utf-8").split("\n\n")
        en = DRAFT.read_text(encoding="utf-8").split("\n\n")
        body_ko = [b for b in ko if not b.startswith("#")]
        body_en = [b for b in en if not b.startswith("#")]
        ko_file, en_file = Path(tmp) / "ko.md", Path(tmp) / "en.md"
        ko_file.write_text("\n\n".join(body_ko[i % len(body_ko)] for i in range(2000)), encoding="utf-8")
        en_file.write_text("\n\n".join(body_en[i % len(body_en)] for i in range(2000)), encoding="utf-8")
        with Workspace.open(Path(tmp) / "w.db") as ws:
            doc = ws.files.import_document(ko_file, en_file, by="bench").document.id
            final = _text(EDITED)
            for index in range(1, 2001, 7):  # an editor's pass: every seventh paragraph reworded
                ws.editing.save(doc, index, final[: 200 + index % 300], by="bench")
            start = time.perf_counter()
            rows = ws.review.report(doc)
            elapsed = time.perf_counter() - start
        screen = asyncio.run(_open_review_screen(Path(tmp) / "w.db", doc, len(rows)))
    print(f"\nreview data for a 2,000-segment document: {elapsed * 1000:.0f} ms "
          f"({len(rows)} segments diffed, {sum(r.changed for r in rows)} words changed)")
    print(f"review screen, key to a full table of {len(rows)} rows (headless, 160x48): {screen * 1000:.0f} ms")


async def _open_review_screen(path: Path, doc: int, rows: int) -> float:
    from tui.app import TandemApp
    from tui.screens.documents import DocumentsScreen
    from tui.screens.review import ReviewScreen
    from tui.widgets.review_list import ReviewList

    app = TandemApp(path, "bench")
    async with app.run_test(size=(160, 48)) as pilot:
        while not isinstance(app.screen, DocumentsScreen):
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        app.push_screen(ReviewScreen(app.session, doc))
        while not (isinstance(app.screen, ReviewScreen) and app.screen.query(ReviewList)
                   and app.screen.query_one(ReviewList).row_count == rows):
            await pilot.pause(0.005)
        return time.perf_counter() - start


if __name__ == "__main__":
    diffs()
    review_open()
