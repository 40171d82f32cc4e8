"""The editor's story (issue 13, "Tests"), told twice and then checked for parity.

1. Through the CLI's real entry point (main.main) on the demo workspace: robert checks (the
   translator's dismissals show who and why), edits segment 16 and approves it in one step, asks a
   query on segment 11; david answers it, fixes the segment and closes the query; robert approves
   the rest and is asked before signing over the translator's sign-off that david's fix voided
   (exit 2, the warning line); declined, nothing is signed. David signs again and robert signs
   with no question left, both credited.
2. The same story through Pilot: robert on the review screen, david in the editor, every write
   checked through a fresh Workspace; the sign-off dialog asks over the void sign-off and Cancel
   leaves the document unsigned.
3. Parity: on workspaces drawn by hypothesis (segment states, a query's thread, the translator's
   sign-off valid, void or missing, an error finding open or dismissed, a conflict, then the
   existing property test's random actions), the sign-off dialog's readiness and `tandem signoff`
   without --confirm refuse, ask or sign for exactly the same reasons.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from textual.widgets import Button, Input, Static, TextArea

import main
from conftest import SAMPLE, blocks
from glossaries.model import Term
from test_review import ACTIONS
from test_review_screen import fresh, in_review, review_of
from tui.app import TandemApp
from tui.screens.editor import EditorScreen
from tui.widgets.comments_panel import CommentsPanel
from tui.widgets.query_dialog import QueryDialog
from tui.widgets.review_comment_dialog import CommentDialog
from tui.widgets.review_edit_dialog import EditDialog
from tui.widgets.review_signoff_dialog import SignOffDialog, open_text, readiness
from tui.widgets.segment_texts import EnglishEditor
from tui_helpers import no_idle_saves, run, until
from workflow.checks.model import Severity
from workflow.comments import CLOSED
from workflow.demo import prepare_demo
from workflow.errors import TandemError
from workflow.models import Role, SegmentState
from workflow.review import CONFLICTED, NO_TRANSLATOR, OPEN_QUERIES, TRANSLATOR_VOID
from workflow.workspace import Workspace

FINAL = blocks(SAMPLE / "en-edited.md")
CREDIT = "Translated by David Black. Edited by Robert Lauler."
QUESTION = "The Korean says 20일: 30 days or 20?"


@dataclass
class Said:
    code: int
    out: str
    err: str


def tandem(db: Path, user: str, *args: str) -> Said:
    """`tandem --db DB --as USER ARGS` through main.main in this process, as a script runs it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main(["--db", str(db), "--as", user, "--lang", "en", *args])
        except SystemExit as exc:  # argparse's own exits
            code = int(exc.code or 0)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    return Said(code, out.getvalue(), err.getvalue())


def warning_lines(err: str) -> list[str]:
    return [line.removeprefix("tandem: warning: ") for line in err.splitlines() if line.startswith("tandem: warning: ")]


# 1. through the CLI ------------------------------------------------------------------------------

