"""One answer to "who may do what" (issue 13): workflow.access.permissions, asked through
ws.review.permissions, is what every screen offers, and the use cases refuse exactly what it denies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DRAFT, KO
from glossaries.model import Term
from workflow.errors import PermissionDenied, TandemError
from workflow.models import (
    CLOSE,
    COMMENT,
    EDIT,
    IMPORT,
    MAINTAIN,
    MARK,
    PROPOSE,
    REPLY,
    REVIEW,
)
from workflow.workspace import Workspace

PEOPLE = {  # name -> roles; "ed" is an editor who also translates, and translated the document
    "david": ["translator"], "robert": ["editor"], "minji": ["terminologist"], "admin": ["admin"],
    "ed": ["editor", "translator"],
}


@pytest.fixture
def desk(workspace: Workspace, sample_doc) -> tuple[Workspace, int]:
    for name, roles in PEOPLE.items():
        if workspace.users.find(name) is None:
            workspace.users.add(name, roles, by="admin")
    workspace.editing.save(sample_doc.id, 2, "A translation by ed.", by="ed")
    return workspace, sample_doc.id


def _attempts(ws: Workspace, doc: int, query: int) -> dict[str, Callable[[str], object]]:
    """A use case for each intent, called as `who`; a refusal for the role is PermissionDenied."""
    return {
        EDIT: lambda who: ws.editing.save(doc, 3, f"Saved by {who}.", by=who),
        MARK: lambda who: ws.editing.mark_translated(doc, 1, by=who),
        REVIEW: lambda who: ws.review.approve(doc, 1, by=who),
        COMMENT: lambda who: ws.comments.add(doc, 1, "A note.", by=who),
        REPLY: lambda who: ws.comments.reply(query, "An answer.", by=who),
        CLOSE: lambda who: ws.comments.resolve(query, by=who),
        IMPORT: lambda who: ws.files.import_document(KO, None, by=who),
        PROPOSE: lambda who: ws.glossary.propose(Term(f"용어{len(who)}", f"term {who}"), by=who),
        MAINTAIN: lambda who: ws.glossary.add(Term(f"낱말{len(who)}", f"word {who}"), by=who),
    }


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_the_use_cases_refuse_exactly_what_permissions_deny(desk, who: str) -> None:
    ws, doc = desk
    query = ws.comments.add(doc, 1, "Is this right?", kind="query", by="robert").id
    allowed = ws.review.permissions(who, doc)
    assert allowed.user is not None and allowed.user.name == who
    for intent, attempt in _attempts(ws, doc, query).items():
        try:
            attempt(who)
            refused = False
        except PermissionDenied:
            refused = True
        except TandemError:
            refused = False  # past the role check, refused for the segment's state or the input
        assert refused is not allowed.may(intent), f"{who} / {intent}: permitted={allowed.may(intent)}"


def test_the_documents_translator_never_reviews_it_and_signs_it_as_translator(desk) -> None:
    ws, doc = desk
    ed = ws.review.permissions("ed", doc)
    assert not ed.may(REVIEW) and ed.may(EDIT) and ed.sign_as == "translator"
    elsewhere = ws.review.permissions("ed")  # no document in view: nothing translated
    assert elsewhere.may(REVIEW) and elsewhere.sign_as == "editor"
    robert = ws.review.permissions("robert", doc)
    assert robert.may(REVIEW) and robert.sign_as == "editor" and not robert.may(MARK)


def test_a_stranger_may_set_up_an_empty_workspace_and_nothing_on_a_peopled_one(tmp_path: Path, desk) -> None:
    ws, doc = desk
    stranger = ws.review.permissions("nobody", doc)
    assert stranger.user is None and stranger.intents == frozenset() and stranger.sign_as is None
    with Workspace.open(tmp_path / "empty.db") as empty:
        first = empty.review.permissions("nobody")
        assert first.may(IMPORT) and first.may(EDIT) and first.may(MAINTAIN) and not first.may(REVIEW)
        empty.files.import_document(KO, DRAFT, by="nobody")  # and the use case agrees
        assert empty.users.get("nobody").roles


def test_each_term_comes_with_the_decisions_its_status_allows(ws) -> None:
    proposed = ws.glossary.propose(Term("시범용어", "trial term"), by="david")
    approved = next(t for t in ws.glossary.terms() if t.status == "approved")
    assert ws.glossary.decisions(proposed) == ("approve", "reject", "deprecate")
    assert ws.glossary.decisions(approved) == ("deprecate",)
    ws.glossary.approve(proposed.id, by="minji")
    with pytest.raises(TandemError):
        ws.glossary.reject(proposed.id, by="minji", reason="offered only for proposals")
