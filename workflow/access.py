"""Who is acting, and what their roles let them do. The Workspace refuses what a role does not allow,
whatever the interface offered."""

from __future__ import annotations

from collections.abc import Iterable

from workflow import states
from workflow.clock import now
from workflow.errors import PermissionDenied
from workflow.i18n import _
from workflow.models import Role, User
from workflow.models.permissions import (
    ASSIGN, CLOSE, COMMENT, DISMISS, EDIT, IMPORT, MAINTAIN, MARK, PROPOSE, REPLY, REVIEW, Permissions)
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_users import UsersRepository

# Whoever first touches an empty workspace sets it up, and usually starts by importing.
BOOTSTRAP_ROLES = (Role.ADMIN, Role.TRANSLATOR)
IMPORT_ROLES = {Role.TRANSLATOR, Role.EDITOR, Role.ADMIN, Role.DESK}  # the desk brings articles in to assign
GLOSSARY_ROLES = {Role.TERMINOLOGIST, Role.ADMIN}
EDIT_ROLES = {Role.TRANSLATOR, Role.EDITOR}  # who changes English (an editor as review)
USER_ADMIN_ROLES = frozenset({Role.ADMIN})  # who adds users, grants roles and maps logins


class Actors:
    """Who acts: the one place a name given as `by` becomes a user of the workspace."""

    def __init__(self, users: UsersRepository, audit: AuditRepository) -> None:
        self._users = users
        self._audit = audit

    def acting(self, name: str, *, bootstrap_as: str | None = None, bootstrap_roles: Iterable[Role] = ()) -> User:
        """The acting user; on an empty workspace, registers them as its first admin.

        Call inside a write transaction, so the bootstrap and the action it enables commit together.
        """
        row = self._users.user_by_name(name)
        if row is None and self._users.count_users() == 0:
            # Adding oneself gives exactly the roles asked for (and admin, to finish setting up).
            roles = {Role.ADMIN, *bootstrap_roles} if bootstrap_as == name else set(BOOTSTRAP_ROLES)
            at = now()
            user_id = self._users.insert_user(name, name, at)
            self._users.add_roles(user_id, roles)
            self._audit.audit(at, user_id, "workspace.bootstrap", {"user": name, "roles": sorted(roles)})
            self._users.add_login(name)
            row = self._users.user_by_name(name)
        if row is None:
            raise PermissionDenied(
                _("{name!r} is not a user of this workspace; an admin adds them with "
                  "`tandem users add {name} --role translator`").format(name=name)
            )
        if row.disabled_at:
            raise PermissionDenied(_("{name} is disabled in this workspace; an admin can enable them again").format(
                name=name))
        # Where the database knows its users (PostgreSQL), the rest of the transaction runs as this
        # user's own role: the database then sets and checks the author of every row itself, whoever
        # the connection logged in as (workflow.storage.postgres_identity).
        self._users.act_as(name)
        return row


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


# What each intent needs: the screens offer an action only where permissions() says yes, and the use
# cases refuse with the same sets whatever was offered. Reviewing also needs not having translated
# the document (review_roles below).
INTENT_ROLES: dict[str, frozenset[Role]] = {
    EDIT: frozenset(EDIT_ROLES),
    MARK: frozenset({Role.TRANSLATOR}),
    DISMISS: frozenset({Role.TRANSLATOR, Role.EDITOR, Role.TERMINOLOGIST, Role.ADMIN}),
    COMMENT: frozenset(Role),
    REPLY: frozenset(Role),
    # Closing a thread (the query is answered, the note dealt with) is for those who own the text.
    CLOSE: frozenset({Role.TRANSLATOR, Role.EDITOR, Role.ADMIN}),
    REVIEW: frozenset({Role.EDITOR}),
    IMPORT: frozenset(IMPORT_ROLES),
    PROPOSE: frozenset(Role),
    MAINTAIN: frozenset(GLOSSARY_ROLES),
    ASSIGN: frozenset({Role.DESK, Role.ADMIN}),  # ASSIGN_ROLES below; an importer's first assignment is apart
}


