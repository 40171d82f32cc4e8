"""SQL for users and their roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workflow.models import Role, User
from workflow.storage.store_base import Repository


class UsersRepository(Repository):
    """Users and their roles."""

    def count_users(self) -> int:
        return self._engine.execute("SELECT count(*) FROM users").fetchone()[0]

    def insert_user(self, name: str, display_name: str, at: str) -> int:
        return self._insert("users", {"name": name, "display_name": display_name, "created_at": at})

    def add_roles(self, user_id: int, roles: Iterable[str]) -> None:
        self._engine.insert_all("user_roles",
            ({"user_id": user_id, "role": role} for role in roles), ignore=True
        )

    def user_by_name(self, name: str) -> User | None:
        rows = self._users_where("u.name = ?", (name,))
        return rows[0] if rows else None

    def users(self) -> list[User]:
        return self._users_where("1 = 1", ())  # PostgreSQL wants a boolean, not 1

    def user_by_login(self, login: str) -> User | None:
        """The user an operating-system login is mapped to."""
        rows = self._users_where("u.id = (SELECT user_id FROM os_logins WHERE login = ?)", (login,))
        return rows[0] if rows else None

    def map_login(self, login: str, user_id: int, by: int | None, at: str) -> None:
        self._engine.execute(
            """INSERT INTO os_logins (login, user_id, mapped_by, mapped_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (login) DO UPDATE SET user_id = excluded.user_id, mapped_by = excluded.mapped_by,
                                                 mapped_at = excluded.mapped_at""",
            (login, user_id, by, at))

    def unmap_login(self, login: str) -> bool:
        return self._engine.execute("DELETE FROM os_logins WHERE login = ?", (login,)).rowcount > 0

    def mark_demo(self, user_ids: Iterable[int]) -> None:
        for user_id in user_ids:
            self._engine.execute("UPDATE users SET demo = 1 WHERE id = ?", (user_id,))

    def set_disabled(self, user_id: int, at: str | None) -> None:
        self._engine.execute("UPDATE users SET disabled_at = ? WHERE id = ?", (at, user_id))

    # Where the database knows its users (PostgreSQL: workflow/storage/postgres_identity.py); on
    # SQLite, which has no logins, both do nothing.

    def add_login(self, name: str) -> None:
        """Make the user `name` a login of the database (or join an existing one to this workspace)."""
        self._engine.add_login(name)

    def act_as(self, name: str) -> None:
        """Run the rest of this transaction as the user `name`, as far as the database can tell."""
        self._engine.act_as(name)

    def _users_where(self, where: str, params: tuple[Any, ...]) -> list[User]:
        # The password hash is never part of a user row: only the login check reads it.
        rows = self._rows(
            f"""SELECT u.id, u.name, u.display_name, u.created_at, u.disabled_at, u.demo,
                       group_concat(DISTINCT r.role) AS roles,
                       (SELECT group_concat(login) FROM os_logins o WHERE o.user_id = u.id) AS logins
                FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
                WHERE {where} GROUP BY u.id ORDER BY u.name""",
            params,
        )
        return [User(row["id"], row["name"], row["display_name"],
                     tuple(Role(r) for r in sorted(row["roles"].split(","))) if row["roles"] else (),
                     row["created_at"], bool(row["demo"]), row["disabled_at"],
                     tuple(sorted(row["logins"].split(","))) if row["logins"] else ())
                for row in rows]
