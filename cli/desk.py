"""Handlers for the news desk (workflow.desk): `tandem assign`, `tandem desk`, `tandem queue` and
`tandem inbox`, and the assignment options `tandem import` takes."""

from __future__ import annotations

from cli.output import EXIT_OK, emit_json
from cli.table import table
from workflow.i18n import _, format_datetime, format_number


def apply_assignment(ws, document_id: int, args, user: str) -> bool:
    """Apply --translator, --editor, --due and --priority (and `assign`'s --unassign) to the
    document; whether any was given. Each is its own audited change, as the desk would make it."""
    given = False
    for role in ("translator", "editor"):
        if getattr(args, role, None):
            ws.desk.assign(document_id, role, getattr(args, role), by=user)
            given = True
        if role in (getattr(args, "unassign", None) or ()):
            ws.desk.assign(document_id, role, None, by=user)
            given = True
    if args.due is not None or args.priority is not None:
        ws.desk.set_due(document_id, args.due, args.priority, by=user)
        given = True
    return given


def check_assignment(ws, args) -> None:
    """Refuse a due time that cannot be read or an assignee who is not a user, before the import
    they go with writes anything."""
    from workflow.due import parse_due
    from workflow.errors import NotFound

    if getattr(args, "due", None) is not None:
        parse_due(args.due)
    for role in ("translator", "editor"):
        name = getattr(args, role, None)
        if name and ws.users.find(name) is None:
            raise NotFound(_("{name!r} is not a user of this workspace").format(name=name))


def assignment_line(assignment) -> str:
    nobody = _("nobody")
    line = _("translator: {translator}; editor: {editor}; due: {due}; priority: {priority}").format(
        translator=assignment.translator or nobody, editor=assignment.editor or nobody,
        due=format_datetime(assignment.due_at) if assignment.due_at else _("no due time"),
        priority=_priority(assignment.priority))
    return line


def _priority(priority: str) -> str:
    from workflow.models.desk import priority_name

    return priority_name(priority)


def _assign(ws, args, user: str) -> int:
    from workflow.errors import InputError

    ws.documents.get(args.doc)
    if not apply_assignment(ws, args.doc, args, user):
        raise InputError("assign", _("say what to assign: --translator, --editor, --due, --priority or --unassign"))
    assignment = ws.desk.assignment(args.doc)
    if getattr(args, "json", False):
        emit_json(_assignment_json(assignment))
        return EXIT_OK
    print(_("document {id}: {assignment}").format(id=args.doc, assignment=assignment_line(assignment)))
    return EXIT_OK


def _assignment_json(assignment) -> dict:
    return {"document": assignment.document_id, "translator": assignment.translator, "editor": assignment.editor,
            "due": assignment.due_at, "priority": assignment.priority}


def _desk(ws, args, user: str) -> int:
    rows = ws.desk.desk()
    if args.json:
        emit_json([row.to_json() for row in rows])
        return EXIT_OK
    if not rows:
        print(_("No document is in flight."))
        return EXIT_OK
    from workflow.names import name

    print(table([_("LATE"), _("DUE"), _("PRIORITY"), _("ID"), _("TITLE"), _("STATE"), _("HOLDER"),
                 _("WORDS LEFT"), _("QUERIES")],
                [[row.late_text, row.due_text, row.priority_text, str(row.summary.id), row.summary.title,
                  name(row.state), _holder(row), format_number(row.words_left), format_number(row.open_queries)]
                 for row in rows], max_width=40))
    return EXIT_OK


def _holder(row) -> str:
    from workflow.names import name

    who = row.holder or _("unassigned")
    return f"{who} ({name(row.holder_role)})" if row.holder_role else who


def _queue(ws, args, user: str) -> int:
    items = ws.desk.queue(user)
    if args.json:
        emit_json([item.to_json() for item in items])
        return EXIT_OK
    if not items:
        print(_("Nothing is waiting for you."))
        return EXIT_OK
    print(table([_("LATE"), _("DUE"), _("PRIORITY"), _("ID"), _("TITLE"), _("WAITING")],
                [[item.row.late_text, item.row.due_text, item.row.priority_text, str(item.summary.id),
                  item.summary.title, item.what] for item in items], max_width=40))
    return EXIT_OK


def _inbox(ws, args, user: str) -> int:
    """Shown is seen: what this prints is marked seen, so the next `tandem inbox` (or the app's
    toasts) shows only what is new; --all shows every one again."""
    notes = ws.desk.inbox(user, unseen_only=not args.all)
    if args.json:
        emit_json([note.to_json() for note in notes])
    elif not notes:
        print(_("No new notifications.") if not args.all else _("No notifications."))
    else:
        for note in notes:
            print(f"{format_datetime(note.created_at)}  {'' if note.seen_at else '* '}{note.text}")
    ws.desk.mark_seen(user, [note.id for note in notes if note.seen_at is None])
    return EXIT_OK


HANDLERS = {"assign": _assign, "desk": _desk, "queue": _queue, "inbox": _inbox}
