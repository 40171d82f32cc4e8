"""The Workspace facade: every use case the CLI and the TUI have, in domain words.

Rules live here; SQL lives in workflow.storage; nothing here knows about screens or terminals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workflow.audit import Verification, verify
from workflow.access import user_from_row as _user
from workflow.checks import Finding
from workflow.errors import NotFound, WorkspaceError
from workflow.glossary import Glossary
from workflow.i18n import _
from workflow.import_store import store_plan
from workflow.importer import ImportPlan, plan_import
from workflow.models import (
    Comment,
    Conflict,
    SaveResult,
    STATE_ORDER,
    Document,
    DocumentSummary,
    Revision,
    Role,
    Segment,
    SegmentState,
    User,
)
from workflow.comments import Comments, Thread
from workflow.concordance import CONCORDANCE_LIMIT, ConcordanceHit, concordance
from workflow.editing import Editing
from workflow.findings import Counts, Findings, FindingView, Texts, Work
from workflow.review import Review
from workflow.saving import Saving
from workflow.records import document_from_row as _document
from workflow.records import revision_from_row as _revision
from workflow.records import segment_from_row as _segment
from workflow.storage import Storage
from workflow.tm import TranslationMemory
from workflow.users import add_user as _add_user


@dataclass(frozen=True)
class ImportResult:
    document: Document
    segments: int
    doubtful: list[tuple[int, str]]  # (segment index, why the pairing is uncertain)
    previous_import: int | None  # a document imported earlier from the very same files


@dataclass(frozen=True)
class BilingualImport:
    document: Document
    segments: int
    previous_import: int | None
    read_as: str  # "XLIFF 1.2", "XLIFF 2.1" ...
    strangers: tuple[str, ...]  # authors named in the file who are not users here
    warnings: tuple[str, ...]

    @property
    def doubtful(self) -> list[tuple[int, str]]:
        return []  # the file pairs its units itself: nothing was aligned, nothing is in doubt


class Workspace:
    def __init__(self, path: Path, storage: Storage) -> None:
        self.path = path
        self._store = storage
        self.glossary = Glossary(storage)
        self.tm = TranslationMemory(storage)
        self.review = Review(storage, self)
        self._findings = Findings(storage, self.glossary)
        self._editing = Editing(storage, self._findings.segment, self.review)
        self._comments = Comments(storage)
        self._saving = Saving(storage, self.review)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Workspace:
        path = Path(path)
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
        return cls(path, Storage(path))

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> int:
        """A number that changes when someone else commits: one PRAGMA, cheap enough to poll."""
        return self._store.data_version()

    # users ---------------------------------------------------------------------------

    def users(self) -> list[User]:
        return [_user(row) for row in self._store.users()]

    def find_user(self, name: str) -> User | None:
        row = self._store.user_by_name(name)
        return _user(row) if row else None

    def user(self, name: str) -> User:
        found = self.find_user(name)
        if found is None:
            raise NotFound(_("no user named {name!r} (add one with `tandem users add {name} --role ...`)").format(
                name=name))
        return found

    def add_user(
        self, name: str, roles: Iterable[Role | str], *, display_name: str | None = None, by: str
    ) -> User:
        _add_user(self._store, name, roles, display_name=display_name, by=by)
        return self.user(name)

    # documents -----------------------------------------------------------------------

    def import_document(
        self,
        korean_path: Path | str,
        english_path: Path | str | None = None,
        *,
        title: str | None = None,
        tags: Iterable[str] = (),
        sentences: bool = False,
        by: str,
    ) -> ImportResult:
        plan = plan_import(korean_path, english_path, title=title, sentences=sentences)
        return self.store_import(plan, tags=tags, by=by)

    def store_import(self, plan: ImportPlan, *, tags: Iterable[str] = (), by: str) -> ImportResult:
        """Store a plan made by plan_import (which the TUI runs in a worker) in one transaction."""
        document_id, earlier = store_plan(self._store, plan, tags=_tags(tags), by=by)
        doubtful = [(i, s.note) for i, s in enumerate(plan.segments, start=1) if s.note]
        return ImportResult(
            self.document(document_id),
            len(plan.segments),
            doubtful,
            earlier,
        )

    def import_bilingual(self, path: Path | str, *, title: str | None = None, tags: Iterable[str] = (),
                         by: str) -> BilingualImport:
        """An XLIFF 1.2 or 2.x file (told apart by content) as a new document, in one transaction."""
        from workflow.interchange import store_io

        doc, data, sniffed = store_io.read_file(path)
        stored = store_io.store_file(self._store, doc, name=Path(path).name, checksum=store_io.checksum(data),
                                     encoding=sniffed.encoding or "utf-8", tags=_tags(tags), title=title,
                                     by=by)
        return BilingualImport(self.document(stored.document_id), stored.segments, stored.previous_import,
                               sniffed.label, stored.strangers, tuple(doc.warnings))

    def export_bilingual(self, document_id: int, fmt: str):
        """(BilingualFile, its bytes, segments whose placeholders differ from the Korean's); refuses
        rather than write a file Tandem itself would not read back."""
        from workflow.interchange.store_io import export_file

        self.document(document_id)
        return export_file(self._store, document_id, fmt)

    def bilingual_file(self, document_id: int, fmt: str):
        """The document as a BilingualFile for `fmt` (xliff12 or xliff2), as export writes it."""
        from workflow.interchange.store_io import document_file

        self.document(document_id)
        return document_file(self._store, document_id, fmt)

    def find_import(self, korean_checksum: str, english_checksum: str | None) -> Document | None:
        row = self._store.document_by_checksums(korean_checksum, english_checksum)
        return _document(row) if row else None

    def document(self, document_id: int) -> Document:
        row = self._store.document(document_id)
        if row is None:
            raise NotFound(_("no document {id} in this workspace (see `tandem docs`)").format(id=document_id))
        return _document(row)

    def documents(self) -> list[DocumentSummary]:
        counts = self._store.state_counts()
        roles = self._store.document_roles()
        words = self._store.source_word_counts()
        conflicts = self._store.conflict_counts()
        summaries = []
        for row in self._store.documents():
            by_state = counts.get(row["id"], {})
            progress = {state.value: by_state.get(state.value, 0) for state in STATE_ORDER}
            summaries.append(
                DocumentSummary(
                    _document(row),
                    sum(progress.values()),
                    progress,
                    words.get(row["id"], 0),
                    roles.get(row["id"], {}),
                    conflicts.get(row["id"], 0),
                )
            )
        return summaries

    def segments(self, document_id: int) -> list[Segment]:
        self.document(document_id)
        return [_segment(row) for row in self._store.segments(document_id)]

    def segment_changes(self, document_id: int, since: int | None = None) -> tuple[int, list[Segment]]:
        """Where the document's audit log stands and, given where it stood before (`since`), the
        segments changed meanwhile: every change to a segment is audited, so a screen that holds a
        document re-reads what moved, not all of it."""
        with self._store.read():
            head = self._store.audit_head(document_id)
            rows = [] if since is None else self._store.segments_audited_after(document_id, since)
        return head, [_segment(row) for row in rows]

    def history(self, document_id: int, segment: int | None = None) -> list[Revision]:
        segments = self.segments(document_id)
        if segment is not None and not 1 <= segment <= len(segments):
            raise NotFound(_("document {id} has segments 1 to {last}, not {index}").format(
                id=document_id, last=len(segments), index=segment))
        return [_revision(row) for row in self._store.revisions(document_id, segment)]

    def current_revision(self, document_id: int, index: int) -> Revision | None:
        """The revision whose text the segment shows. Not simply the newest: a stale save kept
        aside (merged or in conflict) is newer than the text it never became."""
        with self._store.read():
            row = self._store.segment(document_id, index)
            if row is None:
                raise NotFound(_("document {id} has no segment {index}").format(id=document_id, index=index))
            found = self._store.revision_by_id(row["revision_id"]) if row["revision_id"] else None
        return _revision(found) if found else None

    # checks and editing ---------------------------------------------------------------

    def segment_findings(self, document_id: int, index: int, target: str | None = None, *,
                         texts: Texts | None = None) -> list[FindingView]:
        """The segment's findings, document checks included, dismissed ones marked (see FindingView.open).

        `target` is the segment's English as typed; `texts` the document's English as the caller
        holds it (a mapping by segment index, or a sequence from segment 1), overriding the saved
        texts where given. Without either, the saved texts. Cheap to repeat on a long-lived
        Workspace: only texts that changed since the last call are analysed again.
        """
        return self._findings.segment(document_id, index, target, texts=texts)

    def check_document(self, document_id: int, *, texts: Texts | None = None) -> list[FindingView]:
        """Every segment's findings, in order: exactly segment_findings over every segment."""
        return self._findings.document(document_id, texts=texts)

    def finding_counts(self, document_id: int, *, texts: Texts | None = None) -> dict[int, Counts]:
        """Open (errors, warnings) per segment, every segment included, dismissed findings left out."""
        return self._findings.counts(document_id, texts=texts)

    def term_uses(self, source: str, target: str):
        """The glossary's terms in the Korean and what the English does about them; right after
        segment_findings on the same texts this is the analysis it made, not a second matching."""
        return self._findings.term_uses(source, target)

    @property
    def findings_work(self) -> Work:
        """Segment analyses and glossary matchings run so far by this Workspace (take differences)."""
        return self._findings.work

    def save_segment(self, document_id: int, index: int, text: str, *, by: str,
                     based_on: int | None = None) -> SaveResult:
        """A new revision of the segment's English (none when unchanged); edits void sign-offs."""
        return self._saving.save(document_id, index, text, by=by, based_on=based_on)

    def save_and_approve(self, document_id: int, index: int, text: str, *, by: str,
                         based_on: int | None = None) -> SaveResult:
        """An editor's correction kept approved at the new revision (editors only); a stale base is
        merged or kept in conflict and left unapproved: check result.segment.state."""
        return self._saving.save_and_approve(document_id, index, text, by=by, based_on=based_on)

    def conflict(self, document_id: int, index: int) -> Conflict | None:
        """The segment's open conflict: base, theirs and mine as revisions; None when there is none."""
        return self._saving.conflict(document_id, index)

    def conflicts(self, document_id: int) -> list[Conflict]:
        """Every open conflict in the document (a segment may hold several until one resolution)."""
        self.document(document_id)
        return self._saving.conflicts(document_id)

    def resolve_conflict(self, document_id: int, index: int, text: str, *, by: str) -> SaveResult:
        """Store the text a person chose as the segment's new revision and close its conflict."""
        return self._saving.resolve_conflict(document_id, index, text, by=by)

    def mark_translated(self, document_id: int, index: int, *, by: str) -> SegmentState:
        return self._editing.mark_translated(document_id, index, by=by)

    def dismiss_finding(self, document_id: int, index: int, finding: Finding, *, reason: str, by: str) -> None:
        self._editing.dismiss(document_id, index, finding, reason=reason, by=by)

    def add_comment(self, document_id: int, index: int, text: str, *, kind: str = "note", by: str) -> Comment:
        return self._comments.add(document_id, index, text, kind=kind, by=by)

    def comments(self, document_id: int, index: int | None = None) -> list[Comment]:
        """Every comment, replies included (a reply's parent_id names its thread's first comment)."""
        return self._comments.comments(document_id, index)

    def threads(self, document_id: int, index: int | None = None) -> list[Thread]:
        return self._comments.threads(document_id, index)

    def open_queries(self, document_id: int, index: int | None = None) -> list[Comment]:
        """The queries every "N open" counts (workflow.comments.counts_as_open)."""
        return self._comments.open_queries(document_id, index)

    def reply_comment(self, comment_id: int, text: str, *, by: str) -> Comment:
        return self._comments.reply(comment_id, text, by=by)

    def resolve_comment(self, comment_id: int, *, by: str) -> int:
        """Close a thread (a query answered); given a reply's id, closes the reply's thread.
        Returns the thread's first comment's id."""
        return self._comments.resolve(comment_id, by=by)

    def concordance(self, text: str, *, limit: int = CONCORDANCE_LIMIT) -> list[ConcordanceHit]:
        """Every document's segments and the TM containing text, with the glossary's renderings marked."""
        return concordance(self._store, self.glossary.index(), text, limit=limit)

    def audit_log(self, document_id: int | None = None) -> list[dict[str, Any]]:
        return self._store.audit_entries(document_id)

    def verify(self) -> Verification:
        """Whether the file still holds what Tandem wrote: SQLite's own integrity check, the audit
        log's hash chain, and every revision's text against its hashes. Reads only."""
        with self._store.read():
            return verify(self._store.integrity_problems(), self._store.audit_chain(),
                          self._store.revision_hashes())


def _tags(tags: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and tag not in seen:
            seen.append(tag)
    return seen
