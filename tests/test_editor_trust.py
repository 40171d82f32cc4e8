"""The editor writes only what the person meant, and shows what `tandem check` reports.

Driven headless with Pilot on real workspace files. Key bursts are posted straight to the app's
queue, as a terminal delivers keys typed while the app was busy (loading kiwi, say): the app
handles them one after another without a frame in between.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events

import conftest
from conftest import translator_signed
from tui_helpers import no_idle_saves, run, until
from tui.app import TandemApp
from tui.screens.editor import EditorScreen
from tui.widgets.comments_panel import CommentsPanel
from tui.widgets.query_dialog import QueryDialog
from tui.widgets.segment_texts import EnglishEditor
from tui.widgets.term_picker import TermPicker
from tui.widgets.unlock_dialog import UnlockDialog
from workflow.models import SegmentState
from workflow.workspace import Workspace

WIDE = (160, 48)
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def pinned_idle_save(monkeypatch: pytest.MonkeyPatch) -> None:
    no_idle_saves(monkeypatch)


def revisions(path: Path, document: int = 1) -> list[tuple[int, str]]:
    with Workspace.open(path, create=False) as workspace:
        return [(r.id, r.text) for r in workspace.documents.history(document)]


def signed_document(path: Path) -> int:
    """The demo article with the editor's final English, approved and signed off by both roles."""
    with Workspace.open(path, create=False) as workspace:
        doc = translator_signed(workspace, "Signed")
        for segment in workspace.documents.segments(doc):
            workspace.review.approve(doc, segment.index, by="robert")
        workspace.review.sign_off(doc, "editor", by="robert")
    return doc


def settled(path: Path) -> object:
    """The workspace file's bytes once every connection has gone (the WAL folded in); on PostgreSQL,
    every row of its database."""
    if conftest.ENGINE == "postgresql":
        return conftest.snapshot(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path.read_bytes()


def burst(app: TandemApp, *keys: str) -> None:
    """Keys queued at once, as a terminal delivers keys typed while the app was busy."""
    for key in keys:
        character = {"enter": "\r"}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


def editor(app: TandemApp) -> EditorScreen | None:
    screen = app.screen
    return screen if isinstance(screen, EditorScreen) else None


# 1. nothing saved that the person did not mean -----------------------------------------------

MOMENTS = {
    "before the document is on screen": lambda app: True,
    "as segment 1 appears": lambda app: editor(app) is not None and editor(app).current is not None,
    "once its findings are shown": lambda app: editor(app) is not None and editor(app)._analysis is not None,
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_keys_typed_during_start_up_never_land_in_a_segments_english(demo: Path, moment: str) -> None:
    before = revisions(demo)
    first = before[0][1] if before else ""

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: MOMENTS[moment](app))
            burst(app, "ctrl+g", "6", "enter")
            await until(pilot, lambda: not app.workers._workers or True)
            await pilot.pause(0.3)
            if not isinstance(app.screen, EditorScreen):
                # Before the editor had a document, its keys went nowhere: the dialog waits, empty.
                await pilot.press("escape")
            await until(pilot, lambda: editor(app) is not None and editor(app).current is not None)
            screen = editor(app) or app.screen
            if isinstance(app.screen, EditorScreen):
                # Go-to ran before the next key was handed on: the 6 went to the dialog, or nowhere.
                assert screen.current.index in (1, 6)
                assert not screen.unsaved, screen.unsaved
                assert screen.query_one(EnglishEditor).text == screen.current.target
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not isinstance(app.screen, EditorScreen) or not app.screen.writing)

    run(scenario)
    after = revisions(demo)
    assert after == before
    assert not first.endswith("6")


