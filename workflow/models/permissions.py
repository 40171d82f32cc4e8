"""What one person may do, in the workspace and on one document: the answer every screen shows."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.models.core import User

# The intents an interface may ask about (workflow.access.INTENT_ROLES says who holds each).
EDIT, MARK, DISMISS, COMMENT, REPLY, CLOSE = "edit", "mark", "dismiss", "comment", "reply", "close"
REVIEW, IMPORT, PROPOSE, MAINTAIN = "review", "import", "propose", "maintain"
ASSIGN = "assign"  # give documents their translator, editor, due time and priority (workflow.desk)


@dataclass(frozen=True)
class Permissions:
    user: User | None  # None: not a user of this workspace (who may still set up an empty one)
    intents: frozenset[str]
    sign_as: str | None  # the role this person's sign-off of the document is given in, if any
    # Why an editor of English may not edit this document, where a rule beyond their roles says so
    # (the document is assigned to another translator): the words a screen shows.
    why_not_edit: str | None = None

    def may(self, intent: str) -> bool:
        return intent in self.intents


NOBODY = Permissions(None, frozenset(), None)  # before anything is known: offer nothing
