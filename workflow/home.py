"""Where each person starts: the screen (and document) their role's work is on.

The TUI only shows what this decides, so `tandem`, `tandem demo --as NAME` and any later front end
land a translator, an editor and a terminologist in the same places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workflow.models import DocumentSummary, Role, User
from workflow.models.home import Home, Start


def home(user: User | None, summaries: Sequence[DocumentSummary] | None = None, *,
         about: int | None = None, queued: bool = False) -> Home:
    """Where `user` starts. `about` is the document this launch is about (the demo's article): a
    translator opens it rather than their last document. `summaries` is needed only for a
    translator without `about`, so the caller may leave it None otherwise (see `needs_documents`).
    `queued`: the desk has assigned them work that waits (workflow.desk's queue), so a translator
    starts on the documents screen with that queue on top, soonest due first, rather than in the
    document they happened to touch last."""
    if user is None:
        return Home(Start.DOCUMENTS)  # not a user yet: the list they may read
    # Someone holding several roles starts on the first of them in this order: the order work
    # flows through a document, so the earliest step still waiting on them comes first.
    if user.has(Role.TRANSLATOR):
        if about is not None:
            return Home(Start.EDITOR, about)
        if queued:
            return Home(Start.DOCUMENTS)
        last = last_translated(user.name, summaries or ())
        return Home(Start.EDITOR, last) if last is not None else Home(Start.DOCUMENTS)
    if user.has(Role.EDITOR):
        return Home(Start.REVIEW_QUEUE)
    if user.has(Role.TERMINOLOGIST):
        return Home(Start.GLOSSARY)
    return Home(Start.DOCUMENTS)


def needs_documents(user: User | None, about: int | None) -> bool:
    """Whether `home` needs the documents' summaries (they cost a few queries on a large workspace)."""
    return user is not None and user.has(Role.TRANSLATOR) and about is None


def last_translated(name: str, summaries: Iterable[DocumentSummary]) -> int | None:
    """The document `name` has put text into as translator that changed last; None when none."""
    theirs = [s for s in summaries if name in s.roles.get(Role.TRANSLATOR.value, ())]
    if not theirs:
        return None
    return max(theirs, key=lambda s: (s.document.updated_at, s.id)).id
