"""Tandem's command line: the same use cases as the TUI, for scripts and CI.

Kept light on purpose: `tandem --help` imports nothing but argparse, and the TUI is imported
only by the commands that open it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


def _global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="workspace file (default: $TANDEM_DB, else the user data folder)")
    parser.add_argument("--as", dest="user", metavar="USER", default=default,
                        help="act as USER (default: $TANDEM_USER, else the login name)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tandem",
        description="Korean-English translation workflow: import, review and export articles.",
        epilog="With no command, opens the terminal UI on the workspace.",
    )
    _global_options(parser, None)
    # The same options after the command (`tandem import x --as david`); SUPPRESS keeps a value
    # given before the command when none is given after it.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_with_parents(common))

    users = commands.add_parser("users", help="add and list users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=_with_parents(common)
    )
    add = users.add_parser("add", help="add a user, or give an existing user more roles")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", action="append", required=True, metavar="ROLE",
                     help="translator, editor, terminologist or admin (repeat for several)")
    add.add_argument("--name", dest="display_name", metavar="DISPLAY", help="name shown in credits, e.g. 'David Black'")
    _json_flag(users.add_parser("list", help="list users and their roles"))

    imp = commands.add_parser("import", help="import a Korean article, optionally with an English draft")
    imp.add_argument("korean", metavar="KO_FILE")
    imp.add_argument("--english", metavar="EN_FILE", help="the English draft, block for block")
    imp.add_argument("--title", metavar="T", help="document title (default: the article's # title)")
    imp.add_argument("--tags", metavar="a,b", default="", help="comma-separated tags")
    imp.add_argument("--sentences", action="store_true", help="one segment per sentence instead of per paragraph")

    _json_flag(commands.add_parser("docs", help="list documents with their progress"))

    show = commands.add_parser("show", help="a document's segments, Korean and English")
    show.add_argument("doc", type=int, metavar="DOC")
    _json_flag(show)

    export = commands.add_parser("export", help="the English article as it stands")
    export.add_argument("doc", type=int, metavar="DOC")
    export.add_argument("--format", required=True, choices=("md", "txt"))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    history = commands.add_parser("history", help="revisions with author, role and time")
    history.add_argument("doc", type=int, metavar="DOC")
    history.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    _json_flag(history)

    demo = commands.add_parser("demo", help="create (or reuse) the demo workspace and open it")
    demo.add_argument("--no-ui", action="store_true", help="only prepare it and print where it is")
    return parser


def _with_parents(common: argparse.ArgumentParser) -> type[argparse.ArgumentParser]:
    class Sub(argparse.ArgumentParser):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(parents=[common], **kwargs)

    return Sub


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON document on standard output")


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
        return _demo(args, user)
    path = resolve_workspace(args.db)
    if args.command is None:
        from tui.app import run_app

        run_app(path, user)
        return EXIT_OK
    from workflow.workspace import Workspace

    creates = args.command in {"import", "users"} and getattr(args, "users_command", "add") == "add"
    with Workspace.open(path, create=creates) as ws:
        handler = {
            "users": _users,
            "import": _import,
            "docs": _docs,
            "show": _show,
            "export": _export,
            "history": _history,
        }[args.command]
        return handler(ws, args, user)


def _emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _users(ws, args, user: str) -> int:
    from workflow.textout import table

    if args.users_command == "add":
        added = ws.add_user(args.name, args.role, display_name=args.display_name, by=user)
        print(f"{added.name} ({added.display_name}): {', '.join(added.roles)}")
        return EXIT_OK
    users = ws.users()
    if args.json:
        _emit_json([{"name": u.name, "display_name": u.display_name, "roles": list(u.roles),
                     "created_at": u.created_at} for u in users])
    else:
        print(table(["NAME", "DISPLAY NAME", "ROLES"], [[u.name, u.display_name, ", ".join(u.roles)] for u in users]))
    return EXIT_OK


def _import(ws, args, user: str) -> int:
    tags = [t for t in args.tags.split(",") if t.strip()]
    result = ws.import_document(args.korean, args.english, title=args.title, tags=tags,
                                sentences=args.sentences, by=user)
    doc = result.document
    print(doc.id)
    print(f"imported {doc.source_name} ({doc.source_encoding}) as document {doc.id}: "
          f"{result.segments} segments, {len(result.doubtful)} with a doubtful pairing")
    for index, why in result.doubtful:
        print(f"  segment {index}: {why}")
    if result.previous_import is not None:
        print(f"tandem: note: the same file(s) were imported before as document {result.previous_import}",
              file=sys.stderr)
    return EXIT_OK


def _docs(ws, args, user: str) -> int:
    from workflow.textout import table

    summaries = ws.documents()
    if args.json:
        _emit_json([_document_json(s.document) | {"segments": s.segment_count, "progress": s.progress,
                                                   "words": s.words_source, "roles": s.roles}
                    for s in summaries])
        return EXIT_OK
    if not summaries:
        print("No documents yet: `tandem import KO_FILE --english EN_FILE` or `tandem demo`.")
        return EXIT_OK
    rows = [[str(s.id), s.title, ", ".join(s.document.tags), str(s.segment_count), _progress(s.progress)]
            for s in summaries]
    print(table(["ID", "TITLE", "TAGS", "SEGMENTS", "PROGRESS"], rows))
    return EXIT_OK


def _progress(progress: dict[str, int]) -> str:
    return ", ".join(f"{n} {state}" for state, n in progress.items() if n) or "empty"


def _document_json(doc) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "tags": list(doc.tags), "source": doc.source_name,
            "encoding": doc.source_encoding, "english": doc.english_name, "segmentation": doc.segmentation,
            "created_by": doc.created_by, "created_at": doc.created_at, "updated_at": doc.updated_at}


def _show(ws, args, user: str) -> int:
    doc = ws.document(args.doc)
    segments = ws.segments(args.doc)
    if args.json:
        _emit_json({"document": _document_json(doc), "segments": [
            {"index": s.index, "block": s.block, "kind": s.kind, "state": s.state, "korean": s.source,
             "english": s.target, "alignment": {"score": s.align_score, "doubtful": s.low_confidence,
                                                "note": s.align_note}}
            for s in segments]})
        return EXIT_OK
    print(f"{doc.title}  (document {doc.id}, {len(segments)} segments)")
    for s in segments:
        flag = f" · ⚠ {s.align_note}" if s.align_note else ""
        print(f"\n[{s.index}] {s.kind} · {s.state}{flag}")
        print(f"  ko  {s.source}")
        print(f"  en  {s.target or '—'}")
    return EXIT_OK


def _export(ws, args, user: str) -> int:
    from workflow.export import export_article

    ws.document(args.doc)
    exported = export_article(ws.segments(args.doc), args.format)
    if args.output:
        _write_atomically(Path(args.output), exported.text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(exported.text)
    if exported.untranslated:
        shown = ", ".join(map(str, exported.untranslated))
        print(f"tandem: warning: segments {shown} have no English yet; their Korean stands in",
              file=sys.stderr)
    return EXIT_OK


def _write_atomically(path: Path, text: str) -> None:
    from workflow.errors import InputError

    temp = path.with_name(f".{path.name}.tandem-tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise InputError(str(path), f"cannot be written ({exc.strerror or exc})") from None


def _history(ws, args, user: str) -> int:
    from workflow.textout import table

    revisions = ws.history(args.doc, args.segment)
    if args.json:
        _emit_json([{"id": r.id, "segment": r.segment_index, "text": r.text, "author": r.author,
                     "role": r.role, "created_at": r.created_at, "parent": r.parent_id,
                     "content_hash": r.content_hash} for r in revisions])
        return EXIT_OK
    rows = [[str(r.segment_index), str(r.id), r.created_at, r.author, r.role, r.text] for r in revisions]
    print(table(["SEG", "REV", "TIME", "AUTHOR", "ROLE", "TEXT"], rows))
    return EXIT_OK


def _demo(args, user: str) -> int:
    from workflow import demo
    from workflow.paths import default_demo_path

    path = Path(args.db).expanduser() if args.db else default_demo_path()
    prepared = demo.prepare_demo(path)
    verb = "created" if prepared.created else "reusing"
    print(f"{verb} the demo workspace at {prepared.path} (document {prepared.document_id})")
    if args.no_ui:
        return EXIT_OK
    from tui.app import run_app

    run_app(prepared.path, args.user or demo.TRANSLATOR)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
