"""Editor latency at 20 and 5,000 segments, beside a bare Textual app measured in the same run.

- launch to first paint: from constructing the app to the first frame that shows the document,
  for the editor (`TandemApp(path, user, document_id=N)`) and for a bare App showing one DataTable
  of the same rows read from the same workspace (goal, issue 12: editor at most 2x the bare app);
- key to screen, median: the time from handing a key event to the app to the first frame that
  shows its effect, for moving to the next segment and for typing a character into the English
  (goal: the 5,000-segment figures within 1.2x of the 20-segment ones);
- key to findings shown (issue 12): a character typed into the English, then the idle pause
  (EditorScreen.ANALYSE_DELAY); timed from the end of the pause (the timer calling the screen's
  `_analyse_now`) to the first frame painted once the findings panel holds the analysis of that
  text (`screen._analysis.text` equal to the English); goal under 50 ms, 5,000/20 <= 1.2. Beside
  it, the same work alone: `tui.editor.reads.analyse` on a warm Workspace, no app; and the
  analysis each pause runs on the checks thread (`Workspace.findings.work`, goal one each);
- work per save (issue 12): a character typed, its findings shown, then ctrl+s; the segment checks
  and glossary matchings run by each of the editor's long-lived Workspaces (reads, checks, writes
  threads) from the key to the moment everything the save sets off is over (the write, the live
  refresh noticing the app's own commit, the debounced whole-document recount, the re-analysis).
  Also a save that follows the key at once, before the pause (work of the whole cycle). Goal: one
  check and one matching each. Read from the threads' `_workspace.findings.work` by the harness;
  no production code is changed for it;
- memory: the Python heap the open editor holds (tracemalloc, in a separate launch, because
  tracing slows everything down), and the process's peak RSS.

Frames are caught by wrapping App._display, which the screen calls with each compositor update
(in headless mode after rendering, before the terminal write it skips). `pilot.press` is never
timed: it sleeps ~63 ms by design. Textual paces frames at TEXTUAL_FPS (60 by default), which
puts a floor of up to 16 ms under any key-to-screen time; this script sets 1000 unless told
otherwise, so the figures show the work a key causes. `TEXTUAL_FPS=60 python ...` gives the
paced figures a user sees.

The workspace carries the demo glossary (as benchmarks/findings_speed.py builds it), so the
term checks and the glossary panel have work to do.

Run: python benchmarks/editor_latency.py [--repeat N] [--keys N] [--pauses N] [--saves N]
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
from tui.editor import reads  # noqa: E402
from tui.labels import state_mark  # noqa: E402
from workflow.demo import DRAFT, GLOSSARY, KOREAN  # noqa: E402
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
        workspace.users.add("admin", ["admin"], by="admin")
        workspace.users.add(USER, ["translator"], by="admin")
        workspace.users.add("minji", ["terminologist"], by="admin")
        workspace.glossary.import_file(GLOSSARY, by="minji")
        result = workspace.files.import_document(ko, en, title=f"{count} segments", by=USER)
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
            segments = workspace.documents.segments(document_id)
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


# findings after a pause, and the work a save sets off (issue 12) -------------------------

THREADS = ("reads", "checks", "writes")  # the editor's long-lived WorkspaceThreads
# Not keys()'s "x": at 5,000 segments the typed segment has the paragraph keys() typed into, and a
# (Korean, English) pair analysed once is not analysed again, which would hide a pause's work.
TYPED = "z"


def typing_index(count: int) -> int:
    """TYPE_IN's paragraph of the article in the middle of the document (4 at 20 segments, 2,500 at
    5,000): the same text at both sizes, with the most document on either side."""
    period = len(sample_blocks(KOREAN))
    middle = count // 2
    index = middle - middle % period + TYPE_IN
    return index if index <= count else TYPE_IN


class Probe:
    """The open editor, watched from outside: when the pause's timer fires (the screen's
    `_analyse_now`, wrapped on the instance), which named messages the screen posts, and the work
    each thread's Workspace has done. Nothing in the editor's code is changed."""

    def __init__(self, app: App, frames: Frames) -> None:
        self.app, self.frames = app, frames
        self.screen = screen = editor_screen(app)
        self.fired: dict[str, float] = {}  # English text -> when the pause ended for it
        self.posted: list[str] = []
        self.analysed: dict[str, float] = {}  # English text -> when its Analysed message was posted
        analyse_now, post = screen._analyse_now, screen.post_message

        def timed_analyse_now() -> None:
            self.fired.setdefault(screen.english.text, time.perf_counter())
            analyse_now()

        def noted_post(message) -> bool:
            self.posted.append(type(message).__name__)
            if type(message).__name__ == "Analysed":  # tui.screens.editor_messages.Analysed
                self.analysed.setdefault(message.analysis.text, time.perf_counter())
            return post(message)

        # Both are looked up on the instance when used: typed() hands `self._analyse_now` to
        # set_timer at each key, and the workers call `self.post_message`.
        screen._analyse_now = timed_analyse_now
        screen.post_message = noted_post

    def work(self) -> dict[str, tuple[int, int]]:
        """(segment checks, glossary matchings) run so far by each thread's Workspace."""
        found = {}
        for name in THREADS:
            workspace = getattr(self.screen, f"_{name}")._workspace  # opened at the thread's first call
            work = workspace.findings.work if workspace is not None else None
            found[name] = (work.segment_checks, work.glossary_matches) if work is not None else (0, 0)
        return found

    @staticmethod
    def since(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        return {name: (after[name][0] - before[name][0], after[name][1] - before[name][1]) for name in THREADS}

    def shows_analysis(self, length: int) -> Callable[[], bool]:
        screen = self.screen

        def shown() -> bool:
            text, analysis = screen.english.text, screen._analysis
            return len(text) == length and analysis is not None and analysis.text == text

        return shown

    async def type_and_pause(self) -> tuple[float, float, float]:
        """One character typed, then nothing: (pause end -> findings painted, key -> findings
        painted, pause end -> the checks thread's answer posted)."""
        screen = self.screen
        self.frames.expect(self.shows_analysis(len(screen.english.text) + 1))
        start = time.perf_counter()
        send_key(self.app, TYPED, TYPED)
        painted = await self.frames.wait()
        text = screen.english.text
        return painted - self.fired[text], painted - start, self.analysed[text] - self.fired[text]

    async def save_and_settle(self) -> None:
        """ctrl+s, then wait out everything it sets off: the write, the live refresh noticing the
        commit (polled every POLL_SECONDS), the reread, the debounced recount and any re-analysis."""
        app, screen = self.app, self.screen
        written = self.posted.count("Written")
        poll = getattr(app, "_poll", None)
        seen = poll.seen if poll is not None else 0
        send_key(app, "ctrl+s")
        deadline = time.perf_counter() + 30
        while self.posted.count("Written") == written or screen.writing or screen.unsaved:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"the save did not land: written {self.posted.count('Written') - written}, "
                                   f"writing {screen.writing}, unsaved {sorted(screen.unsaved)}, "
                                   f"focused {app.focused}, screen {app.screen}")
            await asyncio.sleep(0.005)
        poll_wait = time.perf_counter() + 4 * getattr(app, "POLL_SECONDS", 0.75)
        while poll is not None and poll.seen == seen and time.perf_counter() < poll_wait:
            await asyncio.sleep(0.01)
        for _ in range(2):  # the reread may restart the recount's timer once
            await settle(app)
            await asyncio.sleep(screen.COUNT_DELAY + 0.1)
        await settle(app)


