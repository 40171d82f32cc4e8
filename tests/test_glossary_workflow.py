"""The maintainer's workflow: every change a revision with author and reason; roles enforced."""

from __future__ import annotations

import sqlite3

import pytest
import raw_db

from glossaries.model import Term, TermStatus
from workflow.errors import InputError, NotFound, PermissionDenied

from conftest import DRAFT, KO, SAMPLE, snapshot

GLOSSARY = SAMPLE / "glossary-nk-news.csv"


@pytest.fixture
def ws(workspace):
    workspace.users.add("minji", ["terminologist"], display_name="Kim Min-ji", by="admin")
    return workspace


def test_import_of_the_sample_glossary(ws):
    done = ws.glossary.import_file(GLOSSARY, by="minji")
    assert done.counts == {"added": 16, "updated": 0, "unchanged": 0} and done.warnings == ()
    party = next(t for t in ws.glossary.terms() if t.ko == "노동당")
    assert party.en == "Workers' Party"
    assert party.ko_variants == ("로동당", "조선로동당", "조선노동당")
    assert party.en_forbidden == ("Labor Party", "Labour Party")
    assert party.status is TermStatus.APPROVED
    assert ws.glossary.import_file(GLOSSARY, by="minji").counts == {"added": 0, "updated": 0, "unchanged": 16}


def test_reimport_with_a_changed_row_revises_that_term_only(ws, tmp_path):
    ws.glossary.import_file(GLOSSARY, by="minji")
    changed = tmp_path / "glossary.csv"
    changed.write_text(GLOSSARY.read_text(encoding="utf-8").replace(
        "간부,official,,officials|cadre|cadres", "간부,official,,officials|cadres"), encoding="utf-8")
    assert ws.glossary.import_file(changed, by="minji").counts == {"added": 0, "updated": 1, "unchanged": 15}
    cadre = next(t for t in ws.glossary.terms() if t.ko == "간부")
    history = ws.glossary.history(cadre.id)
    assert [r.term.en_variants for r in history] == [("officials", "cadre", "cadres"), ("officials", "cadres")]
    assert history[1].reason == "imported from glossary.csv" and history[1].parent_id == history[0].revision_id


def test_a_bad_glossary_file_changes_nothing(ws, db_path, tmp_path):
    ws.glossary.import_file(GLOSSARY, by="minji")
    bad = tmp_path / "bad.csv"
    bad.write_text("ko,en\n탈북자,defector\n,missing korean\n", encoding="utf-8")
    ws.close()
    before = snapshot(db_path)
    from workflow.workspace import Workspace

    with Workspace.open(db_path) as again:
        with pytest.raises(InputError, match=r"bad\.csv.*line 3"):
            again.glossary.import_file(bad, by="minji")
    assert snapshot(db_path) == before


def test_propose_approve_and_the_history_of_it(ws):
    proposed = ws.glossary.propose(Term("탈북자", "defector", en_variants=("escapee",)), by="david",
                                   reason="common in our copy")
    assert proposed.status is TermStatus.PROPOSED
    with pytest.raises(PermissionDenied, match="david cannot approve"):
        ws.glossary.approve(proposed.id, by="david")
    approved = ws.glossary.approve(proposed.id, by="minji", reason="house style")
    assert approved.status is TermStatus.APPROVED
    history = ws.glossary.history(proposed.id)
    assert [(r.author, r.role, r.term.status, r.reason) for r in history] == [
        ("david", "translator", TermStatus.PROPOSED, "common in our copy"),
        ("minji", "terminologist", TermStatus.APPROVED, "house style"),
    ]


def test_reject_deprecate_and_illegal_steps(ws):
    proposed = ws.glossary.propose(Term("인민", "people"), by="robert")
    rejected = ws.glossary.reject(proposed.id, by="minji", reason="too general")
    assert rejected.status is TermStatus.REJECTED
    with pytest.raises(InputError, match="is rejected; only proposed terms can be approved"):
        ws.glossary.approve(proposed.id, by="minji")
    added = ws.glossary.add(Term("장마당", "jangmadang", en_variants=("market",)), by="minji")
    assert added.status is TermStatus.APPROVED
    deprecated = ws.glossary.deprecate(added.id, by="minji", reason="use 'market' instead")
    assert deprecated.status is TermStatus.DEPRECATED


def test_only_maintainers_add_and_edit(ws):
    with pytest.raises(PermissionDenied, match="propose one instead"):
        ws.glossary.add(Term("장마당", "jangmadang"), by="david")
    term = ws.glossary.add(Term("장마당", "jangmadang"), by="minji")
    with pytest.raises(PermissionDenied):
        ws.glossary.edit(term.id, by="david", reason="x", en="market")
    edited = ws.glossary.edit(term.id, by="minji", reason="desk decision", en="market",
                              en_variants=("jangmadang",))
    assert (edited.en, edited.en_variants) == ("market", ("jangmadang",))
    with pytest.raises(InputError, match="nothing to change"):
        ws.glossary.edit(term.id, by="minji", reason="again", en="market", en_variants=("jangmadang",))
    with pytest.raises(InputError, match="say why"):
        ws.glossary.edit(term.id, by="minji", reason=" ", en="markets")


