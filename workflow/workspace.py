"""The Workspace facade: every use case the CLI and the TUI have, as peers in domain words.

    ws.users       who works here (workflow.users)
    ws.documents   the documents and their segments, read (workflow.documents)
    ws.files       articles and XLIFF in, XLIFF out (workflow.files)
    ws.editing     saving English, conflicts, marking translated, dismissing findings (workflow.editing)
    ws.pairing     moving English between segments to put an import's pairing right (workflow.pairing)
    ws.findings    the checks' findings, the same answer everywhere (workflow.findings)
    ws.comments    notes and queries as threads (workflow.comments)
    ws.review      approvals, sign-offs, readiness, permissions (workflow.review)
    ws.publishing  the HTML a CMS takes; publications and the correction notes they owe (workflow.publishing)
    ws.glossary    the house glossary (workflow.glossary)
    ws.tm          translation memory and concordance (workflow.tm)
    ws.archive     every document's Korean and English searched; a term's renderings before it (workflow.archive)
    ws.term_learning  glossary proposals learned from the editors' corrections (workflow.term_learning)
    ws.audit       the audit log and its verification (workflow.audit)
    ws.logins      browser logins: passwords, invitations, disabling users (workflow.logins)
    ws.stats       the desk in numbers: throughput, time to sign-off, effort, dismissals (workflow.desk_stats)
    ws.desk        assignments, due times, each person's queue, the desk view, the inbox (workflow.desk)

Each use case gets the others it needs passed in here; none holds the Workspace. Rules live in the
use cases, SQL in workflow.storage; nothing here knows about screens or terminals.
"""

from __future__ import annotations

from workflow.archive import Archive, ArchiveFound, ArchiveHit, TermRenderings  # noqa: F401 - results of ws.archive
from workflow.access import Actors
from workflow.audit import Audit
from workflow.comments import Comments
from workflow.desk import Desk
from workflow.desk_stats import DeskStatistics
from workflow.documents import Documents
from workflow.editing import Editing
from workflow.errors import WorkspaceError
from workflow.files import BilingualImport, Files, ImportResult  # noqa: F401 - results of ws.files
from workflow.findings import Findings
from workflow.glossary import Glossary
from workflow.i18n import _
from workflow.identity import Identity
from workflow.interchange.store_io import document_file
from workflow.logins import Logins
from workflow.pairing import Pairing
from workflow.paths import Location, WorkspaceLocation  # noqa: F401 - Location: what open() takes
from workflow.publishing import Publishing
from workflow.review import Review
from workflow.returns import ReturnedFile, Returns  # noqa: F401 - ReturnedFile: a result of ws.files
from workflow.saving import Saving
from workflow.storage import Storage
from workflow.term_learning import TermLearning
from workflow.tm import TranslationMemory
from workflow.users import Users
# For an interactive session (the TUI): keep the Korean morphology model out of the process, and the
# helper that decides what its workspace lacks (workflow.word_decisions).
from workflow.word_decisions import Background as MorphologyHelper  # noqa: F401
from workflow.word_decisions import WordDecisions, allow_model, keep_model_out, model_allowed  # noqa: F401


class Workspace:
    def __init__(self, location: Location, storage: Storage) -> None:
        self.location = WorkspaceLocation.of(location)
        # The file's Path or the database's URL, as open() takes it (and sqlite3.connect a file's).
        self.path = self.location.target
        self._store = storage
        s, tx = storage, storage.transactions
        actors = Actors(s.users, s.audit)
        self.users = Users(tx, actors, s.users, s.audit)
        self.documents = Documents(tx, s.conflicts, s.documents, s.publications, s.revisions, s.segments)
        self.glossary = Glossary(tx, actors, s.audit, s.segments, s.terms, location=self.location,
                                 morphology=lambda glossary: WordDecisions(storage, glossary, self.location))
        self.tm = TranslationMemory(tx, actors, s.audit, s.tm, s.concordance, self.glossary)
        self.archive = Archive(s.archive, self.glossary)
        self.term_learning = TermLearning(tx, actors, s.audit, s.learning, s.segments, s.terms, s.users,
                                          self.glossary)
        self.findings = Findings(s.documents, s.segments, s.dismissals, self.glossary)
        self.comments = Comments(tx, actors, s.audit, s.comments, s.segments, s.desk)
        self.review = Review(tx, actors, s.audit, s.comments, s.desk, s.publications, s.revisions, s.segments,
                             s.signoffs, s.tm, s.users, self.documents, self.findings, self.comments, self.tm)
        self.publishing = Publishing(tx, actors, s.audit, s.publications, self.documents, self.review)
        saving = Saving(tx, actors, s.audit, s.conflicts, s.desk, s.documents, s.revisions, s.segments, self.review)
        self.editing = Editing(tx, actors, s.audit, s.dismissals, s.segments, self.documents, self.findings, saving)
        returns = Returns(tx, actors, s.audit, s.returns, s.segments, s.users, self.documents, saving, self.comments,
                          document_file=lambda document_id, fmt: document_file(storage, document_id, fmt))
        self.files = Files(storage, self.documents, self.glossary, self.tm, returns)
        self.pairing = Pairing(tx, actors, s.audit, s.documents, s.segments, s.revisions, self.documents, self.review)
        self.audit = Audit(tx, s.audit)
        self.identity = Identity(tx, actors, s.audit, s.users, location=self.location)
        self.logins = Logins(tx, actors, s.audit, s.logins, s.users)
        self.stats = DeskStatistics(tx, s.documents, s.stats)
        self.desk = Desk(tx, actors, s.audit, s.desk, s.documents, s.users, self.documents, self.review,
                         self.comments)

    @classmethod
    def open(cls, location: Location, *, create: bool = True) -> Workspace:
        """The workspace in a file (its path) or a PostgreSQL database (postgresql://user@host/name;
        the database must exist, and its tables are made on first use)."""
        location = WorkspaceLocation.of(location)
        if location.path is None:
            return cls(location, Storage.open(location.target))
        path = location.path
        if path.is_dir():
            raise WorkspaceError(_("{path}: is a folder; give the path of a workspace file").format(path=path))
        if not path.exists():
            if not create:
                raise WorkspaceError(
                    _("{path}: no workspace here yet (import a document or run `tandem demo`)").format(path=path)
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(_("{path}: cannot create its folder ({problem})").format(
                    path=path, problem=exc.strerror)) from None
        return cls(location, Storage.open(path))

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> int:
        """A number that changes when someone else commits, cheap enough to poll (SQLite's data_version;
        on PostgreSQL, the notices other servers' commits send)."""
        return self._store.data_version()
