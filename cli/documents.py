"""Handlers for users, documents and the demo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from cli.output import EXIT_OK, emit_json, write_atomically


def _users(ws, args, user: str) -> int:
    from cli.table import table

    if args.action == "add":
        added = ws.add_user(args.name, args.role, display_name=args.display_name, by=user)
        print(f"{added.name} ({added.display_name}): {', '.join(added.roles)}")
        return EXIT_OK
    users = ws.users()
    if args.json:
        emit_json([{"name": u.name, "display_name": u.display_name, "roles": list(u.roles),
                     "created_at": u.created_at} for u in users])
    else:
        print(table(["NAME", "DISPLAY NAME", "ROLES"], [[u.name, u.display_name, ", ".join(u.roles)] for u in users]))
    return EXIT_OK


def _import(ws, args, user: str) -> int:
    tags = [t for t in args.tags.split(",") if t.strip()]
    result = ws.import_document(args.korean, args.english, title=args.title, tags=tags,
                                sentences=args.sentences, by=user)
    doc = result.document
    print(doc.id)
    print(f"imported {doc.source_name} ({doc.source_encoding}) as document {doc.id}: "
          f"{result.segments} segments, {len(result.doubtful)} with a doubtful pairing")
    for index, why in result.doubtful:
        print(f"  segment {index}: {why}")
    if result.previous_import is not None:
        print(f"tandem: note: the same file(s) were imported before as document {result.previous_import}",
              file=sys.stderr)
    return EXIT_OK


def _docs(ws, args, user: str) -> int:
    from cli.table import table

    summaries = ws.documents()
    if args.json:
        emit_json([_document_json(s.document) | {"segments": s.segment_count, "progress": s.progress,
                                                   "words": s.words_source, "roles": s.roles}
                    for s in summaries])
        return EXIT_OK
    if not summaries:
        print("No documents yet: `tandem import KO_FILE --english EN_FILE` or `tandem demo`.")
        return EXIT_OK
    rows = [[str(s.id), s.title, ", ".join(s.document.tags), str(s.segment_count), _progress(s.progress)]
            for s in summaries]
    print(table(["ID", "TITLE", "TAGS", "SEGMENTS", "PROGRESS"], rows))
    return EXIT_OK


def _progress(progress: dict[str, int]) -> str:
    return ", ".join(f"{n} {state}" for state, n in progress.items() if n) or "empty"


def _document_json(doc) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "tags": list(doc.tags), "source": doc.source_name,
            "encoding": doc.source_encoding, "english": doc.english_name, "segmentation": doc.segmentation,
            "created_by": doc.created_by, "created_at": doc.created_at, "updated_at": doc.updated_at}


def _show(ws, args, user: str) -> int:
    doc = ws.document(args.doc)
    segments = ws.segments(args.doc)
    if args.json:
        emit_json({"document": _document_json(doc), "segments": [
            {"index": s.index, "block": s.block, "kind": s.kind, "state": s.state, "korean": s.source,
             "english": s.target, "alignment": {"score": s.align_score, "doubtful": s.low_confidence,
                                                "note": s.align_note}}
            for s in segments]})
        return EXIT_OK
    print(f"{doc.title}  (document {doc.id}, {len(segments)} segments)")
    for s in segments:
        flag = f" · ⚠ {s.align_note}" if s.align_note else ""
        print(f"\n[{s.index}] {s.kind} · {s.state}{flag}")
        print(f"  ko  {s.source}")
        print(f"  en  {s.target or '—'}")
    return EXIT_OK


def _export(ws, args, user: str) -> int:
    from workflow.errors import InputError
    from workflow.export import export_article

    ws.document(args.doc)
    credit, problems = ws.review.credit_line(args.doc)
    if problems and args.require_signoff:
        raise InputError(f"document {args.doc}", f"cannot be exported: {'; '.join(problems)}")
    exported = export_article(ws.segments(args.doc), args.format, credit)
    if args.output:
        write_atomically(Path(args.output), exported.text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(exported.text)
    for problem in problems:
        print(f"tandem: warning: {problem}; the credit line is incomplete", file=sys.stderr)
    if exported.untranslated:
        shown = ", ".join(map(str, exported.untranslated))
        print(f"tandem: warning: segments {shown} have no English yet; their Korean stands in",
              file=sys.stderr)
    return EXIT_OK


def _history(ws, args, user: str) -> int:
    from cli.table import table

    revisions = ws.history(args.doc, args.segment)
    if args.json:
        emit_json([{"id": r.id, "segment": r.segment_index, "text": r.text, "author": r.author,
                     "role": r.role, "created_at": r.created_at, "parent": r.parent_id,
                     "content_hash": r.content_hash} for r in revisions])
        return EXIT_OK
    rows = [[str(r.segment_index), str(r.id), r.created_at, r.author, r.role, r.text] for r in revisions]
    print(table(["SEG", "REV", "TIME", "AUTHOR", "ROLE", "TEXT"], rows))
    return EXIT_OK


def demo(args, user: str) -> int:
    from workflow import demo
    from workflow.paths import default_demo_path

    path = Path(args.db).expanduser() if args.db else default_demo_path()
    prepared = demo.prepare_demo(path)
    verb = "created" if prepared.created else "reusing"
    print(f"{verb} the demo workspace at {prepared.path} (document {prepared.document_id})")
    if args.no_ui:
        return EXIT_OK
    from tui.app import run_app

    run_app(prepared.path, args.user or demo.TRANSLATOR, document_id=prepared.document_id)
    return EXIT_OK


HANDLERS = {
    "users": _users,
    "import": _import,
    "docs": _docs,
    "show": _show,
    "export": _export,
    "history": _history,
}
