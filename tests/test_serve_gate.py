"""`tandem serve`'s login gate in-process (issue 15 §1): aiohttp's test server, a clock the test
moves, a cheap argon2 so each check is quick. The one answer to a wrong password or an unknown user,
slowing down and locking, the cookie, websockets refused without a session, idle sessions, logout,
invitations, disabled users, the audit entries and no password or hash anywhere in them. The real
process is tests/test_serve.py.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path

import pytest

from serving import make_demo

PASSWORD = "kimchi-stew-42"
WRONG = "Wrong user name or password."


class Clock:
    """time.monotonic as the test sets it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def quick_hashes(monkeypatch):
    """argon2id with the least work, so a test checks many passwords in milliseconds (the real
    parameters are argon2-cffi's defaults, tested through the real server below)."""
    from argon2 import PasswordHasher

    import workflow.logins as logins

    monkeypatch.setattr(logins, "HASHER", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    logins._decoy.cache_clear()
    yield
    logins._decoy.cache_clear()


@pytest.fixture
def desk(workspace, quick_hashes):
    """The conftest workspace (admin, david, robert) with passwords for david and robert."""
    workspace.logins.set_password("david", PASSWORD, by="admin")
    workspace.logins.set_password("robert", "robert-password", by="admin")
    return workspace


class Gatekeeper:
    """The server's aiohttp application in-process, with a test client (its own cookie jar)."""

    def __init__(self, db: Path, clock: Clock, *, idle_minutes: float = 30, command: str | None = None,
                 language: str = "en", fixed_language: bool = True) -> None:
        from cli.serve import _server_class
        from cli.serve_login import Gate
        from workflow.logins import Throttle

        self.clock = clock
        self.gate = Gate(db, idle_minutes=idle_minutes, language=language, fixed_language=fixed_language,
                         clock=clock, throttle=Throttle(clock))
        self.server = _server_class()(command or f"{sys.executable} -c pass", host="127.0.0.1", port=0,
                                      title="Tandem · test")
        self.server.gate = self.gate
        self.server.announce = ""

    async def __aenter__(self):
        from aiohttp.test_utils import TestClient, TestServer

        self.client = TestClient(TestServer(await self.server._make_app()))
        await self.client.start_server()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.close()
        self.gate.executor.shutdown(wait=True)

    @property
    def origin(self) -> str:
        return str(self.client.make_url("")).rstrip("/")

    async def log_in(self, name: str, password: str, **headers: str):
        response = await self.client.post("/login", data={"name": name, "password": password},
                                          headers={"Origin": self.origin, **headers}, allow_redirects=False)
        return response.status, await response.text(), response

    async def page(self, path: str = "/", **headers: str) -> tuple[int, str]:
        response = await self.client.get(path, headers=headers, allow_redirects=False)
        return response.status, await response.text()


def problem(page: str) -> str | None:
    found = re.search(r'id="problem">([^<]*)<', page)
    return found.group(1) if found else None


def note(page: str) -> str | None:
    found = re.search(r'id="note">([^<]*)<', page)
    return found.group(1) if found else None


def logins(ws) -> list[tuple[str, str | None, dict]]:
    return [(e["action"], e["user"], e["detail"]) for e in ws.audit.log()
            if e["action"].startswith(("login", "logout"))]


def gatekeeper(ws, clock: Clock | None = None, **options) -> Gatekeeper:
    return Gatekeeper(ws.path, clock or Clock(), **options)


# The login page and the one answer to every wrong login.

def test_every_page_but_the_login_asks_for_one_first(desk):
    async def scenario():
        async with gatekeeper(desk) as served:
            status, page = await served.page("/")
            assert status == 200 and "<title>Log in · Tandem</title>" in page
            assert "textual.js" not in page and "websocket" not in page
            response = await served.client.get("/")
            policy = response.headers["Content-Security-Policy"]
            assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
            assert "http" not in re.sub(r'href="/[a-z]*"|action="/[a-z]*"', "", page)  # no asset from elsewhere
            assert (await served.client.get("/download/anything")).status == 403

    asyncio.run(scenario())


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer_and_nothing_else(desk):
    async def scenario():
        async with gatekeeper(desk) as served:
            wrong = await served.log_in("david", "not-his-password")
            unknown = await served.log_in("mallory", PASSWORD)
            no_password = await served.log_in("admin", "anything-at-all")  # a user without a password
            for status, page, response in (wrong, unknown, no_password):
                assert status == 401 and problem(page) == WRONG
                assert "tandem_session" not in response.cookies
            # Word for word the same page, but for the name typed back into its box.
            assert wrong[1].replace('value="david"', "") == unknown[1].replace('value="mallory"', "")

    asyncio.run(scenario())
    entries = logins(desk)
    assert [(a, u, d["reason"]) for a, u, d in entries] == [
        ("login.failed", "david", "wrong password"), ("login.failed", None, "unknown user"),
        ("login.failed", "admin", "no password set")]
    assert all(d["address"] == "127.0.0.1" for _a, _u, d in entries)
    assert "mallory" not in json.dumps(desk.audit.log())  # an unknown name may be a password typed there


def test_the_right_password_sets_a_strict_cookie_and_opens_the_app_page(desk):
    async def scenario():
        async with gatekeeper(desk) as served:
            status, _page, response = await served.log_in(" david ", PASSWORD)
            assert status == 303 and response.headers["Location"] == "/"
            cookie = response.cookies["tandem_session"]
            assert cookie["httponly"] and cookie["samesite"] == "Strict" and not cookie["secure"]
            assert cookie["path"] == "/" and int(cookie["max-age"]) == 12 * 3600
            assert len(cookie.value) >= 40
            status, page = await served.page("/")
            assert status == 200 and "static/js/textual.js" in page
            assert f'data-session-websocket-url="ws://{served.origin.split("://")[1]}/ws"' in page
            (session,) = served.gate.sessions.live()
            assert session.user == "david" and session.address == "127.0.0.1"
            assert cookie.value not in repr(session)  # only its hash is kept

    asyncio.run(scenario())
    # The test server's stop ends the session as `tandem serve` stopping does.
    assert [(a, u, d.get("reason")) for a, u, d in logins(desk)] == [("login.ok", "david", None),
                                                                     ("logout", "david", "stopped")]


def test_a_password_is_never_in_the_audit_log_nor_its_hash(desk):
    desk.logins.set_password("david", "second-password", by="david")
    invitation = desk.logins.invite("robert", by="admin")
    desk.logins.redeem("robert", invitation.code, "robert-chosen")

    async def scenario():
        async with gatekeeper(desk) as served:
            await served.log_in("david", "second-passwordX")
            await served.log_in("david", "second-password")

    asyncio.run(scenario())
    log = json.dumps(desk.audit.log(), ensure_ascii=False)
    for secret in (PASSWORD, "second-password", "robert-chosen", "$argon2", invitation.code,
                   invitation.code.replace("-", "")):
        assert secret not in log
    assert [e["action"] for e in desk.audit.log()][-6:] == [
        "user.password", "user.invite", "user.invite.redeem", "login.failed", "login.ok", "logout"]


# Slowing down and locking, by a clock the test moves.

def test_failures_slow_down_after_three_and_lock_for_fifteen_minutes_after_ten(desk):
    clock = Clock()

    async def scenario():
        async with gatekeeper(desk, clock) as served:
            for _ in range(3):
                assert problem((await served.log_in("david", "guess"))[1]) == WRONG
            waits = []
            for failure in range(4, 10):  # each one doubles the wait before the next: 1, 2, 4 … s
                status, page, _r = await served.log_in("david", "guess")
                assert status == 429
                waits.append(page)
                # Tried too soon, even with the right password: refused, the password not looked at.
                status, early, _r = await served.log_in("david", PASSWORD)
                assert status == 429 and problem(early).startswith("Too many failed attempts. Try again in")
                clock.now += 2 ** (failure - 4)
            assert [problem(p) for p in waits[:2]] == [
                f"{WRONG} Too many failed attempts. Try again in 1 second.",
                f"{WRONG} Too many failed attempts. Try again in 2 seconds."]
            status, page, _r = await served.log_in("david", "guess")  # the tenth
            assert problem(page) == f"{WRONG} Too many failed attempts: logging in is locked. Try again in 15 minutes."
            clock.now += 14 * 60
            status, page, _r = await served.log_in("david", PASSWORD)
            assert status == 429 and problem(page) == ("Too many failed attempts: logging in is locked. "
                                                      "Try again in 1 minute.")
            clock.now += 61
            status, _page, _r = await served.log_in("david", PASSWORD)
            assert status == 303

    asyncio.run(scenario())
    actions = [a for a, _u, _d in logins(desk)]
    # Attempts refused for waiting are not audited one by one; the lock is, once per kind.
    assert actions == ["login.failed"] * 10 + ["login.locked"] * 2 + ["login.ok", "logout"]
    locked = [d for a, _u, d in logins(desk) if a == "login.locked"]
    assert {d["by"] for d in locked} == {"user", "address"} and {d["minutes"] for d in locked} == {15}


def test_failures_from_one_address_across_names_lock_the_address_but_not_the_names_elsewhere(desk):
    clock = Clock()

    async def scenario():
        async with gatekeeper(desk, clock) as served:
            for number in range(10):
                await served.log_in(f"user{number}", "guess")
                clock.now += 60  # slowed down by address: each wait is sat out
            status, page, _r = await served.log_in("david", PASSWORD)
            assert status == 429 and "locked" in problem(page)
            # david from another address (a proxy says so, and is trusted) is not locked.
            served.gate.behind_proxy = True
            status, _page, _r = await served.log_in("david", PASSWORD, **{"X-Forwarded-For": "203.0.113.9"})
            assert status == 303

    asyncio.run(scenario())
    assert logins(desk)[-2] == ("login.ok", "david", {"address": "203.0.113.9"})


def test_a_right_password_clears_its_users_count(desk):
    from workflow.logins import Throttle

    clock = Clock()
    throttle = Throttle(clock)
    for _ in range(3):
        desk.logins.authenticate("david", "guess", "10.0.0.1", throttle)
    assert desk.logins.authenticate("david", PASSWORD, "10.0.0.1", throttle).ok
    assert throttle.wait([("user", "david")]) == (0.0, False)
    assert not desk.logins.authenticate("david", "guess", "10.0.0.2", throttle).wait  # counting from 0 again
    clock.now += 16 * 60  # failures are forgotten a quarter of an hour after the last
    assert throttle.wait([("address", "10.0.0.1")]) == (0.0, False)


# Websockets, origins, idle sessions, logout.

def test_a_websocket_without_a_session_is_refused_before_it_opens_and_nothing_starts(desk, tmp_path: Path):
    import aiohttp

    marker = tmp_path / "started"
    command = f"{sys.executable} -c \"open({str(marker)!r}, 'w')\""

    async def scenario():
        async with gatekeeper(desk, command=command) as served:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await served.client.ws_connect("/ws", headers={"Origin": served.origin})
            assert refused.value.status == 403
            served.client.session.cookie_jar.update_cookies({"tandem_session": "made-up"})
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await served.client.ws_connect("/ws", headers={"Origin": served.origin})
            served.client.session.cookie_jar.clear()
            await served.log_in("david", PASSWORD)
            # A logged-in browser's cookie, lent by a page of another site: refused too.
            with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
                await served.client.ws_connect("/ws", headers={"Origin": "https://evil.example"})
            assert foreign.value.status == 403

    asyncio.run(scenario())
    assert not marker.exists()


def test_a_login_posted_from_another_site_is_refused(desk):
    async def scenario():
        async with gatekeeper(desk) as served:
            status, _page, response = await served.log_in("david", PASSWORD, Origin="https://evil.example")
            assert status == 403 and "tandem_session" not in response.cookies

    asyncio.run(scenario())
    assert logins(desk) == []


def test_an_idle_session_ends_says_why_and_is_audited(desk):
    clock = Clock()

    async def scenario():
        async with gatekeeper(desk, clock, idle_minutes=30) as served:
            await served.log_in("david", PASSWORD)
            clock.now += 29 * 60
            assert "textual.js" in (await served.page("/"))[1]  # a page load is activity
            clock.now += 29 * 60
            await served.gate.sweep()
            assert served.gate.sessions.live()  # 29 minutes since the last use
            clock.now += 61
            status, page = await served.page("/")  # run out, even before the sweep has ended it
            assert "textual.js" not in page
            assert note(page) == ("You were logged out after 30 minutes without a key or a click; "
                                  "what you typed was saved.")
            await served.gate.sweep()
            assert served.gate.sessions.live() == []

    asyncio.run(scenario())
    assert logins(desk)[-1] == ("logout", "david", {"address": "127.0.0.1", "reason": "idle"})


def test_logging_out_ends_the_session_and_is_audited(desk):
    async def scenario():
        async with gatekeeper(desk) as served:
            await served.log_in("david", PASSWORD)
            response = await served.client.get("/logout", allow_redirects=False)
            assert response.status == 303 and response.headers["Location"] == "/login?ended=logout"
            assert served.gate.sessions.live() == []
            status, page = await served.page("/login?ended=logout")
            assert note(page) == "You have logged out."
            assert "textual.js" not in (await served.page("/"))[1]

    asyncio.run(scenario())
    assert logins(desk)[-1] == ("logout", "david", {"address": "127.0.0.1", "reason": "logout"})


# Invitations, disabled users, demo users, languages.

def test_an_invitation_sets_the_password_once_and_logs_in(desk):
    invitation = desk.logins.invite("robert", by="admin", hours=1)

    async def redeem(served, code, password="robert-chosen", again=None):
        response = await served.client.post("/invite", data={
            "name": "robert", "code": code, "password": password, "again": again or password},
            headers={"Origin": served.origin}, allow_redirects=False)
        return response.status, await response.text()

    async def scenario():
        async with gatekeeper(desk) as served:
            status, page = await redeem(served, invitation.code, again="something-else")
            assert status == 400 and problem(page) == "The two passwords are not the same."
            status, page = await redeem(served, invitation.code, password="short")
            assert problem(page) == "password: too short: at least 8 characters"
            status, page = await redeem(served, "AAAA-BBBB-CCCC-DDDD")
            assert problem(page).startswith("That invitation code is not valid for this user")
            status, page = await redeem(served, invitation.code.lower().replace("-", " "))  # as typed
            assert status == 303 and served.gate.sessions.live()[0].user == "robert"
            served.client.session.cookie_jar.clear()
            status, page = await redeem(served, invitation.code, password="robert-again")  # once only
            assert status == 400
            assert (await served.log_in("robert", "robert-chosen"))[0] == 303

    asyncio.run(scenario())
    actions = [e["action"] for e in desk.audit.log()]
    assert actions.count("user.invite.redeem") == 1 and actions[-3:] == ["login.ok", "logout", "logout"]


def test_an_invitation_runs_out(desk, monkeypatch):
    from workflow.errors import PermissionDenied

    invitation = desk.logins.invite("robert", by="admin", hours=1)
    monkeypatch.setattr("workflow.logins.now", lambda: "2999-01-01T00:00:00.000+00:00")
    with pytest.raises(PermissionDenied, match="not valid for robert"):
        desk.logins.redeem("robert", invitation.code, "robert-chosen")


def test_a_disabled_user_cannot_log_in_and_their_open_session_ends(desk):
    async def scenario():
        async with gatekeeper(desk) as served:
            await served.log_in("david", PASSWORD)
            desk.logins.disable("david", by="admin")
            await served.gate.sweep()
            assert served.gate.sessions.live() == []
            status, page, _r = await served.log_in("david", PASSWORD)
            assert status == 401 and problem(page) == WRONG

    asyncio.run(scenario())
    assert [(a, d.get("reason")) for a, _u, d in logins(desk)] == [
        ("login.ok", None), ("logout", "disabled"), ("login.failed", "disabled")]
    desk.logins.enable("david", by="admin")
    assert desk.logins.authenticate("david", PASSWORD, "127.0.0.1").ok


def test_demo_users_log_in_without_a_password_and_the_page_says_so(tmp_path: Path, quick_hashes):
    db = tmp_path / "demo.db"
    make_demo(db)
    from workflow.workspace import Workspace

    async def scenario(ws):
        async with gatekeeper(ws) as served:
            _status, page = await served.page("/")
            assert ("This is a demo workspace: its users (admin, david, minji, robert) log in "
                    "without a password.") in page
            status, _page, _r = await served.log_in("minji", "")
            assert status == 303 and served.gate.sessions.live()[0].user == "minji"

    with Workspace.open(db, create=False) as ws:
        asyncio.run(scenario(ws))


def test_the_login_page_speaks_the_browsers_language_unless_one_was_given(desk):
    async def scenario():
        async with gatekeeper(desk, fixed_language=False) as served:
            _status, page = await served.page("/", **{"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.8"})
            assert '<html lang="ko">' in page and "로그인" in page
            status, page, _r = await served.log_in("david", "guess", **{"Accept-Language": "ko"})
            assert problem(page) != WRONG and problem(page)
            _status, page = await served.page("/", **{"Accept-Language": "fr, en;q=0.5"})
            assert '<html lang="en">' in page
        async with gatekeeper(desk, fixed_language=True) as served:  # --lang or $TANDEM_LANG: that one
            _status, page = await served.page("/", **{"Accept-Language": "ko"})
            assert '<html lang="en">' in page

    asyncio.run(scenario())
