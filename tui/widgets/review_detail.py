"""The segment under review: its Korean, the diff of its English since the baseline, its comments."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.widgets.diff_view import DiffView, legend
from tui.widgets.review_data import effort_line
from workflow.models import Comment, Segment, SegmentReport

OPEN_QUERY = "?"
OPEN_NOTE = "•"
RESOLVED = "✓"


def when(timestamp: str) -> str:
    """Minutes are enough to tell comments apart; the stored time is UTC, and so is this."""
    return timestamp[:16].replace("T", " ")


def comment_text(comment: Comment) -> Text:
    if comment.open:
        mark, label = (OPEN_QUERY, "open query") if comment.kind == "query" else (OPEN_NOTE, "note")
    else:
        mark, label = RESOLVED, f"{comment.kind}, resolved by {comment.resolved_by}"
    head = Text.assemble((f"{mark} ", "bold yellow" if mark == OPEN_QUERY else ""),
                         (label, "bold" if comment.open and comment.kind == "query" else ""),
                         (f" · {comment.author} · {when(comment.created_at)}", "dim"))
    body = Text(comment.text, style="" if comment.open else "dim")
    return Text("\n").join([head, body])


def comments_text(comments: Sequence[Comment]) -> Text:
    if not comments:
        return Text("No comments on this segment.", style="dim italic")
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
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="review-korean", classes="review-box", markup=False)
        yield DiffView(id="review-diff", classes="review-box")
        yield Static("", id="review-comments", classes="review-box", markup=False)

    def on_mount(self) -> None:
        self.query_one("#review-diff").border_subtitle = legend()

    def show(self, segment: Segment, report: SegmentReport, comments: Sequence[Comment], *,
             count: int, baseline: str) -> None:
        korean = self.query_one("#review-korean", Static)
        korean.update(Text(segment.source))
        korean.border_title = Text(f"Korean · {segment.index}/{count} · {segment.kind.value}")
        diff = self.query_one("#review-diff", DiffView)
        diff.show(report.signed_text or "", report.text)
        changes = effort_line(report.changed, report.words) if report.changed else "unchanged"
        diff.border_title = Text(f"English · {report.state.value} · {changes} since {baseline}")
        box = self.query_one("#review-comments", Static)
        box.update(comments_text(comments))
        queries = sum(1 for c in comments if c.open and c.kind == "query")
        title = "Comments" + (f" · {queries} open quer{'ies' if queries > 1 else 'y'}" if queries else "")
        box.border_title = Text(title)
        self.scroll_home(animate=False)

    def clear(self) -> None:
        for box in self.query(".review-box"):
            box.update(Text(""))  # type: ignore[attr-defined]
            box.border_title = None
