"""Browser logins for `tandem serve` (DESIGN §1, issue 15): passwords, invitations, disabling users,
and the slowing down and locking of repeated failures.

Passwords are kept only as argon2id hashes (argon2-cffi's PasswordHasher with its defaults, RFC 9106's
low-memory choice: 3 passes over 64 MiB, 4 lanes, 16-byte salt, in a PHC string that names them).
Argon2id rather than hashlib.scrypt: it is the password-hashing competition's winner and OWASP's first
choice, its parameters travel inside the stored string, so `needs_rehash` can raise them later on the
next login without a migration, and the library verifies in constant time. Measured on this 2-core
machine: about 150 ms and 64 MiB for one hash or one check (scrypt at n=2^14, r=8 takes 16 MiB and
50 ms); the server therefore checks at most two passwords at once (cli/serve_login.py), 128 MiB at most.
A password never leaves this module: not in the audit log, not in an error, not in a log line.

An invitation is a one-time code an admin hands on so that they never know the password: 80 random
bits in 16 letters, kept as a SHA-256 hash. A slow hash would add nothing: 80 random bits cannot be
guessed through a dictionary, and a plain hash lets the code be checked without a lookup per row.

Failed logins are counted in `Throttle`, held in the memory of the one server process: every attempt
passes through it, a count must be read and written in microseconds before a password is checked,
and a try refused for waiting costs no write at all (only a checked try writes its audit entry), so
a flood of guesses neither queues behind the editors' saves nor grows the workspace. A restart of
the server forgets the counts; a restart is an admin's act, not an attacker's, and every failure and
lock stays in the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from workflow.access import Actors, require
from workflow.clock import now
from workflow.errors import InputError, NotFound, PermissionDenied
from workflow.i18n import N_, _
from workflow.models import Role, User
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_logins import LoginsRepository
from workflow.storage.store_users import UsersRepository

MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # hashing takes as long for any length; this only keeps requests small
INVITATION_HOURS = 72
# How long a session's ticket waits for its app process to start and take it: the start takes a second
# or two, a loaded server more.
TICKET_SECONDS = 60
MAX_INVITATION_HOURS = 24 * 30
# Crockford's base32 less the look-alikes: a code read aloud or typed from paper comes out right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"
CODE_LENGTH = 16  # 16 x 5 bits = 80 bits

# Why a login failed, for the audit log only: the person at the page is told the same in every case.
UNKNOWN, WRONG, NO_PASSWORD, DISABLED = "unknown user", "wrong password", "no password set", "disabled"


def _hasher():
    from argon2 import PasswordHasher  # loaded only where a password is set or checked

    return PasswordHasher()


HASHER: Callable[[], object] = _hasher  # tests may put a cheaper one here


@lru_cache(maxsize=1)
def _decoy() -> str:
    """A hash of nothing anyone knows: an unknown name costs the same check a real one does, so the
    time of the answer does not tell which names are users."""
    return HASHER().hash(secrets.token_hex(16))  # type: ignore[attr-defined]


def normal(text: str) -> str:
    """A name or password as typed on any keyboard: NFC, so a Korean password typed through another
    input method is the same password."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Invitation:
    user: str
    code: str  # shown once, never stored
    expires_at: str


@dataclass(frozen=True)
class Attempt:
    """The outcome of a login attempt. `user` on success; `wait` seconds when it was not even tried."""

    user: User | None = None
    wait: float = 0.0
    locked: bool = False  # the wait is a lock, not a slowing down
    checked: bool = True  # False: refused for waiting, the password not even looked at

    @property
    def ok(self) -> bool:
        return self.user is not None


