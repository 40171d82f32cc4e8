"""The editor's keys: one table, shown in the footer and the command palette.

Short descriptions for the footer; the tooltips name the commands in the palette. Ordinary
(non-priority) bindings: the English box and the list run them in typing order
(tui/widgets/key_order.py). GATED names the intent (workflow.access.INTENT_ROLES) a key needs, so
a key the user's roles do not allow is not offered at all.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workflow.i18n import N_


def _key(keys: str, action: str, label: str, tooltip: str, **options) -> Binding:
    return Binding(keys, action, label, tooltip=tooltip, **options)


BINDINGS: list[BindingType] = [
    Binding("escape", "back", N_("Back"), tooltip=N_("Leave the English (again: back to the documents)")),
    _key("ctrl+up,alt+up", "previous_segment", N_("Prev"), N_("Previous segment")),
    _key("ctrl+down,alt+down", "next_segment", N_("Next"), N_("Next segment")),
    _key("f5", "next_needing_me", N_("Needs me"),
         N_("Next segment that still needs you (translator: empty, draft or sent back; editor: translated)")),
    _key("f3", "next_empty", N_("Empty"), N_("Next segment with no English yet")),
    _key("f4", "next_finding", N_("Next finding"),
         N_("Cursor to the next finding in this segment, then in the segments after it")),
    _key("f8,ctrl+enter", "mark_translated", N_("Translated"), N_("Mark the segment translated")),
    _key("ctrl+s", "save", N_("Save"), N_("Save the English now")),
    _key("ctrl+o", "copy_source", N_("Copy source"), N_("Copy the Korean into the English")),
    _key("ctrl+r", "insert_term", N_("Insert term"), N_("Insert the glossary rendering of the term")),
    _key("ctrl+t", "insert_tm", N_("Insert TM"),
         N_("Replace the English with the best (or highlighted) TM match's English")),
    _key("f6", "dismiss_finding", N_("Dismiss"), N_("Dismiss the highlighted finding, with a reason")),
    # f7 is the English box's "select all"; alt+c for terminals that keep f12 to themselves.
    _key("f12,alt+c", "resolve_conflict", N_("Conflict"),
         N_("Compare the two texts of a segment in conflict and resolve it")),
    _key("ctrl+l", "comment", N_("Comment"), N_("Add a comment (note or query) to the segment")),
    _key("f9", "history", N_("History"), N_("The segment's revisions")),
    _key("ctrl+f", "find", N_("Find"), N_("Find in the document (Korean and English)")),
    _key("ctrl+b", "concordance", N_("Concordance"),
         N_("Search every document and the translation memory for a word or phrase")),
    _key("ctrl+g", "go_to", N_("Go to"), N_("Go to segment number")),
    _key("f2", "toggle_panels", N_("Panels"), N_("Show or hide the glossary, findings and comments")),
    _key("f10", "sign_off", N_("Sign off"),
         N_("Sign off the document (what is signed and what is still open is shown first)")),
]

GATED: dict[str, str] = {
    "save": "edit", "copy_source": "edit", "insert_term": "edit", "insert_tm": "edit",
    "mark_translated": "mark", "dismiss_finding": "dismiss", "comment": "comment",
}
