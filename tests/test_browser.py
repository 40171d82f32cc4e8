"""`tandem serve` in a real browser: headless Chromium (Debian's) driven by Playwright logs in (a wrong
password refused with the one message, repeated failures locked out), opens the demo article, reads
the editor off the terminal's screen, types, and keeps a screenshot; then the server stops under it and
what was typed is in the workspace under the user who logged in. Ctrl+\\ logs out.

xterm.js paints on a canvas, so the text is read from the terminal's own screen buffer: the page's
script is served to this browser with one added assignment that hands the Terminal to the test.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import KO, blocks
from serving import HOOK_AT, SCREEN_JS, expose_terminal, make_demo, set_password, start_serve

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google, which a closed network
# refuses; a fresh profile per run keeps runs independent.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
def _chromium() -> Path:
    found = CHROMIUM if CHROMIUM.exists() else (Path(p) if (p := shutil.which("chromium")) else None)
    if found is None:
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); "
                    ".ci/run installs it with apt-get where it runs as root")
    return found


def _expose_terminal(route) -> None:
    response = route.fetch()
    exposed = expose_terminal(response.text())
    if exposed is None:
        pytest.fail(f"textual-serve's textual.js no longer contains {HOOK_AT!r} once; "
                    "update the hook in tests/serving.py")
    route.fulfill(response=response, body=exposed)


def _wait_for(page, what: str, condition: Callable[[str], bool], timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        screen = page.evaluate(SCREEN_JS)
        if condition(screen):
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the browser shows:\n{screen}")
        page.wait_for_timeout(200)


PASSWORD = "kimchi-stew-42"


@pytest.fixture
def browser(tmp_path: Path):
    """A page of headless Chromium that hands the terminal to the test (a fresh profile each time)."""
    chromium = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(chromium), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 900})
        try:
            page = context.new_page()
            page.route("**/static/js/textual.js", _expose_terminal)
            yield page
        finally:
            context.close()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    make_demo(db)
    set_password(db, "david", PASSWORD)  # a demo user with a password needs it
    return db


def _log_in(page, name: str, password: str) -> None:
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("#login")
    page.wait_for_load_state()


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_editor_as_that_user(
        desk: Path, browser, tmp_path: Path, record_property) -> None:
    # Text that only the editor shows (the documents list has titles only), from the sample itself.
    second_paragraph = " ".join(blocks(KO)[1].split()[:4])
    served = start_serve(desk)
    shot = tmp_path / "editor.png"
    try:
        page = browser
        page.goto(served.url)
        assert page.title() == "Log in · Tandem"
        _log_in(page, "david", "not-his-password")
        assert page.text_content("#problem") == "Wrong user name or password."
        _log_in(page, "mallory", PASSWORD)  # an unknown user: the same words, nothing else
        assert page.text_content("#problem") == "Wrong user name or password."
        _log_in(page, "david", PASSWORD)
        # david translates the demo article, so his work opens in its editor (workflow.home).
        _wait_for(page, "the editor with the demo article",
                  lambda s: second_paragraph in s and "david (translator)" in s)
        page.locator(".xterm-screen").click()
        page.keyboard.type("BROWSER")
        _wait_for(page, "the typing", lambda s: "BROWSER" in s)
        page.screenshot(path=str(shot))
        # Stopped with the tab open and the typing perhaps unsaved: the session is told to quit,
        # saves on its way out, and the page says the session ended.
        code = served.stop()
        page.wait_for_selector("body.-closed", timeout=10_000)
    finally:
        served.stop()
    record_property("screenshot", str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert code == 0, served.output
    saved = _latest_revision(desk)
    assert "BROWSER" in saved.text
    assert (saved.author, saved.role) == ("david", "translator")
    assert PASSWORD not in served.output
    actions = [(e["action"], e["user"], e["detail"].get("reason")) for e in _audit(desk) if "log" in e["action"]]
    assert actions == [("login.failed", "david", "wrong password"), ("login.failed", None, "unknown user"),
                       ("login.ok", "david", None), ("logout", "david", "stopped")]


def test_repeated_failures_lock_the_login_and_the_page_says_so(desk: Path, browser) -> None:
    # One failure free, then a second's wait, then locked at the third (the defaults: 3, 10, 15).
    served = start_serve(desk, env={"TANDEM_LOGIN_LIMITS": "1,3,15"})
    try:
        page = browser
        page.goto(served.url)
        _log_in(page, "david", "guess-one")
        assert page.text_content("#problem") == "Wrong user name or password."
        _log_in(page, "david", "guess-two")
        assert page.text_content("#problem") == (
            "Wrong user name or password. Too many failed attempts. Try again in 1 second.")
        page.wait_for_timeout(1100)
        _log_in(page, "david", "guess-three")
        assert page.text_content("#problem") == ("Wrong user name or password. Too many failed attempts: "
                                                 "logging in is locked. Try again in 15 minutes.")
        _log_in(page, "david", PASSWORD)  # even the right password, while locked
        assert page.text_content("#problem") == "Too many failed attempts: logging in is locked. Try again in 15 minutes."
    finally:
        assert served.stop() == 0
    locked = [e for e in _audit(desk) if e["action"] == "login.locked"]
    assert len(locked) == 2 and {e["detail"]["by"] for e in locked} == {"user", "address"}
    assert not any(e["action"] == "login.ok" for e in _audit(desk))


def test_ctrl_backslash_saves_and_logs_out_and_the_page_shows_the_login_again(desk: Path, browser) -> None:
    served = start_serve(desk)
    try:
        page = browser
        page.goto(served.url)
        _log_in(page, "david", PASSWORD)
        _wait_for(page, "the editor", lambda s: "david (translator)" in s)
        page.locator(".xterm-screen").click()
        page.keyboard.type("LOGOUT")
        _wait_for(page, "the typing", lambda s: "LOGOUT" in s)
        page.keyboard.press("Control+Backslash")
        page.wait_for_selector("#note", timeout=20_000)
        assert page.text_content("#note") == "You have logged out."
        page.goto(served.url)  # the cookie no longer opens anything
        assert page.title() == "Log in · Tandem"
    finally:
        assert served.stop() == 0
    assert "LOGOUT" in _latest_revision(desk).text
    assert [e["detail"]["reason"] for e in _audit(desk) if e["action"] == "logout"] == ["logout"]


def _latest_revision(db: Path):
    from workflow.workspace import Workspace

    with Workspace.open(db, create=False) as ws:
        return ws.documents.history(1, 1)[-1]


def _audit(db: Path) -> list[dict]:
    from workflow.workspace import Workspace

    with Workspace.open(db, create=False) as ws:
        return ws.audit.log()