def test_the_editors_story_through_the_cli(tmp_path: Path) -> None:
    db = prepare_demo(tmp_path / "demo.tandem").path

    # The translator's part, as a script: dismiss the draft's errors with a reason, mark, sign.
    report = json.loads(tandem(db, "david", "check", "1", "--json").out)
    errors = sorted({(f["segment"], f["check"]) for f in report["findings"] if f["severity"] == "error"})
    assert errors
    for segment, check in errors:
        said = tandem(db, "david", "dismiss", "1", str(segment), check, "--reason", "the editor will settle it")
        assert said.code == 0, said.err
    assert tandem(db, "david", "translated", "1").code == 0
    assert tandem(db, "david", "signoff", "1", "--role", "translator").code == 0

    # Robert reviews with the findings: tandem check says who dismissed each error and why.
    checked = tandem(db, "robert", "check", "1", "--json")
    assert checked.code == 0, checked.err  # no open error left
    shown = [f for f in json.loads(checked.out)["findings"] if f["severity"] == "error"]
    assert {(f["segment"], f["check"]) for f in shown} == set(errors)
    assert all(f["dismissed"]["by"] == "david" and f["dismissed"]["reason"] == "the editor will settle it"
               for f in shown)
    with fresh(db) as ws:
        assert len(json.loads(checked.out)["findings"]) == len(ws.findings.document(1))

    # Edit and approve: segment 16 stays approved, at robert's revision.
    with fresh(db) as ws:
        translators_text = ws.documents.segments(1)[15].target
    edited = tandem(db, "robert", "edit", "1", "16", FINAL[15], "--approve")
    assert edited.code == 0, edited.err
    assert "(approved)" in edited.out and "back to draft" not in edited.err
    with fresh(db) as ws:
        sixteen = ws.documents.segments(1)[15]
        assert sixteen.state is SegmentState.APPROVED and sixteen.target == FINAL[15]
        last = ws.documents.history(1, segment=16)[-1]
        assert (last.id, last.author, last.role) == (sixteen.revision_id, "robert", Role.EDITOR)
        assert (16, sixteen.revision_id, "robert") in {(r.index, r.revision_id, r.user)
                                                       for r in ws._store.signoffs.approvers(1)}
        assert ws.review.report(1)[15].signed_text == translators_text  # the translator's text is the base
        assert ws.review.state(1).value == "in_review"

    # A query on segment 11; david answers it in its thread, fixes the number and closes it.
    asked = tandem(db, "robert", "comment", "add", "1", "11", QUESTION)
    assert asked.code == 0 and "(query)" in asked.out, asked.err
    [thread] = json.loads(tandem(db, "david", "comments", "1", "--open", "--json").out)
    assert thread["segment"] == 11 and thread["comments"][0]["author"] == "robert"
    replied = tandem(db, "david", "reply", str(thread["id"]), "20; fixed.")
    assert replied.code == 0, replied.err
    fixed = tandem(db, "david", "edit", "1", "11", FINAL[10])
    assert fixed.code == 0, fixed.err
    assert "back to draft" in fixed.err  # the sign-off was void already (robert's 16); now not only by editors
    assert tandem(db, "david", "translated", "1", "11").code == 0
    closed = tandem(db, "david", "resolve-comment", str(thread["id"]))
    assert closed.code == 0, closed.err
    listed = tandem(db, "robert", "comments", "1", "11")
    assert "20; fixed." in listed.out and "closed by david" in listed.out
    assert json.loads(tandem(db, "robert", "comments", "1", "--open", "--json").out) == []
    assert json.loads(tandem(db, "robert", "report", "1", "--json").out)["open_queries"] == []

    # Robert approves the rest, then signs off: asked over the void translator sign-off, refused.
    for index in range(1, 16):
        said = tandem(db, "robert", "approve", "1", str(index))
        assert said.code == 0, said.err
    asked_over = tandem(db, "robert", "signoff", "1", "--role", "editor")
    assert asked_over.code == 2
    [warning] = warning_lines(asked_over.err)
    assert warning.startswith("the translator's sign-off is void: segments 11 changed after it, not by an editor")
    assert "repeat with --confirm" in asked_over.err and asked_over.out == ""
    with fresh(db) as ws:
        assert Role.EDITOR not in ws.review.valid_signoffs(1)
        assert not [s for s in ws.review.signoffs(1) if s.role is Role.EDITOR]
    assert tandem(db, "robert", "export", "1", "--format", "md", "--require-signoff").code == 2

    # David signs what he fixed; robert's sign-off is then asked nothing, and both are credited.
    assert tandem(db, "david", "signoff", "1", "--role", "translator").code == 0
    signed = tandem(db, "robert", "signoff", "1", "--role", "editor")
    assert signed.code == 0, signed.err
    assert warning_lines(signed.err) == [] and "signed off as editor by Robert Lauler" in signed.out
    exported = tandem(db, "robert", "export", "1", "--format", "md", "--require-signoff")
    assert exported.code == 0, exported.err
    assert exported.out.rstrip().endswith(CREDIT)


# 2. through Pilot --------------------------------------------------------------------------------

