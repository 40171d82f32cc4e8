"""The English article as it stands, as Markdown or plain text."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from workflow import states
from workflow.errors import InputError
from workflow.i18n import _
from workflow.models import Segment, SegmentKind

FORMATS = ("md", "txt")


@dataclass(frozen=True)
class Export:
    text: str
    untranslated: list[int]  # segment indexes shown in Korean because they have no English yet


def export_article(segments: list[Segment], fmt: str, credit: str | None = None) -> Export:
    if fmt not in FORMATS:
        raise InputError("--format", _("{format!r} is not an export format (choose from {formats})").format(
            format=fmt, formats=", ".join(FORMATS)))
    untranslated = [s.index for s in segments if not s.target.strip() and states.is_work(s)]
    blocks = []
    # Sentence segments of one Korean paragraph become one English paragraph again.
    for _block, group in groupby(segments, key=lambda s: s.block):
        parts = list(group)
        text = " ".join((s.target.strip() or s.source) for s in parts)
        blocks.append(_render(parts[0].kind, text, fmt))
    if credit:
        blocks.append(credit)
    return Export("\n\n".join(blocks) + "\n", untranslated)


def _render(kind: SegmentKind, text: str, fmt: str) -> str:
    if fmt == "md":
        if kind is SegmentKind.TITLE:
            return f"# {text}"
        if kind is SegmentKind.HEADING:
            return f"## {text}"
    return text
