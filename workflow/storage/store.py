"""Storage: the one object that runs Tandem's SQL, assembled from one part per concern.

Each store_*.py module holds the statements for one part of the schema; this module adds the
engine's lifecycle and transactions. Methods take and return plain values and dicts.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from workflow.storage.engine import Engine, is_url
from workflow.storage.store_archive import ArchiveSQL
from workflow.storage.store_audit import AuditSQL
from workflow.storage.store_base import Row
from workflow.storage.store_concordance import ConcordanceSQL
from workflow.storage.store_conflicts import ConflictsSQL
from workflow.storage.store_copy import WholeTablesSQL
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
from workflow.storage.sqlite_engine import SQLiteEngine

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
    WholeTablesSQL,
):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # The workspace file (SQLite); its owner and inode are part of who may act and of caches' keys.
        self.path: Path = getattr(engine, "path", Path(engine.location))

    @classmethod
    def open(cls, location: Path | str) -> Storage:
        """The workspace at a file's path (SQLite) or a postgresql:// address, brought to this
        Tandem's schema."""
        if is_url(location):
            # Imported here: psycopg and libpq cost a SQLite workspace's start-up nothing.
            from workflow.storage.postgres_engine import PostgresEngine

            return cls(PostgresEngine(str(location)))
        return cls(SQLiteEngine(Path(location)))

    @property
    def location(self) -> str:
        return self._engine.location

    def close(self) -> None:
        self._engine.close()

    def write(self) -> AbstractContextManager[None]:
        """One atomic unit of work: everything inside commits together or not at all."""
        return self._engine.write()

    def read(self) -> AbstractContextManager[None]:
        """Several reads that see one snapshot (writers carry on meanwhile)."""
        return self._engine.read()

    def schema_version(self) -> int:
        return self._engine.schema_version()

    def table_names(self) -> list[str]:
        return self._engine.table_names()

    def data_version(self) -> int:
        """Changes whenever another connection commits; this thread's own commits leave it alone."""
        return self._engine.changes()