def test_the_editors_story_through_the_review_screen_and_the_editor(tmp_path: Path, monkeypatch) -> None:
    no_idle_saves(monkeypatch)
    path = in_review(tmp_path)  # david dismissed the draft's errors, marked everything and signed
    with fresh(path) as ws:
        counts = ws.findings.counts(1)
        dismissed = [v for v in ws.findings.document(1) if not v.open and v.finding.segment == 11]
        assert dismissed and ws.documents.segments(1)[10].state is SegmentState.TRANSLATED

    async def robert_reviews() -> None:
        async with review_of(path) as (app, pilot, screen):
            # Findings: tandem check's counts, and david's dismissal with his reason.
            screen.go_to(11)
            await pilot.pause()
            assert screen.data.finding_counts(11) == counts[11]
            findings = str(screen.query_one("#review-findings", Static).render())
            assert "dismissed by david" in findings and "the editor will settle it" in findings
            # Edit and approve segment 16 (ctrl+o in the edit dialog).
            screen.go_to(16)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, EditDialog))
            app.screen.query_one(TextArea).text = FINAL[15]
            await pilot.press("ctrl+o")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            with fresh(path) as ws:
                sixteen = ws.documents.segments(1)[15]
                assert sixteen.state is SegmentState.APPROVED and sixteen.target == FINAL[15]
                assert ws.documents.history(1, segment=16)[-1].author == "robert"
                assert (16, sixteen.revision_id) in {(r.index, r.revision_id) for r in ws._store.signoffs.approvers(1)}
            # A query on segment 11 (c: the dialog's default kind is a query).
            screen.go_to(11)
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, CommentDialog))
            app.screen.query_one("#comment-text", Input).value = QUESTION
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            with fresh(path) as ws:
                [query] = ws.comments.open_queries(1)
                assert (query.segment, query.author, query.text) == (11, "robert", QUESTION)
            # Approve everything else, segment by segment.
            for index in range(1, 16):
                if index == 11:
                    continue
                screen.go_to(index)
                await pilot.press("a")
                await until(pilot, lambda: not screen.writing)
        with fresh(path) as ws:
            states = [s.state for s in ws.documents.segments(1)]
            assert states[10] is SegmentState.TRANSLATED
            assert all(s is SegmentState.APPROVED for i, s in enumerate(states) if i != 10)

    run(robert_reviews)

    async def david_answers() -> None:
        app = TandemApp(path, "david", document_id=1)
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.current is not None)
            screen = app.screen
            screen.go_to(11)
            panel = screen.query_one(CommentsPanel)
            await until(pilot, lambda: screen.current.index == 11 and screen._analysis is not None
                        and bool(panel.threads))
            assert panel.border_title.endswith("1 open")
            panel.focus()
            panel.highlighted = 0
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, QueryDialog))
            app.screen.query_one("#query-reply", Input).value = "20; fixed."
            await pilot.press("ctrl+r")  # reply and close: answered
            await until(pilot, lambda: app.screen is screen and not screen.writing)
            # The fix: 30 -> 20 in the English. Segment 11 is translated, not approved, and the
            # sign-off is void already (robert's 16): nothing to void, so nothing asks.
            english = screen.query_one(EnglishEditor)
            english.focus()
            english.move_to_offset(english.text.index("30 days"))
            await pilot.press("delete", "delete", "2", "0")
            assert app.screen is screen
            assert "last 20 days" in english.text
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.writing and not screen.unsaved)
            await pilot.press("f8")
            await until(pilot, lambda: not screen.writing and fresh_state(path, 11) is SegmentState.TRANSLATED)

    run(david_answers)
    with fresh(path) as ws:
        [thread] = ws.comments.threads(1, 11)
        assert thread.state == CLOSED and thread.root.resolved_by == "david"
        assert [(c.author, c.text) for c in thread.replies] == [("david", "20; fixed.")]
        assert ws.comments.open_queries(1) == []
        assert "last 20 days" in ws.documents.segments(1)[10].target
        assert Role.TRANSLATOR not in ws.review.valid_signoffs(1)

    async def robert_signs_off() -> None:
        async with review_of(path) as (app, pilot, screen):
            screen.go_to(11)
            await pilot.press("a")
            await until(pilot, lambda: not screen.writing)
            assert fresh_state(path, 11) is SegmentState.APPROVED
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SignOffDialog) and app.screen.readiness is not None)
            dialog = app.screen
            listed = str(dialog.query_one("#signoff-open", Static).content)
            assert "no open queries" in listed and "every segment approved" in listed
            assert "void: the translator's sign-off by David Black" in listed
            assert "segments 11 changed after it, not by an editor" in listed
            assert not dialog.query_one("#signoff-sign", Button).disabled
            await pilot.click("#signoff-sign")
            await pilot.pause()
            assert app.screen is dialog  # asked, not signed
            asking = str(dialog.query_one("#signoff-reason", Static).content)
            assert "Sign off over this?" in asking and "the translator's sign-off is void" in asking
            await pilot.click("#signoff-cancel")  # declined
            await until(pilot, lambda: app.screen is screen)
        with fresh(path) as ws:
            assert not [s for s in ws.review.signoffs(1) if s.role is Role.EDITOR]
            assert ws.review.credit_line(1)[0] is None

    run(robert_signs_off)


def fresh_state(path: Path, index: int) -> SegmentState:
    with fresh(path) as ws:
        return ws.documents.segments(1)[index - 1].state


# 3. the dialog and `tandem signoff` refuse for the same reasons -----------------------------------

