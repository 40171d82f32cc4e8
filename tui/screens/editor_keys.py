"""The editor's keys: one table, shown in the footer and the command palette.

Short descriptions for the footer; the tooltips name the commands in the palette. Ordinary
(non-priority) bindings: the English box and the list run them in typing order
(tui/widgets/key_order.py). GATED names the intent (workflow.models.permissions) a key needs, so
a key the user's roles do not allow is not offered at all.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workflow.i18n import N_


# What each pairing move does, said alike in the editor and on the pairing screen.
PAIRING_HELP = {
    "down": N_("Pairing: move this segment's English and the English after it one segment down"),
    "up": N_("Pairing: move this segment's English up onto the segment above, and the rest up one"),
    "join": N_("Pairing: join the next segment's English onto this one, and the rest up one"),
    "ok": N_("Pairing: this doubtful pair is right as it is; clear its mark (the text stays)"),
}

BINDINGS: list[BindingType] = [
    Binding("escape", "back", N_("Back"), tooltip=N_("Leave the English (again: back to the documents)")),
    Binding("ctrl+up,alt+up", "previous_segment", N_("Prev"), tooltip=N_("Previous segment")),
    Binding("ctrl+down,alt+down", "next_segment", N_("Next"), tooltip=N_("Next segment")),
    Binding("f5", "next_needing_me", N_("Needs me"),
         tooltip=N_("Next segment that still needs you (translator: empty, draft or sent back; editor: translated)")),
    Binding("f3", "next_empty", N_("Empty"), tooltip=N_("Next segment with no English yet")),
    Binding("f4", "next_finding", N_("Next finding"),
         tooltip=N_("Cursor to the next finding in this segment, then in the segments after it")),
    Binding("f8,ctrl+enter", "mark_translated", N_("Translated"), tooltip=N_("Mark the segment translated")),
    Binding("ctrl+s", "save", N_("Save"), tooltip=N_("Save the English now")),
    Binding("ctrl+o", "copy_source", N_("Copy source"), tooltip=N_("Copy the Korean into the English")),
    Binding("ctrl+r", "insert_term", N_("Insert term"), tooltip=N_("Insert the glossary rendering of the term")),
    Binding("ctrl+t", "insert_tm", N_("Insert TM"),
         tooltip=N_("Replace the English with the best (or highlighted) TM match's English")),
    Binding("f6", "dismiss_finding", N_("Dismiss"), tooltip=N_("Dismiss the highlighted finding, with a reason")),
    # f7 is the English box's "select all"; alt+c for terminals that keep f12 to themselves.
    Binding("f12,alt+c", "resolve_conflict", N_("Conflict"),
         tooltip=N_("Compare the two texts of a segment in conflict and resolve it")),
    Binding("ctrl+l", "comment", N_("Comment"), tooltip=N_("Add a comment (note or query) to the segment")),
    Binding("f9", "history", N_("History"), tooltip=N_("The segment's revisions")),
    Binding("ctrl+f", "find", N_("Find"), tooltip=N_("Find in the document (Korean and English)")),
    Binding("ctrl+b", "concordance", N_("Concordance"),
         tooltip=N_("Search every document and the translation memory for a word or phrase")),
    # In the palette, not the footer: at 80 columns another footer row would cost a segment row.
    Binding("alt+a", "archive", N_("Archive"), show=False,
         tooltip=N_("Search the Korean and English of every document (the archive), with tag and date")),
    Binding("ctrl+g", "go_to", N_("Go to"), tooltip=N_("Go to segment number")),
    Binding("f2", "toggle_panels", N_("Panels"), tooltip=N_("Show or hide the glossary, findings and comments")),
    Binding("f10", "sign_off", N_("Sign off"),
         tooltip=N_("Sign off the document (what is signed and what is still open is shown first)")),
    # Putting the import's pairing right (issue 19): alt and a letter, as the terminals that keep f12
    # get alt+c; each asks first, showing the stretch it moves.
    Binding("alt+d", "pair_down", N_("Pair ↓"),
         tooltip=PAIRING_HELP["down"]),
    Binding("alt+u", "pair_up", N_("Pair ↑"),
         tooltip=PAIRING_HELP["up"]),
    Binding("alt+j", "pair_join", N_("Join"),
         tooltip=PAIRING_HELP["join"]),
    Binding("alt+s", "pair_split", N_("Split"),
         tooltip=N_("Pairing: split this English before the sentence the cursor is in; the rest goes to the "
                    "next segment")),
    Binding("alt+o", "pair_ok", N_("Pair is right"),
         tooltip=PAIRING_HELP["ok"]),
    Binding("alt+p", "pairing", N_("Pairing"), tooltip=N_("The document's doubtful pairings, to put right")),
]

GATED: dict[str, str] = {
    "save": "edit", "copy_source": "edit", "insert_term": "edit", "insert_tm": "edit",
    "mark_translated": "mark", "dismiss_finding": "dismiss", "comment": "comment",
    "pair_down": "edit", "pair_up": "edit", "pair_join": "edit", "pair_split": "edit", "pair_ok": "edit",
}
