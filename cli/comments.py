"""Handlers for `tandem comment`: add a note or query, list threads, reply, resolve (and the same as
`tandem comments`, `tandem reply`, `tandem resolve-comment`)."""

from __future__ import annotations

from cli.output import EXIT_OK, emit_json
from workflow.models import THREAD_STATES, default_kind
from workflow.i18n import _, format_datetime
from workflow.names import name


def _comment(ws, args, user: str) -> int:
    return _ACTIONS[args.action](ws, args, user)


def _add(ws, args, user: str) -> int:
    kind = args.kind or default_kind(args.text)
    comment = ws.comments.add(args.doc, args.segment, args.text, kind=kind, by=user)
    print(_("comment {id} on segment {index} ({kind})").format(id=comment.id, index=comment.segment,
                                                              kind=name(kind)))
    return EXIT_OK


def _list(ws, args, user: str) -> int:
    threads = ws.comments.threads(args.doc, args.segment)
    if args.open:
        open_ids = {c.id for c in ws.comments.open_queries(args.doc, args.segment)}
        threads = [t for t in threads if t.root.id in open_ids]
    if args.json:
        emit_json([{"id": t.root.id, "segment": t.root.segment, "kind": t.root.kind, "state": t.state,
                    "comments": [{"id": c.id, "author": c.author, "at": c.created_at, "text": c.text}
                                 for c in t.comments],
                    "resolved_by": t.root.resolved_by, "resolved_at": t.root.resolved_at} for t in threads])
        return EXIT_OK
    if not threads:
        print(_("No comments."))
        return EXIT_OK
    for thread in threads:
        root = thread.root
        print(_("#{id} segment {index} · {kind} · {state}").format(
            id=root.id, index=root.segment, kind=name(root.kind), state=_(THREAD_STATES[thread.state])))
        for c in thread.comments:
            print(f"    {c.author} ({format_datetime(c.created_at)}): {c.text}")
        if root.resolved_by:
            print("    " + _("closed by {user}").format(user=root.resolved_by))
    return EXIT_OK


def _reply(ws, args, user: str) -> int:
    reply = ws.comments.reply(args.id, args.text, by=user)
    print(_("reply {id} added to thread {thread} on segment {index}").format(
        id=reply.id, thread=reply.parent_id, index=reply.segment))
    return EXIT_OK


def _resolve(ws, args, user: str) -> int:
    thread = ws.comments.resolve(args.id, by=user)
    print(_("thread {id}: closed").format(id=thread))
    return EXIT_OK


_ACTIONS = {"add": _add, "list": _list, "reply": _reply, "resolve": _resolve}
# `tandem comments|reply|resolve-comment` are the same handlers as `tandem comment list|reply|resolve`.
HANDLERS = {"comment": _comment, "comments": _list, "reply": _reply, "resolve-comment": _resolve}
