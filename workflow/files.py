"""Files in and out: articles (Korean with an English draft) and bilingual files (XLIFF) as documents,
a TMX file into the translation memory, a TBX or CSV file into the glossary, and a document written
back as XLIFF.

import_file is the one way in for the CLI (`tandem import`) and the TUI's import dialog alike: what
a file holds is judged by its content once (kind_of), and that decides where it goes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from glossaries.index import GlossaryIndex
from workflow.documents import Documents
from workflow.errors import InputError
from workflow.glossary import Glossary
from workflow.i18n import _, format_number
from workflow.import_store import store_plan
from workflow.importer import ImportPlan, plan_import, plan_texts
from workflow.interchange.model import BilingualFile, FileImport
from workflow.interchange.sniff import sniff_file
from workflow.models import Document
from workflow.storage import Storage
from workflow.textfile import read_article, refuse_controls
from workflow.returns import ExportMark, Returns, ReturnedFile
from workflow.tm import TranslationMemory

XLIFF_KINDS = ("xliff12", "xliff2")
ARTICLE_KINDS = ("text", "html")
# The steps import_file reports to `progress`, in order; "storing" comes with the number of
# segments when a document is being made (None otherwise).
READING, PAIRING, STORING = "reading", "pairing", "storing"
Progress = Callable[[str, int | None], None]


@dataclass(frozen=True)
class ImportResult:
    document: Document
    segments: int
    doubtful: list[tuple[int, str]]  # (segment index, why the pairing is uncertain)
    previous_import: int | None  # a document imported earlier from the very same files
    english_encoding: str | None = None  # how the English draft was read (the Korean's is the document's)
    warnings: tuple[str, ...] = ()  # repairs made while reading (mojibake), each naming its file


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


@dataclass(frozen=True)
class Imported:
    """What import_file did with a file: the new document (articles, XLIFF) or what the memory or
    glossary took from it (TMX, TBX, CSV)."""
    kind: str  # as sniffed: text, xliff12, xliff2, tmx, tbx or csv
    label: str  # what it was read as, for people: "Korean text", "XLIFF 1.2", "TMX" ...
    document: ImportResult | BilingualImport | ReturnedFile | None = None
    entries: FileImport | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        """The reader's warnings, each naming the file."""
        if self.entries is not None:
            return self.entries.warnings
        return self.document.warnings if self.document is not None else ()

    def entries_summary(self, file: str) -> str:
        """For a TMX or glossary file, what it changed, in one line (the CLI prints it, the TUI shows it)."""
        assert self.entries is not None, "only TMX and glossary files have entries"
        counts = {k: format_number(v) for k, v in self.entries.counts.items()}
        if self.kind == "tmx":
            return _("{file} (read as TMX): {added} units added to the translation memory, {unchanged} already in "
                     "it, {skipped} without both Korean and English").format(
                file=file, added=counts["added"], unchanged=counts["unchanged"], skipped=counts["skipped"])
        return _("{file} (read as {kind}): glossary terms {added} added, {updated} updated, {unchanged} "
                 "unchanged").format(file=file, kind=self.label, added=counts["added"], updated=counts["updated"],
                                     unchanged=counts["unchanged"])


class NotForKind(InputError):
    """An article option given for a file of another kind; `option` is the keyword of import_file
    (english, sentences, title, tags), which each interface names in its own words."""

    def __init__(self, option: str, file: str, label: str) -> None:
        self.option = option
        super().__init__(option, _("applies to article imports; {file} holds {kind}").format(file=file, kind=label))


