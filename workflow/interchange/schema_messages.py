"""libxml2's schema-validity messages in the interface language.

libxml2 reports in English only. Its messages follow a few fixed shapes, written out here in its own
words (so English output is exactly libxml2's) and translated by finding the shape a message has; one
of another shape is shown as libxml2 wrote it. Element, attribute and type names stay as they are.
"""

from __future__ import annotations

import re

from workflow.i18n import N_, _, retranslate

_PLACE = re.compile(r"^Element '(?P<element>[^']*)'(?:, attribute '(?P<attribute>[^']*)')?: (?P<problem>.*)$", re.S)

PROBLEMS = (
    N_("'{value}' is not a valid value of the atomic type '{type}'."),
    N_("'{value}' is not a valid value of the list type '{type}'."),
    N_("'{value}' is not a valid value of the union type '{type}'."),
    N_("'{value}' is not a valid value of the local atomic type."),
    N_("'{value}' is not a valid value of the local list type."),
    N_("'{value}' is not a valid value of the local union type."),
    N_("[facet 'enumeration'] The value '{value}' is not an element of the set {{{values}}}."),
    N_("[facet 'pattern'] The value '{value}' is not accepted by the pattern '{pattern}'."),
    N_("The attribute '{attribute}' is not allowed."),
    N_("The attribute '{attribute}' is required but missing."),
    N_("This element is not expected."),
    N_("This element is not expected. Expected is ( {expected} )."),
    N_("This element is not expected. Expected is one of ( {expected} )."),
    N_("Missing child element(s). Expected is ( {expected} )."),
    N_("Missing child element(s). Expected is one of ( {expected} )."),
    N_("Character content other than whitespace is not allowed because the content type is 'element-only'."),
    N_("Element content is not allowed, because the content type is a simple type definition."),
    N_("Duplicate key-sequence [{key}] in key identity-constraint '{constraint}'."),
    N_("Duplicate key-sequence [{key}] in unique identity-constraint '{constraint}'."),
    N_("No match found for key-sequence [{key}] of keyref '{constraint}'."),
)


def translated(message: str) -> str:
    """A libxml2 schema message in the interface language (as libxml2 wrote it when it is English)."""
    place = _PLACE.match(message)
    if place is None:
        return retranslate(message, PROBLEMS)
    problem = retranslate(place.group("problem"), PROBLEMS)
    if place.group("attribute") is None:
        return _("Element '{element}': {problem}").format(element=place.group("element"), problem=problem)
    return _("Element '{element}', attribute '{attribute}': {problem}").format(
        element=place.group("element"), attribute=place.group("attribute"), problem=problem)