def test_a_burst_after_go_to_reaches_the_dialog_not_the_english(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            text = screen.query_one(EnglishEditor).text
            burst(app, "ctrl+g", "1", "2", "enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and screen.current.index in (1, 12))
            await pilot.pause(0.2)
            assert screen.state.segments[0].target == text
            assert 1 not in screen.unsaved

    run(scenario)


def test_letters_typed_before_a_move_or_a_save_stay_with_the_segment_they_were_typed_into(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            first, second = screen.state.segments[0].target, screen.state.segments[1].target
            burst(app, "ctrl+end", "a", "b", "c", "ctrl+down", "x", "y", "ctrl+s")
            await until(pilot, lambda: screen.current.index == 2 and not screen.writing and not screen.unsaved)
            assert [s.target for s in screen.state.segments[:2]] == [first + "abc", "xy" + second]

    run(scenario)
    with Workspace.open(demo, create=False) as workspace:
        first, second = workspace.documents.segments(1)[:2]
        assert first.target.endswith("abc") and second.target.startswith("xy")


def test_approved_text_asks_once_and_refusing_leaves_the_workspace_byte_identical(demo: Path) -> None:
    doc = signed_document(demo)
    before = settled(demo)

    async def refuse() -> None:
        app = TandemApp(demo, "david", document_id=doc)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            english = screen.query_one(EnglishEditor)
            text = english.text
            assert "asks before editing" in english.border_title
            for keys in (("x",), ("ctrl+o",), ("ctrl+r",), ("backspace",)):
                await pilot.press(*keys)
                await until(pilot, lambda: isinstance(app.screen, (UnlockDialog, TermPicker)))
                if isinstance(app.screen, TermPicker):  # several terms open: the pick asks next
                    await pilot.press("enter")
                    await until(pilot, lambda: isinstance(app.screen, UnlockDialog))
                about = str(app.screen.query_one(".dialog-about").content)
                assert "approved by Robert Lauler" in about
                assert "the editor's and the translator's sign-offs" in about
                await pilot.press("n")
                await until(pilot, lambda: isinstance(app.screen, EditorScreen))
                assert english.text == text and not screen.unsaved

    run(refuse)
    assert settled(demo) == before

    async def agree() -> None:
        app = TandemApp(demo, "david", document_id=doc)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            english = screen.query_one(EnglishEditor)
            await pilot.press("ctrl+end", "x")
            await until(pilot, lambda: isinstance(app.screen, UnlockDialog))
            await pilot.press("y")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            assert english.text.endswith("x")  # the key that asked is applied once agreed
            await pilot.press("y", "z")  # asked once per segment: these go straight in
            assert english.text.endswith("xyz") and isinstance(app.screen, EditorScreen)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.writing and not screen.unsaved)
            await pilot.press("ctrl+down", "ctrl+end", "q")  # segment 2 is still approved: it asks
            await until(pilot, lambda: isinstance(app.screen, UnlockDialog))
            about = str(app.screen.query_one(".dialog-about").content)
            assert "approved by Robert Lauler" in about and "sign-off" not in about  # those went with the save
            await pilot.press("escape")

    run(agree)
    with Workspace.open(demo, create=False) as workspace:
        first = workspace.documents.segments(doc)[0]
        assert first.target.endswith("xyz") and first.state is SegmentState.DRAFT
        assert not workspace.review.valid_signoffs(doc)
        assert workspace.documents.segments(doc)[1].state is SegmentState.APPROVED


# 2. the editor shows what `tandem check` reports ---------------------------------------------

def cli_findings(path: Path, document: int = 1) -> dict[int, list[tuple]]:
    done = subprocess.run([sys.executable, str(REPO / "main.py"), "--db", str(path), "--as", "david", "check",
                           str(document), "--json"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode in (0, 1), done.stderr
    found: dict[int, list[tuple]] = {}
    for f in json.loads(done.stdout)["findings"]:
        if f.get("dismissed") is None:
            found.setdefault(f["segment"], []).append(
                (f["check"], f["severity"], f["message"], f["source_span"] and tuple(f["source_span"]),
                 f["target_span"] and tuple(f["target_span"])))
    return found


def shown_findings(screen: EditorScreen) -> list[tuple]:
    return [(v.finding.check, str(v.finding.severity), v.finding.message, v.finding.source_span,
             v.finding.target_span) for v in screen._analysis.findings if v.open]


async def walk(pilot, screen: EditorScreen, expected: dict[int, list[tuple]]) -> None:
    """Every segment opened in turn: the panel's findings are tandem check's, and so are the list's counts."""
    counts = {i: (sum(f[1] == "error" for f in fs), sum(f[1] == "warning" for f in fs)) for i, fs in expected.items()}
    for index in range(1, len(screen.state.segments) + 1):
        screen.go_to(index)
        await until(pilot, lambda: screen._analysis is not None and screen._analysis.index == index
                    and screen._analysis.text == screen.query_one(EnglishEditor).text)
        assert shown_findings(screen) == expected.get(index, []), f"segment {index}"
    await until(pilot, lambda: {i: c for i, c in screen.state.counts.items() if c != (0, 0)} == counts)


def test_every_segments_findings_in_the_editor_equal_tandem_checks_before_and_after_an_edit(demo: Path) -> None:
    expected_before = cli_findings(demo)
    assert any(f[0] == "term.inconsistent" for f in expected_before.get(7, []))  # the case the issue saw

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            await walk(pilot, screen, expected_before)
            # Segment 3 renders 해외 노동자 as the glossary prefers: segment 7's inconsistency goes.
            screen.go_to(3)
            english = screen.query_one(EnglishEditor)
            english.replace_all(english.text.replace("workers overseas", "overseas workers"))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.writing and not screen.unsaved)
            expected_after = cli_findings(demo)
            assert not any(f[0] == "term.inconsistent" for f in expected_after.get(7, []))
            await walk(pilot, screen, expected_after)

    run(scenario)


def test_an_ntrex_articles_findings_in_the_editor_equal_tandem_checks(demo: Path, ntrex_documents: list[int]) -> None:
    """News the checks were never tuned on (NTREX-128, ../shared/corpora), one sentence a segment."""
    document = ntrex_documents[0]
    expected = cli_findings(demo, document)

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=document)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            await walk(pilot, editor(app), expected)

    run(scenario)


# 3 and 5. ctrl+r and queries through the screen -------------------------------------------------

def test_ctrl_r_replaces_the_korean_left_in_the_english_and_leaves_nothing_selected(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            screen.go_to(6)
            english = screen.query_one(EnglishEditor)
            await until(pilot, lambda: screen._analysis is not None and screen._analysis.index == 6)
            assert "외화벌이" in english.text
            english.move_to_offset(english.text.index("외화벌이"))
            await pilot.press("ctrl+r")
            await until(pilot, lambda: isinstance(app.screen, TermPicker))
            await pilot.press("enter")  # the term under the cursor comes first
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            assert "외화벌이" not in english.text and "foreign currency-earning" in english.text
            assert english.selected_text == ""
            assert english.text.count("foreign currency-earning") == 1

    run(scenario)


def test_a_translator_answers_a_query_in_the_editor(demo: Path) -> None:
    with Workspace.open(demo, create=False) as workspace:
        asked = workspace.comments.add(1, 1, "Is 여비 the fare or all travel costs?", kind="query", by="robert")

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            panel = screen.query_one(CommentsPanel)
            assert panel.border_title.endswith("1 open")
            panel.focus()
            panel.highlighted = 0
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, QueryDialog))
            await pilot.press(*"The fare only.", "enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and not screen.writing)
            await until(pilot, lambda: "The fare only." in str(panel.get_option_at_index(0).prompt))

    run(scenario)
    with Workspace.open(demo, create=False) as workspace:
        replies = [c for c in workspace.comments.all(1, 1) if c.parent_id == asked.id]
        assert [(c.author, c.text) for c in replies] == [("david", "The fare only.")]


def test_sign_off_is_reachable_from_the_editor_and_saves_what_was_typed_first(demo: Path) -> None:
    from tui.widgets.review_signoff_dialog import SignOffDialog

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            assert "sign_off" in {b.binding.action for b in screen.active_bindings.values()}
            await pilot.press("ctrl+end", *" (signed)", "f10")
            await until(pilot, lambda: isinstance(app.screen, SignOffDialog))
            assert not screen.unsaved  # the typing went to the workspace before the dialog opened
            await pilot.press("escape")

    run(scenario)
    with Workspace.open(demo, create=False) as workspace:
        assert workspace.documents.segments(1)[0].target.endswith(" (signed)")


def test_a_terminologist_is_not_offered_a_sign_off(demo: Path) -> None:
    async def scenario() -> None:
        app = TandemApp(demo, "minji", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app).current is not None)
            assert "sign_off" not in {b.binding.action for b in editor(app).active_bindings.values()}

    run(scenario)


def test_keys_typed_while_a_dialog_mounts_reach_its_field(demo: Path) -> None:
    """The app hands a key to the focused widget; a dialog just pushed has none for a frame, and
    the key went to the dialog itself, which dropped it: ctrl+g 6 Enter then said 'segments 1 to 16'."""
    from tui.screens.editor_dialogs import GoToDialog

    async def scenario() -> None:
        app = TandemApp(demo, "david", document_id=1)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: editor(app) is not None and editor(app)._analysis is not None)
            screen = editor(app)
            app.push_screen(GoToDialog(len(screen.state.segments)), screen.lookups._chosen)
            burst(app, "1", "4", "enter")  # before the dialog has mounted and focused its field
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and screen.current.index == 14)

    run(scenario)
