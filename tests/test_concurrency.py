"""Many hands on one workspace: stale saves merge or conflict, nothing is lost, locks never surface."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import raw_db

import conftest
from workflow.errors import InputError, WorkspaceBusy
from workflow.models import SegmentState
from workflow.storage import connection
from workflow.storage.migrations import MIGRATIONS
from workflow.workspace import Workspace

WRITER = Path(__file__).with_name("writer_process.py")
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel".split()


def small_doc(ws: Workspace, folder: Path, segments: int = 5):
    ko, en = folder / "ko.md", folder / "en.md"
    ko.write_text("\n\n".join(f"한국어 문단 {i}번 입니다." for i in range(1, segments + 1)), encoding="utf-8")
    en.write_text("\n\n".join(" ".join(f"{w}{i}" for w in WORDS) for i in range(1, segments + 1)),
                  encoding="utf-8")
    return ws.files.import_document(ko, en, by="david").document


@pytest.fixture
def doc(workspace, tmp_path):
    return small_doc(workspace, tmp_path)


def two_saves(ws, doc, first: str, second: str, index: int = 1):
    """robert saves `first`, then david saves `second`, both starting from the same revision."""
    base = ws.documents.segments(doc.id)[index - 1]
    ws.editing.save(doc.id, index, first, by="robert", based_on=base.revision_id)
    return base, ws.editing.save(doc.id, index, second, by="david", based_on=base.revision_id)


def test_changes_to_different_words_merge_and_the_merge_names_both_parents(workspace, doc):
    base_text = workspace.documents.segments(doc.id)[0].target
    theirs = base_text.replace("alpha1", "ALPHA")
    mine = base_text.replace("hotel1", "HOTEL")
    base, result = two_saves(workspace, doc, theirs, mine)
    assert result.merged and result.stale and not result.conflict
    assert result.segment.target == base_text.replace("alpha1", "ALPHA").replace("hotel1", "HOTEL")
    history = workspace.documents.history(doc.id, 1)
    kept = next(r for r in history if r.text == mine)
    merge = history[-1]
    assert kept.aside and kept.author == "david" and kept.parent_id == base.revision_id
    assert merge.id == result.revision_id == result.segment.revision_id and not merge.aside
    assert merge.parent_id == history[-3].id and history[-3].text == theirs
    assert merge.merge_parent_id == kept.id
    entry = [e for e in workspace.audit.log(doc.id) if e["action"] == "segment.save"][-1]
    assert entry["detail"]["merged"] and entry["detail"]["mine"] == kept.id


def test_changes_to_the_same_word_keep_both_and_mark_a_conflict(workspace, doc):
    base_text = workspace.documents.segments(doc.id)[1].target
    theirs, mine = base_text.replace("delta2", "Delta"), base_text.replace("delta2", "DELTA")
    base, result = two_saves(workspace, doc, theirs, mine, index=2)
    assert result.conflict and result.stale and not result.merged
    segment = workspace.documents.segments(doc.id)[1]
    assert segment.conflict and segment.target == theirs  # the text that was there stays current
    conflict = workspace.editing.conflict(doc.id, 2)
    assert (conflict.base.text, conflict.theirs.text, conflict.mine.text) == (base_text, theirs, mine)
    assert (conflict.theirs.author, conflict.mine.author) == ("robert", "david")
    assert conflict.mine.aside and conflict.mine.id == result.revision_id
    assert [d.conflicts for d in workspace.documents.all()] == [1]
    assert workspace.editing.conflict(doc.id, 1) is None


def test_a_segment_in_conflict_cannot_be_signed_off_until_resolved(workspace, doc):
    base_text = workspace.documents.segments(doc.id)[0].target
    two_saves(workspace, doc, base_text.replace("echo1", "e"), base_text.replace("echo1", "E"))
    with pytest.raises(InputError, match="segment 1: is in conflict"):
        workspace.editing.mark_translated(doc.id, 1, by="david")
    workspace.users.add("erin", ["editor"], by="admin")
    with pytest.raises(InputError, match="resolve the conflict before approving"):
        workspace.review.approve(doc.id, 1, by="erin")
    assert any("in conflict" in b for b in workspace.review.blockers(doc.id, "translator"))
    result = workspace.editing.resolve_conflict(doc.id, 1, base_text.replace("echo1", "Echo"), by="david")
    assert not result.segment.conflict and workspace.editing.conflict(doc.id, 1) is None
    assert result.segment.target == base_text.replace("echo1", "Echo")
    assert workspace.editing.mark_translated(doc.id, 1, by="david") is SegmentState.TRANSLATED
    with pytest.raises(InputError, match="is not in conflict"):
        workspace.editing.resolve_conflict(doc.id, 1, "anything", by="david")


def test_saving_a_segment_in_conflict_edits_its_text_and_the_conflict_stays(workspace, doc):
    base_text = workspace.documents.segments(doc.id)[0].target
    two_saves(workspace, doc, base_text.replace("golf1", "g"), base_text.replace("golf1", "G"))
    current = workspace.documents.segments(doc.id)[0]
    result = workspace.editing.save(doc.id, 1, current.target + " More.", by="david",
                                    based_on=current.revision_id)
    assert result.segment.target == current.target + " More." and result.segment.conflict
    assert workspace.editing.conflict(doc.id, 1).mine.text == base_text.replace("golf1", "G")


def test_a_second_overlap_opens_another_conflict_and_one_resolution_closes_both(workspace, doc):
    base_text = workspace.documents.segments(doc.id)[0].target
    base, _ = two_saves(workspace, doc, base_text.replace("alpha1", "a"), base_text.replace("alpha1", "A"))
    third = workspace.editing.save(doc.id, 1, base_text.replace("alpha1", "Alpha"), by="robert",
                                   based_on=base.revision_id)
    assert third.conflict and workspace.editing.conflict(doc.id, 1).mine.text == base_text.replace("alpha1", "Alpha")
    workspace.editing.resolve_conflict(doc.id, 1, base_text.replace("alpha1", "ALPHA"), by="robert")
    assert workspace.editing.conflict(doc.id, 1) is None and not workspace.documents.segments(doc.id)[0].conflict
    resolve = [e for e in workspace.audit.log(doc.id) if e["action"] == "segment.resolve"]
    assert len(resolve) == 1 and len(resolve[0]["detail"]["conflicts"]) == 2


def test_a_base_from_another_segment_is_refused_and_nothing_is_written(workspace, doc, db_path):
    other = workspace.documents.segments(doc.id)[1].revision_id
    before = len(workspace.documents.history(doc.id))
    with pytest.raises(InputError, match=f"revision {other} is not one of its revisions"):
        workspace.editing.save(doc.id, 1, "x", by="david", based_on=other)
    assert len(workspace.documents.history(doc.id)) == before


def test_conflicts_and_their_resolutions_are_append_only(workspace, doc, db_path):
    base_text = workspace.documents.segments(doc.id)[0].target
    two_saves(workspace, doc, base_text.replace("alpha1", "a"), base_text.replace("alpha1", "A"))
    workspace.editing.resolve_conflict(doc.id, 1, base_text, by="david")
    with raw_db.connect(db_path) as conn:
        for statement in ("UPDATE conflicts SET mine_id = base_id", "DELETE FROM conflicts",
                          "DELETE FROM conflict_resolutions", "UPDATE conflict_resolutions SET revision_id = 1"):
            with pytest.raises(raw_db.DatabaseError, match="append-only"):
                conn.execute(statement)


def hold_the_write_lock(path: Path, release: threading.Event) -> threading.Event:
    """A colleague's process in the middle of a write (an import, say) until `release` is set;
    returns an event set once the lock is held."""
    held = threading.Event()

    def hold() -> None:
        with Workspace.open(path, create=False) as colleague, colleague._store.write():
            held.set()
            release.wait(30)

    threading.Thread(target=hold, daemon=True).start()
    assert held.wait(30)
    return held


def test_a_writer_waits_out_a_colleague_holding_the_lock(workspace, doc, db_path):
    release = threading.Event()
    hold_the_write_lock(db_path, release)
    threading.Timer(0.5, release.set).start()
    started = time.monotonic()
    result = workspace.editing.save(doc.id, 1, "Saved after the wait.", by="david")
    assert result.segment.target == "Saved after the wait." and time.monotonic() - started >= 0.4


def test_a_lock_held_past_every_retry_is_a_plain_busy_error_and_writes_nothing(db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(connection, "BUSY_RETRIES", 2)
    if conftest.ENGINE == "postgresql":
        from workflow.storage import postgres_engine  # its lock_timeout, set as a connection opens

        monkeypatch.setattr(postgres_engine, "BUSY_TIMEOUT_MS", 50)
    with Workspace.open(db_path) as ws:
        ws.users.add("david", ["translator"], by="david")
        doc = small_doc(ws, tmp_path)
        release = threading.Event()
        hold_the_write_lock(db_path, release)
        try:
            with pytest.raises(WorkspaceBusy, match="the workspace is busy.*nothing was written"):
                ws.editing.save(doc.id, 1, "Not now.", by="david")
        finally:
            release.set()
        assert ws.documents.segments(doc.id)[0].target != "Not now."
        assert ws.editing.save(doc.id, 1, "Now.", by="david").segment.target == "Now."


def test_data_version_moves_when_another_connection_commits(workspace, doc, db_path):
    seen = workspace.data_version()
    workspace.editing.save(doc.id, 1, "Our own save.", by="david")
    assert workspace.data_version() == seen  # this connection's commits do not count
    with Workspace.open(db_path) as other:
        other.editing.save(doc.id, 2, "Someone else's save.", by="robert")
    # SQLite's number moves at once; PostgreSQL's notice may take a moment on its way, as it would to
    # the app's next poll.
    deadline = time.monotonic() + 5
    while workspace.data_version() == seen and time.monotonic() < deadline:
        time.sleep(0.01)
    assert workspace.data_version() != seen


def start_together(commands: list[list[str]], folder: Path) -> list[tuple[subprocess.Popen, Path, Path]]:
    """Start writer processes and let them go only once every one has said it is ready.

    Starting Python takes longer than the writers' work on a loaded machine; without the barrier the
    first writer could be done before the last began. Output goes to files rather than pipes: a full
    pipe that nobody reads yet would stall a writer mid-run.
    """
    started = []
    for number, command in enumerate(commands):
        out, err = folder / f"writer{number}.log", folder / f"writer{number}.err"
        with out.open("w") as stdout, err.open("w") as stderr:
            proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr, text=True)
        started.append((proc, out, err))
    deadline = time.monotonic() + 120
    try:
        for proc, out, err in started:
            while not out.read_text().startswith('{"kind": "ready"}\n'):
                assert proc.poll() is None, err.read_text()
                assert time.monotonic() < deadline, "a writer never got ready"
                time.sleep(0.01)
    except BaseException:
        for proc, _, _ in started:  # the others would wait for the go line for ever
            proc.kill()
        raise
    for proc, _, _ in started:
        proc.stdin.write("go\n")
        proc.stdin.close()
    return started


OPEN_AT_ONCE = """
import sys
sys.path.insert(0, sys.argv[2])
from workflow.workspace import Workspace
print('{"kind": "ready"}', flush=True)
sys.stdin.readline()
with Workspace.open(sys.argv[1]) as ws:
    print(ws._store.schema_version())