KOREAN = ("북한 노동자들이 귀국했다.", "그들은 조국을 위해 일한다.", "소식통이 전했다.", "지시가 내려왔다.")
ENGLISH = ("North Korean workers went home.", "They work for the motherland.", "A source said so.",
           "The order came down.")
FORBIDDEN = Term("조국", "fatherland", en_forbidden=("motherland",))  # makes segment 2 an error


@dataclass(frozen=True)
class Desk:
    """A workspace to sign off, as the rules see it (applied in this order by build())."""

    translator_signoff: str  # missing, valid, void-by-translator, void-by-editor (segment 1 edited)
    states: tuple[str, ...]  # each segment: draft, translated, approved (as far as the sign-off allows)
    query: str  # none, open, answered (a reply, still open), closed
    error: str  # none, open, dismissed: a glossary term that segment 2's English breaks
    conflict: bool  # segment 4 in conflict
    noise: tuple  # then the existing property test's random actions (test_review.ACTIONS)
    role: str  # who asks: editor (robert) or translator (david)


DESKS = st.builds(
    Desk,
    st.sampled_from(["missing", "valid", "void-by-translator", "void-by-editor"]),
    # Every segment done half the time, so that asking and signing are reached, not only refusals.
    st.one_of(st.just(("approved",) * 4), st.just(("translated",) * 4),
              st.tuples(*[st.sampled_from(["draft", "translated", "approved"])] * 4)),
    st.sampled_from(["none", "open", "answered", "closed"]),
    st.sampled_from(["none", "none", "open", "dismissed"]),
    st.sampled_from([False, False, False, True]),
    st.one_of(st.just(()), st.just(()), ACTIONS.map(lambda actions: tuple(actions[:4]))),
    st.sampled_from(["editor", "translator"]),
)


def build(folder: Path, desk: Desk) -> Path:
    (folder / "ko.md").write_text("\n\n".join(KOREAN) + "\n", encoding="utf-8")
    (folder / "en.md").write_text("\n\n".join(ENGLISH) + "\n", encoding="utf-8")
    path = folder / "w.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], display_name="David Black", by="admin")
        ws.users.add("robert", ["editor"], display_name="Robert Lauler", by="admin")
        ws.users.add("sam", ["translator", "editor"], by="admin")
        ws.users.add("minji", ["terminologist"], by="admin")
        doc = ws.files.import_document(folder / "ko.md", folder / "en.md", title="Parity", by="david").document.id
        if desk.translator_signoff != "missing":
            for index in range(1, 5):
                ws.editing.mark_translated(doc, index, by="david")
            ws.review.sign_off(doc, "translator", by="david")
            if desk.translator_signoff != "valid":
                by = "david" if desk.translator_signoff == "void-by-translator" else "robert"
                ws.editing.save(doc, 1, ENGLISH[0] + " Again.", by=by)
        for index, wanted in enumerate(desk.states, start=1):
            state = ws.documents.segments(doc)[index - 1].state
            if wanted != "draft" and state is SegmentState.DRAFT:
                ws.editing.mark_translated(doc, index, by="david")
            if wanted == "approved":
                ws.review.approve(doc, index, by="robert")
        if desk.query != "none":
            query = ws.comments.add(doc, 3, "Which source?", kind="query", by="robert")
            if desk.query in ("answered", "closed"):
                ws.comments.reply(query.id, "Daily NK's.", by="david")
            if desk.query == "closed":
                ws.comments.resolve(query.id, by="david")
        if desk.error != "none":
            ws.glossary.add(FORBIDDEN, by="minji")
            if desk.error == "dismissed":
                [view] = [v for v in ws.findings.document(doc) if v.finding.severity is Severity.ERROR]
                ws.editing.dismiss(doc, 2, view.finding, reason="house style", by="david")
        if desk.conflict:
            base = ws.documents.segments(doc)[3].revision_id
            ws.editing.save(doc, 4, "The decree came down.", by="robert")
            assert ws.editing.save(doc, 4, "The command came down.", by="david", based_on=base).segment.conflict
        for action, user, index, text in desk.noise:
            try:
                if action == "edit":
                    ws.editing.save(doc, index, text, by=user)
                elif action == "translate":
                    ws.editing.mark_translated(doc, index, by=user)
                elif action == "approve":
                    ws.review.approve(doc, index, by=user)
                elif action == "reject":
                    ws.review.reject(doc, index, comment="no", by=user)
                else:
                    ws.review.sign_off(doc, "translator" if action == "signoff-t" else "editor", by=user)
            except TandemError:
                pass
    return path


