"""Adding users and granting them roles: checked names and roles, each change audited.

Only an admin adds users, except on an empty workspace, where the first person added becomes its
admin (workflow.access decides who is acting). Where the database knows its users (PostgreSQL), each
user is also its login role, made or joined to the workspace here in the same transaction; its
password is the database's business (an administrator's `ALTER ROLE`, or `\\password` in psql), never
Tandem's command line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from workflow.access import USER_ADMIN_ROLES, Actors, require
from workflow.clock import now
from workflow.errors import InputError, NotFound
from workflow.i18n import N_, _
from workflow.models import Role, User
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_users import UsersRepository
from workflow.textfile import refuse_controls

_USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\Z")  # \Z: not even a trailing newline


class Users:
    def __init__(self, tx: Transactions, actors: Actors, users: UsersRepository, audit: AuditRepository) -> None:
        self._tx = tx
        self._actors = actors
        self._users = users
        self._audit = audit

    def all(self) -> list[User]:
        return self._users.users()

    def find(self, name: str) -> User | None:
        row = self._users.user_by_name(name)
        return row

    def get(self, name: str) -> User:
        found = self.find(name)
        if found is None:
            raise NotFound(_("no user named {name!r} (add one with `tandem users add {name} --role ...`)").format(
                name=name))
        return found

    def add(self, name: str, roles: Iterable[Role | str], *, display_name: str | None = None, by: str) -> User:
        """A new user with these roles, or more roles for an existing one."""
        wanted = _roles(roles)
        if display_name:
            refuse_controls(display_name, "--name", field=True)
        if not _USER_NAME.match(name):
            raise InputError(
                "NAME", _("{name!r} is not a valid user name (letters, digits, . _ @ -; at most 64)").format(name=name)
            )
        with self._tx.write():
            actor = self._actors.acting(by, bootstrap_as=name, bootstrap_roles=wanted)
            require(actor, set(USER_ADMIN_ROLES), N_("add users"))
            existing = self._users.user_by_name(name)
            at = now()
            if existing is None:
                user_id = self._users.insert_user(name, unicodedata.normalize("NFC", (display_name or name).strip()), at)
                action = "user.add"
            else:
                user_id = existing.id
                action = "user.grant"
            self._users.add_roles(user_id, wanted)
            # For an existing user too: a login made by another workspace on the server joins this one.
            self._users.add_login(name)
            self._audit.audit(at, actor.id, action, {"user": name, "roles": sorted(wanted)})
        return self.get(name)


def _roles(roles: Iterable[Role | str]) -> set[Role]:
    chosen = set()
    for role in roles:
        try:
            chosen.add(Role(str(role).strip().lower()))
        except ValueError:
            names = ", ".join(r.value for r in Role)
            raise InputError("--role", _("{role!r} is not a role (choose from {roles})").format(
                role=role, roles=names)) from None
    if not chosen:
        raise InputError("--role", _("give at least one role"))
    return chosen
