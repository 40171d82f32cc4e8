"""TBX in and out (issue 16 §3): concepts that share a Korean term import as one term, an <xref>
target is any URI reference, and the glossary exports as TBX 2008 as well as v3."""

from __future__ import annotations

import pytest

from corpora import require_corpora
from glossaries.errors import GlossaryFileError
from glossaries.model import Term, TermStatus
from glossaries.tbx import parse_tbx, write_tbx, write_tbx2

V3 = """<?xml version="1.0"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>{body}</body></text>
</tbx>"""
CONCEPT = """<conceptEntry id="{id}">{extra}
 <langSec xml:lang="ko"><termSec><term>{ko}</term></termSec></langSec>
 <langSec xml:lang="en"><termSec><term>{en}</term></termSec>{forbidden}</langSec>
</conceptEntry>"""


def concept(id: str, ko: str, en: str, extra: str = "", forbidden: str = "") -> str:
    if forbidden:
        forbidden = (f'<termSec><term>{forbidden}</term><termNote type="administrativeStatus">'
                     'deprecatedTerm-admn-sts</termNote></termSec>')
    return CONCEPT.format(id=id, ko=ko, en=en, extra=extra, forbidden=forbidden)


def test_two_concepts_sharing_a_korean_term_are_one_term_with_both_renderings():
    body = (concept("c1", "배", "ship", forbidden="pear") + concept("c2", "배", "pear")
            + concept("c3", "북한", "North Korea"))
    found = parse_tbx(V3.format(body=body).encode(), "homonyms.tbx")
    assert [(t.ko, t.en, t.en_variants, t.en_forbidden) for t in found.terms] == [
        ("배", "ship", ("pear",), ()),  # what one sense forbids, the other wants: allowed wins
        ("북한", "North Korea", (), ())]
    assert len(found.warnings) == 1 and "homonyms.tbx" in found.warnings[0] and "배" in found.warnings[0]


def test_a_concept_sharing_a_variant_joins_the_term_and_the_glossary_takes_the_file(workspace, tmp_path):
    body = concept("c1", "북한", "North Korea") + concept("c2", "조선", "DPRK").replace(
        "<term>조선</term></termSec>", "<term>조선</term></termSec><termSec><term>북 한</term></termSec>")
    path = tmp_path / "shared.tbx"
    path.write_text(V3.format(body=body), encoding="utf-8")
    workspace.users.add("minji", ["terminologist"], by="admin")
    done = workspace.glossary.import_file(path, by="minji")
    assert done.counts["added"] == 1 and any("shared.tbx" in w for w in done.warnings)
    (term,) = workspace.glossary.terms()
    assert (term.ko, term.en, set(term.ko_variants), term.en_variants) == ("북한", "North Korea", {"조선"}, ("DPRK",))


def test_sdl_multiterms_223_concepts_import_with_german_as_the_korean(workspace, tmp_path):
    source = require_corpora("tbx-v3-samples-byutrg", "GoodFiles", "TBX-Core v3 Samples", "fromSDL_tbx.tbx")
    path = tmp_path / "sdl.tbx"
    path.write_bytes(source.read_bytes().replace(b'xml:lang="de"', b'xml:lang="ko"'))
    workspace.users.add("minji", ["terminologist"], by="admin")
    done = workspace.glossary.import_file(path, by="minji")  # refused whole before: 12 shared terms
    assert done.counts == {"added": 170, "updated": 0, "unchanged": 0}
    font = next(t for t in workspace.glossary.terms() if t.ko == "Schrift")
    assert font.en == "font" and "typeface" in font.en_variants


@pytest.mark.parametrize("target", ["wikipedia.org", "images/logo.png", "../terms.tbx#c2", "c1",
                                    "https://ko.wikipedia.org/wiki/평양", "mailto:desk@example.org"])
def test_an_xref_target_is_any_uri_reference(target):
    xref = f'<xref type="externalCrossReference" target="{target}">see</xref>'
    assert len(parse_tbx(V3.format(body=concept("c1", "북한", "North Korea", xref)).encode()).terms) == 1


@pytest.mark.parametrize("target", ["C://Path/to/wikipedia", "C:\\terms\\a.tbx", "two words", "100%", ""])
def test_an_xref_target_that_is_no_uri_is_refused_naming_it(target):
    xref = f'<xref type="externalCrossReference" target="{target}">see</xref>'
    with pytest.raises(GlossaryFileError, match="xref"):
        parse_tbx(V3.format(body=concept("c1", "북한", "North Korea", xref)).encode(), "x.tbx")


TERMS = [Term("북한", "North Korea", ("조선", "북 조선"), ("DPRK",), ("N. Korea",), "noun", "politics",
              "house <style> & notes", TermStatus.APPROVED, True, False),
         Term("노동자 파견", "sending workers abroad", pos="phrase", status=TermStatus.PROPOSED, one_rendering=True),
         Term("보위지도원", "security guidance officer", status=TermStatus.DEPRECATED)]


def test_tbx_2008_is_martif_with_tigs_and_reads_back_as_written():
    data = write_tbx2(TERMS)
    text = data.decode("utf-8")
    assert '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">' in text and '<martif type="TBX" xml:lang="en">' in text
    for piece in ("<martifHeader>", "<text>", "<body>", '<termEntry id="c1">', '<langSet xml:lang="ko">', "<tig>",
                  "<term>북한</term>"):
        assert piece in text, piece
    assert "conceptEntry" not in text and "urn:iso:std:iso:30042" not in text
    assert parse_tbx(data, "v2.tbx").terms == TERMS == parse_tbx(write_tbx(TERMS), "v3.tbx").terms


def test_translate_toolkit_reads_the_tbx_2008_export():
    from translate.storage import tbx  # a test extra: a second reader of what Tandem writes

    store = tbx.tbxfile.parsestring(write_tbx2(TERMS))
    assert [(u.source, u.target) for u in store.units] == [
        ("북한", "North Korea"), ("노동자 파견", "sending workers abroad"), ("보위지도원", "security guidance officer")]


def test_glossary_export_offers_tbx2(tandem, tmp_path):
    tandem("users", "add", "admin", "--role", "admin")
    tandem("users", "add", "minji", "--role", "terminologist")
    source = tmp_path / "in.tbx"
    source.write_bytes(write_tbx(TERMS[:1]))
    assert tandem("glossary", "import", str(source), user="minji").code == 0
    desk = tandem
    out = tmp_path / "old-tools.tbx"
    run = desk("glossary", "export", "--format", "tbx2", "-o", str(out))
    assert run.code == 0
    assert parse_tbx(out.read_bytes()).terms == TERMS[:1]


def test_validate_says_what_import_will_merge(tmp_path):
    from workflow.interchange.validate import validate_path

    path = tmp_path / "homonyms.tbx"
    path.write_text(V3.format(body=concept("c1", "배", "ship") + concept("c2", "배", "pear")), encoding="utf-8")
    report = validate_path(path)
    assert report.valid and len(report.warnings) == 1 and "(배)" in report.warnings[0]
