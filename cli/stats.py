"""Handler for `tandem stats`: the desk in numbers (workflow.desk_stats) as tables, or as JSON."""

from __future__ import annotations

from cli.output import EXIT_OK, emit_json
from cli.table import cells, table
from workflow.desk_stats import day_text
from workflow.i18n import _, format_number, format_percent


def _stats(ws, args, user: str) -> int:
    stats = ws.stats.desk(args.since)
    if args.json:
        emit_json(stats.to_json())
        return EXIT_OK
    print(stats.summary)
    days = stats.active_days
    if not days:
        return EXIT_OK
    print()
    print(_numbers_table([_("DAY"), _("IMPORTED"), _("KOREAN WORDS"), _("FINISHED"), _("KOREAN WORDS")],
                         [[day_text(d.day), d.imported, d.imported_words, d.finished, d.finished_words]
                          for d in days]))
    if stats.people:
        print()
        print(_numbers_table([_("PERSON"), _("TRANSLATED"), _("KOREAN WORDS"), _("EDITED"), _("KOREAN WORDS")],
                             [[p.name, p.translated, p.translated_words, p.edited, p.edited_words]
                              for p in stats.people]))
    if stats.effort:
        print()
        print(_("Post-editing effort: words the editors changed of each translator's text, per week"))
        rows: list[list[object]] = []
        for translator in stats.effort:
            for i, week in enumerate(translator.weeks):
                rows.append([translator.name if i == 0 else "", day_text(week.week), week.changed, week.words,
                             format_percent(week.ratio)])
            if len(translator.weeks) > 1:
                rows.append(["", _("all weeks"), translator.changed, translator.words, format_percent(translator.ratio)])
        print(_numbers_table([_("TRANSLATOR"), _("WEEK OF"), _("CHANGED"), _("WORDS"), _("EFFORT")], rows, text=2))
    if stats.dismissed:
        print()
        print(_numbers_table([_("CHECK"), _("DISMISSED")], [[d.check, d.count] for d in stats.dismissed]))
    return EXIT_OK


def _numbers_table(headers: list[str], rows: list[list[object]], *, text: int = 1) -> str:
    """The first `text` columns as written, the rest numbers right-aligned in their column."""
    shown = [[str(c) if i < text else (format_number(c) if isinstance(c, int) else str(c))
              for i, c in enumerate(row)] for row in rows]
    for column in range(text, len(headers)):
        width = max([cells(headers[column]), *(cells(row[column]) for row in shown)])
        for row in shown:
            row[column] = " " * (width - cells(row[column])) + row[column]
    return table(headers, shown)


HANDLERS = {"stats": _stats}
