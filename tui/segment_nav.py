"""Where the editor's keys lead (next untranslated, next with findings, find) and the progress figures.

Plain functions over the loaded segments, so they are tested without a screen and stay linear in the
document's length (a 5,000-segment article is a list walk, not a query per key press).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence

from tui.labels import LOCK_MARK, STATE_MARKS
from workflow.models import is_work
from workflow.models import untranslated as untranslated_segment
from workflow.i18n import _, format_number, format_percent
from workflow.models import STATE_ORDER, Segment, SegmentState, User, waits_for

DONE = (SegmentState.TRANSLATED, SegmentState.APPROVED)


# A locked segment is nobody's work (workflow.states): no key below stops at it.

def untranslated(segment: Segment) -> bool:
    """No English yet (OmegaT's sense of "untranslated")."""
    return untranslated_segment(segment)


def needs_work(segment: Segment) -> bool:
    """A draft, or a segment an editor sent back: English exists but nobody has signed it off."""
    return is_work(segment) and segment.state in (SegmentState.DRAFT, SegmentState.REJECTED)


def needs(user: User | None) -> Callable[[Segment], bool]:
    """"Next segment that needs me": whose step each state waits for is workflow.states' table."""
    roles = user.roles if user is not None else ()
    return lambda segment: waits_for(segment.state, roles, locked=segment.locked)


def not_done(segment: Segment) -> bool:
    return is_work(segment) and segment.state not in DONE


def next_index(
    segments: Sequence[Segment], current: int, wanted: Callable[[Segment], bool], *, step: int = 1
) -> int | None:
    """The 1-based index of the next segment after `current` that is `wanted`, wrapping round once."""
    total = len(segments)
    for offset in range(1, total):
        position = (current - 1 + step * offset) % total
        if wanted(segments[position]):
            return position + 1
    return None


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def search(segments: Sequence[Segment], query: str, texts: Mapping[int, str] | None = None) -> list[int]:
    """Indexes of segments whose Korean or English holds `query` (case-insensitive).

    `texts` holds English not yet saved (by index), so a search finds what the translator sees.
    """
    needle = _folded(query.strip())
    if not needle:
        return []
    texts = texts or {}
    return [
        s.index for s in segments
        if needle in _folded(s.source) or needle in _folded(texts.get(s.index, s.target))
    ]


def korean_words(text: str) -> int:
    # Korean separates words (eojeol) with spaces, so a split counts them as a newsroom would.
    return len(text.split())


def progress_text(segments: Sequence[Segment], words: Sequence[int]) -> str:
    """E.g. "◻0 ✎15 ✓1 ✦0 ✗0 · 23/612 Korean words translated (4%)"; locked segments count as ⊘N
    and their words in neither figure."""
    counts = dict.fromkeys(STATE_ORDER, 0)
    done = total = locked = 0
    for segment, count in zip(segments, words):
        if not is_work(segment):
            locked += 1
            continue
        counts[segment.state] += 1
        total += count
        if segment.state in DONE:
            done += count
    marks = " ".join(f"{STATE_MARKS[state]}{counts[state]}" for state in STATE_ORDER)
    marks += f" {LOCK_MARK}{locked}" if locked else ""
    share = f" ({format_percent(done / total)})" if total else ""
    return f"{marks} · " + _("{done}/{total} Korean words translated").format(
        done=format_number(done), total=format_number(total)) + share