async def in_the_editor(path: Path, document_id: int, count: int, pauses: int, saves: int) -> dict:
    """Findings after a pause, and the work per save, in one launch of the editor."""
    app = editor_app(path, document_id)
    frames = Frames(app)
    frames.expect(editor_ready(app, count))
    after_pause, key_to_findings, answered, pause_work, after_save, cycle = [], [], [], [], [], []
    async with app.run_test(size=SCREEN):
        await frames.wait()
        await settle(app)
        probe = Probe(app, frames)
        screen = probe.screen
        # Harness only: no idle save in the middle of the pauses (saves are measured on their own).
        screen.IDLE_SAVE_SECONDS = screen.MAX_UNSAVED_SECONDS = 3600.0
        screen.go_to(typing_index(count))
        await focus_english(app)
        await settle(app)
        await probe.type_and_pause()  # one unmeasured: the segment's first analysis of typed text
        await settle(app)
        for _ in range(pauses):
            before = probe.work()
            pause_end, whole, answer = await probe.type_and_pause()
            await settle(app)
            after_pause.append(pause_end)
            key_to_findings.append(whole)
            answered.append(answer)
            pause_work.append(Probe.since(before, probe.work()))
        await probe.save_and_settle()  # one unmeasured: the writes thread opens its Workspace
        for _ in range(saves):
            # Typed, findings shown, then saved: the save's own work.
            await probe.type_and_pause()
            await settle(app)
            before = probe.work()
            await probe.save_and_settle()
            after_save.append(Probe.since(before, probe.work()))
        for _ in range(saves):
            # Typed and saved at once (before the pause): the whole cycle's work.
            before = probe.work()
            length = len(screen.english.text)
            send_key(app, TYPED, TYPED)
            # The key reaches the box through its own queue, while ctrl+s is a priority binding the
            # app runs at once: sent back to back, the save can run before the character is typed.
            while len(screen.english.text) == length:
                await asyncio.sleep(0.001)
            await probe.save_and_settle()
            await asyncio.sleep(screen.ANALYSE_DELAY)
            await settle(app)
            cycle.append(Probe.since(before, probe.work()))
    return {"after_pause": after_pause, "key_to_findings": key_to_findings, "answered": answered,
            "pause_work": pause_work,
            "after_save": after_save, "cycle": cycle}


