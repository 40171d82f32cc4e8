"""The glossary maintainer's use cases: propose, add, approve, reject, deprecate, edit, import,
export, history and impact. Every change is a new term revision with its author, role and reason.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from glossaries.controls import term_control
from glossaries.errors import GlossaryFileError
from glossaries.folding import fold_key
from glossaries.index import GlossaryIndex
from glossaries.model import Term, TermStatus
from workflow.access import GLOSSARY_ROLES, Actors, require
from workflow.clock import now
from workflow.errors import InputError, NotFound, TandemError
from workflow.i18n import N_, _
from workflow.interchange.model import FileImport
from workflow.models import Role, SegmentState, TermImpact, TermOccurrence, TermRevision
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_glossary import TermRevisionRecord, TermsRepository
from workflow.storage.store_segments import SegmentsRepository
from workflow.paths import WorkspaceLocation
from workflow.textfile import refuse_controls
from workflow.word_decisions import WordDecisions

EXPORT_FORMATS = ("csv", "tbx", "tbx2")  # tbx: TBX v3; tbx2: TBX 2008, for tools that read only that
_TERM_FIELDS = ("ko", "en", "ko_variants", "en_variants", "en_forbidden", "pos", "domain", "note",
                "status", "case_sensitive", "one_rendering")
# Which status changes each maintainer action makes, and from where.
_TRANSITIONS = {
    "approve": ({TermStatus.PROPOSED}, TermStatus.APPROVED),
    "reject": ({TermStatus.PROPOSED}, TermStatus.REJECTED),
    "deprecate": ({TermStatus.APPROVED, TermStatus.PROPOSED}, TermStatus.DEPRECATED),
}
_LIVE = {TermStatus.PROPOSED, TermStatus.APPROVED}
_TRANSITION_ACTIONS = {"approve": N_("approve glossary terms"), "reject": N_("reject glossary terms"),
                       "deprecate": N_("deprecate glossary terms")}

_TRANSITION_REFUSALS = {
    "approve": N_("term {id} ({ko}) is {status}; only {allowed} terms can be approved"),
    "reject": N_("term {id} ({ko}) is {status}; only {allowed} terms can be rejected"),
    "deprecate": N_("term {id} ({ko}) is {status}; only {allowed} terms can be deprecated"),
}


class Glossary:
    # Shared by every Workspace in the process (the TUI opens one per unit of work), keyed by the
    # workspace (file or database) and the glossary's version, so an index is built once per change.
    _indexes: dict[tuple[str, int], GlossaryIndex] = {}
    _indexes_lock = threading.Lock()

    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, segments: SegmentsRepository,
                 terms: TermsRepository, *, location: WorkspaceLocation,
                 morphology: Callable[[Glossary], WordDecisions]) -> None:
        self._tx = tx
        self._actors = actors
        self._audit = audit
        self._segments = segments
        self._terms = terms
        self._location = location
        # The morphology model's stored decisions (workflow.word_decisions): every index this
        # Glossary hands out asks them, never the model directly.
        self.morphology = morphology(self)
        self._bound: tuple[GlossaryIndex, GlossaryIndex] | None = None  # (shared index, ours)

    # reading ---------------------------------------------------------------------------

    def terms(self, *, status: TermStatus | str | None = None, search: str | None = None) -> list[Term]:
        found = [_term(row) for row in self._terms.current_terms()]
        if status is not None:
            found = [t for t in found if t.status is TermStatus(status)]
        if search:
            # Spacing and North/South spelling differ between people typing and entries.
            needle = fold_key(search.casefold())
            found = [t for t in found if any(needle in fold_key(v.casefold()) for v in _searchable(t))]
        return found

    def term(self, term_id: int) -> Term:
        row = self._terms.current_term(term_id)
        if row is None:
            raise NotFound(_("no glossary term {id} (see `tandem glossary list`)").format(id=term_id))
        return _term(row)

    def history(self, term_id: int) -> list[TermRevision]:
        self.term(term_id)
        return [
            TermRevision(r.revision_id, _term(r), r.author, Role(r.role), r.created_at,
                         r.reason, r.parent_id)
            for r in self._terms.term_revisions(term_id)
        ]

    @staticmethod
    def proposals_first(terms: Iterable[Term]) -> list[Term]:
        """Open proposals before the rest, each group in its given order: a terminologist's work first."""
        return sorted(terms, key=lambda t: t.status is not TermStatus.PROPOSED)

    @staticmethod
    def decisions(term: Term) -> tuple[str, ...]:
        """The maintainer's decisions (approve, reject, deprecate) the term's status allows now."""
        return tuple(action for action, (sources, _target) in _TRANSITIONS.items() if term.status in sources)

    def version(self) -> int:
        """A number that moves whenever any term changes (cheap: one indexed MAX)."""
        return self._terms.glossary_version()

    def index(self) -> GlossaryIndex:
        """The approved terms, ready for checking; rebuilt only when the glossary changed. The
        automaton is shared by the process's Workspaces on the file; the returned index asks this
        Workspace's stored decisions (the same object until the glossary changes)."""
        key = (self._location.identity(), self._terms.glossary_version())
        with self._indexes_lock:
            index = self._indexes.get(key)
            if index is None:
                index = GlossaryIndex(self.terms(status=TermStatus.APPROVED))
                stale = [k for k in self._indexes if k[0] == key[0]]
                for old in stale:
                    del self._indexes[old]
                self._indexes[key] = index
        bound = self._bound
        if bound is None or bound[0] is not index:
            bound = self._bound = (index, index.with_decider(self.morphology.decider))
        return bound[1]

    def impact_index(self, term: Term) -> GlossaryIndex:
        """The approved terms but `term`, and `term` as it is: where it would match (impact)."""
        others = [t for t in self.terms(status=TermStatus.APPROVED) if t.id != term.id]
        # With the other terms too, so longer terms keep their text (보위지도원 is not 지도원).
        return GlossaryIndex([*others, term], self.morphology.decider)

    # changing --------------------------------------------------------------------------

    def add(self, term: Term, *, by: str, reason: str = "added") -> Term:
        """A maintainer's new entry: approved at once (statuses other than approved are kept)."""
        term = _valid(_typed(term, reason))
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, GLOSSARY_ROLES, N_("add glossary terms (propose one instead)"))
            created = self._create(term, actor.id, role, reason)
        self.morphology.after_change([created])
        return created

    def propose(self, term: Term, *, by: str, reason: str = "proposed") -> Term:
        """Anyone may propose; a terminologist approves or rejects."""
        term = replace(_valid(_typed(term, reason)), status=TermStatus.PROPOSED)
        with self._tx.write():
            actor = self._actors.acting(by)
            created = self._create(term, actor.id, _any_role(actor.roles), reason)
        self.morphology.after_change([created])  # its impact is shown before anyone approves it
        return created

    def approve(self, term_id: int, *, by: str, reason: str = "approved") -> Term:
        return self._transition("approve", term_id, by, reason)

    def reject(self, term_id: int, *, by: str, reason: str) -> Term:
        return self._transition("reject", term_id, by, reason)

    def deprecate(self, term_id: int, *, by: str, reason: str) -> Term:
        return self._transition("deprecate", term_id, by, reason)

    def edit(self, term_id: int, *, by: str, reason: str, **changes: Any) -> Term:
        # Status moves only through approve, reject and deprecate, which say what happened.
        unknown = set(changes) - (set(_TERM_FIELDS) - {"status"})
        if unknown:
            raise InputError(_("term"), _("cannot change {fields} by editing").format(fields=", ".join(sorted(unknown))))
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, GLOSSARY_ROLES, N_("edit glossary terms"))
            current = self.term(term_id)
            updated = _valid(_typed(replace(current, **changes), reason))
            if updated == current:
                raise InputError(_("term"), _("term {id} already reads that way; nothing to change").format(id=term_id))
            _guard_duplicate(updated, self._live_forms(), exclude=term_id)
            self._revise(term_id, updated, actor.id, role, reason)
            revised = self.term(term_id)
        self.morphology.after_change([current, revised])
        return revised

    def _transition(self, action: str, term_id: int, by: str, reason: str) -> Term:
        sources, target = _TRANSITIONS[action]
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, GLOSSARY_ROLES, _TRANSITION_ACTIONS[action])
            current = self.term(term_id)
            if current.status not in sources:
                from workflow.names import name

                raise InputError(_("term"), _(_TRANSITION_REFUSALS[action]).format(
                    id=term_id, ko=current.ko, status=name(current.status),
                    allowed=_(" or ").join(name(s) for s in sorted(sources))))
            self._revise(term_id, replace(current, status=target), actor.id, role, reason)
            revised = self.term(term_id)
        self.morphology.after_change([current, revised])
        return revised

    def _create(self, term: Term, author_id: int, role: Role, reason: str) -> Term:
        _guard_duplicate(term, self._live_forms())
        term_id = self._terms.next_term_id()
        self._store_changes([(term_id, term, None)], author_id, role, reason, now())
        return replace(term, id=term_id)

    def _revise(self, term_id: int, term: Term, author_id: int, role: Role, reason: str) -> None:
        if not reason.strip():
            raise InputError("--reason", _("say why the term changes; the reason is kept in its history"))
        current = self._terms.current_term(term_id)
        # Every caller has read the term (self.term, which refuses a missing one) in this same write
        # transaction, so it is still there.
        assert current is not None
        self._store_changes([(term_id, term, current.revision_id)], author_id, role, reason, now())

    def _store_changes(self, changes: list[tuple[int, Term, int | None]], author_id: int, role: Role,
                       reason: str, at: str) -> None:
        """Each (term id, term, the revision it revises or None for a new term), stored in the order
        given with its audit entry: the same few statements however many terms (an import's)."""
        self._terms.insert_terms([{"id": term_id, "created_by": author_id, "created_at": at}
                                  for term_id, _new, parent in changes if parent is None])
        self._terms.insert_term_revisions([_revision_row(term, term_id, author_id, role, at, reason, parent)
                                           for term_id, term, parent in changes])
        self._audit.audit_many([
            (at, author_id, "term.create", {"term": term_id, "ko": term.ko, "status": term.status}, None, None)
            if parent is None else
            (at, author_id, "term.revise", {"term": term_id, "status": term.status, "reason": reason}, None, None)
            for term_id, term, parent in changes])

    def _live_forms(self) -> dict[str, Term]:
        """Every Korean form of every live term, spaces removed, to refuse a second entry for it."""
        return {form: t for t in self.terms() if t.status in _LIVE for form in _forms(t)}

    # files -----------------------------------------------------------------------------

    def import_file(self, path: Path | str, *, by: str) -> FileImport:
        """Add new terms and revise changed ones, all in one transaction; a bad file changes nothing."""
        path = Path(path)
        read, warnings = _read_glossary_file(path)
        incoming = [_valid(t) for t in read]
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self._tx.write():
            actor = self._actors.acting(by)
            role = require(actor, GLOSSARY_ROLES, N_("import glossaries"))
            stored = self._terms.current_terms()
            current_terms = [_term(row) for row in stored]
            revision_of = {row.term_id: row.revision_id for row in stored}
            live = {form: t for t in current_terms if t.status in _LIVE for form in _forms(t)}
            existing = {t.ko.replace(" ", ""): t for t in current_terms if t.status in _LIVE}
            reason = f"imported from {path.name}"
            # Everything is decided here and stored at the end in a few statements: written (and
            # read back) one by one, 100,000 rows took longer than anyone waits.
            next_id = self._terms.next_term_id()
            changes: list[tuple[int, Term, int | None]] = []
            changed: list[Term] = []
            for term in incoming:
                current = existing.get(term.ko.replace(" ", ""))
                if current is None:
                    _guard_duplicate(term, live)
                    created = replace(term, id=next_id)
                    if created.status in _LIVE:
                        live.update((form, created) for form in _forms(created))
                    changes.append((next_id, term, None))
                    next_id += 1
                    changed.append(created)
                    counts["added"] += 1
                elif term == current:  # ids are not compared
                    counts["unchanged"] += 1
                else:
                    assert current.id is not None  # terms read from storage always carry their id
                    revised = replace(term, id=current.id)
                    changes.append((current.id, term, revision_of[current.id]))
                    changed += [current, revised]
                    counts["updated"] += 1
            if changes:
                self._store_changes(changes, actor.id, role, reason, now())
        if changed:
            self.morphology.after_change(changed)
        return FileImport(counts, warnings)

    def export(self, fmt: str) -> str | bytes:
        if fmt not in EXPORT_FORMATS:
            raise InputError("--format", _("{format!r} is not a glossary format (choose from {formats})").format(
                format=fmt, formats=", ".join(EXPORT_FORMATS)))
        terms = [t for t in self.terms() if t.status is not TermStatus.REJECTED]
        if fmt == "csv":
            from glossaries.csv_io import write_csv

            return write_csv(terms)
        from glossaries.tbx import write_tbx, write_tbx2

        return write_tbx2(terms) if fmt == "tbx2" else write_tbx(terms)

    # impact ----------------------------------------------------------------------------

    def impact(self, term_id: int) -> TermImpact:
        """Every segment where the term occurs, and whether its English satisfies the term now."""
        term = self.term(term_id)
        index = self.impact_index(term)
        occurrences = []
        for row in self._segments.all_segments():
            for use in index.analyse(row.source_text, row.target or ""):
                if use.term.id == term_id:
                    occurrences.append(TermOccurrence(
                        row.document_id, row.index, SegmentState(row.state),
                        (use.hit.start, use.hit.end), use.hit.text,
                        use.satisfied or not (row.target or "").strip(),
                        tuple(h.text for h in use.forbidden),
                    ))
        self.morphology.flush()
        return TermImpact(term, occurrences)


