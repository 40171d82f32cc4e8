"""Who is acting, and what their roles let them do. The Workspace refuses what a role does not allow,
whatever the interface offered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workflow.clock import now
from workflow.errors import PermissionDenied
from workflow.i18n import _
from workflow.models import Role, User
from workflow.storage import Storage

# Whoever first touches an empty workspace sets it up, and usually starts by importing.
BOOTSTRAP_ROLES = (Role.ADMIN, Role.TRANSLATOR)
IMPORT_ROLES = {Role.TRANSLATOR, Role.EDITOR, Role.ADMIN}
GLOSSARY_ROLES = {Role.TERMINOLOGIST, Role.ADMIN}
EDIT_ROLES = {Role.TRANSLATOR, Role.EDITOR}  # who changes English (an editor as review)


def user_from_row(row: dict[str, Any]) -> User:
    return User(row["id"], row["name"], row["display_name"], tuple(Role(r) for r in row["roles"]),
                row["created_at"])


def acting_user(
    store: Storage,
    name: str,
    *,
    bootstrap_as: str | None = None,
    bootstrap_roles: Iterable[Role] = (),
) -> User:
    """The acting user; on an empty workspace, registers them as its first admin.

    Call inside a write transaction, so the bootstrap and the action it enables commit together.
    """
    row = store.user_by_name(name)
    if row is None and store.count_users() == 0:
        # Adding oneself gives exactly the roles asked for (and admin, to finish setting up).
        roles = {Role.ADMIN, *bootstrap_roles} if bootstrap_as == name else set(BOOTSTRAP_ROLES)
        at = now()
        user_id = store.insert_user(name, name, at)
        store.add_roles(user_id, roles)
        store.audit(at, user_id, "workspace.bootstrap", {"user": name, "roles": sorted(roles)})
        row = store.user_by_name(name)
    if row is None:
        raise PermissionDenied(
            _("{name!r} is not a user of this workspace; an admin adds them with "
              "`tandem users add {name} --role translator`").format(name=name)
        )
    return user_from_row(row)


def require(user: User, roles: set[Role], action: str) -> Role:
    """The role the user acts in for `action` (the first of `roles` they hold), or a refusal."""
    for role in sorted(roles, key=list(Role).index):
        if user.has(role):
            return role
    from workflow.names import name

    # `action` is marked with N_ where require() is called, so it is translated here.
    names = _(" or ").join(sorted(name(r) for r in roles))
    raise PermissionDenied(_("{user} cannot {action}: that needs the {roles} role").format(
        user=user.name, action=_(action), roles=names))


# What each of the editor's intents needs: the screens offer a key only where this says yes, and the
# use cases (workflow.editing, workflow.saving) refuse with the same sets whatever was offered.
INTENT_ROLES: dict[str, frozenset[Role]] = {
    "edit": frozenset({Role.TRANSLATOR, Role.EDITOR}),
    "mark": frozenset({Role.TRANSLATOR}),
    "dismiss": frozenset({Role.TRANSLATOR, Role.EDITOR, Role.TERMINOLOGIST, Role.ADMIN}),
    "comment": frozenset(Role),
}


def may(user: User | None, intent: str) -> bool:
    return user is not None and any(user.has(role) for role in INTENT_ROLES[intent])


def signing_role(user: User | None, translators: Iterable[str]) -> str | None:
    """The role a user's sign-off of a document is given in: the editor's where they may review it
    (never the document's own translator, even one who also holds the editor role), else the
    translator's; None for anyone else."""
    if user is None:
        return None
    if user.has(Role.EDITOR) and user.name not in set(translators):
        return "editor"
    return "translator" if user.has(Role.TRANSLATOR) else None
