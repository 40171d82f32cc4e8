"""Reading files in whatever encoding they arrive in, and refusing what is not text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from corpora import require_corpora
from workflow.errors import InputError
from workflow.textfile import decode, read_text_file

from conftest import KO


@pytest.mark.parametrize("name, encoding", [
    ("euc_kr", "euc-kr"), ("cp949", "cp949"), ("johab", "johab"), ("iso2022_kr", "iso2022-kr"),
])
def test_cpython_cjkencodings_decode_to_their_utf8_twins_exactly(name, encoding):
    folder = require_corpora("legacy-encodings-cpython-cjkencodings")
    found, text = decode((folder / f"{name}.txt").read_bytes(), f"{name}.txt")
    assert found == encoding
    assert text == (folder / f"{name}-utf8.txt").read_text(encoding="utf-8")


def test_reading_normalizes_to_nfc_even_compatibility_ideographs():
    folder = require_corpora("legacy-encodings-cpython-cjkencodings")
    read = read_text_file(folder / "cp949.txt")
    twin = (folder / "cp949-utf8.txt").read_text(encoding="utf-8")
    assert read.text == unicodedata.normalize("NFC", twin)
    assert read.text != twin  # the file holds U+F900-block ideographs that NFC maps to unified ones


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"), ("cp949", "cp949"), ("utf-32", "utf-32"),
])
def test_the_sample_article_reads_the_same_in_every_encoding(tmp_path, encoding, expected):
    original = KO.read_text(encoding="utf-8")
    path = tmp_path / "ko.md"
    path.write_bytes(original.encode(encoding))
    read = read_text_file(path)
    assert read.text == original
    assert read.encoding == expected


def test_crlf_line_ends_become_lf(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(KO.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert read_text_file(path).text == KO.read_text(encoding="utf-8")


def test_the_checksum_is_of_the_bytes(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_bytes(KO.read_bytes())
    b.write_bytes(KO.read_text(encoding="utf-8").encode("cp949"))
    assert read_text_file(a).checksum != read_text_file(b).checksum
    assert read_text_file(a).checksum == read_text_file(KO).checksum


@pytest.mark.parametrize("content, problem", [
    (b"", "the file is empty"),
    (b"\n \t\n", "only whitespace"),
    (b"%PDF-1.7\n" + bytes(50), "PDF document"),
    (b"SQLite format 3\x00" + bytes(100), "SQLite database"),
    (b"\x00\x01\x02\x03" * 300, "binary data"),
    (b"\x07\x1b[31m" + b"x" * 20, "control characters"),
    (random.Random(7).randbytes(4000), "binary data"),
    (bytes(range(128, 256)) * 4, "not text in an encoding Tandem knows"),
    (b"\xef\xbb\xbfok\xff\xfe", "not valid utf-8-sig"),
])
def test_what_is_not_text_is_refused_by_name(tmp_path, content, problem):
    path = tmp_path / "input.md"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as caught:
        read_text_file(path)
    assert caught.value.source == str(path)


def test_a_folder_and_a_missing_file_are_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_text_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "missing.md")


def test_an_oversized_file_is_refused_with_the_limit_named(tmp_path, monkeypatch):
    import workflow.textfile as textfile

    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * 1001)
    with pytest.raises(InputError, match="1,001 bytes; the limit for one article is 1,000 bytes"):
        read_text_file(path)
