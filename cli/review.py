"""Handlers for editing, review and sign-off from the command line."""

from __future__ import annotations

import sys

from cli.output import EXIT_OK, EXIT_USAGE, emit_json
from cli.table import table


def _edit(ws, args, user: str) -> int:
    result = ws.save_segment(args.doc, args.segment, args.text, by=user)
    if result.revision_id is None:
        print(f"segment {args.segment}: unchanged")
        return EXIT_OK
    print(f"segment {args.segment}: revision {result.revision_id} ({result.segment.state})")
    if result.voided:
        print(f"tandem: note: segment {args.segment} was {result.voided}; the edit sent it back to draft",
              file=sys.stderr)
    for role in result.voided_signoffs:
        print(f"tandem: warning: the {role} sign-off of document {args.doc} is now void", file=sys.stderr)
    return EXIT_OK


def _translated(ws, args, user: str) -> int:
    from workflow.errors import TandemError
    from workflow.models import SegmentState

    segments = ws.segments(args.doc)
    wanted = args.segments or [s.index for s in segments
                               if s.state not in (SegmentState.TRANSLATED, SegmentState.APPROVED)]
    refused = 0
    for index in wanted:
        try:
            ws.mark_translated(args.doc, index, by=user)
        except TandemError as exc:
            refused += 1
            print(f"tandem: error: {exc}", file=sys.stderr)
    print(f"{len(wanted) - refused} segments marked translated, {refused} refused")
    return EXIT_USAGE if refused else EXIT_OK


def _dismiss(ws, args, user: str) -> int:
    from workflow.errors import InputError

    views = [v for v in ws.segment_findings(args.doc, args.segment) if v.open and v.finding.check == args.check]
    if not views:
        raise InputError(args.check, f"no open findings of this check on segment {args.segment}")
    for view in views:
        ws.dismiss_finding(args.doc, args.segment, view.finding, reason=args.reason, by=user)
    print(f"segment {args.segment}: {len(views)} {args.check} finding{'s' if len(views) > 1 else ''} dismissed")
    return EXIT_OK


def _approve(ws, args, user: str) -> int:
    state = ws.review.approve(args.doc, args.segment, by=user)
    print(f"segment {args.segment}: {state}")
    return EXIT_OK


def _reject(ws, args, user: str) -> int:
    state = ws.review.reject(args.doc, args.segment, comment=args.comment, by=user)
    print(f"segment {args.segment}: {state}; the comment went to the translator")
    return EXIT_OK


def _signoff(ws, args, user: str) -> int:
    signoff = ws.review.sign_off(args.doc, args.role, by=user)
    print(f"document {args.doc} signed off as {signoff.role} by {signoff.display_name} "
          f"(content {signoff.content_hash[:12]})")
    return EXIT_OK


def _diff(ws, args, user: str) -> int:
    from workflow.diffs import DELETE, INSERT, effort, word_diff
    from workflow.errors import NotFound

    history = ws.history(args.doc, args.segment)
    by_id = {r.id: r for r in history}
    reports = {r.index: r for r in ws.review.report(args.doc)}
    if args.from_rev is not None and args.from_rev not in by_id:
        raise NotFound(f"segment {args.segment} has no revision {args.from_rev}")
    if args.to_rev is not None and args.to_rev not in by_id:
        raise NotFound(f"segment {args.segment} has no revision {args.to_rev}")
    old = by_id[args.from_rev].text if args.from_rev else (reports[args.segment].signed_text or "")
    new = by_id[args.to_rev].text if args.to_rev else reports[args.segment].text
    diff = word_diff(old, new)
    marks = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}
    print("".join(f"{marks[op][0]}{text}{marks[op][1]}" if op in marks else text for op, text in diff))
    measured = effort(old, new, diff)
    print(f"{measured.changed} of {measured.words} words changed ({measured.ratio:.0%})")
    return EXIT_OK


def _report(ws, args, user: str) -> int:
    document = ws.document(args.doc)
    rows = ws.review.report(args.doc)
    changed = sum(r.changed for r in rows)
    words = sum(r.words for r in rows)
    signoffs = ws.review.signoffs(args.doc)
    queries = [c for c in ws.comments(args.doc) if c.kind == "query" and c.open]
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
    print(f"{document.title}  ({ws.review.state(args.doc).value})")
    print(table(["SEG", "STATE", "CHANGED", "WORDS", "EFFORT", "BY"],
                [[str(r.index), r.state, str(r.changed), str(r.words),
                  f"{r.changed / r.words:.0%}" if r.words else "-", ", ".join(r.authors)] for r in rows]))
    print(f"post-editing effort: {changed} of {words} words changed "
          f"({changed / words if words else 0:.1%})")
    for s in signoffs:
        print(f"signed off as {s.role} by {s.display_name} at {s.created_at}: {'valid' if s.valid else 'void'}")
    for q in queries:
        print(f"open query on segment {q.segment} by {q.author}: {q.text}")
    return EXIT_OK


HANDLERS = {"edit": _edit, "translated": _translated, "dismiss": _dismiss, "approve": _approve,
            "reject": _reject, "signoff": _signoff, "diff": _diff, "report": _report}
