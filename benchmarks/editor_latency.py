"""Editor latency at 20 and 5,000 segments, beside a bare Textual app measured in the same run.

- launch to first paint: from constructing the app to the first frame that shows the document,
  for the editor (`TandemApp(path, user, document_id=N)`) and for a bare App showing one DataTable
  of the same rows read from the same workspace (goal: editor at most 1.5x the bare app);
- key to screen, median: the time from handing a key event to the app to the first frame that
  shows its effect, for moving to the next segment and for typing a character into the English
  (goal: the 5,000-segment figures within 1.2x of the 20-segment ones);
- memory: the Python heap the open editor holds (tracemalloc, in a separate launch, because
  tracing slows everything down), and the process's peak RSS.

Frames are caught by wrapping App._display, which the screen calls with each compositor update
(in headless mode after rendering, before the terminal write it skips). `pilot.press` is never
timed: it sleeps ~63 ms by design. Textual paces frames at TEXTUAL_FPS (60 by default), which
puts a floor of up to 16 ms under any key-to-screen time; this script sets 1000 unless told
otherwise, so the figures show the work a key causes. `TEXTUAL_FPS=60 python ...` gives the
paced figures a user sees.

Run: python benchmarks/editor_latency.py [--repeat N] [--keys N]
"""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_FPS", "1000")  # read by textual.constants at import

import argparse  # noqa: E402
import asyncio  # noqa: E402
import importlib.util  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable  # noqa: E402
from textual.worker import WorkerCancelled  # noqa: E402

from tui.cells import first_words  # noqa: E402
from tui.labels import state_mark  # noqa: E402
from workflow.demo import DRAFT, KOREAN  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402

SIZES = (20, 5000)
SCREEN = (160, 48)
USER = "david"
TIMEOUT = 120.0


# documents -----------------------------------------------------------------------------


def sample_blocks(path: Path) -> list[str]:
    """The sample's blank-line separated blocks, heading marks dropped, so cycling them stays
    a run of paragraphs rather than a document of repeated titles."""
    text = path.read_text(encoding="utf-8")
    return [b.strip().lstrip("#").strip() for b in text.split("\n\n") if b.strip()]


def make_workspace(folder: Path, count: int) -> tuple[Path, int]:
    korean, english = sample_blocks(KOREAN), sample_blocks(DRAFT)
    ko, en = folder / f"ko-{count}.md", folder / f"en-{count}.md"
    ko.write_text("\n\n".join(korean[i % len(korean)] for i in range(count)) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(english[i % len(english)] for i in range(count)) + "\n", encoding="utf-8")
    path = folder / f"w-{count}.db"
    with Workspace.open(path) as workspace:
        workspace.add_user(USER, ["translator"], by=USER)
        result = workspace.import_document(ko, en, title=f"{count} segments", by=USER)
    assert result.segments == count, (result.segments, count)
    return path, result.document.id


# frames --------------------------------------------------------------------------------


class Frames:
    """Times the first frame painted once `condition` holds."""

    def __init__(self, app: App) -> None:
        self.condition: Callable[[], bool] | None = None
        self.at = 0.0
        self.seen = asyncio.Event()
        display = app._display

        def timed(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is None or self.condition is None or self.seen.is_set():
                return
            try:
                met = self.condition()
            except Exception:  # the widgets it reads may not be mounted yet
                met = False
            if met:
                self.at = time.perf_counter()
                self.seen.set()

        app._display = timed

    def expect(self, condition: Callable[[], bool]) -> None:
        self.condition = condition
        self.at = 0.0
        self.seen.clear()

    async def wait(self) -> float:
        await asyncio.wait_for(self.seen.wait(), TIMEOUT)
        return self.at


def send_key(app: App, key: str, character: str | None = None) -> None:
    # What the terminal driver does with a key: no Pilot sleeps in between.
    event = events.Key(key, character)
    event.set_sender(app)
    app.post_message(event)


async def settle(app: App) -> None:
    """Wait until the app has nothing left to do, so one key's work is not timed with another's."""
    for _ in range(4):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for that
            pass
        await asyncio.sleep(0.005)


# the bare baseline ---------------------------------------------------------------------


class BareTable(App):
    """One DataTable of the document's rows: the least any Textual list of them can cost."""

    def __init__(self, path: Path, document_id: int) -> None:
        super().__init__()
        with Workspace.open(path, create=False) as workspace:
            segments = workspace.segments(document_id)
        self.rows = [
            (str(s.index), state_mark(s.state), first_words(s.source, 48), first_words(s.target or "", 72))
            for s in segments
        ]

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "St", "Korean", "English")
        table.add_rows(self.rows)


