"""Encodings of XML files: BOMs, declarations, BOM-less UTF-16/32 and EBCDIC, legacy Korean, and the
"EUC-KR" file that holds CP949 syllables; all through Tandem's own reader layer."""

from __future__ import annotations

import pytest

from corpora import require_corpora
from glossaries.errors import GlossaryFileError
from glossaries.tbx import parse_tbx
from workflow.errors import InputError
from workflow.interchange.xmlsafe import parse_xml_report
from workflow.textfile import decode
from workflow.tmx import read_tmx

CJK = "legacy-encodings-cpython-cjkencodings"
TEXT = "똠방각하 펲시 조선로동당 “따옴표”"  # 똠 and 펲 are CP949 (UHC) only
EUC_KR_TEXT = "조선로동당 중앙위원회 “따옴표”"  # nothing outside EUC-KR (KS X 1001)
WIDE = TEXT + " — café \U0001d400"  # for the Unicode encodings: beyond Korean and the BMP


def doc(declaration: str | None, text: str) -> str:
    head = f'<?xml version="1.0" encoding="{declaration}"?>\n' if declaration else ""
    return f"{head}<doc>\n<p>{text}</p>\n</doc>\n"


def parsed(data: bytes, name: str = "file.xml") -> tuple[str, list[str]]:
    root, warnings = parse_xml_report(data, name, "XLIFF")
    return root.findtext("p"), warnings


@pytest.mark.parametrize("codec, declared, text", [
    ("utf-8", None, WIDE),
    ("utf-8", "UTF-8", WIDE),
    ("utf-8-sig", None, WIDE),
    ("utf-8-sig", "utf-8", WIDE),
    ("utf-16", None, WIDE),  # BOM, no declaration
    ("utf-16", "UTF-16", WIDE),
    ("utf-16-le", "UTF-16", WIDE),  # no BOM: told apart by where the zero bytes fall
    ("utf-16-be", "UTF-16", WIDE),
    ("utf-16-le", None, WIDE),
    ("utf-32", "UTF-32", WIDE),
    ("utf-32-be", None, WIDE),
    ("cp949", "CP949", TEXT),
    ("cp949", "windows-949", TEXT),  # what Windows and Java write for "Korean"
    ("cp949", "MS949", TEXT),
    ("euc-kr", "EUC-KR", EUC_KR_TEXT),
    ("johab", "JOHAB", TEXT),
    ("iso2022_kr", "ISO-2022-KR", EUC_KR_TEXT),
    ("latin-1", "ISO-8859-1", "café crème"),
    ("cp037", "IBM037", "EBCDIC text"),
])
def test_declared_and_detected_encodings_read_the_same_text(codec, declared, text):
    data = doc(declared, text).encode(codec)
    assert parsed(data) == (text, [])


def test_a_declaration_of_euc_kr_over_cp949_syllables_reads_as_cp949_and_says_so():
    data = doc("EUC-KR", TEXT).encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc-kr")  # the case is real: these syllables are not in EUC-KR
    assert parsed(data, "legacy.xlf") == (TEXT, [
        "legacy.xlf: declares EUC-KR but holds CP949 characters; read as CP949"])


def test_other_labels_of_euc_kr_get_the_same_reading_and_name_the_label():
    data = doc("ks_c_5601-1987", TEXT).encode("cp949")
    assert parsed(data, "win.xlf") == (TEXT, [
        "win.xlf: declares ks_c_5601-1987 (EUC-KR) but holds CP949 characters; read as CP949"])


def test_no_declaration_and_not_utf8_is_detected_with_a_warning():
    data = doc(None, "북한 당국은 오늘 새로운 조치를 발표했다고 조선중앙통신이 전했다.").encode("cp949")
    text, warnings = parsed(data, "nodecl.tmx")
    assert text.startswith("북한 당국은")
    assert warnings == ["nodecl.tmx: has no encoding declaration and is not UTF-8; read as CP949 "
                        "(detected)"]


