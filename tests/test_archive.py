"""The archive (issue 17 §3): every document's Korean and current English searched, with tag and date
filters, newest document first; how documents from before a term rendered it; `tandem search`."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest

from glossaries.model import Term
from workflow.errors import InputError
from workflow.i18n import using

OLDER_KO = "북한 보위지도원들이 노동자를 감시했다.\n\n북한은 답하지 않았다.\n\n보위지도원은 떠났다.\n"
OLDER_EN = "Security guidance officers watched the workers.\n\nNorth Korea did not answer.\n\nThe security official left.\n"
NEWER_KO = "보위지도원이 돌아왔다.\n\n노동자들은 일했다.\n"
NEWER_EN = "A security guidance officer came back.\n\nThe workers worked.\n"


def _import(workspace, tmp_path, name: str, ko: str, en: str, tags=()) -> int:
    (tmp_path / f"{name}.ko.md").write_text(ko, encoding="utf-8")
    (tmp_path / f"{name}.en.md").write_text(en, encoding="utf-8")
    time.sleep(0.01)  # stored times have milliseconds: keep "newest first" and "before" unambiguous
    return workspace.files.import_document(tmp_path / f"{name}.ko.md", tmp_path / f"{name}.en.md", title=name,
                                           tags=list(tags), by="david").document.id


@pytest.fixture
def archive(workspace, tmp_path):
    older = _import(workspace, tmp_path, "older", OLDER_KO, OLDER_EN, tags=["security", "russia"])
    newer = _import(workspace, tmp_path, "newer", NEWER_KO, NEWER_EN, tags=["labor"])
    return workspace, older, newer


def test_korean_is_found_inside_words_newest_document_first_with_its_english(archive):
    workspace, older, newer = archive
    found = workspace.archive.search("보위지도원")
    assert [hit.where for hit in found.hits] == [(newer, 1), (older, 1), (older, 3)]
    assert found.documents == 2 and not found.more
    for hit in found.hits:
        assert [hit.source[a:b] for a, b in hit.source_spans] == ["보위지도원"]  # 보위지도원들이, 보위지도원이
        assert hit.target == workspace.documents.segments(hit.document_id)[hit.index - 1].target
    assert found.hits[1].target == "Security guidance officers watched the workers."


def test_english_is_found_whatever_its_case_and_two_characters_by_a_scan(archive):
    workspace, older, newer = archive
    found = workspace.archive.search("SECURITY GUIDANCE")
    assert [hit.where for hit in found.hits] == [(newer, 1), (older, 1)]
    assert [found.hits[1].target[a:b] for a, b in found.hits[1].target_spans] == ["Security guidance"]
    assert [hit.where for hit in workspace.archive.search("북한").hits] == [(older, 1), (older, 2)]
    assert [hit.where for hit in workspace.archive.search("  노동자   ").hits] == [(newer, 2), (older, 1)]


def test_only_the_current_english_is_searched(archive):
    workspace, older, _newer = archive
    workspace.editing.save(older, 2, "Pyongyang kept silent.", by="david")
    assert workspace.archive.search("did not answer").hits == []
    hit, = workspace.archive.search("pyongyang").hits
    assert hit.where == (older, 2) and hit.target == "Pyongyang kept silent."


def test_tag_and_since_filters(archive):
    workspace, older, newer = archive
    assert {h.document_id for h in workspace.archive.search("보위지도원", tag="Russia").hits} == {older}
    assert workspace.archive.search("보위지도원", tag="sports").hits == []
    tomorrow, yesterday = date.today() + timedelta(days=1), date.today() - timedelta(days=1)
    assert workspace.archive.search("보위지도원", since=tomorrow.isoformat()).hits == []
    assert len(workspace.archive.search("보위지도원", since=yesterday.isoformat()).hits) == 3
    with using("en"):  # a date as the reader writes one: 12/6/26 in the United States
        written = f"{yesterday.month}/{yesterday.day}/{yesterday.year % 100}"
        assert len(workspace.archive.search("보위지도원", since=written).hits) == 3
        with pytest.raises(InputError, match="--since: 'last week' is not a date"):
            workspace.archive.search("보위지도원", since="last week")


def test_nothing_to_search_for_and_the_limit(archive):
    workspace, _older, _newer = archive
    with pytest.raises(InputError, match="TEXT"):
        workspace.archive.search("   ")
    found = workspace.archive.search("보위지도원", limit=2)
    assert len(found.hits) == 2 and found.more


def test_renderings_count_the_english_of_documents_from_before_the_term(archive, tmp_path):
    workspace, older, newer = archive
    workspace.users.add("minji", ["terminologist"], by="admin")
    time.sleep(0.01)
    term = workspace.glossary.add(Term(ko="보위지도원", en="security guidance officer",
                                       en_forbidden=("security official",)), by="minji")
    # After the term: neither a new document nor a new English of an old one counts.
    _import(workspace, tmp_path, "after", "보위지도원을 만났다.\n", "We met a security guidance officer.\n")
    workspace.editing.save(older, 3, "The security guidance officer left.", by="david")
    found = workspace.archive.renderings(term.id)
    assert (found.segments, found.documents, found.unrendered) == (3, 2, 0)
    assert [(r.english, r.times, r.documents) for r in found.renderings] == [
        ("security guidance officer", 2, 2), ("security official", 1, 1)]
    with using("en"):
        assert found.describe() == ("보위지도원: security guidance officer 2 times, security official 1 time, "
                                   "in 2 documents")


def test_renderings_without_a_known_rendering_and_without_any_earlier_document(archive):
    workspace, older, newer = archive
    workspace.users.add("minji", ["terminologist"], by="admin")
    time.sleep(0.01)
    workers = workspace.glossary.add(Term(ko="노동자", en="laborer"), by="minji")
    found = workspace.archive.renderings(workers.id)
    assert (found.segments, found.documents, found.renderings) == (2, 2, ())
    new = workspace.glossary.add(Term(ko="지도자", en="leader"), by="minji")
    with using("en"):
        assert found.describe() == ("노동자: 2 segments in 2 documents from before the term, none with a "
                                   "rendering the glossary knows")
        assert workspace.archive.renderings(new.id).describe() == "지도자: not in any document from before the term"


def test_cli_search_json_and_table(archive, tandem):
    _workspace, older, newer = archive
    done = tandem("search", "보위지도원", "--json")
    assert done.code == 0
    answer = json.loads(done.out)
    assert [(h["document"], h["segment"]) for h in answer["hits"]] == [(newer, 1), (older, 1), (older, 3)]
    assert answer["hits"][1]["english"] == "Security guidance officers watched the workers."
    assert answer["hits"][1]["korean_spans"] == [[3, 8]]
    done = tandem("search", "security", "--tag", "labor")
    assert done.code == 0
    assert done.out.splitlines()[0] == "1 match in 1 document, the newest document first"
    assert "보위지도원이 돌아왔다." in done.out and "A security guidance officer came back." in done.out


def test_cli_search_without_matches_and_with_a_bad_date(archive, tandem):
    done = tandem("search", "zebra")
    assert (done.code, done.out.strip()) == (0, "No matches for 'zebra' in any document.")
    done = tandem("search", "보위지도원", "--since", "someday")
    assert done.code == 2 and "--since: 'someday' is not a date" in done.err


def test_search_in_ntrex_articles(ntrex_documents, demo):
    from workflow.workspace import Workspace

    cnbc, bbc, _reuters = ntrex_documents
    with Workspace.open(demo, create=False) as workspace:
        found = workspace.archive.search("김정은")
        assert {cnbc, bbc} <= {hit.document_id for hit in found.hits}
        order = [hit.document_id for hit in found.hits]
        assert order.index(bbc) < order.index(cnbc)  # the newer import first
        for hit in found.hits:
            assert all(hit.source[a:b] == "김정은" for a, b in hit.source_spans) and hit.source_spans
            assert hit.target == workspace.documents.segments(hit.document_id)[hit.index - 1].target
        inside = workspace.archive.search("탈북")  # two syllables, inside 탈북자: the scan
        assert inside.hits and all("탈북" in hit.source for hit in inside.hits)
        assert any(hit.source.count("탈북자") for hit in inside.hits)
        english = workspace.archive.search("kim jong un")  # bbc writes Kim Jong-un: not this
        assert cnbc in {hit.document_id for hit in english.hits} and bbc not in {h.document_id for h in english.hits}
        for hit in english.hits:
            assert "Kim Jong Un" in [hit.target[a:b] for a, b in hit.target_spans]



def test_cli_columns_line_up_by_terminal_cells(archive, tandem, monkeypatch):
    from wcwidth import wcswidth

    def cell(line: str, at: int) -> int:
        """The index of the character that starts at terminal cell `at`."""
        used = 0
        for i, ch in enumerate(line):
            if used == at:
                return i
            used += wcswidth(ch)
        raise AssertionError(f"no character starts at cell {at} of {line!r}")

    monkeypatch.setenv("COLUMNS", "100")
    header, *rows = tandem("search", "보위지도원").out.splitlines()[1:]
    assert len(rows) == 3 and all(wcswidth(line) <= 100 for line in [header, *rows])
    for column in ("SEG", "KOREAN", "ENGLISH"):
        at = wcswidth(header[:header.index(column)])
        for row in rows:  # Hangul takes two cells, and every column after it starts where its header does
            i = cell(row, at)
            assert row[i - 2:i] == "  " and row[i] != " ", (column, row)
