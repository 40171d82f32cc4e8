"""TMX conformance: the LISA TMX Compliance Kit and OmegaT's TMX test files, read by Tandem.

The kit's import tests work like this: load ImportTestXX.tmx into a tool's memory, translate the
source document (ImportTestXX.txt, .htm or .rtf) with it, and the result must equal the expected
translation next to it (ImportTestXX_fr-ca.txt and so on). Tandem's memory holds plain text: native
codes (bpt, ept, it, ph, ut) are dropped and the text of hi and sub kept (workflow/tmx.py), so for
the level 2 tests (formatted HTML and RTF) the comparison is of each paragraph's text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpora import require_corpora
from workflow.textfile import decode
from workflow.tmx import TmxFile, read_tmx

KIT = "tmx-lisa-compliance-kit"


def read(path: Path) -> TmxFile:
    return read_tmx(path.read_bytes(), path.name)


def memory(tmx: TmxFile, source: str, target: str) -> list[tuple[str, str]]:
    """(source, target) of each unit holding both languages, tags matched whole and caseless."""
    pairs = []
    for unit in tmx.units:
        texts = {code.lower(): text for code, text in unit.texts.items()}
        if source in texts and target in texts:
            pairs.append((texts[source], texts[target]))
    return pairs


def lines(path: Path) -> list[str]:
    """The lines of a kit text file, decoded by Tandem's own decoder (BOMs, UTF-16 ...)."""
    return decode(path.read_bytes(), path.name)[1].splitlines()


# --- level 1: plain text -------------------------------------------------------------------------

LEVEL1 = [  # test, target language; what each one tests, from the kit
    ("ImportTest1A", "fr-ca"),  # UTF-16 file, tabs and spaces as character references
    ("ImportTest1B", "fr-ca"),  # odd whitespace and quotes in markup, language tags in mixed case
    ("ImportTest1C", "fr-ca"),  # five languages per unit, in any order
    ("ImportTest1D", "en-gb"),  # UTF-8 with a BOM, numeric references
    ("ImportTest1E", "en-gb"),  # UTF-8 declared, no BOM
    ("ImportTest1F", "en-gb"),  # UTF-16 little-endian
    ("ImportTest1G", "en-gb"),  # UTF-16 big-endian
    ("ImportTest1H", "en-gb"),  # US-ASCII declared, everything as references
    ("ImportTest1I", "ja-jp"),  # ideographic spaces (U+3000); the expected file is UTF-16
]


@pytest.mark.parametrize("test, target", LEVEL1, ids=[t for t, _ in LEVEL1])
def test_level1_translating_the_source_with_the_memory_gives_the_expected_file(test, target):
    kit = require_corpora(KIT)
    pairs = dict(memory(read(kit / f"{test}.tmx"), "en-us", target))
    source, expected = lines(kit / f"{test}.txt"), lines(kit / f"{test}_{target}.txt")
    assert len(source) == len(expected) > 0
    assert [pairs.get(line) for line in source] == expected


def test_1j_only_units_with_both_languages_pair_up():
    kit = require_corpora(KIT)
    assert memory(read(kit / "ImportTest1J.tmx"), "en-us", "en-gb") == [
        ("First entry in US English", "First entry in UK English"),
        ("Second entry in US English", "Second entry in UK English")]
    # the file's own comment: "only first and second entries should be imported"
    many = read(kit / "ImportTest1J_many.tmx")
    assert memory(many, "en-us", "en-gb") == memory(read(kit / "ImportTest1J.tmx"), "en-us", "en-gb")
    assert len(many.units) == 3 and many.srclang == "es-es"


def test_1k_a_unit_may_name_its_own_source_language():
    tmx = read(require_corpora(KIT) / "ImportTest1K.tmx")
    assert [(u.attrs.get("srclang"), u.texts) for u in tmx.units] == [
        ("de-de", {"de-de": "First Entry - German", "en-gb": "First Entry - UK English"}),
        ("fr-ca", {"en-gb": "Second Entry - UK English", "fr-ca": "Second Entry - French Canadian"}),
    ]
    assert memory(tmx, "en-us", "en-gb") == []  # no US English anywhere: nothing for en-us