def segments_in(words: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", words))


def cli_reasons(err: str) -> dict[str, tuple[int, ...]]:
    """The blockers `tandem signoff` names, by kind, with their segments."""
    [line] = [line for line in err.splitlines() if line.startswith("tandem: error: sign-off: ")]
    found = {}
    for kind, pattern in (("unfinished", r"segments ([\d, ]+) are not (?:translated|approved) yet"),
                          ("conflicted", r"segments ([\d, ]+) are in conflict"),
                          ("errors", r"error findings remain in segments ([\d, ]+);")):
        if match := re.search(pattern, line):
            found[kind] = segments_in(match.group(1))
    return found


def dialog_reasons(shown) -> dict[str, tuple[int, ...]]:
    """The blockers the dialog shows, by kind: its unfinished segments, conflicts, and the open error
    findings it lists (read from check_document itself, not from readiness)."""
    found = {"unfinished": shown.unfinished, "conflicted": shown.rules.blocked.get(CONFLICTED, ()),
             "errors": tuple(sorted({segment for segment, _message in shown.errors}))}
    return {kind: segments for kind, segments in found.items() if segments}


@example(Desk("void-by-translator", ("approved",) * 4, "open", "none", False, (), "editor"))  # asks over both
@example(Desk("void-by-editor", ("approved",) * 4, "closed", "dismissed", False, (), "editor"))  # signs, a note
@example(Desk("missing", ("translated",) * 4, "answered", "none", False, (), "translator"))  # asks
@example(Desk("valid", ("approved",) * 4, "none", "open", True, (), "editor"))  # refused: errors, conflict
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(desk=DESKS)
def test_the_sign_off_dialog_and_tandem_signoff_refuse_and_ask_for_the_same_reasons(desk: Desk) -> None:
    signer = "robert" if desk.role == "editor" else "david"
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), desk)
        with fresh(path) as ws:
            shown = readiness(ws, 1, desk.role, signer)  # what the dialog shows and decides on
            listed = str(open_text(shown))
            signed_before = len(ws.review.signoffs(1))
        said = tandem(path, signer, "signoff", "1", "--role", desk.role)  # no --confirm

        event("refused" if shown.blockers else "asked" if shown.rules.warnings else "signed")
        if shown.blockers:  # the dialog's button is disabled; the CLI refuses, naming the same segments
            assert said.code == 2 and warning_lines(said.err) == []
            assert cli_reasons(said.err) == dialog_reasons(shown)
            for short in shown.blockers:  # the dialog's short forms count the same segments
                count = int(re.findall(r"\d+", short)[0])
                assert count in {len(s) for s in cli_reasons(said.err).values()}
            if shown.unfinished:
                assert ", ".join(map(str, shown.unfinished[:8])) in listed
        elif shown.rules.warnings:  # the dialog asks first; the CLI asks for --confirm, over the same
            assert said.code == 2 and "repeat with --confirm" in said.err
            assert warning_lines(said.err) == list(shown.rules.warnings.values())
            if OPEN_QUERIES in shown.rules.warnings:
                assert f"{len(shown.queries)} open quer" in listed
                assert segments_in(shown.rules.warnings[OPEN_QUERIES])[0] == len(shown.queries)
            for key, warning in shown.rules.warnings.items():
                if key != OPEN_QUERIES:
                    assert warning in listed
        else:  # the dialog signs at the first press; so does the CLI
            assert said.code == 0, said.err
            assert warning_lines(said.err) == []

        with fresh(path) as ws:
            after = ws.review.signoffs(1)
            assert len(after) == signed_before + (said.code == 0)
            if said.code == 0:
                assert after[-1].user == signer and after[-1].valid
                assert [f"tandem: note: {n}" for n in shown.rules.notes] == \
                    [line for line in said.err.splitlines() if line.startswith("tandem: note: ")]

    # What the rules say, for the workspaces whose state is known from the recipe alone.
    if desk.noise:
        return
    rules = shown.rules
    assert (OPEN_QUERIES in rules.warnings) == (desk.query in ("open", "answered"))
    assert ("errors" in rules.blocked) == (desk.error == "open")
    assert (CONFLICTED in rules.blocked) == desk.conflict
    if desk.role == "editor":
        assert (NO_TRANSLATOR in rules.warnings) == (desk.translator_signoff == "missing")
        assert (TRANSLATOR_VOID in rules.warnings) == (desk.translator_signoff == "void-by-translator")
        if TRANSLATOR_VOID in rules.warnings:
            assert "segments 1 changed after it" in rules.warnings[TRANSLATOR_VOID]
    else:
        assert set(rules.warnings) <= {OPEN_QUERIES}