def _forms(term: Term) -> list[str]:
    return [form.replace(" ", "") for form in term.korean_forms]


def _guard_duplicate(term: Term, live: dict[str, Term], exclude: int | None = None) -> None:
    if term.status not in _LIVE:
        return
    for form in _forms(term):
        other = live.get(form)
        if other is not None and other.id != exclude:
            raise InputError(
                _("term"), _("{form} is already in the glossary as term {id} ({ko} → {en}); edit that one "
                             "instead").format(form=form, id=other.id, ko=other.ko, en=other.en)
            )


def _read_glossary_file(path: Path) -> tuple[list[Term], tuple[str, ...]]:
    """The file's terms, and the reader's warnings (TBX: its encoding) naming the file."""
    from glossaries.csv_io import read_csv
    from glossaries.tbx import read_tbx_report

    try:
        if not path.is_file():
            raise InputError(str(path), _("no such file") if not path.exists() else _("is not a file"))
        with path.open("rb") as handle:  # the head only: the reader refuses an oversized file
            head = handle.read(512).lstrip(b"\xef\xbb\xbf").lstrip()
        if head.startswith(b"<") or path.suffix.lower() in {".tbx", ".xml"}:
            found = read_tbx_report(path)
            return found.terms, found.warnings
        return read_csv(path), ()
    except GlossaryFileError as exc:
        raise InputError(exc.source, f"{exc.problem}{f' ({exc.where})' if exc.where else ''}") from None
    except OSError as exc:
        raise InputError(str(path), _("cannot be read ({problem})").format(problem=exc.strerror or exc)) from None


