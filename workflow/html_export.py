"""The English article as the HTML a CMS takes: title, photo caption, headings and paragraphs, the
correction notes, the credit line and the tags.

One complete, minimal HTML5 document. The <article> holds everything a CMS that takes a fragment
needs (its tags too, as <ul class="tags">); the <head> repeats title and tags as <title> and
<meta name="keywords"> for one that reads a whole page. Built with the standard library's html
module: the structure is fixed and small, and every piece of text passes one escaping function, so
a template engine would add a dependency without removing a way to get it wrong.

Text goes out NFC, escaped for text and attributes alike (<, >, &, " and '), without Tandem's inline
code tokens (⟦1⟧...⟦/1⟧ stand for the source file's markup, which means nothing to a CMS) and without
control characters, which HTML does not allow.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from workflow import states
from workflow.export import Export
from workflow.interchange.model import TOKEN
from workflow.models import Document, Segment, SegmentKind

# C0 and C1 controls but tab, line feed and carriage return: the HTML standard forbids them in text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ASCII_SPACE = re.compile(r"[ \t\r\n]+")  # not \s: a no-break space in "10\u00a0dollars" is meant
# The article is English whatever the desk's locale, so its dates are too.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True)
class CorrectionNote:
    """A correction published with a later version of the article: when, and what it says."""
    at: str  # ISO 8601 (workflow.clock)
    text: str


def clean(text: str) -> str:
    """Text as it goes into the page, before escaping: NFC, no tokens or controls, spaces folded."""
    text = TOKEN.sub("", unicodedata.normalize("NFC", text or ""))
    return _ASCII_SPACE.sub(" ", _CONTROLS.sub("", text)).strip()


def _text(text: str) -> str:
    return html.escape(clean(text), quote=True)


def english_date(at: str) -> str:
    moment = datetime.fromisoformat(at)
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def article_html(document: Document, segments: list[Segment], credit: str | None,
                 corrections: Sequence[CorrectionNote] = ()) -> Export:
    """The page for `document` as its segments stand; `corrections` oldest first."""
    untranslated = [s.index for s in segments if not s.target.strip() and states.is_work(s)]
    title: str | None = None
    body: list[str] = []
    # Sentence segments of one Korean paragraph become one English paragraph again.
    for _block, group in groupby(segments, key=lambda s: s.block):
        parts = list(group)
        text = _text(" ".join((s.target.strip() or s.source) for s in parts))
        if not text:
            continue
        kind = parts[0].kind
        if kind is SegmentKind.TITLE and title is None:
            title = text
        elif kind in (SegmentKind.TITLE, SegmentKind.HEADING):
            body.append(f"<h2>{text}</h2>")
        elif kind is SegmentKind.CAPTION:
            body.append(f"<figure><figcaption>{text}</figcaption></figure>")
        else:
            body.append(f"<p>{text}</p>")
    if title is None:
        title = _text(document.title)
    for note in corrections:
        body.append(f'<aside class="correction"><p>Correction, <time datetime="{html.escape(note.at, quote=True)}">'
                    f"{english_date(note.at)}</time>: {_text(note.text)}</p></aside>")
    if credit:
        body.append(f'<p class="credit">{_text(credit)}</p>')
    tags = [t for t in (_text(tag) for tag in document.tags) if t]
    if tags:
        body.append('<ul class="tags">' + "".join(f"<li>{tag}</li>" for tag in tags) + "</ul>")
    head = ['<meta charset="utf-8">', f"<title>{title}</title>"]
    if tags:
        head.append(f'<meta name="keywords" content="{", ".join(tags)}">')
    page = ["<!DOCTYPE html>", '<html lang="en">', "<head>", *head, "</head>", "<body>",
            '<article lang="en">', f"<h1>{title}</h1>", *body, "</article>", "</body>", "</html>"]
    return Export("\n".join(page) + "\n", untranslated)
