"""TBX conformance beyond the good/bad pairs in test_glossary_files.py: the official dialect examples,
other v2 samples, and every good corpus file read again in other encodings through the one layer.

Tandem validates TBX with its own rules (glossaries/tbx/names.py), never the RNG/Schematron files:
every bad file of tbx-ltac-test-files, tbx-basic-package-v2 and tbx-v3-samples-byutrg is refused by
them (test_glossary_files.py), so no third-party schema is needed at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lxml import etree

from corpora import require_corpora
from glossaries.tbx import TbxImport, parse_tbx, read_tbx_report
from glossaries.tbx.parse import parse_untrusted

_DECLARATION = re.compile(r"\A\ufeff?(<\?xml[^>]*?)(\s+encoding\s*=\s*[\"'][^\"']*[\"'])?(\s*\?>)")


def text_of(path: Path) -> str:
    data = path.read_bytes()
    return data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig")


def declared(text: str, label: str | None) -> str:
    """The document with its declaration naming label (or naming no encoding when None)."""
    encoding = f' encoding="{label}"' if label else ""
    if _DECLARATION.match(text):
        return _DECLARATION.sub(lambda m: m.group(1) + encoding + m.group(3), text, count=1)
    return f'<?xml version="1.0"{encoding}?>\n{text}'


def good_files() -> list[Path]:
    base = require_corpora()
    files = [base / "tbx-ltac-test-files" / n for n in ("basic_good.tbx", "core_structure_good.tbx",
                                                          "min_good.tbx")]
    files += [base / "tbx-basic-package-v2" / "TBX-basic-sample.tbx"]
    files += sorted((base / "tbx-v3-samples-byutrg" / "GoodFiles").rglob("*.tbx"))
    files += sorted((base / "tbx-ltac-dialects").rglob("*.tbx"))
    return files


def korean_for(language: str, data: bytes) -> bytes:
    """The file with one of its languages relabelled as Korean, so Tandem maps its concepts."""
    return data.replace(f'xml:lang="{language}"'.encode(), b'xml:lang="ko"')


@pytest.mark.parametrize("dialect", ["TBX-Basic", "TBX-Min"])
def test_the_official_dialect_examples_load_and_dca_and_dct_styles_read_the_same(dialect):
    base = require_corpora("tbx-ltac-dialects", dialect)
    dca = read_tbx_report(base / "DCA" / "Example_Astronomy_DCA_VALID.tbx")
    dct = read_tbx_report(base / "DCT" / "Example_Astronomy_DCT_VALID.tbx")
    assert dca == dct == ([], 45, ())  # English, Spanish and Zulu: no Korean, so every concept skipped
    # With the Spanish taken as the Korean, both styles give the same terms: forms, ranks (DCT's
    # min:administrativeStatus) and parts of speech. Notes and subject fields are compared only
    # where both examples carry them: the DCT examples leave some out (a G-Source note; TBX-Min's
    # DCT has no subjectField at all).
    as_dca = parse_tbx(korean_for("es", (base / "DCA" / "Example_Astronomy_DCA_VALID.tbx").read_bytes()))
    as_dct = parse_tbx(korean_for("es", (base / "DCT" / "Example_Astronomy_DCT_VALID.tbx").read_bytes()))
    assert as_dca.skipped == as_dct.skipped == 6 and len(as_dca.terms) == len(as_dct.terms) == 39

    def forms(term):
        return term.ko, term.en, term.ko_variants, term.en_variants, term.en_forbidden, term.pos

    assert [forms(t) for t in as_dca.terms] == [forms(t) for t in as_dct.terms]
    assert sum(bool(t.en_forbidden) for t in as_dca.terms) > 0 and all(t.pos for t in as_dca.terms)
    for dca, dct in zip(as_dca.terms, as_dct.terms):
        assert dct.domain in ("", dca.domain) and set(dct.note.split("; ")) <= set(dca.note.split("; "))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_every_good_corpus_file_reads_the_same_in_other_encodings(encoding):
    files = good_files()
    assert len(files) == 3 + 1 + 39 + 4
    label = None if encoding == "utf-8-sig" else encoding.upper()  # utf-16-be: no BOM at all
    for path in files:
        text = text_of(path)
        again = declared(text, label).encode(encoding)
        # the same tree, node for node, so whatever TBX makes of one it makes of the other
        assert etree.tostring(parse_untrusted(again, path.name, "TBX")) == \
            etree.tostring(parse_untrusted(path.read_bytes(), path.name, "TBX")), path
        if encoding == "utf-16":
            assert parse_tbx(again, path.name) == read_tbx_report(path), path


def test_the_korean_termbase_declared_euc_kr_reads_the_same():
    base = require_corpora("tbx-v3-samples-byutrg", "GoodFiles")
    for path in base.rglob("James_Termbase Cleaned*.tbx"):
        text = text_of(path)
        legacy = declared(text, "EUC-KR").encode("euc-kr")
        assert parse_tbx(legacy, path.name) == read_tbx_report(path)
        # The same file as many a Korean desk has it: labelled EUC-KR, holding CP949 syllables.
        cp949 = declared(text.replace("수박", "똠방각하"), "EUC-KR").encode("cp949")
        found = parse_tbx(cp949, path.name)
        assert [(t.ko, t.en) for t in found.terms] == [("똠방각하", "watermelon")]
        assert found.warnings == (f"{path.name}: declares EUC-KR but holds CP949 characters; read as CP949",)


def test_other_v2_samples_load():
    base = require_corpora()
    omegat = read_tbx_report(base / "tbx-omegat-sample" / "sampleTBXfile.tbx")  # with a BOM
    weblate = read_tbx_report(base / "weblate-testdata" / "fr-extended-metadata.tbx")
    assert omegat == TbxImport([], 1) and weblate == TbxImport([], 2)  # English-French only
    french = parse_tbx(korean_for("fr", (base / "weblate-testdata" / "fr-extended-metadata.tbx")
                                  .read_bytes()))
    assert french.terms and all(t.ko and t.en for t in french.terms)


def test_tbx_checker_v2_pair():
    base = require_corpora("tbx-checker-v2-corpus")
    assert read_tbx_report(base / "good.tbx") == TbxImport([], 2)
    # bad.tbx is bad only against its XCS file (small.xcs does not list the language "lut").
    # Tandem reads no XCS (glossaries/tbx/__init__.py): a v2 file's dialect is taken as TBX-Basic's
    # structure, so this file is accepted, and its concepts, having no Korean, are skipped.
    assert read_tbx_report(base / "bad.tbx") == TbxImport([], 2)