def bare_ready(app: BareTable, count: int) -> Callable[[], bool]:
    return lambda: app.query_one(DataTable).row_count == count


# the editor ----------------------------------------------------------------------------
# Everything that knows the editor's insides is here, so a change there is fixed in one place.


def editor_available() -> bool:
    return importlib.util.find_spec("tui.screens.editor") is not None


def editor_app(path: Path, document_id: int) -> App:
    from tui.app import TandemApp

    return TandemApp(path, USER, document_id=document_id)


def editor_screen(app: App):
    from tui.screens.editor import EditorScreen

    screen = app.screen
    return screen if isinstance(screen, EditorScreen) else None


NEXT_SEGMENT = "ctrl+down"  # plain down moves the cursor inside the English, which has the focus


def editor_ready(app: App, count: int) -> Callable[[], bool]:
    """The list holds every row and segment 1 is in hand (its Korean and English shown)."""
    from tui.widgets.segment_list import SegmentList

    def ready() -> bool:
        screen = editor_screen(app)
        return bool(screen and screen.current and screen.query_one(SegmentList).row_count == count)

    return ready


def editor_index(app: App) -> int:
    return editor_screen(app).current.index


def shows_segment(app: App, index: int) -> bool:
    from tui.widgets.segment_texts import KoreanView

    screen = editor_screen(app)
    return screen.current.index == index and screen.query_one(KoreanView).source == screen.current.source


def english_text(app: App) -> str:
    from tui.widgets.segment_texts import EnglishEditor

    return editor_screen(app).query_one(EnglishEditor).text


async def focus_english(app: App) -> None:
    from tui.widgets.segment_texts import EnglishEditor

    editor_screen(app).query_one(EnglishEditor).focus()


NEXT_SEGMENT = "ctrl+down"
TYPE_IN = 4  # a long paragraph of the sample, in both documents


# measurements --------------------------------------------------------------------------


async def launch(make: Callable[[], App], ready: Callable[[App], Callable[[], bool]]) -> float:
    start = time.perf_counter()
    app = make()
    frames = Frames(app)
    frames.expect(ready(app))
    async with app.run_test(size=SCREEN):
        painted = await frames.wait()
        await settle(app)  # so its workers do not run on into the next launch
    return painted - start


async def keys(path: Path, document_id: int, count: int, presses: int) -> tuple[list[float], list[float]]:
    """Key-to-screen times for `presses` next-segment moves, then `presses` typed characters."""
    app = editor_app(path, document_id)
    frames = Frames(app)
    frames.expect(editor_ready(app, count))
    moves, typed = [], []
    async with app.run_test(size=SCREEN):
        await frames.wait()
        await settle(app)
        for _ in range(presses):
            if editor_index(app) == count:  # wrap round, so both sizes give as many samples
                editor_screen(app).go_to(1)
                await settle(app)
            target = editor_index(app) + 1
            frames.expect(lambda: shows_segment(app, target))
            start = time.perf_counter()
            send_key(app, NEXT_SEGMENT)
            moves.append(await frames.wait() - start)
            await settle(app)
        # The same segment for both sizes, so the TextArea holds the same text to wrap and draw.
        editor_screen(app).go_to(TYPE_IN)
        await focus_english(app)
        await settle(app)
        for _ in range(presses):
            length = len(english_text(app))
            frames.expect(lambda: len(english_text(app)) == length + 1)
            start = time.perf_counter()
            send_key(app, "x", "x")
            typed.append(await frames.wait() - start)
            await settle(app)
    return moves, typed


