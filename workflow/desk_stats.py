"""The desk in numbers (issue 17 §5): what came in and what was finished per day, per person, how long
an article takes from import to an editor's sign-off, how much editors change of each translator's
text week by week, and which checks' findings people dismiss.

The records decide every figure, so the numbers are the same for everyone who asks:
- An article is finished when an editor first signs it off; a sign-off voided and given again does not
  finish it twice, and its time to sign-off runs from its import to that first sign-off.
- A person's articles are those they signed off, as translator or as editor (the names the export's
  credit line is made of), each counted once per role on the day of their first sign-off of it.
- Korean words are counted as the documents list counts them (space-separated eojeol).
- Post-editing effort is, per segment of a finished article, the word edits (workflow.diffs.effort)
  from the translator's newest text before the editor's sign-off to the text it signed, credited to
  that translator in the week (Monday first) of the sign-off; a week's figure is its word edits over
  its words, so a long article weighs as its length. Segments an editor wrote alone are no one's effort.
- Days and weeks are the reader's, in their time zone; `since` is the first moment of a day there.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from workflow.archive import day_start
from workflow.clock import now
from workflow.diffs import Effort, effort
from workflow.i18n import _, format_locale, format_number, ngettext
from workflow.storage import Transactions
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_stats import EffortPair, FirstSignoff, StatsRepository

_BEGINNING = ""  # sorts before every stored time: no `since`, everything


@dataclass(frozen=True)
class Day:
    day: date
    imported: int  # articles imported that day
    imported_words: int
    finished: int  # articles an editor first signed off that day
    finished_words: int

    @property
    def active(self) -> bool:
        return bool(self.imported or self.finished)


@dataclass(frozen=True)
class Person:
    user: str
    name: str
    translated: int  # articles signed off as their translator
    translated_words: int
    edited: int  # articles signed off as their editor
    edited_words: int


@dataclass(frozen=True)
class EffortWeek:
    week: date  # its Monday
    changed: int  # word edits the editors made
    words: int  # words of the translator's text

    @property
    def ratio(self) -> float:
        return Effort(self.changed, self.words).ratio


@dataclass(frozen=True)
class TranslatorEffort:
    user: str
    name: str
    weeks: tuple[EffortWeek, ...]  # weeks with a finished article of theirs, oldest first

    @property
    def changed(self) -> int:
        return sum(w.changed for w in self.weeks)

    @property
    def words(self) -> int:
        return sum(w.words for w in self.weeks)

    @property
    def ratio(self) -> float:
        return Effort(self.changed, self.words).ratio


@dataclass(frozen=True)
class Dismissed:
    check: str  # the check's stable id
    count: int


@dataclass(frozen=True)
class DeskStats:
    since: date | None
    today: date
    days: tuple[Day, ...]  # every day from `since` (else the first with anything) to today
    people: tuple[Person, ...]  # most articles first
    median_seconds: float | None  # import to first editor's sign-off, over the articles finished
    effort: tuple[TranslatorEffort, ...]  # by name
    dismissed: tuple[Dismissed, ...]  # most dismissed first

    @property
    def active_days(self) -> tuple[Day, ...]:
        return tuple(d for d in self.days if d.active)

    @property
    def imported(self) -> int:
        return sum(d.imported for d in self.days)

    @property
    def finished(self) -> int:
        return sum(d.finished for d in self.days)

    @property
    def median_text(self) -> str | None:
        return None if self.median_seconds is None else duration_text(self.median_seconds)

    @property
    def summary(self) -> str:
        """One line for a reader: what came in, what was finished, the median time to sign-off."""
        imported = ngettext("{count} article imported", "{count} articles imported", self.imported).format(
            count=format_number(self.imported))
        line = _("{imported}, {finished} finished").format(imported=imported, finished=format_number(self.finished))
        if self.since:
            line = _("Since {day}: {figures}").format(day=day_text(self.since), figures=line)
        if self.median_text:
            line += "; " + _("median {time} from import to an editor's sign-off").format(time=self.median_text)
        return line

    def to_json(self) -> dict[str, Any]:
        """The figures with stable keys (`tandem stats --json`); days are the reader's, ISO written."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "today": self.today.isoformat(),
            "imported": self.imported,
            "finished": self.finished,
            "median_signoff_seconds": self.median_seconds,
            "days": [{"day": d.day.isoformat(), "imported": d.imported, "imported_words": d.imported_words,
                      "finished": d.finished, "finished_words": d.finished_words} for d in self.active_days],
            "people": [{"user": p.user, "name": p.name, "translated": p.translated,
                        "translated_words": p.translated_words, "edited": p.edited, "edited_words": p.edited_words}
                       for p in self.people],
            "effort": [{"user": t.user, "name": t.name, "changed": t.changed, "words": t.words,
                        "ratio": round(t.ratio, 4),
                        "weeks": [{"week": w.week.isoformat(), "changed": w.changed, "words": w.words,
                                   "ratio": round(w.ratio, 4)} for w in t.weeks]}
                       for t in self.effort],
            "dismissed": [{"check": d.check, "count": d.count} for d in self.dismissed],
        }


