"""A workspace given as postgresql://user@host/name works wherever a workspace file does: every
command, the terminal UI (its worker threads, the live refresh, the word-decisions helper) and
`tandem serve`, with the address shown as given, never a password, and never mangled into a path.

The tests that need a server run on TANDEM_TEST_POSTGRES (a superuser's URL, as
`scripts/pg_cluster.sh start DIR` prints), each in a fresh database of its own; without it they
skip and say so. The rest need no server.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import DRAFT, KO, ROOT
from workflow.paths import WorkspaceLocation, resolve_workspace

SERVER = os.environ.get("TANDEM_TEST_POSTGRES")
needs_server = pytest.mark.skipif(
    not SERVER, reason="TANDEM_TEST_POSTGRES is not set: give a PostgreSQL superuser's URL "
                       "(scripts/pg_cluster.sh start DIR prints one)")
URL = "postgresql://desk@db.example.org:5433/newsroom?sslmode=require"


@pytest.fixture
def database():
    """A fresh, empty database on the test server; its workspace URL."""
    import psycopg

    assert SERVER is not None
    name = f"tandem_location_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlsplit(SERVER)._replace(path="/" + name).geturl()
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo_database(database):
    from workflow.demo import prepare_demo

    prepare_demo(database)
    return database


# the location itself (no server) --------------------------------------------------------------


def test_an_address_stays_an_address_from_the_flag_and_from_TANDEM_DB(monkeypatch) -> None:
    local = "postgresql://postgres@/desk?host=/tmp/pg-x"  # Path() would fold its // and lose the host
    assert resolve_workspace(local).url == local
    monkeypatch.setenv("TANDEM_DB", local)
    location = resolve_workspace(None)
    assert location.url == local and not location.is_file and location.target == local
    assert location.argument == local  # as a child process (the helper, a served session) is given it
    assert location.name == "desk"
    monkeypatch.setenv("TANDEM_DB", "~/desk.db")
    assert resolve_workspace(None).path == Path.home() / "desk.db"


def test_a_password_is_never_shown() -> None:
    for given in ("postgresql://desk:s3cret@db.example.org:5433/newsroom?sslmode=require",
                  "postgresql://desk@db.example.org:5433/newsroom?password=s3cret&sslmode=require",
                  "postgres://desk:s3cret@db.example.org:5433/newsroom?sslmode=require&PassWord=s3cret"):
        location = WorkspaceLocation.of(given)
        for shown in (location.display, str(location), repr(location), f"{location}", location.name):
            assert "s3cret" not in shown
        assert location.display.replace("postgres://", "postgresql://") == URL
    assert WorkspaceLocation.of(URL).display == URL


def test_the_helper_and_a_served_session_are_given_the_address_unchanged() -> None:
    from workflow.word_decisions import helper_command

    assert helper_command(URL, "--questions")[-2:] == [URL, "--questions"]
    assert helper_command(Path("ws.db"))[-1] == str(Path("ws.db").resolve())


@pytest.mark.sqlite_only("a file workspace: under --engine postgresql every file stands for a database")
def test_a_file_workspace_never_loads_the_postgresql_driver(tandem, tmp_path: Path) -> None:
    """psycopg and libpq cost a SQLite workspace's start-up nothing."""
    script = ("import sys; from cli.run import main; code = main(sys.argv[1:]); "
              "sys.exit(code if code else (3 if 'psycopg' in sys.modules else 0))")
    done = subprocess.run([sys.executable, "-c", script, "--db", str(tmp_path / "w.db"), "users", "add", "admin",
                           "--role", "admin"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "TANDEM_LANG": "en"})
    assert done.returncode == 0, done.stderr


# the command line on a database ---------------------------------------------------------------


@needs_server
def test_import_export_check_verify_and_users_on_a_database(tandem, database, tmp_path: Path) -> None:
    imported = tandem("import", str(KO), "--english", str(DRAFT), db=database, user=None)
    assert imported.code == 0, imported.err
    assert imported.out.splitlines()[0] == "1"
    exported = tmp_path / "en.md"
    run = tandem("export", "1", "--format", "md", "-o", str(exported), db=database, user=None)
    assert run.code == 0, run.err
    assert exported.read_text(encoding="utf-8").startswith("# North Korea orders")
    checked = tandem("check", "1", db=database, user=None)
    assert "[number.mismatch]" in checked.out
    verified = tandem("verify", db=database, user=None)
    assert verified.code == 0 and verified.out.startswith(f"{database}: intact ("), verified.out
    users = json.loads(tandem("users", "list", "--json", db=database, user=None).out)
    assert [u["roles"] for u in users] == [["admin", "translator"]]  # who set it up is its admin


@needs_server
@pytest.mark.parametrize("where", ["database", "host"])
def test_a_database_out_of_reach_is_one_line_and_a_failure(tandem, where: str) -> None:
    assert SERVER is not None
    parts = urlsplit(SERVER)
    url = (parts._replace(path="/no_such_tandem_database").geturl() if where == "database"
           else "postgresql://postgres@/tandem?host=/nonexistent/pg-socket")
    for args in (["docs"], ["import", str(KO)], ["users", "list"]):
        run = tandem(*args, db=url, user=None)
        assert run.code != 0
        assert run.err.startswith(f"tandem: error: {url}: cannot reach the workspace's database"), run.err
        assert len(run.err.strip().splitlines()) == 1  # and the tandem fixture saw no traceback


@pytest.mark.parametrize("url", [
    "postgresql://postgres:s3cret@/tandem?host=/tmp",
    "postgresql://postgres@/tandem?host=/tmp&password=s3cret",
])
def test_an_address_with_a_password_is_refused_and_the_password_not_repeated(tandem, url: str) -> None:
    run = tandem("docs", db=url, user=None)
    assert run.code != 0
    assert "a password in the address is refused; put it in ~/.pgpass, PGPASSWORD" in run.err
    assert "s3cret" not in run.err + run.out