def analyse_alone(path: Path, document_id: int, count: int, calls: int) -> tuple[list[float], list[tuple[int, int]]]:
    """tui.editor.reads.analyse as the checks thread runs it after a pause, with no app: a warm
    long-lived Workspace, every segment's English held, a new typed text each call."""
    with Workspace.open(path, create=False) as workspace:
        segments = workspace.documents.segments(document_id)
        segment = segments[typing_index(count) - 1]
        held = {s.index: s.target for s in segments}
        reads.analyse(workspace, document_id, segment, segment.target, held)  # the first look reads it all
        times, work = [], []
        for n in range(calls):
            typed = "q" * (n + 1) + segment.target  # typed at the start, as in the app; a text no one saved
            texts = {**held, segment.index: typed}  # a fresh mapping each pause, as the screen builds
            counter = workspace.findings.work
            checks, matches = counter.segment_checks, counter.glossary_matches
            start = time.perf_counter()
            reads.analyse(workspace, document_id, segment, typed, texts)
            times.append(time.perf_counter() - start)
            work.append((counter.segment_checks - checks, counter.glossary_matches - matches))
    return times, work


def per_thread(samples: list[dict[str, tuple[int, int]]]) -> dict[str, tuple[list[int], list[int]]]:
    return {name: ([s[name][0] for s in samples], [s[name][1] for s in samples]) for name in THREADS}


def total_work(samples: list[dict[str, tuple[int, int]]]) -> tuple[list[int], list[int]]:
    return ([sum(s[n][0] for n in THREADS) for s in samples], [sum(s[n][1] for n in THREADS) for s in samples])


def listed(values: list[int]) -> str:
    return " ".join(map(str, values))

def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def row(metric: str, small: float, large: float, goal: str, unit: str = "ms") -> str:
    ratio = large / small if small else float("nan")
    return f"{metric:<40}{small:>10.1f}{large:>12.1f}  {unit:<4}{ratio:>7.2f}   {goal}"


