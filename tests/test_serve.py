"""`tandem serve`: the textual-serve page over HTTP, clean stops, clear refusals, and the browser
session's "who are you?" that decides whose name every save carries."""

from __future__ import annotations

import re
import signal
import socket
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from serving import make_demo, start_serve
from tui_helpers import run, until
from tui.app import TandemApp
from tui.screens.documents import DocumentsScreen
from tui.screens.whoami import WhoAmIScreen


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    make_demo(db)
    return db


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_serve_answers_with_the_textual_serve_page_and_stops_cleanly(demo_db: Path, how: int) -> None:
    served = start_serve(demo_db)
    try:
        port = int(served.url.rsplit(":", 1)[1])
        assert served.url == f"http://127.0.0.1:{port}"  # loopback unless asked otherwise
        page = served.fetch("/")
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


def test_a_non_loopback_host_warns_that_anyone_can_act_as_anyone(demo_db: Path) -> None:
    served = start_serve(demo_db, "--host", "0.0.0.0")
    try:
        assert "/static/js/textual.js" in served.fetch("/")  # 0.0.0.0 answers on loopback too
    finally:
        assert served.stop() == 0
    warning = [line for line in served.lines if line.startswith("tandem: warning:")]
    assert len(warning) == 1
    assert "anyone who can reach port" in warning[0] and "any of its users" in warning[0]


def test_loopback_serving_prints_no_warning(demo_db: Path) -> None:
    served = start_serve(demo_db, "--host", "localhost")
    assert served.stop() == 0
    assert not any("warning" in line for line in served.lines)


# The browser session's app (what `python -m cli.serve WORKSPACE` runs), headless under Pilot.

def _problem(app: TandemApp) -> str:
    return str(app.screen.query_one("#whoami-problem", Static).render())


def test_a_session_names_its_user_and_only_an_existing_one(demo_db: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo_db, None)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhoAmIScreen))
            names = [str(option.id) for option in app.screen.query_one(OptionList).options]
            assert names == ["admin", "david", "minji", "robert"]
            await pilot.press(*"mallory", "enter")
            await until(pilot, lambda: "mallory" in _problem(app))
            assert isinstance(app.screen, WhoAmIScreen)  # refused: nobody is minted from a browser
            app.screen.query_one(Input).value = ""
            await pilot.press(*" robert ", "enter")
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
            assert app.session.user == "robert"
            assert app.screen.session.user == "robert"
            assert app.sub_title.endswith("· robert")

    run(scenario)


def test_a_session_can_pick_its_user_from_the_list(demo_db: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo_db, None)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhoAmIScreen))
            picker = app.screen.query_one(OptionList)
            picker.focus()
            picker.highlighted = [str(o.id) for o in picker.options].index("minji")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
            assert app.session.user == "minji"

    run(scenario)


def test_a_workspace_without_users_says_how_to_add_one(tmp_path: Path) -> None:
    from workflow.workspace import Workspace

    empty = tmp_path / "empty.db"
    Workspace.open(empty).close()

    async def scenario() -> None:
        app = TandemApp(empty, None)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhoAmIScreen))
            assert "tandem users add" in str(app.screen.query_one("#whoami-hint", Static).render())
            await pilot.press(*"admin", "enter")
            await until(pilot, lambda: re.search(r"No user named 'admin'", _problem(app)) is not None)
            assert isinstance(app.screen, WhoAmIScreen)

    run(scenario)
