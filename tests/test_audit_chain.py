"""The audit log is a hash chain; edits made to the file behind Tandem's back are reported."""

from __future__ import annotations

import json
import sqlite3

import pytest
import raw_db

from workflow.storage.migrations import MIGRATIONS, M008_AUDIT_CHAIN


def _tamper(db_path, *statements: str) -> None:
    """What someone with the sqlite3 shell or psql could do: lift the guards, then rewrite history."""
    with raw_db.connect(db_path) as conn:
        conn.lift_guards()
        for statement in statements:
            conn.execute(statement)


def test_every_entry_carries_the_hash_of_the_one_before(workspace, sample_doc, db_path):
    workspace.editing.save(sample_doc.id, 2, "A new English text.", by="david")
    with raw_db.connect(db_path) as conn:
        rows = conn.rows("SELECT id, prev_hash, hash FROM audit_log ORDER BY id")
    assert len(rows) >= 5
    assert rows[0][1] == ""
    for before, after in zip(rows, rows[1:]):
        assert after[1] == before[2]
        assert len(after[2]) == 64 and after[2] != before[2]


def test_an_untouched_workspace_verifies(workspace, sample_doc, tandem, db_path):
    workspace.editing.save(sample_doc.id, 3, "Edited once.", by="david")
    result = workspace.audit.verify()
    assert result.ok, result.breaches
    assert result.entries == len(workspace.audit.log())
    run = tandem("verify")
    assert run.code == 0, run.err
    assert "intact" in run.out


def test_a_changed_audit_detail_is_reported_with_its_entry(workspace, sample_doc, tandem, db_path):
    workspace.editing.save(sample_doc.id, 2, "Edited.", by="david")
    target = workspace.audit.log()[-1]
    workspace.close()
    forged = json.dumps({**target["detail"], "to": "approved"}, sort_keys=True)
    _tamper(db_path, f"UPDATE audit_log SET detail = '{forged}' WHERE id = {target['id']}")
    run = tandem("verify", "--json")
    assert run.code == 1
    report = json.loads(run.out)
    assert not report["ok"]
    assert {"what": "audit", "id": target["id"]}.items() <= report["problems"][0].items()
    assert "changed after it was written" in report["problems"][0]["problem"]


def test_a_removed_entry_breaks_the_chain_at_the_next(workspace, sample_doc, tandem, db_path):
    for text in ("One.", "Two.", "Three."):
        workspace.editing.save(sample_doc.id, 2, text, by="david")
    entries = workspace.audit.log()
    gone = entries[-2]["id"]
    workspace.close()
    _tamper(db_path, f"DELETE FROM audit_log WHERE id = {gone}")
    run = tandem("verify")
    assert run.code == 1
    assert f"audit {entries[-1]['id']}: does not follow the entry before it" in run.out


def test_a_rehashed_forgery_still_breaks_the_links_after_it(workspace, sample_doc, db_path):
    """Recomputing the forged entry's own hash is not enough: the next entry names the old one."""
    from workflow.audit import entry_hash

    workspace.editing.save(sample_doc.id, 2, "First.", by="david")
    workspace.editing.save(sample_doc.id, 2, "Second.", by="david")
    row = workspace._store.audit.audit_chain()[-2]
    workspace.close()
    detail = row.detail.replace('"to"', '"To"')
    new_hash = entry_hash(row.prev_hash, row.id, row.at, row.user_id, row.action,
                          row.document_id, row.segment_id, detail)
    _tamper(db_path, f"UPDATE audit_log SET detail = '{detail}', hash = '{new_hash}' WHERE id = {row.id}")
    from workflow.workspace import Workspace

    with Workspace.open(db_path, create=False) as ws:
        breaches = ws.audit.verify().breaches
    assert [(b.what, b.id) for b in breaches] == [("audit", row.id + 1)]


def test_a_revision_text_changed_by_hand_is_reported(workspace, sample_doc, tandem, db_path):
    saved = workspace.editing.save(sample_doc.id, 4, "The honest text.", by="david")
    workspace.close()
    _tamper(db_path, f"UPDATE revisions SET text = 'A forged text.' WHERE id = {saved.revision_id}")
    run = tandem("verify")
    assert run.code == 1
    assert f"revision {saved.revision_id}: its text no longer matches its content hash" in run.out


