"""`tandem serve` as a test starts it: a real subprocess on a free port, stopped the way Ctrl-C is."""

from __future__ import annotations

import http.cookiejar
import os
import queue
import re
import signal
import ssl
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 30


def tandem_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env["PYTHONUTF8"] = "1"
    env["TANDEM_LANG"] = "en"  # the tests read English words off the page, whatever this machine's locale
    return env


def make_demo(db: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "demo", "--no-ui"],
                          capture_output=True, text=True, env=tandem_env(), cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def set_password(db: Path, name: str, password: str) -> None:
    """What `tandem users passwd NAME` does, as the workspace's admin."""
    from workflow.workspace import Workspace

    with Workspace.open(db, create=False) as ws:
        ws.logins.set_password(name, password, by="admin")


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    lines: list[str] = field(default_factory=list)  # what it printed, stdout and stderr together
    tls: ssl.SSLContext | None = None  # trusts the test's own certificate, for https
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies),
                                           urllib.request.HTTPSHandler(context=self.tls))

    def fetch(self, path: str = "/") -> str:
        with self._opener().open(self.url + path, timeout=10) as response:
            assert response.status == 200
            return response.read().decode("utf-8")

    def log_in(self, name: str, password: str = "") -> str:
        """Post the login form as a browser would; returns the page it leads to (the app's, when right)."""
        data = urllib.parse.urlencode({"name": name, "password": password}).encode()
        request = urllib.request.Request(self.url + "/login", data=data, headers={"Origin": self.url})
        try:
            with self._opener().open(request, timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as refused:
            return refused.read().decode("utf-8")

    def cookie(self) -> str | None:
        return next((c.value for c in self.cookies if c.name == "tandem_session"), None)

    def stop(self, how: int = signal.SIGTERM) -> int:
        """Signal it as a terminal or a service manager would, and wait for it to finish."""
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()

    @property
    def output(self) -> str:
        return "".join(self.lines)


def start_serve(db: Path, *extra: str, env: dict[str, str] | None = None,
                tls: ssl.SSLContext | None = None) -> Served:
    """Start `tandem serve --port 0`, and return once it has said where it listens and answers there."""
    argv = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "serve", "--port", "0", *extra]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=tandem_env() | (env or {}), cwd=ROOT)
    printed: queue.Queue[str | None] = queue.Queue()
    served = Served(process, "", tls=tls)

    def pump() -> None:
        for line in process.stdout:
            served.lines.append(line)
            printed.put(line)
        printed.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while True:
        try:
            line = printed.get(timeout=STARTUP_SECONDS)
        except queue.Empty:
            served.stop(signal.SIGKILL)
            raise AssertionError(f"tandem serve said nothing in {STARTUP_SECONDS}s") from None
        if line is None:
            raise AssertionError(f"tandem serve exited {process.wait()}: {served.output}")
        found = re.search(r"Serving .* at (https?://\S+)", line)
        if found:
            served.url = found.group(1)
            break
    served.fetch("/")  # it prints the address once listening; this proves it answers there
    return served


# The browser's side of a served session, for tests/test_browser.py and benchmarks/serve_capacity.py:
# textual-serve's page keeps its xterm.js terminal private, so its script is patched at this call to
# hand the terminal to the page, and SCREEN_JS reads the screen back as text.
HOOK_AT = "this.terminal.open(e)"
SCREEN_JS = """() => {
  const term = window.tandemTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def expose_terminal(script: str) -> str | None:
    """textual-serve's textual.js with its terminal handed to the page; None where the hook is not
    there exactly once (a textual-serve that changed)."""
    if script.count(HOOK_AT) != 1:
        return None
    return script.replace(HOOK_AT, HOOK_AT + ",window.tandemTerminal=this.terminal")

