"""Handlers for `tandem tm`: concordance search, TMX import and export."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from cli.output import EXIT_OK, emit_json, write_atomically
from cli.table import table
from workflow.i18n import _, format_datetime, format_number


def _tm(ws, args, user: str) -> int:
    return _ACTIONS[args.action](ws.tm, args, user)


def _search(tm, args, user: str) -> int:
    units = tm.search(args.text)
    if args.json:
        emit_json([asdict(u) for u in units])
        return EXIT_OK
    if not units:
        print(_("No translation memory unit contains {text!r}.").format(text=args.text))
        return EXIT_OK
    rows = [[str(u.id), u.source, u.target, u.approver or u.author, format_datetime(u.created_at)] for u in units]
    print(table([_("ID"), _("KOREAN"), _("ENGLISH"), _("BY"), _("DATE")], rows, max_width=48))
    return EXIT_OK


def _import(tm, args, user: str) -> int:
    from cli.interchange import print_warnings

    done = tm.import_tmx(args.file, by=user)
    counts = done.counts
    print(_("{file}: {added} added, {unchanged} already in memory, {skipped} units without both Korean and "
            "English, {other} variants in other languages ignored").format(
        file=args.file, added=format_number(counts["added"]), unchanged=format_number(counts["unchanged"]),
        skipped=format_number(counts["skipped"]), other=format_number(counts["other_languages"])))
    print_warnings(done.warnings)
    return EXIT_OK


def _export(tm, args, user: str) -> int:
    data = tm.export_tmx()
    if args.output:
        write_atomically(Path(args.output), data)
        print(_("wrote {file} ({count} units)").format(file=args.output, count=format_number(tm.count())))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK


_ACTIONS = {"search": _search, "import": _import, "export": _export}
HANDLERS = {"tm": _tm}
