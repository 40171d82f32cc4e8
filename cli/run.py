"""Entry point: parse, dispatch to a handler, and turn every failure into one plain line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cli.parser import build_parser

from cli.output import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

# Commands that may create the workspace file; every other one needs it to exist already.
_CREATING = {("import", None), ("users", "add"), ("glossary", "import"), ("glossary", "add"),
             ("glossary", "propose"), ("tm", "import")}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from workflow.errors import TandemError

    try:
        return _dispatch(args)
    except TandemError as exc:
        print(f"tandem: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("tandem: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`) left early; that is their choice, not our error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("TANDEM_DEBUG"):
            raise
        print(f"tandem: internal error: {type(exc).__name__}: {exc} (set TANDEM_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace) -> int:
    from workflow.paths import resolve_user, resolve_workspace

    user = resolve_user(args.user)
    if args.command == "demo":
        from cli.documents import demo

        return demo(args, user)
    path = resolve_workspace(args.db)
    if args.command is None:
        from tui.app import run_app

        run_app(path, user)
        return EXIT_OK
    from cli.documents import HANDLERS as DOCUMENTS
    from cli.glossary import HANDLERS as GLOSSARY
    from cli.review import HANDLERS as REVIEW
    from cli.tm import HANDLERS as TM
    from workflow.workspace import Workspace

    action = getattr(args, "action", None)
    creates = (args.command, action) in _CREATING
    with Workspace.open(path, create=creates) as ws:
        return {**DOCUMENTS, **GLOSSARY, **REVIEW, **TM}[args.command](ws, args, user)
