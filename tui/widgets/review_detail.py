"""The segment under review: its Korean, the diff of its English since the chosen base, its check
findings (dismissed ones with who and why) and its comments."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from textual.content import Content

from tui.labels import CONFLICT_MARK, LOCK_MARK
from tui.widgets.segment_texts import length_counter
from workflow.models import LOCKED
from tui.widgets.diff_view import DiffView, legend
from tui.widgets.review_data import effort_line
from workflow.models import SEVERITY_ORDER, Comment, FindingView, Segment, SegmentReport, Severity, open_counts, open_queries
from workflow.i18n import _, format_datetime, ngettext
from workflow.names import name

OPEN_QUERY = "?"
OPEN_NOTE = "•"
RESOLVED = "✓"


def when(timestamp: str) -> str:
    """The stored UTC time in the reader's zone and locale, to the minute (enough to tell comments apart)."""
    return format_datetime(timestamp)


def comment_text(comment: Comment) -> Text:
    if comment.is_reply:  # its thread's state is the first comment's, shown there
        mark, label = "↳", _("reply")
    elif comment.open:
        mark, label = (OPEN_QUERY, _("open query")) if comment.kind == "query" else (OPEN_NOTE, name("note"))
    else:
        mark, label = RESOLVED, _("{kind}, resolved by {user}").format(kind=name(comment.kind),
                                                                       user=comment.resolved_by)
    head = Text.assemble((f"{mark} ", "bold yellow" if mark == OPEN_QUERY else ""),
                         (label, "bold" if comment.open and comment.kind == "query" else ""),
                         (f" · {comment.author} · {when(comment.created_at)}", "dim"))
    body = Text(comment.text, style="" if comment.open else "dim")
    return Text("\n").join([head, body])


# Letters, not colour alone, say the severity (as in the editor's findings panel).
SEVERITY_MARKS = {Severity.ERROR: ("E", "bold red"), Severity.WARNING: ("W", "bold yellow"),
                  Severity.INFO: ("i", "dim")}


def finding_text(view: FindingView) -> Text:
    finding = view.finding
    mark, style = SEVERITY_MARKS[finding.severity]
    line = Text.assemble((f"{mark} ", style if view.open else "dim"),
                         (finding.message, "" if view.open else "dim strike"), (f"  [{finding.check}]", "dim"))
    if view.dismissal is not None:
        dismissal = view.dismissal
        line.append("\n  ")
        line.append(_("dismissed by {user} · {when}: {reason}").format(
            user=dismissal.user, when=when(dismissal.created_at), reason=dismissal.reason), style="italic")
    return line


def findings_text(views: Sequence[FindingView]) -> Text:
    if not views:
        return Text(_("No check findings on this segment."), style="dim italic")
    # Open before dismissed, errors first: what still needs judging leads.
    ordered = sorted(views, key=lambda v: (not v.open, SEVERITY_ORDER[v.finding.severity]))
    return Text("\n").join(finding_text(v) for v in ordered)


def findings_title(views: Sequence[FindingView]) -> str:
    errors, warnings = open_counts(views)
    dismissed = sum(1 for v in views if not v.open)
    parts = [_("Findings")]
    if errors:
        parts.append(ngettext("{count} error", "{count} errors", errors).format(count=errors))
    if warnings:
        parts.append(ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings))
    if dismissed:
        parts.append(ngettext("{count} dismissed", "{count} dismissed", dismissed).format(count=dismissed))
    return " · ".join(parts)


def changes_text(report: SegmentReport, baseline: str, *, first_revision: bool = False) -> str:
    """The diff's title words: a text that differs from its base is never called unchanged."""
    if first_revision:
        return _("the first revision: nothing before it")
    if report.changed:
        changes = effort_line(report.changed, report.words)
    elif (report.signed_text or "") != report.text:
        changes = _("changed")  # only spacing moved: no word to count, but not the same text
    else:
        changes = _("unchanged")
    return _("{changes} since {baseline}").format(changes=changes, baseline=baseline)


def comments_text(comments: Sequence[Comment]) -> Text:
    if not comments:
        return Text(_("No comments on this segment."), style="dim italic")
    return Text("\n\n").join(comment_text(c) for c in comments)


class ReviewDetail(VerticalScroll):
    DEFAULT_CSS = """
    ReviewDetail > .review-box {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text-primary;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    ReviewDetail > #review-diff {
        border: round $primary;
    }
    ReviewDetail > #review-diff.-locked {
        text-opacity: 60%;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="review-korean", classes="review-box", markup=False)
        yield DiffView(id="review-diff", classes="review-box")
        yield Static("", id="review-findings", classes="review-box", markup=False)
        yield Static("", id="review-comments", classes="review-box", markup=False)

    def on_mount(self) -> None:
        self.query_one("#review-diff").border_subtitle = legend()

    def show(self, segment: Segment, report: SegmentReport, comments: Sequence[Comment], *,
             count: int, baseline: str, findings: Sequence[FindingView] = (), first_revision: bool = False) -> None:
        korean = self.query_one("#review-korean", Static)
        korean.update(Text(segment.source))
        korean.border_title = Text(_("Korean") + f" · {segment.index}/{count} · {name(segment.kind)}")
        diff = self.query_one("#review-diff", DiffView)
        diff.show(report.signed_text or "", report.text)
        # The editor (f12 there) resolves a conflict; here it is said, so nobody approves around it.
        state = f"{CONFLICT_MARK} " + _("in conflict") if report.conflict else name(report.state)
        if segment.locked:  # nobody's work: the state it was imported in says nothing
            state = f"{LOCK_MARK} " + name(LOCKED)
        diff.border_title = Text(_("English") + f" · {state} · "
                                 + changes_text(report, baseline, first_revision=first_revision))
        diff.set_class(segment.locked, "-locked")
        counter = length_counter(report.text, segment.max_length)
        diff.border_subtitle = legend() if counter is None else Content.assemble(
            Content.from_rich_text(legend()), " · ", counter)
        found = self.query_one("#review-findings", Static)
        found.update(findings_text(findings))
        found.border_title = Text(findings_title(findings))
        box = self.query_one("#review-comments", Static)
        box.update(comments_text(comments))
        queries = len(open_queries(comments))
        title = _("Comments") + (" · " + ngettext("{count} open query", "{count} open queries", queries).format(
            count=queries) if queries else "")
        box.border_title = Text(title)
        self.scroll_home(animate=False)

    def clear(self) -> None:
        for box in self.query(".review-box"):
            box.update(Text(""))  # type: ignore[attr-defined]
            box.border_title = None
