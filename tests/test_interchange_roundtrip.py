"""Tandem's model written as XLIFF 1.2 and 2.x: valid against the official schemas, and read back
the same, for a desk's article and for random documents."""

from __future__ import annotations

import dataclasses
import string
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workflow.interchange.inline import NS12, NS20, NS22
from workflow.interchange.model import TOKEN, BilingualFile, InlineCode, Note, Unit
from workflow.interchange.reader import read_bilingual
from workflow.interchange.schemas import xsd_problems
from workflow.interchange.xliff12 import write_xliff12
from workflow.interchange.xliff2 import write_xliff2
from workflow.interchange.xliff2_rules import validate_xliff2
from workflow.interchange.xmlsafe import parse_xml
from workflow.models import SegmentKind, SegmentState
from xliff_samples import as_read_back, tandem_doc, use_official_schemas

FORMATS = [("xliff12", "1.2"), ("xliff2", "2.0"), ("xliff2", "2.1"), ("xliff2", "2.2")]


def write(doc: BilingualFile, fmt: str, version: str) -> bytes:
    return write_xliff12(doc) if fmt == "xliff12" else write_xliff2(doc, version)


def schema_problems(data: bytes, fmt: str) -> list[str]:
    root = parse_xml(data, "written", "XLIFF")
    if fmt == "xliff12":
        problems = xsd_problems(root, "xliff-1.2-strict")
        assert problems is not None, "the XLIFF 1.2 strict schema was not found"
        return [str(p) for p in problems]
    problems, warnings = validate_xliff2(root)
    assert not [w for w in warnings if "not found" in w], warnings
    return [str(p) for p in problems]


@pytest.mark.parametrize(("fmt", "version"), FORMATS)
def test_an_article_exported_validates_and_reads_back_the_same(monkeypatch, fmt, version):
    use_official_schemas(monkeypatch)
    doc = tandem_doc(fmt, version)
    data = write(doc, fmt, version)
    assert schema_problems(data, fmt) == []
    back = read_bilingual(data, "article.xlf")
    assert back == as_read_back(doc, fmt)
    assert [u.state for u in back.units] == [SegmentState.APPROVED, SegmentState.EMPTY, SegmentState.TRANSLATED,
                                             SegmentState.DRAFT, SegmentState.REJECTED, SegmentState.EMPTY]
    # and once more: what Tandem wrote, read and written again, is the same file
    assert write(back, fmt, version) == data


@pytest.mark.parametrize(("origin", "fmt", "version"), [("xliff12", "xliff2", "2.1"), ("xliff2", "xliff12", "1.2"),
                                                         ("xliff12", "xliff2", "2.2")])
def test_an_article_exported_to_the_other_format_keeps_what_that_format_can_hold(monkeypatch, origin, fmt, version):
    use_official_schemas(monkeypatch)
    doc = tandem_doc(origin)
    data = write(doc, fmt, version)
    assert schema_problems(data, fmt) == []
    back = read_bilingual(data, "article.xlf")
    expected = as_read_back(doc, fmt)
    def strip(units):
        return [(u.id, u.source, u.target, u.state, u.kind, u.author, u.notes) for u in units]

    assert strip(back.units) == strip(expected.units)
    assert (back.title, back.source_lang, back.target_lang) == (doc.title, "ko-KR", "en-US")
    # Codes become the other format's codes, in the same places, keeping the native markup shown.
    coded = back.units[2]
    assert [c.token for c in coded.codes] == [c.token for c in doc.units[2].codes]
    assert all((NS20 if version == "2.1" else NS22 if fmt == "xliff2" else NS12) in c.xml for c in coded.codes)
    native = {"xliff12": "<br/>", "xliff2": "{0}"}[origin]
    assert any(c.label == native for c in coded.codes)


def test_a_translator_moving_tokens_across_each_other_still_gets_a_valid_file(monkeypatch):
    use_official_schemas(monkeypatch)
    for fmt, version in (("xliff12", "1.2"), ("xliff2", "2.1")):
        doc = tandem_doc(fmt, version)
        doc.units[2].target = "⟦1⟧Workers ⟦3⟧sent⟦/1⟧ & currency⟦/3⟧ earning ⟦2/⟧"
        doc.units[3].target = "⟦/1⟧ dangling close and a typed ⟦9/⟧"
        data = write(doc, fmt, version)
        assert schema_problems(data, fmt) == []
        back = read_bilingual(data, "moved.xlf")
        assert [TOKEN.sub("", back.units[2].target)] == ["Workers sent & currency earning "]
        assert "⟦9/⟧" in back.units[3].target


# ---- random documents --------------------------------------------------------------------------

