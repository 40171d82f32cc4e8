"""The app of one `tandem serve` browser session: the TUI as the user who logged in at the page.

The user is fixed when the process starts (cli/serve.py passes the login's user; nothing the
browser sends can change it); the one way to another user is logging out (ctrl+\\ or "Log out" in
the palette), which saves what was typed, ends the session on the server and leaves the page on the
login form. (f7, the obvious key, is the English box's select-all; browsers keep most others.)
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.app import TandemApp
from workflow.i18n import N_

LOGOUT_PATH = "/logout"  # the server's logout address; asked for through the page (App.open_url)


class ServedApp(TandemApp):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+backslash", "logout", description=N_("Log out"), tooltip=N_("Save what was typed and log out")),
    ]

    async def action_logout(self) -> None:
        if not await self.saved_to_leave():
            return
        # textual-serve hands this to the page, which goes to the address; the server reads the same
        # request on its way and ends the session there and then (cli/serve.py).
        self.open_url(LOGOUT_PATH, new_tab=False)
        self.exit()