class DeskStatistics:
    def __init__(self, tx: Transactions, documents: DocumentsRepository, stats: StatsRepository) -> None:
        self._tx = tx
        self._documents = documents
        self._stats = stats

    def desk(self, since: str | None = None) -> DeskStats:
        """The figures from the day `since` names (ISO, or as the reader writes a date) on, else all."""
        start = day_start(since) if since and since.strip() else _BEGINNING
        with self._tx.read():
            words = self._documents.source_word_counts()
            imports = self._stats.stats_imports(start)
            signoffs = self._stats.stats_first_signoffs(start)
            pairs = self._stats.stats_effort_pairs(start)
            dismissals = self._stats.stats_dismissals(start)
        first_day = _local(start).date() if start else None
        today = _local(now()).date()

        imported: Counter[date] = Counter()
        imported_words: Counter[date] = Counter()
        for document in imports:
            day = _local(document.created_at).date()
            imported[day] += 1
            imported_words[day] += words.get(document.document_id, 0)

        finished_at: dict[int, FirstSignoff] = {}  # document -> its first editor's sign-off
        people: dict[str, dict[str, Any]] = {}
        for signoff in signoffs:
            n = words.get(signoff.document_id, 0)
            person = people.setdefault(signoff.user, {"name": signoff.display_name, "translator": [0, 0],
                                                      "editor": [0, 0]})
            person[signoff.role][0] += 1
            person[signoff.role][1] += n
            if signoff.role == "editor":
                earlier = finished_at.get(signoff.document_id)
                if earlier is None or signoff.created_at < earlier.created_at:
                    finished_at[signoff.document_id] = signoff
        finished: Counter[date] = Counter()
        finished_words: Counter[date] = Counter()
        for document_id, first in finished_at.items():
            day = _local(first.created_at).date()
            finished[day] += 1
            finished_words[day] += words.get(document_id, 0)
        waits = [(_local(r.created_at) - _local(r.imported_at)).total_seconds() for r in finished_at.values()]

        active = set(imported) | set(finished)
        days: list[Day] = []
        if active or first_day:
            day = first_day or min(active)
            last = max([today, *active])
            while day <= last:
                days.append(Day(day, imported[day], imported_words[day], finished[day], finished_words[day]))
                day += timedelta(days=1)

        return DeskStats(
            since=first_day,
            today=today,
            days=tuple(days),
            people=tuple(sorted(
                (Person(user, p["name"], p["translator"][0], p["translator"][1], p["editor"][0], p["editor"][1])
                 for user, p in people.items()),
                key=lambda p: (-(p.translated + p.edited), p.user))),
            median_seconds=statistics.median(waits) if waits else None,
            effort=_effort(pairs),
            dismissed=tuple(Dismissed(r.check_id, r.n) for r in dismissals),
        )


def _effort(pairs: list[EffortPair]) -> tuple[TranslatorEffort, ...]:
    totals: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    names: dict[str, str] = {}
    for row in pairs:
        day = _local(row.created_at).date()
        week = day - timedelta(days=day.weekday())
        measured = effort(row.translated, row.edited)
        figures = totals[row.user][week]
        figures[0] += measured.changed
        figures[1] += measured.words
        names[row.user] = row.display_name
    return tuple(TranslatorEffort(user, names[user], tuple(EffortWeek(week, *totals[user][week])
                                                           for week in sorted(totals[user])))
                 for user in sorted(totals))


def _local(stamp: str) -> datetime:
    """A stored UTC time where the reader is."""
    return datetime.fromisoformat(stamp).astimezone()


def day_text(day: date, width: str = "medium") -> str:
    """A day as the reader's locale writes it."""
    from babel.dates import format_date

    return format_date(day, format=width, locale=format_locale())


def duration_text(seconds: float) -> str:
    """A span of time in the reader's words: minutes under an hour, hours under two days, else days."""
    from babel.units import format_unit

    value: float
    if seconds < 3600:
        value, unit = round(seconds / 60), "duration-minute"
    elif seconds < 48 * 3600:
        value, unit = round(seconds / 3600, 1), "duration-hour"
    else:
        value, unit = round(seconds / 86400, 1), "duration-day"
    return format_unit(value, unit, length="long", locale=format_locale(), format="#,##0.#")
