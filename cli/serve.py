"""`tandem serve`: the TUI in a browser through textual-serve, behind a login, one app process per
browser session.

Every page but the login's needs a logged-in session (cli/serve_login.py); a websocket without one is
refused before it is opened, so nothing starts and nothing is sent. Each websocket runs
`python -m cli.serve WORKSPACE` with a one-time ticket for the session's user in its environment
($TANDEM_SERVE_TICKET: written into the workspace here, taken by the process, never from anything the
browser sends) and the language of its login page; the app (tui/served.py) works as that user until
it logs out.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import shlex
import signal
import socket
import ssl
import sys
from typing import TYPE_CHECKING

from cli.output import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from workflow.paths import WorkspaceLocation

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
# How long a stop waits for open sessions to save and exit before they are killed.
SESSION_EXIT_SECONDS = 10
# A session's app process takes its user from a one-time ticket in the workspace (workflow.logins), so
# an environment naming a user is no way to become them.
TICKET_VARIABLE = "TANDEM_SERVE_TICKET"


def _ticket(workspace: WorkspaceLocation, user: str) -> str:
    # A few milliseconds of SQL on the server's loop, once per browser session.
    from workflow.workspace import Workspace

    with Workspace.open(workspace, create=False) as ws:
        return ws.logins.ticket(user)

log = logging.getLogger("tandem.serve")


def serve(args, location: WorkspaceLocation) -> int:
    from cli.serve_login import LIMITS_VARIABLE, Gate, Throttle, limits_from_environment
    from workflow.errors import InputError
    from workflow.i18n import _, language, normalize
    from workflow.workspace import Workspace

    location = location.resolved()
    # Opened (and migrated) once here, so a missing or broken file, or a database out of reach, is one
    # line now rather than an error in every browser tab later, and sessions never race to migrate it.
    with Workspace.open(location, create=False) as ws:
        can_log_in = ws.logins.can_log_in()
    if not 0 <= args.port <= 65535:
        raise InputError("--port", _("{port} is not a port (0 to 65535; 0 picks a free one)").format(port=args.port))
    if not args.idle_minutes > 0:
        raise InputError("--idle-minutes", _("give a number of minutes above 0"))
    try:
        limits = limits_from_environment()
    except ValueError as exc:
        raise InputError(f"${LIMITS_VARIABLE}", _("{value!r} is not three numbers such as 3,10,15 (failures "
                                                 "before slowing down, failures before locking, minutes locked)")
                         .format(value=str(exc))) from None
    tls = _tls(args.certfile, args.keyfile)
    try:
        sock = _listen(args.host, args.port)
    except socket.gaierror as exc:
        raise InputError("--host", _("{host} cannot be resolved ({reason})").format(
            host=args.host, reason=exc.strerror)) from None
    except OSError as exc:
        raise InputError(_("port {port} on {host}").format(port=args.port, host=args.host),
                         _("cannot listen there ({reason})").format(reason=exc.strerror or exc)) from None
    port = sock.getsockname()[1]
    if tls is None and not _is_loopback(args.host):
        print(_("tandem: warning: serving on {host} without TLS: passwords and everything typed cross the "
                "network readable by anyone on the way; give --certfile and --keyfile, or serve on 127.0.0.1 "
                "behind a reverse proxy that speaks HTTPS").format(host=args.host, port=port),
              file=sys.stderr, flush=True)
    if not can_log_in:
        print(_("tandem: note: no user can log in yet: set a password with `tandem users passwd NAME`, "
                "or give one an invitation with `tandem users invite NAME`"), file=sys.stderr, flush=True)
    fixed = normalize(getattr(args, "lang", None) or os.environ.get("TANDEM_LANG"))
    # Sessions inherit our environment, so they speak this language unless their login page spoke another.
    os.environ["TANDEM_LANG"] = language()
    os.environ.pop(TICKET_VARIABLE, None)
    command = shlex.join([sys.executable, "-m", "cli.serve", location.argument])
    scheme = "https" if tls is not None else "http"
    shown = socket.getfqdn() if args.host in ("0.0.0.0", "::") else _url_host(args.host)
    gate = Gate(location, idle_minutes=args.idle_minutes, language=language(), fixed_language=fixed is not None,
                behind_proxy=args.behind_proxy, throttle=Throttle(policies=limits))
    server = _server_class()(command, host=args.host, port=port, title=f"Tandem · {location.name}",
                             public_url=f"{scheme}://{shown}:{port}")
    server.gate = gate
    server.announce = _("Serving {workspace} at {url}  (Ctrl-C stops)").format(
        workspace=location.display, url=server.public_url)
    server.serve_on(sock, tls)
    print(_("tandem: stopped"), flush=True)
    return EXIT_OK


def _tls(certfile: str | None, keyfile: str | None) -> ssl.SSLContext | None:
    from workflow.errors import InputError
    from workflow.i18n import _

    if certfile is None:
        if keyfile is not None:
            raise InputError("--keyfile", _("needs --certfile too"))
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(certfile, keyfile)
    except FileNotFoundError as exc:
        raise InputError(exc.filename or certfile, _("no such file")) from None
    except (ssl.SSLError, OSError) as exc:
        raise InputError("--certfile", _("cannot use the certificate and key ({reason})").format(
            reason=getattr(exc, "reason", None) or exc)) from None
    return context


def _listen(host: str, port: int) -> socket.socket:
    """Bind before serving, so a busy port is our one-line error and `--port 0` picks a free one."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _server_class():
    # textual-serve (aiohttp, rich) loads only when serving, so `tandem --help` stays instant.
    import aiohttp_jinja2
    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    from cli.serve_login import Gate, WebSession, page_headers
    from tui.served import LOGOUT_PATH

    class SessionApp(AppService):
        """One browser session's app process, started as the session's user."""

        def __init__(self, command: str, workspace: WorkspaceLocation, session: WebSession, websocket: web.WebSocketResponse,
                     on_logout, **kwargs) -> None:
            super().__init__(command, write_bytes=self._send_bytes, write_str=self._send_str,
                             close=websocket.close, **kwargs)
            self.workspace = workspace
            self.web_session = session
            self.websocket = websocket
            self.on_logout = on_logout

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            environment = super()._build_environment(width=width, height=height)
            environment.pop("TANDEM_USER", None)
            environment[TICKET_VARIABLE] = _ticket(self.workspace, self.web_session.user)
            environment["TANDEM_LANG"] = self.web_session.lang
            return environment

        # Once the page has gone (logged out, idle, closed), what the app still paints on its way
        # out goes nowhere, and must not stop us reading it until it exits.
        async def _send_bytes(self, data: bytes) -> None:
            if not self.websocket.closed:
                try:
                    await self.websocket.send_bytes(data)
                except (ConnectionError, RuntimeError):
                    pass

        async def _send_str(self, data: str) -> None:
            if not self.websocket.closed:
                try:
                    await self.websocket.send_str(data)
                except (ConnectionError, RuntimeError):
                    pass

        async def on_meta(self, data: bytes) -> None:
            await super().on_meta(data)  # the page goes to the logout address …
            meta = json.loads(data)
            if meta.get("type") == "open_url" and meta.get("url") == LOGOUT_PATH:
                # … and the session ends here at once, whatever the page does next. Its own task:
                # ending it closes this websocket, whose handler waits for this very reader.
                self._logout = asyncio.get_running_loop().create_task(self.on_logout(self.web_session, "logout"))

    class TandemServer(Server):
        announce: str  # what to print once listening
        gate: Gate

        async def _make_app(self) -> web.Application:
            self.sessions: set[asyncio.BaseTransport] = set()  # each open browser session's connection
            app = await super()._make_app()
            app.router.add_get("/login", self.gate.login_form)
            app.router.add_post("/login", self.gate.login)
            app.router.add_get(LOGOUT_PATH, self.gate.logout)
            app.router.add_get("/invite", self.gate.invite_form)
            app.router.add_post("/invite", self.gate.invite)
            self.gate.close_sockets = self._close_sockets
            return app

        async def on_startup(self, app: web.Application) -> None:
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep())
            print(self.announce, flush=True)

        async def _sweep(self) -> None:
            while True:
                await asyncio.sleep(self.gate.sweep_every())
                try:
                    await self.gate.sweep()
                except Exception as error:  # noqa: BLE001 - the sweep goes on; the next one retries
                    log.warning("session sweep: %s", error)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            session = self.gate.session_of(request)
            if session is None:
                return await self.gate.login_form(request)
            self.gate.sessions.touch(session)
            # The page's script and websocket addresses are absolute; build them from the address
            # this browser used, which is right even where --host is 0.0.0.0 or a proxy's name.
            base = self.gate.base_url(request)
            socket_base = ("wss:" if base.startswith("https:") else "ws:") + base.split(":", 1)[1]
            context = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": socket_base + str(request.app.router["websocket"].url_for()),
                "config": {"static": {"url": base + "/static/"}},
                "application": {"name": self.title},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers.update(page_headers())
            return response

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            if self.gate.session_of(request) is None:
                raise web.HTTPForbidden()
            return await super().handle_download(request)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            session = self.gate.session_of(request)
            if session is None or not self.gate.same_origin(request):
                # Refused before the upgrade: no app starts and not a byte of one is sent.
                return web.Response(status=403, headers=page_headers())
            self.gate.sessions.touch(session)
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            connection = request.transport
            service: SessionApp | None = None
            try:
                await websocket.prepare(request)
                if connection is not None:
                    self.sessions.add(connection)
                session.sockets.add(websocket)
                service = SessionApp(self.command, self.gate.workspace, session, websocket, self.gate.end,
                                     download_manager=self.download_manager, debug=self.debug)
                await service.start(width, height)
                await self._relay(websocket, service, session)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # noqa: BLE001 - one session's failure is logged, not the server's
                log.exception(error)
            finally:
                if service is not None:
                    await self._stop(service)
                session.sockets.discard(websocket)
                self.sessions.discard(connection)
            return websocket

        async def _relay(self, websocket: web.WebSocketResponse, service: SessionApp, session: WebSession) -> None:
            """The browser's messages to the app (textual-serve's protocol); keys and clicks keep the
            session from going idle."""
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    envelope = json.loads(message.data)
                    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
                except (ValueError, TypeError, IndexError, KeyError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    if self.gate.sessions.alive(session):  # keys after the end go nowhere
                        self.gate.sessions.touch(session)
                        await service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await service.set_terminal_size(to_int(str(data.get("width")), 80),
                                                    to_int(str(data.get("height")), 24))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()

        @staticmethod
        async def _stop(service: SessionApp) -> None:
            """Tells the app to quit (it saves on its way out) and waits for it; kills one that hangs."""
            try:
                await asyncio.wait_for(service.stop(), SESSION_EXIT_SECONDS)
            except TimeoutError:
                process = service._process
                if process is not None and process.returncode is None:
                    process.kill()
                    await process.wait()

        async def _close_sockets(self, session: WebSession, why: str | None) -> None:
            for websocket in list(session.sockets):
                if why in ("idle", "disabled", "ended") and not websocket.closed:
                    # The page goes to the login form, which says why; the app saves as it quits.
                    try:
                        await websocket.send_str(json.dumps(
                            ["open_url", {"url": f"/login?ended={'idle' if why == 'idle' else 'ended'}",
                                          "new_tab": False}]))
                    except (ConnectionError, RuntimeError):
                        pass
                await websocket.close()

        async def on_shutdown(self, app: web.Application) -> None:
            # Dropping each browser's connection ends its session as closing the tab does: the
            # app gets textual-serve's quit message and saves what was typed on its way out, and
            # the shutdown waits for that instead of cancelling it (which would kill the app).
            self._sweeper.cancel()
            for session in self.gate.sessions.live():
                self.gate.sessions.end(session, "stopped")
                try:
                    await self.gate.in_thread(self.gate._logged_out, session.user, session.address, "stopped")
                except Exception:  # noqa: BLE001 - stopping goes on
                    pass
            for connection in list(self.sessions):
                connection.close()

        def serve_on(self, sock: socket.socket, tls: ssl.SSLContext | None = None) -> None:
            """Server.serve, on a socket we already bound, with sessions let to save on the way out."""
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for stop in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(stop, self.request_exit)
                except NotImplementedError:  # Windows: Ctrl-C arrives as KeyboardInterrupt instead
                    pass
            try:
                web.run_app(self._make_app(), sock=sock, handle_signals=False, loop=loop, ssl_context=tls,
                            shutdown_timeout=SESSION_EXIT_SECONDS, print=lambda *_: None)
            finally:
                self.gate.executor.shutdown(wait=True)

    return TandemServer


def session(argv: list[str]) -> int:
    """One browser session: the TUI on the workspace, as the user the server logged in."""
    from tui.served import ServedApp
    from workflow.i18n import choose, set_language

    from workflow.errors import TandemError
    from workflow.i18n import _
    from workflow.workspace import Workspace, WorkspaceLocation

    set_language(choose())
    location = WorkspaceLocation.of(argv[0])
    try:
        with Workspace.open(location, create=False) as ws:
            user = ws.logins.take_ticket(os.environ.get(TICKET_VARIABLE, "")).name
    except TandemError as exc:
        print(_("tandem: error: {problem}").format(problem=exc), file=sys.stderr)
        return EXIT_USAGE
    ServedApp(location, user, home=True).run()
    return EXIT_OK


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.environ.get(TICKET_VARIABLE):
        from workflow.i18n import _, choose, set_language

        set_language(choose())
        print(_("usage: python -m cli.serve WORKSPACE (started by `tandem serve` for a logged-in browser session)"),
              file=sys.stderr)
        sys.exit(EXIT_USAGE)
    sys.exit(session(sys.argv[1:]))
