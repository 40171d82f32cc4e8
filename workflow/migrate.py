"""Copying a workspace into a PostgreSQL database (`tandem migrate-to`): everything, as it was.

Every table is copied row for row with its ids, in the order its foreign keys allow: users and their
logins, documents, segments, every revision, term revision, approval, sign-off, conflict and comment,
the memory, the imported files' bytes, the desk. The audit log is copied verbatim, so its hash chain
(which hashes each entry's id and user) goes on unbroken and `tandem verify` passes on the copy as on
the original. The copy is one transaction on the target: a problem anywhere leaves it as empty as it
was. The original is only read.

On PostgreSQL the rows keep the authors they were written with although the database otherwise sets
authors from the login (workflow/storage/postgres_identity.py): the copy runs as the workspace's owner
with the triggers resting for its transaction (WholeTablesRepository.keeping_rows_as_given). Each user is
then given their login role, as `tandem users add` does, and one audit entry says the copy was made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workflow.access import Actors, require
from workflow.clock import now
from workflow.errors import InputError, TandemError, WorkspaceError
from workflow.i18n import N_, _
from workflow.models import Role
from workflow.storage import Storage
from workflow.storage.engine import is_url


# Tables a new workspace fills itself (an empty workspace is swept: workflow.word_decisions).
MADE_WITH_A_WORKSPACE = frozenset({"word_decision_sweeps"})


@dataclass(frozen=True)
class Migrated:
    source: str
    target: str
    rows: dict[str, int]  # table -> rows copied, in the order they were copied
    audit_entries: int

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def migrate_to(source: Path | str, target: str, *, by: str) -> Migrated:
    """Copy the workspace at `source` into the empty PostgreSQL database at `target`; `by` must be
    an admin of the source."""
    if not is_url(target):
        raise InputError(str(target), _("not a PostgreSQL database; give its address as postgresql://USER@HOST/NAME"))
    original = Storage.open(source)
    try:
        actor_id = _admin(original, by)
        copy = Storage.open(target)  # an empty database gets this Tandem's tables here
        try:
            return copy_workspace(original, copy, actor_id=actor_id)
        finally:
            copy.close()
    finally:
        original.close()


def _admin(store: Storage, by: str) -> int:
    with store.read():
        if store.users.count_users() == 0:
            raise WorkspaceError(_("{path}: no users yet, so nothing to copy").format(path=store.location))
        actor = Actors(store.users, store.audit).acting(by)
        require(actor, {Role.ADMIN}, N_("copy the workspace to another database"))
        return actor.id


def copy_workspace(original: Storage, copy: Storage, *, actor_id: int) -> Migrated:
    """Every row of `original` into `copy`, which must hold none, in one transaction of `copy`."""
    try:
        with original.read(), copy.write():
            rows = _copy_tables(original, copy)
            head = original.whole_tables.audit_chain_end()
            if copy.whole_tables.audit_chain_end() != head:
                raise WorkspaceError(_("{url}: the audit chain did not arrive whole; nothing was copied").format(
                    url=copy.location))
            for user in original.users.users():
                copy.users.add_login(user.name)
            copy.audit.audit(now(), actor_id, "workspace.migrate", {
                "from": original.location, "rows": sum(rows.values()),
                "audit_entries": rows.get("audit_log", 0), "audit_head": head[1] if head else ""})
    except TandemError:
        raise
    except Exception as exc:  # noqa: BLE001 - either engine's error, said in its words; nothing was kept
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WorkspaceError(_("{url}: nothing was copied ({problem})").format(
            url=copy.location, problem=problem)) from exc
    return Migrated(original.location, copy.location, rows, rows.get("audit_log", 0))


def _copy_tables(original: Storage, copy: Storage) -> dict[str, int]:
    tables = original.whole_tables.data_tables()
    theirs = set(copy.whole_tables.data_tables())
    unknown = [table for table in tables if table not in theirs]
    if unknown:
        raise WorkspaceError(_("{url}: has no table {tables} to copy into (a Tandem of another version made "
                               "it?); nothing was copied").format(url=copy.location, tables=", ".join(unknown)))
    full = [table for table in sorted(theirs)
            if table not in MADE_WITH_A_WORKSPACE and copy.whole_tables.table_count(table)]
    if full:
        raise WorkspaceError(_("{url}: not an empty workspace ({tables} hold rows); copy only into a new "
                               "database").format(url=copy.location, tables=", ".join(full)))
    rows: dict[str, int] = {}
    with copy.whole_tables.keeping_rows_as_given():
        for table in tables:
            columns = original.whole_tables.table_columns(table)
            lacking = sorted(set(columns) - set(copy.whole_tables.table_columns(table)))
            if lacking:
                raise WorkspaceError(_("{url}: its table {table} has no column {columns}; nothing was copied").format(
                    url=copy.location, table=table, columns=", ".join(lacking)))
            rows[table] = 0
            if table in MADE_WITH_A_WORKSPACE:
                copy.whole_tables.empty_table(table)  # the original's rows say what holds for its text
            for batch in original.whole_tables.table_batches(table, columns):
                copy.whole_tables.put_rows(table, columns, batch)
                rows[table] += len(batch)
    for table, count in rows.items():
        if copy.whole_tables.table_count(table) != count or original.whole_tables.table_count(table) != count:
            raise WorkspaceError(_("{url}: {table} did not arrive whole; nothing was copied").format(
                url=copy.location, table=table))
    return rows
