"""Splitting an article's text into blocks: title, headings, captions and paragraphs.

Markdown and plain text share one rule (blank lines separate blocks, `#` lines are headings);
a plain-text file with no blank lines at all is read a block per line, as line-aligned corpora
and wire copy are laid out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.models import SegmentKind

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Photo credits in Korean and English copy: "(사진=강동완 제공)", "(Courtesy of Kang Dong Wan)".
_CAPTION = re.compile(
    r"\((?:사진|자료|그래픽|이미지|영상|화면)\s*[=:：]|제공\)\s*$|"
    r"\((?:Photo|Image|Courtesy|Graphic|Source)\b[^)]*\)\s*$|^!\[",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    kind: SegmentKind
    text: str


def parse_blocks(text: str, *, markdown: bool = True) -> list[Block]:
    lines = text.split("\n")
    if not markdown and sum(1 for line in lines if line.strip()) > 1 and not _has_blank_line(lines):
        chunks = [[line] for line in lines if line.strip()]
    else:
        chunks = _chunks(lines, markdown)
    blocks: list[Block] = []
    for chunk in chunks:
        heading = _HEADING.match(chunk[0]) if markdown else None
        if heading:
            level = len(heading.group(1))
            has_title = any(b.kind is SegmentKind.TITLE for b in blocks)
            kind = SegmentKind.TITLE if level == 1 and not has_title else SegmentKind.HEADING
            blocks.append(Block(kind, heading.group(2)))
            continue
        body = " ".join(line.strip() for line in chunk)
        blocks.append(Block(_kind_of(body), body))
    if not markdown and len(blocks) > 1 and _looks_like_headline(blocks[0].text):
        blocks[0] = Block(SegmentKind.TITLE, blocks[0].text)
    return blocks


def _has_blank_line(lines: list[str]) -> bool:
    stripped = [line.strip() for line in lines]
    while stripped and not stripped[-1]:
        stripped.pop()
    return "" in stripped


def _chunks(lines: list[str], markdown: bool) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                chunks.append(current)
                current = []
            continue
        # A heading is one line; the paragraph after it may follow without a blank line.
        if markdown and _HEADING.match(line):
            if current:
                chunks.append(current)
            chunks.append([line])
            current = []
            continue
        current.append(line)
    if current:
        chunks.append(current)
    return chunks


def _kind_of(text: str) -> SegmentKind:
    return SegmentKind.CAPTION if caption_like(text) else SegmentKind.PARAGRAPH


def caption_like(text: str) -> bool:
    """A photo credit or caption, by its wording: "(사진=강동완 제공)", "(Courtesy of ...)"."""
    return bool(_CAPTION.search(text))


def _looks_like_headline(text: str) -> bool:
    return len(text) <= 200 and not text.rstrip().endswith((".", "다", "?", "!", "”", '"'))
