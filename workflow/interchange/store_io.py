"""A bilingual file (XLIFF) into the workspace as a document, and a document back out as one.

Import is one transaction: segments with the Korean (tokens and all), the English as a revision,
the state as the file's state maps, notes as comments, and what export needs to write the file back
(format, languages, original name, unit ids, inline codes, the file's state words). A name in the
file that is a user here is credited with its text; any other name is kept beside the revision or
comment (and in the audit log), which is then recorded as the importing user's.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from collections.abc import Iterable

from workflow.access import IMPORT_ROLES, Actors, require
from workflow.clock import now
from workflow.errors import InputError, PermissionDenied
from workflow.i18n import N_, _
from workflow.import_store import NewSegment, create_document
from workflow.interchange.model import (
    FROM_XLIFF12,
    FROM_XLIFF2,
    BilingualFile,
    InlineCode,
    Note,
    Unit,
    plain_title,
)
from workflow.interchange.sniff import Sniffed, sniff_file
from workflow.models import Role, SegmentKind, SegmentState, User
from workflow.storage import Storage

FORMATS = ("xliff12", "xliff2")
_FROM = {"xliff12": FROM_XLIFF12, "xliff2": FROM_XLIFF2}
_QUERY = "query"  # a note of this category is a query (a question awaiting an answer) in Tandem
_CREDIT_ROLES = (Role.TRANSLATOR, Role.EDITOR)


@dataclass(frozen=True)
class StoredFile:
    document_id: int
    segments: int
    previous_import: int | None
    strangers: tuple[str, ...]  # authors named in the file who are not users here


def read_file(path: Path | str) -> tuple[BilingualFile, bytes, Sniffed]:
    """An XLIFF file read by the reader its content calls for; anything else is refused."""
    data, sniffed = sniff_file(path)
    if sniffed.kind not in FORMATS:
        raise InputError(str(path), _("holds {kind}, not XLIFF").format(kind=sniffed.label))
    from workflow.interchange.reader import read_bilingual

    doc = read_bilingual(data, str(path))
    doc.skeleton = data  # kept at import, so export to this version gives back what Tandem did not edit
    return doc, data, sniffed


def export_file(store: Storage, document_id: int, fmt: str, *,
                mark: str | None = None) -> tuple[BilingualFile, bytes, list[int]]:
    """The document written as `fmt`, and the segments whose placeholders differ from the Korean's.

    The writer makes a valid file of any arrangement of tokens (inline_plan.py). What it cannot
    mend is an editing hint of the original file broken (a 2.x code marked canDelete="no" deleted,
    or canReorder="no" codes moved), so where placeholders differ the file is read back, and refused
    rather than handed out if Tandem itself would refuse it. `mark` (workflow.returns) goes into the
    file so that it updates this document when it comes back.
    """
    from workflow.checks.codes import problems

    doc = document_file(store, document_id, fmt)
    doc.export_mark = mark
    data = write_file(doc)
    wrong = [n for n, unit in enumerate(doc.units, start=1) if problems(unit.source, unit.target or "")]
    if wrong:
        from workflow.interchange.reader import read_bilingual

        try:
            read_bilingual(data, f"document {document_id} as {fmt}")
        except InputError as exc:
            shown = ", ".join(map(str, wrong[:10]))
            raise InputError(_("document {id}").format(id=document_id),
                             _("cannot be written as valid XLIFF: the placeholders of segments {segments} differ "
                               "from the Korean's ({problem}); fix them first (`tandem check {id}`)").format(
                                 segments=shown, problem=exc.problem, id=document_id)) from None
    return doc, data, wrong


def write_file(doc: BilingualFile) -> bytes:
    """The file's bytes: the imported file patched where the document goes back to its own format
    and version (skeleton.py), else made anew by the writer of its format."""
    if doc.skeleton is not None:
        from workflow.interchange.skeleton import patch

        patched = patch(doc)
        if patched is not None:
            return patched
    if doc.format == "xliff12":
        from workflow.interchange.xliff12 import write_xliff12

        return write_xliff12(doc)
    from workflow.interchange.xliff2 import write_xliff2

    return write_xliff2(doc, version=doc.version)


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_file(store: Storage, doc: BilingualFile, *, name: str, checksum: str, encoding: str,
               tags: list[str], title: str | None, by: str) -> StoredFile:
    if doc.format not in FORMATS:
        raise InputError(name, _("{format!r} is not a bilingual format Tandem stores").format(format=doc.format))
    units = [_clean(u) for u in doc.units]
    if not units:
        raise InputError(name, _("holds no translation units; nothing to import"))
    with store.write():
        actor = Actors(store.users, store.audit).acting(by)
        require(actor, IMPORT_ROLES, N_("import documents"))
        people = _People(store, actor)
        earlier = store.documents.document_by_checksums(checksum, None)
        at = now()
        chosen = (title or "").strip() or plain_title(nfc(doc.title)).strip() or _first_words(units) or doc.original
        created = create_document(store, {
            "title": chosen, "tags": tags, "source_name": name, "source_checksum": checksum,
            "source_encoding": encoding, "english_name": None, "english_checksum": None,
            "segmentation": "paragraph", "created_by": actor.id, "created_at": at, "updated_at": at,
        }, [_new_segment(position, unit, people) for position, unit in enumerate(units, start=1)], at=at)
        document_id, segment_ids, revision_of = created.document_id, created.segment_ids, created.revision_of
        authors = [{"revision_id": revision_of[segment_id], "comment_id": None, "name": unit.author}
                   for segment_id, unit in zip(segment_ids, units)
                   if _english(unit).strip() and people.stranger(unit.author)]
        for segment_id, unit in zip(segment_ids, units):
            for note in unit.notes:
                user = people.commenter(note.author)
                comment_id = store.comments.insert_comment({
                    "segment_id": segment_id, "author_id": user.id,
                    "kind": _QUERY if note.category == _QUERY else "note", "text": note.text,
                    "created_at": at})
                if people.stranger(note.author):
                    authors.append({"revision_id": None, "comment_id": comment_id, "name": note.author})
        store.interchange.insert_interchange(
            {"document_id": document_id, "format": doc.format, "version": doc.version,
             "source_lang": doc.source_lang, "target_lang": doc.target_lang, "original": doc.original},
            [{"segment_id": segment_id, "unit_id": unit.id, "file_state": unit.file_state,
              "codes": json.dumps([[c.token, c.kind, c.xml, c.label] for c in unit.codes], ensure_ascii=False)}
             for segment_id, unit in zip(segment_ids, units)],
            authors,
        )
        if doc.skeleton is not None:
            store.interchange.insert_interchange_file(document_id, doc.skeleton)
        # Approved text becomes translation memory, as an approval in Tandem would make it.
        for segment_id, unit in zip(segment_ids, units):
            if _state(unit) is SegmentState.APPROVED:
                store.tm.put_tm_unit({
                    "source_text": unit.source.strip(), "target_text": _english(unit).strip(),
                    "document_id": document_id, "segment_id": segment_id, "author": unit.author or actor.name,
                    "approver": "", "created_at": at, "origin": f"import:{name}"}, refresh=False)
        store.audit.audit(at, actor.id, "document.import", {
            "source": name, "format": doc.format, "version": doc.version, "encoding": encoding,
            "segments": len(units), "file_authors": sorted(people.strangers), "revisions": created.revisions},
            document_id=document_id)
    return StoredFile(document_id, len(units), earlier.id if earlier else None,
                      tuple(sorted(people.strangers)))


def document_file(store: Storage, document_id: int, fmt: str) -> BilingualFile:
    """The document as a bilingual file in `fmt`, ready for that format's writer."""
    if fmt not in FORMATS:
        raise InputError("--format", _("{format!r} is not a bilingual format (choose from {formats})").format(
            format=fmt, formats=", ".join(FORMATS)))
    doc = store.documents.document(document_id)
    assert doc is not None  # the callers (Workspace.files.bilingual_file, export_bilingual) check it exists
    segments = store.segments.segments(document_id)
    record, by_segment = store.interchange.interchange(document_id)
    revision_names, comment_names = store.interchange.file_authors(document_id)
    authors = {}
    for revision in store.revisions.revisions(document_id):  # by position, then id: the last one is current
        if not revision.aside:  # a merged or conflicting save kept aside is never current
            authors[revision.index] = revision_names.get(revision.id, revision.author)
    notes: dict[int, list[Note]] = {}
    for comment in store.comments.comments(document_id):
        notes.setdefault(comment.index, []).append(Note(
            comment.text, comment_names.get(comment.id, comment.author),
            category=_QUERY if comment.kind == _QUERY else None))
    units = []
    used: set[str] = set()
    for row in segments:
        extra = by_segment.get(row.id)
        unit_id = (extra.unit_id if extra else "") or str(row.index)
        if unit_id in used:  # never write two units with one id, whatever the file had
            unit_id = f"{unit_id}-{row.index}"
        used.add(unit_id)
        state = SegmentState(row.state)
        file_state = extra.file_state if extra else None
        # The file's own word goes back only where it still says what the segment's state is.
        same_format = record is not None and record.format == fmt
        if not (same_format and file_state and _FROM[fmt].get(file_state) is state):
            file_state = None
        units.append(Unit(
            id=unit_id, source=row.source_text, target=row.target or None, state=state,
            kind=SegmentKind(row.kind), notes=notes.get(row.index, []),
            codes=[InlineCode(*c) for c in (extra.codes if extra else ())],
            author=authors.get(row.index) if row.target else None, file_state=file_state,
            locked=bool(row.locked), max_length=row.max_length))
    same_format = record is not None and record.format == fmt
    version = record.version if record is not None and same_format else ("1.2" if fmt == "xliff12" else "2.1")
    return BilingualFile(
        format=fmt, version=version,
        source_lang=record.source_lang if record else "ko",
        target_lang=(record.target_lang if record else None) or "en",
        original=record.original if record else doc.source_name,
        units=units, title=doc.title,
        skeleton=store.interchange.interchange_file(document_id) if same_format else None)


