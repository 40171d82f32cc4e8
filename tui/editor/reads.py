"""What the editor reads from its Workspace: plain blocking functions run on a WorkspaceThread.

Each takes the thread's long-lived Workspace first and returns plain values; none touches a widget.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from glossaries.index import TermUse
from tui.editor.state import Changes
from workflow.models import (
    Comment, Conflict, Counts, Document, EditGuard, FindingView, Permissions, Revision, Segment, open_counts)
from workflow.workspace import Workspace


@dataclass(frozen=True)
class DocumentData:
    document: Document
    segments: list[Segment]
    permissions: Permissions  # what this user may do on the document (its user: None for a stranger)
    comments: dict[int, list[Comment]]
    audit_head: int  # where the document's audit log stood before it was read (see changes())
    guard: EditGuard
    glossary: object  # Findings.version() as read: a later term change, or stored morphology decisions
    # this process lacked arriving (workflow.word_decisions), re-checks the segment in hand


def load_document(workspace: Workspace, document_id: int, user: str) -> DocumentData:
    # The audit head first, so a change made while the rest is read is read again later, never missed.
    head = workspace.documents.changes(document_id)[0]
    document = workspace.documents.get(document_id)
    segments = workspace.documents.segments(document_id)
    comments: dict[int, list[Comment]] = defaultdict(list)
    for comment in workspace.comments.all(document_id):
        comments[comment.segment].append(comment)
    return DocumentData(document, segments, workspace.review.permissions(user, document_id), dict(comments), head,
                        workspace.review.edit_guard(document_id), workspace.findings.version())


def changes(workspace: Workspace, document_id: int, since: int) -> Changes:
    head, segments = workspace.documents.changes(document_id, since)
    comments = {s.index: workspace.comments.all(document_id, s.index) for s in segments}
    # Approvals and sign-offs move with the segments: what an edit would void is read again.
    guard = workspace.review.edit_guard(document_id) if segments else None
    return Changes(head, segments, comments, workspace.findings.version(), guard)


def document_counts(workspace: Workspace, document_id: int) -> dict[int, Counts]:
    """Open errors and warnings per segment: the same findings `tandem check` reports."""
    return workspace.findings.counts(document_id)


@dataclass(frozen=True)
class Analysis:
    index: int
    text: str  # the English analysed, exactly as it was in the editor
    findings: list[FindingView]
    uses: list[TermUse]

    @property
    def counts(self) -> Counts:
        return open_counts(self.findings)


def analyse(workspace: Workspace, document_id: int, segment: Segment, text: str,
            texts: dict[int, str]) -> Analysis:
    """The segment's findings for the English as typed, the document's other segments as the
    screen holds them; the glossary is matched once for both the findings and the term marks."""
    findings = workspace.findings.segment(document_id, segment.index, target=text, texts=texts)
    uses = workspace.findings.term_uses(segment.source, text)
    return Analysis(segment.index, text, findings, list(uses))


def tm_matches(workspace: Workspace, index: int, source: str) -> tuple[int, list]:
    return index, workspace.tm.lookup(source)


def history(workspace: Workspace, document_id: int, index: int) -> list[Revision]:
    return workspace.documents.history(document_id, segment=index)


def conflict(workspace: Workspace, document_id: int, index: int) -> Conflict | None:
    return workspace.editing.conflict(document_id, index)
