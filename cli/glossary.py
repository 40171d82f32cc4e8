"""Handlers for the glossary and for `tandem check`."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cli.output import EXIT_FINDINGS, EXIT_OK, emit_json, write_atomically
from cli.table import table
from workflow.i18n import _, format_datetime, format_number, ngettext
from workflow.names import name

_OPTION_FIELDS = {"ko_variant": "ko_variants", "en_variant": "en_variants", "forbidden": "en_forbidden",
                  "pos": "pos", "domain": "domain", "note": "note", "case_sensitive": "case_sensitive",
                  "one_rendering": "one_rendering"}


def _glossary(ws, args, user: str) -> int:
    if args.action == "learn":
        return _learn(ws.term_learning, args, user)
    return _ACTIONS[args.action](ws.glossary, args, user)


def _learn(learning, args, user: str) -> int:
    report = learning.find() if args.dry_run else learning.learn(by=user)
    if args.json:
        emit_json({"corrections": report.corrections, "groups": report.groups,
                   "proposed": [_learned_json(found) for found in report.proposed],
                   "held": [_learned_json(found) for found in report.held]})
        return EXIT_OK
    if report.proposed:
        rows = [[str(found.term_id) if found.term_id else "-", found.ko, found.en, found.forbidden,
                 ", ".join(f"{c.document_id}:{c.segment}" for c in found.evidence), ", ".join(found.editors)]
                for found in report.proposed]
        print(table([_("ID"), _("KOREAN"), _("ENGLISH"), _("FORBIDDEN"), _("EVIDENCE (DOC:SEG)"), _("EDITORS")],
                    rows, max_width=32))
    for found in report.held:
        print(_("not proposed: {ko} → {en}: {why}").format(ko=found.ko, en=found.en, why=found.held))
    count = len(report.proposed)
    summary = (ngettext("{count} proposal would be made (nothing was written)",
                        "{count} proposals would be made (nothing was written)", count) if args.dry_run
               else ngettext("{count} proposal made; a terminologist approves, edits or rejects it",
                             "{count} proposals made; a terminologist approves, edits or rejects them", count))
    print(_("{corrections} editors' corrections read.").format(corrections=format_number(report.corrections))
          + " " + summary.format(count=format_number(count)))
    return EXIT_OK


def _learned_json(found) -> dict[str, Any]:
    return {"term": found.term_id, "ko": found.ko, "en": found.en, "forbidden": found.forbidden,
            "score": round(found.score, 3), "editors": found.editors, "held": found.held or None,
            "evidence": [{"document": c.document_id, "segment": c.segment, "before": c.before, "after": c.after,
                          "before_revision": c.before_revision, "after_revision": c.after_revision,
                          "editor": c.editor} for c in found.evidence]}


def _import(glossary, args, user: str) -> int:
    from cli.interchange import print_warnings

    done = glossary.import_file(args.file, by=user)
    counts = done.counts
    print(_("{file}: {added} added, {updated} updated, {unchanged} unchanged").format(
        file=args.file, added=format_number(counts["added"]), updated=format_number(counts["updated"]),
        unchanged=format_number(counts["unchanged"])))
    print_warnings(done.warnings)
    return EXIT_OK


def _export(glossary, args, user: str) -> int:
    data = glossary.export(args.format)
    if args.output:
        write_atomically(Path(args.output), data)
        print(_("wrote {file}").format(file=args.output))
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    return EXIT_OK


def _list(glossary, args, user: str) -> int:
    terms = glossary.terms(status=args.status, search=args.search)
    if args.json:
        emit_json([term_json(t) for t in terms])
        return EXIT_OK
    if not terms:
        print(_("No terms.") if args.status or args.search else
              _("The glossary is empty: `tandem glossary import FILE` or `tandem glossary add KO EN`."))
        return EXIT_OK
    rows = [[str(t.id), t.ko, t.en, " | ".join(t.en_variants), " | ".join(t.en_forbidden), name(t.status)]
            for t in terms]
    print(table([_("ID"), _("KOREAN"), _("ENGLISH"), _("ADMITTED"), _("FORBIDDEN"), _("STATUS")], rows,
                max_width=32))
    return EXIT_OK


def _term_from_args(args) -> Any:
    from glossaries.model import Term

    fields = {field: getattr(args, option) for option, field in _OPTION_FIELDS.items()
              if getattr(args, option) is not None}
    for key in ("ko_variants", "en_variants", "en_forbidden"):
        if key in fields:
            fields[key] = tuple(fields[key])
    return Term(args.ko, args.en, **fields)


def _add(glossary, args, user: str) -> int:
    term = glossary.add(_term_from_args(args), by=user, reason=args.reason or "added")
    print(term.id)
    print(_("added term {id}: {ko} → {en} ({status})").format(id=term.id, ko=term.ko, en=term.en,
                                                              status=name(term.status)))
    return EXIT_OK


def _propose(glossary, args, user: str) -> int:
    term = glossary.propose(_term_from_args(args), by=user, reason=args.reason or "proposed")
    print(term.id)
    print(_("proposed term {id}: {ko} → {en}; a terminologist approves it").format(id=term.id, ko=term.ko,
                                                                                   en=term.en))
    return EXIT_OK


def _step(action: str):
    def run(glossary, args, user: str) -> int:
        reason = args.reason or f"{action}d"
        term = getattr(glossary, action)(args.id, by=user, reason=reason)
        print(_("term {id} ({ko} → {en}) is now {status}").format(id=term.id, ko=term.ko, en=term.en,
                                                                  status=name(term.status)))
        return EXIT_OK

    return run


def _edit(glossary, args, user: str) -> int:
    changes = {field: getattr(args, option) for option, field in _OPTION_FIELDS.items()
               if getattr(args, option) is not None}
    for key in ("ko", "en"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    for key in ("ko_variants", "en_variants", "en_forbidden"):
        if key in changes:
            changes[key] = tuple(v for v in changes[key] if v)
    term = glossary.edit(args.id, by=user, reason=args.reason, **changes)
    print(_("term {id} revised: {ko} → {en}").format(id=term.id, ko=term.ko, en=term.en))
    return EXIT_OK


def _history(glossary, args, user: str) -> int:
    revisions = glossary.history(args.id)
    if args.json:
        emit_json([{"revision": r.revision_id, "author": r.author, "role": r.role, "created_at": r.created_at,
                    "reason": r.reason, "parent": r.parent_id, "term": term_json(r.term)} for r in revisions])
        return EXIT_OK
    rows = [[str(r.revision_id), format_datetime(r.created_at, "medium"), r.author, name(r.role),
             name(r.term.status), r.reason, f"{r.term.ko} → {r.term.en}"] for r in revisions]
    print(table([_("REV"), _("TIME"), _("AUTHOR"), _("ROLE"), _("STATUS"), _("REASON"), _("ENTRY")], rows,
                max_width=40))
    return EXIT_OK


def _impact(glossary, args, user: str) -> int:
    impact = glossary.impact(args.id)
    failing = impact.failing_approved
    if args.json:
        emit_json({"term": term_json(impact.term),
                   "occurrences": [dict(asdict(o), state=o.state.value, fails=o.fails) for o in impact.occurrences],
                   "failing_approved": [{"document": o.document_id, "segment": o.segment} for o in failing]})
        return EXIT_OK
    term = impact.term
    print(_("term {id}: {ko} → {en} ({status}); {occurrences} occurrences, {failing} approved segments would "
            "fail").format(id=term.id, ko=term.ko, en=term.en, status=name(term.status),
                           occurrences=format_number(len(impact.occurrences)), failing=format_number(len(failing))))
    rows = [[str(o.document_id), str(o.segment), name(o.state), o.korean,
             _("ok") if not o.fails else (_("forbidden: {forms}").format(forms=", ".join(o.forbidden))
                                          if o.forbidden else _("missing"))]
            for o in impact.occurrences]
    if rows:
        print(table([_("DOC"), _("SEG"), _("STATE"), _("KOREAN"), _("ENGLISH")], rows))
    return EXIT_OK


def term_json(term) -> dict[str, Any]:
    data = asdict(term)
    data["status"] = term.status.value
    return {"id": data.pop("id"), **{k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}}


def _check(ws, args, user: str) -> int:
    document = ws.documents.get(args.doc)
    views = ws.findings.document(args.doc)
    open_findings = [v.finding for v in views if v.open]
    errors = sum(1 for f in open_findings if f.severity == "error")
    if args.json:
        emit_json({"document": {"id": document.id, "title": document.title},
                   "findings": [dict(v.finding.to_json(), dismissed=None if v.open else {
                       "by": v.dismissal.user, "reason": v.dismissal.reason, "at": v.dismissal.created_at})
                       for v in views]})
    else:
        for v in views:
            f = v.finding
            note = "" if v.open else " " + _("(dismissed by {user}: {reason})").format(
                user=v.dismissal.user, reason=v.dismissal.reason)
            print(_("segment {index}: {severity}: {message} [{check}]").format(
                index=f.segment, severity=name(f.severity), message=f.message, check=f.check) + note)
        warnings = sum(1 for f in open_findings if f.severity == "warning")
        print(_("{title}: {errors} errors, {warnings} warnings, {notes} notes open; {dismissed} dismissed").format(
            title=document.title, errors=format_number(errors), warnings=format_number(warnings),
            notes=format_number(len(open_findings) - errors - warnings),
            dismissed=format_number(len(views) - len(open_findings))))
    return EXIT_FINDINGS if errors else EXIT_OK


_ACTIONS = {
    "import": _import, "export": _export, "list": _list, "add": _add, "propose": _propose,
    "approve": _step("approve"), "reject": _step("reject"), "deprecate": _step("deprecate"),
    "edit": _edit, "history": _history, "impact": _impact,
}

HANDLERS = {"glossary": _glossary, "check": _check}
