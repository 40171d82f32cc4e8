"""`tandem validate` and import share one verdict (issue 16 §3): the same problems, each an error
(import refuses) or a warning (import accepts, naming the rule), judged by the schemas Tandem
ships, so no test here needs the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow.errors import InputError
from workflow.interchange.problems import ERROR, WARNING, Problem, one_line
from workflow.interchange.reader import SHOWN, judge_xliff, read_bilingual
from workflow.interchange.validate import validate_path

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


def x12(units: str, *, ns: str = NS12, version: str = "1.2", file_attrs: str = "", header: str = "") -> bytes:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return (f'<?xml version="1.0"?>\n<xliff{xmlns} version="{version}">\n'
            f'<file original="a.txt" source-language="ko" target-language="en" datatype="plaintext"{file_attrs}>\n'
            f'{header}<body>\n{units}\n</body>\n</file>\n</xliff>\n').encode()


UNIT12 = '<trans-unit id="{id}"><source>북한</source><target>North Korea</target></trans-unit>'


def x2(segments: str, *, version: str = "2.0", langs: str = ' srcLang="ko" trgLang="en"') -> bytes:
    return (f'<?xml version="1.0"?>\n<xliff xmlns="{NS20}" version="{version}"{langs}>\n'
            f'<file id="f1"><unit id="u1">\n{segments}\n</unit></file>\n</xliff>\n').encode()


SEGMENT = '<segment{attrs}><source>북한</source><target>North Korea</target></segment>'


def both(tmp_path: Path, data: bytes, name: str = "f.xlf"):
    """(validate's report, import's outcome: the document or the InputError) for the same bytes."""
    path = tmp_path / name
    path.write_bytes(data)
    report = validate_path(path)
    try:
        outcome: object = read_bilingual(data, str(path))
    except InputError as exc:
        outcome = exc
    return report, outcome


def agree(report, outcome) -> None:
    assert report.valid == (not isinstance(outcome, InputError)), (report.problems, outcome)


def test_a_matecat_tool_id_without_its_tool_is_accepted_naming_the_rule(tmp_path):
    data = x12(UNIT12.format(id="1"), file_attrs=' tool-id="matecat-raw"')
    report, doc = both(tmp_path, data)
    agree(report, doc)
    assert report.valid and report.exit_code == 0
    (problem,) = report.problems
    assert (problem.rule, problem.severity, problem.line, problem.element) == ("tool-id", WARNING, 3, "file")
    assert "KR_file_tool-id" in problem.message and "'matecat-raw'" in problem.message
    assert doc.warnings == [str(problem)]
    described = x12(UNIT12.format(id="1"), file_attrs=' tool-id="mc"',
                    header='<header><tool tool-id="mc" tool-name="Matecat"/></header>')
    assert read_bilingual(described, "described.xlf").warnings == []


@pytest.mark.parametrize("why,data,rule", [
    ("a 1.2 version in a namespace that is no XLIFF's", x12(UNIT12.format(id="1"), ns="urn:example"), "xliff-version"),
    ("version 1.2 in a 1.x namespace XLIFF never had", x12(UNIT12.format(id="1"), ns="urn:oasis:names:tc:xliff:document:1.3"),
     "xliff-version"),
    ("version 9.9 in the 2.0 namespace, which its schema leaves free", x2(SEGMENT.format(attrs=""), version="9.9"),
     "xliff-version"),
    ("a 2.2 version in the 2.0 namespace", x2(SEGMENT.format(attrs=""), version="2.2"), "xliff-version"),
    ("no srcLang: the direction cannot be checked", x2(SEGMENT.format(attrs=""), langs=' trgLang="en"'), "schema"),
    ("a state XLIFF 2 does not define (subState is for tools' own)",
     x2(SEGMENT.format(attrs=' state="approved"')), "schema"),
    ("no units: nothing to import", x12(""), "no-units"),
    ("a 1.2 unit without id", x12('<trans-unit><source>가</source></trans-unit>'), "schema"),
])
def test_what_import_refuses_validate_calls_invalid(tmp_path, why, data, rule):
    report, outcome = both(tmp_path, data)
    agree(report, outcome)
    assert isinstance(outcome, InputError), why
    assert rule in {p.rule for p in report.errors}, report.problems
    assert "\n" not in outcome.problem


def test_a_file_with_no_units_is_invalid_to_validate_too(tmp_path):
    path = tmp_path / "empty.xlf"
    path.write_bytes(x2("").replace(b'<unit id="u1">\n\n</unit>', b""))
    report = validate_path(path)
    assert not report.valid and [p.rule for p in report.errors] in (["no-units"], ["schema"])


def test_a_12_file_without_its_namespace_is_read_with_a_warning_naming_the_rule(tmp_path):
    report, doc = both(tmp_path, x12(UNIT12.format(id="1"), ns=""))
    agree(report, doc)
    assert [(p.rule, p.severity) for p in report.problems] == [("xliff12-namespace", WARNING)]
    assert any("without its namespace" in w for w in doc.warnings)


def test_validate_lists_every_problem_with_its_line_and_import_names_the_first_few_on_one_line(tmp_path):
    units = "\n".join('<trans-unit><source>가</source></trans-unit>' for _ in range(SHOWN + 3))
    report, outcome = both(tmp_path, x12(units))
    assert len(report.errors) >= SHOWN + 3 and all(p.line for p in report.errors)
    assert [p.line for p in report.problems] == sorted(p.line for p in report.problems)
    assert isinstance(outcome, InputError) and "\n" not in outcome.problem
    assert f"(and {len(report.errors) - SHOWN} more problems)" in outcome.problem


def test_a_libxml2_message_over_several_lines_is_one_line_in_a_refusal():
    assert one_line("Element 'x': This element is not expected.\n Expected is ( y ).\n") == \
        "Element 'x': This element is not expected. Expected is ( y )."
    from workflow.interchange.reader import refusal

    assert refusal([Problem("schema", "first\npart\r\nsecond", 3, "unit")]) == "line 3, <unit>: first part second"
    from glossaries.tbx.parse import _syntax_problem  # the parser's messages, for every XML reader

    assert _syntax_problem("Opening and ending tag mismatch: a line 1 and b\nc, line 3, column 4") == \
        "Opening and ending tag mismatch: a line 1 and b c (column 4)"


def test_the_verdict_is_the_same_wherever_tandem_runs(monkeypatch, tmp_path):
    data = x2(SEGMENT.format(attrs="") + "<note>misplaced</note>")
    before = judge_xliff(data, "a.xlf").problems
    monkeypatch.setenv("TANDEM_SCHEMAS", str(tmp_path))  # once an override; read by nothing now
    assert judge_xliff(data, "a.xlf").problems == before and before[0].severity == ERROR


def test_validate_json_gives_each_problem_its_severity(tmp_path):
    path = tmp_path / "m.xlf"
    path.write_bytes(x12(UNIT12.format(id="1"), file_attrs=' tool-id="matecat"'))
    out = validate_path(path).to_json()
    assert out["valid"] and [p["severity"] for p in out["problems"]] == ["warning"]
