"""Why an imported pairing is doubtful: the notes the importer stores with a segment, and how they
read in the interface language.

A note is stored in English, like every stored value, so the workspace reads the same whoever imported
it; it is translated where it is shown, by finding the message it was made from.
"""

from __future__ import annotations

from workflow.i18n import N_, retranslate

LONGER = N_("the English is much longer than this Korean suggests: check the pair")
SHORTER = N_("the English is much shorter than this Korean suggests: check the pair")
SPLIT = N_("the draft splits this paragraph in two (English blocks {first} and {second}); joined here")
MERGED = N_("the draft merges Korean blocks {first} and {second} into English block {block}; split at a "
            "sentence boundary here: check the cut")
DROPPED = N_("no English block pairs with this Korean: the draft may have dropped it")
EXTRA_BLOCK = N_("the draft has an English block with no Korean counterpart; appended here")
SENTENCES_UNSURE = N_("sentence pairing is uncertain: check against the Korean")
WITH_PREVIOUS = N_("the draft renders this together with the sentence before")
EXTRA_SENTENCE = N_("an extra English sentence was kept here")
CLOSE = N_("another pairing is nearly as likely: with English block {blocks}; check the pair")
CLOSE_NONE = N_("another pairing is nearly as likely: with no English (the draft may have dropped it); check the pair")
CLOSE_SHARED = N_("another pairing is nearly as likely: English block {blocks} shared with a neighbouring "
                  "paragraph; check where it divides")
NOTES = (CLOSE, CLOSE_NONE, CLOSE_SHARED, LONGER, SHORTER, SPLIT, MERGED, DROPPED, EXTRA_BLOCK, SENTENCES_UNSURE, WITH_PREVIOUS, EXTRA_SENTENCE)


def shown(note: str | None) -> str | None:
    """The stored note in the interface language; a note made some other way is shown as stored."""
    return retranslate(note, NOTES) if note else note
