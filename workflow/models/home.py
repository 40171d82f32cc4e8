"""Where a person starts, and a document waiting in the review queue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workflow.models.core import DocumentSummary

class Start(StrEnum):
    EDITOR = "editor"  # a translator: the editor of the document they last worked on
    REVIEW_QUEUE = "review_queue"  # an editor: documents waiting for review, oldest first
    GLOSSARY = "glossary"  # a terminologist: the glossary, open proposals first
    DOCUMENTS = "documents"  # everyone else, and a translator with nothing to translate yet


@dataclass(frozen=True)
class Home:
    start: Start
    document_id: int | None = None


@dataclass(frozen=True)
class Waiting:
    """A document in the review queue, and since when it waits (its translator's last sign-off)."""

    summary: DocumentSummary
    since: str