def permissions(user: User | None, translators: Iterable[str] = (), *, empty_workspace: bool = False,
                assigned_translator: str | None = None) -> Permissions:
    """What `user` may do, on a document whose translators are `translators` where one is in view
    (and whose assigned translator is `assigned_translator`, who alone edits it as translator).

    On a workspace without users, whoever acts first becomes its admin and translator
    (Actors.acting), so an unknown person may then do what those roles allow.
    """
    roles = set(user.roles) if user else set(BOOTSTRAP_ROLES) if empty_workspace else set()
    translated = user is not None and user.name in set(translators)
    intents = {intent for intent, needed in INTENT_ROLES.items() if roles & needed}
    if translated:
        intents.discard(REVIEW)  # the document's translator never reviews it, even holding the editor role
    why_not_edit = None
    if user is not None and EDIT in intents:
        try:
            editing_role(user, Role.TRANSLATOR if user.has(Role.TRANSLATOR) else Role.EDITOR, assigned_translator)
        except PermissionDenied as refusal:
            intents.discard(EDIT)  # someone else's assigned document: read it, do not type into it
            why_not_edit = str(refusal)
    return Permissions(user, frozenset(intents), signing_role(user, translators), why_not_edit)


def signing_role(user: User | None, translators: Iterable[str]) -> str | None:
    """The role a user's sign-off of a document is given in: the editor's where they may review it
    (never the document's own translator, even one who also holds the editor role), else the
    translator's; None for anyone else."""
    if user is None:
        return None
    if user.has(Role.EDITOR) and user.name not in set(translators):
        return "editor"
    return "translator" if user.has(Role.TRANSLATOR) else None


# What the database itself refuses to users without these roles, where it knows its users (PostgreSQL:
# workflow/storage/postgres_identity.py turns this into its triggers' table), derived from the tables
# above so the rule lives here once: a segment's state is set by the intent whose action leads to it
# (states.TRANSITIONS), an approval is review, a sign-off is given in the role it names, and any
# change to the glossary but a new proposal is its maintainers'.
ACTION_INTENTS = {states.EDIT: EDIT, states.CLEAR: EDIT, states.TRANSLATE: MARK, states.APPROVE: REVIEW,
                  states.REJECT: REVIEW}
SIGNOFF_INTENTS = {Role.TRANSLATOR.value: MARK, Role.EDITOR.value: REVIEW}


def database_rules() -> dict[str, frozenset[Role]]:
    """Each rule the database checks, and the Tandem roles any one of which passes it."""
    rules: dict[str, frozenset[Role]] = {
        "approve": INTENT_ROLES[REVIEW],
        "glossary": INTENT_ROLES[MAINTAIN],
        "users": USER_ADMIN_ROLES,
    }
    for (_state, action), target in states.TRANSITIONS.items():
        key = f"state:{target.value}"
        rules[key] = rules.get(key, frozenset()) | INTENT_ROLES[ACTION_INTENTS[action]]
    for role, intent in SIGNOFF_INTENTS.items():
        rules[f"signoff:{role}"] = INTENT_ROLES[intent]
    return rules


# The news desk (issue 17): who gives documents their translator, editor and due time, and what an
# assignment changes about editing.
ASSIGN_ROLES = set(INTENT_ROLES[ASSIGN])


def may_assign(user: User, *, imported_by: str | None = None, reassigning: bool = False) -> bool:
    """The desk chief and admins assign and reassign; whoever imported a document may name its first
    translator, editor and due time (at import), but a change to what is set is the desk's."""
    if user.has(Role.DESK) or user.has(Role.ADMIN):
        return True
    return not reassigning and imported_by == user.name


def require_assigner(user: User, *, imported_by: str | None = None, reassigning: bool = False) -> None:
    if not may_assign(user, imported_by=imported_by, reassigning=reassigning):
        from workflow.names import name

        names = _(" or ").join(sorted(name(r) for r in ASSIGN_ROLES))
        raise PermissionDenied(_("{user} cannot assign documents or set their due time: that needs the {roles} "
                                 "role").format(user=user.name, roles=names))


def editing_role(user: User, role: Role, assigned_translator: str | None) -> Role:
    """The role `user` saves English in on a document whose assigned translator is
    `assigned_translator` (None: unassigned, today's rules). Only the assigned translator saves as
    translator; anyone else holding the editor role edits as review; everyone else is refused."""
    if role is not Role.TRANSLATOR or assigned_translator is None or assigned_translator == user.name:
        return role
    if user.has(Role.EDITOR):
        return Role.EDITOR
    raise PermissionDenied(_("{user} cannot edit this document's English: it is assigned to {translator}; "
                             "others may read it").format(user=user.name, translator=assigned_translator))
