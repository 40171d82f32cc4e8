"""The audit log as a hash chain: each entry carries the hash of the one before it, so an entry
changed, inserted or removed behind Tandem's back breaks the chain at that point.

The chain cannot notice the newest entries being cut off the end (nothing comes after them to
disagree); verification therefore also checks every revision's text against its own hash and the
hash its audit entry recorded: a save, merge or resolution records "text_hash" beside "revision",
a stale save records its kept-aside text as "mine_hash" beside "mine", and an import records a
digest of every (revision id, hash) pair it wrote. A forger who rewrites a revision's text and its
content_hash together is caught there, unless they also rewrite the chain from that entry on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workflow.i18n import N_, _, format_datetime
from workflow.records import content_hash

if TYPE_CHECKING:
    from workflow.storage import Transactions
    from workflow.storage.store_audit import AuditRepository, ChainEntry, RevisionHash

GENESIS = ""


def entry_hash(prev_hash: str | None, entry_id: int, at: str, user_id: int | None, action: str,
               document_id: int | None, segment_id: int | None, detail: str) -> str:
    # The detail is hashed as stored (its JSON text), so re-serialising cannot change a hash.
    payload = [prev_hash or GENESIS, entry_id, at, user_id, action, document_id, segment_id, detail]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()


def revisions_digest(pairs: list[tuple[int, str]]) -> dict[str, Any] | None:
    """What an import's audit entry records of the revisions it wrote (ids are consecutive within
    one write transaction, so first and last say which): one hash rather than thousands of pairs."""
    if not pairs:
        return None
    pairs = sorted(pairs)
    return {"first": pairs[0][0], "last": pairs[-1][0], "count": len(pairs), "digest": _digest(pairs)}


def _digest(pairs: list[tuple[int, str]]) -> str:
    return hashlib.sha256(json.dumps(pairs, separators=(",", ":")).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Breach:
    what: str  # "audit" or "revision" or "database"
    id: int | None
    problem: str

    def __str__(self) -> str:
        if self.what in _PLACES:
            return _(_PLACES[self.what]).format(id=self.id, problem=self.problem)
        return f"{self.what} {self.id}: {self.problem}" if self.id is not None else f"{self.what}: {self.problem}"


_PLACES = {"audit": N_("audit {id}: {problem}"), "revision": N_("revision {id}: {problem}"),
           "database": N_("database: {problem}")}


def chain_breaches(entries: Iterable[ChainEntry]) -> list[Breach]:
    """Entries as stored (raw columns, ordered by id): every place the chain does not hold."""
    found: list[Breach] = []
    prev = GENESIS
    for row in entries:
        if (row.prev_hash or GENESIS) != prev:
            found.append(Breach("audit", row.id, _("does not follow the entry before it (an entry was "
                                                      "removed, inserted or reordered here)")))
        expected = entry_hash(row.prev_hash, row.id, row.at, row.user_id, row.action,
                              row.document_id, row.segment_id, row.detail)
        if row.hash != expected:
            found.append(Breach("audit", row.id, _("{action} at {at} was changed after it was written").format(
                action=row.action, at=format_datetime(row.at, "medium"))))
        prev = row.hash or GENESIS
    return found


def revision_breaches(revisions: Iterable[RevisionHash], recorded: dict[int, str]) -> list[Breach]:
    """Revisions whose text no longer matches its own hash or the hash its audit entry recorded
    (`recorded`: revision id -> text hash from the chained audit details)."""
    found: list[Breach] = []
    for rev in revisions:
        if content_hash(rev.text) != rev.content_hash:
            found.append(Breach("revision", rev.id, _("its text no longer matches its content hash")))
        elif rev.id in recorded and recorded[rev.id] != rev.content_hash:
            found.append(Breach("revision", rev.id, _("its text differs from the text the audit log recorded")))
    return found


@dataclass(frozen=True)
class Verification:
    entries: int
    revisions: int
    breaches: list[Breach]

    @property
    def ok(self) -> bool:
        return not self.breaches


def verify(integrity: list[str], entries: list[ChainEntry], revisions: list[RevisionHash]) -> Verification:
    breaches = [Breach("database", None, _("integrity check: {problem}").format(problem=line)) for line in integrity]
    breaches += chain_breaches(entries)
    recorded: dict[int, str] = {}
    imports: list[tuple[int, dict[str, Any]]] = []
    for row in entries:
        try:
            detail = json.loads(row.detail)
        except (TypeError, ValueError):
            continue  # a mangled detail already broke the chain above
        if not isinstance(detail, dict):
            continue
        for id_key, hash_key in (("revision", "text_hash"), ("mine", "mine_hash")):
            if isinstance(detail.get(id_key), int) and detail.get(hash_key):
                recorded[detail[id_key]] = detail[hash_key]
        if isinstance(detail.get("revisions"), dict):
            imports.append((row.id, detail["revisions"]))
    breaches += revision_breaches(revisions, recorded)
    breaches += import_breaches(revisions, imports)
    return Verification(len(entries), len(revisions), breaches)


def import_breaches(revisions: list[RevisionHash], imports: list[tuple[int, dict[str, Any]]]) -> list[Breach]:
    """Imports whose revisions no longer hash to the digest their audit entry recorded."""
    found: list[Breach] = []
    by_id = {rev.id: rev.content_hash for rev in revisions}
    for entry_id, recorded in imports:
        first, last = recorded.get("first"), recorded.get("last")
        if not (isinstance(first, int) and isinstance(last, int)):
            continue
        pairs = [(i, by_id[i]) for i in range(first, last + 1) if i in by_id]
        if len(pairs) != recorded.get("count") or _digest(pairs) != recorded.get("digest"):
            found.append(Breach("audit", entry_id, _("the revisions {first} to {last} it imported were changed "
                                                     "afterwards").format(first=first, last=last)))
    return found


class Audit:
    """The audit log as the facade offers it: read it, and verify the file against it."""

    def __init__(self, tx: Transactions, audit: AuditRepository) -> None:
        self._tx = tx
        self._audit = audit

    def log(self, document_id: int | None = None) -> list[dict[str, Any]]:
        return self._audit.audit_entries(document_id)

    def verify(self) -> Verification:
        """Whether the file still holds what Tandem wrote: SQLite's own integrity check, the audit
        log's hash chain, and every revision's text against its hashes. Reads only."""
        with self._tx.read():
            return verify(self._audit.integrity_problems(), self._audit.audit_chain(),
                          self._audit.revision_hashes())
