"""Sign-off rules (README, "Review and sign-off rules"): one Review.readiness decides for the CLI and
the TUI; open queries and a translator sign-off voided by a non-editor ask first; credits follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Static

from test_review_screen import fresh, in_review, review_of
from tui.widgets.review_signoff_dialog import SignOffDialog, readiness
from tui_helpers import run, until
from workflow.models import Role
from workflow.errors import SignOffUnconfirmed
from workflow.review import OPEN_QUERIES, TRANSLATOR_VOID


def approved(tmp_path: Path) -> Path:
    """In review: the translator signed, the editor changed segment 16, then approved everything."""
    path = in_review(tmp_path)
    with fresh(path) as ws:
        for index in range(1, 17):
            ws.review.approve(1, index, by="robert")
    return path


def test_editors_changes_only_note_and_the_translator_stays_credited(tmp_path: Path) -> None:
    with fresh(approved(tmp_path)) as ws:
        rules = ws.review.readiness(1, "editor")
        assert rules.blockers == () and rules.warnings == {}
        assert rules.notes and [s.role for s in rules.void_signoffs] == [Role.TRANSLATOR]
        ws.review.sign_off(1, "editor", by="robert")
        assert set(ws.review.credited(1)) == {Role.TRANSLATOR, Role.EDITOR}


def test_an_open_query_asks_first(tmp_path: Path) -> None:
    with fresh(approved(tmp_path)) as ws:
        ws.comments.add(1, 4, "Which date?", kind="query", by="robert")
        assert OPEN_QUERIES in ws.review.readiness(1, "editor").warnings
        with pytest.raises(SignOffUnconfirmed, match="1 query is still open"):
            ws.review.sign_off(1, "editor", by="robert")
        with pytest.raises(SignOffUnconfirmed):
            ws.review.sign_off(1, "editor", by="robert", confirm=("something else",))
        assert ws.review.sign_off(1, "editor", by="robert", confirm=(OPEN_QUERIES,)).valid


def test_a_translator_sign_off_voided_by_the_translator_asks_and_is_not_credited(tmp_path: Path) -> None:
    path = approved(tmp_path)
    with fresh(path) as ws:
        ws.editing.save(1, 2, ws.documents.segments(1)[1].target + " Later.", by="david")
        ws.review.approve(1, 2, by="robert")
        rules = ws.review.readiness(1, "editor")
        assert TRANSLATOR_VOID in rules.warnings and "segments 2" in rules.warnings[TRANSLATOR_VOID]
        with pytest.raises(SignOffUnconfirmed):
            ws.review.sign_off(1, "editor", by="robert")
        ws.review.sign_off(1, "editor", by="robert", confirm=True)
        assert set(ws.review.credited(1)) == {Role.EDITOR}
        credit, problems = ws.review.credit_line(1)
        assert credit == "Edited by Robert Lauler." and any("translator's sign-off is void" in p for p in problems)


def test_tandem_signoff_refuses_without_confirm_and_signs_with_it(tmp_path: Path, tandem) -> None:
    path = approved(tmp_path)
    with fresh(path) as ws:
        ws.comments.add(1, 4, "Which date?", kind="query", by="robert")
    refused = tandem("signoff", "1", "--role", "editor", db=path, user="robert")
    assert refused.code == 2 and "1 query is still open" in refused.err and "--confirm" in refused.err
    with fresh(path) as ws:
        assert Role.EDITOR not in ws.review.valid_signoffs(1)
    signed = tandem("signoff", "1", "--role", "editor", "--confirm", db=path, user="robert")
    assert signed.code == 0, signed.err
    with fresh(path) as ws:
        assert ws.review.valid_signoffs(1)[Role.EDITOR].user == "robert"


def test_the_dialog_and_the_cli_decide_with_the_same_function(tmp_path: Path) -> None:
    path = in_review(tmp_path)
    with fresh(path) as ws:
        ws.comments.add(1, 4, "Which date?", kind="query", by="robert")
        for role in ("editor", "translator"):
            shown = readiness(ws, 1, role, "robert" if role == "editor" else "david")
            assert shown.rules == ws.review.readiness(1, role)
            assert bool(shown.blockers) == bool(ws.review.blockers(1, role))


def test_the_sign_off_dialog_lists_the_open_query_and_asks_before_signing_over_it(tmp_path: Path) -> None:
    path = approved(tmp_path)
    with fresh(path) as ws:
        ws.comments.add(1, 4, "Which date?", kind="query", by="robert")

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SignOffDialog) and app.screen.readiness is not None)
            dialog = app.screen
            still_open = str(dialog.query_one("#signoff-open", Static).content)
            assert "1 open query" in still_open and "Which date?" in still_open
            assert "void: the translator's sign-off" in still_open
            await pilot.click("#signoff-sign")
            await pilot.pause()
            assert app.screen is dialog  # asked, not signed
            assert "Sign off over this?" in str(dialog.query_one("#signoff-reason", Static).content)
            with fresh(path) as ws:
                assert Role.EDITOR not in ws.review.valid_signoffs(1)
            assert str(dialog.query_one("#signoff-sign", Button).label) == "Sign off over it"
            await pilot.pause(0.3)  # a Button ignores a second press during its 0.2 s "active" effect
            await pilot.click("#signoff-sign")
            await until(pilot, lambda: app.screen is screen)
        with fresh(path) as ws:
            assert ws.review.valid_signoffs(1)[Role.EDITOR].user == "robert"

    run(scenario)