async def main(repeat: int, presses: int, pauses: int, saves: int) -> int:
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
            editing = await in_the_editor(path, document_id, count, pauses, saves)
            alone, alone_work = analyse_alone(path, document_id, count, pauses)
            figures[count] = {
                **editing,
                "alone": median_ms(alone),
                "alone_work": alone_work,
                "first": first * 1000,
                "bare": median_ms(bare),
                "editor": median_ms(editor),
                "move": median_ms(moves),
                "type": median_ms(typed),
                "memory": await held_memory(path, document_id, count) / 2**20,
            }
    small, large = (figures[n] for n in SIZES)
    from tui.screens.editor import EditorScreen

    pause_ms = EditorScreen.ANALYSE_DELAY * 1000
    print(f"Editor latency, {SCREEN[0]}x{SCREEN[1]} headless, TEXTUAL_FPS={os.environ['TEXTUAL_FPS']}, "
          f"launch median of {repeat}, keys median of {presses}, pauses median of {pauses}, {saves} saves")
    print(f"{'metric':<40}{'20 seg':>10}{'5,000 seg':>12}  {'':<4}{'ratio':>7}   goal")
    print(row("launch to first paint, bare DataTable", small["bare"], large["bare"], "(baseline)"))
    print(row("launch to first paint, editor", small["editor"], large["editor"], ""))
    print(row("  first launch in the process (cold)", small["first"], large["first"], "(not in the goal)"))
    print(f"{'  editor / bare':<40}{small['editor'] / small['bare']:>10.2f}"
          f"{large['editor'] / large['bare']:>12.2f}  {'x':<4}{'':>7}   <= 2x at 20 (issue 12)")
    print(row("key to screen: next segment (median)", small["move"], large["move"], "ratio <= 1.2x"))
    print(row("key to screen: type a character (median)", small["type"], large["type"], "ratio <= 1.2x"))
    print(row("key to findings: pause end -> shown", median_ms(small["after_pause"]),
              median_ms(large["after_pause"]), "< 50 ms, ratio <= 1.2x"))
    print(row(f"key to findings: key -> shown (incl. {pause_ms:.0f})", median_ms(small["key_to_findings"]),
              median_ms(large["key_to_findings"]), ""))
    print(row("  of which pause end -> answer posted", median_ms(small["answered"]), median_ms(large["answered"]),
              "(checks thread)"))
    print(row("  reads.analyse alone, warm Workspace", small["alone"], large["alone"], "(the work in it)"))
    print(row("Python heap held by the open editor", small["memory"], large["memory"], "", "MiB"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS of this process: {peak:.0f} MiB (no Kiwi model: the editor reads stored decisions; benchmarks/session_memory.py)")
    print("work (segment checks / glossary matchings) by thread, one value per pause or save; goal one each")
    for label, key in (("a pause (key -> findings shown)", "pause_work"),
                       ("a save after the pause (ctrl+s -> settled)", "after_save"),
                       ("type + ctrl+s at once (whole cycle)", "cycle")):
        print(f"  {label}:")
        for count in SIZES:
            samples = figures[count][key]
            threads = per_thread(samples)
            checks, matches = total_work(samples)
            by_thread = "; ".join(f"{name} {listed(threads[name][0])} / {listed(threads[name][1])}"
                                  for name in THREADS if any(threads[name][0]) or any(threads[name][1]))
            print(f"    {count:>5} seg: total checks {listed(checks)}; matches {listed(matches)}"
                  f"  ({by_thread or 'none'})")
    for count in SIZES:
        work = figures[count]["alone_work"]
        print(f"  reads.analyse alone, {count} seg: checks {listed(sorted({w[0] for w in work}))},"
              f" matches {listed(sorted({w[1] for w in work}))} per call (distinct values over {len(work)})")
    print("note: 20 rows nearly fit the list at this size, so a move there hardly scrolls it; at 5,000\n"
          "      each move scrolls the list and redraws every visible row.")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="launches of each app per size")
    parser.add_argument("--keys", type=int, default=30, help="key presses of each kind per size")
    parser.add_argument("--pauses", type=int, default=20, help="typing pauses timed per size")
    parser.add_argument("--saves", type=int, default=5, help="saves of each kind counted per size")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.repeat, args.keys, args.pauses, args.saves)))
