"""Storage: the one object that runs Tandem's SQL, assembled from one part per concern.

Each store_*.py module holds the statements for one part of the schema; this module adds the
connection's lifecycle and transactions. Methods take and return plain values and dicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workflow.storage.connection import Connections
from workflow.storage.store_archive import ArchiveSQL
from workflow.storage.store_audit import AuditSQL
from workflow.storage.store_base import Row
from workflow.storage.store_concordance import ConcordanceSQL
from workflow.storage.store_conflicts import ConflictsSQL
from workflow.storage.store_desk import DeskSQL
from workflow.storage.store_documents import DocumentsSQL
from workflow.storage.store_glossary import GlossarySQL
from workflow.storage.store_interchange import InterchangeSQL
from workflow.storage.store_learning import LearningSQL
from workflow.storage.store_logins import LoginsSQL
from workflow.storage.store_publications import PublicationsSQL
from workflow.storage.store_returns import ReturnsSQL
from workflow.storage.store_review import ReviewSQL
from workflow.storage.store_segments import SegmentsSQL
from workflow.storage.store_stats import StatsSQL
from workflow.storage.store_tm import TranslationMemorySQL
from workflow.storage.store_users import UsersSQL
from workflow.storage.store_word_decisions import WordDecisionsSQL

__all__ = ["Row", "Storage"]


class Storage(
    UsersSQL,
    LoginsSQL,
    DocumentsSQL,
    SegmentsSQL,
    ConflictsSQL,
    GlossarySQL,
    ReviewSQL,
    AuditSQL,
    TranslationMemorySQL,
    InterchangeSQL,
    LearningSQL,
    ReturnsSQL,
    ConcordanceSQL,
    WordDecisionsSQL,
    ArchiveSQL,
    StatsSQL,
    PublicationsSQL,
    DeskSQL,
):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._connections = Connections(path)
        self._connections.migrate()

    def close(self) -> None:
        self._connections.close()

    @contextmanager
    def write(self) -> Iterator[None]:
        """One atomic unit of work: everything inside commits together or not at all."""
        with self._connections.write():
            yield

    @contextmanager
    def read(self) -> Iterator[None]:
        """Several reads that see one snapshot (WAL: writers carry on meanwhile)."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def table_names(self) -> list[str]:
        return self._db.table_names()

    def data_version(self) -> int:
        """Changes whenever another connection commits; this thread's own commits leave it alone."""
        return self._db.execute("PRAGMA data_version").fetchone()[0]