def test_a_utf16_label_on_single_byte_text_is_overruled_with_a_warning():
    assert parsed(doc("UTF-16", "plain").encode("utf-8"), "x.xlf") == (
        "plain", ["x.xlf: declares UTF-16 but is not; read as UTF-8"])


@pytest.mark.parametrize("data, problem", [
    (doc("x-klingon", "a").encode(), "declares the encoding 'x-klingon', which Tandem does not know"),
    (doc("UTF-8", "a").encode() + b"\xff\xfe\xfd", "is not valid UTF-8: bad byte at offset 61"),
    (doc("EUC-KR", "a").encode() + b"\xff\xff", "is not valid EUC-KR"),
    ("<?xml version='1.0'?><d>x</d>".encode("cp037"), "looks like EBCDIC but declares no encoding"),
])
def test_undecodable_files_are_refused_by_name(data, problem):
    with pytest.raises(InputError) as caught:
        parse_xml_report(data, "bad.xlf", "XLIFF")
    assert caught.value.source == "bad.xlf" and problem in caught.value.problem


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-le", "utf-32-be", "cp037"])
def test_the_head_for_sniffing_decodes_like_the_reader(codec):
    from glossaries.tbx.encoding import xml_head

    text = doc("IBM037" if codec == "cp037" else None, "head") + "<!-- " + "x" * 70000 + " -->"
    head = xml_head(text.encode(codec), 1000)
    assert text.startswith(head[:200]) and "<p>head</p>" in head


def test_line_numbers_survive_transcoding():
    broken = doc("UTF-16", "line three").replace("</doc>", "</dok>").encode("utf-16")
    with pytest.raises(InputError, match="line 4"):
        parse_xml_report(broken, "broken.xlf", "XLIFF")


def test_tmx_and_tbx_get_the_same_encoding_handling():
    tmx = ('<?xml version="1.0" encoding="euc-kr"?>\n<tmx version="1.4"><header srclang="ko"/>'
           '<body><tu><tuv xml:lang="ko"><seg>똠방각하</seg></tuv><tuv xml:lang="en">'
           "<seg>His Excellency</seg></tuv></tu></body></tmx>").encode("cp949")
    read = read_tmx(tmx, "old.tmx")
    assert read.units[0].texts == {"ko": "똠방각하", "en": "His Excellency"}
    assert read.warnings == ["old.tmx: declares EUC-KR but holds CP949 characters; read as CP949"]
    tbx = ('<?xml version="1.0" encoding="EUC-KR"?>\n<tbx type="TBX-Core" style="dca" xml:lang="en" '
           'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>'
           '</fileDesc></tbxHeader><text><body><conceptEntry id="c1"><langSec xml:lang="ko"><termSec>'
           '<term>펲시</term></termSec></langSec><langSec xml:lang="en"><termSec><term>Pepsi</term>'
           "</termSec></langSec></conceptEntry></body></text></tbx>").encode("cp949")
    [term] = parse_tbx(tbx, "old.tbx").terms
    assert (term.ko, term.en) == ("펲시", "Pepsi")
    with pytest.raises(GlossaryFileError, match="not valid EUC-KR"):
        parse_tbx(tbx.replace("펲시".encode("cp949"), b"\xff\xff"), "bad.tbx")


# --- CPython's cjkencodings golden files ---------------------------------------------------------

@pytest.mark.parametrize("name, label", [
    ("euc_kr", "EUC-KR"), ("cp949", "CP949"), ("johab", "JOHAB"), ("iso2022_kr", "ISO-2022-KR"),
])
def test_cjkencodings_files_inside_xml_decode_to_their_utf8_twins_exactly(name, label):
    folder = require_corpora(CJK)
    raw = (folder / f"{name}.txt").read_bytes()
    twin = (folder / f"{name}-utf8.txt").read_text(encoding="utf-8")
    # The files' own bytes, unchanged, as the content of an XML element declared in their encoding
    # (their text holds no "<" or "&"; Johab and ISO-2022-KR bytes may, inside a character).
    data = f'<?xml version="1.0" encoding="{label}"?>\n<doc><p>'.encode("ascii") + raw + b"</p></doc>"
    assert parsed(data) == (twin, [])


