"""`tandem pair`: moving English between segments to put an import's pairing right (issue 19)."""

from __future__ import annotations

import sys

from cli.output import EXIT_OK, emit_json
from workflow.i18n import _, ngettext
from workflow.names import name

_FLAGS = {"down": "--down", "up": "--up", "join": "--join", "split": "--split"}


def _pair(ws, args, user: str) -> int:
    from workflow.models import Move, Operation

    if args.move == "ok":
        return _confirm(ws, args, user)
    move = Move(args.move or "split")  # --split K sets only `split`
    operation = Operation(move, args.segment, at=args.split if move is Move.SPLIT else None, through=args.through)
    result = ws.pairing.apply(args.doc, operation, by=user)
    done = result.plan
    undo = _undo_commands(ws, args.doc, done.undo)
    states = {s.index: s.state for s in result.segments}
    if args.json:
        emit_json({"operation": _operation_json(done.operation),
                   "changed": [{"segment": row.index, "before": row.before, "after": row.after,
                                "state": states[row.index].value, "revision": result.revisions[row.index]}
                               for row in done.changes],
                   "voided": {str(i): s.value for i, s in result.voided.items()},
                   "voided_signoffs": [r.value for r in result.voided_signoffs],
                   "undo": [_operation_json(u) for u in done.undo], "undo_commands": undo})
        return EXIT_OK
    count = len(done.changes)
    print(ngettext("document {id}: {what}: {count} segment changed",
                   "document {id}: {what}: {count} segments changed", count).format(
        id=args.doc, what=done.operation.describe(), count=count))
    for row in done.changes:
        text = _line(row.after)
        print(_("segment {index} ({state}): {text}").format(
            index=row.index, state=name(states[row.index]), text=text or _("(no English)")))
    if undo:
        print(_("undo: {commands}").format(commands=" && ".join(undo)))
    else:
        print(_("undo: no move puts this back (a joint falls inside a sentence); every segment's earlier "
                "text is in its history (`tandem history {id}`)").format(id=args.doc))
    for index, state in sorted(result.voided.items()):
        print(_("tandem: note: segment {index} was {state}; the move sent it back to draft").format(
            index=index, state=name(state)), file=sys.stderr)
    for role in result.voided_signoffs:
        print(_("tandem: warning: the {role} sign-off of document {id} is now void").format(
            role=name(role), id=args.doc), file=sys.stderr)
    return EXIT_OK


def _confirm(ws, args, user: str) -> int:
    """`--ok`: the pairing of segment N is right; its doubtful mark goes, its text stays."""
    if args.through is not None:
        from workflow.errors import InputError

        raise InputError("--through", _("a confirmation moves nothing; give --through with a move"))
    segment = ws.pairing.confirm(args.doc, args.segment, by=user)
    if args.json:
        emit_json({"document": args.doc, "segment": segment.index, "confirmed": True,
                   "doubtful": segment.low_confidence})
        return EXIT_OK
    print(_("document {id}: segment {index}: pairing confirmed; it is no longer marked doubtful").format(
        id=args.doc, index=segment.index))
    return EXIT_OK


def _line(text: str, room: int = 100) -> str:
    """The English on one line, cut short (`--json` has it whole)."""
    line = " ".join(text.split())
    return line if len(line) <= room else line[:room - 1].rstrip() + "…"


def _undo_commands(ws, document_id: int, undo) -> list[str]:
    """The undo moves as commands; `--through` only where it is not what the command would choose."""
    from workflow.models.pairing import apply, default_through

    texts = [s.target for s in ws.documents.segments(document_id)]
    commands = []
    for operation in undo:
        words = ["tandem", "pair", str(document_id), str(operation.index), _FLAGS[operation.move.value]]
        if operation.at is not None:
            words.append(str(operation.at))
        if operation.through != default_through(texts, operation.move, operation.index):
            words += ["--through", str(operation.through)]
        commands.append(" ".join(words))
        texts = apply(texts, operation)
    return commands


def _operation_json(operation) -> dict:
    return {"move": operation.move.value, "segment": operation.index, "at": operation.at,
            "through": operation.through}


HANDLERS = {"pair": _pair}
