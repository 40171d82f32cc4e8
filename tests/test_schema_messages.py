"""libxml2 reports schema problems in English; Tandem shows them in the interface language."""

from __future__ import annotations

import pytest

from corpora import require_corpora
from workflow import i18n
from workflow.interchange.schema_messages import translated

# As libxml2 writes them (taken from validating the OASIS suites).
LIBXML2 = [
    "Element 'mda:meta': The attribute 'type' is required but missing.",
    "Element 'notes': This element is not expected.",
    "Element 'meta': This element is not expected. Expected is one of ( mda:metaGroup, mda:meta ).",
    "Element 'file': Missing child element(s). Expected is one of ( skeleton, ##other*, notes, unit, group ).",
    "Element 'mtc:match', attribute 'id': '\\bad' is not a valid value of the atomic type 'xs:NMTOKEN'.",
    "Element 'target', attribute 'lang': 'f r' is not a valid value of the local union type.",
    "Element 'mda:meta', attribute 'appliesTo': The attribute 'appliesTo' is not allowed.",
    "Element 'val:rule', attribute 'caseSensitive': [facet 'enumeration'] The value 'false' is not an element "
    "of the set {'yes', 'no'}.",
    "Element 'trans-unit': Duplicate key-sequence ['3'] in key identity-constraint 'K_unit_id'.",
]


@pytest.mark.parametrize("message", LIBXML2)
def test_english_is_libxml2_word_for_word_and_korean_keeps_every_name_and_value(message):
    assert translated(message) == message
    with i18n.using("ko"):
        korean = translated(message)
    assert korean.startswith("요소 '") and korean != message
    for quoted in (part for i, part in enumerate(message.split("'")) if i % 2):
        assert f"'{quoted}'" in korean or quoted in korean


def test_a_message_of_another_shape_is_shown_as_libxml2_wrote_it():
    odd = "Element 'x': Something libxml2 has never said before."
    with i18n.using("ko"):
        assert translated(odd) == "요소 'x': Something libxml2 has never said before."
        assert translated("No element at all.") == "No element at all."


def test_a_schema_problem_of_a_suite_file_reads_in_korean():
    from workflow.interchange.validate import validate_path

    bad = require_corpora("xliff21-oasis-testsuite", "test-suite", "core", "invalid", "bad_GroupWithoutId.xlf")
    english = [str(p) for p in validate_path(bad).problems]
    with i18n.using("ko"):
        korean = [str(p) for p in validate_path(bad).problems]
    assert any("The attribute 'id' is required but missing." in line for line in english), english
    assert any("필수 속성 'id'가 없습니다." in line for line in korean), korean
    assert not any("required" in line for line in korean)
