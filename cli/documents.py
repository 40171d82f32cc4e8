"""Handlers for users, documents and the demo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from cli import logins
from cli.logins import LOGIN_ACTIONS
from cli.output import EXIT_OK, emit_json, write_atomically
from tui.labels import CONFLICT_MARK  # workflow and i18n only: the same mark as on screen, no Textual
from workflow.i18n import _, format_datetime, format_number, ngettext
from workflow.names import name, names
from workflow.models import shown
from workflow.checks.length import limited_length
from workflow.states import LOCKED, progress_key


def _users(ws, args, user: str) -> int:
    from cli.table import table

    if args.action in LOGIN_ACTIONS:  # passwd, invite, disable, enable (cli/logins.py)
        return logins.handle(ws, args, user)
    if args.action == "add":
        added = ws.users.add(args.name, args.role, display_name=args.display_name, by=user)
        print(f"{added.name} ({added.display_name}): {names(added.roles)}")
        return EXIT_OK
    if args.action == "map":
        mapped = ws.identity.map_login(args.login, args.name, by=user)
        print(_("the login {login} is now {user}").format(login=args.login, user=mapped.name))
        return EXIT_OK
    if args.action == "unmap":
        ws.identity.unmap_login(args.login, by=user)
        print(_("the login {login} is no longer mapped to a user").format(login=args.login))
        return EXIT_OK
    users = ws.users.all()
    if args.json:
        emit_json([{"name": u.name, "display_name": u.display_name, "roles": list(u.roles),
                     "created_at": u.created_at, "logins": list(u.logins), "demo": u.demo,
                     "disabled_at": u.disabled_at} for u in users])
    else:
        print(table([_("NAME"), _("DISPLAY NAME"), _("ROLES"), _("LOGINS"), _("NOTE")],
                    [[u.name, u.display_name, names(u.roles), ", ".join(u.logins), _user_note(u)] for u in users]))
    return EXIT_OK


def _user_note(user) -> str:
    if user.disabled:
        return _("disabled")
    return _("demo user") if user.demo else ""


def print_article(result) -> None:
    """What importing an article made: its id alone on the first line (for scripts), then the counts."""
    doc = result.document
    print(doc.id)
    print(_("imported {file} ({encoding}) as document {id}: {segments} segments, {doubtful} with a doubtful "
            "pairing").format(file=doc.source_name, encoding=doc.source_encoding, id=doc.id,
                              segments=format_number(result.segments), doubtful=format_number(len(result.doubtful))))
    for index, why in result.doubtful:
        print("  " + _("segment {index}: {problem}").format(index=index, problem=shown(why)))
    if result.previous_import is not None:
        print(_("tandem: note: the same file(s) were imported before as document {id}").format(
            id=result.previous_import), file=sys.stderr)


def _docs(ws, args, user: str) -> int:
    from cli.table import table

    summaries = ws.documents.all()
    if args.json:
        emit_json([_document_json(s.document) | {"segments": s.segment_count, "progress": s.progress,
                                                   "locked": s.locked, "words": s.words_source, "roles": s.roles,
                                                   "published": _published_json(s.published_at, s.published_by)}
                    for s in summaries])
        return EXIT_OK
    if not summaries:
        print(_("No documents yet: `tandem import KO_FILE --english EN_FILE` or `tandem demo`."))
        return EXIT_OK
    rows = [[str(s.id), s.title, ", ".join(s.document.tags), format_number(s.segment_count), _progress(s.progress, s.locked),
             format_datetime(s.document.updated_at)] for s in summaries]
    headers = [_("ID"), _("TITLE"), _("TAGS"), _("SEGMENTS"), _("PROGRESS"), _("UPDATED")]
    if any(s.published_at for s in summaries):  # a column only once something went out
        headers.append(_("PUBLISHED"))
        for row, s in zip(rows, summaries):
            row.append(_published(s.published_at, s.published_by))
    print(table(headers, rows))
    return EXIT_OK


def _progress(progress: dict[str, int], locked: int = 0) -> str:
    counted = {**progress, LOCKED: locked}
    return ", ".join(f"{format_number(n)} {name(state)}" for state, n in counted.items() if n) or name("empty")


def _published(at: str | None, by: str | None) -> str:
    return "" if at is None else _("{time} by {user}").format(time=format_datetime(at), user=by)


def _published_json(at: str | None, by: str | None) -> dict[str, Any] | None:
    return None if at is None else {"at": at, "by": by}


def _document_json(doc) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "tags": list(doc.tags), "source": doc.source_name,
            "encoding": doc.source_encoding, "english": doc.english_name, "segmentation": doc.segmentation,
            "created_by": doc.created_by, "created_at": doc.created_at, "updated_at": doc.updated_at}


def _show(ws, args, user: str) -> int:
    doc = ws.documents.get(args.doc)
    segments = ws.documents.segments(args.doc)
    published = ws.publishing.status(args.doc)
    if args.json:
        emit_json({"document": _document_json(doc), "publications": [
            {"id": p.id, "at": p.published_at, "by": p.user, "content_hash": p.content_hash,
             "correction": p.correction} for p in ws.publishing.publications(args.doc)],
            "changed_since_published": list(published.changed), "segments": [
            {"index": s.index, "block": s.block, "kind": s.kind, "state": s.state, "conflict": s.conflict,
             "locked": s.locked, "max_length": s.max_length,
             "korean": s.source, "english": s.target, "alignment": {"score": s.align_score, "doubtful": s.low_confidence,
                                                "note": s.align_note}}
            for s in segments]})
        return EXIT_OK
    print(_("{title}  (document {id}, {segments} segments)").format(title=doc.title, id=doc.id,
                                                                  segments=format_number(len(segments))))
    _show_publication(published)
    for s in segments:
        flag = f" · ⚠ {shown(s.align_note)}" if s.align_note else ""
        # The stored English is one of two candidates until someone resolves (`tandem conflicts`).
        flag += f" · {CONFLICT_MARK} " + _("in conflict") if s.conflict else ""
        if s.max_length is not None:
            flag += " · " + _("{length}/{limit} characters").format(length=format_number(limited_length(s.target)),
                                                                    limit=format_number(s.max_length))
        print(f"\n[{s.index}] {name(s.kind)} · {name(progress_key(s))}{flag}")
        print(f"  ko  {s.source}")
        print(f"  en  {s.target or '—'}")
    return EXIT_OK


def _show_publication(status) -> None:
    latest = status.latest
    if latest is None:
        return
    print(_("published {time} by {user}").format(time=format_datetime(latest.published_at, "medium"),
                                                 user=latest.display_name))
    for p in status.corrections:
        print("  " + _("correction, {time}: {note}").format(time=format_datetime(p.published_at, "medium"),
                                                             note=shown(p.correction)))
    if status.changed:
        print("  " + _("changed since in segments {segments}: the next publication needs --correction").format(
            segments=", ".join(map(str, status.changed))))


def _export(ws, args, user: str) -> int:
    from workflow.errors import InputError
    from workflow.export import export_article

    ws.documents.get(args.doc)
    if args.format == "html" and args.publish:
        return _publish(ws, args, user)
    if args.format == "html":
        exported, problems = ws.publishing.page(args.doc)
    else:
        credit, problems = ws.review.credit_line(args.doc)
    if problems and args.require_signoff:
        raise InputError(_("document {id}").format(id=args.doc),
                         _("cannot be exported: {problems}").format(problems="; ".join(problems)))
    if args.format != "html":
        exported = export_article(ws.documents.segments(args.doc), args.format, credit)
    if args.output:
        write_atomically(Path(args.output), exported.text)
        print(_("wrote {file}").format(file=args.output))
    else:
        sys.stdout.write(exported.text)
    for problem in problems:
        print(_("tandem: warning: {problem}; the credit line is incomplete").format(problem=problem),
              file=sys.stderr)
    if exported.untranslated:
        shown = ", ".join(map(str, exported.untranslated))
        print(ngettext("tandem: warning: segment {segments} has no English yet; its Korean stands in",
                       "tandem: warning: segments {segments} have no English yet; their Korean stands in",
                       len(exported.untranslated)).format(segments=shown), file=sys.stderr)
    return EXIT_OK


def _publish(ws, args, user: str) -> int:
    """Publish the HTML: the page is written inside the transaction that records the publication,
    so a page that could not be written is not recorded as published."""
    target = Path(args.output) if args.output else None

    def deliver(text: str) -> None:
        if target is not None:
            write_atomically(target, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()

    done = ws.publishing.publish(args.doc, by=user, correction=args.correction, deliver=deliver)
    # With the page on standard output, what happened goes to standard error.
    told = sys.stdout if target is not None else sys.stderr
    if target is not None:
        print(_("wrote {file}").format(file=args.output))
    when = format_datetime(done.publication.published_at, "medium")
    if not done.new:
        print(_("tandem: note: these revisions were published {time} by {user}; nothing new recorded").format(
            time=when, user=done.publication.display_name), file=told)
    elif done.publication.correction:
        print(_("published document {id} ({time}) with a correction for segments {segments}").format(
            id=args.doc, time=when, segments=", ".join(map(str, done.changed))), file=told)
    else:
        print(_("published document {id} ({time})").format(id=args.doc, time=when), file=told)
    return EXIT_OK


def _history(ws, args, user: str) -> int:
    from cli.table import table

    revisions = ws.documents.history(args.doc, args.segment)
    if args.json:
        emit_json([{"id": r.id, "segment": r.segment_index, "text": r.text, "author": r.author,
                     "role": r.role, "created_at": r.created_at, "parent": r.parent_id,
                     "content_hash": r.content_hash, "merge_parent": r.merge_parent_id, "aside": r.aside}
                    for r in revisions])
        return EXIT_OK
    rows = [[str(r.segment_index), str(r.id), format_datetime(r.created_at, "medium"), r.author, name(r.role), r.text]
            for r in revisions]
    print(table([_("SEG"), _("REV"), _("TIME"), _("AUTHOR"), _("ROLE"), _("TEXT")], rows))
    return EXIT_OK


def demo(args, requested: str | None) -> int:
    from workflow import demo
    from workflow.identity import os_login
    from workflow.paths import resolve_demo
    from workflow.workspace import Workspace

    location = resolve_demo(args.db)
    if not args.no_ui:
        from workflow.workspace import keep_model_out

        keep_model_out()  # this process becomes the editor: what the demo's import decides, a helper does
    prepared = demo.prepare_demo(location)
    shown = (_("created the demo workspace at {path} (document {id})") if prepared.created
             else _("reusing the demo workspace at {path} (document {id})"))
    print(shown.format(path=location.display, id=prepared.document_id))
    if args.no_ui:
        return EXIT_OK
    from tui.app import run_app

    # Each person starts where their work is (workflow.home); the translator, the default, on
    # the demo article's editor.
    with Workspace.open(location, create=False) as ws:
        user = ws.identity.act(ws.identity.who(os_login(), requested or demo.TRANSLATOR))
    run_app(location, user, document_id=prepared.document_id, home=True)
    return EXIT_OK


HANDLERS = {
    "users": _users,
    "docs": _docs,
    "show": _show,
    "export": _export,
    "history": _history,
}
