"""Hangul in toasts (and other overlays) drawn whole.

Textual's compositor paints each screen line in "chops" cut at every widget edge on that line, the
edges of the widgets underneath an overlay included, and splits each widget's line at those cuts. A
two-cell character (every Hangul syllable, CJK, the full-width forms) that straddles an edge it does
not own turns into two spaces (rich's Segment.split_cells), so a toast over the editor showed
`2건이   아 있습니다` for `2건이 남아 있습니다` (Textualize/textual#6357, open in Textual 8.2).

`keep_wide_characters_whole()` replaces the two places that cut: a widget's line is divided only
where another widget already owns the next chop (the run it wins whole goes in its first chop, the
rest of the run holds an empty placeholder so nothing underneath claims it), and a partial update
never crops a chop through a wide character. Full and partial updates then send the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)
_installed = False


def keep_wide_characters_whole() -> None:
    """Install the compositor fix once per process (idempotent; tests may build many apps)."""
    global _installed
    if _installed:
        return
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    _installed = True


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip | None]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    # Front to back: the first widget to fill a chop owns it.
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            starts = final_cuts[:-1]
            if not starts:
                continue
            free = [line.get(cut) is None for cut in starts]
            # Divide only where ownership changes, so a run this widget wins stays one piece.
            boundaries = [cut for index, cut in enumerate(starts) if index and free[index] != free[index - 1]]
            pieces = strip.divide([cut - render_x for cut in [*boundaries, final_cuts[-1]]])
            run_starts = [starts[0], *boundaries]
            for run_start, piece in zip(run_starts, pieces):
                if line.get(run_start) is not None:
                    continue
                line[run_start] = piece
                for cut in starts:
                    if cut > run_start and line.get(cut) is None and cut < run_start + piece.cell_length:
                        line[cut] = _EMPTY
    return chops


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    screen_region = self.size.region
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(screen_region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    chops = self._render_chops(crop, is_rendered_line)
    # A chop now ends where its strip ends, which may be past the next cut.
    chop_ends = [[x + (strip.cell_length if strip else 0) for x, strip in line.items()] for line in chops]
    return _WholeCharactersUpdate(chops, spans, chop_ends)


class _WholeCharactersUpdate(ChopsUpdate):
    def render_segments(self, console: Console) -> str:
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items()):
                if not strip or x > x2 or end <= x1:
                    continue
                if end > x2:
                    strip = strip.crop(0, _whole_width(strip, x2 - x))
                append(move_to(x, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)


def _whole_width(strip: Strip, width: int) -> int:
    """`width`, or one more when a two-cell character would be cut in half there."""
    position = 0
    for segment in strip:
        length = segment.cell_length
        if position + length <= width:
            position += length
            continue
        for character in segment.text:
            size = get_character_cell_size(character)
            if position + size > width:
                return position + size if position < width else width
            position += size
        break
    return width