def test_the_cp949_golden_file_declared_as_euc_kr_reads_exactly_with_the_warning():
    folder = require_corpora(CJK)
    raw = (folder / "cp949.txt").read_bytes()
    data = b'<?xml version="1.0" encoding="euc-kr"?>\n<doc><p>' + raw + b"</p></doc>"
    assert parsed(data, "cp949.xml") == ((folder / "cp949-utf8.txt").read_text(encoding="utf-8"), [
        "cp949.xml: declares EUC-KR but holds CP949 characters; read as CP949"])


def test_plain_text_euc_kr_with_cp949_syllables_reads_as_cp949():
    folder = require_corpora(CJK)
    extra = "\n똠방각하 펲시\n"
    raw = (folder / "euc_kr.txt").read_bytes() + extra.encode("cp949")
    encoding, text = decode(raw, "article.txt")
    assert (encoding, text) == ("cp949", (folder / "euc_kr-utf8.txt").read_text(encoding="utf-8") + extra)


# ---- sniffing: the head decoded as the reader decodes it ------------------------------------------

TMX_DOC = ('<?xml version="1.0" encoding="{label}"?>\n<tmx version="1.4"><header creationtool="t" '
           'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ko" datatype="plaintext"/>'
           '<body><tu><tuv xml:lang="ko"><seg>조국</seg></tuv><tuv xml:lang="en"><seg>homeland</seg></tuv></tu>'
           '</body></tmx>\n')


@pytest.mark.parametrize("codec, label", [("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"), ("utf-32", "UTF-32"),
                                          ("utf-16-be", "UTF-16"), ("cp037", "IBM037")])
def test_sniffing_knows_utf32_and_ebcdic_files_for_what_they_hold(tmp_path, codec, label):
    from workflow.interchange.sniff import sniff_file

    text = TMX_DOC.format(label=label)
    path = tmp_path / "memory.dat"
    path.write_bytes(text.encode(codec) if codec != "cp037" else text.replace("조국", "homeland").encode(codec))
    assert sniff_file(path)[1].kind == "tmx"


def test_an_xml_file_whose_root_is_beyond_the_head_is_found_by_the_parser(tmp_path):
    from workflow.interchange.sniff import HEAD_BYTES, sniff_file

    text = TMX_DOC.format(label="UTF-8").replace("\n<tmx", "\n<!-- " + "x" * (HEAD_BYTES + 10) + " -->\n<tmx", 1)
    path = tmp_path / "long-prolog.xml"
    path.write_text(text, encoding="utf-8")
    assert sniff_file(path)[1].kind == "tmx"
    hostile = text.replace("<!--", '<!DOCTYPE tmx [<!ENTITY a "b">]>\n<!--', 1)
    path.write_text(hostile, encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE declares entities"):
        sniff_file(path)


def test_each_kind_has_its_own_size_limit(tmp_path, monkeypatch):
    from workflow.interchange import sniff

    monkeypatch.setitem(sniff.LIMITS, "text", 2000)
    monkeypatch.setitem(sniff.LIMITS, "tmx", 5000)
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(TMX_DOC.format(label="UTF-8") + " " * 3000, encoding="utf-8")  # over text's, within TMX's
    assert sniff.sniff_file(tmx)[1].kind == "tmx"
    article = tmp_path / "article.md"
    article.write_text("# 조국\n\n" + "가" * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="the limit for Korean text is 2,000 bytes"):
        sniff.sniff_file(article)
    tmx.write_text(TMX_DOC.format(label="UTF-8") + " " * 6000, encoding="utf-8")
    with pytest.raises(InputError, match="is 6,[0-9]{3} bytes; the limit for TMX is 5,000 bytes"):
        sniff.sniff_file(tmx)