# the terminal UI on a database ----------------------------------------------------------------


WIDE = (160, 48)


async def _editor(pilot, index: int):
    from tui.screens.editor import EditorScreen
    from tui_helpers import until

    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
    if index != 1:
        await pilot.press("ctrl+g", *str(index), "enter")
        await until(pilot, lambda: app.screen.current.index == index)
    return app.screen


def _listed_english(screen, index: int) -> str:
    from textual.widgets import DataTable

    return str(screen.query_one("#segments", DataTable).get_cell(str(index), "english"))


@needs_server
def test_the_app_opens_a_database_and_shows_another_processs_saves_live(demo_database, monkeypatch) -> None:
    from textual.widgets import Static

    from tui.app import TandemApp
    from tui.widgets.segment_texts import EnglishEditor, KoreanView
    from tui_helpers import no_idle_saves, run, stored, until

    monkeypatch.setattr(TandemApp, "POLL_SECONDS", 0.2)
    no_idle_saves(monkeypatch)
    first = stored(demo_database, 1)
    theirs = first.target.replace("go home", "return home")
    save = ("import sys; from workflow.workspace import Workspace\n"
            "with Workspace.open(sys.argv[1], create=False) as ws:\n"
            "    ws.editing.save(1, int(sys.argv[2]), sys.argv[3], by='robert')\n")

    async def save_elsewhere(index: int, text: str) -> None:
        other = await asyncio.create_subprocess_exec(sys.executable, "-c", save, demo_database, str(index), text,
                                                     cwd=ROOT)
        assert await other.wait() == 0

    def notice() -> str:
        return str(screen.query_one("#notice", Static).content)

    async def scenario() -> None:
        nonlocal screen
        app = TandemApp(demo_database, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            screen = await _editor(pilot, 1)  # the editor's three worker threads opened the database
            assert app.sub_title == f"{demo_database} · david"
            assert screen.query_one(KoreanView).source == first.source  # the document, as the database holds it
            english = screen.query_one(EnglishEditor)

            await save_elsewhere(1, theirs)  # the segment in hand, nothing typed into it
            await until(pilot, lambda: english.text == theirs, timeout=20)
            assert "just saved by someone else" in notice()
            await save_elsewhere(2, "North Korean workers in Russia. (Daily NK)")  # and then another segment
            await until(pilot, lambda: _listed_english(screen, 2) == "North Korean workers in Russia. (Daily NK)",
                        timeout=20)
            assert screen.current.index == 1 and english.text == theirs
            assert "just saved by someone else" in notice()  # a later commit elsewhere leaves the why

    screen = None
    run(scenario)


@needs_server
def test_the_word_decisions_helper_sweeps_a_database(database) -> None:
    from workflow.workspace import Workspace

    with Workspace.open(database) as ws:
        ws.files.import_document(KO, DRAFT, by="david")
    done = subprocess.run([sys.executable, "-m", "workflow.word_decisions", database], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env={**os.environ, "TANDEM_LANG": "en"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{database}: every Korean text decided")
    with Workspace.open(database, create=False) as ws:
        assert ws.glossary.morphology.complete()


# two `tandem serve` on one database ---------------------------------------------------------------


@needs_server
def test_two_servers_on_one_database_a_save_in_one_is_seen_live_in_the_other(demo_database) -> None:
    import aiohttp

    from serving import start_serve

    first, second = start_serve(demo_database), start_serve(demo_database)
    try:
        for served in (first, second):
            assert f"Serving {demo_database} at " in served.output
            assert "Tandem · " + urlsplit(demo_database).path.lstrip("/") in served.log_in("david")

        async def session(served, writer: bool, watching: asyncio.Event, seen: asyncio.Event) -> None:
            url = served.url.replace("http", "ws") + "/ws?width=160&height=48"
            async with aiohttp.ClientSession(cookies={"tandem_session": served.cookie()}) as client:
                async with client.ws_connect(url, headers={"Origin": served.url}) as ws:
                    screen = b""

                    async def read_until(text: bytes) -> None:
                        nonlocal screen
                        while text not in screen:
                            message = await ws.receive()
                            if message.type == aiohttp.WSMsgType.BINARY:
                                screen += message.data
                            elif message.type != aiohttp.WSMsgType.TEXT:
                                raise AssertionError(f"the session ended: {message}")

                    await read_until(b"david (translator)")  # the editor, on the demo article
                    if writer:  # types at the start of segment 1 and saves, once the other one watches
                        await watching.wait()
                        await asyncio.sleep(0.5)  # the English box takes keys once it shows its segment
                        for key in "ZQXW ":
                            await ws.send_str(json.dumps(["stdin", key]))
                        await ws.send_str(json.dumps(["stdin", "\x13"]))  # ctrl+s
                        await read_until(b"saved ")
                        await seen.wait()
                    else:  # the letters only ever typed in the other server's session show up here
                        watching.set()
                        await read_until(b"ZQXW")
                        seen.set()

        async def both() -> None:
            watching, seen = asyncio.Event(), asyncio.Event()
            async with asyncio.timeout(90):
                await asyncio.gather(session(first, True, watching, seen), session(second, False, watching, seen))

        started = time.monotonic()
        asyncio.run(both())
        assert time.monotonic() - started < 90
    finally:
        for served in (first, second):
            assert served.stop() == 0, served.output
    from workflow.workspace import Workspace

    with Workspace.open(demo_database, create=False) as ws:
        assert ws.documents.segments(1)[0].target.startswith("ZQXW North Korea")
