"""The whole story of the sample article through the CLI, from draft to a credit line that holds."""

from __future__ import annotations

import json

from conftest import DRAFT, KO, SAMPLE, blocks

EDITED = SAMPLE / "en-edited.md"
GLOSSARY = SAMPLE / "glossary-nk-news.csv"
CREDIT = "Translated by David Black. Edited by Robert Lauler."


def test_from_draft_to_signed_export_and_a_void_after_one_more_edit(tandem):
    tandem("users", "add", "admin", "--role", "admin")
    tandem("users", "add", "david", "--role", "translator", "--name", "David Black")
    tandem("users", "add", "robert", "--role", "editor", "--name", "Robert Lauler")
    tandem("users", "add", "minji", "--role", "terminologist")
    assert tandem("glossary", "import", str(GLOSSARY), user="minji").code == 0
    doc = tandem("import", str(KO), "--english", str(DRAFT), user="david").out.splitlines()[0]

    # The translator dismisses the draft's error findings with a reason, then marks everything.
    report = json.loads(tandem("check", doc, "--json").out)
    errors = sorted({(f["segment"], f["check"]) for f in report["findings"] if f["severity"] == "error"})
    assert errors
    blocked = tandem("signoff", doc, "--role", "translator", user="david")
    assert blocked.code == 2 and "not translated yet" in blocked.err
    for segment, check in errors:
        run = tandem("dismiss", doc, str(segment), check, "--reason", "the editor will settle it", user="david")
        assert run.code == 0, run.err
    assert tandem("check", doc).code == 0
    assert tandem("translated", doc, user="david").code == 0
    run = tandem("signoff", doc, "--role", "translator", user="david")
    assert run.code == 0, run.err

    # The translator may not approve their own translation.
    refused = tandem("approve", doc, "1", user="david")
    assert refused.code == 2 and "cannot approve" in refused.err

    # The editor edits to the final text, approves every segment and signs off.
    final = blocks(EDITED)
    current = [s["english"] for s in json.loads(tandem("show", doc, "--json").out)["segments"]]
    notes = []
    for index, (was, wanted) in enumerate(zip(current, final), start=1):
        if was != wanted:
            run = tandem("edit", doc, str(index), wanted, user="robert")
            assert run.code == 0, run.err
            notes.append(run.err)
    assert "the edit sent it back to draft" in notes[0]
    assert "the translator sign-off of document" in notes[0] and "now void" in notes[0]
    assert tandem("report", doc).out.splitlines()[0].endswith("(in review)")
    for index in range(1, len(final) + 1):
        assert tandem("approve", doc, str(index), user="robert").code == 0
    run = tandem("signoff", doc, "--role", "editor", user="robert")
    assert run.code == 0, run.err

    exported = tandem("export", doc, "--format", "md", "--require-signoff")
    assert exported.code == 0, exported.err
    expected = EDITED.read_text(encoding="utf-8").strip() + "\n\n" + CREDIT + "\n"
    assert exported.out == expected
    assert exported.err == ""

    # One more edit voids the editor's sign-off; export warns, and refuses when sign-off is required.
    voiding = tandem("edit", doc, "3", final[2] + " More.", user="robert")
    assert "the editor sign-off of document" in voiding.err and "void" in voiding.err
    warned = tandem("export", doc, "--format", "md")
    assert warned.code == 0 and "editor's sign-off is void" in warned.err
    assert "translator's sign-off is void" in warned.err
    assert not warned.out.rstrip().endswith(CREDIT)
    assert tandem("export", doc, "--format", "md", "--require-signoff").code == 2

    report = json.loads(tandem("report", doc, "--json").out)
    assert report["total"]["changed"] > 0 and report["total"]["words"] > 0
    assert {(s["role"], s["valid"]) for s in report["signoffs"]} >= {("editor", False)}
    diff = tandem("diff", doc, "16")
    assert "[-guards-]" in diff.out and "{+guidance officers+}" in diff.out
