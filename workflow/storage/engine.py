"""What the repositories need from a database engine, whichever it is (SQLite or PostgreSQL).

SQL above this seam is written once, in the subset both engines run: `?` placeholders, `instr`,
`group_concat`, `INSERT ... ON CONFLICT DO NOTHING`, `RETURNING`. Where the engines really differ
(substring indexes, JSON arrays, locks, change notices, integrity checks) the engine says it in
its own words through the few methods below, so no repository, use case or screen knows which
engine it has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

Row = dict[str, Any]


class Cursor(Protocol):
    """The part of a DB-API cursor the repositories use (sqlite3's and psycopg's both have it)."""

    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Engine(Protocol):
    name: str          # "sqlite" or "postgresql"
    location: str      # the file's path or the database's URL without its password, for messages

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        """Run one statement for each row; returns how many rows it changed in all."""
        ...

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...

    def insert(self, table: str, row: Mapping[str, Any]) -> int:
        """Insert one row and return its id."""
        ...

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]], *, ignore: bool = False) -> None:
        """Insert rows (all with the first row's columns); with ignore, rows that would break a
        unique key are skipped."""
        ...

    def write(self) -> AbstractContextManager[None]:
        """One atomic unit of work. Writers queue one behind another, so what a write reads
        stays true until it commits (the rule every merge and conflict stands on)."""
        ...

    def read(self) -> AbstractContextManager[None]:
        """Several reads that see one snapshot."""
        ...

    def in_transaction(self) -> bool: ...

    def substring_ids(self, index: str) -> str:
        """SQL selecting the ids of `index`'s rows ('segments', 'revisions' or 'tm_units') whose
        text contains the text given to substring_params (case-insensitive, inside Korean words
        too); for 'tm_units.source' only the Korean is searched. The trigram indexes answer it
        from three characters on; shorter texts are scanned."""
        ...

    def substring_params(self, index: str, text: str) -> tuple[str, ...]:
        """The parameters substring_ids(index) takes to find text."""
        ...

    def similar_ids(self, index: str, text: str, limit: int) -> list[int] | None:
        """The ids of `index`'s rows ('tm_units.source': the TM's Korean) most like text by the
        engine's own trigram similarity, most alike first, at most limit; None where the engine
        has no index that ranks by similarity, and the caller gathers candidates itself from
        substring_ids's postings."""
        ...

    def json_ints(self, expression: str, key: str | None = None) -> str:
        """A FROM item with one column, value: the integers of the JSON array that the text
        `expression` holds (at `key` of the object it holds, given a key). It may name the
        query's other tables, so join it with `JOIN {item} j ON true`."""
        ...

    def json_texts(self, expression: str) -> str:
        """As json_ints, for the strings of a JSON array."""
        ...

    def act_as(self, user: str) -> None:
        """Run the rest of the transaction as the Tandem user `user`, where the database has logins
        of its own and checks authors itself (PostgreSQL: SET LOCAL ROLE); refuses with
        PermissionDenied where this login may not act as them. Nothing outside a transaction, and
        nothing on SQLite."""
        ...

    def add_login(self, user: str) -> None:
        """Make the Tandem user `user` a login of the database, or join an existing login of that
        name to this workspace (PostgreSQL); nothing on SQLite."""
        ...

    def changes(self) -> int:
        """A number that moves whenever another connection commits (this thread's own commits
        leave it alone): cheap enough to poll."""
        ...

    def data_tables(self) -> list[str]:
        """The tables holding the workspace's own rows, each after every table its foreign keys
        name: what a copy of the workspace carries (the engine's search indexes and bookkeeping
        are left out; they are made again, or were never the workspace's)."""
        ...

    def copying(self) -> AbstractContextManager[None]:
        """Inside write(): rows inserted meanwhile keep the ids and authors they are given, as a
        copy of another workspace must (PostgreSQL: the workspace's own triggers rest for this
        transaction, and every identity is moved past the ids copied when it ends)."""
        ...

    def schema_version(self) -> int: ...

    def table_names(self) -> list[str]: ...

    def integrity_problems(self) -> list[str]: ...

    def close(self) -> None: ...


def is_url(location: object) -> bool:
    """Whether a workspace's location names a PostgreSQL database rather than a file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def dependency_order(references: dict[str, set[str]]) -> list[str]:
    """Table names, each after the tables it references (a table naming itself is no obstacle:
    its rows are copied in id order, parents first); alphabetical where the order is free."""
    ordered: list[str] = []
    placed: set[str] = set()
    waiting = {name: refs & references.keys() for name, refs in sorted(references.items())}
    while waiting:
        ready = [name for name, refs in waiting.items() if refs - {name} <= placed]
        if not ready:
            raise ValueError(f"foreign keys in a cycle among {', '.join(waiting)}")
        for name in ready:
            ordered.append(name)
            placed.add(name)
            del waiting[name]
    return ordered
