"""`tandem users passwd|invite|disable|enable`: browser logins from the command line (workflow.logins).

A password is read with getpass (asked twice) or, for scripts, from the first line of standard input;
it is never an argument, so it never shows in `ps` or a shell's history.
"""

from __future__ import annotations

import getpass
import sys

from cli.output import EXIT_OK
from workflow.errors import InputError
from workflow.i18n import _, format_datetime

LOGIN_ACTIONS = frozenset({"passwd", "invite", "disable", "enable"})


def handle(ws, args, user: str) -> int:
    if args.action == "passwd":
        return _passwd(ws, args, user)
    if args.action == "invite":
        invitation = ws.logins.invite(args.name, by=user, hours=args.hours)
        print(_("Invitation for {user}, valid once until {expires}:").format(
            user=invitation.user, expires=format_datetime(invitation.expires_at, "medium")))
        print(f"    {invitation.code}")
        print(_("It is shown only now. {user} sets their password with it on the login page of "
                "`tandem serve` (\"I have an invitation code\"), or with  tandem users passwd {user} --code CODE")
              .format(user=invitation.user))
        return EXIT_OK
    if args.action == "disable":
        ws.logins.disable(args.name, by=user)
        print(_("{user} is disabled: they can no longer act or log in; their history stays").format(user=args.name))
        return EXIT_OK
    ws.logins.enable(args.name, by=user)
    print(_("{user} is enabled again").format(user=args.name))
    return EXIT_OK


def _passwd(ws, args, user: str) -> int:
    name = args.name or user
    password = _read_password(args.stdin)
    if args.code:
        ws.logins.redeem(name, args.code, password)
    else:
        ws.logins.set_password(name, password, by=user)
    print(_("the password of {user} is set; it is kept only as a salted argon2id hash").format(user=name))
    return EXIT_OK


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():  # getpass would read it echoed, with a warning
        raise InputError(_("password"), _("standard input is not a terminal; use --stdin to pass one from a script"))
    try:
        first = getpass.getpass(_("New password: "))
        second = getpass.getpass(_("The same again: "))
    except EOFError:
        raise InputError(_("password"), _("none given")) from None
    if first != second:
        raise InputError(_("password"), _("the two did not match; nothing was changed"))
    return first
