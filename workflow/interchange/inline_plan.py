"""What each token of a translator's text becomes when written as XLIFF, whatever its arrangement.

A translator can leave tokens in any order: a pair turned round (⟦/1⟧ … ⟦1⟧), pairs overlapping,
one half of a pair deleted, a token typed twice, or a token Tandem has no code for. The plan gives
every token a role that a valid file can hold:

- an opening token pairs with the nearest later closing token of the same number (innermost first);
- a pair that nests with every other container pair is one container element (g, pc, mrk);
- a pair that crosses another is a start and an end marker (bx/ex, bpt/ept, sc/ec, sm/em);
- an opening token with no closing token after it, or a closing token with none before it, is an
  isolated marker (1.2 it/bx/ex, 2.x sc/ec isolated="yes");
- a token that names no code of the unit (a number the Korean does not have, or a shape such as
  ⟦1/⟧ where the code is ⟦1⟧…⟦/1⟧) stays in the text as the characters the translator typed, so no
  text is ever dropped; the `codes.mismatch` check flags such a segment as an error in the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from workflow.interchange.model import TOKEN


@dataclass
class Placed:
    value: str  # the text, or the token as typed
    role: str | None = None  # None: text; "standalone", "container-open"/"-close", "start"/"end",
    #                          "isolated-start"/"isolated-end"
    n: int = 0
    pair: int | None = None  # the pair this token belongs to, numbered in order of opening


def plan(text: str, known: set[str], container_ok: Callable[[int], bool]) -> list[Placed]:
    items = _tokens(text, known)
    waiting: dict[int, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for index, item in enumerate(items):
        if item.role == "open":
            waiting.setdefault(item.n, []).append(index)
        elif item.role == "close":
            if waiting.get(item.n):
                pairs.append((waiting[item.n].pop(), index))
            else:
                item.role = "isolated-end"
    for opens in waiting.values():
        for index in opens:
            items[index].role = "isolated-start"
    for number, (start, end) in enumerate(sorted(pairs)):
        items[start].pair = items[end].pair = number
    nested = _nesting(items, container_ok)
    for item in items:
        if item.pair is not None:
            container = item.pair in nested
            if item.role == "open":
                item.role = "container-open" if container else "start"
            else:
                item.role = "container-close" if container else "end"
    return items


def _tokens(text: str, known: set[str]) -> list[Placed]:
    items: list[Placed] = []
    at = 0
    for m in TOKEN.finditer(text or ""):
        if m.start() > at:
            items.append(Placed(text[at:m.start()]))
        token = m.group(0)
        if token in known:
            role = "close" if m.group(1) else "standalone" if m.group(3) else "open"
            items.append(Placed(token, role, int(m.group(2))))
        else:
            items.append(Placed(token))
        at = m.end()
    if at < len(text or ""):
        items.append(Placed(text[at:]))
    return items


def _nesting(items: list[Placed], container_ok: Callable[[int], bool]) -> set[int]:
    """Pairs written as one container element: each closes while it is the innermost one open, so
    the containers nest; a pair closed out of turn is left to start and end markers."""
    nested: set[int] = set()
    stack: list[int] = []
    for item in items:
        if item.pair is None:
            continue
        if item.role == "open" and container_ok(item.n):
            stack.append(item.pair)
        elif item.role == "close" and item.pair in stack:
            if stack[-1] == item.pair:
                nested.add(item.pair)
            stack.remove(item.pair)
    return nested