def test_a_second_entry_for_the_same_korean_is_refused(ws):
    ws.glossary.import_file(GLOSSARY, by="minji")
    with pytest.raises(InputError, match="로동당 is already in the glossary"):
        ws.glossary.propose(Term("로동당", "Labour Party"), by="david")
    with pytest.raises(InputError, match="해외노동자 is already"):
        ws.glossary.add(Term("해외노동자", "workers abroad"), by="minji")


def test_term_revisions_are_append_only(ws, db_path):
    ws.glossary.add(Term("장마당", "jangmadang"), by="minji")
    with raw_db.connect(db_path) as conn, pytest.raises(raw_db.DatabaseError, match="append-only"):
        conn.execute("UPDATE term_revisions SET en = 'market'")


def test_impact_lists_occurrences_and_failing_approved_segments(ws):
    ws.glossary.import_file(GLOSSARY, by="minji")
    doc = ws.files.import_document(KO, DRAFT, by="david").document
    guard = next(t for t in ws.glossary.terms() if t.ko == "보위지도원")
    impact = ws.glossary.impact(guard.id)
    assert [(o.document_id, o.segment, o.korean) for o in impact.occurrences] == [(doc.id, 16, "보위지도원")]
    assert impact.occurrences[0].forbidden == ("security guards",)
    assert impact.failing_approved == []  # nothing is approved yet
    with ws._store.write():  # stand-in for an editor's approval, which a later issue adds
        ws._store._engine.execute("UPDATE segments SET state = 'approved' WHERE document_id = ?", (doc.id,))
    assert [(o.segment) for o in ws.glossary.impact(guard.id).failing_approved] == [16]


def test_unknown_term(ws):
    with pytest.raises(NotFound, match="no glossary term 99"):
        ws.glossary.term(99)


@pytest.mark.parametrize("query, expected", [
    ("해외노동자", "해외 노동자"),  # spacing as typed need not match the entry's
    ("로동당", "노동당"),  # a North Korean spelling finds the entry
    ("guidance officer", "보위지도원"),
    ("WORKERS' PARTY", "노동당"),
])
def test_search_ignores_spacing_spelling_and_case(ws, query, expected):
    ws.glossary.import_file(GLOSSARY, by="minji")
    assert expected in [t.ko for t in ws.glossary.terms(search=query)]


def test_one_rendering_is_kept_through_storage_and_its_history(ws, db_path):
    added = ws.glossary.add(Term("해외 노동자", "overseas workers", en_variants=("workers overseas",),
                                 one_rendering=True), by="minji")
    plain = ws.glossary.add(Term("송환", "repatriation", en_variants=("sent home",)), by="minji")
    ws.glossary.edit(plain.id, by="minji", reason="the desk wants one name for it", one_rendering=True)
    ws.glossary.edit(added.id, by="minji", reason="either order reads well", one_rendering=False)
    ws.close()
    from workflow.workspace import Workspace

    with Workspace.open(db_path) as again:
        assert [r.term.one_rendering for r in again.glossary.history(added.id)] == [True, False]
        assert [r.term.one_rendering for r in again.glossary.history(plain.id)] == [False, True]
        exported = again.glossary.export("csv")
    assert "송환,repatriation,,sent home,,,,,approved,false,true" in exported.splitlines()


@pytest.mark.sqlite_only("SQLite's migration 10 on a file made before it")
def test_a_workspace_from_before_one_rendering_opens_with_every_term_off(tmp_path, monkeypatch):
    """Terms stored before the column existed asked for no consistency rule; they read false."""
    import workflow.storage.connection
    from workflow.storage.migrations import M010_ONE_RENDERING, MIGRATIONS
    from workflow.workspace import Workspace

    path = tmp_path / "old.db"
    with monkeypatch.context() as old_tandem:
        old_tandem.setattr(workflow.storage.connection, "MIGRATIONS",
                           MIGRATIONS[:MIGRATIONS.index(M010_ONE_RENDERING)])
        with Workspace.open(path) as ws:
            assert ws._store.schema_version() == MIGRATIONS.index(M010_ONE_RENDERING)
    conn = sqlite3.connect(path)
    conn.executescript(  # a user and a term as the old Tandem stored them: no one_rendering column to fill
        "INSERT INTO users (id, name, display_name, created_at) VALUES (1, 'minji', 'Kim Min-ji', '2026-01-01');"
        "INSERT INTO user_roles (user_id, role) VALUES (1, 'terminologist');"
        "INSERT INTO terms (id, created_by, created_at) VALUES (1, 1, '2026-01-01');"
        "INSERT INTO term_revisions (term_id, ko, en, en_variants, status, case_sensitive, author_id, role,"
        " created_at, reason) VALUES (1, '해외 노동자', 'overseas workers', '[\"workers overseas\"]', 'approved',"
        " 1, 1, 'terminologist', '2026-01-01', 'added');"
    )
    conn.close()
    with Workspace.open(path, create=False) as ws:
        [term] = ws.glossary.terms()
        assert (term.ko, term.case_sensitive, term.one_rendering) == ("해외 노동자", True, False)
        assert ws._store.schema_version() == len(MIGRATIONS)
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        raw.execute("INSERT INTO term_revisions (term_id, ko, en, status, one_rendering, author_id, role,"
                    " created_at, reason) VALUES (1, 'x', 'y', 'approved', 2, 1, 'terminologist', 'now', 'r')")
    raw.close()
