"""Plain value objects returned by the Workspace; the storage layer fills them from rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from glossaries.model import Term


class Role(StrEnum):
    TRANSLATOR = "translator"
    EDITOR = "editor"
    TERMINOLOGIST = "terminologist"
    ADMIN = "admin"
    DESK = "desk"  # the desk chief: assigns documents, sets due times, watches the desk view


class SegmentKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    CAPTION = "caption"
    PARAGRAPH = "paragraph"


class SegmentState(StrEnum):
    EMPTY = "empty"
    DRAFT = "draft"
    TRANSLATED = "translated"
    APPROVED = "approved"
    REJECTED = "rejected"


# Display order for progress figures: the path a segment normally travels, then the detour.
STATE_ORDER = (
    SegmentState.EMPTY,
    SegmentState.DRAFT,
    SegmentState.TRANSLATED,
    SegmentState.APPROVED,
    SegmentState.REJECTED,
)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    display_name: str
    roles: tuple[Role, ...]
    created_at: str
    demo: bool = False  # a demo workspace's user: anyone may act as them
    disabled_at: str | None = None  # stopped by an admin: keeps their history, can no longer act
    logins: tuple[str, ...] = ()  # the operating-system logins mapped to them

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    tags: tuple[str, ...]
    source_name: str
    source_checksum: str
    source_encoding: str
    english_name: str | None
    segmentation: str
    created_at: str
    updated_at: str
    created_by: str


@dataclass(frozen=True)
class DocumentSummary:
    document: Document
    segment_count: int
    progress: dict[str, int]
    words_source: int
    roles: dict[str, list[str]] = field(default_factory=dict)
    conflicts: int = 0  # segments with an unresolved conflict between two people's saves
    locked: int = 0  # segments the file keeps untranslatable: in segment_count, in no state of progress
    published_at: str | None = None  # the latest publication (workflow.publishing): when
    published_by: str | None = None  # and by whom (display name)

    @property
    def id(self) -> int:
        return self.document.id

    @property
    def title(self) -> str:
        return self.document.title


@dataclass(frozen=True)
class Segment:
    id: int
    document_id: int
    index: int  # 1-based position in the document
    block: int  # 1-based source block (paragraph) the segment came from
    kind: SegmentKind
    source: str
    target: str
    state: SegmentState
    revision_id: int | None
    align_score: float | None
    align_note: str | None
    conflict: bool = False  # two people's changes await a person's resolution (Workspace.editing.conflict)
    # The file marked it translate="no": shown, never edited, checked or counted as work (workflow.states).
    locked: bool = False
    max_length: int | None = None  # the file's length limit in characters (check length.limit)

    @property
    def low_confidence(self) -> bool:
        return self.align_note is not None


@dataclass(frozen=True)
class Revision:
    id: int
    segment_id: int
    segment_index: int
    text: str
    author: str
    role: Role
    created_at: str
    parent_id: int | None
    content_hash: str
    merge_parent_id: int | None = None  # a merge's second parent: the saver's own text, kept aside
    aside: bool = False  # kept in the history but never the segment's text (a merged or conflicting save)


@dataclass(frozen=True)
class TermRevision:
    """One version of a glossary entry: the entry as it was then, who changed it and why."""

    revision_id: int
    term: Term
    author: str
    role: Role
    created_at: str
    reason: str
    parent_id: int | None


@dataclass(frozen=True)
class TermOccurrence:
    document_id: int
    segment: int
    state: SegmentState
    source_span: tuple[int, int]
    korean: str
    satisfied: bool  # the English has the preferred rendering or an admitted one
    forbidden: tuple[str, ...]  # forbidden renderings the English uses

    @property
    def fails(self) -> bool:
        return not self.satisfied or bool(self.forbidden)


@dataclass(frozen=True)
class TermImpact:
    term: Term
    occurrences: list[TermOccurrence]

    @property
    def failing_approved(self) -> list[TermOccurrence]:
        """Approved segments whose English would now fail this term's checks."""
        return [o for o in self.occurrences if o.state is SegmentState.APPROVED and o.fails]


@dataclass(frozen=True)
class SaveResult:
    segment: Segment  # as it stands after the save
    revision_id: int | None  # the new revision; None when the text was unchanged
    voided: SegmentState | None  # the sign-off state an edit took away (translated, approved)
    stale: bool  # someone else saved since the editor's base revision; both are in the history
    voided_signoffs: tuple[Role, ...] = ()  # document sign-offs this edit made void
    merged: bool = False  # a stale save combined with the other change; segment.target is the merge
    conflict: bool = False  # a stale save that overlapped the other change: kept, segment in conflict
    aside_id: int | None = None  # a stale save: the revision holding the saver's own text, kept aside


@dataclass(frozen=True)
class Conflict:
    """Two changes to one base that could not be combined; open until someone resolves it."""

    id: int
    segment_index: int
    base: Revision | None  # the text both people started from; None when both began from no text
    theirs: Revision  # what had been saved meanwhile (the segment's text when the conflict opened)
    mine: Revision  # the later save, kept aside
    opened_by: str
    opened_at: str


@dataclass(frozen=True)
class Dismissal:
    user: str
    reason: str
    created_at: str


@dataclass(frozen=True)
class Comment:
    id: int
    segment: int
    kind: str  # note or query
    text: str
    author: str
    created_at: str
    resolved_by: str | None
    resolved_at: str | None
    # A reply names its thread's first comment; the thread's state (open, answered, closed) is the
    # first comment's (workflow/comments.py holds the rules).
    parent_id: int | None = None

    @property
    def open(self) -> bool:
        return self.resolved_at is None

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class DocumentState(StrEnum):
    IN_TRANSLATION = "in_translation"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"


@dataclass(frozen=True)
class SignOff:
    id: int
    user: str
    display_name: str
    role: Role
    created_at: str
    content_hash: str
    valid: bool  # the document's texts are still exactly what was signed


@dataclass(frozen=True)
class SegmentReport:
    index: int
    state: SegmentState
    signed_text: str | None  # the translator's signed text (else the first revision's)
    text: str
    changed: int
    words: int
    authors: tuple[str, ...]
    conflict: bool = False  # two people's changes await a person's resolution (Workspace.editing.conflict)
    locked: bool = False  # the file marks it not to be translated (workflow.states.LOCKED)


EMPTY_BASE = 0  # a save's based_on meaning "I started from no text": SQLite never hands out revision id 0


def base_of(revision_id: int | None) -> int:
    """What a save names as its base, given the revision an editor showed when typing began."""
    return EMPTY_BASE if revision_id is None else revision_id
