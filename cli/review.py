"""Handlers for editing, review and sign-off from the command line."""

from __future__ import annotations

import sys

from cli.output import EXIT_OK, EXIT_USAGE, emit_json
from cli.table import table
from workflow.i18n import _, format_datetime, format_number, format_percent, ngettext
from workflow.names import name


def _edit(ws, args, user: str) -> int:
    from workflow.models import SegmentState

    save = ws.editing.save_and_approve if args.approve else ws.editing.save
    result = save(args.doc, args.segment, args.text, by=user, based_on=args.based_on)
    if result.revision_id is None:
        if args.approve:
            print(_("segment {index}: {state}").format(index=args.segment, state=name(result.segment.state)))
        else:
            print(_("segment {index}: unchanged").format(index=args.segment))
        return EXIT_OK
    if args.approve and result.segment.state is not SegmentState.APPROVED:
        # The text is kept (merged or in conflict) but was not what the editor read: not approved.
        code = EXIT_USAGE
        print(_("tandem: warning: segment {index} not approved: someone saved it since your base; read the "
                "text as it is now and approve it").format(index=args.segment), file=sys.stderr)
    else:
        code = EXIT_OK
    # A merge and a conflict both kept the text, so both exit 0 (unless an approval was asked for);
    # the words say which happened.
    if result.conflict:
        print(_("segment {index}: in conflict: a change saved since your base touched the same words; both "
                "are kept (yours as revision {revision}); see `tandem conflicts {id}`, then `tandem resolve "
                "{id} {index}`").format(index=args.segment, revision=result.revision_id, id=args.doc))
    elif result.merged:
        print(_("segment {index}: merged with a change saved since your base; revision {revision} ({state})").format(
            index=args.segment, revision=result.segment.revision_id, state=name(result.segment.state)))
    else:
        print(_("segment {index}: revision {revision} ({state})").format(
            index=args.segment, revision=result.revision_id, state=name(result.segment.state)))
    if result.voided:
        print(_("tandem: note: segment {index} was {state}; the edit sent it back to draft").format(
            index=args.segment, state=name(result.voided)), file=sys.stderr)
    for role in result.voided_signoffs:
        print(_("tandem: warning: the {role} sign-off of document {id} is now void").format(
            role=name(role), id=args.doc), file=sys.stderr)
    return code


def _revision_json(revision) -> dict | None:
    if revision is None:
        return None
    return {"id": revision.id, "text": revision.text, "author": revision.author, "role": revision.role.value,
            "created_at": revision.created_at}


def _conflicts(ws, args, user: str) -> int:
    found = ws.editing.conflicts(args.doc)
    if args.json:
        emit_json([{"id": c.id, "segment": c.segment_index, "opened_by": c.opened_by, "opened_at": c.opened_at,
                    "base": _revision_json(c.base), "theirs": _revision_json(c.theirs),
                    "mine": _revision_json(c.mine)} for c in found])
        return EXIT_OK
    if not found:
        print(_("document {id} has no open conflicts").format(id=args.doc))
        return EXIT_OK
    for c in found:
        print(_("segment {index}: conflict {id}, opened by {user} at {time}").format(
            index=c.segment_index, id=c.id, user=c.opened_by, time=format_datetime(c.opened_at, "medium")))
        for label, revision in ((_("base"), c.base), (_("theirs"), c.theirs), (_("mine"), c.mine)):
            if revision is None:
                print(f"  {label:<7} " + _("(no text: both started from an empty segment)"))
            else:
                print(f"  {label:<7} " + _("revision {revision} by {user}: {text}").format(
                    revision=revision.id, user=revision.author, text=revision.text))
    return EXIT_OK


def _resolve(ws, args, user: str) -> int:
    from workflow.errors import InputError

    if args.text is not None:
        text = args.text
    else:
        conflict = ws.editing.conflict(args.doc, args.segment)
        if conflict is None:
            raise InputError(_("segment {index}").format(index=args.segment),
                             _("is not in conflict; there is nothing to resolve"))
        text = conflict.theirs.text if args.take == "theirs" else conflict.mine.text
    result = ws.editing.resolve_conflict(args.doc, args.segment, text, by=user)
    print(_("segment {index}: conflict resolved; revision {revision} ({state})").format(
        index=args.segment, revision=result.revision_id, state=name(result.segment.state)))
    for role in result.voided_signoffs:
        print(_("tandem: warning: the {role} sign-off of document {id} is now void").format(
            role=name(role), id=args.doc), file=sys.stderr)
    return EXIT_OK


def _translated(ws, args, user: str) -> int:
    from workflow.errors import PermissionDenied, TandemError
    from workflow import states
    from workflow.models import SegmentState

    segments = ws.documents.segments(args.doc)
    wanted = args.segments or [s.index for s in segments if states.is_work(s)
                               and s.state not in (SegmentState.TRANSLATED, SegmentState.APPROVED)]
    refused = 0
    for index in wanted:
        try:
            ws.editing.mark_translated(args.doc, index, by=user)
        except PermissionDenied:
            # About who is acting, not about this segment: it refuses the whole command, once.
            raise
        except TandemError as exc:
            refused += 1
            print(_("tandem: error: {problem}").format(problem=exc), file=sys.stderr)
    print(_("{marked} segments marked translated, {refused} refused").format(
        marked=format_number(len(wanted) - refused), refused=format_number(refused)))
    return EXIT_USAGE if refused else EXIT_OK