async def held_memory(path: Path, document_id: int, count: int) -> int:
    """Bytes of Python heap the app holds with the document open (tracemalloc)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    app = editor_app(path, document_id)
    frames = Frames(app)
    frames.expect(editor_ready(app, count))
    async with app.run_test(size=SCREEN):
        await frames.wait()
        await settle(app)
        held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return held


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def row(metric: str, small: float, large: float, goal: str, unit: str = "ms") -> str:
    ratio = large / small if small else float("nan")
    return f"{metric:<40}{small:>10.1f}{large:>12.1f}  {unit:<4}{ratio:>7.2f}   {goal}"


async def main(repeat: int, presses: int) -> int:
    if not editor_available():
        print("editor_latency: tui/screens/editor.py is not there yet; nothing to measure.")
        return 0
    figures: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            path, document_id = make_workspace(Path(tmp), count)
            # One launch of each first, unmeasured in the medians: imports, SQLite's page cache and
            # the Kiwi model (the editor preloads it in a thread) are paid once per process.
            first = await launch(lambda: editor_app(path, document_id), lambda app: editor_ready(app, count))
            await launch(lambda: BareTable(path, document_id), lambda app: bare_ready(app, count))
            bare, editor = [], []
            for _ in range(repeat):  # interleaved, so drift in the machine hits both alike
                bare.append(await launch(lambda: BareTable(path, document_id),
                                         lambda app: bare_ready(app, count)))
                editor.append(await launch(lambda: editor_app(path, document_id),
                                           lambda app: editor_ready(app, count)))
            moves, typed = await keys(path, document_id, count, presses)
            figures[count] = {
                "first": first * 1000,
                "bare": median_ms(bare),
                "editor": median_ms(editor),
                "move": median_ms(moves),
                "type": median_ms(typed),
                "memory": await held_memory(path, document_id, count) / 2**20,
            }
    small, large = (figures[n] for n in SIZES)
    print(f"Editor latency, {SCREEN[0]}x{SCREEN[1]} headless, TEXTUAL_FPS={os.environ['TEXTUAL_FPS']}, "
          f"launch median of {repeat}, keys median of {presses}")
    print(f"{'metric':<40}{'20 seg':>10}{'5,000 seg':>12}  {'':<4}{'ratio':>7}   goal")
    print(row("launch to first paint, bare DataTable", small["bare"], large["bare"], "(baseline)"))
    print(row("launch to first paint, editor", small["editor"], large["editor"], ""))
    print(row("  first launch in the process (cold)", small["first"], large["first"], "(not in the goal)"))
    print(f"{'  editor / bare':<40}{small['editor'] / small['bare']:>10.2f}"
          f"{large['editor'] / large['bare']:>12.2f}  {'x':<4}{'':>7}   <= 1.5x")
    print(row("key to screen: next segment (median)", small["move"], large["move"], "ratio <= 1.2x"))
    print(row("key to screen: type a character (median)", small["type"], large["type"], "ratio <= 1.2x"))
    print(row("Python heap held by the open editor", small["memory"], large["memory"], "", "MiB"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS of this process: {peak:.0f} MiB (the Kiwi model included)")
    print("note: 20 rows nearly fit the list at this size, so a move there hardly scrolls it; at 5,000\n"
          "      each move scrolls the list and redraws every visible row.")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="launches of each app per size")
    parser.add_argument("--keys", type=int, default=30, help="key presses of each kind per size")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.repeat, args.keys)))
