"""SQL for browser logins: password hashes, one-time invitations, disabling users.

The hash is read only here, by the login check and the password change; no user row carries it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.storage.store_base import Repository


@dataclass(frozen=True)
class InvitationRecord:
    id: int
    code_hash: str
    created_at: str
    expires_at: str


class LoginsRepository(Repository):
    """users.password_hash and the invitations table (migration 11)."""

    def password_hash(self, user_id: int) -> str | None:
        row = self._engine.execute("SELECT password_hash FROM users WHERE id = ?", (user_id,)).fetchone()
        return row[0] if row else None

    def set_password_hash(self, user_id: int, password_hash: str | None) -> None:
        self._engine.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))

    def users_with_password(self) -> set[int]:
        return {row[0] for row in self._engine.execute("SELECT id FROM users WHERE password_hash IS NOT NULL").fetchall()}

    def insert_invitation(self, user_id: int, code_hash: str, by: int, at: str, expires_at: str) -> int:
        return self._insert("invitations", {"user_id": user_id, "code_hash": code_hash, "created_by": by,
                                            "created_at": at, "expires_at": expires_at})

    def open_invitations(self, user_id: int, at: str) -> list[InvitationRecord]:
        """The user's invitations neither used nor expired at `at`."""
        return self._records(InvitationRecord,
            """SELECT id, code_hash, created_at, expires_at FROM invitations
               WHERE user_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY id""", (user_id, at))

    def close_invitations(self, user_id: int, at: str) -> int:
        """Ends every invitation of the user still open (used, or made void by a new password)."""
        return self._engine.execute("UPDATE invitations SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                                (at, user_id)).rowcount

    def insert_ticket(self, token_hash: str, user_id: int, expires_at: str) -> None:
        self._insert("serve_tickets", {"token_hash": token_hash, "user_id": user_id, "expires_at": expires_at})

    def take_ticket(self, token_hash: str, at: str) -> int | None:
        """The user of an unexpired ticket, which is used up (expired ones are cleared on the way)."""
        row = self._engine.execute("DELETE FROM serve_tickets WHERE token_hash = ? RETURNING user_id, expires_at",
                               (token_hash,)).fetchone()
        self._engine.execute("DELETE FROM serve_tickets WHERE expires_at <= ?", (at,))
        return row[0] if row and row[1] > at else None
