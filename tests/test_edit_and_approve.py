"""Edit and approve: an editor's own correction stays approved at the editor's revision, in one step,
through the Workspace, `tandem edit --approve` and the review screen's edit dialog (ctrl+o)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, TextArea

from test_review_screen import fresh, in_review, review_of
from tui.widgets.review_edit_dialog import EditDialog
from tui_helpers import run, until
from workflow.errors import PermissionDenied
from workflow.models import Role, SegmentState


def test_edit_and_approve_keeps_the_segment_approved_at_the_editors_revision(tmp_path: Path) -> None:
    path = in_review(tmp_path)
    with fresh(path) as ws:
        translators_text = ws.documents.segments(1)[2].target
        result = ws.editing.save_and_approve(1, 3, translators_text + " Fixed.", by="robert",
                                     based_on=ws.documents.segments(1)[2].revision_id)
        segment = ws.documents.segments(1)[2]
        assert segment.state is SegmentState.APPROVED and result.voided is None
        assert segment.revision_id == result.revision_id and segment.target.endswith(" Fixed.")
        history = ws.documents.history(1, segment=3)
        assert [r.text for r in history][-2:] == [translators_text, translators_text + " Fixed."]
        assert history[-1].role is Role.EDITOR
        # The approval is bound to the editor's new revision, and the pair went to the TM.
        assert (3, result.revision_id, "robert") in {(r.index, r.revision_id, r.user)
                                                     for r in ws._store.signoffs.approvers(1)}
        assert any(u.target == segment.target for u in ws.tm.units())
        actions = [(e["action"], e["detail"].get("edited")) for e in ws.audit.log(1)][-2:]
        assert actions == [("segment.save", None), ("segment.approve", True)]
        # Review work: the document stays in review, the translator's text is the diff's base.
        assert ws.review.state(1).value == "in_review"
        report = ws.review.report(1)[2]
        assert report.signed_text == translators_text and report.changed > 0


def test_the_translator_never_approves_and_a_stale_edit_is_kept_but_not_approved(tmp_path: Path) -> None:
    path = in_review(tmp_path)
    with fresh(path) as ws:
        with pytest.raises(PermissionDenied):
            ws.editing.save_and_approve(1, 3, "The translator's own.", by="david")
        assert ws.documents.segments(1)[2].state is SegmentState.TRANSLATED
        base = ws.documents.segments(1)[4].revision_id
        ws.editing.save(1, 5, ws.documents.segments(1)[4].target + " Theirs.", by="robert")
        stale = ws.editing.save_and_approve(1, 5, "Mine. " + ws.documents.history(1, segment=5)[0].text, by="robert", based_on=base)
        assert stale.stale and stale.segment.state is SegmentState.DRAFT  # merged text: not what was read


def test_tandem_edit_approve_through_the_real_entry_point(tmp_path: Path, tandem) -> None:
    path = in_review(tmp_path)
    run_ = tandem("edit", "1", "4", "An editor's correction.", "--approve", db=path, user="robert")
    assert run_.code == 0, run_.err
    assert "(approved)" in run_.out and "back to draft" not in run_.err
    refused = tandem("edit", "1", "4", "Translator.", "--approve", db=path, user="david")
    assert refused.code == 2 and "cannot edit and approve segments" in refused.err
    with fresh(path) as ws:
        assert ws.documents.segments(1)[3].target == "An editor's correction."
        assert ws.documents.segments(1)[3].state is SegmentState.APPROVED
    plain = tandem("edit", "1", "4", "Sent back.", db=path, user="robert")
    assert plain.code == 0 and "(draft)" in plain.out and "back to draft" in plain.err


def test_the_review_edit_dialog_saves_and_approves_with_ctrl_o(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(3)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            assert app.screen.query_one("#edit-approve", Button)
            area = app.screen.query_one(TextArea)
            area.text = area.text + " Approved edit."
            await pilot.press("ctrl+o")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            with fresh(path) as ws:
                assert ws.documents.segments(1)[2].target.endswith(" Approved edit.")
                assert ws.documents.segments(1)[2].state is SegmentState.APPROVED
            screen.go_to(2)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            area = app.screen.query_one(TextArea)
            area.text = area.text + " Sent back."
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            assert ws_state(path, 2) is SegmentState.DRAFT

    run(scenario)


def test_the_translator_gets_no_approve_in_the_edit_dialog(tmp_path: Path) -> None:
    path = in_review(tmp_path)

    async def scenario() -> None:
        async with review_of(path, "david") as (app, pilot, screen):
            screen.go_to(3)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            assert not app.screen.query("#edit-approve")
            app.screen.query_one(TextArea).text = "Translator's fix."
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, EditDialog)  # nothing saved, nothing approved
            await pilot.press("escape")
        assert ws_state(path, 3) is SegmentState.TRANSLATED

    run(scenario)


def ws_state(path: Path, index: int) -> SegmentState:
    with fresh(path) as ws:
        return ws.documents.segments(1)[index - 1].state
