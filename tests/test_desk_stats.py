"""The desk in numbers (issue 17 §5) on a workspace built with fixed times, read in Seoul.

Three finished articles and one in progress, two translators and an editor, across two weeks:
  doc 1 (7 words)  imported Mon 30 Nov 10:00 KST by david; robert changes one word; signed Tue 1 Dec 10:00 (24 h)
  doc 2 (5 words)  imported Tue 1 Dec 05:00 KST (Mon 30 Nov in UTC) by jane; robert keeps it; signed Wed 2 Dec 17:00 (36 h)
  doc 3 (6 words)  imported Tue 8 Dec 11:00 KST by david; robert rewrites both; signed Tue 8 Dec 15:00 (4 h);
                   david then edits (voiding it) and robert signs again on Wed 9 Dec: finished once, on the 8th
  doc 4 (3 words)  imported Wed 9 Dec 09:00 KST; nothing else
Dismissals: two of text.doubled_word, on 30 Nov and on 8 Dec.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from workflow.errors import InputError
from workflow.workspace import Workspace

TEXTS = {  # Korean, translator's English, editor's English (None: the editor keeps it)
    1: [("북한 노동자들이 러시아에 갔다.", "North Korean workers went to Russia.", "North Korean laborers went to Russia."),
        ("그들은 돈을 벌었다.", "They earned money.", None)],
    2: [("회의가 열렸다.", "A meeting was held.", None), ("모두 참석했다 오늘 아침.", "Everyone came this morning.", None)],
    3: [("정부는 발표했다.", "The government announced it.", "The government said so."),
        ("새 정책이 시작된다 내일.", "A new policy starts tomorrow.", "A new rule begins tomorrow.")],
    4: [("비가 온다 많이.", "", None)],
}


class Clock:
    """Every workflow module's `now`, pinned to a time the test moves."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from workflow.clock import now as real_now

        self.at = "2026-11-30T00:00:00.000+00:00"
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


def _import(ws: Workspace, tmp_path: Path, number: int, by: str) -> int:
    ko = tmp_path / f"ko{number}.md"
    ko.write_text("\n\n".join(k for k, _, _ in TEXTS[number]) + "\n", encoding="utf-8")
    return ws.files.import_document(ko, by=by).document.id


def _translate(ws: Workspace, doc: int, number: int, by: str) -> None:
    for i, (_, english, _) in enumerate(TEXTS[number], 1):
        ws.editing.save(doc, i, english, by=by)
        ws.editing.mark_translated(doc, i, by=by)


def _edit_and_sign(ws: Workspace, doc: int, number: int) -> None:
    for i, (_, _, edited) in enumerate(TEXTS[number], 1):
        if edited is None:
            ws.review.approve(doc, i, by="robert")
        else:
            ws.editing.save_and_approve(doc, i, edited, by="robert")
    ws.review.sign_off(doc, "editor", by="robert", confirm=True)


def _dismiss_one(ws: Workspace, doc: int, index: int, check: str, by: str) -> None:
    found = [v.finding for v in ws.findings.segment(doc, index) if v.open and v.finding.check == check]
    assert found, [v.finding.check for v in ws.findings.segment(doc, index)]
    ws.editing.dismiss(doc, index, found[0], reason="house style", by=by)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seoul) -> Path:
    return build_desk(tmp_path, Clock(monkeypatch))


