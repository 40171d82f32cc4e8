"""The review screen keeping up with other people: re-read what moved, not the whole document.

A mixin of ReviewScreen (review.py). When the app notices a commit (tui.live), a worker asks the
workspace which of the document's segments changed since the audit log entry last seen and re-reads
only those (a whole load computes every diff: about 0.6 s at 2,000 segments). A change that moves
no segment, or that moves a sign-off (the baseline every diff is drawn against), reloads it all; so
does the arrival of Korean morphology decisions this process had to guess meanwhile
(workflow.word_decisions), which can move any segment's findings.
"""

from __future__ import annotations

from textual import work
from textual.message import Message

from tui.live import WorkspaceChanged
from tui.widgets.review_data import SegmentUpdate, document_findings, refresh_segment
from tui.widgets.review_list import ReviewList
from workflow.models import SegmentReport


class ReviewLive:
    _audit_head = 0  # the document's audit log as last read (set by each load)
    _follows = 0  # requests made, so an answer overtaken by a newer one is dropped
    _decided = 0  # the stored morphology decisions' generation as the last load read them (set by load)

    class Followed(Message):
        def __init__(self, request: int, head: int, updates: list[SegmentUpdate]) -> None:
            super().__init__()
            self.request, self.head, self.updates = request, head, updates

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        if self.data is None:
            return
        self._follows += 1
        self.follow(self._follows, self._audit_head, list(self.data.reports))

    @work(thread=True, exclusive=True, group="review-follow")
    def follow(self, request: int, since: int, reports: list[SegmentReport]) -> None:
        try:
            with self.session.workspace() as workspace:
                head, segments = workspace.documents.changes(self.document_id, since)
                if head == since:
                    if workspace.glossary.morphology.generation() != self._decided:
                        self.post_message(self.Followed(request, head, []))  # no updates: load it all
                    return  # another document, the glossary, the memory: nothing shown here moved
                findings = document_findings(workspace, self.document_id)
                updates = [refresh_segment(workspace, self.document_id, reports[s.index - 1], findings=findings)
                           for s in segments if 1 <= s.index <= len(reports)]
        except Exception:  # noqa: BLE001 - the next change noticed tries again; r reloads by hand
            return
        self.post_message(self.Followed(request, head, updates))

    def on_review_live_followed(self, message: Followed) -> None:
        data = self.data
        if data is None or message.request != self._follows:
            return
        if not message.updates or any(u.signoffs != data.signoffs for u in message.updates):
            self.load()  # a sign-off (or something else document-wide): every diff may have moved
            return
        self._audit_head = max(self._audit_head, message.head)
        table = self.query_one(ReviewList)
        shown = set()
        for update in message.updates:
            shown |= {update.segment.index} | data.apply(update)
        for index in sorted(shown):
            table.update_row(data.reports[index - 1], len(data.open_queries(index)), data.check_marks(index))
        self._show_status()
        if table.current_index in shown:
            self._show_current()