TEXT = st.text(alphabet=list("노동자북한러시아파견보위지도원 ") + list(string.ascii_letters[:12]) + list("&<>\"' ]>\n\t.,0125"),
               max_size=24).map(lambda s: unicodedata.normalize("NFC", s))
NAMES = st.sampled_from(["김민지", "Robert Lee", "d&v <id>", "O'Brien"])


def _code_set(fmt: str, ns: str, tag: str):
    """(standalone, container pair, marker pair) code markup for a format; ids unique in the unit."""
    if fmt == "xliff12":
        return (lambda k: [(f'<x xmlns="{ns}" id="x{tag}{k}"/>', "x")] if k % 2 else
                [(f'<ph xmlns="{ns}" id="p{tag}{k}">&lt;br/&gt;</ph>', "<br/>")],
                lambda k: [(f'<g xmlns="{ns}" id="g{tag}{k}"/>', "g")] * 2,
                lambda k: [(f'<bpt xmlns="{ns}" id="b{tag}{k}">&lt;b&gt;</bpt>', "<b>"),
                           (f'<ept xmlns="{ns}" id="b{tag}{k}">&lt;/b&gt;</ept>', "</b>")])
    return (lambda k: [(f'<ph xmlns="{ns}" id="p{tag}{k}" dataRef="d{tag}{k}"/>', f"{{{k}}}")],
            lambda k: [(f'<pc xmlns="{ns}" id="c{tag}{k}" dispStart="&lt;i&gt;" dispEnd="&lt;/i&gt;"/>', "<i>"),
                       (f'<pc xmlns="{ns}" id="c{tag}{k}" dispStart="&lt;i&gt;" dispEnd="&lt;/i&gt;"/>', "</i>")],
            lambda k: [(f'<sc xmlns="{ns}" id="s{tag}{k}" dataRef="ds{tag}{k}"/>', "<a & b>"),
                       (f'<ec xmlns="{ns}" startRef="s{tag}{k}" dataRef="de{tag}{k}"/>', "</a>")])


@st.composite
def texts_with_codes(draw, fmt: str, ns: str, tag: str):
    """(source, target, codes): the same codes in both texts, in order, numbered as a reader does."""
    standalone, container, marker = _code_set(fmt, ns, tag)
    pieces_ko, pieces_en, codes = [draw(TEXT)], [draw(TEXT)], []
    n = 0
    for shape in draw(st.lists(st.sampled_from(["s", "c", "m"]), max_size=3)):
        n += 1
        if shape == "s":
            xml, label = standalone(n)[0]
            codes.append(InlineCode(f"⟦{n}/⟧", "standalone", xml, label))
            pieces_ko.append(f"⟦{n}/⟧")
            pieces_en.append(f"⟦{n}/⟧")
        else:
            (open_xml, open_label), (close_xml, close_label) = (container if shape == "c" else marker)(n)
            inner_ko, inner_en = draw(TEXT), draw(TEXT)
            codes += [InlineCode(f"⟦{n}⟧", "open", open_xml, open_label),
                      InlineCode(f"⟦/{n}⟧", "close", close_xml, close_label)]
            pieces_ko.append(f"⟦{n}⟧{inner_ko}⟦/{n}⟧")
            pieces_en.append(f"⟦{n}⟧{inner_en}⟦/{n}⟧")
        pieces_ko.append(draw(TEXT))
        pieces_en.append(draw(TEXT))
    return "".join(pieces_ko), "".join(pieces_en), codes


@st.composite
def units(draw, fmt: str, ns: str, index: int, segment: str | None = None):
    source, target, codes = draw(texts_with_codes(fmt, ns, segment or "n"))
    state = draw(st.sampled_from(list(SegmentState)))
    if state == SegmentState.EMPTY:
        target = draw(st.sampled_from([None, "", "  "]))
    elif not target.strip():
        target = target + "OK"
    notes = draw(st.lists(st.builds(
        Note, TEXT, st.none() | NAMES, st.sampled_from([None, "source", "target"]),
        st.none() if fmt == "xliff12" else st.sampled_from([None, "query", "style"])), max_size=2))
    has_target = target is not None
    return Unit(f"u{index}" if segment is None else f"u{index}#{segment}", source, target, state,
                draw(st.sampled_from(list(SegmentKind))), notes, codes,
                draw(NAMES) if has_target and draw(st.booleans()) else None, None)


@st.composite
def documents(draw, fmt: str, version: str):
    ns = NS12 if fmt == "xliff12" else NS22 if version == "2.2" else NS20
    found: list[Unit] = []
    for index in range(1, draw(st.integers(1, 4)) + 1):  # a file of no units is refused (nothing to import)
        if fmt == "xliff2" and draw(st.booleans()):
            # a unit of several segments: they share the unit's kind, and its notes sit on the first
            segments = [draw(units(fmt, ns, index, f"seg{k}")) for k in range(1, draw(st.integers(2, 3)) + 1)]
            kind = segments[0].kind
            found += [dataclasses.replace(u, kind=kind, notes=u.notes if k == 0 else [])
                      for k, u in enumerate(segments)]
        else:
            found.append(draw(units(fmt, ns, index)))
    title = draw(TEXT).strip()
    return BilingualFile(fmt, version, "ko", "en", "기사.docx", found, title=title)


