"""Handlers for `tandem tm`: concordance search, TMX import and export."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from cli.output import EXIT_OK, emit_json, write_atomically
from cli.table import table


def _tm(ws, args, user: str) -> int:
    return _ACTIONS[args.action](ws.tm, args, user)


def _search(tm, args, user: str) -> int:
    units = tm.search(args.text)
    if args.json:
        emit_json([asdict(u) for u in units])
        return EXIT_OK
    if not units:
        print(f"No translation memory unit contains {args.text!r}.")
        return EXIT_OK
    rows = [[str(u.id), u.source, u.target, u.approver or u.author, u.created_at[:10]] for u in units]
    print(table(["ID", "KOREAN", "ENGLISH", "BY", "DATE"], rows, max_width=48))
    return EXIT_OK


def _import(tm, args, user: str) -> int:
    counts = tm.import_tmx(args.file, by=user)
    print(f"{args.file}: {counts['added']} added, {counts['unchanged']} already in memory, "
          f"{counts['skipped']} units without both Korean and English, "
          f"{counts['other_languages']} variants in other languages ignored")
    return EXIT_OK


def _export(tm, args, user: str) -> int:
    data = tm.export_tmx()
    if args.output:
        write_atomically(Path(args.output), data)
        print(f"wrote {args.output} ({tm.count()} units)")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK


_ACTIONS = {"search": _search, "import": _import, "export": _export}
HANDLERS = {"tm": _tm}
