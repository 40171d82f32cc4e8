"""The login and invitation pages of `tandem serve`: small server-rendered HTML, no script, no
asset from elsewhere, in the page's language (every string through workflow.i18n)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from workflow.i18n import _, ngettext, using

# No script at all, styles only from the page itself, forms only to this server, never in a frame.
PAGE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'")

_STYLE = """
body { background: #0c181f; color: #e8edf0; font: 16px/1.5 system-ui, "Noto Sans KR", "Nanum Gothic", sans-serif;
       display: flex; justify-content: center; margin: 0; padding: 8vh 1em; }
main { background: #12232d; padding: 1.5em 2em; border-radius: 6px; width: 100%; max-width: 26em; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } .workspace { color: #9fb3bf; margin: 0 0 1em; word-break: break-all; }
label { display: block; margin: .8em 0 .2em; }
input { width: 100%; box-sizing: border-box; padding: .45em; font: inherit; border: 1px solid #49606d;
        background: #0c181f; color: inherit; border-radius: 3px; }
button { margin-top: 1.2em; padding: .5em 1.4em; font: inherit; background: #5e0ba7; color: #fff;
         border: 0; border-radius: 3px; cursor: pointer; }
.problem { background: #5c1d24; padding: .5em .8em; border-radius: 3px; }
.note { background: #1d3c4c; padding: .5em .8em; border-radius: 3px; }
.small { color: #9fb3bf; font-size: .9em; margin-top: 1.5em; } a { color: #c9a7f5; }
"""


def _page(lang: str, title: str, workspace: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · Tandem</title><style>{_STYLE}</style></head>"
            f'<body><main><h1>{escape(title)}</h1><p class="workspace">Tandem · {escape(workspace)}</p>'
            f"{body}</main></body></html>\n")


def _messages(problem: str | None, note: str | None) -> str:
    out = ""
    if note:
        out += f'<p class="note" role="status" id="note">{escape(note)}</p>'
    if problem:
        out += f'<p class="problem" role="alert" id="problem">{escape(problem)}</p>'
    return out


def login_page(lang: str, workspace: str, *, name: str = "", problem: str | None = None,
               note: str | None = None, demo_users: Sequence[str] = ()) -> str:
    with using(lang):
        words = {"name": _("User name"), "password": _("Password"), "login": _("Log in"),
                 "recorded": _("Everything you save is recorded under the user you log in as."),
                 "invited": _("I have an invitation code")}
        demo = ""
        if demo_users:
            demo = '<p class="note" id="demo">' + escape(
                _("This is a demo workspace: its users ({names}) log in without a password.").format(
                    names=", ".join(demo_users))) + "</p>"
        w = {key: escape(value) for key, value in words.items()}
        focus_name, focus_password = ("", " autofocus") if name else (" autofocus", "")
        body = (_messages(problem, note) + demo
                + '<form method="post" action="/login">'
                + f'<label for="name">{w["name"]}</label>'
                + f'<input id="name" name="name" autocomplete="username" autocapitalize="none" required '
                  f'value="{escape(name)}"{focus_name}>'
                + f'<label for="password">{w["password"]}</label>'
                + f'<input id="password" name="password" type="password" autocomplete="current-password"{focus_password}>'
                + f'<button type="submit" id="login">{w["login"]}</button></form>'
                + f'<p class="small">{w["recorded"]} <a href="/invite" id="invite-link">{w["invited"]}</a></p>')
        return _page(lang, words["login"], workspace, body)


def invite_page(lang: str, workspace: str, *, name: str = "", problem: str | None = None) -> str:
    with using(lang):
        words = {"title": _("Invitation"), "intro": _("An admin gave you a one-time code: choose your password with it."),
                 "name": _("User name"), "code": _("Invitation code"), "password": _("New password"),
                 "again": _("The same again"), "set": _("Set the password and log in"),
                 "back": _("Back to the login")}
        w = {key: escape(value) for key, value in words.items()}
        body = (_messages(problem, None) + f'<p>{w["intro"]}</p>'
                + '<form method="post" action="/invite">'
                + f'<label for="name">{w["name"]}</label>'
                + f'<input id="name" name="name" autocomplete="username" autocapitalize="none" required '
                  f'value="{escape(name)}">'
                + f'<label for="code">{w["code"]}</label>'
                + '<input id="code" name="code" autocomplete="one-time-code" autocapitalize="characters" required>'
                + f'<label for="password">{w["password"]}</label>'
                + '<input id="password" name="password" type="password" autocomplete="new-password" required>'
                + f'<label for="again">{w["again"]}</label>'
                + '<input id="again" name="again" type="password" autocomplete="new-password" required>'
                + f'<button type="submit" id="set">{w["set"]}</button></form>'
                + f'<p class="small"><a href="/login">{w["back"]}</a></p>')
        return _page(lang, words["title"], workspace, body)


# What the pages say, built in the page's language by the caller under using(lang).

def refused() -> str:
    """The one answer to a wrong password, an unknown user, a disabled one or one without a password."""
    return _("Wrong user name or password.")


def not_matching() -> str:
    return _("The two passwords are not the same.")


def bad_code() -> str:
    return _("That invitation code is not valid for this user (mistyped, used, or expired); "
             "ask an admin for a new one.")


def wait_message(seconds: float, locked: bool) -> str:
    if locked:
        minutes = max(1, round(seconds / 60))
        return ngettext("Too many failed attempts: logging in is locked. Try again in {count} minute.",
                        "Too many failed attempts: logging in is locked. Try again in {count} minutes.",
                        minutes).format(count=minutes)
    whole = max(1, int(seconds + 0.999))
    return ngettext("Too many failed attempts. Try again in {count} second.",
                    "Too many failed attempts. Try again in {count} seconds.", whole).format(count=whole)


def ended_message(why: str, idle_minutes: float) -> str | None:
    if why == "logout":
        return _("You have logged out.")
    if why == "idle":
        minutes = max(1, round(idle_minutes))
        return ngettext("You were logged out after {count} minute without a key or a click; what you typed was saved.",
                        "You were logged out after {count} minutes without a key or a click; what you typed was saved.",
                        minutes).format(count=minutes)
    if why == "ended":
        return _("Your session has ended; log in again.")
    return None
