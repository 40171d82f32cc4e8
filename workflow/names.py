"""What domain values are called on screen and in CLI output, in the interface language.

Stored values (and --json output) stay the English identifiers; only what people read is translated.
"""

from __future__ import annotations

from workflow.i18n import N_, _

_NAMES = {
    # segment states
    "empty": N_("empty"), "draft": N_("draft"), "translated": N_("translated"),
    "approved": N_("approved"), "rejected": N_("rejected"),
    # a segment the file marks not to be translated, counted apart from the states (workflow.states)
    "locked": N_("locked"),
    # document states
    "in_translation": N_("in translation"), "in_review": N_("in review"), "published": N_("published"),
    # roles
    "translator": N_("translator"), "editor": N_("editor"), "terminologist": N_("terminologist"),
    "admin": N_("admin"), "desk": N_("desk chief"),
    # segment kinds
    "title": N_("title"), "heading": N_("heading"), "caption": N_("caption"), "paragraph": N_("paragraph"),
    # term statuses (approved and rejected are above)
    "proposed": N_("proposed"), "deprecated": N_("deprecated"),
    # finding severities
    "error": N_("error"), "warning": N_("warning"), "info": N_("info"),
    # document priorities (workflow.desk)
    "breaking": N_("breaking"), "normal": N_("normal"), "feature": N_("feature"),
    # comment kinds
    "note": N_("note"), "query": N_("query"),
}


def name(value: object) -> str:
    """The display name of a state, role, kind, status or severity (its own text when unknown)."""
    text = str(getattr(value, "value", value))
    return _(_NAMES[text]) if text in _NAMES else text


def names(values) -> str:
    return ", ".join(name(v) for v in values)
