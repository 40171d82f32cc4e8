"""The news desk (issue 17): assignments, due times and priorities, each person's queue, the desk
view of every document in flight, and the inbox of notifications.

Assignments and deadlines are append-only and audited; the newest holds. Whose step a segment
waits for is workflow.states' rule (WAITING_FOR), counted here per document from its progress.
Lateness is measured against workflow.clock.now, so a fixed clock fixes every figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from workflow import notifications
from workflow.access import Actors, require_assigner
from workflow.clock import now
from workflow.comments import Comments
from workflow.documents import Documents
from workflow.due import parse_due
from workflow.errors import InputError, NotFound
from workflow.home import home, needs_documents
from workflow.i18n import _
from workflow.models import Document, DocumentState, DocumentSummary, Home, Role, SegmentState, User
from workflow.models.desk import PRIORITIES, Assignment, DeskRow, Notification, QueueItem
from workflow.review import Review
from workflow.states import WAITING_FOR
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_desk import AssignmentChange, DeskRepository
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_users import UsersRepository

ASSIGNABLE = {Role.TRANSLATOR.value: Role.TRANSLATOR, Role.EDITOR.value: Role.EDITOR}
_DONE = (DocumentState.APPROVED, DocumentState.PUBLISHED)


def waiting(summary: DocumentSummary, role: Role) -> int:
    """How many of the document's segments wait for someone in `role` (locked ones never do)."""
    return sum(n for state, n in summary.progress.items() if role.value in WAITING_FOR[SegmentState(state)])


def _seconds_past(due_at: str | None, at: str) -> float | None:
    if due_at is None:
        return None
    return (datetime.fromisoformat(at) - datetime.fromisoformat(due_at)).total_seconds()


def _order(row: DeskRow) -> tuple:
    """Late first, then soonest due, documents with no due time last; breaking news first among equals."""
    due = row.assignment.due_at
    return (due is None, datetime.fromisoformat(due) if due else None, PRIORITIES.index(row.assignment.priority),
            row.summary.id)