"""


@pytest.mark.sqlite_only("the race of SQLite's migrations on one new file (the suite's PostgreSQL databases "
                         "come migrated; tests/test_postgres_*.py race PostgreSQL's)")
@pytest.mark.parametrize("from_schema", [0, 5])
def test_processes_opening_a_new_workspace_at_once_all_get_the_full_schema(tmp_path, from_schema):
    # Each finds the schema behind and migrates; the losers of each migration's race carry on, not
    # fail. From schema 5 the races are on ALTER TABLE ... ADD COLUMN ("duplicate column name").
    db = tmp_path / "new.db"
    if from_schema:
        conn = sqlite3.connect(db)
        for number, script in enumerate(MIGRATIONS[:from_schema], start=1):
            conn.executescript(f"BEGIN;{script}PRAGMA user_version = {number};COMMIT;")
        conn.close()
    started = start_together([[sys.executable, "-c", OPEN_AT_ONCE, str(db), str(WRITER.parents[1])]] * 4, tmp_path)
    assert [proc.wait(timeout=120) for proc, _, _ in started] == [0] * 4
    assert [err.read_text() for _, _, err in started if err.read_text()] == []
    assert {out.read_text().splitlines()[-1] for _, out, _ in started} == {str(len(MIGRATIONS))}


# the stress test ---------------------------------------------------------------------------

PROCESSES, SAVES, SEGMENTS = 4, 300, 5


def test_four_processes_saving_overlapping_segments_lose_nothing(workspace, db_path, tmp_path):
    """4 writer processes x 300 saves over 5 segments of one document, each based on what it read."""
    doc = small_doc(workspace, tmp_path, SEGMENTS)
    users = [f"w{i}" for i in range(1, PROCESSES + 1)]
    for user in users:
        workspace.users.add(user, ["translator"], by="admin")
    workspace.close()
    started = start_together([[sys.executable, str(WRITER), "stress", str(db_path), str(doc.id), user, str(seed),
                                str(SAVES), str(SEGMENTS)] for seed, user in enumerate(users)], tmp_path)
    logs = {}
    for user, (proc, out, err) in zip(users, started):
        assert proc.wait(timeout=300) == 0, err.read_text()
        logs[user] = [json.loads(line) for line in out.read_text().splitlines()[1:]]  # after "ready"

    errors = [(user, e["error"]) for user, log in logs.items() for e in log if e["kind"] == "error"]
    assert errors == [], errors[0][1] if errors else ""
    assert all(len(log) == SAVES for log in logs.values())

    with Workspace.open(db_path) as ws:
        assert ws._store.audit.integrity_problems() == []
        history = {r.id: r for r in ws.documents.history(doc.id)}
        audit = ws.audit.log(doc.id)
        segments = ws.documents.segments(doc.id)
        open_conflicts = {s.index: ws.editing.conflict(doc.id, s.index) for s in segments}

    saved = {(r.author, r.content_hash) for r in history.values()}
    # Each segment's texts in commit order: what was current when a save ran follows from its ids.
    shown = {i: [r for r in history.values() if r.segment_index == i and not r.aside] for i in range(1, SEGMENTS + 1)}
    kinds, overlapped = Counter(), 0
    conflicts_by_mine = {e["detail"]["mine"]: e["detail"] for e in audit if e["action"] == "segment.conflict"}
    for user, log in logs.items():
        for entry in (e for e in log if e["kind"] == "save"):
            # Every save is in the history exactly as typed, under its author.
            assert entry["revision"] is not None
            assert (user, hashlib.sha256(entry["text"].encode()).hexdigest()) in saved
            base, mine = entry["base_text"].split(" "), entry["text"].split(" ")
            at = entry["at"]
            written = history[entry["revision"]]
            first = written.merge_parent_id if entry["merged"] else written.id  # the save's first row
            before = [r for r in shown[entry["index"]] if r.id < first]
            current = before[-1]  # the segment's text when the save committed
            # Stale exactly when someone saved the segment after the revision the save was based on.
            assert entry["stale"] == (current.id != entry["base"]), entry
            assert entry["stale"] or not entry["held"], "a save from an outdated snapshot was not stale"
            overlapped += any(r.author != user for r in before if r.id > entry["base"])
            if not entry["stale"]:
                kinds["plain"] += 1
                assert written.text == entry["text"] and written.parent_id == entry["base"]
            elif entry["merged"]:
                kinds["merged"] += 1
                theirs = current.text.split(" ")
                assert written.parent_id == current.id
                assert history[written.merge_parent_id].text == entry["text"]
                assert theirs[at] == base[at], "merged although both changed the same word"
                # Both changes: mine's word where mine changed it, theirs' everywhere else.
                assert written.text.split(" ") == [mine[i] if i == at else theirs[i] for i in range(len(base))]
            else:
                kinds["conflict"] += 1
                assert entry["conflict"]
                detail = conflicts_by_mine[entry["revision"]]
                assert detail["theirs"] == current.id
                theirs = current.text.split(" ")
                assert theirs[at] != base[at], "a conflict although the changes did not touch"
                assert history[detail["mine"]].text == entry["text"] and history[detail["mine"]].aside
                assert history[detail["base"]].text == entry["base_text"]
    resolves = [e for log in logs.values() for e in log if e["kind"] == "resolve"]
    assert all(not e["conflict_after"] for e in resolves)
    refused = [e["error"] for log in logs.values() for e in log if e["kind"] == "resolve_refused"]
    assert all("is not in conflict" in error for error in refused), refused  # lost a race, nothing else
    # Every path ran: the saves from outdated snapshots make merges and conflicts whatever the
    # scheduler did, and the writers, started together, did overlap.
    assert kinds["plain"] and kinds["merged"] and kinds["conflict"], kinds
    assert overlapped, f"no save was ever overtaken by another writer's: {kinds}"

    # Conflicts are marked: exactly the segments with a conflict no resolution closed.
    resolved = {c for e in audit if e["action"] == "segment.resolve" for c in e["detail"]["conflicts"]}
    still_open = {e["detail"]["segment"] for e in audit
                  if e["action"] == "segment.conflict" and e["detail"]["conflict"] not in resolved}
    assert {s.index for s in segments if s.conflict} == still_open
    assert {i for i, c in open_conflicts.items() if c is not None} == still_open


def empty_doc(ws: Workspace, folder: Path):
    """A Korean article with no English draft: every segment starts with no revision at all."""
    ko = folder / "empty-ko.md"
    ko.write_text("한국어 문단 1번 입니다.\n\n한국어 문단 2번 입니다.", encoding="utf-8")
    return ws.files.import_document(ko, by="david").document


def test_two_people_starting_from_an_empty_segment_do_not_overwrite_each_other(workspace, tmp_path):
    from workflow.models import EMPTY_BASE

    doc = empty_doc(workspace, tmp_path)
    assert workspace.documents.segments(doc.id)[0].revision_id is None
    first = workspace.editing.save(doc.id, 1, "Robert's English.", by="robert", based_on=EMPTY_BASE)
    assert not first.stale and first.segment.target == "Robert's English."
    second = workspace.editing.save(doc.id, 1, "David's English.", by="david", based_on=EMPTY_BASE)
    # Both inserted text where there was none: the same place, so a person must choose.
    assert second.stale and second.conflict and not second.merged
    segment = workspace.documents.segments(doc.id)[0]
    assert segment.conflict and segment.target == "Robert's English."
    conflict = workspace.editing.conflict(doc.id, 1)
    assert conflict.base is None
    assert (conflict.theirs.text, conflict.mine.text) == ("Robert's English.", "David's English.")
    assert conflict.mine.aside and conflict.mine.parent_id is None
    workspace.editing.resolve_conflict(doc.id, 1, "David's English.", by="david")
    assert workspace.documents.segments(doc.id)[0].target == "David's English."
    assert workspace.audit.verify().ok


def test_a_save_started_empty_is_plain_while_the_segment_is_still_empty(workspace, tmp_path):
    from workflow.models import EMPTY_BASE

    doc = empty_doc(workspace, tmp_path)
    result = workspace.editing.save(doc.id, 2, "Only one.", by="david", based_on=EMPTY_BASE)
    assert not (result.stale or result.conflict or result.merged)
    # The same text typed twice from nothing is one change made twice, not a conflict.
    again = workspace.editing.save(doc.id, 2, "Only one.", by="robert", based_on=EMPTY_BASE)
    assert again.revision_id is None and not again.segment.conflict


def test_no_claim_about_the_base_still_saves_over_whatever_is_there(workspace, tmp_path):
    """based_on=None is a script saying nothing about what it started from: a plain save."""
    doc = empty_doc(workspace, tmp_path)
    workspace.editing.save(doc.id, 1, "First.", by="robert")
    result = workspace.editing.save(doc.id, 1, "Second.", by="david")
    assert not result.stale and result.segment.target == "Second."


def test_an_aside_revision_newest_in_the_history_is_not_taken_for_the_current_text(workspace, doc):
    base_text = workspace.documents.segments(doc.id)[1].target
    theirs, mine = base_text.replace("delta2", "Delta"), base_text.replace("delta2", "DELTA")
    workspace.users.add("tina", ["translator"], by="admin")
    base = workspace.documents.segments(doc.id)[1]
    workspace.editing.save(doc.id, 2, theirs, by="robert", based_on=base.revision_id)
    workspace.editing.save(doc.id, 2, mine, by="tina", based_on=base.revision_id)  # kept aside
    history = workspace.documents.history(doc.id, 2)
    assert history[-1].aside and history[-1].author == "tina"
    current = workspace.documents.current_revision(doc.id, 2)
    assert (current.text, current.author) == (theirs, "robert")
    assert current.id == workspace.documents.segments(doc.id)[1].revision_id
    report = {r.index: r for r in workspace.review.report(doc.id)}[2]
    assert report.text == theirs and "tina" not in report.authors  # none of tina's words are in it
    from tui.widgets.review_data import refresh_segment

    update = refresh_segment(workspace, doc.id, replace(report, authors=("david",)))
    assert update.report.authors == ("david", "robert")  # the current text's author joins, not tina


def test_the_cli_takes_part_in_merging_and_resolves_conflicts(workspace, doc, tandem):
    base = workspace.documents.segments(doc.id)[0]
    rev = str(base.revision_id)
    workspace.close()
    first = tandem("edit", str(doc.id), "1", base.target.replace("alpha1", "ALPHA"), "--based-on", rev, user="robert")
    assert first.code == 0 and "merged" not in first.out and "conflict" not in first.out
    merged = tandem("edit", str(doc.id), "1", base.target.replace("hotel1", "HOTEL"), "--based-on", rev,
                    user="david")
    assert merged.code == 0 and "merged with a change saved since" in merged.out, merged.out
    expected = base.target.replace("alpha1", "ALPHA").replace("hotel1", "HOTEL")
    assert json.loads(tandem("show", str(doc.id), "--json").out)["segments"][0]["english"] == expected

    clash = tandem("edit", str(doc.id), "1", base.target.replace("alpha1", "Alpha"), "--based-on", rev,
                   user="david")
    assert clash.code == 0 and "in conflict" in clash.out and f"tandem resolve {doc.id} 1" in clash.out
    shown = json.loads(tandem("show", str(doc.id), "--json").out)["segments"]
    assert [s["conflict"] for s in shown] == [True, False, False, False, False]
    assert "⇄ in conflict" in tandem("show", str(doc.id)).out.split("[2]")[0]

    listed = json.loads(tandem("conflicts", str(doc.id), "--json").out)
    assert len(listed) == 1 and listed[0]["segment"] == 1
    assert listed[0]["base"]["text"] == base.target
    assert (listed[0]["theirs"]["text"], listed[0]["mine"]["text"]) == (expected, base.target.replace("alpha1", "Alpha"))
    assert listed[0]["mine"]["author"] == "david"
    text = tandem("conflicts", str(doc.id)).out
    assert "segment 1: conflict" in text and base.target.replace("alpha1", "Alpha") in text

    refused = tandem("resolve", str(doc.id), "1", "--take", "mine", user="admin")  # not a translator or editor
    assert refused.code != 0 and len(refused.err.strip().splitlines()) == 1
    assert tandem("resolve", str(doc.id), "1", user="david").code == 2  # theirs, mine or a text: say which
    done = tandem("resolve", str(doc.id), "1", "--take", "mine", user="david")
    assert done.code == 0 and "conflict resolved" in done.out
    after = json.loads(tandem("show", str(doc.id), "--json").out)["segments"][0]
    assert after["english"] == base.target.replace("alpha1", "Alpha") and not after["conflict"]
    assert "no open conflicts" in tandem("conflicts", str(doc.id)).out
    again = tandem("resolve", str(doc.id), "1", "--text", "Anything.", user="david")
    assert again.code != 0 and "is not in conflict" in again.err


def test_the_cli_says_when_a_save_from_an_empty_segment_conflicts(workspace, tmp_path, tandem):
    doc = empty_doc(workspace, tmp_path)
    workspace.close()
    assert tandem("edit", str(doc.id), "1", "Robert's.", "--based-on", "0", user="robert").code == 0
    clash = tandem("edit", str(doc.id), "1", "David's.", "--based-on", "0", user="david")
    assert clash.code == 0 and "in conflict" in clash.out
    listed = tandem("conflicts", str(doc.id)).out
    assert "both started from an empty segment" in listed
    assert tandem("resolve", str(doc.id), "1", "--text", "Both.", user="robert").code == 0
    assert json.loads(tandem("show", str(doc.id), "--json").out)["segments"][0]["english"] == "Both."
