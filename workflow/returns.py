"""An agency's returned XLIFF into the document it was exported from, never a second copy of it.

Every exported file carries a mark naming its document and the document's newest revision id at that
moment ("12:345"). Revisions are append-only and ids only grow, so that number names the exact text
each segment showed when the file went out: the base the agency's target is merged against, as a
stale save in the editor is (workflow.saving). So work done here since the export is never
overwritten: a change that touches other words merges, one that touches the same words is a
conflict someone resolves, both sides kept.

A returned file is checked whole before anything is written (its units must be the document's, its
Korean the document's Korean); a refusal leaves the workspace as it was. Each target then becomes a
save of its own, credited to the translator the file names when they may edit here (the importer
otherwise), and the return is one audit entry with what it changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from workflow.access import EDIT_ROLES, IMPORT_ROLES, Actors, require
from workflow.clock import now
from workflow.comments import Comments
from workflow.documents import Documents
from workflow.errors import InputError, NotFound
from workflow.i18n import N_, _, format_number
from workflow.interchange.model import TOKEN, BilingualFile, Unit
from workflow.models import EMPTY_BASE, Document
from workflow.saving import Saving
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_returns import ReturnsRepository
from workflow.storage.store_segments import SegmentsRepository
from workflow.storage.store_users import UsersRepository

_MARK = re.compile(r"^\s*(\d+):(\d+)\s*$")
SHOWN = 10  # unit ids named in one message; the rest are counted


@dataclass(frozen=True)
class ExportMark:
    """Which document a file was exported from, and its newest revision id then (0: none yet)."""
    document_id: int
    revision: int

    def __str__(self) -> str:
        return f"{self.document_id}:{self.revision}"

    @classmethod
    def parse(cls, text: str | None) -> ExportMark | None:
        found = _MARK.match(text or "")
        return cls(int(found.group(1)), int(found.group(2))) if found else None


@dataclass(frozen=True)
class ReturnedFile:
    """What a returned file did to its document; segments are given by position."""
    document: Document
    read_as: str
    changed: tuple[int, ...]  # the file's English became current (nothing changed here since export)
    merged: tuple[int, ...]  # combined with a change made here since the export
    conflicts: tuple[int, ...]  # overlapping a change made here: both kept, the segment in conflict
    unchanged: int  # units whose English is what the document had at export (or that hold none)
    missing: tuple[str, ...]  # unit ids of the document the file no longer holds (left as they are)
    locked: tuple[str, ...]  # translate="no" units whose target the file changed: not applied
    comments: int  # notes the file added, kept as comments
    warnings: tuple[str, ...]

    @property
    def doubtful(self) -> list[tuple[int, str]]:
        return []  # nothing is aligned on a return

    def summary(self, file: str) -> str:
        """What the return did, in one line (the CLI prints it, the TUI's import dialog shows it)."""
        return _("{file} (read as {kind}) returned to document {id}: segments changed {changed}, merged with "
                 "changes made here since the export {merged}, in conflict {conflicts}, unchanged {unchanged}").format(
            file=file, kind=self.read_as, id=self.document.id, changed=format_number(len(self.changed)),
            merged=format_number(len(self.merged)), conflicts=format_number(len(self.conflicts)),
            unchanged=format_number(self.unchanged))


@dataclass(frozen=True)
class _Pair:
    unit: Unit
    index: int
    segment_id: int
    locked: bool


class Returns:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, returns: ReturnsRepository,
                 segments: SegmentsRepository, users: UsersRepository, documents: Documents, saving: Saving,
                 comments: Comments, *, document_file: Callable[[int, str], BilingualFile]) -> None:
        self._tx = tx
        self._actors = actors
        self._audit = audit
        self._returns = returns
        self._segments = segments
        self._users = users
        self._documents = documents
        self._saving = saving
        self._comments = comments
        self._document_file = document_file  # the document as an export would write it

    def mark(self, document_id: int) -> ExportMark:
        """The mark an export of the document carries now."""
        with self._tx.read():
            return ExportMark(document_id, self._returns.newest_revision_id(document_id))

    def document_for(self, doc: BilingualFile, name: str) -> int | None:
        """The document a file returns to (None: the file is not one Tandem exported); a file naming
        a document this workspace does not hold is refused rather than imported as a stranger."""
        mark = ExportMark.parse(doc.export_mark)
        if mark is None:
            return None
        try:
            self._documents.get(mark.document_id)
        except NotFound:
            raise InputError(name, _("was exported from document {id}, which this workspace does not hold; "
                                     "import it with --as-new to make a new document of it").format(
                id=mark.document_id)) from None
        return mark.document_id

    def apply(self, doc: BilingualFile, *, name: str, document_id: int, read_as: str, by: str) -> ReturnedFile:
        """The file's targets as revisions of `document_id`, merged against what was exported."""
        mark = ExportMark.parse(doc.export_mark)
        if mark is not None and mark.document_id != document_id:
            raise InputError(name, _("was exported from document {id}, not from document {target}").format(
                id=mark.document_id, target=document_id))
        with self._tx.read():
            require(self._actors.acting(by), IMPORT_ROLES, N_("import documents"))
            pairs, missing = self._pairs(doc, name, document_id)
            if mark is not None:
                base = self._returns.revisions_as_of(document_id, mark.revision)
            else:  # --into a file without a mark: it was made from the document as it stands
                base = self._returns.revisions_as_of(document_id, self._returns.newest_revision_id(document_id))
            authors = {p.unit.author: self._editor(p.unit.author) for p in pairs if p.unit.author}
            changes = [(pair, _nfc(pair.unit.target), *base.get(pair.segment_id, (None, ""))) for pair in pairs]
            changes = [c for c in changes if c[1].strip() and c[1] != c[3]]
            # Whoever each change will be credited to must be allowed to make it, checked for all of
            # them before the first is saved, so a refusal writes nothing.
            for who in {authors.get(pair.unit.author) or by for pair, *_ in changes if not pair.locked}:
                require(self._actors.acting(who), EDIT_ROLES, N_("edit translations"))
            existing = {(c.segment, c.text) for c in self._comments.all(document_id)}
        changed: list[int] = []
        merged: list[int] = []
        conflicts: list[int] = []
        locked = [pair.unit.id for pair, *_ in changes if pair.locked]
        unchanged = len(pairs) - len(changes)
        comments = 0
        for pair, english, revision_id, _was in changes:
            if pair.locked:
                continue
            result = self._saving.save(document_id, pair.index, english, by=authors.get(pair.unit.author) or by,
                                       based_on=revision_id if revision_id is not None else EMPTY_BASE)
            if result.conflict:
                conflicts.append(pair.index)
            elif result.merged:
                merged.append(pair.index)
            elif result.revision_id is not None:
                changed.append(pair.index)
            else:
                unchanged += 1
        for pair in pairs:
            for note in pair.unit.notes:
                text = _nfc(note.text).strip()
                if text and (pair.index, text) not in existing:
                    self._comments.add(document_id, pair.index, text,
                                       kind="query" if note.category == "query" else "note", by=by)
                    existing.add((pair.index, text))
                    comments += 1
        warnings = list(doc.warnings)
        if locked:
            warnings.append(_("{file}: units not to be translated (translate=\"no\") whose changed English was not "
                              "applied: {units}").format(file=name, units=_shown(locked)))
        if missing:
            warnings.append(_("{file}: units of document {id} not in the file, left as they are: {units}").format(
                file=name, units=_shown(missing), id=document_id))
        with self._tx.write():
            actor = self._actors.acting(by)
            self._audit.audit(now(), actor.id, "document.return", {
                "source": name, "mark": str(mark) if mark else None, "changed": changed, "merged": merged,
                "conflicts": conflicts, "unchanged": unchanged, "missing": list(missing), "locked": locked,
                "comments": comments}, document_id=document_id)
        return ReturnedFile(self._documents.get(document_id), read_as, tuple(changed), tuple(merged),
                            tuple(conflicts), unchanged, tuple(missing), tuple(locked), comments, tuple(warnings))

    def _pairs(self, doc: BilingualFile, name: str, document_id: int) -> tuple[list[_Pair], tuple[str, ...]]:
        """Each unit of the file with its segment, matched by the unit ids the export wrote."""
        exported = self._document_file(document_id, doc.format).units
        rows = {row.index: row for row in self._segments.segments(document_id)}
        by_id: dict[str, int] = {}
        for position, unit in enumerate(exported, start=1):
            by_id.setdefault(unit.id, position)
        seen: set[str] = set()
        unknown: list[str] = []
        twice: list[str] = []
        pairs: list[_Pair] = []
        for unit in doc.units:
            if unit.id in seen:
                twice.append(unit.id)
            seen.add(unit.id)
            found = by_id.get(unit.id)
            if found is None:
                unknown.append(unit.id)
                continue
            row = rows[found]
            pairs.append(_Pair(unit, found, row.id, bool(row.locked)))
        if unknown:
            raise InputError(name, _("units that are not document {id}'s: {units} (a returned file holds the units it "
                                     "was given; import it with --as-new to make a new document)").format(
                units=_shown(unknown), id=document_id))
        if twice:
            raise InputError(name, _("units given twice: {units}").format(units=_shown(twice)))
        differ = [p.unit.id for p in pairs if _korean(p.unit.source) != _korean(rows[p.index].source_text)]
        if differ:
            raise InputError(name, _("units whose Korean differs from document {id}'s: {units} (a returned file must "
                                     "carry the Korean it was given; nothing was imported)").format(
                units=_shown(differ), id=document_id))
        missing = tuple(u.id for u in exported if u.id not in seen)
        return pairs, missing

    def _editor(self, name: str) -> str | None:
        """The file's named translator when they are a user here who may edit English."""
        row = self._users.user_by_name(_nfc(name).strip())
        if row is None:
            return None
        user = row
        return user.name if any(user.has(role) for role in EDIT_ROLES) and not user.disabled else None


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def _korean(text: str) -> str:
    # Inline codes are renumbered by whoever wrote the file, and spacing around them may move;
    # the words are what must not change.
    return " ".join(TOKEN.sub(" ", _nfc(text)).split())


def _shown(ids: list[str] | tuple[str, ...]) -> str:
    named = ", ".join(ids[:SHOWN])
    return named if len(ids) <= SHOWN else _("{named} and {count} more").format(named=named,
                                                                               count=len(ids) - SHOWN)
