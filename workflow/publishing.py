"""Publishing: the version of an article that went out, recorded, and the correction a later one owes.

A publication is an HTML export (workflow.html_export) made with `--publish` by someone who may put
the article out (an editor, the desk or an admin) while the sign-offs hold: the credit line must be
whole, as `--require-signoff` asks. It records who, when, each segment's revision that went out and
a hash of the page. Publishing is its own act rather than a side effect of every HTML export, so
that previewing the page, or exporting it again for a second system, never creates a duty to print
a correction.

Publications are append-only. Publishing the same revisions again records nothing new. Once an
article is out, any later change to its English (a new revision on any segment) makes the next
publication carry a correction note, which is stored with it and printed in the page, with its
date, in every version after.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from workflow.access import Actors, require
from workflow.clock import now
from workflow.documents import Documents
from workflow.errors import InputError
from workflow.export import Export
from workflow.html_export import CorrectionNote, article_html, clean
from workflow.i18n import N_, _, format_datetime
from workflow.models import Role, Segment
from workflow.review import Review
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_publications import PublicationRecord, PublicationsRepository

# Who puts an article out: whoever answers for the text (an editor), the desk that schedules it, an admin.
PUBLISH_ROLES = {Role.EDITOR, Role.DESK, Role.ADMIN}
SHOWN = 10  # segments named in one refusal; the rest are counted


@dataclass(frozen=True)
class Publication:
    id: int
    document_id: int
    user: str
    display_name: str
    published_at: str
    revisions: dict[int, int | None]  # segment id -> the revision that went out (None: no English)
    content_hash: str  # sha256 of the page as published (UTF-8)
    correction: str | None  # the note this version carried for what changed since the one before


@dataclass(frozen=True)
class Published:
    """What `publish` did: the page, its publication, and whether that was recorded just now."""
    page: Export
    publication: Publication
    new: bool  # False: these revisions were published before, and nothing was recorded
    changed: tuple[int, ...]  # segment positions changed since the previous publication


@dataclass(frozen=True)
class PublicationStatus:
    latest: Publication | None
    changed: tuple[int, ...]  # positions changed since it: the next publication needs a correction
    corrections: tuple[Publication, ...]  # publications that carried a correction, oldest first


class Publishing:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, publications: PublicationsRepository,
                 documents: Documents, review: Review) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._publications = publications
        self._documents = documents
        self._review = review

    def publications(self, document_id: int) -> list[Publication]:
        self._documents.get(document_id)
        return [_publication(r) for r in self._publications.publications(document_id)]

    def status(self, document_id: int) -> PublicationStatus:
        with self._tx.read():
            done = self.publications(document_id)
            segments = self._documents.segments(document_id)
        latest = done[-1] if done else None
        return PublicationStatus(latest, _changed(latest, segments), tuple(p for p in done if p.correction))

    def page(self, document_id: int) -> tuple[Export, list[str]]:
        """The page as it would go out now (with the corrections published so far), and what the
        credit line lacks; records nothing."""
        with self._tx.read():
            document = self._documents.get(document_id)
            credit, problems = self._review.credit_line(document_id)
            page = article_html(document, self._documents.segments(document_id), credit,
                                _notes(self.publications(document_id)))
        return page, problems

    def publish(self, document_id: int, *, by: str, correction: str | None = None,
                deliver: Callable[[str], None] | None = None) -> Published:
        """Publish the article as it stands. `deliver` receives the page inside the transaction that
        records it, so a page that could not be written is not recorded as published."""
        note = unicodedata.normalize("NFC", correction).strip() if correction is not None else None
        if correction is not None and not clean(correction):
            raise InputError("--correction", _("say what the correction is"))
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, PUBLISH_ROLES, N_("publish articles"))
            document = self._documents.get(document_id)
            credit, problems = self._review.credit_line(document_id)
            if problems:
                raise InputError(_("document {id}").format(id=document_id),
                                 _("cannot be published: {problems}").format(problems="; ".join(problems)))
            done = self.publications(document_id)
            segments = self._documents.segments(document_id)
            latest = done[-1] if done else None
            changed = _changed(latest, segments)
            if latest is not None and not changed:
                if note is not None:
                    raise InputError("--correction", _(
                        "nothing changed since the article was published ({time}, by {user}); a correction "
                        "note goes with a changed version").format(
                        time=format_datetime(latest.published_at, "medium"), user=latest.display_name))
                page = article_html(document, segments, credit, _notes(done))
                if deliver is not None:
                    deliver(page.text)
                return Published(page, latest, new=False, changed=())
            if latest is None and note is not None:
                raise InputError("--correction", _("the article has not been published yet; a correction note "
                                                   "goes with a version changed after publication"))
            if latest is not None and note is None:
                raise InputError("--correction", _(
                    "segments {segments} changed since the article was published ({time}, by {user}); say what "
                    "was corrected with --correction TEXT").format(
                    segments=_list(changed), time=format_datetime(latest.published_at, "medium"),
                    user=latest.display_name))
            at = now()
            page = article_html(document, segments, credit, [*_notes(done), *(
                [CorrectionNote(at, note)] if note else [])])
            digest = hashlib.sha256(page.text.encode("utf-8")).hexdigest()
            revisions = {s.id: s.revision_id for s in segments}
            publication_id = self._publications.insert_publication({
                "document_id": document_id, "published_by": actor.id, "published_at": at,
                "revisions": revisions, "content_hash": digest, "correction": note})
            self._audit.audit(at, actor.id, "document.publish", {
                "publication": publication_id, "hash": digest, "segments": len(segments),
                "changed": list(changed), "correction": note}, document_id=document_id)
            if deliver is not None:
                deliver(page.text)
            publication = Publication(publication_id, document_id, actor.name, actor.display_name, at, revisions,
                                      digest, note)
        return Published(page, publication, new=True, changed=tuple(changed))


def _publication(row: PublicationRecord) -> Publication:
    return Publication(row.id, row.document_id, row.user, row.display_name, row.published_at, row.revisions,
                       row.content_hash, row.correction)


def _notes(done: list[Publication]) -> list[CorrectionNote]:
    return [CorrectionNote(p.published_at, p.correction) for p in done if p.correction]


def _changed(latest: Publication | None, segments: list[Segment]) -> tuple[int, ...]:
    """Positions whose current revision is not the one that went out (none before a publication)."""
    if latest is None:
        return ()
    return tuple(s.index for s in segments if latest.revisions.get(s.id, -1) != s.revision_id)


def _list(indexes: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, indexes[:SHOWN]))
    return shown + (_(" and {count} more").format(count=len(indexes) - SHOWN) if len(indexes) > SHOWN else "")
