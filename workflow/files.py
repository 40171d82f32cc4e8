"""Files in and out: articles (Korean with an English draft) and bilingual files (XLIFF) as documents,
and a document written back as XLIFF."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workflow.documents import Documents
from workflow.import_store import store_plan
from workflow.importer import ImportPlan, plan_import
from workflow.models import Document
from workflow.storage import Storage


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


class Files:
    def __init__(self, store: Storage, documents: Documents) -> None:
        self._store = store
        self._documents = documents

    def import_document(self, korean_path: Path | str, english_path: Path | str | None = None, *,
                        title: str | None = None, tags: Iterable[str] = (), sentences: bool = False,
                        by: str) -> ImportResult:
        plan = plan_import(korean_path, english_path, title=title, sentences=sentences)
        return self.store_import(plan, tags=tags, by=by)

    def store_import(self, plan: ImportPlan, *, tags: Iterable[str] = (), by: str) -> ImportResult:
        """Store a plan made by plan_import (which the TUI runs in a worker) in one transaction."""
        document_id, earlier = store_plan(self._store, plan, tags=clean_tags(tags), by=by)
        doubtful = [(i, s.note) for i, s in enumerate(plan.segments, start=1) if s.note]
        return ImportResult(self._documents.get(document_id), len(plan.segments), doubtful, earlier)

    def import_bilingual(self, path: Path | str, *, title: str | None = None, tags: Iterable[str] = (),
                         by: str) -> BilingualImport:
        """An XLIFF 1.2 or 2.x file (told apart by content) as a new document, in one transaction."""
        from workflow.interchange import store_io

        doc, data, sniffed = store_io.read_file(path)
        stored = store_io.store_file(self._store, doc, name=Path(path).name, checksum=store_io.checksum(data),
                                     encoding=sniffed.encoding or "utf-8", tags=clean_tags(tags), title=title,
                                     by=by)
        return BilingualImport(self._documents.get(stored.document_id), stored.segments, stored.previous_import,
                               sniffed.label, stored.strangers, tuple(doc.warnings))

    def export_bilingual(self, document_id: int, fmt: str):
        """(BilingualFile, its bytes, segments whose placeholders differ from the Korean's); refuses
        rather than write a file Tandem itself would not read back."""
        from workflow.interchange.store_io import export_file

        self._documents.get(document_id)
        return export_file(self._store, document_id, fmt)

    def bilingual_file(self, document_id: int, fmt: str):
        """The document as a BilingualFile for `fmt` (xliff12 or xliff2), as export writes it."""
        from workflow.interchange.store_io import document_file

        self._documents.get(document_id)
        return document_file(self._store, document_id, fmt)

    def find_import(self, korean_checksum: str, english_checksum: str | None) -> Document | None:
        row = self._store.document_by_checksums(korean_checksum, english_checksum)
        return self._documents.get(row["id"]) if row else None


def clean_tags(tags: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and tag not in seen:
            seen.append(tag)
    return seen
