"""Files in and out through the real entry point: `tandem import FILE` by content, `tandem export
--format xliff12|xliff2`, and `tandem validate FILE`."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DRAFT, KO, SAMPLE, snapshot
from corpora import require_corpora

GLOSSARY = SAMPLE / "glossary-nk-news.csv"


@pytest.fixture
def desk(tandem, db_path):
    from workflow.workspace import Workspace

    # Set up through the API (quick); what is under test goes through the real entry point.
    with Workspace.open(db_path) as ws:
        for name, role in (("admin", "admin"), ("david", "translator"), ("robert", "editor")):
            ws.users.add(name, [role], by="admin")
        doc = ws.files.import_document(KO, DRAFT, by="david").document.id
        ws.editing.mark_translated(doc, 2, by="david")
        ws.review.approve(doc, 3, by="robert")
        ws.review.reject(doc, 4, comment="Name the ministry.", by="robert")
    return tandem


def _show(tandem, doc: int) -> list[tuple]:
    shown = json.loads(tandem("show", str(doc), "--json").out)["segments"]
    return [(s["index"], s["kind"], s["state"], s["korean"], s["english"]) for s in shown]


@pytest.mark.parametrize("fmt, version", [("xliff12", "1.2"), ("xliff2", "2.1")])
def test_export_and_import_by_content_give_the_same_document(desk, tmp_path, fmt, version):
    out = tmp_path / "article.txt"  # a .txt holding XLIFF is read as XLIFF
    run = desk("export", "1", "--format", fmt, "-o", str(out))
    assert run.code == 0 and f"XLIFF {version}, 16 units" in run.out
    assert out.read_bytes().startswith(b"<?xml")
    # The file carries its document's mark: imported as it is, it goes back to document 1 (nothing
    # changed, so nothing moves); a copy is asked for by name.
    back = desk("import", str(out))
    assert back.code == 0 and back.out.splitlines()[0] == "1", back.err
    assert "returned to document 1: segments changed 0," in back.out
    tagged = desk("import", str(out), "--tags", "returned")
    assert tagged.code == 2 and "returns to document 1" in tagged.err and "--as-new" in tagged.err
    run = desk("import", str(out), "--tags", "returned", "--as-new")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "2" and f"read as XLIFF {version}" in lines[1]
    assert _show(desk, 2) == _show(desk, 1)
    states = [s[2] for s in _show(desk, 2)]
    assert states[:4] == ["draft", "translated", "approved", "rejected"]
    again = desk("import", str(out), "--as-new")
    assert "imported before as document 2" in again.err


def test_export_to_standard_output_is_the_file(desk):
    run = desk("export", "1", "--format", "xliff2")
    assert run.code == 0 and run.out.startswith("<?xml") and "urn:oasis:names:tc:xliff:document:2.0" in run.out


def test_an_xlf_holding_a_zip_is_refused_as_a_zip_and_nothing_changes(desk, tmp_path, db_path):
    bad = tmp_path / "article.xlf"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    before = snapshot(db_path)
    run = desk("import", str(bad))
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "ZIP archive" in run.err and str(bad) in run.err
    assert snapshot(db_path) == before


def test_a_broken_xliff_is_refused_with_its_line_and_nothing_changes(desk, tmp_path, db_path):
    good = tmp_path / "good.xlf"
    desk("export", "1", "--format", "xliff12", "-o", str(good))
    text = good.read_text(encoding="utf-8")
    bad = tmp_path / "bad.xlf"
    bad.write_text(text.replace('id="3"', 'id="2"', 1), encoding="utf-8")
    before = snapshot(db_path)
    run = desk("import", str(bad))
    assert run.code == 2 and re.search(r"line \d+, <trans-unit>: .*Duplicate key-sequence \['2'\]", run.err)
    assert snapshot(db_path) == before


def test_import_sends_tmx_to_the_memory_and_a_glossary_to_the_glossary(desk, tmp_path):
    tmx = tmp_path / "memory.xml"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="ko"/><body>'
                   '<tu><tuv xml:lang="ko"><seg>해외 노동자</seg></tuv><tuv xml:lang="en"><seg>overseas workers</seg>'
                   '</tuv></tu></body></tmx>', encoding="utf-8")
    run = desk("import", str(tmx))
    assert run.code == 0 and "read as TMX" in run.out and "1 units added" in run.out
    assert "overseas workers" in desk("tm", "search", "해외 노동자").out
    glossary = tmp_path / "terms.txt"
    glossary.write_bytes(GLOSSARY.read_bytes())
    run = desk("import", str(glossary))
    assert run.code == 0 and "read as CSV glossary" in run.out, run.err
    assert json.loads(desk("glossary", "list", "--json").out)
    tbx = tmp_path / "terms.tbx"
    tbx.write_bytes(desk("glossary", "export", "--format", "tbx").out.encode("utf-8"))
    run = desk("import", str(tbx))
    assert run.code == 0 and "read as TBX" in run.out and "added" in run.out


def test_article_options_are_refused_for_other_kinds(desk, tmp_path):
    out = tmp_path / "a.xlf"
    desk("export", "1", "--format", "xliff2", "-o", str(out))
    run = desk("import", str(out), "--english", str(DRAFT))
    assert run.code == 2 and "--english" in run.err and "XLIFF 2.1" in run.err


def test_text_imports_still_say_what_they_were_read_as(desk):
    run = desk("import", str(KO), user="david")
    assert run.code == 0 and run.out.splitlines()[0] == "2" and "read as Korean text" in run.out


def test_validate_needs_no_workspace_and_writes_nothing(desk, tmp_path):
    out = tmp_path / "a.xlf"
    desk("export", "1", "--format", "xliff2", "-o", str(out))
    nowhere = tmp_path / "none.db"
    run = desk("validate", str(out), db=nowhere)
    assert run.code == 0 and run.out == f"{out}: valid XLIFF 2.1\n"
    assert not nowhere.exists()


def test_validate_reports_problems_with_line_and_element(desk, tmp_path):
    out = tmp_path / "a.xlf"
    desk("export", "1", "--format", "xliff2", "-o", str(out))
    bad = tmp_path / "bad.xlf"
    bad.write_text(out.read_text(encoding="utf-8").replace('<unit id="3"', '<unit id="2"', 1), encoding="utf-8")
    run = desk("validate", str(bad), "--json")
    assert run.code == 1
    report = json.loads(run.out)
    assert (report["kind"], report["valid"], report["readable"]) == ("xliff2", False, True)
    (problem,) = report["problems"]
    assert problem["element"] == "unit" and problem["line"] > 1 and "'2'" in problem["message"]
    broken = tmp_path / "broken.xlf"
    broken.write_text(out.read_text(encoding="utf-8")[:400], encoding="utf-8")
    run = desk("validate", str(broken))
    assert run.code == 1 and "invalid XLIFF 2.1" in run.out and "line" in run.out


@pytest.mark.parametrize("make, expected", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(50)), "ZIP"),
    (lambda p: p.write_text('<?xml version="1.0"?><svg/>', encoding="utf-8"), "root <svg>"),
    (lambda p: p.write_text('<?xml version="1.0"?><rss version="2.0"/>', encoding="utf-8"), "news feed (RSS)"),
])
def test_validate_exits_2_on_what_it_cannot_read(tandem, tmp_path, make, expected):
    path = tmp_path / "x.xlf"
    make(path)
    run = tandem("validate", str(path))
    assert run.code == 2 and "unreadable" in run.out and expected in run.out


def test_validate_judges_tmx_tbx_csv_and_text_by_their_readers(tandem, tmp_path):
    assert tandem("validate", str(GLOSSARY)).code == 0
    assert "valid Korean text" in tandem("validate", str(KO)).out
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.4"><header/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>',
                   encoding="utf-8")
    run = tandem("validate", str(bad), "--json")
    report = json.loads(run.out)
    assert run.code == 1 and report["kind"] == "tmx" and report["problems"][0]["element"] == "tuv"


@pytest.mark.parametrize("lang, prefix", [("en", "line 3"), ("ko", "3행")])
def test_validate_takes_the_line_out_of_a_readers_refusal_in_either_language(tandem, tmp_path, lang, prefix):
    # The TMX reader and the XML layer refuse with "line N: ..."; a line named later stays in the text.
    for body in ("<tu><tuv><seg>x</seg></tuv></tu>", "<tu></tuv>"):
        bad = tmp_path / "bad.tmx"
        bad.write_text(f'<?xml version="1.0"?>\n<tmx version="1.4"><header/><body>\n{body}\n</body></tmx>\n',
                       encoding="utf-8")
        run = tandem("--lang", lang, "validate", str(bad), "--json")
        (problem,) = json.loads(run.out)["problems"]
        assert run.code == 1 and problem["line"] == 3, problem
        assert not problem["message"].startswith(prefix) and prefix in tandem("--lang", lang, "validate", str(bad)).out


def test_an_interchange_file_over_the_text_limit_is_taken_by_import_and_validate(desk, tmp_path):
    from workflow.textfile import MAX_BYTES

    # A TMX between the article limit (20 MB) and the XML layer's (50 MiB) is read, not refused.
    big = tmp_path / "desk-memory.tmx"
    with big.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                     'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ko" '
                     'datatype="plaintext"/><body><tu><tuv xml:lang="ko"><seg>조국</seg></tuv>'
                     '<tuv xml:lang="en"><seg>homeland</seg></tuv></tu>\n')
        line = "<!-- " + "x" * 90 + " -->\n"  # many small nodes: libxml2 limits the size of one
        handle.write(line * (MAX_BYTES // len(line) + 10))
        handle.write("</body></tmx>\n")
    run = desk("validate", str(big))
    assert run.code == 0 and "valid TMX" in run.out, run.out + run.err
    run = desk("import", str(big))
    assert run.code == 0 and "1 units added" in run.out, run.err


def _euc_kr_labelled_cp949(kind: str) -> bytes:
    """A TMX or TBX that declares EUC-KR and holds a CP949 syllable (똠), as Korean desks have them."""
    if kind == "tbx":
        from glossaries.model import Term
        from glossaries.tbx import write_tbx

        text = write_tbx([Term("똠방각하", "watermelon")]).decode("utf-8")
    else:
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ko" '
                'datatype="plaintext"/><body><tu><tuv xml:lang="ko"><seg>똠방각하</seg></tuv>'
                '<tuv xml:lang="en"><seg>watermelon</seg></tuv></tu></body></tmx>\n')
    head, rest = text.split("?>", 1)
    return ('<?xml version="1.0" encoding="EUC-KR"?>' + rest).encode("cp949")


@pytest.mark.parametrize("command, kind", [(("tm", "import"), "tmx"), (("import",), "tmx"),
                                           (("glossary", "import"), "tbx"), (("import",), "tbx")])
def test_an_encoding_warning_is_printed_once_naming_the_file(desk, tmp_path, command, kind):
    path = tmp_path / f"legacy.{kind}"
    path.write_bytes(_euc_kr_labelled_cp949(kind))
    run = desk(*command, str(path))
    assert run.code == 0, run.err
    assert run.err == f"tandem: warning: {path}: declares EUC-KR but holds CP949 characters; read as CP949\n"
    assert "1 " in run.out  # one unit or term taken


# Real files of every kind: each is told apart by content ------------------------------------------------


@pytest.mark.parametrize("folder, pattern, kind", [
    ("xliff12-samples/sap", "*.xlf", "xliff12"),
    ("xliff12-samples/translate-toolkit", "*.xlf", "xliff12"),
    ("xliff21-oasis-testsuite", "*.xlf", "xliff2"),
    ("xliff22-oasis-testsuite", "*.xlf", "xliff2"),
    ("tmx-lisa-compliance-kit", "*.tmx", "tmx"),
    ("tbx-v3-samples-byutrg", "*.tbx", "tbx"),
    ("tbx-basic-package-v2", "*.tbx", "tbx"),
])
def test_real_files_are_told_apart_by_content(folder, pattern, kind):
    from workflow.interchange.sniff import sniff_file

    paths = sorted(require_corpora(*folder.split("/")).rglob(pattern))
    assert paths
    assert {p.name: sniff_file(p)[1].kind for p in paths} == {p.name: kind for p in paths}


def test_a_pair_turned_round_in_the_english_still_exports_and_the_segment_is_named(desk, tmp_path):
    source = tmp_path / "codes.xlf"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">'
        '<file id="f1"><unit id="u1"><segment state="initial">'
        '<source><sc id="1"/>러시아<ec startRef="1"/> 파견</source><target><sc id="1"/>Russia<ec startRef="1"/> sent</target>'
        '</segment></unit></file></xliff>', encoding="utf-8")
    run = desk("import", str(source), user="david")
    assert run.code == 0, run.err
    doc = run.out.splitlines()[0]
    run = desk("edit", doc, "1", "⟦/1⟧Russia⟦1⟧ sent ⟦7/⟧", user="david")
    assert run.code == 0, run.err
    for fmt in ("xliff2", "xliff12"):
        out = tmp_path / f"turned.{fmt}"
        run = desk("export", doc, "--format", fmt, "-o", str(out))
        assert run.code == 0, run.err
        assert "segments 1 have placeholders" in run.err
        assert desk("validate", str(out)).code == 0
        again = desk("import", str(out))
        assert again.code == 0, again.err
        english = _show(desk, int(again.out.splitlines()[0]))[0][4]
        assert "Russia" in english and english.endswith(" sent ⟦7/⟧")


DUPLICATE_IDS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ko" trgLang="en">
  <file id="f"><unit id="u"><segment><source>북한</source></segment></unit>
  <unit id="u"><segment><source>노동자</source></segment></unit></file>
</xliff>
"""


