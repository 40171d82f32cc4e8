"""Doubtful-pairing notes are stored in English and read in the interface language."""

from __future__ import annotations

import string

from conftest import DRAFT, KO
from workflow import i18n
from workflow.pairing_notes import NOTES, shown


def _filled(template: str) -> tuple[str, dict[str, str]]:
    fields = {f: str(n) for n, f in enumerate(
        (f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f), start=4)}
    return template.format(**fields), fields


def test_every_stored_note_is_found_again_and_shown_in_korean():
    with i18n.using("ko"):
        for template in NOTES:
            stored, fields = _filled(template)
            korean = shown(stored)
            assert korean == i18n._(template).format(**fields)
            assert korean != stored and all(value in korean for value in fields.values()), template


def test_a_note_is_shown_as_stored_in_english_or_when_it_is_not_one_of_ours():
    stored, _fields = _filled(NOTES[0])
    assert shown(stored) == stored
    with i18n.using("ko"):
        assert shown("written by some other tool") == "written by some other tool"
        assert shown(None) is None


def test_show_in_korean_translates_the_note_the_import_stored(tandem, tmp_path):
    # The translator dropped the tenth paragraph: segment 10 gets a note, stored in English.
    parts = DRAFT.read_text(encoding="utf-8").strip().split("\n\n")
    draft = tmp_path / "draft.md"
    draft.write_text("\n\n".join(parts[:9] + parts[10:]) + "\n", encoding="utf-8")
    assert tandem("users", "add", "david", "--role", "translator").code == 0
    run = tandem("--lang", "ko", "import", str(KO), "--english", str(draft), user="david")
    assert run.code == 0, run.err
    doc = run.out.splitlines()[0]
    korean = tandem("--lang", "ko", "show", doc)
    english = tandem("show", doc)
    assert "초안에서 빠졌을 수 있습니다" in run.out and "초안에서 빠졌을 수 있습니다" in korean.out
    assert "the draft may have dropped it" in english.out
    assert "the draft may have dropped it" not in korean.out
