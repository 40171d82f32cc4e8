"""The panels beside the segment in hand: glossary hits, findings, comment threads, TM matches.

One container that shows what the screen hands it and says what the person picked (Enter or a
click) as a named message; the screen decides what picking does.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.widgets import OptionList

from glossaries.index import TermUse
from tui.widgets.comments_panel import CommentsPanel
from tui.widgets.panels import FindingsPanel, GlossaryPanel, TmPanel
from workflow.models import Comment, Finding, FindingView, Thread, TmMatch


class SegmentPanels(Container):
    class TermPicked(Message):
        def __init__(self, use: TermUse) -> None:
            super().__init__()
            self.use = use

    class FindingPicked(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class ThreadPicked(Message):
        def __init__(self, thread: Thread) -> None:
            super().__init__()
            self.thread = thread

    class MatchPicked(Message):
        def __init__(self, match: TmMatch) -> None:
            super().__init__()
            self.match = match

    def compose(self) -> ComposeResult:
        yield GlossaryPanel(id="glossary")
        yield FindingsPanel(id="findings")
        yield CommentsPanel(id="comments")
        yield TmPanel(id="tm")

    def on_mount(self) -> None:
        self.query_one(TmPanel).display = False  # until a segment has matches

    def show_analysis(self, findings: Sequence[FindingView], uses: Sequence[TermUse], *, judged: bool = True) -> None:
        panel = self.query_one(FindingsPanel)
        panel.show(findings)
        # A term whose finding was dismissed is no longer "to fix" in the glossary panel either.
        self.query_one(GlossaryPanel).show(uses, dismissed_terms=panel.dismissed_terms, judged=judged)

    def show_comments(self, comments: Sequence[Comment]) -> None:
        self.query_one(CommentsPanel).show(comments)

    def show_matches(self, matches: Sequence[TmMatch]) -> None:
        self.query_one(TmPanel).show(matches)

    @property
    def uses(self) -> list[TermUse]:
        return self.query_one(GlossaryPanel).uses

    def chosen_finding(self) -> FindingView | None:
        return self.query_one(FindingsPanel).chosen()

    def chosen_match(self) -> TmMatch | None:
        return self.query_one(TmPanel).chosen()

    @on(OptionList.OptionSelected, "#glossary")
    def _term(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        uses = self.query_one(GlossaryPanel).uses
        if event.option_index < len(uses):
            self.post_message(self.TermPicked(uses[event.option_index]))

    @on(OptionList.OptionSelected, "#findings")
    def _finding(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        views = self.query_one(FindingsPanel).views
        if event.option_index < len(views):
            self.post_message(self.FindingPicked(views[event.option_index].finding))

    @on(OptionList.OptionSelected, "#comments")
    def _thread(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        thread = self.query_one(CommentsPanel).chosen()
        if thread is not None:
            self.post_message(self.ThreadPicked(thread))

    @on(OptionList.OptionSelected, "#tm")
    def _match(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        matches = self.query_one(TmPanel).matches
        if event.option_index < len(matches):
            self.post_message(self.MatchPicked(matches[event.option_index]))
