"""The argument parser. Imports nothing but argparse and the message lookups, so `tandem --help` stays instant."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from workflow.i18n import LANGUAGES, _, ngettext

# argparse words its usage, section titles and errors through its module-level gettext names; pointing
# them at ours puts them in the interface language (cli/argparse_words.py marks them for the catalog).
argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = ngettext  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse's usage block and error, then one line saying what to do about it."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        problem = _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        self.exit(2, problem + _("Run `{prog} --help` to see what it takes.").format(prog=self.prog) + "\n")


def _global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument("--db", metavar="PATH", default=default,
                        help=_("workspace file, or a PostgreSQL database as postgresql://USER@HOST/NAME (its "
                               "password from ~/.pgpass, $PGPASSWORD or a service file, never the address) "
                               "(default: $TANDEM_DB, else the user data folder)"))
    parser.add_argument("--as", dest="user", metavar="USER", default=default,
                        help=_("act as USER: admins only, and audited as such; anyone on a demo "
                               "workspace (default: $TANDEM_USER, else the user your login is)"))
    parser.add_argument("--lang", metavar="LANG", default=default, choices=LANGUAGES,
                        help=_("interface language: en or ko (default: $TANDEM_LANG, else the locale)"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tandem",
        description=_("Korean-English translation workflow: import, review and export articles."),
        epilog=_("With no command, opens the terminal UI on the workspace."),
    )
    _global_options(parser, None)
    # The same options after the command (`tandem import x --as david`); SUPPRESS keeps a value
    # given before the command when none is given after it.
    common = _Parser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_with_parents(common))

    users = commands.add_parser("users", help=_("add and list users")).add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_with_parents(common)
    )
    add = users.add_parser("add", help=_("add a user, or give an existing user more roles"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", action="append", required=True, metavar="ROLE",
                     help=_("translator, editor, terminologist, admin or desk (repeat for several)"))
    add.add_argument("--name", dest="display_name", metavar="DISPLAY", help=_("name shown in credits, e.g. 'David Black'"))
    _json_flag(users.add_parser("list", help=_("list users, their roles and the logins mapped to them")))
    mapping = users.add_parser("map", help=_("map an operating-system login to a user (admins)"))
    mapping.add_argument("login", metavar="LOGIN")
    mapping.add_argument("name", metavar="USER")
    users.add_parser("unmap", help=_("take a login's mapping away (admins)")).add_argument("login", metavar="LOGIN")
    _login_commands(users)

    imp = commands.add_parser("import", help=_("import a file, read by its content: a Korean article (with an "
                                               "optional English draft), XLIFF, TMX, or a TBX/CSV glossary"))
    imp.add_argument("korean", metavar="FILE")
    imp.add_argument("--english", metavar="EN_FILE", help=_("the English draft, block for block"))
    imp.add_argument("--title", metavar="T", help=_("document title (default: the article's # title)"))
    imp.add_argument("--tags", metavar="a,b", default="", help=_("comma-separated tags"))
    imp.add_argument("--sentences", action="store_true", help=_("one segment per sentence instead of per paragraph"))
    _assignment_options(imp)
    returned = imp.add_mutually_exclusive_group()
    returned.add_argument("--into", type=int, metavar="DOC",
                          help=_("an XLIFF file that came back without Tandem's mark: merge it into document DOC"))
    returned.add_argument("--as-new", action="store_true",
                          help=_("an XLIFF file Tandem exported: make a new document of it instead of updating "
                                 "the one it came from"))

    _json_flag(commands.add_parser("docs", help=_("list documents with their progress")))

    show = commands.add_parser("show", help=_("a document's segments, Korean and English"))
    show.add_argument("doc", type=int, metavar="DOC")
    _json_flag(show)

    export = commands.add_parser("export", help=_("the English article as it stands, or the document as XLIFF"))
    export.add_argument("doc", type=int, metavar="DOC")
    export.add_argument("--format", required=True, choices=("md", "txt", "html", "xliff12", "xliff2"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    export.add_argument("--require-signoff", action="store_true",
                        help=_("refuse unless valid translator and editor sign-offs stand behind the text"))
    export.add_argument("--publish", action="store_true",
                        help=_("record this HTML export as the published version (needs the sign-offs)"))
    export.add_argument("--correction", metavar="TEXT",
                        help=_("with --publish: the correction note a version changed after publication carries"))

    verify = commands.add_parser(
        "verify", help=_("check the workspace (its file or database) for changes made outside Tandem (exit 1 if any)"))
    _json_flag(verify)

    migrate = commands.add_parser(
        "migrate-to", help=_("copy the workspace, with its history, audit chain and memory, into an empty "
                             "PostgreSQL database (admins)"))
    migrate.add_argument("url", metavar="URL", help=_("the database, as postgresql://USER@HOST/NAME"))
    _json_flag(migrate)

    validate = commands.add_parser("validate", help=_("is a file valid XLIFF, TMX, TBX, CSV or text, and if not "
                                                      "why (exit 0 valid, 1 invalid, 2 unreadable); no workspace needed"))
    validate.add_argument("file", metavar="FILE")
    _json_flag(validate)

    history = commands.add_parser("history", help=_("revisions with author, role and time"))
    history.add_argument("doc", type=int, metavar="DOC")
    history.add_argument("--segment", type=int, metavar="N", help=_("only segment N (from 1)"))
    _json_flag(history)

    _glossary_commands(commands, common)
    _review_commands(commands)
    _pair_command(commands)
    _tm_commands(commands, common)
    _search_command(commands)
    _stats_command(commands)
    _desk_commands(commands)
    _comment_commands(commands, common)

    check = commands.add_parser("check", help=_("run the checks over a document (exit 1 when errors remain)"))
    check.add_argument("doc", type=int, metavar="DOC")
    _json_flag(check)

    demo = commands.add_parser("demo", help=_("create (or reuse) the demo workspace and open it"))
    demo.add_argument("--no-ui", action="store_true", help=_("only prepare it and print where it is"))

    serve = commands.add_parser(
        "serve", help=_("serve the terminal UI to web browsers, behind a login"),
        description=_("Serve the terminal UI on the workspace to web browsers through textual-serve. "
                      "Every browser session starts with a login (user name and password; a demo "
                      "workspace's users need none) and runs its own app as that user; --as does not "
                      "apply. Give --certfile and --keyfile to serve HTTPS, or put it behind a reverse "
                      "proxy that does; without TLS keep the default loopback host."))
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1)"))
    serve.add_argument("--port", type=int, default=8000, metavar="N",
                       help=_("port to listen on; 0 picks a free one (default: 8000)"))
    serve.add_argument("--certfile", metavar="PEM", help=_("TLS certificate chain: serve HTTPS and WSS"))
    serve.add_argument("--keyfile", metavar="PEM", help=_("the certificate's private key (if not in --certfile)"))
    serve.add_argument("--idle-minutes", type=float, default=30, metavar="N",
                       help=_("log a browser session out after N minutes without a key or click; what was "
                              "typed is saved first (default: 30)"))
    serve.add_argument("--behind-proxy", action="store_true",
                       help=_("trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy on this "
                              "machine (for the address a login is counted against, and secure cookies)"))
    return parser


def _login_commands(users: Any) -> None:
    passwd = users.add_parser("passwd", help=_("set a password for browser logins (your own; admins: anyone's)"))
    passwd.add_argument("name", metavar="NAME", nargs="?", help=_("the user (default: you)"))
    passwd.add_argument("--code", metavar="CODE", help=_("an invitation code from an admin, instead of being logged in"))
    passwd.add_argument("--stdin", action="store_true",
                        help=_("read the password from the first line of standard input (scripts), not asking twice"))
    invite = users.add_parser("invite", help=_("print a one-time code with which a user sets their own password (admins)"))
    invite.add_argument("name", metavar="NAME")
    invite.add_argument("--hours", type=float, default=72, metavar="H", help=_("hours the code stays valid (default: 72)"))
    users.add_parser("disable", help=_("stop a user from acting and logging in; their history stays (admins)")
                     ).add_argument("name", metavar="NAME")
    users.add_parser("enable", help=_("let a disabled user act and log in again (admins)")).add_argument("name", metavar="NAME")


def _glossary_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    glossary = commands.add_parser("glossary", help=_("the house glossary: list, add, propose, approve, import, export"))
    actions = glossary.add_subparsers(dest="action", metavar="ACTION", required=True,
                                      parser_class=_with_parents(common))
    imp = actions.add_parser("import", help=_("add or update terms from a CSV or TBX file"))
    imp.add_argument("file", metavar="FILE")
    export = actions.add_parser("export", help=_("the glossary as CSV or TBX"))
    export.add_argument("--format", required=True, choices=("csv", "tbx", "tbx2"),
                        help=_("tbx: TBX v3 (ISO 30042:2019); tbx2: TBX 2008, for tools that read only that"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    listing = actions.add_parser("list", help=_("terms with their renderings and status"))
    listing.add_argument("--status", choices=("proposed", "approved", "rejected", "deprecated"))
    listing.add_argument("--search", metavar="TEXT", help=_("only terms with TEXT in a Korean or English form"))
    _json_flag(listing)
    for name, text in (("add", _("add an approved term (terminologists)")),
                       ("propose", _("propose a term for a terminologist to approve (anyone)"))):
        term = actions.add_parser(name, help=text)
        term.add_argument("ko", metavar="KO")
        term.add_argument("en", metavar="EN")
        _term_options(term)
        term.add_argument("--reason", default=None, metavar="WHY", help=_("kept in the term's history"))
    for name, text, needs_reason in (("approve", _("approve a proposed term"), False),
                                     ("reject", _("reject a proposed term"), True),
                                     ("deprecate", _("retire a term"), True)):
        step = actions.add_parser(name, help=text)
        step.add_argument("id", type=int, metavar="ID")
        step.add_argument("--reason", required=needs_reason, metavar="WHY", help=_("kept in the term's history"))
    edit = actions.add_parser("edit", help=_("change a term (each list option given replaces that list)"))
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("--ko", metavar="KO")
    edit.add_argument("--en", metavar="EN")
    _term_options(edit)
    edit.add_argument("--reason", required=True, metavar="WHY", help=_("kept in the term's history"))
    learn = actions.add_parser("learn", help=_("propose terms from renderings editors replaced the same way in "
                                               "two or more segments"))
    learn.add_argument("--dry-run", action="store_true", help=_("list what would be proposed; write nothing"))
    _json_flag(learn)
    for name, text in (("history", _("every revision of a term")),
                       ("impact", _("where a term occurs, and approved segments that now fail it"))):
        about = actions.add_parser(name, help=text)
        about.add_argument("id", type=int, metavar="ID")
        _json_flag(about)


def _tm_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    tm = commands.add_parser("tm", help=_("translation memory: search, import and export TMX"))
    actions = tm.add_subparsers(dest="action", metavar="ACTION", required=True,
                                parser_class=_with_parents(common))
    search = actions.add_parser("search", help=_("past Korean and English containing TEXT (inside words too)"))
    search.add_argument("text", metavar="TEXT")
    _json_flag(search)
    imp = actions.add_parser("import", help=_("add the Korean/English pairs of a TMX file"))
    imp.add_argument("file", metavar="FILE")
    export = actions.add_parser("export", help=_("the memory as TMX 1.4"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))


def _search_command(commands: Any) -> None:
    search = commands.add_parser("search", help=_("find a text in the Korean and the English of every document "
                                                  "(inside Korean words too), with the English of each hit"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--tag", metavar="T", help=_("only documents tagged T"))
    search.add_argument("--since", metavar="DATE",
                        help=_("only documents made or worked on from DATE (as you write a date, or YYYY-MM-DD)"))
    _json_flag(search)


def _stats_command(commands: Any) -> None:
    stats = commands.add_parser("stats", help=_("the desk in numbers: articles and Korean words per day and per person, "
                                                "time to an editor's sign-off, post-editing effort, dismissed findings"))
    stats.add_argument("--since", metavar="DATE",
                       help=_("only what happened from DATE on (as you write a date, or YYYY-MM-DD)"))
    _json_flag(stats)


def _assignment_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--translator", metavar="NAME", help=_("the user assigned to translate the document"))
    parser.add_argument("--editor", metavar="NAME", help=_("the user assigned to edit the document"))
    parser.add_argument("--due", metavar="WHEN",
                        help=_("when it is due: a time (18:00, the next one), a date and time as you write "
                               "them, or 2026-12-07T09:00"))
    parser.add_argument("--priority", choices=("breaking", "normal", "feature"), help=_("the document's priority"))


def _desk_commands(commands: Any) -> None:
    assign = commands.add_parser("assign", help=_("give a document its translator, editor, due time and "
                                                  "priority (desk chief or admin)"))
    assign.add_argument("doc", type=int, metavar="DOC")
    _assignment_options(assign)
    assign.add_argument("--unassign", choices=("translator", "editor"), action="append", default=[],
                        help=_("leave the document with no translator (or editor)"))
    _json_flag(assign)
    _json_flag(commands.add_parser("desk", help=_("every document in flight: state, who holds it now, due, "
                                                  "words left, open queries; late first")))
    inbox = commands.add_parser("inbox", help=_("your notifications: assignments, queries, answers, "
                                                "rejections, approvals (shown ones are marked seen)"))
    inbox.add_argument("--all", action="store_true", help=_("seen ones too"))
    _json_flag(inbox)
    _json_flag(commands.add_parser("queue", help=_("what waits for you, soonest due first")))


def _comment_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    comment = commands.add_parser("comment", help=_("notes and queries on segments: add, list, reply, resolve"))
    actions = comment.add_subparsers(dest="action", metavar="ACTION", required=True,
                                     parser_class=_with_parents(common))
    add = actions.add_parser("add", help=_("add a note, or a query someone should answer"))
    add.add_argument("doc", type=int, metavar="DOC")
    add.add_argument("segment", type=int, metavar="N")
    add.add_argument("text", metavar="TEXT")
    add.add_argument("--kind", choices=("note", "query"), default=None,
                     help=_("default: query when the text ends with a question mark, else note"))
    listing = actions.add_parser("list", help=_("a document's comments as threads, with their state"))
    listing.add_argument("doc", type=int, metavar="DOC")
    listing.add_argument("--segment", type=int, metavar="N", help=_("only segment N (from 1)"))
    listing.add_argument("--open", action="store_true", help=_("only open queries"))
    _json_flag(listing)
    reply = actions.add_parser("reply", help=_("answer a query (or a note) in its thread"))
    reply.add_argument("id", type=int, metavar="ID")
    reply.add_argument("text", metavar="TEXT")
    resolve = actions.add_parser("resolve", help=_("close a thread: the query is answered"))
    resolve.add_argument("id", type=int, metavar="ID")
    # The same three as top-level commands, as a script reads them (`tandem reply 7 "Yes"`).
    threads = commands.add_parser("comments", help=_("a document's comments as threads, with their state"))
    threads.add_argument("doc", type=int, metavar="DOC")
    threads.add_argument("segment", type=int, nargs="?", metavar="N", help=_("only segment N (from 1)"))
    threads.add_argument("--open", action="store_true", help=_("only open queries"))
    _json_flag(threads)
    reply = commands.add_parser("reply", help=_("answer a query (or a note) in its thread"))
    reply.add_argument("id", type=int, metavar="COMMENT")
    reply.add_argument("text", metavar="TEXT")
    resolve = commands.add_parser("resolve-comment", help=_("close a thread: the query is answered"))
    resolve.add_argument("id", type=int, metavar="COMMENT")


def _review_commands(commands: Any) -> None:
    edit = commands.add_parser("edit", help=_("save a new English text for a segment (a revision)"))
    edit.add_argument("doc", type=int, metavar="DOC")
    edit.add_argument("segment", type=int, metavar="N")
    edit.add_argument("text", metavar="TEXT")
    edit.add_argument("--based-on", type=int, metavar="REV",
                      help=_("the revision the new text was made from (0: the segment had none); a change "
                             "saved since is merged with it, or both are kept as a conflict"))
    edit.add_argument("--approve", action="store_true",
                      help=_("editors: keep the segment approved at your new text (edit and approve) instead of "
                             "sending it back to draft for the translator"))
    conflicts = commands.add_parser("conflicts", help=_("open conflicts of a document, with both texts"))
    conflicts.add_argument("doc", type=int, metavar="DOC")
    _json_flag(conflicts)
    resolve = commands.add_parser("resolve", help=_("end a segment's conflict with theirs, mine or a new text"))
    resolve.add_argument("doc", type=int, metavar="DOC")
    resolve.add_argument("segment", type=int, metavar="N")
    chosen = resolve.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--take", choices=("theirs", "mine"),
                        help=_("theirs: the text saved first; mine: the later save, kept aside"))
    chosen.add_argument("--text", metavar="TEXT", help=_("a text of your own, e.g. the two combined"))
    translated = commands.add_parser("translated", help=_("mark segments translated (all when none given)"))
    translated.add_argument("doc", type=int, metavar="DOC")
    # A default, or argparse (before 3.12) names N among the required arguments when DOC is missing.
    translated.add_argument("segments", type=int, nargs="*", default=[], metavar="N")
    dismiss = commands.add_parser("dismiss", help=_("dismiss a check's findings on a segment, with a reason"))
    dismiss.add_argument("doc", type=int, metavar="DOC")
    dismiss.add_argument("segment", type=int, metavar="N")
    dismiss.add_argument("check", metavar="CHECK", help=_("a check id, e.g. term.forbidden"))
    dismiss.add_argument("--reason", required=True, metavar="TEXT")
    approve = commands.add_parser("approve", help=_("approve a segment's current text (editors)"))
    approve.add_argument("doc", type=int, metavar="DOC")
    approve.add_argument("segment", type=int, metavar="N")
    reject = commands.add_parser("reject", help=_("send a segment back to the translator with a comment"))
    reject.add_argument("doc", type=int, metavar="DOC")
    reject.add_argument("segment", type=int, metavar="N")
    reject.add_argument("--comment", required=True, metavar="TEXT")
    signoff = commands.add_parser("signoff", help=_("sign the document off as translator or editor"))
    signoff.add_argument("doc", type=int, metavar="DOC")
    signoff.add_argument("--role", required=True, choices=("translator", "editor"))
    signoff.add_argument("--confirm", action="store_true",
                         help=_("sign over what only warns (open queries; for the editor, a translator's sign-off "
                                "that is missing or void); blockers still refuse"))
    diff = commands.add_parser("diff", help=_("word diff of a segment: translator's signed text (or any revision) to now"))
    diff.add_argument("doc", type=int, metavar="DOC")
    diff.add_argument("segment", type=int, metavar="N")
    diff.add_argument("--from", dest="from_rev", type=int, metavar="REV")
    diff.add_argument("--to", dest="to_rev", type=int, metavar="REV")
    report = commands.add_parser("report", help=_("post-editing effort, who did what, open queries"))
    report.add_argument("doc", type=int, metavar="DOC")
    _json_flag(report)


def _pair_command(commands: Any) -> None:
    pair = commands.add_parser(
        "pair", help=_("move English between segments where an import paired it wrong (a new revision each)"),
        description=_("Put a document's pairing right: move the English of segment N and those after it one "
                      "segment down or up, join N with the next segment, or split N's English after its "
                      "first K sentences. No text is lost: what a move pushes past the last segment is joined "
                      "onto it. Prints each segment changed and the command that undoes the move. A move clears the "
                      "doubtful mark of every segment it changes; --ok clears N's where its pairing is right."))
    pair.add_argument("doc", type=int, metavar="DOC")
    pair.add_argument("segment", type=int, metavar="N")
    move = pair.add_mutually_exclusive_group(required=True)
    move.add_argument("--down", dest="move", action="store_const", const="down",
                      help=_("N's English and those after it move one segment down; N is left empty"))
    move.add_argument("--up", dest="move", action="store_const", const="up",
                      help=_("N's English joins N-1's; those after it move one segment up"))
    move.add_argument("--join", dest="move", action="store_const", const="join",
                      help=_("N takes the next segment's English after its own; those after move up"))
    move.add_argument("--split", type=int, metavar="K",
                      help=_("N keeps its first K sentences; the rest becomes the next segment's English"))
    move.add_argument("--ok", dest="move", action="store_const", const="ok",
                      help=_("N's pairing is right as it is: clear its doubtful mark (no text changes)"))
    pair.add_argument("--through", type=int, metavar="M",
                      help=_("the last segment the move reaches (default: a move down or a split stops at the first "
                             "empty segment, which it fills, else the last; a move up or a join runs to the last)"))
    _json_flag(pair)


def _term_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ko-variant", action="append", metavar="V", help=_("another Korean form (repeatable)"))
    parser.add_argument("--en-variant", action="append", metavar="V", help=_("an admitted English rendering (repeatable)"))
    parser.add_argument("--forbidden", action="append", metavar="F", help=_("a forbidden English rendering (repeatable)"))
    parser.add_argument("--pos", metavar="POS", help=_("part of speech"))
    parser.add_argument("--domain", metavar="D")
    parser.add_argument("--note", metavar="N")
    parser.add_argument("--case-sensitive", action="store_true", default=None, help=_("match the English case exactly"))
    # Both ways, so `glossary edit` can take the rule off a term again (issue 14 turned many off).
    parser.add_argument("--one-rendering", action=argparse.BooleanOptionalAction, default=None,
                        help=_("keep one rendering per article: once an article uses one of the term's renderings, "
                               "flag the others (term.inconsistent)"))


def _with_parents(common: argparse.ArgumentParser) -> type[argparse.ArgumentParser]:
    class Sub(_Parser):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(parents=[common], **kwargs)

    return Sub


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("one JSON document on standard output"))
