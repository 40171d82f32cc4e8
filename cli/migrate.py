"""`tandem migrate-to postgresql://...`: the workspace copied, with everything it holds, into an empty
PostgreSQL database (workflow.migrate)."""

from __future__ import annotations

from cli.output import EXIT_OK, emit_json
from workflow.i18n import _, format_number


def _migrate_to(ws, args, user: str) -> int:
    from workflow.migrate import migrate_to

    done = migrate_to(ws.path, args.url, by=user)
    if args.json:
        emit_json({"from": done.source, "to": done.target, "rows": done.rows, "audit_entries": done.audit_entries})
        return EXIT_OK
    print(_("copied {source} to {target}: {rows} rows in {tables} tables, the audit chain of {entries} entries "
            "unbroken").format(source=done.source, target=done.target, rows=format_number(done.total),
                               tables=format_number(len(done.rows)), entries=format_number(done.audit_entries)))
    print(_("check it with `tandem --db {target} verify`; the original is unchanged").format(target=done.target))
    return EXIT_OK


HANDLERS = {"migrate-to": _migrate_to}
