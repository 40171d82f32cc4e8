"""Storage: the workspace's repositories, one per concern, over one engine, and its transactions.

Each store_*.py module holds one concern's SQL as a repository; this module builds them on the
engine the location calls for. Use cases receive only the repositories they use, and a
Transactions to group their writes; none of them knows which engine is underneath.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from workflow.storage.engine import Engine, is_url
from workflow.storage.sqlite_engine import SQLiteEngine
from workflow.storage.store_archive import ArchiveRepository
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_base import Row
from workflow.storage.store_concordance import ConcordanceRepository
from workflow.storage.store_conflicts import ConflictsRepository
from workflow.storage.store_copy import WholeTablesRepository
from workflow.storage.store_desk import DeskRepository
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_glossary import TermsRepository
from workflow.storage.store_interchange import InterchangeRepository
from workflow.storage.store_learning import LearningRepository
from workflow.storage.store_logins import LoginsRepository
from workflow.storage.store_publications import PublicationsRepository
from workflow.storage.store_returns import ReturnsRepository
from workflow.storage.store_review import CommentsRepository, DismissalsRepository, SignoffsRepository
from workflow.storage.store_segments import RevisionsRepository, SegmentsRepository
from workflow.storage.store_stats import StatsRepository
from workflow.storage.store_tm import TranslationMemoryRepository
from workflow.storage.store_users import UsersRepository
from workflow.storage.store_word_decisions import WordDecisionsRepository

__all__ = ["Row", "Storage", "Transactions"]


class Transactions:
    """What a use case needs of the engine besides its repositories: units of work."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write(self) -> AbstractContextManager[None]:
        """One atomic unit of work: everything inside commits together or not at all, and writers
        queue one behind another, so what it read stays true until it commits."""
        return self._engine.write()

    def read(self) -> AbstractContextManager[None]:
        """Several reads that see one snapshot (writers carry on meanwhile)."""
        return self._engine.read()

    def in_transaction(self) -> bool:
        """Whether this thread is inside a unit of work (a write here would nest)."""
        return self._engine.in_transaction()


class Storage:
    """The repositories of one workspace. Built once per Workspace; the Workspace hands each use
    case the ones it uses."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.transactions = Transactions(engine)
        self.users = UsersRepository(engine)
        self.logins = LoginsRepository(engine)
        self.documents = DocumentsRepository(engine)
        self.segments = SegmentsRepository(engine)
        self.revisions = RevisionsRepository(engine)
        self.conflicts = ConflictsRepository(engine)
        self.terms = TermsRepository(engine)
        self.dismissals = DismissalsRepository(engine)
        self.comments = CommentsRepository(engine)
        self.signoffs = SignoffsRepository(engine)
        self.audit = AuditRepository(engine)
        self.tm = TranslationMemoryRepository(engine)
        self.interchange = InterchangeRepository(engine)
        self.learning = LearningRepository(engine)
        self.returns = ReturnsRepository(engine)
        self.concordance = ConcordanceRepository(engine)
        self.archive = ArchiveRepository(engine)
        self.word_decisions = WordDecisionsRepository(engine)
        self.stats = StatsRepository(engine)
        self.publications = PublicationsRepository(engine)
        self.desk = DeskRepository(engine)
        self.whole_tables = WholeTablesRepository(engine)

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
        return self.transactions.write()

    def read(self) -> AbstractContextManager[None]:
        return self.transactions.read()

    def schema_version(self) -> int:
        return self._engine.schema_version()

    def table_names(self) -> list[str]:
        return self._engine.table_names()

    def data_version(self) -> int:
        """Changes whenever another connection commits; this thread's own commits leave it alone."""
        return self._engine.changes()

    def integrity_problems(self) -> list[str]:
        return self._engine.integrity_problems()