def test_1l_every_element_and_attribute_of_tmx_is_read_past():
    tmx = read(require_corpora(KIT) / "ImportTest1L.tmx")
    [unit] = tmx.units
    # header notes, <ude>, comments everywhere, notes and props on tu and tuv: none is text
    assert unit.texts == {"en-us": "Text of the segment.", "fr": "Texte du segment.",
                          "en-gb": "Text of the segment."}
    assert unit.props == {"myPropeType": "Data"}
    assert unit.attrs["tuid"] == "tu001" and unit.attrs["creationid"] == "ys"
    assert unit.attrs["creationdate"] == "20020523T091200Z"


# --- level 2: formatted text ---------------------------------------------------------------------

def html_paragraphs(path: Path) -> list[str]:
    import lxml.html

    # the kit's HTML says charset=windows-1252 in a <meta>
    page = lxml.html.document_fromstring(path.read_bytes().decode("cp1252"))
    return [p.text_content() for p in page.iter("p")]


_RTF_TOKEN = re.compile(r"\\([a-z]+)(-?\d+)? ?|\\'([0-9a-f]{2})|\\([\\{}])|\\\*|([{}])|([^\\{}\r\n]+)|\r?\n")
_RTF_SKIPPED = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "object"}


def rtf_paragraphs(path: Path) -> list[str]:
    """The plain text of each \\par-ended paragraph of a (simple) RTF file; pictures skipped."""
    paragraphs, current, skipping, stack = [], [], False, []
    for m in _RTF_TOKEN.finditer(path.read_bytes().decode("latin-1")):
        word, _, hex_byte, escaped, brace, text = m.groups()
        if brace == "{":
            stack.append(skipping)
        elif brace == "}":
            skipping = stack.pop()
        elif m.group(0) == "\\*" or word in _RTF_SKIPPED:
            skipping = True
        elif skipping:
            continue
        elif word == "par":
            paragraphs.append("".join(current))
            current = []
        elif hex_byte:
            current.append(bytes([int(hex_byte, 16)]).decode("cp1252"))
        elif escaped or text:
            current.append(escaped or text)
    return [p for p in paragraphs if p.strip()]


