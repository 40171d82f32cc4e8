"""`tandem serve` capacity (issue 15 §3): N browser sessions, each logged in, in its own editor, typing.

For N = 1, 5, 10, 20 (loopback only, bounded in count and time): a fresh `tandem serve --port 0` on a
workspace of N translators (demo users, so they log in without a password), each with their own copy
of the demo article, so every session lands in its own editor (workflow.home). One headless Chromium
(Debian's, through Playwright) opens N pages, each in its own browser context (its own cookie), logs
in, and waits for the editor. Then every session types like a person, one key each TYPE_INTERVAL, for
KEYS keys, all at once.

- memory: the resident (RSS) and proportional (PSS: shared pages split between the processes that
  share them) memory of the server and of its session processes, read from /proc, once every editor
  is open and again after the typing;
- key to screen: from the page's keydown of a typed "z" to the moment xterm.js has parsed the first
  frame the server sends back holding it (its write callback; the canvas paints on the next animation
  frame, at most 16 ms later). Each session waits for its key to show (or KEY_TIMEOUT) before its next,
  as a typist does; median, 95th percentile and worst over every key of every session;
- the time from the login form to the editor on screen, per session (N sessions logging in at once);
- server CPU: the cores the server and its sessions kept busy while everyone typed (CPU seconds of
  the process tree over the typing's wall time); the rest of the 2 cores went to the browser.

The browser runs on the same 2 cores as the server, so the latencies include the clients' work too;
on a server of its own the figures are better. Run: python benchmarks/serve_capacity.py [--sessions 1,5,10,20]
[--keys 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the browser's side of a served session, shared with the test

from serving import SCREEN_JS, expose_terminal  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                 "--disable-backgrounding-occluded-windows"]
TYPE_INTERVAL = 0.2  # seconds between keys: 300 characters a minute, a fast typist
KEY_TIMEOUT = 10.0
OPEN_TIMEOUT = 180.0  # every editor open, for the largest N
RUN_LIMIT = 900.0  # the whole benchmark stops itself past this
KEY = "z"  # not in the demo article's English or the editor's chrome, so a frame holding it is the echo

# In each page: keydown time of the typed key; the first terminal write holding it resolves the wait.
PAGE_HOOKS = """() => {
  const term = window.tandemTerminal, decoder = new TextDecoder();
  const write = term.write.bind(term);
  window.bench = {t0: null, done: null, latencies: []};
  document.addEventListener("keydown", (e) => { if (e.key === "KEYCHAR") window.bench.t0 = performance.now(); }, true);
  term.write = (data, callback) => {
    const b = window.bench;
    if (b.t0 !== null) {
      const text = typeof data === "string" ? data : decoder.decode(data);
      if (text.includes("KEYCHAR")) {
        const t0 = b.t0; b.t0 = null;
        return write(data, () => { const ms = performance.now() - t0; b.latencies.push(ms);
                                   if (b.done) { b.done(ms); b.done = null; } if (callback) callback(); });
      }
    }
    return write(data, callback);
  };
  return true;
}""".replace("KEYCHAR", KEY)
ARM = "() => { window.bench.promise = new Promise((resolve) => { window.bench.done = resolve; }); return true; }"
def make_workspace(db: Path, sessions: int) -> list[str]:
    from workflow.demo import DRAFT, KOREAN
    from workflow.workspace import Workspace

    names = [f"bench{n:02d}" for n in range(1, sessions + 1)]
    with Workspace.open(db) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        for name in names:
            ws.users.add(name, ["translator"], by="admin")
            ws.files.import_document(KOREAN, DRAFT, title=f"Article of {name}", by=name)
        ws.identity.mark_demo(names)  # free to log in without a password, as the demo's users
    return names


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(PYTHONUTF8="1", TANDEM_LANG="en")
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"Serving .* at (http://\S+)", line)
        if found:
            return process, found.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise SystemExit("tandem serve did not start")


def tree_cpu(root: int) -> float:
    """CPU seconds (user and system) used so far by `root` and every live process under it."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _tree(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return tree


def tree_memory(root: int) -> tuple[int, dict[str, tuple[float, float]]]:
    """RSS and PSS in MB of `root` and every process under it, by kind: server, sessions."""
    tree = _tree(root)
    kinds: dict[str, list[float]] = {"server": [0.0, 0.0], "sessions": [0.0, 0.0]}
    count = 0
    for pid in tree:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            rss = _kb(Path(f"/proc/{pid}/status").read_text(), "VmRSS")
            pss = _kb(Path(f"/proc/{pid}/smaps_rollup").read_text(), "Pss")
        except OSError:
            continue
        kind = "server" if pid == root else "sessions"
        if kind == "sessions" and "cli.serve" in command and not command.startswith("/bin/sh"):
            count += 1
        kinds[kind][0] += rss / 1024
        kinds[kind][1] += pss / 1024
    return count, {k: (v[0], v[1]) for k, v in kinds.items()}