class Files:
    def __init__(self, storage: Storage, documents: Documents, glossary: Glossary, tm: TranslationMemory,
                 returns: Returns) -> None:
        # An import writes, and an export reads, every table that holds a document (segments,
        # revisions, interchange records, comments, the memory, the audit): the whole Storage.
        self._store = storage
        self._documents = documents
        self._glossary = glossary  # TMX and glossary files go to their own use cases
        self._tm = tm
        self._returns = returns  # an exported file coming back goes to its document

    def kind_of(self, path: Path | str) -> tuple[str, str]:
        """What the file holds, by its content (never its name): (kind, label), e.g. ("tmx", "TMX")."""
        _data, sniffed = sniff_file(path)
        return sniffed.kind, sniffed.label

    def import_file(self, path: Path | str, english: Path | str | None = None, *, title: str | None = None,
                    tags: Iterable[str] = (), sentences: bool = False, by: str,
                    progress: Progress | None = None, into: int | None = None, as_new: bool = False) -> Imported:
        """Import whatever the file holds, each kind where it belongs, each in one transaction.

        `english` and `sentences` apply to articles only, `title` and `tags` to documents (articles
        and XLIFF); one given for a file they do not apply to is refused (NotForKind) before anything
        is written, rather than silently dropped.

        An XLIFF file Tandem exported comes back into its document (workflow.returns), or `into`
        a document named for a file that lost its mark; `as_new` makes a new document of it anyway.
        """
        tell = progress or _quiet
        tell(READING, None)
        tags = clean_tags(tags)
        for field, values in (("--title", [title or ""]), ("--tags", tags)):
            for value in values:
                refuse_controls(value, field, field=True)
        data, sniffed = sniff_file(path)
        given = {"english": bool(english), "sentences": sentences, "title": bool(title), "tags": bool(tags),
                 "into": into is not None, "as_new": as_new}
        for option in _not_for(sniffed.kind):
            if given[option]:
                raise NotForKind(option, str(path), sniffed.label)
        kind, label = sniffed.kind, sniffed.label
        if kind in ARTICLE_KINDS:
            # Decoded first, on their own, so an unreadable file is named before any pairing work.
            korean = read_article(path)
            draft = read_article(english) if english else None
            tell(PAIRING, None)
            plan = self._plan(lambda index: plan_texts(korean, draft, title=title, sentences=sentences, glossary=index))
            tell(STORING, len(plan.segments))
            return Imported(kind, label, document=self.store_import(plan, tags=tags, by=by))
        if kind in XLIFF_KINDS:
            from workflow.interchange.reader import read_bilingual

            doc = read_bilingual(data, str(path))
            tell(STORING, len(doc.units))
            returned = self._return(path, doc, label, into=into, as_new=as_new, title=title, tags=tags, by=by)
            if returned is not None:
                return Imported(kind, label, document=returned)
            return Imported(kind, label, document=self._store_bilingual(path, doc, data, sniffed.encoding, label,
                                                                        title=title, tags=tags, by=by))
        tell(STORING, None)
        if kind == "tmx":
            return Imported(kind, label, entries=self._tm.import_tmx(path, by=by))
        return Imported(kind, label, entries=self._glossary.import_file(path, by=by))  # tbx or csv

    def import_document(self, korean_path: Path | str, english_path: Path | str | None = None, *,
                        title: str | None = None, tags: Iterable[str] = (), sentences: bool = False,
                        by: str) -> ImportResult:
        plan = self._plan(lambda index: plan_import(korean_path, english_path, title=title, sentences=sentences,
                                                    glossary=index))
        return self.store_import(plan, tags=tags, by=by)

    def _plan(self, make: Callable[[GlossaryIndex], ImportPlan]) -> ImportPlan:
        """An article's plan, the morphology decisions its pairing and its segments' Korean ask made
        and stored first (workflow.word_decisions): Korean enters the workspace here, so whoever
        reads it later finds them."""
        index = self._glossary.index()

        def planned() -> ImportPlan:
            plan = make(index)
            for segment in plan.segments:
                index.find_korean(segment.source)
            return plan

        return self._glossary.morphology.settle(planned)

    def store_import(self, plan: ImportPlan, *, tags: Iterable[str] = (), by: str) -> ImportResult:
        """Store a plan made by plan_import (which the TUI runs in a worker) in one transaction."""
        document_id, earlier = store_plan(self._store, plan, tags=clean_tags(tags), by=by)
        doubtful = [(i, s.note) for i, s in enumerate(plan.segments, start=1) if s.note]
        return ImportResult(self._documents.get(document_id), len(plan.segments), doubtful, earlier,
                            plan.english.encoding if plan.english else None, tuple(plan.warnings))

    def import_bilingual(self, path: Path | str, *, title: str | None = None, tags: Iterable[str] = (),
                         by: str) -> BilingualImport:
        """An XLIFF 1.2 or 2.x file (told apart by content) as a new document, in one transaction."""
        from workflow.interchange import store_io

        doc, data, sniffed = store_io.read_file(path)
        return self._store_bilingual(path, doc, data, sniffed.encoding, sniffed.label, title=title,
                                     tags=clean_tags(tags), by=by)

    def _return(self, path: Path | str, doc: BilingualFile, label: str, *, into: int | None, as_new: bool,
                title: str | None, tags: list[str], by: str) -> ReturnedFile | None:
        """The file applied to the document it came back to; None when it makes a new one."""
        if into is not None and as_new:
            raise InputError("--into", _("and --as-new ask for opposite things; give one"))
        if as_new:
            return None
        name = str(path)
        target = into if into is not None else self._returns.document_for(doc, name)
        if target is None:
            return None
        for option, given in (("--title", bool(title)), ("--tags", bool(tags))):
            if given:
                raise InputError(option, _("{file} returns to document {id}, which keeps its own; give --as-new to "
                                           "make a new document").format(file=name, id=target))
        self._documents.get(target)
        return self._returns.apply(doc, name=name, document_id=target, read_as=label, by=by)

    def _store_bilingual(self, path: Path | str, doc: BilingualFile, data: bytes, encoding: str | None, label: str, *,
                         title: str | None, tags: list[str], by: str) -> BilingualImport:
        from workflow.interchange import store_io

        # The file itself is kept: exported to its own version, it is what Tandem patches (skeleton.py).
        doc.skeleton = data
        # The Korean as stored: each unit's (its segment) and, stripped, an approved one's (memory).
        self._glossary.morphology.decide_texts(
            text for unit in doc.units for text in dict.fromkeys((store_io.nfc(unit.source),
                                                                  store_io.nfc(unit.source).strip())))
        stored = store_io.store_file(self._store, doc, name=Path(path).name, checksum=store_io.checksum(data),
                                     encoding=encoding or "utf-8", tags=tags, title=title, by=by)
        return BilingualImport(self._documents.get(stored.document_id), stored.segments, stored.previous_import,
                               label, stored.strangers, tuple(doc.warnings))

    def export_bilingual(self, document_id: int, fmt: str):
        """(BilingualFile, its bytes, segments whose placeholders differ from the Korean's); refuses
        rather than write a file Tandem itself would not read back. The file carries the export's
        mark, so that when it comes back it updates this document (workflow.returns)."""
        from workflow.interchange.store_io import export_file

        self._documents.get(document_id)
        return export_file(self._store, document_id, fmt, mark=str(self._returns.mark(document_id)))

    def export_mark(self, document_id: int) -> ExportMark:
        """The mark an export of the document carries now: the document and its newest revision."""
        self._documents.get(document_id)
        return self._returns.mark(document_id)

    def bilingual_file(self, document_id: int, fmt: str):
        """The document as a BilingualFile for `fmt` (xliff12 or xliff2), as export writes it."""
        from workflow.interchange.store_io import document_file

        self._documents.get(document_id)
        return document_file(self._store, document_id, fmt)

    def find_import(self, korean_checksum: str, english_checksum: str | None) -> Document | None:
        row = self._store.documents.document_by_checksums(korean_checksum, english_checksum)
        return self._documents.get(row.id) if row else None


def _not_for(kind: str) -> tuple[str, ...]:
    """The import_file options that do not apply to a file of this kind, in the order they are checked."""
    if kind in ARTICLE_KINDS:
        return ("into", "as_new")
    if kind in XLIFF_KINDS:
        return ("english", "sentences")
    return ("english", "sentences", "title", "tags", "into", "as_new")


def _quiet(step: str, count: int | None) -> None:
    pass


def clean_tags(tags: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for tag in tags:
        tag = " ".join(unicodedata.normalize("NFC", tag).split())
        if tag and tag not in seen:
            seen.append(tag)
    return seen