@pytest.mark.parametrize(("fmt", "version"), FORMATS)
def test_random_documents_read_back_as_written(fmt, version):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(fmt, version))
    def check(doc):
        data = write(doc, fmt, version)
        back = read_bilingual(data, "random.xlf")
        assert back.warnings == []
        back.warnings.clear()
        assert back == as_read_back(doc, fmt)

    check()


@pytest.mark.parametrize(("fmt", "version"), FORMATS)
def test_random_documents_written_are_valid(monkeypatch, fmt, version):
    use_official_schemas(monkeypatch)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(fmt, version))
    def check(doc):
        assert schema_problems(write(doc, fmt, version), fmt) == []

    check()


def test_a_placeholder_used_twice_is_written_as_a_copy_in_xliff2(monkeypatch):
    use_official_schemas(monkeypatch)
    for fmt, version in (("xliff12", "1.2"), ("xliff2", "2.1")):
        doc = tandem_doc(fmt, version)
        doc.units[2].target = "⟦2/⟧ workers ⟦2/⟧ sent ⟦1⟧twice⟦/1⟧ ⟦1⟧again⟦/1⟧"
        data = write(doc, fmt, version)
        assert schema_problems(data, fmt) == []
        assert read_bilingual(data, "twice.xlf").units[2].target.count("⟦") >= 4


# ---- whatever a translator does with the tokens --------------------------------------------------

STRAY = st.builds(lambda n, shape: shape.format(n=n), st.integers(1, 9),
                  st.sampled_from(["⟦{n}⟧", "⟦/{n}⟧", "⟦{n}/⟧"]))


def without_codes(text: str | None, codes: list[InlineCode]) -> str:
    """The text with the tokens of its codes taken out: what must survive any arrangement."""
    tokens = {c.token for c in codes}
    return TOKEN.sub(lambda m: "" if m.group(0) in tokens else m.group(0), text or "")


@st.composite
def rearranged(draw, fmt: str, version: str):
    """A random document whose English has its unit's tokens in any order and number (turned round,
    crossing, half a pair, typed twice) among tokens the unit has no code for."""
    doc = draw(documents(fmt, version))
    for unit in doc.units:
        if unit.target is None:
            continue
        known = st.sampled_from([c.token for c in unit.codes]) if unit.codes else STRAY
        pieces = draw(st.lists(st.one_of(TEXT, known, known, STRAY), max_size=12))
        target = "".join(pieces)
        unit.target = target if target.strip() or unit.state == SegmentState.EMPTY else target + "OK"
    return doc


@pytest.mark.parametrize(("fmt", "version"), FORMATS)
def test_any_arrangement_of_tokens_is_written_valid_and_reads_back_with_all_its_text(monkeypatch, fmt, version):
    use_official_schemas(monkeypatch)

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rearranged(fmt, version))
    def check(doc):
        data = write(doc, fmt, version)
        assert schema_problems(data, fmt) == []
        back = read_bilingual(data, "rearranged.xlf")
        assert len(back.units) == len(doc.units)
        for ours, theirs in zip(doc.units, back.units):
            assert theirs.source == ours.source
            # Codes may change shape (a pair turned round reads back as two placeholders), but every
            # character typed is there, and a token without a code stays as the characters typed.
            assert without_codes(theirs.target, theirs.codes) == without_codes(ours.target, ours.codes)

    check()


def test_tokens_without_a_code_stay_as_typed_text_and_never_become_a_code(monkeypatch):
    use_official_schemas(monkeypatch)
    for fmt, version in (("xliff12", "1.2"), ("xliff2", "2.1")):
        doc = tandem_doc(fmt, version)
        # ⟦/3⟧…⟦3⟧ turned round makes two new codes on the way back; ⟦4/⟧ and ⟦5⟧ name no code.
        doc.units[2].target = "⟦/3⟧Workers⟦3⟧ sent ⟦4/⟧ and ⟦5⟧ ⟦2/⟧"
        data = write(doc, fmt, version)
        assert schema_problems(data, fmt) == []
        back = read_bilingual(data, "typed.xlf").units[2]
        assert "⟦4/⟧ and ⟦5⟧" in back.target
        assert not {"⟦4/⟧", "⟦5⟧"} & {c.token for c in back.codes}
        assert without_codes(back.target, back.codes) == "Workers sent ⟦4/⟧ and ⟦5⟧ "
