"""Review and sign-off: approvals bound to a revision, sign-offs bound to the document's exact texts.

Validity is computed from what is current, never stored: an approval holds while its revision is
the segment's current one; a sign-off holds while the document's texts hash to what was signed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection

from workflow import notifications, states
from workflow.access import Actors, permissions, require
from workflow.checks.model import Severity
from workflow.clock import now
from workflow.comments import Comments
from workflow.diffs import effort
from workflow.documents import Documents
from workflow.findings import Findings
from workflow.errors import InputError, PermissionDenied, SignOffUnconfirmed
from workflow.i18n import N_, _, ngettext
from workflow.models import DocumentState, Role, SegmentReport, SegmentState, SignOff
from workflow.models.home import Waiting
from workflow.models.permissions import Permissions
from workflow.models.readiness import (
    CONFLICTED, ERRORS, NO_TRANSLATOR, OPEN_QUERIES, TRANSLATOR_VOID, UNFINISHED, Readiness)
from workflow.records import existing_segment
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_desk import DeskRepository
from workflow.storage.store_publications import PublicationsRepository
from workflow.storage.store_review import CommentsRepository, SignoffsRepository
from workflow.storage.store_segments import RevisionsRepository, SegmentRecord, SegmentsRepository
from workflow.storage.store_tm import TranslationMemoryRepository
from workflow.storage.store_users import UsersRepository
from workflow.tm import TranslationMemory
from workflow.models.voids import EditGuard, approvers

SIGNING_ROLES = {"translator": Role.TRANSLATOR, "editor": Role.EDITOR}
_DONE_FOR_TRANSLATOR = {SegmentState.TRANSLATED, SegmentState.APPROVED}


def document_hash(texts: list[str]) -> str:
    """What a sign-off binds: every segment's English, in order, exactly."""
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode("utf-8")).hexdigest()


