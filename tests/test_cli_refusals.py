"""The CLI for scripts: a refusal of the whole command is one line, a usage mistake ends with what to do,
and the thread commands answer under the names issue 13 gives them. Through the real entry point."""

from __future__ import annotations

import json

import pytest

from conftest import DRAFT, KO


@pytest.fixture
def desk(tandem):
    """One document of 16 segments, and a desk of a translator, an editor and a terminologist."""
    for name, role in (("david", "translator"), ("robert", "editor"), ("minji", "terminologist")):
        assert tandem("users", "add", name, "--role", role, user="admin").code == 0
    assert tandem("import", str(KO), "--english", str(DRAFT), user="david").code == 0
    return tandem


@pytest.mark.parametrize("who, says", [
    ("bob", "'bob' is not a user of this workspace"),
    ("minji", "minji cannot mark segments translated: that needs the translator role"),
])
def test_a_refusal_of_the_whole_command_is_one_line(desk, who, says):
    run = desk("translated", "1", user=who)
    assert run.code != 0
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("tandem: error: ") and says in lines[0]
    assert run.out == ""  # no "0 segments marked translated, 16 refused" summary for a refused command


def test_a_refusal_of_some_segments_still_names_each(desk):
    # Segment refusals are about the segments: each is named, and the rest are marked.
    run = desk("translated", "1", "1", "999", user="david")
    assert run.code != 0
    assert len(run.err.splitlines()) == 1 and "999" in run.err
    assert "1 segments marked translated, 1 refused" in run.out


@pytest.mark.parametrize("argv, prog", [
    (("translated",), "tandem translated"),
    (("frobnicate",), "tandem"),
    (("glossary", "approve", "x"), "tandem glossary approve"),
])
def test_a_usage_mistake_keeps_the_usage_and_ends_with_what_to_do(desk, argv, prog):
    run = desk(*argv, user="david")
    assert run.code == 2
    lines = run.err.splitlines()
    assert lines[0].startswith("usage: " + prog)
    assert any(line.startswith(f"{prog}: error: ") for line in lines)
    assert lines[-1] == f"Run `{prog} --help` to see what it takes."


def test_translated_without_a_document_names_only_the_document(desk):
    run = desk("translated", user="david")
    assert "the following arguments are required: DOC\n" in run.err


def test_a_query_answered_and_closed_under_the_issue_names(desk):
    assert desk("comment", "add", "1", "3", "Is this the ministry?", user="robert").code == 0
    assert desk("reply", "1", "Yes, the MSS.", user="david").code == 0
    listed = desk("comments", "1", "3", user="robert")
    assert listed.code == 0 and "answered" in listed.out and "Yes, the MSS." in listed.out
    assert desk("comments", "1", "4", user="robert").out.strip() == "No comments."
    closed = desk("resolve-comment", "1", user="robert")
    assert closed.code == 0 and "thread 1: closed" in closed.out
    threads = json.loads(desk("comments", "1", "--json", user="robert").out)
    assert [(t["id"], t["state"], t["resolved_by"]) for t in threads] == [(1, "closed", "robert")]
    # The same handlers as `tandem comment list`: one answer, under both names.
    assert desk("comment", "list", "1", "--json", user="robert").out == desk("comments", "1", "--json",
                                                                              user="robert").out
