"""Who is at the keyboard: an operating-system login mapped to a user of the workspace (DESIGN §1).

A person is established, not declared. On the command line and in the terminal UI the person is the
OS login, mapped to a Tandem user by an admin (or a user of the same name). Naming someone else
(`--as`, TANDEM_USER) is an admin's tool, and everything done that way is audited as the admin acting
as that user; anyone else is refused in one line. A demo workspace's users are demo users, free for
anyone to try. On an empty workspace whoever sets it up becomes its admin, and their login is mapped
to them; the owner of the workspace file, who can write to it directly anyway, is its first admin
unless their login is mapped to another user (a workspace in PostgreSQL has no file to own).

This protects the names on revisions and sign-offs against a colleague typing another's name. It
cannot stop someone with write access to the SQLite file from writing to it directly; `tandem
verify` finds a rewritten history, and a database server with its own logins is the step beyond.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from workflow.access import Actors, require
from workflow.clock import now
from workflow.errors import NotFound, PermissionDenied
from workflow.i18n import N_, _
from workflow.models import Role, User
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_users import UsersRepository
from workflow.paths import WorkspaceLocation


def os_login() -> str:
    """The operating-system login of this process: the name of its uid, which the person cannot
    choose (getpass.getuser() would believe $LOGNAME or $USER, which anyone can set)."""
    if hasattr(os, "getuid"):
        import pwd

        try:
            return pwd.getpwuid(os.getuid()).pw_name
        except KeyError:  # a uid without a passwd entry, in some containers
            return f"uid{os.getuid()}"
    return getpass.getuser()  # Windows: no uids; the login name is what there is


def stop_acting() -> None:
    """No admin acts as anyone in this process any more (main() may run again in one process)."""
    AuditRepository.acting_admin = None


@dataclass(frozen=True)
class Acting:
    """Whom the work is recorded under, and how that was established."""

    user: str  # the user every action is recorded under
    person: str | None  # the user the login is (None: a demo user tried, or a workspace being set up)
    admin: str | None = None  # the admin acting as `user`, where one is


class Identity:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, users: UsersRepository, *,
                 location: WorkspaceLocation) -> None:
        self._tx = tx
        self._actors = actors
        self._audit = audit
        self._users = users
        self._location = location

    def who(self, login: str, requested: str | None = None, *, uid: int | None = None) -> Acting:
        """Who acts here: the login's user, or `requested` where that is allowed (an admin, or a demo
        user). `uid` is the login's (this process's by default). Raises PermissionDenied with the
        reason in one line otherwise."""
        if self._users.count_users() == 0:
            return Acting(requested or login, None)  # setting up: the first user becomes its admin
        person = self._person(login, uid)
        if requested and (person is None or requested != person.name):
            target = self._users.user_by_name(requested)
            if target is None:
                raise PermissionDenied(
                    _("{name!r} is not a user of this workspace; an admin adds them with "
                      "`tandem users add {name} --role translator`").format(name=requested))
            if target.demo:
                return Acting(requested, person.name if person else None)
            if person is None:
                raise PermissionDenied(self._stranger(login))
            self._enabled(person)
            if not person.has(Role.ADMIN):
                raise PermissionDenied(_(
                    "--as and TANDEM_USER are for admins: the login {login} is {user} in this workspace"
                ).format(login=login, user=person.name))
            if target.disabled_at:
                raise PermissionDenied(_("{name} is disabled in this workspace; an admin can enable them again")
                                       .format(name=requested))
            return Acting(requested, person.name, admin=person.name)
        if person is None:
            raise PermissionDenied(self._stranger(login))
        self._enabled(person)
        return Acting(person.name, person.name)

    def act(self, acting: Acting) -> str:
        """Records where an admin acts as someone else: every audit entry this process writes from now
        names the admin. Per process, because one person sits at one process's keyboard."""
        AuditRepository.acting_admin = acting.admin
        return acting.user

    def empty(self) -> bool:
        return self._users.count_users() == 0

    def adopt(self, login: str) -> None:
        """After a workspace's first user was added: map the login that set it up to its admin, unless
        that login already has a user."""
        with self._tx.write():
            if self._users.user_by_login(login) is not None:
                return
            users = self._users.users()
            admins = [r for r in users if Role.ADMIN in r.roles]
            if len(users) != 1 or len(admins) != 1:
                return
            at = now()
            self._users.map_login(login, admins[0].id, admins[0].id, at)
            self._audit.audit(at, admins[0].id, "user.login.map", {"login": login, "user": admins[0].name})

    def map_login(self, login: str, name: str, *, by: str) -> User:
        """Maps an operating-system login to a user (a login has one user; a user may have several)."""
        login = login.strip()
        if not login:
            raise NotFound(_("give the operating-system login to map"))
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, {Role.ADMIN}, N_("map logins to users"))
            row = self._users.user_by_name(name)
            if row is None:
                raise NotFound(_("no user named {name!r} in this workspace").format(name=name))
            at = now()
            self._users.map_login(login, row.id, actor.id, at)
            self._audit.audit(at, actor.id, "user.login.map", {"login": login, "user": name})
        found = self._users.user_by_name(name)
        assert found is not None
        return found

    def unmap_login(self, login: str, *, by: str) -> None:
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, {Role.ADMIN}, N_("map logins to users"))
            if not self._users.unmap_login(login):
                raise NotFound(_("the login {login!r} is not mapped to a user").format(login=login))
            self._audit.audit(now(), actor.id, "user.login.unmap", {"login": login})

    def mark_demo(self, names: list[str]) -> None:
        """The demo workspace's users, free for anyone to act as (workflow.demo)."""
        with self._tx.write():
            self._users.mark_demo(r.id for r in self._users.users() if r.name in names)

    def _person(self, login: str, uid: int | None) -> User | None:
        # An explicit mapping first; else a user named as the login, unless that user is mapped to
        # other logins (then the name is a coincidence, not the person); else, for the owner of the
        # workspace file, its first admin.
        row = self._users.user_by_login(login)
        if row is None:
            same = self._users.user_by_name(login)
            row = same if same is not None and not same.logins else None
        if row is None and self._owns_file(uid):
            admins = [r for r in self._users.users() if Role.ADMIN in r.roles and not r.disabled_at]
            row = min(admins, key=lambda r: r.id) if admins else None
        return row

    def _owns_file(self, uid: int | None) -> bool:
        # Whoever owns the file set the workspace up (a translator's laptop, the account that made a
        # desk's workspace) and can write to it directly anyway: as its first admin they gain nothing
        # they do not have, and a personal workspace needs no mapping.
        location = self._location
        if location.path is None:
            # A database has no file for an operating-system account to own. Its counterpart, the
            # role that made the workspace's tables, is trusted by the database itself and acts as
            # any user there (workflow/storage/postgres_identity.py); making whoever runs Tandem
            # under it an admin here too would be a second rule for the same thing. Whoever sets a
            # new database up is mapped as its admin when they do (adopt), as on a file.
            return False
        if uid is None:
            if not hasattr(os, "getuid"):
                return False
            uid = os.getuid()
        try:
            return location.path.stat().st_uid == uid
        except OSError:
            return False

    @staticmethod
    def _enabled(person: User) -> None:
        if person.disabled:
            raise PermissionDenied(_("{name} is disabled in this workspace; an admin can enable them again").format(
                name=person.name))

    def _stranger(self, login: str) -> str:
        return _("the login {login} is not a user of this workspace; an admin maps it to one with "
                 "`tandem users map {login} USER`").format(login=login)