class Logins:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, logins: LoginsRepository,
                 users: UsersRepository) -> None:
        self._actors = actors
        self._tx = tx
        self._stored_audit = audit
        self._logins = logins
        self._users = users

    # Logging in (the server calls these from a worker thread: the hash check takes 150 ms).

    def authenticate(self, name: str, password: str, address: str, throttle: Throttle | None = None) -> Attempt:
        """Checks a name and password, with the throttle's leave; audits the outcome."""
        name = normal(name.strip())
        keys = (("user", name.casefold()), ("address", address))
        if throttle is not None:
            wait, locked = throttle.wait(keys)
            if wait > 0:
                return Attempt(wait=wait, locked=locked, checked=False)
        row = self._users.user_by_name(name) if name else None
        stored = self._logins.password_hash(row.id) if row else None
        user = row
        if user is not None and user.demo and stored is None:
            failure = DISABLED if user.disabled else None  # demo users log in without a password
        else:
            failure = self._check(user, stored, normal(password))
        if failure is None and user is not None:
            if throttle is not None:
                throttle.succeeded(keys[0])
            self._audit(user.id, "login.ok", {"address": address})
            return Attempt(user=user)
        started = throttle.failed(keys) if throttle is not None else ()
        # An unknown name is left out: it is often a password typed into the wrong box.
        detail = {"address": address, "reason": failure} | ({"user": user.name} if user else {})
        self._audit(user.id if user else None, "login.failed", detail)
        for kind, minutes in started:
            self._audit(user.id if user else None, "login.locked",
                        {"address": address, "by": kind, "minutes": minutes} | ({"user": user.name} if user else {}))
        if throttle is not None:
            wait, locked = throttle.wait(keys)
            return Attempt(wait=wait, locked=locked)
        return Attempt()

    def _check(self, user: User | None, stored: str | None, password: str) -> str | None:
        """None when the password is right; else why not (for the audit log). Always one hash check."""
        from argon2.exceptions import InvalidHashError, VerificationError

        hasher = HASHER()
        try:
            hasher.verify(stored or _decoy(), password[:MAX_PASSWORD])  # type: ignore[attr-defined]
        except (VerificationError, InvalidHashError):
            right = False
        else:
            right = stored is not None
        if user is None:
            return UNKNOWN
        if stored is None:
            return NO_PASSWORD
        if not right:
            return WRONG
        if user.disabled:
            return DISABLED
        if hasher.check_needs_rehash(stored):  # type: ignore[attr-defined]
            with self._tx.write():
                self._logins.set_password_hash(user.id, hasher.hash(password))  # type: ignore[attr-defined]
        return None

    def logged_out(self, name: str, address: str, reason: str) -> None:
        """Audits the end of a browser session: logout, idle, disabled, or the server stopping."""
        row = self._users.user_by_name(name)
        self._audit(row.id if row else None, "logout", {"address": address, "reason": reason})

    def may_log_in(self, name: str) -> bool:
        """Whether the user still exists and is enabled (a session of a user disabled since ends)."""
        row = self._users.user_by_name(name)
        return row is not None and not row.disabled_at

    def demo_users(self) -> list[str]:
        """The users a login page may name as free to log in without a password."""
        with_password = self._logins.users_with_password()
        return [r.name for r in self._users.users()
                if r.demo and not r.disabled_at and r.id not in with_password]

    def can_log_in(self) -> list[str]:
        """Users who could log in now: enabled, with a password or free as demo users."""
        with_password = self._logins.users_with_password()
        return [r.name for r in self._users.users()
                if not r.disabled_at and (r.id in with_password or r.demo)]

    # Passwords and invitations.

    def set_password(self, name: str, password: str, *, by: str) -> None:
        """A user sets their own password; an admin sets anyone's. Voids open invitations."""
        password = valid_password(name, password)
        hashed = HASHER().hash(password)  # type: ignore[attr-defined]  # before the transaction: 150 ms
        with self._tx.write():
            actor = self._actors.acting(by)
            target = self._target(name)
            if target.id != actor.id:
                require(actor, {Role.ADMIN}, N_("set another user's password"))
            at = now()
            self._logins.set_password_hash(target.id, hashed)
            voided = self._logins.close_invitations(target.id, at)
            self._stored_audit.audit(at, actor.id, "user.password", {"user": name, "invitations_voided": voided})

    def invite(self, name: str, *, by: str, hours: float = INVITATION_HOURS) -> Invitation:
        """A one-time code with which `name` sets their own password (admins); shown once."""
        if not 0 < hours <= MAX_INVITATION_HOURS:
            raise InputError("--hours", _("give a number of hours from 1 to {most}").format(most=MAX_INVITATION_HOURS))
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, {Role.ADMIN}, N_("invite users"))
            target = self._target(name)
            if target.disabled_at:
                raise PermissionDenied(_("{name} is disabled; enable them before inviting them").format(name=name))
            at = datetime.now(UTC)
            expires = (at + timedelta(hours=hours)).isoformat(timespec="milliseconds")
            self._logins.insert_invitation(target.id, _code_hash(code), actor.id,
                                          at.isoformat(timespec="milliseconds"), expires)
            self._stored_audit.audit(at.isoformat(timespec="milliseconds"), actor.id, "user.invite",
                              {"user": name, "expires_at": expires})
        return Invitation(name, shown_code(code), expires)

    def redeem(self, name: str, code: str, password: str) -> User:
        """The invited user sets their password with the code (no one else needs to be logged in)."""
        name = normal(name.strip())
        password = valid_password(name, password)
        hashed = HASHER().hash(password)  # type: ignore[attr-defined]
        wanted = _code_hash(_typed_code(code))
        with self._tx.write():
            row = self._users.user_by_name(name)
            at = now()
            good = [i for i in self._logins.open_invitations(row.id, at)
                    if hmac.compare_digest(i.code_hash, wanted)] if row and not row.disabled_at else []
            if not good:
                raise PermissionDenied(_("that invitation code is not valid for {name} "
                                         "(mistyped, used, or expired); ask an admin for a new one").format(name=name))
            assert row is not None
            self._logins.set_password_hash(row.id, hashed)
            self._logins.close_invitations(row.id, at)
            self._stored_audit.audit(at, row.id, "user.invite.redeem", {"user": name, "invitation": good[0].id})
        return row

    # Disabling: the user keeps every revision and sign-off, and can neither act nor log in.

    def disable(self, name: str, *, by: str) -> None:
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, {Role.ADMIN}, N_("disable users"))
            target = self._target(name)
            if target.id == actor.id:
                raise PermissionDenied(_("an admin cannot disable themselves; another admin can"))
            if target.disabled_at:
                raise InputError(name, _("is already disabled"))
            at = now()
            self._users.set_disabled(target.id, at)
            voided = self._logins.close_invitations(target.id, at)
            self._stored_audit.audit(at, actor.id, "user.disable", {"user": name, "invitations_voided": voided})

    def enable(self, name: str, *, by: str) -> None:
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, {Role.ADMIN}, N_("enable users"))
            target = self._target(name)
            if not target.disabled_at:
                raise InputError(name, _("is not disabled"))
            at = now()
            self._users.set_disabled(target.id, None)
            self._stored_audit.audit(at, actor.id, "user.enable", {"user": name})

    def ticket(self, name: str) -> str:
        """A one-time ticket naming the user a browser session's app process works as (cli/serve.py
        writes it as it starts the process, which takes it with `take_ticket`)."""
        target = self._target(name)
        token = secrets.token_urlsafe(32)
        expires = (datetime.now(UTC) + timedelta(seconds=TICKET_SECONDS)).isoformat(timespec="milliseconds")
        with self._tx.write():
            self._logins.insert_ticket(hashlib.sha256(token.encode()).hexdigest(), target.id, expires)
        return token

    def take_ticket(self, token: str) -> User:
        """The user a ticket names, once; a used, expired or unknown ticket is refused."""
        with self._tx.write():
            user_id = self._logins.take_ticket(hashlib.sha256(token.encode()).hexdigest(), now())
            row = next((r for r in self._users.users() if r.id == user_id), None) if user_id else None
        if row is None or row.disabled_at:
            raise PermissionDenied(_("this session's ticket is used, expired or unknown; log in again in the browser"))
        return row

    def _target(self, name: str) -> User:
        row = self._users.user_by_name(name)
        if row is None:
            raise NotFound(_("no user named {name!r} in this workspace").format(name=name))
        return row

    def _audit(self, user_id: int | None, action: str, detail: dict) -> None:
        with self._tx.write():
            self._stored_audit.audit(now(), user_id, action, detail)