@pytest.mark.parametrize("command", [("import",), ("tm", "import"), ("glossary", "import")])
def test_a_refused_first_import_leaves_no_workspace_behind(tandem, tmp_path, command):
    """Nothing written means nothing: not even the workspace file the command would have created."""
    bad = tmp_path / "bad.xlf"
    bad.write_text(DUPLICATE_IDS, encoding="utf-8")
    fresh = tmp_path / "new" / "workspace.db"
    fresh.parent.mkdir()
    run = tandem(*command, str(bad), db=fresh)
    assert run.code == 2 and str(bad) in run.err
    assert list(fresh.parent.iterdir()) == []


def test_import_accepts_a_harmless_schema_break_naming_the_rule_and_validate_agrees(desk, tmp_path):
    good = tmp_path / "good.xlf"
    desk("export", "1", "--format", "xliff12", "-o", str(good))
    matecat = tmp_path / "matecat.xlf"  # Matecat names its tool on every <file> and never describes it
    matecat.write_text(good.read_text(encoding="utf-8").replace("<file ", '<file tool-id="matecat-raw" ', 1),
                       encoding="utf-8")
    checked = desk("validate", str(matecat))
    assert checked.code == 0 and checked.out.startswith(f"{matecat}: valid XLIFF 1.2\n")
    assert "warning: line" in checked.out and "KR_file_tool-id" in checked.out
    run = desk("import", str(matecat))  # a new document, or a return to the one it came from
    assert run.code == 0
    assert "tool-id 'matecat-raw' names no <tool>" in run.err and "KR_file_tool-id" in run.err