def translate(paragraphs: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Each paragraph as the run of consecutive memory sources it consists of, translated."""
    out, i = [], 0
    for paragraph in paragraphs:
        for j in range(i + 1, len(pairs) + 1):
            if " ".join(s for s, _ in pairs[i:j]) == paragraph:
                out.append(" ".join(t for _, t in pairs[i:j]))
                i = j
                break
        else:
            raise AssertionError(f"no run of memory sources makes {paragraph!r}")
    assert i == len(pairs), "every unit is used"
    return out


@pytest.mark.parametrize("tmx", ["ImportTest2A.tmx", "ImportTest2A-0index.tmx"])
def test_2a_html_paragraphs_translate_to_the_expected_ones(tmx):
    kit = require_corpora(KIT)
    pairs = memory(read(kit / tmx), "en-us", "fr-ca")
    assert ("Some text with a part highlighted.", "Du texte avec une portion délimitée.") in pairs
    assert translate(html_paragraphs(kit / "ImportTest2A.htm"), pairs) == \
        html_paragraphs(kit / "ImportTest2A_fr-ca.htm")


def test_2b_rtf_paragraphs_translate_to_the_expected_ones_but_where_the_kit_disagrees():
    kit = require_corpora(KIT)
    pairs = memory(read(kit / "ImportTest2B.tmx"), "en-us", "fr-ca")
    got = translate(rtf_paragraphs(kit / "ImportTest2B.rtf"), pairs)
    expected = rtf_paragraphs(kit / "ImportTest2B_fr-ca.rtf")
    # The kit's expected RTF was edited by hand after its TMX: it has "Image : " (a French space,
    # in another font) and "Du texte" where the TMX has "Image: " and "Du text". Tandem gives what
    # the memory holds, so exactly those two paragraphs differ, by exactly those characters.
    differing = [(g, e) for g, e in zip(got, expected, strict=True) if g != e]
    assert differing == [("Image: ", "Image : "), ("Du text avec une portion délimitée.",
                                                    "Du texte avec une portion délimitée.")]
    assert len(got) == 6


def test_2c_codes_and_their_subflows_are_dropped_hi_text_is_kept():
    tmx = read(require_corpora(KIT) / "ImportTest2C.tmx")
    [unit] = tmx.units
    # The <sub> (an image's ALT text) sits inside a <ph> code: a separate text, not part of the
    # sentence, so it goes with the code, leaving the two spaces that surrounded the image.
    assert unit.texts == {"en-us": "Click  to start.", "fr": "Cliquez  pour commencer.",
                          "en-gb": "Click  to start."}


# --- OmegaT's TMX test files ---------------------------------------------------------------------

OMEGAT = "tmx-omegat-tests"


def by_primary(tmx: TmxFile, source: str, target: str) -> dict[str, str]:
    """What Tandem's memory import does: primary subtags, the first variant of a language wins."""
    from workflow.tmx import language

    pairs = {}
    for unit in tmx.units:
        texts: dict[str, str] = {}
        for code, text in unit.texts.items():
            texts.setdefault(language(code), text)
        if texts.get(source, "").strip() and texts.get(target, "").strip():
            pairs[texts[source]] = texts[target]
    return pairs


def test_every_omegat_tmx_file_is_read():
    base = require_corpora(OMEGAT)
    files = sorted(base.rglob("*.tmx"))
    assert len(files) == 24
    for path in files:
        tmx = read(path)
        assert all(unit.texts for unit in tmx.units), path.name


def test_omegat_level1_tmx11_lang_attribute_and_variants():
    tmx = read(require_corpora(OMEGAT) / "test-level1.tmx")
    # OmegaT, asked for en-US, prefers the exact "lang1" over the plain "en" variant "lang1z";
    # Tandem's memory knows languages, not regions, and keeps the first variant it meets.
    assert by_primary(tmx, "en", "be") == {"entuv": "betuv", "lang1z": "tr1", "lang2": "tr2",
                                           "lang3": "tr3"}
    assert tmx.units[1].texts == {"en": "lang1z", "en-US": "lang1", "be": "tr1"}


def test_omegat_level2_codes_dropped():
    tmx = read(require_corpora(OMEGAT) / "test-level2.tmx")
    # OmegaT shows codes as its own tags ("2 <a0> zz <t1>xx</t1>"); Tandem drops them.
    assert by_primary(tmx, "en", "be") == {"entuv": "betuv", "First part  end.": "First  tr.",
                                           "2  zz xx": "tr", "3 xx": "tr"}


def test_omegat_smp_characters_survive():
    tmx = read(require_corpora(OMEGAT) / "test-SMP.tmx")
    assert by_primary(tmx, "en", "be") == {"\U0001d400\U0001d401\U0001d402":
                                           "\U0001d403\U0001d404\U0001d405"}


def test_omegat_a_unit_without_its_source_is_skipped_not_fatal():
    tmx = read(require_corpora(OMEGAT) / "test-missingSource.tmx")
    assert by_primary(tmx, "en", "be") == {"entuv": "betuv", "lang2": "tr2", "lang3": "tr3"}


def test_omegat_invalid_code_pairing_reads_as_empty_segments():
    # invalid.tmx pairs its bpt/ept wrongly (ept first, an i reused); OmegaT's test only asks that
    # reading survives. With codes dropped, nothing but whitespace is left: no pair for the memory.
    tmx = read(require_corpora(OMEGAT) / "invalid.tmx")
    [unit] = tmx.units
    assert set(unit.texts) == {"en", "be"} and not "".join(unit.texts.values()).strip()
    assert by_primary(tmx, "en", "be") == {}


def test_omegat_mixed_lang_spellings_and_empty_file():
    base = require_corpora(OMEGAT)
    mixed = read(base / "test-omegat-invalid.tmx")
    assert mixed.units[1].texts == {"en": "First part", "en-US": "lang1", "be": "tr1"}
    assert read(base / "empty.tmx").units == []
