"""Handler for `tandem search`: the archive, every document's Korean and current English."""

from __future__ import annotations

import shutil

from cli.output import EXIT_OK, emit_json, printable
from cli.table import cells, clip, table
from workflow.i18n import _, format_number, ngettext

LEAD_CELLS = 12  # context kept before the hit when a long text is cut to its column
TITLE_CELLS = 24
MIN_TEXT_CELLS = 16


def _search(ws, args, user: str) -> int:
    found = ws.archive.search(args.text, tag=args.tag, since=args.since)
    if args.json:
        emit_json({"query": found.query, "more": found.more, "hits": [
            {"document": hit.document_id, "title": hit.title, "tags": list(hit.tags), "created_at": hit.created_at,
             "segment": hit.index, "korean": hit.source, "english": hit.target,
             "korean_spans": [list(span) for span in hit.source_spans],
             "english_spans": [list(span) for span in hit.target_spans]}
            for hit in found.hits]})
        return EXIT_OK
    if not found.hits:
        print(_("No matches for {text!r} in any document.").format(text=found.query))
        return EXIT_OK
    print(_summary(found))
    headers = [_("DOC"), _("TITLE"), _("SEG"), _("KOREAN"), _("ENGLISH")]
    titles = [clip(printable(hit.title), TITLE_CELLS) for hit in found.hits]
    fixed = (max(cells(headers[0]), *(len(str(h.document_id)) for h in found.hits))
             + max(cells(headers[1]), *map(cells, titles))
             + max(cells(headers[2]), *(len(str(h.index)) for h in found.hits)) + 4 * 2)
    room = max(shutil.get_terminal_size().columns - fixed, 2 * MIN_TEXT_CELLS)
    # Each column as wide as its longest text where both fit; else the English, which is what is
    # read, gets the larger share.
    korean_need = max(cells(hit.source) for hit in found.hits)
    english_need = max(cells(hit.target) for hit in found.hits)
    korean = min(korean_need, max(room * 2 // 5, room - english_need))
    english = room - korean
    rows = [[str(hit.document_id), title, str(hit.index), window(hit.source, hit.source_spans, korean),
             window(hit.target, hit.target_spans, english) if hit.target else "—"]
            for hit, title in zip(found.hits, titles)]
    print(table(headers, rows, max_width=max(korean, english, TITLE_CELLS)))
    return EXIT_OK


def _summary(found) -> str:
    hits = ngettext("{count} match", "{count} matches", len(found.hits)).format(count=format_number(len(found.hits)))
    documents = ngettext("{count} document", "{count} documents", found.documents).format(
        count=format_number(found.documents))
    line = _("{matches} in {documents}, the newest document first").format(matches=hits, documents=documents)
    if found.more:
        line += "; " + _("only the first {count} shown: narrow it with --tag or --since").format(
            count=format_number(len(found.hits)))
    return line


def window(text: str, spans: tuple[tuple[int, int], ...], width: int) -> str:
    """One line of at most `width` cells, starting a little before the first hit (keyword in context)."""
    flat = text.replace("\n", " ").replace("\t", " ")  # one for one: the spans keep their offsets
    start = 0
    if spans and spans[0][1] <= len(flat) and cells(flat[: spans[0][1]]) > width:
        start = spans[0][0]
        lead = min(LEAD_CELLS, width // 3)  # the hit itself must still fit
        while start > 0 and cells(flat[start - 1: spans[0][0]]) <= lead:
            start -= 1
        space = flat.find(" ", start, spans[0][0])
        if space >= 0:
            start = space + 1  # begin at a word, not inside one
    line = printable(flat[start:])
    return clip("…" + line if start else line, width)


HANDLERS = {"search": _search}
