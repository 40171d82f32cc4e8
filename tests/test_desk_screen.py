"""The news desk in the TUI (issue 17 §1), driven by Pilot under a fixed clock read in Seoul: my
queue above the documents list, soonest due first with the late one marked; the desk view on `d`,
late first; and a notification reaching a second app open on the same workspace file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from test_desk import Clock, seoul  # noqa: F401 - every workflow module's clock pinned; read in Seoul
from tui.app import TandemApp
from tui.screens.desk import DeskScreen
from tui.screens.documents import DocumentsScreen
from tui_helpers import no_idle_saves, run, until
from workflow.workspace import Workspace

SMALL, WIDE = (80, 24), (160, 48)


@pytest.fixture
def desk_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seoul) -> Path:  # noqa: F811
    clock = Clock(monkeypatch)
    clock("2026-12-07T00:00:00")  # 09:00 in Seoul
    path = tmp_path / "desk.tandem"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("chief", ["desk"], by="admin")
        ws.users.add("david", ["translator"], by="admin")
        ws.users.add("robert", ["editor"], by="admin")
        for name, due in (("later", "2026-12-07T18:00"), ("late", "2026-12-07T10:00"), ("undated", None),
                          ("sooner", "2026-12-07T12:00")):
            article = tmp_path / f"{name}.md"
            article.write_text(f"# {name}\n\n한국어 기사 {name} 입니다.\n", encoding="utf-8")
            doc = ws.files.import_document(article, by="chief").document.id
            ws.desk.assign(doc, "translator", "david", by="chief")
            if due:
                ws.desk.set_due(doc, due, by="chief")
    clock("2026-12-07T02:30:00")  # 11:30 in Seoul: "late" is 90 minutes late
    monkeypatch.setattr(TandemApp, "POLL_SECONDS", 0.2)
    no_idle_saves(monkeypatch)
    return path


def _queue_lines(app) -> list[str]:
    return str(app.screen.query_one("#my-queue", Static).render()).splitlines()


def test_my_queue_is_soonest_due_first_with_the_late_one_marked(desk_path: Path):
    async def scenario() -> None:
        app = TandemApp(desk_path, "david", home=True)  # as `tandem` opens: where his work is
        async with app.run_test(size=SMALL) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one("#my-queue").display)
            lines = _queue_lines(app)
            assert lines[0] == "My queue: 4 documents waiting for me"
            assert lines[1].startswith("⏰ 2 hr late") and "2 late · 2 segments to translate" in lines[1]
            assert "4 sooner" in lines[2] and "1 later" in lines[3]
            assert "and 1 more: d for the desk" in lines[4]  # three items fit a 24-row terminal
        robert = TandemApp(desk_path, "robert")
        async with robert.run_test(size=SMALL) as pilot:
            await until(pilot, lambda: isinstance(robert.screen, DocumentsScreen) and robert.screen._summaries)
            assert not robert.screen.query_one("#my-queue").display  # nothing waits for him yet

    run(scenario)


@pytest.mark.parametrize("size", [SMALL, WIDE])
def test_the_desk_view_is_late_first_then_soonest_due(desk_path: Path, size):
    async def scenario() -> None:
        app = TandemApp(desk_path, "chief")
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen) and app.screen._summaries)
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, DeskScreen) and app.screen.rows)
            table = app.screen.query_one("#desk-table", DataTable)
            assert [str(table.get_cell_at((i, list(table.columns).index("title")))) for i in range(4)] == [
                "late", "sooner", "later", "undated"]
            due = str(table.get_cell("2", "late" if size == WIDE else "due"))
            assert due == "⏰ 2 hr late"
            assert str(table.get_cell("2", "holder")).startswith("david")
            assert str(app.screen.query_one("#desk-status", Static).render()) == "4 documents in flight · 1 late"
            assert app.screen.query_one("#desk-stats").display is (size == WIDE)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))

    run(scenario)


def test_a_notification_reaches_the_other_app_open_on_the_workspace(desk_path: Path):
    async def scenario() -> None:
        david, robert = TandemApp(desk_path, "david"), TandemApp(desk_path, "robert")
        async with david.run_test(size=WIDE) as at_david, robert.run_test(size=WIDE) as at_robert:
            for pilot, app in ((at_david, david), (at_robert, robert)):
                await until(pilot, lambda app=app: isinstance(app.screen, DocumentsScreen) and app.screen._summaries)
            # The assignments made before david opened the app came to him as he opened it.
            await until(at_david, lambda: len(list(david._notifications)) == 4)
            shown = [n.message for n in david._notifications]
            assert all("chief assigned you document" in m for m in shown[:3])  # three at most, then a line
            assert shown[3] == "and 1 more: tandem inbox --all lists them"
            # Someone else, in another process: the desk gives robert document 1 to edit.
            with Workspace.open(desk_path, create=False) as other:
                other.desk.assign(1, "editor", "robert", by="chief")
                other.comments.add(1, 2, "Which word?", kind="query", by="robert")
            await until(at_robert, lambda: any("assigned you document 1" in n.message
                                               for n in robert._notifications))
            await until(at_david, lambda: any("robert asked a query on document 1" in n.message
                                              for n in david._notifications))
            with Workspace.open(desk_path, create=False) as other:
                assert other.desk.inbox("david") == [] and other.desk.inbox("robert") == []  # shown is seen
                assert len(other.desk.inbox("david", unseen_only=False)) == 5
            assert not any("robert" in n.message and "assigned" in n.message for n in david._notifications)

    run(scenario)


def test_the_desk_chief_assigns_and_reassigns_from_the_desk_view(desk_path: Path):
    from textual.widgets import Input, Select

    from tui.widgets.assign_dialog import AssignDialog

    async def scenario() -> None:
        app = TandemApp(desk_path, "chief")
        async with app.run_test(size=SMALL) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen) and app.screen._summaries)
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, DeskScreen) and app.screen.rows)
            desk = app.screen
            await pilot.press("a")  # on the first row: "late", document 2
            await until(pilot, lambda: isinstance(app.screen, AssignDialog))
            dialog = app.screen
            dialog.query_one("#assign-editor", Select).value = "robert"
            dialog.query_one("#assign-due", Input).value = "2026-12-07T13:00"
            await pilot.click("#assign-ok")
            await until(pilot, lambda: app.screen is desk and desk.rows[0].summary.id == 4)
            assert [r.summary.id for r in desk.rows] == [4, 2, 1, 3]  # "late" is due 13:00 now, after "sooner"
            # The cursor stayed on document 2 as it moved; its translator step is given to nobody.
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, AssignDialog))
            dialog = app.screen
            dialog.query_one("#assign-due", Input).value = "soon"  # the workspace's refusal, in the dialog
            await pilot.click("#assign-ok")
            await until(pilot, lambda: "not a due time" in str(dialog.query_one("#assign-error", Static).render()))
            assert app.screen is dialog
            dialog.query_one("#assign-due", Input).value = desk.rows[1].due_text  # as it was
            dialog.query_one("#assign-translator", Select).value = ""
            await pilot.click("#assign-ok")
            await until(pilot, lambda: app.screen is desk and desk.rows[1].holder is None)
        with Workspace.open(desk_path, create=False) as ws:
            entries = [(e["action"], e["detail"].get("role"), e["detail"].get("user"), e["detail"].get("previous"))
                       for e in ws.audit.log(2) if e["action"] in ("document.assign", "document.due")]
            assert entries[-3:] == [("document.assign", "editor", "robert", None), ("document.due", None, None, None),
                                    ("document.assign", "translator", None, "david")]
            assert ws.desk.assignment(2).due_at == "2026-12-07T04:00:00.000+00:00"
            assert [n.kind for n in ws.desk.inbox("robert")] == ["assigned"]

    run(scenario)


def test_only_the_desk_is_offered_assigning(desk_path: Path):
    async def scenario() -> None:
        app = TandemApp(desk_path, "david")
        async with app.run_test(size=SMALL) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen) and app.screen._summaries)
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, DeskScreen) and app.screen.rows)
            assert not app.screen.check_action("assign", ())
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DeskScreen)

    run(scenario)


def test_the_import_dialog_assigns_the_new_document(desk_path: Path, tmp_path: Path):
    from textual.widgets import Button, Input

    from tui.widgets.import_dialog import ImportDialog

    article = tmp_path / "new.md"
    article.write_text("# 새 기사\n\n새로운 기사 입니다.\n", encoding="utf-8")

    async def scenario() -> None:
        app = TandemApp(desk_path, "chief")
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen) and app.screen._summaries)
            await pilot.press("i")
            await until(pilot, lambda: isinstance(app.screen, ImportDialog))
            dialog = app.screen
            for name, value in (("korean", str(article)), ("translator", "nobody"), ("due", "18:00")):
                dialog.query_one(f"#import-{name}", Input).value = value
            dialog.query_one("#import", Button).press()
            await until(pilot, lambda: "'nobody' is not a user" in str(dialog.query_one("#import-error", Static).content))
            dialog.query_one("#import-translator", Input).value = "david"
            dialog.query_one("#import-editor", Input).value = "robert"
            dialog.query_one("#import", Button).press()
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen) and len(app.screen._summaries) == 5)

    run(scenario)
    with Workspace.open(desk_path, create=False) as ws:
        assert len(ws.documents.all()) == 5  # the refused try wrote nothing
        assignment = ws.desk.assignment(5)
        assert (assignment.translator, assignment.editor) == ("david", "robert")
        assert assignment.due_at == "2026-12-07T09:00:00.000+00:00"  # 18:00 in Seoul, still ahead at 11:30