def build_desk(tmp_path: Path, clock: Clock) -> Path:
    path = tmp_path / "desk.db"
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], display_name="David Black", by="admin")
        ws.users.add("jane", ["translator"], display_name="Jane Kim", by="admin")
        ws.users.add("robert", ["editor"], display_name="Robert Lauler", by="admin")

        clock("2026-11-30T01:00:00")
        d1 = _import(ws, tmp_path, 1, "david")
        clock("2026-11-30T02:00:00")
        _translate(ws, d1, 1, "david")
        ws.editing.save(d1, 2, "They earned earned money.", by="david")
        _dismiss_one(ws, d1, 2, "text.doubled_word", "david")
        ws.editing.save(d1, 2, TEXTS[1][1][1], by="david")
        ws.editing.mark_translated(d1, 2, by="david")
        clock("2026-11-30T05:00:00")
        ws.review.sign_off(d1, "translator", by="david", confirm=True)

        clock("2026-11-30T20:00:00")  # 1 Dec 05:00 in Seoul
        d2 = _import(ws, tmp_path, 2, "jane")
        clock("2026-12-01T00:30:00")
        _translate(ws, d2, 2, "jane")
        ws.review.sign_off(d2, "translator", by="jane", confirm=True)
        clock("2026-12-01T01:00:00")
        _edit_and_sign(ws, d1, 1)
        clock("2026-12-02T08:00:00")
        _edit_and_sign(ws, d2, 2)

        clock("2026-12-08T02:00:00")
        d3 = _import(ws, tmp_path, 3, "david")
        clock("2026-12-08T03:00:00")
        _translate(ws, d3, 3, "david")
        ws.editing.save(d3, 1, "The the government announced it.", by="david")
        _dismiss_one(ws, d3, 1, "text.doubled_word", "david")
        ws.editing.save(d3, 1, TEXTS[3][0][1], by="david")
        ws.editing.mark_translated(d3, 1, by="david")
        ws.review.sign_off(d3, "translator", by="david", confirm=True)
        clock("2026-12-08T06:00:00")
        _edit_and_sign(ws, d3, 3)
        clock("2026-12-09T00:00:00")  # david changes the signed text, then both sign again
        ws.editing.save(d3, 2, "A new rule begins on Wednesday.", by="david")
        ws.editing.mark_translated(d3, 2, by="david")
        ws.review.sign_off(d3, "translator", by="david", confirm=True)
        ws.review.approve(d3, 2, by="robert")
        ws.review.sign_off(d3, "editor", by="robert", confirm=True)
        d4 = _import(ws, tmp_path, 4, "admin")
        assert [d1, d2, d3, d4] == [1, 2, 3, 4]
        clock("2026-12-10T03:00:00")  # "today" is Thu 10 Dec in Seoul
    return path


def _figures(path: Path, since: str | None = None):
    with Workspace.open(path, create=False) as ws:
        return ws.stats.desk(since)


def test_the_desk_in_numbers(desk):
    from datetime import date

    stats = _figures(desk)
    assert stats.today == date(2026, 12, 10) and stats.since is None
    assert stats.days[0].day == date(2026, 11, 30) and stats.days[-1].day == date(2026, 12, 10)
    assert len(stats.days) == 11  # every day, the quiet ones too (a chart's gaps)
    assert [(d.day.day, d.imported, d.imported_words, d.finished, d.finished_words) for d in stats.active_days] == [
        (30, 1, 7, 0, 0), (1, 1, 6, 1, 7), (2, 0, 0, 1, 6), (8, 1, 6, 1, 6), (9, 1, 3, 0, 0)]
    assert (stats.imported, stats.finished) == (4, 3)
    # Articles each person signed off, once per role however often they signed it.
    assert [(p.user, p.name, p.translated, p.translated_words, p.edited, p.edited_words) for p in stats.people] == [
        ("robert", "Robert Lauler", 0, 0, 3, 19), ("david", "David Black", 2, 13, 0, 0), ("jane", "Jane Kim", 1, 6, 0, 0)]
    assert stats.median_seconds == 24 * 3600  # 24 h, 36 h and 4 h
    effort = {t.user: [(w.week, w.changed, w.words) for w in t.weeks] for t in stats.effort}
    # doc 1: one word of 6, 3 unchanged; doc 3: "announced it." -> "said so." and policy starts -> rule begins; jane's kept.
    assert effort == {"david": [(date(2026, 11, 30), 1, 9), (date(2026, 12, 7), 4, 9)],
                      "jane": [(date(2026, 11, 30), 0, 8)]}
    david = next(t for t in stats.effort if t.user == "david")
    assert (david.changed, david.words, round(david.ratio, 4)) == (5, 18, 0.2778)
    assert [(d.check, d.count) for d in stats.dismissed] == [("text.doubled_word", 2)]


