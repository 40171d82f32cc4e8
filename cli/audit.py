"""`tandem verify`: whether the workspace (its file or database) still holds what Tandem wrote."""

from __future__ import annotations

from cli.output import EXIT_OK, emit_json
from workflow.i18n import _, format_number, ngettext

EXIT_TAMPERED = 1


def _verify(ws, args, user: str) -> int:
    result = ws.audit.verify()
    if args.json:
        emit_json({"ok": result.ok, "audit_entries": result.entries, "revisions": result.revisions,
                   "problems": [{"what": b.what, "id": b.id, "problem": b.problem} for b in result.breaches]})
    elif result.ok:
        print(_("{path}: intact ({entries} audit entries chained, {revisions} revisions match their hashes)").format(
            path=ws.location.display, entries=format_number(result.entries),
            revisions=format_number(result.revisions)))
    else:
        count = len(result.breaches)
        if ws.location.is_file:
            said = ngettext("{path}: {count} problem; the file was changed outside Tandem",
                            "{path}: {count} problems; the file was changed outside Tandem", count)
        else:
            said = ngettext("{path}: {count} problem; the database was changed outside Tandem",
                            "{path}: {count} problems; the database was changed outside Tandem", count)
        print(said.format(path=ws.location.display, count=count))
        for breach in result.breaches:
            print(f"  {breach}")
    return EXIT_OK if result.ok else EXIT_TAMPERED


HANDLERS = {"verify": _verify}
