"""`tandem serve` as a real process (issue 15 §1): the textual-serve page after a login, clean stops,
TLS, the warnings, clear refusals, session tickets, and a session's app running as the user who
logged in. The login gate in-process is tests/test_serve_gate.py.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from serving import make_demo, set_password, start_serve, tandem_env
from tui_helpers import run, until

PASSWORD = "kimchi-stew-42"



# The real server.

@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    make_demo(db)
    return db


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_serve_answers_with_the_textual_serve_page_after_a_login_and_stops_cleanly(demo_db: Path, how: int) -> None:
    served = start_serve(demo_db)
    try:
        port = int(served.url.rsplit(":", 1)[1])
        assert served.url == f"http://127.0.0.1:{port}"  # loopback unless asked otherwise
        assert "textual.js" not in served.fetch("/")  # the login first
        page = served.log_in("robert")  # a demo user: no password
        # textual-serve's page: its xterm.js bundle, the session websocket it opens, our title.
        assert f'src="{served.url}/static/js/textual.js"' in page
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
        assert "Tandem · desk.db" in page
        script = served.fetch("/static/js/textual.js")
        assert "xterm" in script and "WebSocket" in script
    finally:
        code = served.stop(how)
    assert code == 0, served.output
    assert "Traceback" not in served.output
    assert served.output.rstrip().endswith("tandem: stopped")


def test_a_sessions_app_runs_as_the_user_who_logged_in_and_a_bare_websocket_gets_nothing(demo_db: Path) -> None:
    import aiohttp

    set_password(demo_db, "david", PASSWORD)
    served = start_serve(demo_db)
    try:
        served.log_in("david", PASSWORD)
        cookie = served.cookie()
        url = served.url.replace("http", "ws") + "/ws?width=120&height=40"

        async def read(cookies: dict[str, str]) -> bytes:
            async with aiohttp.ClientSession(cookies=cookies) as client:
                async with client.ws_connect(url, headers={"Origin": served.url}) as ws:
                    seen = b""
                    async with asyncio.timeout(30):
                        while b"david (translator)" not in seen:  # the editor's status line
                            message = await ws.receive()
                            if message.type == aiohttp.WSMsgType.BINARY:
                                seen += message.data
                            elif message.type != aiohttp.WSMsgType.TEXT:
                                break
                    return seen

        async def bare() -> int:
            async with aiohttp.ClientSession() as client:
                try:
                    async with client.ws_connect(url) as ws:
                        return len(await ws.receive_bytes(timeout=5))
                except aiohttp.WSServerHandshakeError as refused:
                    return -refused.status

        assert b"david (translator)" in asyncio.run(read({"tandem_session": cookie}))
        assert asyncio.run(bare()) == -403
    finally:
        assert served.stop() == 0, served.output


def test_an_idle_session_is_logged_out_its_typing_saved_and_the_page_told_why(demo_db: Path) -> None:
    import aiohttp

    set_password(demo_db, "david", PASSWORD)
    served = start_serve(demo_db, "--idle-minutes", "0.05")  # 3 s without a key
    try:
        served.log_in("david", PASSWORD)
        url = served.url.replace("http", "ws") + "/ws?width=140&height=40"

        async def type_and_wait() -> tuple[list[str], float]:
            texts: list[str] = []
            async with aiohttp.ClientSession(cookies={"tandem_session": served.cookie()}) as client:
                async with client.ws_connect(url, headers={"Origin": served.url}) as ws:
                    seen = b""
                    async with asyncio.timeout(30):
                        while b"david (translator)" not in seen:
                            try:
                                message = await ws.receive(timeout=0.5)
                            except TimeoutError:
                                await ws.send_str(json.dumps(["stdin", "\x1b[C"]))  # a key: not idle yet
                                continue
                            seen += message.data if message.type == aiohttp.WSMsgType.BINARY else b""
                        await asyncio.sleep(0.5)  # the English box takes keys once it shows its segment
                        for key in "IDLE":
                            await ws.send_str(json.dumps(["stdin", key]))
                        last_key = time.monotonic()
                        async for message in ws:  # until the server closes it
                            if message.type == aiohttp.WSMsgType.TEXT:
                                texts.append(message.data)
            return texts, time.monotonic() - last_key

        texts, quiet = asyncio.run(type_and_wait())
        assert json.loads(texts[-1]) == ["open_url", {"url": "/login?ended=idle", "new_tab": False}]
        assert 3 <= quiet < 10
        assert "You were logged out after 1 minute" in served.fetch("/login?ended=idle")
    finally:
        assert served.stop() == 0, served.output
    from workflow.workspace import Workspace

    with Workspace.open(demo_db, create=False) as ws:
        saved = ws.documents.history(1, 1)[-1]
        log = ws.audit.log()
    assert "IDLE" in saved.text and saved.author == "david"
    assert [e["detail"].get("reason") for e in log if e["action"] == "logout"] == ["idle"]


def test_https_with_a_certificate_and_its_key(demo_db: Path, tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    trust = ssl.create_default_context(cafile=str(cert))
    served = start_serve(demo_db, "--certfile", str(cert), "--keyfile", str(key), tls=trust)
    try:
        port = int(served.url.rsplit(":", 1)[1])
        assert served.url == f"https://127.0.0.1:{port}"
        page = served.log_in("robert")
        assert f'data-session-websocket-url="wss://127.0.0.1:{port}/ws"' in page
        assert next(c for c in served.cookies if c.name == "tandem_session").secure
    finally:
        assert served.stop() == 0, served.output
    assert not any("warning" in line for line in served.lines)


def test_a_certificate_that_cannot_be_used_is_one_line(demo_db: Path, tmp_path: Path, tandem) -> None:
    broken = tmp_path / "broken.pem"
    broken.write_text("not a certificate\n")
    done = tandem("serve", "--port", "0", "--certfile", str(broken), db=demo_db)
    assert done.code == 2 and done.err.count("\n") == 1 and "--certfile" in done.err
    done = tandem("serve", "--port", "0", "--keyfile", str(broken), db=demo_db)
    assert done.code == 2 and "--keyfile: needs --certfile too" in done.err


def _self_signed(folder: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command to make a test certificate with")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def test_a_busy_port_is_one_line_naming_it(demo_db: Path, tandem) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = tandem("serve", "--port", str(port), db=demo_db)
    assert done.code == 2
    assert done.err.count("\n") == 1 and str(port) in done.err and "in use" in done.err


def test_a_missing_workspace_is_refused_before_serving(tmp_path: Path, tandem) -> None:
    missing = tmp_path / "nowhere.db"
    done = tandem("serve", "--port", "0", db=missing)
    assert done.code == 2
    assert done.err.count("\n") == 1 and str(missing) in done.err
    assert not missing.exists() and done.out == ""


def test_a_non_loopback_host_without_tls_warns(demo_db: Path) -> None:
    served = start_serve(demo_db, "--host", "0.0.0.0")
    try:
        assert "Log in" in served.fetch("/")  # 0.0.0.0 answers on loopback too
    finally:
        assert served.stop() == 0
    warning = [line for line in served.lines if line.startswith("tandem: warning:")]
    assert len(warning) == 1
    assert "without TLS" in warning[0] and "--certfile" in warning[0]


def test_loopback_serving_prints_no_warning(demo_db: Path) -> None:
    served = start_serve(demo_db, "--host", "localhost")
    assert served.stop() == 0
    assert not any("warning" in line or "note" in line for line in served.lines)


def test_a_workspace_where_nobody_can_log_in_says_how_to_let_someone(workspace, tandem, db_path: Path) -> None:
    served = start_serve(db_path)
    assert served.stop() == 0
    assert any("no user can log in yet" in line and "tandem users passwd" in line for line in served.lines)


def test_bad_login_limits_are_one_line(demo_db: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(demo_db), "serve", "--port", "0"],
                          capture_output=True, text=True, env=tandem_env() | {"TANDEM_LOGIN_LIMITS": "10,3"},
                          cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "TANDEM_LOGIN_LIMITS" in done.stderr


def test_a_session_process_started_without_a_user_refuses(demo_db: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cli.serve", str(demo_db)], capture_output=True, text=True,
                          env=tandem_env(), cwd=ROOT, timeout=60)
    assert done.returncode == 2 and "started by `tandem serve`" in done.stderr


def test_naming_a_user_to_a_session_process_is_no_way_to_become_them(demo_db: Path) -> None:
    """The process takes its user from a one-time ticket the server wrote into the workspace; the
    environment of old (a user's name) and a made-up ticket are refused in one line."""
    for forged in ({"TANDEM_SERVE_USER": "robert", "TANDEM_SERVE_TICKET": "robert"},
                   {"TANDEM_SERVE_TICKET": "x" * 43}):
        done = subprocess.run([sys.executable, "-m", "cli.serve", str(demo_db)], capture_output=True, text=True,
                              env=tandem_env() | forged, cwd=ROOT, timeout=60)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.strip().splitlines() == [
            "tandem: error: this session's ticket is used, expired or unknown; log in again in the browser"]


def test_a_ticket_names_its_user_once_and_only_until_it_expires(demo_db: Path, monkeypatch) -> None:
    import workflow.logins
    from workflow.errors import PermissionDenied
    from workflow.workspace import Workspace

    with Workspace.open(demo_db, create=False) as ws:
        token = ws.logins.ticket("robert")
        assert ws.logins.take_ticket(token).name == "robert"
        with pytest.raises(PermissionDenied):
            ws.logins.take_ticket(token)  # used up
        monkeypatch.setattr(workflow.logins, "TICKET_SECONDS", -1)
        stale = ws.logins.ticket("david")
        with pytest.raises(PermissionDenied):
            ws.logins.take_ticket(stale)
        tables = ws._store._engine.execute("SELECT count(*) FROM serve_tickets").fetchone()[0]
        assert tables == 0  # taken and expired tickets are gone, and only hashes were ever kept


# The session's app: the user fixed, logging out saves first.

def test_the_served_app_logs_out_after_saving_what_was_typed(demo_db: Path) -> None:
    from tui.screens.editor import EditorScreen
    from tui.served import ServedApp

    opened: list[tuple[str, bool]] = []

    async def scenario() -> None:
        app = ServedApp(demo_db, "david", home=True)
        app.open_url = lambda url, new_tab=True: opened.append((url, new_tab))
        async with app.run_test(size=(140, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.focused is not None
                        and getattr(app.focused, "id", None) == "english")
            assert app.sub_title == "desk.db · david"
            await pilot.press("end", *"WEB")
            await pilot.press("ctrl+backslash")
            await until(pilot, lambda: opened)
        assert app.return_code == 0

    run(scenario)
    assert opened == [("/logout", False)]
    from workflow.workspace import Workspace

    with Workspace.open(demo_db, create=False) as ws:
        saved = ws.documents.history(1, 1)[-1]
    assert "WEB" in saved.text and saved.author == "david"
