"""Entry point: parse, dispatch to a handler, and turn every failure into one plain line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cli.parser import build_parser

from cli.output import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from workflow.i18n import _, choose, set_language

if TYPE_CHECKING:
    from workflow.paths import WorkspaceLocation

# Commands that may create the workspace file; every other one needs it to exist already. (A database
# must exist already for every command: its tables are made by whichever command opens it first.)
_CREATING = {("import", None), ("users", "add"), ("glossary", "import"), ("glossary", "add"),
             ("glossary", "propose"), ("tm", "import")}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language is needed before parsing: the parser's help and errors are in it.
    set_language(choose(_language_asked(argv)))
    args = build_parser().parse_args(argv)
    from workflow.errors import TandemError

    try:
        return _dispatch(args)
    except TandemError as exc:
        print(_("tandem: error: {problem}").format(problem=exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(_("tandem: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`) left early; that is their choice, not our error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("TANDEM_DEBUG"):
            raise
        print(_("tandem: internal error: {kind}: {problem} (set TANDEM_DEBUG=1 for details)").format(
              kind=type(exc).__name__, problem=exc), file=sys.stderr)
        return EXIT_INTERNAL


def _language_asked(argv: list[str]) -> str | None:
    """The value of the last --lang (`--lang ko` or `--lang=ko`), wherever it stands; argparse checks it."""
    asked = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
    return asked


def _dispatch(args: argparse.Namespace) -> int:
    from workflow.paths import requested_user, resolve_workspace

    requested = requested_user(args.user)
    try:
        return _run(args, requested, resolve_workspace)
    finally:
        from workflow.identity import stop_acting

        stop_acting()  # per process; main() may be called again in one (tests, scripts)


def _run(args: argparse.Namespace, requested: str | None, resolve_workspace) -> int:
    from workflow.identity import os_login

    login = os_login()
    if args.command == "demo":
        from cli.documents import demo

        return demo(args, requested)
    if args.command == "validate":  # reads a file, never a workspace
        from cli.interchange import validate

        return validate(args)
    location = resolve_workspace(args.db)
    if args.command == "serve":
        from cli.serve import serve

        return serve(args, location)
    if args.command is None:
        from tui.app import run_app
        from workflow.workspace import Workspace

        user = requested or login
        if not _missing_file(location):  # a database is asked: an unreachable one is one line here
            with Workspace.open(location, create=False) as ws:
                user = ws.identity.act(ws.identity.who(login, requested))
        run_app(location, user, home=True)  # each person starts where their work is (workflow.home)
        return EXIT_OK
    from cli.audit import HANDLERS as AUDIT
    from cli.comments import HANDLERS as COMMENTS
    from cli.desk import HANDLERS as DESK
    from cli.documents import HANDLERS as DOCUMENTS
    from cli.glossary import HANDLERS as GLOSSARY
    from cli.interchange import HANDLERS as INTERCHANGE
    from cli.migrate import HANDLERS as MIGRATE
    from cli.pairing import HANDLERS as PAIRING
    from cli.review import HANDLERS as REVIEW
    from cli.search import HANDLERS as SEARCH
    from cli.stats import HANDLERS as STATS
    from cli.tm import HANDLERS as TM
    from workflow.workspace import Workspace

    action = getattr(args, "action", None)
    creates = (args.command, action) in _CREATING
    handler = {**AUDIT, **COMMENTS, **DOCUMENTS, **GLOSSARY, **REVIEW, **TM, **INTERCHANGE, **PAIRING,
               **SEARCH, **STATS, **DESK, **MIGRATE}[args.command]
    fresh = creates and _missing_file(location)
    done = False
    try:
        with Workspace.open(location, create=creates) as ws:
            setting_up = ws.identity.empty()
            if _redeeming(args):
                user = args.name  # the invitation's one-time code, not the login, says who this is
            else:
                user = ws.identity.act(ws.identity.who(login, requested))
            code = handler(ws, args, user)
            if setting_up and code == EXIT_OK:
                ws.identity.adopt(login)  # whoever set the workspace up is its admin from now on
        done = code == EXIT_OK
        return code
    finally:
        if fresh and not done and location.path is not None:
            _remove_workspace(location.path)


def _missing_file(location: WorkspaceLocation) -> bool:
    return location.path is not None and not location.path.exists()


def _redeeming(args: argparse.Namespace) -> bool:
    """`tandem users passwd NAME --code CODE`: a person an admin invited, whose login may not be mapped yet."""
    return (args.command, getattr(args, "action", None)) == ("users", "passwd") and bool(
        getattr(args, "code", None)) and bool(getattr(args, "name", None))


def _remove_workspace(path: Path) -> None:
    """A workspace this very command created for work it then refused: leave no file behind, as if
    the command had never run (the user's folder is as it was)."""
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