def _clean(unit: Unit) -> Unit:
    return replace(unit, source=nfc(unit.source), target=nfc(unit.target),
                   notes=[replace(n, text=nfc(n.text).strip(), author=nfc(n.author).strip() or None)
                          for n in unit.notes if nfc(n.text).strip()],
                   author=nfc(unit.author).strip() or None)


def _new_segment(position: int, unit: Unit, people: _People) -> NewSegment:
    english = _english(unit)
    if not english.strip():
        return NewSegment(position, unit.kind, unit.source, _state(unit), locked=unit.locked,
                          max_length=unit.max_length)
    user, role = people.credit(unit.author)
    return NewSegment(position, unit.kind, unit.source, _state(unit), english=english, author_id=user.id, role=role,
                      locked=unit.locked, max_length=unit.max_length)


def as_imported(unit: Unit) -> Unit:
    """The unit as import stores it: NFC text, an English of only spaces none at all, the state it gets."""
    clean = _clean(unit)
    return replace(clean, target=clean.target if _english(clean).strip() else None, state=_state(clean))


def _english(unit: Unit) -> str:
    # After _clean a target is never None (nfc makes None ""); Unit still types it as optional.
    return unit.target or ""


def _state(unit: Unit) -> SegmentState:
    # Tandem's states say what the English is: none is empty, some text is at least a draft.
    if not _english(unit).strip():
        return SegmentState.EMPTY
    return SegmentState.DRAFT if unit.state is SegmentState.EMPTY else unit.state