class Review:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, stored_comments: CommentsRepository,
                 desk: DeskRepository, publications: PublicationsRepository, revisions: RevisionsRepository,
                 segments: SegmentsRepository, signoffs: SignoffsRepository, stored_tm: TranslationMemoryRepository,
                 users: UsersRepository, documents: Documents, findings: Findings, comments: Comments,
                 tm: TranslationMemory) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._stored_comments = stored_comments
        self._desk = desk
        self._publications = publications
        self._revisions = revisions
        self._segments = segments
        self._signoffs = signoffs
        self._stored_tm = stored_tm
        self._users = users
        self._documents = documents
        self._findings = findings
        self._comments = comments
        self._tm = tm

    def _texts(self, document_id: int) -> tuple[list, str]:
        segments = self._documents.segments(document_id)
        return segments, document_hash([s.target for s in segments])

    def signoffs(self, document_id: int) -> list[SignOff]:
        """Every sign-off, valid while the document's texts are exactly what was signed."""
        rows = self._signoffs.signoffs(document_id)
        if not rows:
            return []  # the usual case while translating: every save asks, so skip hashing the texts
        _, current = self._texts(document_id)
        return [SignOff(r.id, r.user, r.display_name, Role(r.role), r.created_at,
                        r.content_hash, r.content_hash == current)
                for r in rows]

    def valid_signoffs(self, document_id: int) -> dict[Role, SignOff]:
        """The latest valid sign-off in each role."""
        valid: dict[Role, SignOff] = {}
        for signoff in self.signoffs(document_id):
            if signoff.valid:
                valid[signoff.role] = signoff
        return valid

    def edit_guard(self, document_id: int) -> EditGuard:
        """Who approved which segment's current text, and the sign-offs that hold: what an edit voids."""
        segments = self._documents.segments(document_id)
        return EditGuard(approvers(((r.index, r.revision_id, r.display_name or r.user)
                                    for r in self._signoffs.approvers(document_id)), segments),
                         tuple(self.valid_signoffs(document_id).values()))

    def credited(self, document_id: int) -> dict[Role, SignOff]:
        """The sign-offs a credit line may name.

        The editor's must be valid. The translator's is credited while valid, or when only editors
        changed the text since it (review work) and a valid editor's sign-off made after it answers
        for those changes: "Translated by" stays true of edited copy, but only while an editor stands
        behind the text as it is. A translator's sign-off voided by anyone else's change (their own
        later edits included) is not credited: they never signed the text as it is.
        """
        signoffs = self.signoffs(document_id)
        credited = self.valid_signoffs(document_id)
        editor = credited.get(Role.EDITOR)
        if Role.TRANSLATOR not in credited and editor is not None:
            translator = [s for s in signoffs if s.role is Role.TRANSLATOR]
            if translator and translator[-1].id < editor.id and self._in_review(document_id):
                credited[Role.TRANSLATOR] = translator[-1]
        return credited

    def state(self, document_id: int) -> DocumentState:
        if Role.EDITOR in self.valid_signoffs(document_id):
            return DocumentState.PUBLISHED if self._published_as_is(document_id) else DocumentState.APPROVED
        return DocumentState.IN_REVIEW if self._in_review(document_id) else DocumentState.IN_TRANSLATION

    def _published_as_is(self, document_id: int) -> bool:
        """Whether the latest publication (workflow.publishing) put out exactly the text there is now."""
        done = self._publications.publications(document_id)
        if not done:
            return False
        went_out = done[-1].revisions
        return all(went_out.get(row.id, -1) == row.revision_id for row in self._segments.segments(document_id))

    def _in_review(self, document_id: int) -> bool:
        """A translator signed off and, since then, only editors have changed the text."""
        signed, others = self._changed_since_translator(document_id)
        return signed and not others

    def _changed_since_translator(self, document_id: int) -> tuple[bool, list[int]]:
        """Whether a translator signed off, and the segments changed since by anyone not an editor."""
        translator = [r for r in self._signoffs.signoffs(document_id) if r.role == Role.TRANSLATOR.value]
        if not translator:
            return False, []
        last = max((rev for rev in translator[-1].revisions if rev is not None), default=0)
        # A save kept aside changed no text (it merged into a later revision, or awaits a resolution).
        return True, sorted({r.index for r in self._revisions.revisions(document_id)
                             if r.id > last and not r.aside and r.role != Role.EDITOR.value})

    def translators(self, document_id: int) -> set[str]:
        signed = {s.user for s in self.signoffs(document_id) if s.role is Role.TRANSLATOR}
        return self._signoffs.translators(document_id) | signed

    def queue(self) -> list[Waiting]:
        """Documents waiting for review (the in-review state), the longest-waiting first."""
        waiting = []
        for summary in self._documents.all():
            if self.state(summary.id) is not DocumentState.IN_REVIEW:
                continue
            signed = [s.created_at for s in self.signoffs(summary.id) if s.role is Role.TRANSLATOR]
            waiting.append(Waiting(summary, max(signed)))
        return sorted(waiting, key=lambda w: (w.since, w.summary.id))

    def permissions(self, name: str, document_id: int | None = None) -> Permissions:
        """What the person called `name` may do here, and on the document when one is given: every
        screen offers exactly this (workflow.access.permissions decides)."""
        row = self._users.user_by_name(name)
        empty = row is None and self._users.count_users() == 0
        translators = self.translators(document_id) if document_id is not None else set()
        assigned = self._desk.assigned_user(document_id, Role.TRANSLATOR.value) if document_id is not None else None
        return permissions(row, translators, empty_workspace=empty,
                           assigned_translator=assigned)

    def reviewer(self, document_id: int, by: str, action: str):
        """The acting user, when they may review this document: an editor who did not translate it."""
        actor = self._actors.acting(by)
        require(actor, {Role.EDITOR}, action)
        if actor.name in self.translators(document_id):
            raise PermissionDenied(_("{user} translated this document and cannot {action}: an editor reviews "
                                     "someone else's translation").format(user=by, action=_(action)))
        return actor

    def approve(self, document_id: int, index: int, *, by: str) -> SegmentState:
        with self._tx.write():
            actor = self.reviewer(document_id, by, N_("approve segments"))
            return self.approve_in_write(document_id, index, actor)

    def approve_in_write(self, document_id: int, index: int, actor, *, edited: bool = False) -> SegmentState:
        """Approve the segment's current revision inside the caller's write (edit and approve uses
        it so the editor's revision and its approval commit together). The caller checked `actor`."""
        row = self._segment(document_id, index)
        states.refuse_locked(bool(row.locked), index)
        if row.revision_id is None or not (row.target or "").strip():
            raise InputError(_("segment {index}").format(index=index), _("has no English to approve"))
        if row.conflict:
            raise InputError(_("segment {index}").format(index=index),
                             _("is in conflict: two people changed the same words at once; resolve the "
                               "conflict before approving"))
        before = SegmentState(row.state)
        after = states.next_state(before, states.APPROVE, segment=index)
        at = now()
        self._signoffs.insert_approval({"segment_id": row.id, "revision_id": row.revision_id,
                                     "user_id": actor.id, "role": Role.EDITOR.value, "created_at": at})
        self._segments.set_segment_state(row.id, after.value)
        # Approved pairs become translation memory in the approval's own transaction.
        self._tm.add_approved(source=row.source_text, target=row.target or "",
                                 document_id=document_id, segment_id=row.id,
                                 author=self._stored_tm.revision_author(row.revision_id),
                                 approver=actor.name, at=at)
        self._audit.audit(at, actor.id, "segment.approve",
                          {"segment": index, "revision": row.revision_id, "from": before.value,
                           **({"edited": True} if edited else {})},
                          document_id=document_id, segment_id=row.id)
        return after

    def reject(self, document_id: int, index: int, *, comment: str, by: str) -> SegmentState:
        if not comment.strip():
            raise InputError("--comment", _("say what the translator should change"))
        with self._tx.write():
            actor = self.reviewer(document_id, by, N_("reject segments"))
            row = self._segment(document_id, index)
            states.refuse_locked(bool(row.locked), index)
            before = SegmentState(row.state)
            after = states.next_state(before, states.REJECT, segment=index)
            at = now()
            self._segments.set_segment_state(row.id, after.value)
            self._stored_comments.insert_comment({"segment_id": row.id, "author_id": actor.id, "kind": "query",
                                        "text": comment.strip(), "created_at": at})
            self._audit.audit(at, actor.id, "segment.reject", {"segment": index, "from": before.value,
                                                                "comment": comment.strip()},
                              document_id=document_id, segment_id=row.id)
            notifications.rejected(self._desk, document_id, row, actor, at, comment.strip())
            return after

    def sign_off(self, document_id: int, role: str, *, by: str,
                 confirm: bool | Collection[str] = False) -> SignOff:
        """Sign the document's texts as they are. Refused while readiness() has blockers, and while
        it has warnings not confirmed: confirm=True signs over any, a collection over those keys
        only (a dialog confirms what it showed, not what appeared since)."""
        if role not in SIGNING_ROLES:
            raise InputError("--role", _("{role!r}: sign off as translator or editor").format(role=role))
        as_role = SIGNING_ROLES[role]
        with self._tx.write():
            if as_role is Role.EDITOR:
                actor = self.reviewer(document_id, by, N_("sign off as editor"))
            else:
                actor = self._actors.acting(by)
                require(actor, {Role.TRANSLATOR}, N_("sign off as translator"))
            ready = self.readiness(document_id, role)
            if ready.blockers:
                raise InputError(_("sign-off"), "; ".join(ready.blockers))
            unconfirmed = {k: v for k, v in ready.warnings.items() if confirm is not True and k not in (confirm or ())}
            if unconfirmed:
                raise SignOffUnconfirmed(unconfirmed)
            segments, content = self._texts(document_id)
            at = now()
            signoff_id = self._signoffs.insert_signoff({
                "document_id": document_id, "user_id": actor.id, "role": as_role.value, "created_at": at,
                "content_hash": content, "revisions": [s.revision_id for s in segments],
            })
            self._audit.audit(at, actor.id, "document.signoff", {"role": as_role.value, "hash": content,
                                                                  "signoff": signoff_id,
                                                                  "confirmed": sorted(ready.warnings)},
                              document_id=document_id)
            notifications.signed_off(self._desk, document_id, as_role, actor, at)
        return next(s for s in self.signoffs(document_id) if s.id == signoff_id)

    def blockers(self, document_id: int, role: str) -> list[str]:
        """What stands between the document and a sign-off in `role`, in plain words (empty: ready)."""
        return list(self.readiness(document_id, role).blockers)

    def readiness(self, document_id: int, role: str) -> Readiness:
        """The sign-off rules (README, "Review and sign-off rules"), decided here once.

        Blockers: a segment not done for the role (translated; approved for the editor), a conflict,
        an open error finding. Warnings, signed over only when confirmed: open queries (someone asked
        and no one closed it), and for the editor a translator's sign-off that does not stand behind
        the text: none at all, or voided by a change not made by an editor. Editors' own changes
        after it are review work the editor's sign-off answers for, so they are only a note.
        """
        as_role = SIGNING_ROLES[role]
        segments = self._documents.segments(document_id)
        done = _DONE_FOR_TRANSLATOR if as_role is Role.TRANSLATOR else {SegmentState.APPROVED}
        blocking = []
        open_ = [s.index for s in segments if states.is_work(s) and s.state not in done]
        if open_:
            blocking.append((_("segments {segments} are not translated yet") if as_role is Role.TRANSLATOR
                             else _("segments {segments} are not approved yet")).format(segments=_list(open_)))
        conflicted = [s.index for s in segments if s.conflict]
        if conflicted:
            blocking.append(_("segments {segments} are in conflict; resolve them first").format(
                segments=_list(conflicted)))
        # Errors block every sign-off unless someone dismissed them with a reason (DESIGN section 4).
        errors = sorted({v.finding.segment for v in self._findings.document(document_id)
                         if v.open and v.finding.severity is Severity.ERROR})
        if errors:
            blocking.append(_("error findings remain in segments {segments}; fix or dismiss them first").format(
                segments=_list(errors)))
        warnings: dict[str, str] = {}
        notes: list[str] = []
        open_queries = self._comments.open_queries(document_id)  # the count every screen shows
        queries, count = sorted({q.segment for q in open_queries}), len(open_queries)
        if count:
            warnings[OPEN_QUERIES] = ngettext(
                "{count} query is still open (segment {segments})",
                "{count} queries are still open (segments {segments})", count).format(
                count=count, segments=_list(queries))
        signoffs = self.signoffs(document_id)
        if as_role is Role.EDITOR:
            self._translator_standing(document_id, signoffs, warnings, notes)
        latest = {s.role: s for s in signoffs}
        void = tuple(s for s in latest.values() if not s.valid)
        blocked = {k: tuple(v) for k, v in ((UNFINISHED, open_), (CONFLICTED, conflicted), (ERRORS, errors)) if v}
        return Readiness(as_role, tuple(blocking), blocked, warnings, tuple(notes), count, void)

    def _translator_standing(self, document_id: int, signoffs: list[SignOff], warnings: dict[str, str],
                             notes: list[str]) -> None:
        translator = [s for s in signoffs if s.role is Role.TRANSLATOR]
        if not translator:
            warnings[NO_TRANSLATOR] = _("no translator has signed off; the export will credit no translator")
            return
        if translator[-1].valid:
            return
        _signed, others = self._changed_since_translator(document_id)
        if others:
            warnings[TRANSLATOR_VOID] = _(
                "the translator's sign-off is void: segments {segments} changed after it, not by an editor; "
                "the export will not credit the translator until they sign off again").format(segments=_list(others))
        else:
            notes.append(_("the translator's sign-off is void only through editors' changes since; your "
                           "sign-off answers for them, and the export still credits the translator"))

    def credit_line(self, document_id: int) -> tuple[str | None, list[str]]:
        """"Translated by X. Edited by Y." from valid sign-offs, and what is missing or void."""
        valid = self.credited(document_id)
        problems = []
        parts = []
        for role, label in ((Role.TRANSLATOR, "Translated"), (Role.EDITOR, "Edited")):
            if role in valid:
                parts.append(f"{label} by {valid[role].display_name}.")
            else:
                void = [s for s in self.signoffs(document_id) if s.role is role]
                from workflow.i18n import format_datetime
                from workflow.names import name

                problems.append(_("the {role}'s sign-off is void (the text changed since {time})").format(
                    role=name(role), time=format_datetime(void[-1].created_at, "medium"))
                                if void else _("no {role} has signed off").format(role=name(role)))
        return (" ".join(parts) if parts else None), problems

    def report(self, document_id: int) -> list[SegmentReport]:
        """Per segment: the translator's signed text against the current one, and the effort."""
        segments = self._documents.segments(document_id)
        signed = {}
        translator = [s for s in self._signoffs.signoffs(document_id) if s.role == "translator"]
        history = self._documents.history(document_id)
        by_id = {r.id: r for r in history}
        if translator:
            for segment, revision_id in zip(segments, translator[-1].revisions):
                signed[segment.index] = by_id[revision_id].text if revision_id in by_id else ""
        authors: dict[int, list[str]] = {}
        first: dict[int, str] = {}
        # The text's own line only: an aside revision is words that are not (or not yet) in it; a
        # merge of them is a revision of the same author, so no one who shaped the text is missed.
        for revision in (r for r in history if not r.aside):
            authors.setdefault(revision.segment_index, [])
            if revision.author not in authors[revision.segment_index]:
                authors[revision.segment_index].append(revision.author)
            first.setdefault(revision.segment_index, revision.text)
        reports = []
        for s in segments:
            base = signed.get(s.index, first.get(s.index))
            measured = effort(base or "", s.target)
            reports.append(SegmentReport(s.index, s.state, base, s.target, measured.changed, measured.words,
                                         tuple(authors.get(s.index, ())), s.conflict, s.locked))
        return reports

    def _segment(self, document_id: int, index: int) -> SegmentRecord:
        return existing_segment(self._segments, document_id, index)


def _list(indexes: list[int]) -> str:
    shown = ", ".join(map(str, indexes[:10]))
    return shown + (f" and {len(indexes) - 10} more" if len(indexes) > 10 else "")
