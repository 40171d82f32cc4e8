"""The news desk (issue 17 §1) in the workflow: assignments and reassignment with audit, who may
assign, the assigned-translator-only edit rule, due times read in a locale and a time zone, the queue
and the desk view ordered by due time under a fixed clock, and notifications for each event."""

from __future__ import annotations

import sys
import time

import pytest

import workflow.workspace  # noqa: F401 - every module whose `now` the clock pins, imported first
from workflow.due import parse_due
from workflow.errors import InputError, PermissionDenied
from workflow.i18n import using


class Clock:
    """Every workflow module's `now`, pinned to a time the test moves."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from workflow.clock import now as real_now

        self.at = "2026-12-07T00:00:00.000+00:00"
        for name, module in list(sys.modules.items()):
            if name.startswith("workflow") and getattr(module, "now", None) is real_now:
                monkeypatch.setattr(module, "now", lambda: self.at)

    def __call__(self, stamp: str) -> None:
        self.at = stamp + ".000+00:00"


@pytest.fixture
def seoul(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock(monkeypatch, seoul) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def desk(ws, clock):
    ws.users.add("chief", ["desk"], display_name="Desk Chief", by="admin")
    ws.users.add("jane", ["translator"], by="admin")
    ws.users.add("emma", ["editor"], by="admin")
    return ws


# due times -------------------------------------------------------------------------------------

def test_a_clock_time_is_the_next_one_where_the_reader_is(clock):
    clock("2026-12-07T03:00:00")  # 12:00 in Seoul
    assert parse_due("18:00") == "2026-12-07T09:00:00.000+00:00"  # today at 18:00 KST
    assert parse_due("9:30") == "2026-12-08T00:30:00.000+00:00"  # 09:30 has passed: tomorrow's
    assert parse_due("6 PM") == parse_due("18:00")
    with using("ko"):
        assert parse_due("오후 6:00") == parse_due("18:00")
        assert parse_due("오전 9:30") == parse_due("9:30")
        assert parse_due("오후 6시") == parse_due("18시") == parse_due("18:00")
        assert parse_due("26. 12. 7. 오후 6시 30분") == "2026-12-07T09:30:00.000+00:00"


def test_iso_and_the_locales_short_form_are_read_in_the_readers_zone(clock):
    assert parse_due("2026-12-07T09:00") == "2026-12-07T00:00:00.000+00:00"
    assert parse_due("2026-12-07T09:00+00:00") == "2026-12-07T09:00:00.000+00:00"
    assert parse_due("2026-12-07") == "2026-12-07T14:59:00.000+00:00"  # the end of that day
    with using("en"):
        assert parse_due("12/7/26, 6:00 PM") == "2026-12-07T09:00:00.000+00:00"
    with using("ko"):
        assert parse_due("26. 12. 7. 오후 6:00") == "2026-12-07T09:00:00.000+00:00"
    for wrong in ("soon", "25:00", "", "13 PM"):
        with pytest.raises(InputError, match="not a due time"):
            parse_due(wrong)


# assignments -------------------------------------------------------------------------------------

def test_assignment_and_reassignment_are_audited_and_notified(desk, sample_doc, clock):
    doc = sample_doc.id
    assigned = desk.desk.assign(doc, "translator", "david", by="chief")
    assert assigned.translator == "david"
    clock("2026-12-07T01:00:00")
    assert desk.desk.assign(doc, "translator", "jane", by="chief").translator == "jane"
    desk.desk.assign(doc, "editor", "robert", by="chief")
    entries = [(e["action"], e["detail"]["role"], e["detail"]["user"], e["detail"]["previous"])
               for e in desk.audit.log(doc) if e["action"] == "document.assign"]
    assert entries == [("document.assign", "translator", "david", None),
                       ("document.assign", "translator", "jane", "david"),
                       ("document.assign", "editor", "robert", None)]
    assert [(r.role, r.user, r.assigned_by) for r in desk.desk.history(doc)] == [
        ("translator", "david", "chief"), ("translator", "jane", "chief"), ("editor", "robert", "chief")]
    [note] = desk.desk.inbox("jane")
    assert (note.kind, note.document_id, note.by) == ("assigned", doc, "chief")
    assert "assigned you document" in note.text and "as translator" in note.text
    assert desk.desk.assign(doc, "translator", "jane", by="chief").translator == "jane"  # no change, no entry
    assert len([e for e in desk.audit.log(doc) if e["action"] == "document.assign"]) == 3


def test_who_may_assign(desk, sample_doc):
    doc = sample_doc.id
    with pytest.raises(PermissionDenied, match="desk chief"):
        desk.desk.assign(doc, "translator", "jane", by="robert")
    # Whoever imported the document names its first translator; changing it is the desk's.
    desk.desk.assign(doc, "translator", "jane", by="david")
    with pytest.raises(PermissionDenied):
        desk.desk.assign(doc, "translator", "david", by="david")
    desk.desk.assign(doc, "translator", "david", by="admin")
    with pytest.raises(InputError, match="does not hold the editor role"):
        desk.desk.assign(doc, "editor", "jane", by="chief")
    desk.users.add("both", ["translator", "editor"], by="admin")
    desk.desk.assign(doc, "editor", "both", by="chief")
    with pytest.raises(InputError, match="two different people"):
        desk.desk.assign(doc, "translator", "both", by="chief")
    with pytest.raises(InputError):
        desk.desk.assign(doc, "terminologist", "minji", by="chief")


def test_only_the_assigned_translator_edits_the_english(desk, sample_doc):
    doc = sample_doc.id
    desk.editing.save(doc, 2, "Before anyone is assigned, any translator may.", by="jane")  # today's rules
    desk.desk.assign(doc, "translator", "david", by="chief")
    with pytest.raises(PermissionDenied, match="assigned to david"):
        desk.editing.save(doc, 2, "Jane's words", by="jane")
    assert not desk.review.permissions("jane", doc).may("edit")
    assert "assigned to david" in desk.review.permissions("jane", doc).why_not_edit  # what the editor screen says
    assert desk.review.permissions("david", doc).may("edit")
    desk.editing.save(doc, 2, "David's words.", by="david")
    # An editor still edits as review.
    result = desk.editing.save(doc, 2, "Robert's words.", by="robert")
    assert desk.documents.history(doc, 2)[-1].role.value == "editor" and result.revision_id


def test_due_and_priority_are_audited(desk, sample_doc, clock):
    doc = sample_doc.id
    clock("2026-12-07T03:00:00")
    set_ = desk.desk.set_due(doc, "18:00", "breaking", by="chief")
    assert (set_.due_at, set_.priority) == ("2026-12-07T09:00:00.000+00:00", "breaking")
    assert desk.desk.set_due(doc, None, "feature", by="chief").due_at == set_.due_at
    [first, second] = [e["detail"] for e in desk.audit.log(doc) if e["action"] == "document.due"]
    assert (first["due"], first["priority"], second["priority"], second["previous_priority"]) == (
        set_.due_at, "breaking", "feature", "breaking")
    with pytest.raises(InputError, match="breaking, normal or feature"):
        desk.desk.set_due(doc, None, "urgent", by="chief")
    with pytest.raises(PermissionDenied):
        desk.desk.set_due(doc, "19:00", by="robert")


# the queue and the desk --------------------------------------------------------------------------

def _article(ws, tmp_path, name: str, korean: str) -> int:
    path = tmp_path / f"{name}.md"
    path.write_text(f"# {name}\n\n{korean}\n", encoding="utf-8")
    return ws.files.import_document(path, by="admin").document.id


def test_queue_and_desk_are_ordered_late_first_then_soonest_due(desk, sample_doc, clock, tmp_path):
    clock("2026-12-07T00:00:00")  # 09:00 in Seoul
    early = _article(desk, tmp_path, "early", "이른 기사 입니다.")
    later = _article(desk, tmp_path, "later", "늦은 기사 입니다 정말.")
    none = _article(desk, tmp_path, "undated", "날짜 없는 기사.")
    for doc in (sample_doc.id, early, later, none):
        desk.desk.assign(doc, "translator", "jane", by="chief")
    desk.desk.set_due(later, "2026-12-07T15:00", by="chief")
    desk.desk.set_due(sample_doc.id, "2026-12-07T12:00", by="chief")
    desk.desk.set_due(early, "2026-12-07T10:00", by="chief")
    clock("2026-12-07T02:30:00")  # 11:30 in Seoul: `early` is 90 minutes late
    rows = desk.desk.desk()
    assert [r.summary.id for r in rows] == [early, sample_doc.id, later, none]
    assert [r.late for r in rows] == [True, False, False, False]
    assert rows[0].late_seconds == 5400 and rows[0].late_text == "⏰ 2 hr late"
    assert rows[0].holder == "jane" and rows[0].words_left == 4  # the title and three words
    queue = desk.desk.queue("jane")
    assert [(q.summary.id, q.role.value) for q in queue] == [(early, "translator"), (sample_doc.id, "translator"),
                                                              (later, "translator"), (none, "translator")]
    assert desk.desk.queue("robert") == []
    data = rows[0].to_json()
    assert (data["late_seconds"], data["holder"], data["state"]) == (5400, "jane", "in_translation")


def test_the_editor_queue_holds_translated_work(desk, tmp_path, clock):
    doc = _article(desk, tmp_path, "one", "한 문장.")
    desk.desk.assign(doc, "translator", "david", by="chief")
    desk.desk.assign(doc, "editor", "robert", by="chief")
    assert desk.desk.queue("robert") == []
    desk.editing.save(doc, 2, "One sentence.", by="david")
    desk.editing.save(doc, 1, "One", by="david")
    desk.editing.mark_translated(doc, 1, by="david")
    desk.editing.mark_translated(doc, 2, by="david")
    [item] = desk.desk.queue("robert")
    assert (item.role.value, item.waiting) == ("editor", 2)
    assert next(r for r in desk.desk.desk() if r.summary.id == doc).holder == "robert"


# notifications -----------------------------------------------------------------------------------

def test_each_event_notifies_the_one_it_concerns(desk, sample_doc):
    doc = sample_doc.id
    desk.desk.assign(doc, "translator", "david", by="chief")
    desk.desk.assign(doc, "editor", "robert", by="chief")
    query = desk.comments.add(doc, 3, "Which spelling?", kind="query", by="robert")  # to the translator
    desk.comments.add(doc, 3, "A note only.", kind="note", by="robert")  # no one
    desk.comments.reply(query.id, "North Korean.", by="david")  # to robert, who asked
    mine = desk.comments.add(doc, 4, "Is this a name?", kind="query", by="david")  # the translator asks the editor
    desk.comments.reply(mine.id, "Yes.", by="robert")  # to david
    for index in range(1, 4):
        desk.editing.mark_translated(doc, index, by="david")
    desk.review.reject(doc, 2, comment="Too literal.", by="robert")  # to david
    kinds = [(n.kind, n.segment, n.by) for n in desk.desk.inbox("david")]
    assert kinds == [("assigned", None, "chief"), ("query", 3, "robert"), ("answer", 4, "robert"),
                     ("rejected", 2, "robert")]
    assert [(n.kind, n.segment) for n in desk.desk.inbox("robert")] == [("assigned", None), ("answer", 3),
                                                                        ("query", 4)]
    assert desk.desk.inbox("chief") == []


def test_the_editors_sign_off_notifies_the_translator(desk, tmp_path):
    doc = _article(desk, tmp_path, "short", "짧은 기사.")
    desk.desk.assign(doc, "translator", "david", by="chief")
    desk.editing.save(doc, 1, "Short", by="david")
    desk.editing.save(doc, 2, "A short article.", by="david")
    for index in (1, 2):
        desk.editing.mark_translated(doc, index, by="david")
        desk.review.approve(doc, index, by="robert")
    desk.review.sign_off(doc, "translator", by="david", confirm=True)
    desk.review.sign_off(doc, "editor", by="robert", confirm=True)
    assert [n.kind for n in desk.desk.inbox("david")] == ["assigned", "signed_off"]
    assert "it is approved" in desk.desk.inbox("david")[-1].text


def test_seen_notifications_leave_the_unseen_inbox_but_stay_in_all(desk, sample_doc):
    desk.desk.assign(sample_doc.id, "translator", "jane", by="chief")
    desk.desk.assign(sample_doc.id, "editor", "emma", by="chief")
    [note] = desk.desk.inbox("jane")
    assert desk.desk.mark_seen("jane", [note.id]) == 1
    assert desk.desk.mark_seen("emma", [note.id]) == 0  # someone else's notification is not theirs to mark
    assert desk.desk.inbox("jane") == []
    [kept] = desk.desk.inbox("jane", unseen_only=False)
    assert kept.seen_at is not None and len(desk.desk.inbox("emma")) == 1


def test_a_notification_reads_in_korean(desk, sample_doc):
    desk.desk.assign(sample_doc.id, "translator", "jane", by="chief")
    [note] = desk.desk.inbox("jane")
    with using("ko"):
        assert "chief" in note.text


def test_a_translator_with_assigned_work_starts_on_their_queue(desk, sample_doc):
    from workflow.models import Start

    david = desk.users.get("david")
    assert desk.desk.home(david) == desk.documents.home(david)  # nothing assigned: where they worked last
    desk.desk.assign(sample_doc.id, "translator", "david", by="chief")
    assert desk.desk.home(david).start is Start.DOCUMENTS  # the queue, soonest due first, on top
    assert desk.desk.home(david, about=sample_doc.id).start is Start.EDITOR  # a launch about one document
    assert desk.desk.home(desk.users.get("robert")).start is Start.REVIEW_QUEUE
