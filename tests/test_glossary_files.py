"""Glossary files in and out: CSV and TBX import/export, validation, and hostile XML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import ROOT
from corpora import require_corpora
from glossaries.csv_io import parse_csv, read_csv, write_csv
from glossaries.errors import GlossaryFileError
from glossaries.model import Term, TermStatus
from glossaries.tbx import parse_tbx, read_tbx, read_tbx_report, write_tbx

SAMPLE_CSV = ROOT / "workflow" / "demo" / "glossary-nk-news.csv"
HEADER = "ko,en,ko_variants,en_variants,en_forbidden,pos,domain,note"

ODD_TERMS = [
    Term("보위지도원", "security guidance officer", en_forbidden=("security guard",), pos="noun",
         status=TermStatus.PROPOSED, case_sensitive=True),
    Term("노동당", "Workers' Party", ko_variants=("로동당",), en_variants=("WPK",),
         en_forbidden=("Labor Party", "Labour Party"), pos="proper noun", domain="politics",
         note='says "hi", then, well; stops', status=TermStatus.DEPRECATED, one_rendering=True),
    Term("간부", "official", pos="", status=TermStatus.REJECTED),
    Term("조국", "fatherland", pos="other"),
]


def by_ko(terms: list[Term]) -> dict[str, Term]:
    return {t.ko: t for t in terms}


# --- CSV ---------------------------------------------------------------------------------------

def test_the_sample_glossary_reads_to_16_terms():
    terms = by_ko(read_csv(SAMPLE_CSV))
    assert len(terms) == 16
    party = terms["노동당"]
    assert party.en == "Workers' Party"
    assert party.ko_variants == ("로동당", "조선로동당", "조선노동당")
    assert party.en_variants == ("Workers' Party of Korea", "WPK")
    assert party.en_forbidden == ("Labor Party", "Labour Party")
    assert (party.pos, party.domain) == ("proper noun", "politics")
    assert party.status is TermStatus.APPROVED and party.case_sensitive is False
    # The demo's one consistency rule: segment 3's "workers overseas" against segment 7's
    # "overseas workers" is the warning the editor sees.
    assert [t.ko for t in terms.values() if t.one_rendering] == ["해외 노동자"]
    assert terms["해외 노동자"].ko_variants == ("해외노동자", "해외 로동자", "해외로동자")
    assert terms["보위지도원"].en_forbidden == ("security guard", "security agent")
    assert terms["송환"].note == ""


def test_csv_round_trip():
    for terms in (read_csv(SAMPLE_CSV), ODD_TERMS):
        text = write_csv(terms)
        assert text.splitlines()[0] == HEADER + ",status,case_sensitive,one_rendering"
        assert parse_csv(text.encode()) == terms


def test_status_and_case_sensitive_columns_are_read():
    data = (HEADER + ",status,case_sensitive\n"
            "조국,fatherland,,,,noun,politics,,proposed,YES\n"
            "간부,official,,,,noun,politics,,,0\n").encode()
    first, second = parse_csv(data)
    assert (first.status, first.case_sensitive) == (TermStatus.PROPOSED, True)
    assert (second.status, second.case_sensitive) == (TermStatus.APPROVED, False)


@pytest.mark.parametrize("cell,expected", [
    ("true", True), ("YES", True), ("1", True), ("false", False), ("no", False), ("0", False), ("", False),
])
def test_the_one_rendering_column_is_read(cell, expected):
    (term,) = parse_csv(f"ko,en,one_rendering\n해외 노동자,overseas workers,{cell}\n".encode())
    assert term.one_rendering is expected and term.case_sensitive is False


def test_a_file_without_the_one_rendering_column_keeps_every_rendering_allowed():
    (term,) = parse_csv(f"{HEADER},status,case_sensitive\n송환,repatriation,,sent home,,,,,,true\n".encode())
    assert (term.case_sensitive, term.one_rendering) == (True, False)


def test_cp949_and_bom_crlf_copies_read_the_same():
    text = SAMPLE_CSV.read_text(encoding="utf-8")
    expected = read_csv(SAMPLE_CSV)
    assert parse_csv(text.encode("cp949")) == expected
    assert parse_csv(text.replace("\n", "\r\n").encode("utf-8-sig")) == expected


def test_csv_nfc_normalizes():
    decomposed = "\u1102\u1169\u1103\u1169\u11bc\u1103\u1161\u11bc"  # 노동당 as conjoining jamo
    (term,) = parse_csv(f"ko,en\n{decomposed},Workers' Party\n".encode())
    assert term.ko == "노동당"


BAD_CSV = [
    ("missing ko column", "en,pos\nparty,noun\n", "line 1", "'ko' column"),
    ("missing en column", "ko,pos\n당,noun\n", "line 1", "'en' column"),
    ("unknown column", "ko,en,en_forbiden\n당,party,x\n", "line 1", "en_forbiden"),
    ("empty ko", f"{HEADER}\n조국,fatherland,,,,,,\n,party,,,,,,\n", "line 3", "'ko' field"),
    ("empty en", f"{HEADER}\n조국, ,,,,,,\n", "line 2", "'en' field"),
    ("unknown status", "ko,en,status\n조국,fatherland,approved\n당,party,final\n", "line 3",
     "unknown status 'final'"),
    ("bad case_sensitive", "ko,en,case_sensitive\n조국,fatherland,maybe\n", "line 2",
     "case_sensitive must be true/false/yes/no/1/0, not 'maybe'"),
    ("bad one_rendering", "ko,en,one_rendering\n조국,fatherland,no\n당,party,sometimes\n", "line 3",
     "one_rendering must be true/false/yes/no/1/0, not 'sometimes'"),
    ("too many fields", f"{HEADER}\n조국,fatherland,,,,,,\n당,party,,,,,,,extra\n", "line 3",
     "expected 8 fields, found 9"),
    ("too few fields", f"{HEADER}\n조국,fatherland\n", "line 2", "expected 8 fields, found 2"),
    ("duplicate Korean", "ko,en\n조국,fatherland\n당,party\n조국,motherland\n", "line 4",
     "lines 2 and 4"),
    # a quoted note spanning lines 2-3 and a blank line: the bad row is physical line 5
    ("line after multi-line field", 'ko,en,note\n조국,fatherland,"two\nlines"\n\n,party,\n',
     "line 5", "'ko' field"),
    ("empty file", "", None, "empty"),
    ("blank file", "\n  \n", None, "empty"),
    ("header only", HEADER + "\n", None, "no terms"),
]


@pytest.mark.parametrize("name,text,where,message", BAD_CSV, ids=[b[0] for b in BAD_CSV])
def test_bad_csv_is_refused_with_its_line(name, text, where, message):
    with pytest.raises(GlossaryFileError) as caught:
        parse_csv(text.encode(), source="bad.csv")
    assert caught.value.where == where
    assert message in caught.value.problem
    if where:
        assert f"({where})" in str(caught.value)


@pytest.mark.parametrize("data,message", [
    (b"PK\x03\x04\x14\x00\x00\x00binary", "binary"),
    ("ko,en\n조국,fatherland\n".encode("utf-16"), "UTF-16"),
    (b"ko,en\n\xc1\xb6\xb1\xb9,fatherland\n\x80\x80,x\n", "neither UTF-8 nor CP949"),
])
def test_non_text_csv_is_refused(data, message):
    with pytest.raises(GlossaryFileError, match=message):
        parse_csv(data)


# --- TBX: export and round trip ----------------------------------------------------------------

def test_tbx_round_trip_of_the_sample_glossary():
    terms = read_csv(SAMPLE_CSV)
    data = write_tbx(terms)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b'type="TBX-Basic" style="dca"' in data
    assert b'xml:lang="ko"' in data and b'xml:lang="en"' in data
    assert b"deprecatedTerm-admn-sts" in data and b"admittedTerm-admn-sts" in data
    assert parse_tbx(data) == (terms, 0, ())


def test_tbx_round_trip_keeps_status_case_and_odd_part_of_speech(tmp_path: Path):
    path = tmp_path / "odd.tbx"
    path.write_bytes(write_tbx(ODD_TERMS))
    assert read_tbx(path) == ODD_TERMS
    assert read_tbx_report(path).skipped == 0
    assert parse_tbx(write_tbx([])) == ([], 0, ())


def test_tbx_carries_one_rendering_as_a_tandem_note():
    data = write_tbx([Term("해외 노동자", "overseas workers", one_rendering=True), Term("송환", "repatriation")])
    assert data.count(b"<note>tandem:one-rendering=yes</note>") == 1
    assert data.count(b"<note>tandem:one-rendering=no</note>") == 1
    assert [t.one_rendering for t in parse_tbx(data).terms] == [True, False]


def test_tbx_from_elsewhere_has_no_one_rendering_rule():
    (term,) = parse_tbx(tbx(GOOD_CONCEPT)).terms
    assert (term.case_sensitive, term.one_rendering) == (False, False)


@pytest.mark.parametrize("key", ["case-sensitive", "one-rendering"])
def test_a_tandem_flag_note_other_than_yes_or_no_is_refused(key):
    concept = GOOD_CONCEPT.replace('id="c1">', f'id="c1"><note>tandem:{key}=true</note>', 1)
    with pytest.raises(GlossaryFileError) as caught:
        parse_tbx(tbx(concept))
    assert caught.value.where == "element note at line 5"
    assert caught.value.problem == f"tandem:{key} must be yes or no, not 'true'"


def tbx(body: str, dialect: str = "TBX-Basic", style: str = "dca") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="{dialect}" style="{style}" '
            'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" '
            'xmlns:min="http://www.tbxinfo.net/ns/min">\n'
            "<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>\n"
            f"<text><body>\n{body}\n</body></text></tbx>\n").encode()


def term_sec(text: str, status: str = "", pos: str = "") -> str:
    notes = f'<termNote type="partOfSpeech">{pos}</termNote>' if pos else ""
    if status:
        notes += f'<termNote type="administrativeStatus">{status}-admn-sts</termNote>'
    return f"<termSec><term>{text}</term>{notes}</termSec>"


def test_tbx_concepts_map_to_terms():
    body = (
        '<conceptEntry id="a"><descrip type="subjectField">politics</descrip>'
        '<descripGrp><descrip type="definition">the ruling party</descrip></descripGrp>'
        '<langSec xml:lang="en-GB">' + term_sec("Labour Party", "deprecatedTerm")
        + term_sec("WPK") + term_sec("Workers' Party", "preferredTerm", "noun")
        + term_sec("Labor Party", "supersededTerm") + term_sec("Party of Labour", "admittedTerm")
        + '</langSec><langSec xml:lang="ko-KP">' + term_sec("로동당")
        + '</langSec><langSec xml:lang="ko-KR">' + term_sec("노동당", "preferredTerm")
        + "</langSec></conceptEntry>\n"
        '<conceptEntry id="b"><langSec xml:lang="fr">' + term_sec("parti")
        + "</langSec></conceptEntry>\n"
        '<conceptEntry id="c"><langSec xml:lang="ko">' + term_sec("당")
        + '</langSec><langSec xml:lang="en">' + term_sec("party", "deprecatedTerm")
        + "</langSec></conceptEntry>")
    (term,), skipped, _ = parse_tbx(tbx(body))
    assert skipped == 2  # no Korean; English only deprecated
    assert term == Term("노동당", "Workers' Party", ko_variants=("로동당",),
                        en_variants=("WPK", "Party of Labour"),
                        en_forbidden=("Labour Party", "Labor Party"), pos="noun",
                        domain="politics", note="the ruling party")


def test_tbx_v2_martif_is_read():
    data = """<?xml version='1.0'?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>v2</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry id="t1"><descrip type="subjectField">labor</descrip>
