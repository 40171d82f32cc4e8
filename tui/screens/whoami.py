"""Asks who is working. A browser session of `tandem serve` has no login name to go by, so the
person at the page names themselves, and only a user the workspace already has is accepted."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.keys_footer import LocalizedFooter
from workflow.i18n import _
from workflow.models import User


def _label(user: User) -> str:
    roles = ", ".join(user.roles) or _("no role")
    shown = f"{user.name} · {user.display_name}" if user.display_name != user.name else user.name
    return f"{shown} ({roles})"


class WhoAmIScreen(Screen[str]):
    """Dismisses with the chosen user's name."""

    def __init__(self, users: Sequence[User]) -> None:
        super().__init__()
        self.users = {user.name: user for user in users}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="whoami-box"):
            yield Static(_("Who are you?"), id="whoami-title", markup=False)
            hint = (_("Type your user name and press Enter, or pick it from the list. "
                      "Everything you save in this session is recorded under that name.") if self.users else
                    _("This workspace has no users yet; an admin adds them with  tandem users add NAME --role ROLE"))
            yield Static(hint, id="whoami-hint", markup=False)
            yield Input(placeholder=_("your user name"), id="whoami-name")
            yield OptionList(*(Option(_label(user), id=name) for name, user in self.users.items()),
                             id="whoami-users")
            yield Static("", id="whoami-problem", classes="problem", markup=False)
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#whoami-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = unicodedata.normalize("NFC", event.value.strip())
        if not name:
            return
        if name not in self.users:
            # Refused rather than created: a browser session must not mint users or claim admin.
            self.query_one("#whoami-problem", Static).update(
                _("No user named '{name}' in this workspace. Pick a name from the list, "
                  "or ask an admin to add you with  tandem users add").format(name=name)
            )
            return
        self.dismiss(name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)