class Desk:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, desk: DeskRepository,
                 stored_documents: DocumentsRepository, users: UsersRepository, documents: Documents, review: Review,
                 comments: Comments) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._desk = desk
        self._stored_documents = stored_documents
        self._users = users
        self._documents = documents
        self._review = review
        self._comments = comments

    # changes ---------------------------------------------------------------------------

    def assign(self, document_id: int, role: str | Role, user: str | None, *, by: str) -> Assignment:
        """Give the document's translator or editor step to `user` (None: to nobody). Audited, and
        the assignee is notified in the same transaction."""
        as_role = ASSIGNABLE.get(str(role))
        if as_role is None:
            raise InputError("--role", _("{role!r}: assign a translator or an editor").format(role=str(role)))
        with self._tx.write():
            actor = self._actors.acting(by)
            document = self._document(document_id)
            history = [r for r in self._desk.assignment_history(document_id) if r.role == as_role.value]
            require_assigner(actor, imported_by=document.created_by, reassigning=bool(history))
            previous = history[-1].user if history else None
            if user is not None:
                self._assignable(document_id, as_role, user)
            if previous == user:  # nothing changes (nobody to nobody included): nothing recorded
                return self.assignment(document_id)
            at = now()
            self._desk.insert_assignment({"document_id": document_id, "role": as_role.value,
                                           "user_id": self._desk.user_id(user) if user else None,
                                           "assigned_by": actor.id, "assigned_at": at})
            self._audit.audit(at, actor.id, "document.assign",
                              {"role": as_role.value, "user": user, "previous": previous},
                              document_id=document_id)
            notifications.assigned(self._desk, document_id, as_role, user, actor, at)
        return self.assignment(document_id)

    def set_due(self, document_id: int, due: str | None, priority: str | None = None, *, by: str) -> Assignment:
        """Set the due time (as typed: workflow.due reads it; None keeps the one set, "" clears it)
        and the priority (None keeps it). Audited."""
        if priority is not None and priority not in PRIORITIES:
            raise InputError("--priority", _("{priority!r}: the priority is breaking, normal or feature").format(
                priority=priority))
        due_at = parse_due(due) if due else None  # "": no due time any more
        with self._tx.write():
            actor = self._actors.acting(by)
            document = self._document(document_id)
            current = self._desk.deadlines(document_id)
            require_assigner(actor, imported_by=document.created_by, reassigning=bool(current))
            before_due, before_priority = (current[0].due_at, current[0].priority) if current else (None, "normal")
            after = {"due_at": due_at if due is not None else before_due, "priority": priority or before_priority}
            if current and after == {"due_at": before_due, "priority": before_priority}:
                return self.assignment(document_id)
            at = now()
            self._desk.insert_deadline({"document_id": document_id, **after, "set_by": actor.id, "set_at": at})
            self._audit.audit(at, actor.id, "document.due",
                              {"due": after["due_at"], "priority": after["priority"],
                               "previous_due": before_due, "previous_priority": before_priority},
                              document_id=document_id)
        return self.assignment(document_id)

    def read_due(self, due: str) -> str:
        """The moment a due time as typed names (UTC ISO 8601), or the refusal set_due would give:
        an interface checks a due time before the import it goes with writes anything."""
        return parse_due(due)

    def _document(self, document_id: int) -> Document:
        row = self._stored_documents.document(document_id)
        if row is None:
            raise NotFound(_("no document {id} in this workspace (see `tandem docs`)").format(id=document_id))
        return row

    def _assignable(self, document_id: int, role: Role, user: str) -> None:
        row = self._users.user_by_name(user)
        if row is None:
            raise NotFound(_("{name!r} is not a user of this workspace").format(name=user))
        if role not in row.roles:
            from workflow.names import name

            raise InputError(user, _("does not hold the {role} role; an admin gives it with "
                                     "`tandem users add {user} --role {value}`").format(
                role=name(role), user=user, value=role.value))
        if row.disabled_at:
            raise InputError(user, _("is disabled in this workspace"))
        other = Role.EDITOR if role is Role.TRANSLATOR else Role.TRANSLATOR
        if self._desk.assigned_user(document_id, other.value) == user:
            raise InputError(user, _("is already this document's {role}: the translator and the editor of an "
                                     "article are two different people").format(role=_name(other)))

    # reads -----------------------------------------------------------------------------

    def assignment(self, document_id: int) -> Assignment:
        return self._assignments([document_id]).get(document_id, Assignment(document_id))

    def _assignments(self, ids: Iterable[int] | None = None) -> dict[int, Assignment]:
        people: dict[int, dict[str, str | None]] = {}
        for row in self._desk.assignments():
            people.setdefault(row.document_id, {})[row.role] = row.user
        due = {row.document_id: row for row in self._desk.deadlines()}
        wanted = set(people) | set(due) if ids is None else set(ids)
        return {d: Assignment(d, people.get(d, {}).get("translator"), people.get(d, {}).get("editor"),
                              due[d].due_at if d in due else None, due[d].priority if d in due else "normal")
                for d in wanted}

    def desk(self, only: set[int] | None = None) -> list[DeskRow]:
        """Every document in flight (not yet approved), late first, then soonest due; `only`: of
        those documents (a person's queue reads just theirs, not every document's state)."""
        at = now()
        summaries = [s for s in self._documents.all() if only is None or s.id in only]
        assignments = self._assignments(s.id for s in summaries)
        words = self._desk.words_left()
        rows = []
        for summary in summaries:
            state = self._review.state(summary.id)
            if state in _DONE:
                continue
            assignment = assignments[summary.id]
            holder = Role.TRANSLATOR if waiting(summary, Role.TRANSLATOR) else Role.EDITOR
            rows.append(DeskRow(summary, state, assignment, holder, words.get(summary.id, 0),
                                len(self._comments.open_queries(summary.id)),
                                _seconds_past(assignment.due_at, at)))
        return sorted(rows, key=_order)

    def queue(self, user: str) -> list[QueueItem]:
        """What waits for `user`: documents assigned to them as translator with segments to
        translate (or sent back), and as editor with translated segments to review; soonest due first."""
        theirs = {row.document_id for row in self._desk.assignments() if row.user == user}
        items = []
        for row in self.desk(theirs) if theirs else ():
            for role in (Role.TRANSLATOR, Role.EDITOR):
                if row.assignment.holder(role) == user and waiting(row.summary, role):
                    items.append(QueueItem(row, role, waiting(row.summary, role)))
        return items  # already in the desk's order

    def home(self, user: User | None, about: int | None = None) -> Home:
        """Where `user` starts (workflow.home), knowing whether the desk has work waiting for them."""
        queued = user is not None and about is None and user.has(Role.TRANSLATOR) and any(
            item.role is Role.TRANSLATOR for item in self.queue(user.name))
        summaries = self._documents.all() if needs_documents(user, about) and not queued else None
        return home(user, summaries, about=about, queued=queued)

    def history(self, document_id: int) -> list[AssignmentChange]:
        """Every assignment the document has had, oldest first (who, in which role, by whom, when)."""
        self._document(document_id)
        return self._desk.assignment_history(document_id)

    # the inbox ---------------------------------------------------------------------------

    def inbox(self, user: str, *, unseen_only: bool = True) -> list[Notification]:
        user_id = self._desk.user_id(user)
        if user_id is None:
            return []
        return [Notification(r.id, r.kind, r.document_id, r.title, r.segment, r.detail.get("by"), r.created_at,
                             r.seen_at, r.detail)
                for r in self._desk.notifications(user_id, unseen_only=unseen_only)]

    def mark_seen(self, user: str, ids: Iterable[int]) -> int:
        """Mark the user's notifications `ids` seen (shown to them); how many were unseen."""
        ids = list(ids)
        if not ids:
            return 0
        with self._tx.write():
            user_id = self._desk.user_id(user)
            return 0 if user_id is None else self._desk.mark_notifications_seen(user_id, ids, now())


def _name(role: Role) -> str:
    from workflow.names import name

    return name(role)