def test_since_counts_from_that_day_where_the_reader_is(desk):
    from datetime import date

    stats = _figures(desk, "2026-12-02")
    assert stats.since == date(2026, 12, 2) and stats.days[0].day == date(2026, 12, 2)
    assert [(d.day.day, d.imported, d.finished) for d in stats.active_days] == [(2, 0, 1), (8, 1, 1), (9, 1, 0)]
    assert [(p.user, p.translated, p.edited) for p in stats.people] == [("robert", 0, 2), ("david", 1, 0)]
    assert stats.median_seconds == 20 * 3600  # 36 h and 4 h
    assert {t.user: [w.week for w in t.weeks] for t in stats.effort} == {
        "david": [date(2026, 12, 7)], "jane": [date(2026, 11, 30)]}
    assert [(d.check, d.count) for d in stats.dismissed] == [("text.doubled_word", 1)]
    nothing = _figures(desk, "2027-01-01")
    assert (nothing.days, nothing.people, nothing.effort, nothing.dismissed, nothing.median_seconds) == ((), (), (), (), None)


@pytest.mark.parametrize("since", ["next tuesday", "2026-13-01", "12/40/26"])
def test_an_unreadable_since_names_the_option(desk, since):
    with pytest.raises(InputError) as raised:
        _figures(desk, since)
    assert "--since" in str(raised.value) and since in str(raised.value)


def test_an_empty_workspace_has_no_figures(tmp_path):
    with Workspace.open(tmp_path / "empty.db") as ws:
        stats = ws.stats.desk()
    assert (stats.days, stats.people, stats.median_seconds, stats.median_text) == ((), (), None, None)
    assert stats.to_json()["days"] == []


def test_the_cli_shows_it_as_tables_and_as_json(desk, tandem, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Seoul")
    monkeypatch.setenv("COLUMNS", "100")
    run = tandem("stats", db=desk, user="admin")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert "4 articles imported, 3 finished" in run.out and "median 24 hours" in run.out
    assert any(line.split()[:5] == ["Nov", "30,", "2026", "1", "7"] for line in lines), run.out
    assert any(line.split()[:2] == ["Robert", "Lauler"] and "19" in line for line in lines), run.out
    assert any(line.startswith("text.doubled_word") and line.split()[1] == "2" for line in lines), run.out
    effort = lines[lines.index("Post-editing effort: words the editors changed of each translator's text, per week") + 2:]
    assert effort[0].split()[:2] == ["David", "Black"] and effort[0].endswith("11%")
    assert effort[2].split()[:2] == ["all", "weeks"] and effort[2].split()[-3:] == ["5", "18", "28%"]
    as_json = json.loads(tandem("stats", "--json", db=desk, user="admin").out)
    assert list(as_json) == ["since", "today", "imported", "finished", "median_signoff_seconds", "days",
                             "people", "effort", "dismissed"]
    assert as_json["days"][0] == {"day": "2026-11-30", "imported": 1, "imported_words": 7, "finished": 0,
                                  "finished_words": 0}
    assert as_json["effort"][0]["weeks"] == [{"week": "2026-11-30", "changed": 1, "words": 9, "ratio": 0.1111},
                                             {"week": "2026-12-07", "changed": 4, "words": 9, "ratio": 0.4444}]
    since = json.loads(tandem("stats", "--since", "2026-12-08", "--json", db=desk, user="admin").out)
    assert since["since"] == "2026-12-08" and [d["day"] for d in since["days"]] == ["2026-12-08", "2026-12-09"]
    bad = tandem("stats", "--since", "someday", db=desk, user="admin")
    assert bad.code == 2 and "--since" in bad.err and "someday" in bad.err
