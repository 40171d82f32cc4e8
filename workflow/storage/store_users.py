"""SQL for users and their roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workflow.storage.store_base import Row, StoreBase


class UsersSQL(StoreBase):
    """Users and their roles."""

    def count_users(self) -> int:
        return self._table("users").count

    def insert_user(self, name: str, display_name: str, at: str) -> int:
        return self._insert("users", {"name": name, "display_name": display_name, "created_at": at})

    def add_roles(self, user_id: int, roles: Iterable[str]) -> None:
        self._table("user_roles").insert_all(
            ({"user_id": user_id, "role": role} for role in roles), ignore=True
        )

    def user_by_name(self, name: str) -> Row | None:
        rows = self._users_where("u.name = ?", (name,))
        return rows[0] if rows else None

    def users(self) -> list[Row]:
        return self._users_where("1", ())

    def _users_where(self, where: str, params: tuple[Any, ...]) -> list[Row]:
        rows = self._rows(
            f"""SELECT u.id, u.name, u.display_name, u.created_at,
                       group_concat(r.role) AS roles
                FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
                WHERE {where} GROUP BY u.id ORDER BY u.name""",
            params,
        )
        for row in rows:
            row["roles"] = sorted((row["roles"] or "").split(",")) if row["roles"] else []
        return rows
