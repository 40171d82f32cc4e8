"""Putting an imported pairing right (issue 19): ws.pairing and `tandem pair`, on real workspace files.

Each move is one transaction, a revision on every segment whose English changes, one audit entry;
no text is ever lost, and the moves a result names as its undo put every text back exactly. A move
clears the doubtful marks of the segments it changed; confirm clears one where the pairing is right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import raw_db

from conftest import DRAFT, KO, blocks, snapshot, translator_signed
from workflow.errors import InputError, NotFound, PermissionDenied
from workflow.models import Move, Operation, Role, SegmentState, plan
from workflow.workspace import Workspace

# ws: the sample article (16 segments, paired one to one) with the house glossary (conftest.py)


def texts(ws, doc: int) -> list[str]:
    return [s.target for s in ws.documents.segments(doc)]


def words(english: list[str]) -> str:
    """Every English of the document run together, whitespace aside: what no move may lose."""
    return "".join("".join(english).split())


def entries(ws, doc: int) -> list[dict]:
    return ws.audit.log(doc)


def mark_doubtful(db_path: Path, doc: int, *indexes: int, score: float = 0.25) -> None:
    """What an import that doubted these pairings leaves: a note (and a score) on each segment."""
    with raw_db.connect(db_path) as conn:
        conn.executemany("UPDATE segments SET align_note = ?, align_score = ? WHERE document_id = ? AND position = ?",
                         [(f"doubtful pairing {i}", score, doc, i) for i in indexes])


def doubtful(ws, doc: int) -> list[int]:
    return [s.index for s in ws.documents.segments(doc) if s.low_confidence]


MOVES = [
    pytest.param(Operation(Move.DOWN, 5), id="down from 5"),
    pytest.param(Operation(Move.DOWN, 15), id="down from 15 (the last two joined)"),
    pytest.param(Operation(Move.UP, 5), id="up from 5"),
    pytest.param(Operation(Move.UP, 16), id="up from the last"),
    pytest.param(Operation(Move.JOIN, 3), id="join 3 and 4"),
    pytest.param(Operation(Move.SPLIT, 3, at=1), id="split 3 after its first sentence"),
    pytest.param(Operation(Move.SPLIT, 13, at=2), id="split 13 after two of its three sentences"),
    pytest.param(Operation(Move.DOWN, 5, through=7), id="down from 5 through 7 (7 joins what falls off)"),
]


@pytest.mark.parametrize("operation", MOVES)
def test_a_move_loses_no_text_and_is_one_revision_per_segment_changed_and_one_audit_entry(ws, sample_doc,
                                                                                         operation):
    doc = sample_doc.id
    before, segments = texts(ws, doc), ws.documents.segments(doc)
    logged = len(entries(ws, doc))
    result = ws.pairing.apply(doc, operation, by="david")
    after = texts(ws, doc)
    assert words(after) == words(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after), start=1) if a != b]
    assert list(result.plan.changed) == changed and changed
    shown = plan(segments, operation)  # what an interface shows before asking is what is written
    assert [row.after for row in shown.rows] == after[shown.rows[0].index - 1:shown.rows[-1].index]
    for index in changed:
        history = ws.documents.history(doc, index)
        assert len(history) == 2 and history[-1].id == result.revisions[index]
        assert history[-1].parent_id == history[0].id and history[-1].role is Role.TRANSLATOR
        assert history[-1].author == "david"
        segment = ws.documents.segments(doc)[index - 1]
        assert segment.state is (SegmentState.DRAFT if segment.target.strip() else SegmentState.EMPTY)
    for index in set(range(1, 17)) - set(changed):
        assert len(ws.documents.history(doc, index)) == 1
    new = entries(ws, doc)[logged:]
    assert [e["action"] for e in new] == ["pairing.move"]
    assert new[0]["detail"]["operation"] == operation.move.value and new[0]["detail"]["segments"] == changed
    assert ws.audit.verify().ok


@pytest.mark.parametrize("operation", MOVES)
def test_the_undo_a_move_names_puts_every_text_back_exactly(ws, sample_doc, operation):
    doc = sample_doc.id
    before = texts(ws, doc)
    result = ws.pairing.apply(doc, operation, by="david")
    assert result.plan.undo, "every joint here is a sentence boundary: an undo exists"
    for undo in result.plan.undo:
        ws.pairing.apply(doc, undo, by="david")
    assert texts(ws, doc) == before
    # History is append-only: the undo is new revisions too, and the file still verifies.
    assert all(len(ws.documents.history(doc, index)) >= 3 for index in result.plan.changed)
    assert ws.audit.verify().ok


def test_down_and_up_are_each_others_undo_and_join_and_split_at_the_joint(ws, sample_doc):
    doc = sample_doc.id
    ws.editing.save(doc, 16, "", by="david")  # room at the end: nothing falls off
    assert ws.pairing.move_down(doc, 5, by="david").plan.undo == (Operation(Move.UP, 5, through=16),)
    # Segment 4 keeps its English, segment 5 (emptied) gives nothing to it: the rest move back up.
    assert ws.pairing.move_up(doc, 5, by="david").plan.undo == (Operation(Move.DOWN, 5, through=16),)
    joined = ws.pairing.join(doc, 3, by="david")  # segment 3 has two sentences, then 4's
    assert joined.plan.undo == (Operation(Move.SPLIT, 3, at=2, through=16),)
    # The join emptied 16, and 15 took 16's (empty) English: the split fills 15 and stops there.
    assert ws.pairing.split(doc, 3, 2, by="david").plan.undo == (Operation(Move.JOIN, 3, through=15),)
    assert ws.pairing.move_down(doc, 1, by="david").plan.undo == (Operation(Move.UP, 2, through=16),)


def test_the_four_moves_do_what_the_issue_says(ws, sample_doc):
    # From 13 on, nothing below is empty: the moves run to the last segment.
    doc = sample_doc.id
    e = texts(ws, doc)
    ws.pairing.move_down(doc, 13, by="david")
    assert texts(ws, doc)[12:] == ["", e[12], e[13], e[14] + " " + e[15]]  # what falls off joins the last
    ws.pairing.move_up(doc, 14, by="david")  # 13 was emptied: it takes 14's English, the rest move up
    assert texts(ws, doc)[12:] == [e[12], e[13], e[14] + " " + e[15], ""]
    ws.pairing.join(doc, 1, by="david")
    assert texts(ws, doc)[:2] == [e[0] + " " + e[1], e[2]] and texts(ws, doc)[-3:] == [e[14] + " " + e[15], "", ""]
    sentences = ["North Korea recently ordered workers deployed to Russia to return home if their ability to work "
                 "is impaired due to health problems, Daily NK has learned.", e[2].split("learned. ", 1)[1]]
    ws.pairing.split(doc, 2, 1, by="david")
    assert texts(ws, doc)[1:4] == sentences + [e[3]]


def test_a_push_fills_the_first_empty_segment_below_and_stops_there(ws, sample_doc):
    doc = sample_doc.id
    ws.editing.save(doc, 8, "", by="david")
    e = texts(ws, doc)
    result = ws.pairing.move_down(doc, 5, by="david")
    assert result.plan.operation.through == 8 and result.plan.changed == (5, 6, 7, 8)
    assert texts(ws, doc) == e[:4] + ["", e[4], e[5], e[6]] + e[8:]


def test_a_pull_runs_to_the_last_segment_unless_told_where_to_stop(ws, sample_doc):
    doc = sample_doc.id
    ws.editing.save(doc, 8, "", by="david")
    e = texts(ws, doc)
    assert ws.pairing.preview(doc, Operation(Move.UP, 9)).operation.through == 16
    result = ws.pairing.move_up(doc, 9, by="david", through=9)  # into the empty segment above, and no further
    assert result.plan.changed == (8, 9)
    assert texts(ws, doc) == e[:7] + [e[8], ""] + e[9:]


@pytest.mark.parametrize("operation, says", [
    (Operation(Move.DOWN, 17), "segment 17: out of range: the document has segments 1 to 16"),
    (Operation(Move.DOWN, 0), "segment 0: out of range"),
    (Operation(Move.UP, 1), "segment 1: is the first segment"),
    (Operation(Move.DOWN, 16), "segment 16: is the last segment"),
    (Operation(Move.JOIN, 16), "segment 16: is the last segment"),
    (Operation(Move.SPLIT, 3, at=0), "segment 3: 0 is not a sentence boundary of its English: it has two "
                                     "sentences, so give 1"),
    (Operation(Move.SPLIT, 5, at=7), "segment 5: 7 is not a sentence boundary of its English"),
    (Operation(Move.SPLIT, 1, at=1), "segment 1: its English is one sentence (or none); there is nothing to split"),
    (Operation(Move.DOWN, 5, through=5), "through segment 5: the stretch must end between segment 6 and 16"),
    (Operation(Move.DOWN, 5, through=40), "through segment 40: the stretch must end between"),
])
def test_impossible_moves_are_refused_in_words_and_change_nothing(ws, sample_doc, operation, says):
    doc = sample_doc.id
    before, logged = texts(ws, doc), len(entries(ws, doc))
    with pytest.raises(InputError) as refused:
        ws.pairing.apply(doc, operation, by="david")
    assert str(refused.value).startswith(says)
    assert texts(ws, doc) == before and len(entries(ws, doc)) == logged


def test_nothing_to_move_is_refused(ws, sample_doc):
    doc = sample_doc.id
    ws.editing.save(doc, 15, "", by="david")
    ws.editing.save(doc, 16, "", by="david")
    with pytest.raises(InputError, match="segment 15: nothing to move"):
        ws.pairing.move_down(doc, 15, by="david")
    with pytest.raises(NotFound):
        ws.pairing.move_down(99, 1, by="david")


@pytest.mark.parametrize("who", ["minji", "stranger"])
def test_only_people_who_may_edit_move_english(ws, sample_doc, who):
    doc = sample_doc.id
    before, logged = texts(ws, doc), len(entries(ws, doc))
    with pytest.raises(PermissionDenied):
        ws.pairing.move_down(doc, 5, by=who)
    assert texts(ws, doc) == before and len(entries(ws, doc)) == logged


def test_an_editor_moves_english_in_the_editor_role(ws, sample_doc):
    result = ws.pairing.join(sample_doc.id, 3, by="robert")
    assert {ws.documents.history(sample_doc.id, i)[-1].role for i in result.plan.changed} == {Role.EDITOR}


def test_a_segment_in_conflict_is_refused_until_resolved(ws, sample_doc):
    doc = sample_doc.id
    base = ws.documents.segments(doc)[6].revision_id
    ws.editing.save(doc, 7, "One text of seven.", by="robert", based_on=base)
    assert ws.editing.save(doc, 7, "Another text of seven.", by="david", based_on=base).conflict
    before = texts(ws, doc)
    with pytest.raises(InputError, match="segment 7: is in conflict"):
        ws.pairing.move_down(doc, 5, by="david")
    assert texts(ws, doc) == before
    ws.pairing.move_down(doc, 9, by="david")  # a stretch that does not touch it goes ahead
    ws.editing.resolve_conflict(doc, 7, "One text of seven.", by="david")
    ws.pairing.move_down(doc, 5, by="david")


def test_a_move_is_refused_when_the_english_shown_has_changed_since(ws, sample_doc):
    doc = sample_doc.id
    seen = {row.index: row.before for row in ws.pairing.preview(doc, Operation(Move.DOWN, 5)).rows}
    ws.editing.save(doc, 9, "Someone else's new text.", by="robert")
    with pytest.raises(InputError, match="segment 9: its English changed since you looked"):
        ws.pairing.move_down(doc, 5, by="david", expect=seen)


def test_approvals_and_sign_offs_are_voided_as_a_save_voids_them(workspace):
    doc = translator_signed(workspace, "Signed")
    workspace.review.approve(doc, 6, by="robert")
    assert workspace.review.valid_signoffs(doc)
    result = workspace.pairing.move_down(doc, 5, by="david", through=7)
    assert result.voided == {5: SegmentState.TRANSLATED, 6: SegmentState.APPROVED, 7: SegmentState.TRANSLATED}
    assert result.voided_signoffs == (Role.TRANSLATOR,) and not workspace.review.valid_signoffs(doc)
    states = {s.index: s.state for s in workspace.documents.segments(doc)}
    assert states[5] is SegmentState.EMPTY and states[6] is states[7] is SegmentState.DRAFT
    assert states[8] is SegmentState.TRANSLATED  # outside the stretch: untouched
    detail = workspace.audit.log(doc)[-1]["detail"]
    assert detail["voided"] == {"5": "translated", "6": "approved", "7": "translated"}
    assert [v["role"] for v in detail["voided_signoffs"]] == ["translator"]


def test_other_screens_see_every_segment_a_move_changed(ws, sample_doc):
    doc = sample_doc.id
    head, _ = ws.documents.changes(doc)
    result = ws.pairing.move_down(doc, 12, by="david")
    assert [s.index for s in ws.documents.changes(doc, head)[1]] == list(result.plan.changed)


# doubtful marks: a move clears those of the segments it changed; confirm clears one ------------------

def test_a_move_clears_the_doubtful_marks_of_the_segments_it_changed_and_no_others(ws, sample_doc, db_path):
    doc = sample_doc.id
    mark_doubtful(db_path, doc, 3, 6, 7, 10)
    result = ws.pairing.move_down(doc, 5, by="david", through=7)
    assert result.plan.changed == (5, 6, 7)
    assert doubtful(ws, doc) == [3, 10]
    assert all(s.align_note is None for s in result.segments)
    # The scores stay: the aligner's record of how sure it was.
    assert {s.index: s.align_score for s in ws.documents.segments(doc) if s.index in (3, 6, 7, 10)} == {
        3: 0.25, 6: 0.25, 7: 0.25, 10: 0.25}
    entry = entries(ws, doc)[-1]
    assert entry["action"] == "pairing.move" and entry["detail"]["cleared"] == [6, 7]
    # The undo is a move the person chose too: it puts the texts back, not the marks.
    for undo in result.plan.undo:
        ws.pairing.apply(doc, undo, by="david")
    assert doubtful(ws, doc) == [3, 10]
    assert "cleared" not in entries(ws, doc)[-1]["detail"]  # nothing marked was left in its stretch
    assert ws.audit.verify().ok


def test_confirming_a_pairing_clears_its_mark_and_nothing_else(ws, sample_doc, db_path):
    doc = sample_doc.id
    mark_doubtful(db_path, doc, 6, 7)
    before, logged = texts(ws, doc), len(entries(ws, doc))
    head, _ = ws.documents.changes(doc)
    segment = ws.pairing.confirm(doc, 6, by="david")
    assert segment.index == 6 and segment.align_note is None and segment.align_score == 0.25
    assert doubtful(ws, doc) == [7]
    assert texts(ws, doc) == before and len(ws.documents.history(doc, 6)) == 1  # no revision: the text stays
    new = entries(ws, doc)[logged:]
    assert [e["action"] for e in new] == ["pairing.confirm"]
    assert new[0]["detail"] == {"segment": 6, "note": "doubtful pairing 6"} and new[0]["user"] == "david"
    # Other screens re-read the segments the audit log names: this one is among them.
    assert [s.index for s in ws.documents.changes(doc, head)[1]] == [6]
    assert ws.audit.verify().ok
    ws.pairing.confirm(doc, 7, by="robert")  # an editor may too
    assert doubtful(ws, doc) == []


def test_confirming_is_refused_without_a_mark_or_the_edit_role_and_writes_nothing(ws, sample_doc, db_path):
    doc = sample_doc.id
    mark_doubtful(db_path, doc, 6)
    logged = len(entries(ws, doc))
    with pytest.raises(InputError, match="segment 5: its pairing is not marked doubtful; there is nothing to confirm"):
        ws.pairing.confirm(doc, 5, by="david")
    with pytest.raises(NotFound, match="document 1 has no segment 17"):
        ws.pairing.confirm(doc, 17, by="david")
    for who in ("minji", "stranger"):
        with pytest.raises(PermissionDenied):
            ws.pairing.confirm(doc, 6, by=who)
    assert doubtful(ws, doc) == [6] and len(entries(ws, doc)) == logged
    ws.pairing.confirm(doc, 6, by="david")
    with pytest.raises(InputError, match="segment 6: its pairing is not marked doubtful"):
        ws.pairing.confirm(doc, 6, by="david")  # once is enough


# a dropped paragraph, repaired end to end ----------------------------------------------------------

def _draft(tmp_path: Path, english: list[str]) -> Path:
    path = tmp_path / "en-draft-changed.md"
    path.write_text("\n\n".join(english) + "\n", encoding="utf-8")
    return path


def _demo_blocks() -> list[str]:
    return [b for b in DRAFT.read_text(encoding="utf-8").split("\n\n") if b.strip()]


@pytest.mark.parametrize("dropped", [4, 6, 9])
def test_a_draft_that_dropped_a_paragraph_paired_one_off_is_put_right_with_one_move(workspace, tmp_path, dropped):
    """The draft dropped a paragraph and split a later one in two, so its blocks are as many as the
    Korean's and pair one to one: one segment off from the dropped paragraph to the split one. A move
    down from the dropped paragraph's segment through the split makes every pair the demo draft's."""
    from workflow.models.pairing import cut

    english = _demo_blocks()
    first, rest = cut(english[13], 1)  # paragraph 14 has two sentences
    changed = english[:dropped - 1] + english[dropped:13] + [first, rest] + english[14:]
    doc = workspace.files.import_document(KO, _draft(tmp_path, changed), by="david").document.id
    draft = blocks(DRAFT)
    assert texts(workspace, doc)[dropped - 1] == draft[dropped]  # one off from the dropped paragraph on
    marked = doubtful(workspace, doc)
    assert marked
    workspace.pairing.move_down(doc, dropped, by="david", through=14)
    assert texts(workspace, doc) == [text if index != dropped else "" for index, text in enumerate(draft, start=1)]
    # The stretch is paired now: its doubtful marks went with the move.
    assert doubtful(workspace, doc) == [i for i in marked if not dropped <= i <= 14]
    assert workspace.audit.log(doc)[-1]["detail"]["cleared"] == [i for i in marked if dropped <= i <= 14]
    assert workspace.audit.verify().ok


@pytest.mark.parametrize("dropped", [4, 9, 16])
def test_a_gap_the_aligner_left_one_segment_off_is_filled_by_one_move(workspace, tmp_path, dropped):
    """Where the draft only dropped a paragraph, the aligner leaves a gap for it, and may leave it one
    segment off: the English before the gap belongs one down (a move down fills the gap), or the
    English after it belongs one up (a move up into the gap, and no further). The move changes those
    two segments and nothing else."""
    english = _demo_blocks()
    doc = workspace.files.import_document(KO, _draft(tmp_path, english[:dropped - 1] + english[dropped:]),
                                          by="david").document.id
    draft = blocks(DRAFT)
    before = texts(workspace, doc)
    wanted = [text if index != dropped else "" for index, text in enumerate(draft, start=1)]
    wrong = [i for i, (got, want) in enumerate(zip(before, wanted), start=1) if got != want]
    if not wrong:  # the aligner placed the gap itself: nothing to repair
        assert before == wanted and not before[dropped - 1]
        return
    at = wrong[0]
    late = before[at - 1] == draft[at] and at < len(before) and not before[at].strip()
    early = not before[at - 1].strip() and at < len(before) and before[at] == draft[at - 1]
    assert late or early, f"a draft without paragraph {dropped} paired neither right nor with its gap one off"
    if late:
        workspace.pairing.move_down(doc, at, by="david")
    else:
        workspace.pairing.move_up(doc, at + 1, by="david", through=at + 1)
    expected = list(before)
    expected[at - 1], expected[at] = before[at], before[at - 1]
    assert texts(workspace, doc) == expected
    if wrong[:2] == [at, at + 1] and len(wrong) == 2:
        assert texts(workspace, doc) == wanted  # nothing else was off: every pair is the demo draft's


# the command line ---------------------------------------------------------------------------------

@pytest.fixture
def desk(tandem):
    for name, role in (("david", "translator"), ("robert", "editor"), ("minji", "terminologist")):
        assert tandem("users", "add", name, "--role", role, user="admin").code == 0
    assert tandem("import", str(KO), "--english", str(DRAFT), user="david").code == 0
    return tandem


def _english(db_path: Path) -> list[str]:
    with Workspace.open(db_path, create=False) as ws:
        return texts(ws, 1)


def test_tandem_pair_prints_each_segment_changed_and_the_undo_that_restores_it(desk, db_path):
    before = _english(db_path)
    run = desk("pair", "1", "14", "--down", user="david")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "document 1: move the English down from segment 14 (through segment 16): 3 segments changed"
    assert lines[1] == "segment 14 (empty): (no English)"
    assert lines[2].startswith("segment 15 (draft): “Some workers complain")
    assert lines[3].startswith("segment 16 (draft): “Some workers are even saying") and lines[3].endswith("…")
    assert lines[4] == "undo: tandem pair 1 14 --up && tandem pair 1 15 --split 1"
    for command in lines[4].removeprefix("undo: ").split(" && "):
        assert desk(*command.split()[1:], user="david").code == 0
    assert _english(db_path) == before
    assert desk("verify", user="david").code == 0


@pytest.mark.parametrize("argv, undo", [
    (("3", "--join"), "undo: tandem pair 1 3 --split 2"),
    (("3", "--split", "1"), "undo: tandem pair 1 3 --join && tandem pair 1 15 --split 1"),
    (("4", "--up"), "undo: tandem pair 1 3 --split 2"),
    (("9", "--up", "--through", "12"), "undo: tandem pair 1 8 --split 1"),  # a split fills the emptied 12
])
def test_tandem_pair_join_split_and_up(desk, db_path, argv, undo):
    before = _english(db_path)
    run = desk("pair", "1", *argv, user="david")
    assert run.code == 0 and run.out.splitlines()[-1] == undo, run.out
    for command in undo.removeprefix("undo: ").split(" && "):
        assert desk(*command.split()[1:], user="david").code == 0
    assert _english(db_path) == before


def test_tandem_pair_json(desk):
    out = json.loads(desk("pair", "1", "3", "--join", "--json", user="david").out)
    assert out["operation"] == {"move": "join", "segment": 3, "at": None, "through": 16}
    assert [c["segment"] for c in out["changed"]] == list(range(3, 17))
    assert out["undo_commands"] == ["tandem pair 1 3 --split 2"]


@pytest.mark.parametrize("argv, user, says", [
    (("pair", "1", "17", "--down"), "david", "segment 17: out of range"),
    (("pair", "1", "16", "--join"), "david", "segment 16: is the last segment"),
    (("pair", "1", "1", "--split", "1"), "david", "segment 1: its English is one sentence"),
    (("pair", "1", "3", "--split", "2"), "david", "segment 3: 2 is not a sentence boundary"),
    (("pair", "1", "5", "--down"), "minji", "minji cannot move English between segments: that needs the"),
    (("pair", "1", "5", "--down"), "bob", "'bob' is not a user of this workspace"),
    (("pair", "9", "5", "--down"), "david", "no document 9"),
])
def test_tandem_pair_refusals_are_one_line_and_change_nothing(desk, db_path, argv, user, says):
    before = snapshot(db_path)
    run = desk(*argv, user=user)
    assert run.code == 2 and run.out == ""
    assert len(run.err.splitlines()) == 1 and run.err.startswith("tandem: error: ") and says in run.err, run.err
    assert snapshot(db_path) == before


def test_tandem_pair_needs_exactly_one_move(desk):
    run = desk("pair", "1", "3", "--down", "--up", user="david")
    assert run.code == 2 and "not allowed with argument" in run.err
    assert run.err.splitlines()[-1] == "Run `tandem pair --help` to see what it takes."
    assert "one of the arguments --down --up --join --split --ok is required" in desk("pair", "1", "3",
                                                                                    user="david").err
    run = desk("pair", "1", "3", "--down", "--ok", user="david")
    assert run.code == 2 and "argument --ok: not allowed with argument --down" in run.err


def test_tandem_pair_ok_confirms_a_doubtful_pairing_in_one_line(desk, db_path):
    mark_doubtful(db_path, 1, 6, 7)
    before = _english(db_path)
    run = desk("pair", "1", "6", "--ok", user="david")
    assert run.code == 0, run.err
    assert run.out == "document 1: segment 6: pairing confirmed; it is no longer marked doubtful\n"
    with Workspace.open(db_path, create=False) as ws:
        assert doubtful(ws, 1) == [7] and texts(ws, 1) == before
        assert ws.audit.log(1)[-1]["action"] == "pairing.confirm"
    out = json.loads(desk("pair", "1", "7", "--ok", "--json", user="robert").out)
    assert out == {"document": 1, "segment": 7, "confirmed": True, "doubtful": False}
    assert desk("verify", user="david").code == 0
    state = snapshot(db_path)
    for argv, user, says in [(("6", "--ok"), "david", "segment 6: its pairing is not marked doubtful"),
                             (("5", "--ok"), "minji", "minji cannot confirm a pairing: that needs the"),
                             (("5", "--ok", "--through", "7"), "david", "--through: a confirmation moves nothing")]:
        run = desk("pair", "1", *argv, user=user)
        assert run.code == 2 and run.out == "" and says in run.err, run.err
    assert snapshot(db_path) == state


def test_tandem_pair_says_what_it_voided(desk):
    assert desk("edit", "1", "5", "Fixed.", user="david").code == 0
    assert desk("approve", "1", "5", user="robert").code == 0
    run = desk("pair", "1", "4", "--down", "--through", "6", user="david")
    assert run.code == 0
    assert "tandem: note: segment 5 was approved; the move sent it back to draft" in run.err
