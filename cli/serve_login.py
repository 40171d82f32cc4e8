"""The login in front of `tandem serve`: the session table, the login, logout and invitation pages,
and the checks every other request passes (cli/serve.py routes to them).

A browser session is a random id in a cookie (HttpOnly, SameSite=Strict, Secure over HTTPS) naming an
entry in this process's memory: its user, its address, its language, when it was last used. Nothing
else the browser sends names a user: the app process of each websocket is started with the session's
user by the server. Form posts and websockets are refused unless they come from a page of this server
(the Origin header), so another site can neither log a browser in nor drive a session it holds.

Passwords are checked on at most LOGIN_WORKERS threads at once (argon2id takes 64 MiB and 150 ms each,
workflow/logins.py), behind the failure counts of workflow.logins.Throttle.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from cli import serve_pages as pages
from workflow.i18n import LANGUAGES, normalize, using
from workflow.logins import ADDRESS_POLICY, USER_POLICY, Policy, Throttle
from workflow.paths import Location, WorkspaceLocation

COOKIE = "tandem_session"
LOGIN_WORKERS = 2
SESSION_HOURS = 12  # a session ends this long after its login however busy; the cookie lasts as long
ENDED_REMEMBERED = 1000  # ended sessions whose reason the login page can still give
LIMITS_VARIABLE = "TANDEM_LOGIN_LIMITS"  # "3,10,15": failures before slowing, before locking, lock minutes


@dataclass(eq=False)
class WebSession:
    key: str  # the hash of the cookie's id (the id itself is kept only by the browser)
    user: str
    address: str
    lang: str
    started: float
    last: float
    sockets: set[Any] = field(default_factory=set)  # the websockets open in it (each one app process)


class WebSessions:
    """Logged-in browser sessions, in memory; a server restart logs everyone out."""

    def __init__(self, idle_seconds: float, clock: Callable[[], float] = time.monotonic,
                 max_seconds: float = SESSION_HOURS * 3600) -> None:
        self.idle_seconds = idle_seconds
        self.max_seconds = max_seconds
        self._clock = clock
        self._live: dict[str, WebSession] = {}
        self._ended: dict[str, str] = {}  # key -> why it ended (for the login page's note)

    def start(self, user: str, address: str, lang: str) -> tuple[str, WebSession]:
        token = secrets.token_urlsafe(32)
        at = self._clock()
        session = WebSession(_key(token), user, address, lang, at, at)
        self._live[session.key] = session
        return token, session

    def get(self, token: str | None) -> WebSession | None:
        """The live session the cookie names; None when none, or when it has run out (even before
        the sweep ends it)."""
        if not token:
            return None
        session = self._live.get(_key(token))
        if session is None or self.expired(session):
            return None
        return session

    def alive(self, session: WebSession) -> bool:
        return self._live.get(session.key) is session and self.expired(session) is None

    def touch(self, session: WebSession) -> None:
        session.last = self._clock()

    def expired(self, session: WebSession) -> str | None:
        at = self._clock()
        if at - session.last >= self.idle_seconds:
            return "idle"
        if at - session.started >= self.max_seconds:
            return "ended"
        return None

    def due(self) -> list[tuple[WebSession, str]]:
        """Sessions to end now, with why."""
        return [(s, why) for s in list(self._live.values()) if (why := self.expired(s)) is not None]

    def end(self, session: WebSession, why: str) -> bool:
        """Forgets the session; False when it had already ended."""
        if self._live.pop(session.key, None) is None:
            return False
        self._ended[session.key] = why
        while len(self._ended) > ENDED_REMEMBERED:
            self._ended.pop(next(iter(self._ended)))
        return True

    def why_ended(self, token: str | None) -> str | None:
        """Why the session the cookie names is over: ended, or run out and not yet swept."""
        if not token:
            return None
        key = _key(token)
        if key in self._live:
            return self.expired(self._live[key])
        return self._ended.get(key)

    def live(self) -> list[WebSession]:
        return list(self._live.values())


def _key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def limits_from_environment() -> dict[str, Policy]:
    """$TANDEM_LOGIN_LIMITS ("3,10,15") for users and addresses alike; the defaults otherwise."""
    text = os.environ.get(LIMITS_VARIABLE, "").strip()
    if not text:
        return {"user": USER_POLICY, "address": ADDRESS_POLICY}
    try:
        free, after, minutes = (float(part) for part in text.split(","))
    except ValueError:
        raise ValueError(text) from None
    if not (0 <= free < after and minutes > 0):
        raise ValueError(text)
    policy = Policy(free=int(free), lock_after=int(after), lock_seconds=minutes * 60,
                    forget_seconds=max(minutes * 60, USER_POLICY.forget_seconds))
    return {"user": policy, "address": policy}


class Gate:
    """The login pages and the session checks, for one workspace."""

    def __init__(self, workspace: Location, *, idle_minutes: float, language: str, fixed_language: bool,
                 behind_proxy: bool = False, clock: Callable[[], float] = time.monotonic,
                 throttle: Throttle | None = None) -> None:
        self.workspace = WorkspaceLocation.of(workspace)  # its name is on the login page, never the address
        self.idle_minutes = idle_minutes
        self.language = language  # the server's own
        self.fixed_language = fixed_language  # --lang or $TANDEM_LANG: every page in it
        self.behind_proxy = behind_proxy
        self.sessions = WebSessions(idle_minutes * 60, clock)
        self.throttle = throttle or Throttle(clock)
        self.executor = ThreadPoolExecutor(LOGIN_WORKERS, thread_name_prefix="tandem-login")
        # Set by the server: closes a session's websockets (their apps save and exit), sending the
        # page to the login form first where `why` is given.
        self.close_sockets: Callable[[WebSession, str | None], Any] | None = None

    # What every request needs.

    def session_of(self, request: web.Request) -> WebSession | None:
        return self.sessions.get(request.cookies.get(COOKIE))

    def address_of(self, request: web.Request) -> str:
        remote = request.remote or "unknown"
        if self.behind_proxy and _loopback(remote):
            forwarded = request.headers.get("X-Forwarded-For", "")
            last = forwarded.split(",")[-1].strip()  # the hop our proxy added; earlier ones are the client's say
            if last:
                return last
        return remote

    def secure(self, request: web.Request) -> bool:
        if request.secure:
            return True
        return (self.behind_proxy and _loopback(request.remote or "")
                and request.headers.get("X-Forwarded-Proto", "").lower() == "https")

    def base_url(self, request: web.Request) -> str:
        return f"{'https' if self.secure(request) else 'http'}://{request.host}"

    def same_origin(self, request: web.Request) -> bool:
        """A form post or websocket from one of our own pages (browsers always send Origin for both;
        a request without it is not a browser's, and has no cookie another site could lend it)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        return urlsplit(origin).netloc.lower() == request.host.lower()

    def page_language(self, request: web.Request) -> str:
        if self.fixed_language:
            return self.language
        return accepted_language(request.headers.get("Accept-Language", "")) or self.language

    async def in_thread(self, work: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.executor, work, *args)

    def _workspace(self):
        from workflow.workspace import Workspace

        return Workspace.open(self.workspace, create=False)

    # Pages.

    async def login_form(self, request: web.Request) -> web.StreamResponse:
        lang = self.page_language(request)
        note = None
        why = self.sessions.why_ended(request.cookies.get(COOKIE)) or request.query.get("ended")
        if why:
            with using(lang):
                note = pages.ended_message(why, self.idle_minutes)
        demo = await self.in_thread(self._demo_users)
        response = self._html(pages.login_page(lang, self.workspace.name, note=note, demo_users=demo))
        if why:
            response.del_cookie(COOKIE, path="/")
        return response

    async def login(self, request: web.Request) -> web.StreamResponse:
        if not self.same_origin(request):
            raise web.HTTPForbidden()
        form = await request.post()
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        address = self.address_of(request)
        lang = self.page_language(request)
        attempt = await self.in_thread(self._authenticate, name, password, address)
        if attempt.ok:
            return self._logged_in(request, attempt.user.name, address, lang)
        with using(lang):
            problem = pages.refused() if attempt.checked else ""  # else refused unchecked, for waiting
            if attempt.wait > 0:
                problem = f"{problem} {pages.wait_message(attempt.wait, attempt.locked)}".strip()
        demo = await self.in_thread(self._demo_users)
        page = pages.login_page(lang, self.workspace.name, name=name, problem=problem, demo_users=demo)
        return self._html(page, status=429 if attempt.wait > 0 else 401)

    async def logout(self, request: web.Request) -> web.StreamResponse:
        session = self.session_of(request)
        if session is not None:
            await self.end(session, "logout")
        response = _see_other("/login?ended=logout")
        response.del_cookie(COOKIE, path="/")
        return response

    async def invite_form(self, request: web.Request) -> web.StreamResponse:
        return self._html(pages.invite_page(self.page_language(request), self.workspace.name))

    async def invite(self, request: web.Request) -> web.StreamResponse:
        """An invited user sets their password with the code, and is logged in."""
        from workflow.errors import InputError, PermissionDenied
        from workflow.logins import valid_password

        if not self.same_origin(request):
            raise web.HTTPForbidden()
        form = await request.post()
        name, code = str(form.get("name", "")).strip(), str(form.get("code", ""))
        password, again = str(form.get("password", "")), str(form.get("again", ""))
        lang = self.page_language(request)
        address = self.address_of(request)
        keys = (("address", address),)  # codes cannot be guessed; counted all the same
        wait, locked = self.throttle.wait(keys)
        problem = None
        with using(lang):
            if wait > 0:
                problem = pages.wait_message(wait, locked)
            elif password != again:
                problem = pages.not_matching()
            else:
                try:
                    valid_password(name, password)
                except InputError as exc:
                    problem = str(exc)
        if problem is None:
            try:
                user = await self.in_thread(self._redeem, name, code, password, address)
            except PermissionDenied:
                self.throttle.failed(keys)
                with using(lang):
                    problem = pages.bad_code()
            else:
                return self._logged_in(request, user, address, lang)
        return self._html(pages.invite_page(lang, self.workspace.name, name=name, problem=problem), status=400)

    async def end(self, session: WebSession, why: str) -> None:
        """Ends a session: forgets it, audits the logout, closes its websockets (their apps save)."""
        if not self.sessions.end(session, why):
            return
        if self.close_sockets is not None:
            await self.close_sockets(session, why)
        try:
            await self.in_thread(self._logged_out, session.user, session.address, why)
        except Exception:  # noqa: BLE001 - a workspace gone busy must not keep a session alive
            pass

    async def sweep(self) -> None:
        """Ends sessions gone idle or too old, and those of users disabled since they logged in."""
        for session, why in self.sessions.due():
            await self.end(session, why)
        users = {s.user for s in self.sessions.live()}
        if users:
            allowed = await self.in_thread(self._still_allowed, users)
            for session in self.sessions.live():
                if session.user not in allowed:
                    await self.end(session, "disabled")

    def sweep_every(self) -> float:
        return max(0.5, min(30.0, self.idle_minutes * 60 / 4))

    # The work done on the login threads.

    def _authenticate(self, name: str, password: str, address: str):
        with self._workspace() as ws:
            return ws.logins.authenticate(name, password, address, self.throttle)

    def _redeem(self, name: str, code: str, password: str, address: str) -> str:
        from workflow.errors import PermissionDenied

        with self._workspace() as ws:
            user = ws.logins.redeem(name, code, password)
            if not ws.logins.authenticate(user.name, password, address, self.throttle).ok:  # audits the login
                raise PermissionDenied(user.name)
            return user.name

    def _logged_out(self, user: str, address: str, why: str) -> None:
        with self._workspace() as ws:
            ws.logins.logged_out(user, address, why)

    def _demo_users(self) -> list[str]:
        with self._workspace() as ws:
            return ws.logins.demo_users()

    def _still_allowed(self, users: set[str]) -> set[str]:
        with self._workspace() as ws:
            return {name for name in users if ws.logins.may_log_in(name)}

    def _logged_in(self, request: web.Request, user: str, address: str, lang: str) -> web.StreamResponse:
        token, _session = self.sessions.start(user, address, lang)
        response = _see_other("/")
        response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", secure=self.secure(request),
                            path="/", max_age=int(self.sessions.max_seconds))
        return response

    @staticmethod
    def _html(text: str, status: int = 200) -> web.Response:
        return web.Response(text=text, status=status, content_type="text/html", charset="utf-8",
                            headers=page_headers(policy=pages.PAGE_POLICY))


def _see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location, **page_headers()})


def page_headers(policy: str | None = None) -> dict[str, str]:
    headers = {"Cache-Control": "no-store", "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "same-origin"}
    if policy:
        headers["Content-Security-Policy"] = policy
    return headers


def accepted_language(header: str) -> str | None:
    """The language of ours the browser ranks highest in Accept-Language, else None."""
    best, best_q = None, 0.0
    for index, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = normalize(tag.strip())
        quality -= index * 1e-6  # equal weights: the first listed wins
        if code in LANGUAGES and quality > best_q:
            best, best_q = code, quality
    return best


def _loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