def valid_password(name: str, password: str) -> str:
    """The password as it will be hashed (NFC), or an InputError saying what is wrong with it."""
    password = normal(password)
    if len(password) < MIN_PASSWORD:
        raise InputError(_("password"), _("too short: at least {count} characters").format(count=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise InputError(_("password"), _("too long: at most {count} characters").format(count=MAX_PASSWORD))
    if password.casefold() == normal(name.strip()).casefold():
        raise InputError(_("password"), _("must not be the user name"))
    return password


def _typed_code(code: str) -> str:
    """A code as typed: any case, with or without the dashes and spaces it is shown with."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def shown_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii", "replace")).hexdigest()


# Slowing down and locking repeated failures.

@dataclass(frozen=True)
class Policy:
    """After `free` failures each further one doubles the wait before the next try (1 s, 2 s, 4 s …);
    at `lock_after` the key is locked for `lock_seconds`. Failures are forgotten `forget_seconds`
    after the last one."""

    free: int = 3
    lock_after: int = 10
    lock_seconds: float = 15 * 60
    forget_seconds: float = 15 * 60


USER_POLICY = Policy()
ADDRESS_POLICY = Policy()
MAX_TRACKED = 100_000  # names and addresses remembered at once; the oldest go first past this


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0
    until: float = 0.0  # no try before this moment
    locked: bool = False


class Throttle:
    """Failure counts per user name and per remote address, in memory (see the module's docstring).

    Keys are (kind, value) pairs, kind "user" or "address". Thread-safe: the server checks passwords
    on two worker threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, policies: dict[str, Policy] | None = None) -> None:
        self._clock = clock
        self._policies = policies or {"user": USER_POLICY, "address": ADDRESS_POLICY}
        self._counts: dict[tuple[str, str], _Count] = {}
        self._lock = threading.Lock()

    def wait(self, keys: Iterable[tuple[str, str]]) -> tuple[float, bool]:
        """Seconds before another try is allowed (0: now), and whether that is a lock."""
        at = self._clock()
        wait, locked = 0.0, False
        with self._lock:
            for key in keys:
                count = self._current(key, at)
                if count is not None and count.until > at and count.until - at > wait:
                    wait, locked = count.until - at, count.locked
        return wait, locked

    def failed(self, keys: Iterable[tuple[str, str]]) -> list[tuple[str, int]]:
        """Counts a failure on each key; returns the kinds this failure locked, with the minutes."""
        at = self._clock()
        started = []
        with self._lock:
            for key in keys:
                policy = self._policies[key[0]]
                count = self._current(key, at) or _Count()
                count.failures += 1
                count.last = at
                if count.failures >= policy.lock_after:
                    count.until, count.locked = at + policy.lock_seconds, True
                    if count.failures == policy.lock_after:
                        started.append((key[0], round(policy.lock_seconds / 60)))
                elif count.failures > policy.free:
                    count.until = at + 2.0 ** (count.failures - policy.free - 1)
                self._counts.pop(key, None)
                self._counts[key] = count  # newest last, so pruning drops the oldest first
            while len(self._counts) > MAX_TRACKED:
                self._counts.pop(next(iter(self._counts)))
        return started

    def succeeded(self, key: tuple[str, str]) -> None:
        """A right password clears its user's count (an address's count stays: one good account
        must not buy its owner fresh guesses at others)."""
        with self._lock:
            self._counts.pop(key, None)

    def _current(self, key: tuple[str, str], at: float) -> _Count | None:
        count = self._counts.get(key)
        if count is None:
            return None
        policy = self._policies[key[0]]
        if count.until <= at and at - count.last > policy.forget_seconds:
            del self._counts[key]
            return None
        if count.locked and count.until <= at:  # a lock served in full starts the count again
            del self._counts[key]
            return None
        return count