def _dismiss(ws, args, user: str) -> int:
    from workflow.errors import InputError

    views = [v for v in ws.findings.segment(args.doc, args.segment) if v.open and v.finding.check == args.check]
    if not views:
        raise InputError(args.check, _("no open findings of this check on segment {index}").format(index=args.segment))
    for view in views:
        ws.editing.dismiss(args.doc, args.segment, view.finding, reason=args.reason, by=user)
    print(ngettext("segment {index}: {count} {check} finding dismissed",
                   "segment {index}: {count} {check} findings dismissed", len(views)).format(
        index=args.segment, count=len(views), check=args.check))
    return EXIT_OK


def _approve(ws, args, user: str) -> int:
    state = ws.review.approve(args.doc, args.segment, by=user)
    print(_("segment {index}: {state}").format(index=args.segment, state=name(state)))
    return EXIT_OK


def _reject(ws, args, user: str) -> int:
    state = ws.review.reject(args.doc, args.segment, comment=args.comment, by=user)
    print(_("segment {index}: {state}; the comment went to the translator").format(index=args.segment,
                                                                                 state=name(state)))
    return EXIT_OK


def _signoff(ws, args, user: str) -> int:
    from workflow.errors import SignOffUnconfirmed

    try:
        signoff = ws.review.sign_off(args.doc, args.role, by=user, confirm=args.confirm)
    except SignOffUnconfirmed as exc:
        for warning in exc.warnings.values():
            print(_("tandem: warning: {warning}").format(warning=warning), file=sys.stderr)
        print(_("tandem: error: not signed off; repeat with --confirm to sign over the warnings above"),
              file=sys.stderr)
        return EXIT_USAGE
    for note in ws.review.readiness(args.doc, args.role).notes:
        print(_("tandem: note: {note}").format(note=note), file=sys.stderr)
    print(_("document {id} signed off as {role} by {name} (content {hash})").format(
        id=args.doc, role=name(signoff.role), name=signoff.display_name, hash=signoff.content_hash[:12]))
    return EXIT_OK


def _diff(ws, args, user: str) -> int:
    from workflow.diffs import DELETE, INSERT, effort, word_diff
    from workflow.errors import NotFound

    history = ws.documents.history(args.doc, args.segment)
    by_id = {r.id: r for r in history}
    reports = {r.index: r for r in ws.review.report(args.doc)}
    if args.from_rev is not None and args.from_rev not in by_id:
        raise NotFound(_("segment {index} has no revision {revision}").format(index=args.segment,
                                                                            revision=args.from_rev))
    if args.to_rev is not None and args.to_rev not in by_id:
        raise NotFound(_("segment {index} has no revision {revision}").format(index=args.segment,
                                                                            revision=args.to_rev))
    old = by_id[args.from_rev].text if args.from_rev else (reports[args.segment].signed_text or "")
    new = by_id[args.to_rev].text if args.to_rev else reports[args.segment].text
    diff = word_diff(old, new)
    marks = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}
    print("".join(f"{marks[op][0]}{text}{marks[op][1]}" if op in marks else text for op, text in diff))
    measured = effort(old, new, diff)
    print(_("{changed} of {words} words changed ({share})").format(
        changed=format_number(measured.changed), words=format_number(measured.words),
        share=format_percent(measured.ratio)))
    return EXIT_OK


def _report(ws, args, user: str) -> int:
    document = ws.documents.get(args.doc)
    rows = ws.review.report(args.doc)
    changed = sum(r.changed for r in rows)
    words = sum(r.words for r in rows)
    signoffs = ws.review.signoffs(args.doc)
    queries = ws.comments.open_queries(args.doc)
    if args.json:
        emit_json({
            "document": {"id": document.id, "title": document.title, "state": ws.review.state(args.doc).value},
            "segments": [{"segment": r.index, "state": r.state.value, "changed": r.changed, "words": r.words,
                          "effort": r.changed / r.words if r.words else 0.0, "authors": list(r.authors)}
                         for r in rows],
            "total": {"changed": changed, "words": words, "effort": changed / words if words else 0.0},
            "signoffs": [{"user": s.user, "role": s.role.value, "at": s.created_at, "valid": s.valid}
                         for s in signoffs],
            "open_queries": [{"id": q.id, "segment": q.segment, "author": q.author, "text": q.text}
                             for q in queries],
        })
        return EXIT_OK
    print(f"{document.title}  ({name(ws.review.state(args.doc))})")
    print(table([_("SEG"), _("STATE"), _("CHANGED"), _("WORDS"), _("EFFORT"), _("BY")],
                [[str(r.index), name(r.state), format_number(r.changed), format_number(r.words),
                  format_percent(r.changed / r.words) if r.words else "-", ", ".join(r.authors)] for r in rows]))
    print(_("post-editing effort: {changed} of {words} words changed ({share})").format(
        changed=format_number(changed), words=format_number(words),
        share=format_percent(changed / words if words else 0, 1)))
    for s in signoffs:
        print(_("signed off as {role} by {name} at {time}: {verdict}").format(
            role=name(s.role), name=s.display_name, time=format_datetime(s.created_at, "medium"),
            verdict=_("valid") if s.valid else _("void")))
    for q in queries:
        print(_("open query on segment {index} by {author}: {text}").format(index=q.segment, author=q.author,
                                                                            text=q.text))
    return EXIT_OK


HANDLERS = {"edit": _edit, "conflicts": _conflicts, "resolve": _resolve, "translated": _translated, "dismiss": _dismiss, "approve": _approve,
            "reject": _reject, "signoff": _signoff, "diff": _diff, "report": _report}
