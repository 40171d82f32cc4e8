"""`tandem serve`: the TUI in a browser through textual-serve, one app process per browser session.

Every session runs `python -m cli.serve WORKSPACE`, which opens the TUI without a user and asks the
person at the page who they are (tui/screens/whoami.py); textual-serve passes nothing from the page's
URL to the process it starts, so naming oneself inside the app is the one way that works per session.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import shlex
import signal
import socket
import sys
from pathlib import Path

from cli.output import EXIT_OK, EXIT_USAGE

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
# How long a stop waits for open sessions to save and exit before they are killed.
SESSION_EXIT_SECONDS = 10


def serve(args, path: Path) -> int:
    from workflow.errors import InputError
    from workflow.i18n import _, language
    from workflow.workspace import Workspace

    path = path.resolve()
    # Opened (and migrated) once here, so a missing or broken file is one line now rather than an
    # error in every browser tab later, and sessions never race each other to migrate it.
    Workspace.open(path, create=False).close()
    if not 0 <= args.port <= 65535:
        raise InputError("--port", _("{port} is not a port (0 to 65535; 0 picks a free one)").format(port=args.port))
    try:
        sock = _listen(args.host, args.port)
    except socket.gaierror as exc:
        raise InputError("--host", _("{host} cannot be resolved ({reason})").format(
            host=args.host, reason=exc.strerror)) from None
    except OSError as exc:
        raise InputError(_("port {port} on {host}").format(port=args.port, host=args.host),
                         _("cannot listen there ({reason})").format(reason=exc.strerror or exc)) from None
    port = sock.getsockname()[1]
    if not _is_loopback(args.host):
        print(_("tandem: warning: serving on {host}: anyone who can reach port {port} "
                "can open this workspace as any of its users").format(host=args.host, port=port),
              file=sys.stderr, flush=True)
    # Sessions inherit our environment, so they speak the language this command was given.
    os.environ["TANDEM_LANG"] = language()
    command = shlex.join([sys.executable, "-m", "cli.serve", str(path)])
    shown = socket.getfqdn() if args.host in ("0.0.0.0", "::") else _url_host(args.host)
    server = _server_class()(command, host=args.host, port=port, title=f"Tandem · {path.name}",
                             public_url=f"http://{shown}:{port}")
    server.announce = _("Serving {workspace} at {url}  (Ctrl-C stops)").format(
        workspace=path, url=server.public_url)
    server.serve_on(sock)
    print(_("tandem: stopped"), flush=True)
    return EXIT_OK


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
    from aiohttp import web
    from textual_serve.server import Server

    class TandemServer(Server):
        announce: str  # what to print once listening

        async def on_startup(self, app: web.Application) -> None:
            print(self.announce, flush=True)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            connection = request.transport
            if connection is not None:
                self.sessions.add(connection)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(connection)

        async def on_shutdown(self, app: web.Application) -> None:
            # Dropping each browser's connection ends its session as closing the tab does: the
            # app gets textual-serve's quit message and saves what was typed on its way out, and
            # the shutdown waits for that instead of cancelling it (which would kill the app).
            for connection in list(self.sessions):
                connection.close()

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # The page's script and websocket addresses are absolute; build them from the address
            # this browser used, which is right even where --host is 0.0.0.0 or a proxy's name.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        def serve_on(self, sock: socket.socket) -> None:
            """Server.serve, on a socket we already bound, with sessions let to save on the way out."""
            self.sessions: set[asyncio.BaseTransport] = set()  # each open browser session's connection
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for stop in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(stop, self.request_exit)
                except NotImplementedError:  # Windows: Ctrl-C arrives as KeyboardInterrupt instead
                    pass
            web.run_app(self._make_app(), sock=sock, handle_signals=False, loop=loop,
                        shutdown_timeout=SESSION_EXIT_SECONDS, print=lambda *_: None)

    return TandemServer


def session(argv: list[str]) -> int:
    """One browser session: the TUI on the workspace, as whoever the person at the page names."""
    from tui.app import run_app
    from workflow.i18n import choose, set_language

    set_language(choose())
    run_app(Path(argv[0]), None)
    return EXIT_OK


if __name__ == "__main__":
    if len(sys.argv) != 2:
        from workflow.i18n import _, choose, set_language

        set_language(choose())
        print(_("usage: python -m cli.serve WORKSPACE (started by `tandem serve`)"), file=sys.stderr)
        sys.exit(EXIT_USAGE)
    sys.exit(session(sys.argv[1:]))