def _kb(text: str, field: str) -> float:
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return float(found.group(1)) if found else 0.0


async def open_editor(context, url: str, name: str) -> tuple[object, float]:
    page = await context.new_page()

    async def expose(route) -> None:
        response = await route.fetch()
        script = await response.text()
        await route.fulfill(response=response, body=expose_terminal(script) or script)

    await page.route("**/static/js/textual.js", expose)
    await page.goto(url)
    started = time.monotonic()
    await page.fill("#name", name)
    await page.click("#login")
    deadline = time.monotonic() + OPEN_TIMEOUT
    while True:
        screen = await page.evaluate(SCREEN_JS)
        if f"{name} (translator)" in screen and "Korean · 1/16" in screen:
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"{name}: the editor did not open in {OPEN_TIMEOUT:.0f}s:\n{screen}")
        await asyncio.sleep(0.1)
    opened = time.monotonic() - started
    await page.evaluate(PAGE_HOOKS)
    await page.locator(".xterm-screen").click()
    await page.keyboard.press("End")
    return page, opened


async def type_keys(page, keys: int) -> tuple[list[float], int]:
    latencies, lost = [], 0
    for _ in range(keys):
        began = time.monotonic()
        await page.evaluate(ARM)
        await page.keyboard.press(KEY)
        try:
            latencies.append(await asyncio.wait_for(page.evaluate("() => window.bench.promise"), KEY_TIMEOUT))
        except TimeoutError:
            lost += 1
        await asyncio.sleep(max(0.0, TYPE_INTERVAL - (time.monotonic() - began)))
    return latencies, lost


async def measure(sessions: int, keys: int, chromium: str) -> dict:
    from playwright.async_api import async_playwright

    folder = Path(tempfile.mkdtemp(prefix="serve-capacity-"))
    db = folder / "desk.db"
    names = make_workspace(db, sessions)
    server, url = start_server(db)
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            contexts = [await browser.new_context(viewport={"width": 1280, "height": 800}) for _ in names]
            opened = await asyncio.gather(*(open_editor(c, url, n) for c, n in zip(contexts, names)))
            await asyncio.sleep(3)  # the editors' first analyses and saves settle
            count, idle = tree_memory(server.pid)
            cpu, wall = tree_cpu(server.pid), time.monotonic()
            results = await asyncio.gather(*(type_keys(page, keys) for page, _t in opened))
            cores = (tree_cpu(server.pid) - cpu) / (time.monotonic() - wall)
            await asyncio.sleep(3)  # the last saves (2 s idle)
            _count, typed = tree_memory(server.pid)
            await browser.close()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)
    latencies = sorted(ms for lat, _lost in results for ms in lat)
    return {"sessions": sessions, "processes": count, "idle": idle, "typed": typed, "cores": cores,
            "open": [t for _p, t in opened], "latencies": latencies, "lost": sum(lost for _l, lost in results)}


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", default="1,5,10,20", help="comma-separated session counts (at most 20)")
    parser.add_argument("--keys", type=int, default=40, help="keys each session types (at most 200)")
    args = parser.parse_args()
    counts = [int(n) for n in args.sessions.split(",")]
    if not all(1 <= n <= 20 for n in counts) or not 1 <= args.keys <= 200:
        parser.error("sessions from 1 to 20, keys from 1 to 200")
    chromium = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if chromium is None:
        print("no chromium (apt-get install chromium); nothing measured")
        return 1
    print(f"{os.cpu_count()} cores; each session types {args.keys} keys, one every {TYPE_INTERVAL * 1000:.0f} ms")
    print(f"{'N':>3} {'procs':>5} {'server MB':>10} {'sessions MB (RSS/PSS)':>22} {'per session':>12} "
          f"{'after typing':>13} {'open s (med/max)':>17} {'key ms med':>10} {'p95':>6} {'max':>6} {'lost':>4} "
          f"{'server CPU':>10}")
    began = time.monotonic()
    for sessions in counts:
        if time.monotonic() - began > RUN_LIMIT:
            print(f"stopped: past {RUN_LIMIT:.0f} s")
            break
        r = asyncio.run(measure(sessions, args.keys, chromium))
        server_rss, _server_pss = r["idle"]["server"]
        rss, pss = r["idle"]["sessions"]
        after_rss, after_pss = r["typed"]["sessions"]
        lat = r["latencies"]
        print(f"{sessions:>3} {r['processes']:>5} {server_rss:>10.0f} {rss:>11.0f} / {pss:>8.0f} "
              f"{pss / sessions:>9.0f} PSS {after_pss + r['typed']['server'][1]:>9.0f} PSS "
              f"{statistics.median(r['open']):>8.1f} / {max(r['open']):>5.1f} "
              f"{statistics.median(lat) if lat else float('nan'):>10.0f} {percentile(lat, 0.95):>6.0f} "
              f"{(lat[-1] if lat else float('nan')):>6.0f} {r['lost']:>4} {r['cores']:>5.2f} cores", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
