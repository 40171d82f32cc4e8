"""Control characters in typed text (issue 16 §4): `tandem edit` and `glossary add/propose/edit` are
held to the rule imports keep. Refused with where the character stands; nothing is written."""

from __future__ import annotations

import pytest

from workflow.errors import InputError

REFUSAL = "is the control character {char}; Tandem does not take terminal control characters in text"


@pytest.mark.parametrize("text, place, char", [
    ("He left.\x1b]0;pwned\x07", "character 9", "U+001B (ESC)"),
    ("\x9b2J cleared", "character 1", "U+009B (CSI)"),
    ("bell\x07", "character 5", "U+0007 (BEL)"),
    ("line\rover", "character 5", "U+000D (CR)"),
    ("del\x7f", "character 4", "U+007F (DEL)"),
])
def test_tandem_edit_refuses_control_characters_and_writes_nothing(tandem, workspace, sample_doc, text, place, char):
    head = workspace.documents.changes(sample_doc.id)[0]
    done = tandem("edit", str(sample_doc.id), "3", text, user="david")
    assert done.code != 0
    assert f"segment 3: {place} {REFUSAL.format(char=char)}" in done.err, done.err
    assert len(workspace.documents.history(sample_doc.id, 3)) == 1
    assert workspace.documents.changes(sample_doc.id)[0] == head  # not even an audit entry


def test_tandem_edit_takes_tabs_and_line_feeds(tandem, workspace, sample_doc):
    done = tandem("edit", str(sample_doc.id), "3", "First line\n\tsecond line", user="david")
    assert done.code == 0, done.err
    assert workspace.documents.segments(sample_doc.id)[2].target == "First line\n\tsecond line"


def test_every_save_path_refuses_them(workspace, sample_doc):
    for save in (lambda: workspace.editing.save(sample_doc.id, 3, "x\x1b", by="david"),
                 lambda: workspace.editing.save_and_approve(sample_doc.id, 3, "x\x1b", by="robert"),
                 lambda: workspace.editing.resolve_conflict(sample_doc.id, 3, "x\x1b", by="david")):
        with pytest.raises(InputError, match="U\\+001B"):
            save()
    assert len(workspace.documents.history(sample_doc.id, 3)) == 1


@pytest.fixture
def glossary_cli(tandem, workspace):
    workspace.users.add("minji", ["terminologist"], by="admin")
    return tandem


@pytest.mark.parametrize("args, field, place, char", [
    (["add", "보위지도원", "security\x1b[2J officer"], "English", "character 9", "U+001B (ESC)"),
    (["add", "보위\x9b지도원", "security officer"], "Korean", "character 3", "U+009B (CSI)"),
    (["add", "보위지도원", "security officer", "--note", "ring\x07"], "Note", "character 5", "U+0007 (BEL)"),
    (["add", "보위지도원", "security officer", "--forbidden", "guard\x85"], "Forbidden", "character 6",
     "U+0085 (NEL)"),
    (["add", "보위지도원", "security officer", "--ko-variant", "\x1f보위원"], "Korean variants", "character 1",
     "U+001F"),
    (["propose", "보위지도원", "security officer", "--domain", "\x02x"], "Domain", "character 1", "U+0002"),
    (["add", "보위지도원", "security officer", "--reason", "new\x1b[0m"], "reason", "character 4", "U+001B (ESC)"),
])
def test_glossary_add_and_propose_refuse_control_characters(glossary_cli, workspace, args, field, place, char):
    done = glossary_cli("glossary", *args, user="minji")
    assert done.code != 0
    assert f"{field}: {place} {REFUSAL.format(char=char)}" in done.err, done.err
    assert workspace.glossary.terms() == []


def test_glossary_edit_refuses_control_characters_in_a_changed_field_and_its_reason(glossary_cli, workspace):
    added = glossary_cli("glossary", "add", "보위지도원", "security officer", user="minji")
    assert added.code == 0, added.err
    term_id = added.out.split()[0]
    done = glossary_cli("glossary", "edit", term_id, "--en-variant", "officer\x1b[31m", "--reason", "x",
                        user="minji")
    assert done.code != 0 and f"Admitted: character 8 {REFUSAL.format(char='U+001B (ESC)')}" in done.err
    done = glossary_cli("glossary", "edit", term_id, "--note", "fine", "--reason", "why\x9b", user="minji")
    assert done.code != 0 and f"reason: character 4 {REFUSAL.format(char='U+009B (CSI)')}" in done.err
    (term,) = workspace.glossary.terms()
    assert term.en_variants == () and term.note == "" and len(workspace.glossary.history(term.id)) == 1
    ok = glossary_cli("glossary", "edit", term_id, "--note", "tab\tkept as a space", "--reason", "why",
                      user="minji")
    assert ok.code == 0, ok.err