<langSet xml:lang="ko"><tig><term>송환</term></tig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>repatriation</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
<termNote type="partOfSpeech">noun</termNote></termGrp></ntig>
<tig><term>deportation</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""".encode()
    assert parse_tbx(data) == ([Term("송환", "repatriation", en_forbidden=("deportation",),
                                     pos="noun", domain="labor")], 0, ())


GOOD_CONCEPT = ('<conceptEntry id="c1"><langSec xml:lang="ko">' + term_sec("조국", "preferredTerm")
                + '</langSec><langSec xml:lang="en">' + term_sec("fatherland", "", "noun")
                + "</langSec></conceptEntry>")

BAD_TBX = [  # (name, replace this in GOOD_CONCEPT, with this, dialect, element, words)
    ("admin without type", "</termSec>", "<admin>x</admin></termSec>", "TBX-Core",
     "admin", "attribute type is required"),
    ("term not first", "<termSec><term>조국</term>", '<termSec><note>x</note><term>조국</term>',
     "TBX-Core", "note", "needs <term> before"),
    ("two terms", "<term>조국</term>", "<term>조국</term><term>조국2</term>", "TBX-Core", "term",
     "at most 1"),
    ("two descrips in a group", '<conceptEntry id="c1">', '<conceptEntry id="c1"><descripGrp>'
     '<descrip type="a">1</descrip><descrip type="b">2</descrip></descripGrp>', "TBX-Core",
     "descrip", "at most 1"),
    ("no conceptEntry id", ' id="c1"', "", "TBX-Core", "conceptEntry", "attribute id"),
    ("langSec without lang", ' xml:lang="ko"', "", "TBX-Core", "langSec", "xml:lang"),
    ("unknown element", "<term>조국</term>", "<term>조국</term><comment>x</comment>", "TBX-Core",
     "comment", "not allowed in <termSec>"),
    ("text in langSec", '<langSec xml:lang="ko">', '<langSec xml:lang="ko">loose text',
     "TBX-Core", "langSec", "text is not allowed"),
    ("unknown admin status", "preferredTerm-admn-sts", "bestTerm-admn-sts", "TBX-Core",
     "termNote", "unknown administrativeStatus"),
    ("definition at term level", "</termSec>",
     '<descrip type="definition">d</descrip></termSec>', "TBX-Basic", "descrip",
     "not allowed at termSec level"),
    ("partOfSpeech off the picklist", ">noun<", ">nominal<", "TBX-Basic", "termNote",
     "'nominal' is not an allowed partOfSpeech"),
    ("category on the wrong element", '<conceptEntry id="c1">',
     '<conceptEntry id="c1"><admin type="subjectField">x</admin>', "TBX-Basic", "admin",
     "belongs on <descrip>"),
    ("Basic category in Min", '<conceptEntry id="c1">',
     '<conceptEntry id="c1"><descrip type="definition">x</descrip>', "TBX-Min", "descrip",
     "not part of TBX-Min"),
    ("DCT element in a DCA file", '<termNote type="partOfSpeech">noun</termNote>',
     "<min:partOfSpeech>noun</min:partOfSpeech>", "TBX-Min", "min:partOfSpeech", "DCT-style"),
    ("dangling target", '<conceptEntry id="c1">',
     '<conceptEntry id="c1"><ref type="crossReference" target="c9">x</ref>', "TBX-Basic", "ref",
     "target 'c9'"),
]


@pytest.mark.parametrize("name,old,new,dialect,element,words", BAD_TBX,
                         ids=[b[0] for b in BAD_TBX])
def test_tbx_rules_are_enforced_with_element_and_line(name, old, new, dialect, element, words):
    assert parse_tbx(tbx(GOOD_CONCEPT, dialect)).terms  # the unbroken file is fine
    assert old in GOOD_CONCEPT
    with pytest.raises(GlossaryFileError) as caught:
        parse_tbx(tbx(GOOD_CONCEPT.replace(old, new, 1), dialect))
    assert caught.value.where == f"element {element} at line 5"
    assert words in caught.value.problem


def test_tbx_root_and_dialect_are_checked():
    with pytest.raises(GlossaryFileError, match="unsupported TBX dialect 'TBX-Fancy'"):
        parse_tbx(tbx(GOOD_CONCEPT, "TBX-Fancy"))
    with pytest.raises(GlossaryFileError, match="style must be"):
        parse_tbx(tbx(GOOD_CONCEPT, style="css"))
    with pytest.raises(GlossaryFileError, match="root element must be"):
        parse_tbx(b'<xliff version="2.0"/>')


def test_tbx_dct_style_is_read():
    concept = GOOD_CONCEPT.replace('<termNote type="partOfSpeech">noun</termNote>',
                                   "<min:partOfSpeech>noun</min:partOfSpeech>")
    (term,), _, _ = parse_tbx(tbx(concept, "TBX-Min", "dct"))
    assert (term.ko, term.en, term.pos) == ("조국", "fatherland", "noun")


# --- TBX: the third-party conformance corpora ---------------------------------------------------

def outcome(path: Path) -> str:
    try:
        read_tbx_report(path)
    except GlossaryFileError as exc:
        return f"{exc.where}: {exc.problem}"
    return "accepted"


# Each bad file with the place and rule we refuse it for (the first fault we meet).
LTAC_BAD = {
    "basic_bad.tbx": ("element transac at line 26", "'theWrongType' is not part of TBX-Basic"),
    "core_structure_bad.tbx": ("element sourceDesc at line 15", "text is not allowed"),
    "min_bad.tbx": ("element admin at line 21", "'source' is not part of TBX-Min"),
    "poorly_formed_xml.tbx": ("line 42", "not well-formed XML"),
}
PACKAGE_BAD = {
    "tbx_basic_sample_badattribute.tbx": ("element admin at line 32", "'origin'"),
    "tbx_basic_sample_badelement.tbx": ("element transaction at line 33",
                                          "not allowed in <transacGrp>"),
    "tbx_basic_sample_badelementcontent.tbx": ("element termNote at line 52", "'preposition'"),
    "tbx_basic_sample_badelementorder.tbx": ("element termNote at line 64", "element order"),
    "tbx_basic_sample_badtargetattribute_value.tbx": ("element xref at line 44",
                                                      "'C://Path/to/wikipedia'"),
    "tbx_basic_sample_notwellformed.tbx": ("line 41", "not well-formed XML"),
}
BYUTRG_BAD = {
    "Astronomy_DCA-Bad2.tbx": ("line 19", "not well-formed XML"),
    "Astronomy_DCA-Bad3.tbx": ("element body at line 12", "not allowed in <tbx>"),
    "Astronomy_DCA-Bad4.tbx": ("element transacGrp at line 126", "not allowed in <body>"),
    "Astronomy_DCA-Bad5.tbx": ("element transac at line 16", "'doesThisWork'"),
    # Bad for the byutrg tools because it is TBX v2, which we accept on purpose; we refuse it for
    # its <termNote> without a type, which the v2 DTD forbids as well.
    "Sample-tbx-v2.tbx": ("element termNote at line 129", "attribute type is required"),
}


@pytest.mark.parametrize("folder,good,bad", [
    ("tbx-ltac-test-files", ["basic_good.tbx", "core_structure_good.tbx", "min_good.tbx"],
     LTAC_BAD),
    ("tbx-basic-package-v2", ["TBX-basic-sample.tbx"], PACKAGE_BAD),
])
def test_corpus_good_files_load_and_bad_files_are_refused(folder, good, bad):
    base = require_corpora(folder)
    assert sorted(p.name for p in base.glob("*.tbx")) == sorted(good + list(bad))
    for name in good:
        assert outcome(base / name) == "accepted", name
    for name, (where, words) in bad.items():
        found = outcome(base / name)
        assert found.startswith(f"{where}: ") and words in found, (name, found)


def test_byutrg_good_files_load_and_bad_files_are_refused():
    base = require_corpora("tbx-v3-samples-byutrg")
    good = sorted((base / "GoodFiles").rglob("*.tbx"))
    assert len(good) == 39
    assert {p.name: outcome(p) for p in good} == {p.name: "accepted" for p in good}
    for name, (where, words) in BYUTRG_BAD.items():
        found = outcome(base / "BadFiles" / name)
        assert found.startswith(f"{where}: ") and words in found, (name, found)
    assert len(list((base / "BadFiles").glob("*.tbx"))) == len(BYUTRG_BAD)


def test_the_byutrg_korean_termbase_loads_its_korean_terms():
    base = require_corpora("tbx-v3-samples-byutrg", "GoodFiles")
    for path in base.rglob("James_Termbase Cleaned*.tbx"):
        terms, skipped, _ = read_tbx_report(path)
        assert [(t.ko, t.en) for t in terms] == [("수박", "watermelon")], path
        assert skipped == 3  # concepts without Korean
    basic = read_tbx(base / "TBX-Basic v3 Samples" / "DCT" / "James_Termbase Cleaned_dct.tbx")
    assert (basic[0].pos, basic[0].domain) == ("noun", "food")


# --- hostile XML -------------------------------------------------------------------------------

def refused_fast(data: bytes, secret: str = "") -> GlossaryFileError:
    started = time.perf_counter()
    with pytest.raises(GlossaryFileError) as caught:
        parse_tbx(data, source="hostile.tbx")
    assert time.perf_counter() - started < 1.0
    assert secret == "" or secret not in str(caught.value)
    return caught.value


def test_external_entity_is_refused_without_reading_the_file(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4242", encoding="utf-8")
    for url in (secret.as_uri(), "file:///etc/passwd"):
        doc = (f'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "{url}">]>\n'
               + tbx(GOOD_CONCEPT.replace("fatherland", "&xxe;")).decode().split("\n", 1)[1])
        for data in (doc.encode(), doc.encode("utf-16")):
            error = refused_fast(data, secret="TOPSECRET-4242")
            assert "root:" not in str(error) and "entities" in error.problem


def test_billion_laughs_is_refused_without_expansion():
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    body = GOOD_CONCEPT.replace("fatherland", "&lol9;")
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE tbx [{entities}]>\n'
           + tbx(body).decode().split("\n", 1)[1])
    error = refused_fast(doc.encode())
    assert "lollol" not in str(error)


def test_an_external_dtd_is_not_loaded(tmp_path: Path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOPSECRET-4242">', encoding="utf-8")
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "{dtd.as_uri()}">\n'
           + tbx(GOOD_CONCEPT.replace("fatherland", "&leak;")).decode().split("\n", 1)[1])
    try:
        terms = parse_tbx(doc.encode()).terms
    except GlossaryFileError as error:
        assert "TOPSECRET" not in str(error)
    else:
        assert "TOPSECRET" not in repr(terms)
