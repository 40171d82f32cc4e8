"""Handlers for files in and out by content: `tandem import FILE` (XLIFF, TMX, TBX, CSV or text),
`tandem export --format xliff12|xliff2`, and `tandem validate FILE` (which needs no workspace)."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.output import EXIT_OK, emit_json, write_atomically
from workflow.returns import ReturnedFile
from workflow.i18n import _, format_number, ngettext


def print_warnings(warnings) -> None:
    """A reader's warnings (each names its file), one line each on standard error."""
    for warning in warnings:
        print(_("tandem: warning: {problem}").format(problem=warning), file=sys.stderr)


def _import(ws, args, user: str) -> int:
    from cli import documents
    from workflow.errors import InputError
    from workflow.files import NotForKind

    from cli.desk import apply_assignment, check_assignment

    check_assignment(ws, args)  # a wrong --due or --translator refuses before anything is imported
    try:
        imported = ws.files.import_file(args.korean, args.english, title=args.title, tags=args.tags.split(","),
                                        sentences=args.sentences, by=user, into=args.into, as_new=args.as_new)
    except NotForKind as exc:
        raise InputError("--" + exc.option.replace("_", "-"), exc.problem) from None
    if imported.kind in ("text", "html"):
        documents.print_article(imported.document)
        print(_("{file}: read as {kind}").format(file=args.korean, kind=imported.label))
        encoding = imported.document.english_encoding
        if encoding and encoding != "utf-8":
            print(_("{file}: English draft read as {encoding} (not UTF-8)").format(file=args.english,
                                                                                  encoding=encoding))
        print_warnings(imported.warnings)
        apply_assignment(ws, imported.document.document.id, args, user)
        return EXIT_OK
    if imported.entries is not None:  # TMX into the memory, TBX or CSV into the glossary
        print(imported.entries_summary(args.korean))
        print_warnings(imported.warnings)
        return EXIT_OK
    result = imported.document
    if isinstance(result, ReturnedFile):
        print_return(args.korean, result)
        return EXIT_OK
    doc = result.document
    print(doc.id)
    print(_("imported {file} (read as {kind}) as document {id}: {segments} segments").format(
        file=doc.source_name, kind=result.read_as, id=doc.id, segments=format_number(result.segments)))
    if result.strangers:
        print(ngettext("tandem: note: {names} in the file is not a user here; their work is recorded as {user}'s, "
                       "with the name kept",
                       "tandem: note: {names} in the file are not users here; their work is recorded as {user}'s, "
                       "with the names kept", len(result.strangers)).format(
            names=", ".join(result.strangers), user=user), file=sys.stderr)
    # Including "the official schema was not available": then only Tandem's own rules vouched for
    # the file, and whoever imports it should know.
    print_warnings(result.warnings)
    if result.previous_import is not None:
        print(_("tandem: note: the same file was imported before as document {id}").format(id=result.previous_import),
              file=sys.stderr)
    apply_assignment(ws, doc.id, args, user)
    return EXIT_OK


def print_return(file: str, result) -> None:
    """What a returned file changed in its document, one line each, then its warnings."""
    doc = result.document
    print(doc.id)
    print(result.summary(file))
    for label, positions in ((_("changed"), result.changed), (_("merged"), result.merged),
                             (_("in conflict (resolve with `tandem resolve`)"), result.conflicts)):
        if positions:
            print("  " + _("{what}: segments {segments}").format(what=label, segments=", ".join(map(str, positions))))
    if result.comments:
        print("  " + _("{count} notes from the file added as comments").format(count=format_number(result.comments)))
    print_warnings(result.warnings)


def _export(ws, args, user: str) -> int:
    from cli import documents
    from workflow.errors import InputError

    if args.correction is not None and not args.publish:
        raise InputError("--correction", _("goes with --publish: a correction note is published with a version"))
    if args.publish and args.format != "html":
        raise InputError("--publish", _("publishes the HTML a CMS takes: use it with --format html"))
    if args.format in ("md", "txt", "html"):
        return documents.HANDLERS["export"](ws, args, user)
    ws.documents.get(args.doc)
    _credit, problems = ws.review.credit_line(args.doc)
    if problems and args.require_signoff:
        raise InputError(_("document {id}").format(id=args.doc),
                         _("cannot be exported: {problems}").format(problems="; ".join(problems)))
    doc, data, wrong = ws.files.export_bilingual(args.doc, args.format)
    if wrong:
        print(_("tandem: warning: segments {segments} have placeholders that differ from the Korean's (see "
                "`tandem check`); a pair turned round or crossing is written as separate codes, and a token "
                "without a code as the text typed").format(segments=", ".join(map(str, wrong))), file=sys.stderr)
    if args.output:
        write_atomically(Path(args.output), data)
        print(_("wrote {file} (XLIFF {version}, {count} units)").format(file=args.output, version=doc.version,
                                                                       count=format_number(len(doc.units))))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK


def validate(args) -> int:
    from workflow.interchange.validate import validate_path

    report = validate_path(args.file)
    if args.json:
        emit_json(report.to_json())
        return report.exit_code
    if not report.readable:
        print(_("{path}: unreadable: {problem}").format(path=report.path, problem=report.problems[0].message))
        return report.exit_code
    count = len(report.errors)
    if report.valid:
        print(_("{path}: valid {kind}").format(path=report.path, kind=report.read_as))
    else:
        print(ngettext("{path}: invalid {kind} ({count} problem)", "{path}: invalid {kind} ({count} problems)",
                       count).format(path=report.path, kind=report.read_as, count=count))
    # Every problem, errors and accepted ones, in document order: import names only the first few.
    for problem in report.problems:
        print(f"  {problem}" if problem.severity == "error" else "  " + _("warning: {problem}").format(problem=problem))
    for warning in report.warnings:
        print("  " + _("warning: {problem}").format(problem=warning))
    return report.exit_code


HANDLERS = {"import": _import, "export": _export}
