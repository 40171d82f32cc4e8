"""`tandem export --format html --publish` through the CLI: publish, correct, publish again."""

from __future__ import annotations

import json

from conftest import snapshot
from test_publishing import EXPECTED, published_sample
from workflow.workspace import Workspace


def _sample(db_path) -> str:
    from workflow.identity import os_login

    with Workspace.open(db_path) as ws:
        ws.users.add("admin", ["admin"], display_name="Desk Admin", by="admin")
        ws.users.add("david", ["translator"], display_name="David Black", by="admin")
        ws.users.add("robert", ["editor"], display_name="Robert Lauler", by="admin")
        ws.identity.map_login(os_login(), "admin", by="admin")
        return str(published_sample(ws))


def _publications(db_path) -> list[dict]:
    with Workspace.open(db_path, create=False) as ws:
        return ws._store.publications.publications(1)


def test_publish_then_a_correction_the_next_version_cannot_go_out_without(tandem, db_path, tmp_path):
    doc = _sample(db_path)
    preview = tandem("export", doc, "--format", "html")
    assert preview.code == 0 and preview.out == EXPECTED.read_text(encoding="utf-8") and preview.err == ""
    assert _publications(db_path) == []  # an export is not a publication

    page = tmp_path / "article.html"
    run = tandem("export", doc, "--format", "html", "--publish", "-o", str(page), user="robert")
    assert run.code == 0, run.err
    assert f"published document {doc}" in run.out
    assert page.read_bytes() == EXPECTED.read_bytes()
    assert len(_publications(db_path)) == 1
    listed = json.loads(tandem("docs", "--json").out)[0]["published"]
    assert listed["by"] == "Robert Lauler"
    listing = tandem("docs").out.splitlines()
    assert listing[0].endswith("PUBLISHED") and listing[1].endswith("by Robert Lauler")
    assert "published" in tandem("show", doc).out.splitlines()[1]

    # The same revisions again: the page, and nothing new recorded.
    again = tandem("export", doc, "--format", "html", "--publish", user="robert")
    assert again.code == 0 and again.out == EXPECTED.read_text(encoding="utf-8")
    assert "nothing new recorded" in again.err
    assert len(_publications(db_path)) == 1

    # The editor corrects segment 3 and signs off again.
    with Workspace.open(db_path, create=False) as ws:
        text = ws.documents.segments(1)[2].target.replace("Daily NK has learned", "Daily NK learned")
        ws.editing.save_and_approve(1, 3, text, by="robert")
        ws.review.sign_off(1, "editor", by="robert", confirm=True)
    shown = tandem("show", doc).out
    assert "changed since in segments 3: the next publication needs --correction" in shown

    before = snapshot(db_path)
    refused = tandem("export", doc, "--format", "html", "--publish", "-o", str(tmp_path / "refused.html"), user="robert")
    assert refused.code == 2 and refused.out == ""
    assert "--correction" in refused.err and "segments 3 changed since" in refused.err
    assert not (tmp_path / "refused.html").exists() and snapshot(db_path) == before

    note = "An earlier version said Daily NK \"has learned\" & more."
    corrected = tandem("export", doc, "--format", "html", "--publish", "--correction", note, "-o", str(page),
                       user="robert")
    assert corrected.code == 0, corrected.err
    assert "with a correction for segments 3" in corrected.out
    published = page.read_text(encoding="utf-8")
    assert "Daily NK learned." in published
    assert ("An earlier version said Daily NK &quot;has learned&quot; &amp; more.</p></aside>\n"
            '<p class="credit">') in published
    rows = _publications(db_path)
    assert [r.correction for r in rows] == [None, note]
    assert rows[1].revisions != rows[0].revisions
    shown = tandem("show", doc).out
    assert "correction, " in shown and note in shown
    shown_json = json.loads(tandem("show", doc, "--json").out)
    assert [p["correction"] for p in shown_json["publications"]] == [None, note]
    assert shown_json["changed_since_published"] == []


def test_refusals_name_the_option_and_change_nothing(tandem, db_path, tmp_path):
    doc = _sample(db_path)
    before = snapshot(db_path)
    for args, option in ((("--format", "md", "--publish"), "--publish"),
                         (("--format", "xliff2", "--publish"), "--publish"),
                         (("--format", "html", "--correction", "x"), "--correction"),
                         (("--format", "html", "--publish", "--correction", "x"), "--correction")):
        run = tandem("export", doc, *args, user="robert")
        assert run.code == 2 and run.err.startswith(f"tandem: error: {option}: "), (args, run.err)
        assert run.out == ""
    refused = tandem("export", doc, "--format", "html", "--publish", user="david")
    assert refused.code != 0 and "cannot publish articles" in refused.err
    assert snapshot(db_path) == before


def test_require_signoff_refuses_html_as_it_refuses_markdown(tandem, db_path):
    from conftest import DRAFT, KO

    _sample(db_path)
    with Workspace.open(db_path) as ws:
        doc = str(ws.files.import_document(KO, DRAFT, by="david").document.id)
    for fmt in ("md", "html"):
        refused = tandem("export", doc, "--format", fmt, "--require-signoff")
        assert refused.code == 2 and "cannot be exported: no translator has signed off" in refused.err
    warned = tandem("export", doc, "--format", "html")
    assert warned.code == 0 and "the credit line is incomplete" in warned.err
    assert 'class="credit"' not in warned.out
    published = tandem("export", doc, "--format", "html", "--publish", user="robert")
    assert published.code == 2 and "cannot be published: no translator has signed off" in published.err