def _typed(term: Term, reason: str) -> Term:
    """A term someone typed, held to the rule the glossary's file readers keep: no control characters."""
    found = term_control(term)
    if found is not None:
        refuse_controls(found[1], _(found[0]), field=True)
    refuse_controls(reason, _("reason"), field=True)
    return term


def _valid(term: Term) -> Term:
    term = term.normalized()
    if not term.ko or not term.en:
        raise InputError(_("term"), _("a term needs both its Korean and its preferred English"))
    return term


def _any_role(roles: tuple[Role, ...]) -> Role:
    if not roles:
        raise TandemError(_("a user without roles cannot propose terms"))
    return roles[0]


def _term(row: TermRevisionRecord) -> Term:
    return Term(**{name: getattr(row, name) for name in _TERM_FIELDS if name != "status"},
                status=TermStatus(row.status), id=row.term_id)


def _searchable(term: Term) -> tuple[str, ...]:
    return (*term.korean_forms, *term.english_forms, *term.en_forbidden, term.note, term.domain)


def _revision_row(term: Term, term_id: int, author_id: int, role: Role, at: str, reason: str,
                  parent: int | None) -> dict[str, Any]:
    # Not asdict, which deep-copies every tuple: the fields are immutable, and this runs per row.
    fields = {name: getattr(term, name) for name in _TERM_FIELDS}
    return dict(fields, status=term.status.value, term_id=term_id, author_id=author_id, role=role.value,
                created_at=at, reason=reason, parent_id=parent)