@pytest.mark.sqlite_only("SQLite's migration 8 chains the entries of a file made before it")
def test_the_migration_chains_entries_written_before_it(tmp_path):
    """A workspace from before the chain (schema 5) gets its existing entries chained in order."""
    from workflow.workspace import Workspace

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    before = MIGRATIONS.index(M008_AUDIT_CHAIN)
    for number, script in enumerate(MIGRATIONS[:before], start=1):
        conn.executescript(f"BEGIN;{script}PRAGMA user_version = {number};COMMIT;")
    conn.executescript(
        "INSERT INTO users (id, name, display_name, created_at) VALUES (1, 'admin', 'A', '2026-01-01');"
        + "".join(f"INSERT INTO audit_log (at, user_id, action, detail) VALUES "
                  f"('2026-01-0{i}', 1, 'user.add', '{{\"n\": {i}}}');" for i in range(1, 6))
    )
    conn.close()
    with Workspace.open(path, create=False) as ws:
        result = ws.audit.verify()
        chain = ws._store.audit.audit_chain()
    assert result.ok and result.entries == 5
    assert [row.prev_hash for row in chain[1:]] == [row.hash for row in chain[:-1]]
    assert all(row.hash for row in chain)


def _forge_revision(db_path, revision_id: int, text: str) -> None:
    """A careful forger: the text and its content hash rewritten together, so they agree."""
    from workflow.records import content_hash

    _tamper(db_path, f"UPDATE revisions SET text = '{text}', content_hash = '{content_hash(text)}' "
                     f"WHERE id = {revision_id}")


def test_a_saved_text_rewritten_with_its_hash_is_still_caught(workspace, sample_doc, tandem, db_path):
    saved = workspace.editing.save(sample_doc.id, 4, "The honest text.", by="david")
    workspace.close()
    _forge_revision(db_path, saved.revision_id, "A forged text.")
    run = tandem("verify")
    assert run.code == 1
    assert f"revision {saved.revision_id}: its text differs from the text the audit log recorded" in run.out


def test_merged_resolved_and_kept_aside_texts_are_each_held_to_their_entry(workspace, sample_doc, db_path):
    from workflow.workspace import Workspace

    base = workspace.documents.segments(sample_doc.id)[1]
    words = base.target.split()
    theirs = " ".join(["THEIRS"] + words[1:])
    workspace.editing.save(sample_doc.id, 2, theirs, by="robert", based_on=base.revision_id)
    clash = workspace.editing.save(sample_doc.id, 2, " ".join(["MINE"] + words[1:]), by="david",
                                   based_on=base.revision_id)
    assert clash.conflict
    resolved = workspace.editing.resolve_conflict(sample_doc.id, 2, "Resolved.", by="david")
    merged_base = workspace.documents.segments(sample_doc.id)[2]
    more = merged_base.target.split()
    workspace.editing.save(sample_doc.id, 3, " ".join(["A"] + more[1:]), by="robert",
                           based_on=merged_base.revision_id)
    merged = workspace.editing.save(sample_doc.id, 3, " ".join(more[:-1] + ["Z."]), by="david",
                                    based_on=merged_base.revision_id)
    assert merged.merged
    aside = [r.id for r in workspace.documents.history(sample_doc.id, 3) if r.aside]
    workspace.close()
    for forged in (clash.revision_id, resolved.revision_id, merged.revision_id, *aside):
        _forge_revision(db_path, forged, "Forged.")
    with Workspace.open(db_path, create=False) as ws:
        caught = {b.id for b in ws.audit.verify().breaches if b.what == "revision"}
    assert caught == {clash.revision_id, resolved.revision_id, merged.revision_id, *aside}


def test_an_imported_text_rewritten_with_its_hash_is_caught_by_the_import_entry(workspace, sample_doc, db_path):
    from workflow.workspace import Workspace

    imported = workspace.documents.segments(sample_doc.id)[5].revision_id
    entry = next(e for e in workspace.audit.log(sample_doc.id) if e["action"] == "document.import")
    workspace.close()
    with Workspace.open(db_path, create=False) as ws:
        assert ws.audit.verify().ok
    _forge_revision(db_path, imported, "Forged.")
    with Workspace.open(db_path, create=False) as ws:
        breaches = ws.audit.verify().breaches
    assert [(b.what, b.id) for b in breaches] == [("audit", entry["id"])]
    assert "it imported were changed afterwards" in breaches[0].problem


def test_a_text_imported_from_xliff_is_held_to_its_import_entry(workspace, tmp_path, db_path):
    from workflow.workspace import Workspace

    xliff = tmp_path / "doc.xlf"
    xliff.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">'
        '<file id="f"><unit id="u1"><segment><source>한국어 문장입니다.</source>'
        '<target>An English sentence.</target></segment></unit></file></xliff>', encoding="utf-8")
    doc = workspace.files.import_bilingual(xliff, by="david").document
    imported = workspace.documents.segments(doc.id)[0].revision_id
    workspace.close()
    _forge_revision(db_path, imported, "Forged.")
    with Workspace.open(db_path, create=False) as ws:
        breaches = ws.audit.verify().breaches
    assert [b.what for b in breaches] == ["audit"] and "it imported" in breaches[0].problem