def _first_words(units: Iterable[Unit]) -> str:
    return next((plain_title(u.source).strip()[:80] for u in units if plain_title(u.source).strip()), "")


def default_title(doc: BilingualFile) -> str:
    """The title an import without --title gives the file's document."""
    units = [_clean(u) for u in doc.units]
    return plain_title(nfc(doc.title)).strip() or _first_words(units) or doc.original


class _People:
    """Who in the file is a user here; everyone else's work is recorded as the importer's."""

    def __init__(self, store: Storage, actor: User) -> None:
        self._store = store
        self._actor = actor
        self._known: dict[str, User | None] = {}
        self.strangers: set[str] = set()

    def _user(self, name: str | None) -> User | None:
        if not name:
            return None
        if name not in self._known:
            row = self._store.users.user_by_name(name)
            self._known[name] = row
            if row is None:
                self.strangers.add(name)
        return self._known[name]

    def stranger(self, name: str | None) -> bool:
        return bool(name) and self._user(name) is None

    def credit(self, name: str | None) -> tuple[User, Role]:
        user = self._user(name)
        if user is not None:
            held = [r for r in (*_CREDIT_ROLES, *Role) if user.has(r)]
            return user, (held[0] if held else Role.TRANSLATOR)
        actor = self._actor
        for role in _CREDIT_ROLES:
            if actor.has(role):
                return actor, role
        raise PermissionDenied(_("{user} is neither translator nor editor, and the file's English would be "
                                 "recorded as their translation").format(user=actor.name))

    def commenter(self, name: str | None) -> User:
        return self._user(name) or self._actor
