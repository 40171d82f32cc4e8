"""`tandem serve` in a real browser: headless Chromium (Debian's) driven by Playwright names a user,
opens the demo article, reads the editor off the terminal's screen, types, and keeps a screenshot;
then the server stops under it and what was typed is in the workspace under the name given.

xterm.js paints on a canvas, so the text is read from the terminal's own screen buffer: the page's
script is served to this browser with one added assignment that hands the Terminal to the test.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import KO, blocks
from serving import make_demo, start_serve

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google, which a closed network
# refuses; a fresh profile per run keeps runs independent.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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


def _chromium() -> Path:
    found = CHROMIUM if CHROMIUM.exists() else (Path(p) if (p := shutil.which("chromium")) else None)
    if found is None:
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); "
                    ".ci/run installs it with apt-get where it runs as root")
    return found


def _expose_terminal(route) -> None:
    response = route.fetch()
    script = response.text()
    if script.count(HOOK_AT) != 1:
        pytest.fail(f"textual-serve's textual.js no longer contains {HOOK_AT!r} once; "
                    "update the hook in tests/test_browser.py")
    route.fulfill(response=response, body=script.replace(
        HOOK_AT, HOOK_AT + ",window.tandemTerminal=this.terminal"))


def _type_name(page, name: str) -> None:
    """Type into the name box and see it there before going on: on a loaded machine a keystroke can
    reach the page before the box has caught up with the previous ones (seen: "mrbert")."""
    in_box = re.compile(rf"▊\s+{re.escape(name)}\s+▎")
    for _attempt in range(3):
        page.keyboard.press("End")
        for _ in range(20):
            page.keyboard.press("Backspace")
        page.keyboard.type(name, delay=40)
        try:
            _wait_for(page, f"{name!r} in the name box", lambda s: bool(in_box.search(s)), timeout=5.0)
            return
        except AssertionError:
            continue
    _wait_for(page, f"{name!r} in the name box", lambda s: bool(in_box.search(s)), timeout=0)


def _wait_for(page, what: str, condition: Callable[[str], bool], timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        screen = page.evaluate(SCREEN_JS)
        if condition(screen):
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the browser shows:\n{screen}")
        page.wait_for_timeout(200)


def test_a_browser_session_names_its_user_edits_and_its_text_is_saved_as_them(tmp_path: Path, record_property) -> None:
    chromium = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
    db = tmp_path / "desk.db"
    make_demo(db)
    # Text that only the editor shows (the documents list has titles only), from the sample itself.
    second_paragraph = " ".join(blocks(KO)[1].split()[:4])
    served = start_serve(db)
    shot = tmp_path / "editor.png"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"), executable_path=str(chromium), args=CHROMIUM_ARGS,
                headless=True, viewport={"width": 1400, "height": 900})
            try:
                page = browser.new_page()
                page.route("**/static/js/textual.js", _expose_terminal)
                page.goto(served.url)
                _wait_for(page, "the who-are-you screen", lambda s: "Who are you?" in s and "robert" in s)
                page.locator(".xterm-screen").click()
                _type_name(page, "mallory")
                page.keyboard.press("Enter")
                _wait_for(page, "the refusal", lambda s: "No user named 'mallory'" in s)
                _type_name(page, "robert")
                page.keyboard.press("Enter")
                _wait_for(page, "the documents list", lambda s: "desk.db · robert" in s and "Progress" in s)
                page.keyboard.press("Enter")
                screen = _wait_for(page, "the editor with the demo article",
                                   lambda s: second_paragraph in s and "robert (editor)" in s)
                assert "Korean · 1/16" in screen
                page.keyboard.type("BROWSER")
                _wait_for(page, "the typing", lambda s: "BROWSER" in s)
                page.screenshot(path=str(shot))
                # Stopped with the tab open and the typing perhaps unsaved: the session is told to
                # quit, saves on its way out, and the page says the session ended.
                code = served.stop()
                page.wait_for_selector("body.-closed", timeout=10_000)
            finally:
                browser.close()
    finally:
        served.stop()
    record_property("screenshot", str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert code == 0, served.output
    saved = _latest_revision(db)
    assert "BROWSER" in saved.text
    assert (saved.author, saved.role) == ("robert", "editor")


def _latest_revision(db: Path):
    from workflow.workspace import Workspace

    with Workspace.open(db, create=False) as ws:
        return ws.documents.history(1, 1)[-1]
