"""SQL for copying a whole workspace into another (`tandem migrate-to`): every table, row for row,
ids included."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from workflow.storage.store_base import Repository

# Rows read and written per statement: a few megabytes of the largest rows (memory units, revisions).
BATCH = 2000


class WholeTablesRepository(Repository):
    """Tables read and written whole, in the order their foreign keys allow."""

    def data_tables(self) -> list[str]:
        """The workspace's tables, each after every table it references."""
        return self._engine.data_tables()

    def table_columns(self, table: str) -> list[str]:
        cursor = self._engine.execute(f"SELECT * FROM {table} LIMIT 0")
        return [column[0] for column in cursor.description]

    def table_count(self, table: str) -> int:
        return self._engine.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def table_batches(self, table: str, columns: Sequence[str]) -> Iterator[list[tuple[Any, ...]]]:
        """The table's rows (those columns), in batches; by id where it has one, so a row that names
        an earlier row of its own table (a revision's parent, a reply's thread) comes after it."""
        names = ", ".join(columns)
        if "id" not in columns:
            rows = [tuple(row) for row in self._engine.execute(f"SELECT {names} FROM {table}").fetchall()]
            if rows:
                yield rows
            return
        # Keyset pages: a table of a million memory units is never held whole.
        at = columns.index("id")
        last = None
        while True:
            if last is None:
                found = self._engine.execute(f"SELECT {names} FROM {table} ORDER BY id LIMIT ?", (BATCH,))
            else:
                found = self._engine.execute(f"SELECT {names} FROM {table} WHERE id > ? ORDER BY id LIMIT ?",
                                             (last, BATCH))
            rows = [tuple(row) for row in found.fetchall()]
            if not rows:
                return
            yield rows
            last = rows[-1][at]

    def empty_table(self, table: str) -> None:
        self._engine.execute(f"DELETE FROM {table}")

    def put_rows(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows as given, ids and authors included (inside keeping_rows_as_given)."""
        self._engine.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)

    def keeping_rows_as_given(self) -> AbstractContextManager[None]:
        """Inside write(): rows keep the ids and authors they are inserted with."""
        return self._engine.copying()

    def audit_chain_end(self) -> tuple[int, str] | None:
        """The newest audit entry's id and hash: where the chain ends."""
        row = self._engine.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else None
