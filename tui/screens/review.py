"""The review screen: an editor goes through a translated document segment by segment.

Each segment shows its diff since a chosen base (the translator's sign-off, the imported draft or the
previous revision: b cycles them), its check findings with their dismissals, and its comments; f
shows only the segments with errors, warnings, dismissals or open queries. The editor approves,
rejects with a query, edits, comments, and finally signs the document off. Every read and write runs in a thread
worker that posts a message; only the screen touches its widgets. Bindings the user's roles do not
allow are hidden (the Workspace would refuse them anyway); the app's command palette offers the
rest, as it does every screen's bindings.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker

from tui.screens.review_live import ReviewLive
from tui.segment_nav import next_index
from tui.session import Session
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.review_comment_dialog import CommentDialog, CommentRequest
from tui.widgets.review_data import (
    ReviewData,
    SegmentUpdate,
    latest_signoffs,
    load_review,
    refresh_segment,
    status_text,
    unreviewed,
)
from tui.widgets.review_detail import ReviewDetail
from tui.widgets.review_edit_dialog import EditDialog, EditRequest
from tui.widgets.review_list import ReviewList
from tui.widgets.review_pick_dialog import CommentPicker
from tui.widgets.review_signoff_dialog import SignOffDialog
from tui.widgets.review_writes import Write, save, silent
from workflow.models import (
    CLOSE, COMMENT, EDIT, REVIEW, Comment, DiffBase, SegmentReport, SegmentState, SignOff, base_of, next_base)
from workflow.models import locked_refusal
from workflow.errors import TandemError
from workflow.i18n import N_, _, ngettext
from workflow.names import name

# The intent (workflow.models.permissions) each action needs; actions not listed are open to anyone reading.
WIDE = 120  # columns from which the header's standing and measures share a line (the -wide breakpoint)
NEEDS = {"approve": REVIEW, "reject": REVIEW, "edit": EDIT, "comment": COMMENT, "resolve": CLOSE}


class ReviewScreen(ReviewLive, Screen):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (WIDE, "-wide")]
    DEFAULT_CSS = """
    ReviewScreen #review-status {
        height: auto;
        padding: 0 1;
    }
    ReviewScreen #review-status.problem {
        color: $text-error;
    }
    ReviewScreen #review-body {
        height: 1fr;
        layout: vertical;
    }
    ReviewScreen #review-list {
        height: 2fr;
    }
    ReviewScreen #review-detail {
        height: 3fr;
    }
    ReviewScreen.-wide #review-body {
        layout: horizontal;
    }
    ReviewScreen.-wide #review-list {
        width: 2fr;
        height: 1fr;
    }
    ReviewScreen.-wide #review-detail {
        width: 3fr;
        height: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", description=N_("Approve")),
        Binding("x", "reject", description=N_("Reject")),
        Binding("e", "edit", description=N_("Edit")),
        Binding("n", "next_unreviewed", description=N_("Next unreviewed")),
        Binding("b", "cycle_base", description=N_("Diff base")),
        Binding("f", "filter", description=N_("Filter")),
        Binding("c", "comment", description=N_("Comment")),
        Binding("m", "resolve", description=N_("Resolve comment")),
        Binding("o", "queries", description=N_("Open queries")),
        Binding("s", "sign_off", description=N_("Sign off")),
        Binding("r", "reload", description=N_("Reload")),
        Binding("escape", "back", description=N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, data: ReviewData, audit_head: int = 0) -> None:
            super().__init__()
            self.data = data
            self.audit_head = audit_head

    class Updated(Message):
        def __init__(self, update: SegmentUpdate, advance: bool) -> None:
            super().__init__()
            self.update = update
            self.advance = advance

    class Failed(Message):
        def __init__(self, problem: str, *, loading: bool) -> None:
            super().__init__()
            self.problem = problem
            self.loading = loading

    def __init__(self, session: Session, document_id: int) -> None:
        super().__init__()
        self.session = session
        self.document_id = document_id
        self.data: ReviewData | None = None
        self.writing = False
        self._write_worker: Worker | None = None
        self.base = DiffBase.SIGNED  # what every diff is drawn against; b cycles it
        self.only_flagged = False  # f: only segments with errors, warnings, dismissals or queries

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Loading the review of document {id}…").format(id=self.document_id), id="review-status",
                     markup=False)
        with Container(id="review-body"):
            yield ReviewList(id="review-list")
            yield ReviewDetail(id="review-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    async def flush(self) -> bool:
        """On quit (the app asks every screen): let a write in flight land before the app goes."""
        if self._write_worker is not None and self._write_worker.is_running:
            try:
                await self._write_worker.wait()
            except Exception:  # noqa: BLE001 - a failed write has already been reported
                pass
        return True

    # loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="review-load")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                # First, so a change made while the rest is read is followed later, never missed.
                head = workspace.documents.changes(self.document_id)[0]
                self._decided = workspace.glossary.morphology.generation()  # before the findings, likewise
                data = load_review(workspace, self.document_id, self.session.user, self.base)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc), loading=True))
            return
        self.post_message(self.Loaded(data, head))

    def on_review_screen_loaded(self, message: Loaded) -> None:
        first = self.data is None
        self._audit_head = message.audit_head
        if message.data == self.data:
            return  # re-read after a change elsewhere: nothing here moved, so nothing is redrawn
        self.data = data = message.data
        data.set_base(self.base)  # b pressed while it loaded
        table = self.query_one(ReviewList)
        keep = table.current_index
        if first or keep is None:
            # Where the review stands: the first segment nobody has approved yet.
            keep = next((s.index for s in data.segments if unreviewed(s)), 1)
        self._fill(keep)
        self.refresh_bindings()
        self._show_status()
        self._show_current()

    def on_review_screen_failed(self, message: Failed) -> None:
        if not message.loading:
            self.writing = False
        elif self.data is None:
            status = self.query_one("#review-status", Static)
            status.update(Text(message.problem))
            status.add_class("problem")
        self.notify(message.problem, title=_("Cannot load the review") if message.loading else _("Not done"),
                    severity="error")

    def on_resize(self) -> None:
        # The table's new width is known only after layout; its English column follows it.
        self.call_after_refresh(self._refit)
        self._show_status()

    def _refit(self) -> None:
        table = self.query_one(ReviewList)
        if self.data is not None and not table.fits(self.data.reports):
            self._fill(table.current_index or 1)

    def _fill(self, cursor: int) -> None:
        data = self.data
        assert data is not None
        self.query_one(ReviewList).fill(data.reports, data.query_counts(), cursor=cursor,
                                        findings=data.all_check_marks(),
                                        keep=data.flagged if self.only_flagged else None)

    def action_reload(self) -> None:
        self.load()

    # what is on screen ----------------------------------------------------------------

    def _show_status(self) -> None:
        if self.data is None:
            return  # still loading, or a problem on show: a resize leaves it
        status = self.query_one("#review-status", Static)
        status.remove_class("problem")
        status.update(status_text(self.data, wide=self.size.width >= WIDE))

    def _show_current(self) -> None:
        detail = self.query_one(ReviewDetail)
        index = self.query_one(ReviewList).current_index
        if self.data is None or index is None:
            detail.clear()
            return
        data = self.data
        detail.show(data.segments[index - 1], data.reports[index - 1], data.comments.get(index, []),
                    count=len(data.segments), baseline=data.baseline, findings=data.findings.get(index, []),
                    first_revision=data.first_revision(index))

    @on(DataTable.RowHighlighted, "#review-list")
    def highlighted(self) -> None:
        self._show_current()

    def go_to(self, index: int) -> None:
        table = self.query_one(ReviewList)
        if not table.shows(index) and self.data is not None:
            self.only_flagged = False  # a segment the filter hides was asked for: show them all
            self._fill(index)
        table.show_index(index)
        self._show_current()

    def action_cycle_base(self) -> None:
        self.base = next_base(self.base)
        if self.data is None:
            return
        table = self.query_one(ReviewList)
        self.data.set_base(self.base)
        self._fill(table.current_index or 1)
        self._show_status()
        self._show_current()
        self.notify(_("Diffs since {base}.").format(base=self.data.baseline))

    def action_filter(self) -> None:
        if self.data is None:
            return
        data = self.data
        if not self.only_flagged and not any(data.flagged(s.index) for s in data.segments):
            self.notify(_("No segment has errors, warnings, dismissals or open queries."))
            return
        self.only_flagged = not self.only_flagged
        self._fill(self.query_one(ReviewList).current_index or 1)
        self._show_current()
        self.notify(_("Showing only segments with errors, warnings, dismissals or open queries.")
                    if self.only_flagged else _("Showing every segment."))

    # actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sign_off":
            return self.data is not None and self.data.access.sign_as is not None
        if action not in NEEDS:
            return True
        # Hidden, not greyed out, until the data says what this user may do.
        return self.data is not None and self.data.access.may(NEEDS[action])

    def _current(self) -> int | None:
        """The segment an action applies to, or None when none can be acted on right now."""
        if self.data is None or not self.data.segments:
            return None
        if self.writing:
            self.notify(_("Still saving the last change…"), severity="warning")
            return None
        return self.query_one(ReviewList).current_index

    def _changeable(self) -> int | None:
        """The segment a change (approve, reject, edit) applies to; a locked one is refused here in
        the workflow's own words, before any dialog asks for text it would refuse."""
        index = self._current()
        if index is None or self.data is None:
            return None
        if (refusal := locked_refusal(self.data.segments[index - 1])) is not None:
            self.notify(refusal, severity="warning", timeout=4)
            self.app.bell()
            return None
        return index

    def action_approve(self) -> None:
        if (index := self._changeable()) is not None:
            user, doc = self.session.user, self.document_id
            self._write(index, silent(lambda ws: ws.review.approve(doc, index, by=user)), advance=True)

    def action_reject(self) -> None:
        if (index := self._changeable()) is None:
            return
        user, doc = self.session.user, self.document_id
        about = _("It goes back to its translator with your query. The English now: {english}").format(
            english=self._english(index))

        def rejected(request: CommentRequest | None) -> None:
            if request is not None:
                self._write(index, silent(lambda ws: ws.review.reject(doc, index, comment=request.text, by=user)))

        self.app.push_screen(CommentDialog(_("Reject segment {index}").format(index=index), about, kind="query",
                                           action=_("Reject")),
                             rejected)

    def action_edit(self) -> None:
        if (index := self._changeable()) is None:
            return
        segment = self.data.segments[index - 1]

        def write(text: str, approve: bool = False) -> Write:
            return save(self.document_id, index, text, by=self.session.user, based_on=base_of(segment.revision_id),
                        approve=approve)

        async def keep(text: str) -> bool:
            # The app is quitting with the dialog open: save now, on a thread, rather than lose it.
            try:
                await asyncio.to_thread(self._write_now, write(text))
            except TandemError as exc:
                self.notify(str(exc), title=_("Not saved"), severity="error")
                return False
            return True

        def edited(request: EditRequest | None) -> None:
            if request is not None:  # approved, it moves on to the next segment as approve (a) does
                self._write(index, write(request.text, request.approve), advance=request.approve)

        dialog = EditDialog(index, segment.source, segment.target, voids=self._voids(index), keep=keep,
                            can_approve=self.data.access.may(REVIEW))
        self.app.push_screen(dialog, edited)

    def _voids(self, index: int) -> str:
        """What saving will undo, said before the editor commits to it."""
        data = self.data
        assert data is not None
        lost = []
        state = data.segments[index - 1].state
        if state in (SegmentState.TRANSLATED, SegmentState.APPROVED):
            lost.append(_("Saving sends this {state} segment back to draft.").format(state=name(state)))
        valid = [name(s.role) for s in latest_signoffs(data.signoffs).values() if s.valid]
        if valid:
            lost.append(ngettext("Saving voids the {roles} sign-off.", "Saving voids the {roles} sign-offs.",
                                 len(valid)).format(roles=_(" and ").join(valid)))
        return " ".join(lost)

    def action_comment(self) -> None:
        if (index := self._current()) is None:
            return
        user, doc = self.session.user, self.document_id

        def written(request: CommentRequest | None) -> None:
            if request is not None:
                self._write(index, silent(lambda ws: ws.comments.add(doc, index, request.text,
                                                                     kind=request.kind, by=user)))

        dialog = CommentDialog(_("Comment on segment {index}").format(index=index),
                               _("The English now: {english}").format(english=self._english(index)))
        self.app.push_screen(dialog, written)

    def action_resolve(self) -> None:
        if (index := self._current()) is None:
            return
        open_ = [c for c in self.data.comments.get(index, []) if c.open and not c.is_reply]  # threads, not replies
        if not open_:
            self.notify(_("Segment {index} has no open comments.").format(index=index))
            return
        user = self.session.user

        def chosen(comment: Comment | None) -> None:
            if comment is not None:
                self._write(index, silent(lambda ws: ws.comments.resolve(comment.id, by=user)))

        picker = CommentPicker(_("Resolve a comment on segment {index}").format(index=index),
                               _("Open comments on this segment; the one you pick is marked resolved by you."),
                               open_, choose=_("Resolve"))
        self.app.push_screen(picker, chosen)

    def action_queries(self) -> None:
        if self.data is None:
            return
        queries = self.data.open_queries()
        if not queries:
            self.notify(_("No open queries in this document."))
            return

        def chosen(comment: Comment | None) -> None:
            if comment is not None:
                self.go_to(comment.segment)

        picker = CommentPicker(_("Open queries · {count}").format(count=len(queries)),
                               _("Every open query in this document; pick one to go to its segment."), queries)
        self.app.push_screen(picker, chosen)

    def action_next_unreviewed(self) -> None:
        if self.data is None or not self.data.segments:
            return
        current = self.query_one(ReviewList).current_index or 1
        found = next_index(self.data.segments, current, unreviewed)
        if found is not None:
            self.go_to(found)
        elif unreviewed(self.data.segments[current - 1]):
            self.notify(_("Segment {index} is the only one not approved yet.").format(index=current))
        else:
            self.notify(_("Every segment is approved: sign the document off with s."))

    def action_sign_off(self) -> None:
        if self.data is None or self.writing or not (role := self.data.access.sign_as):
            return

        def signed(signoff: SignOff | None) -> None:
            if signoff is not None:
                self.notify(_("Signed off as {role} by {name}.").format(role=name(signoff.role),
                                                                       name=signoff.display_name),
                            title=_("Sign-off"))
                self.load()

        self.app.push_screen(SignOffDialog(self.session, self.document_id, role), signed)

    def action_back(self) -> None:
        self.app.pop_screen()

    def _english(self, index: int) -> str:
        return self.data.reports[index - 1].text if self.data else ""

    # writing --------------------------------------------------------------------------

    def _write(self, index: int, write: Write, *, advance: bool = False) -> None:
        self.writing = True
        self._write_worker = self.run_write(self.data.reports[index - 1], write, advance)

    @work(thread=True, group="review-write")
    def run_write(self, report: SegmentReport, write: Write, advance: bool) -> None:
        try:
            with self.session.workspace() as workspace:
                notes = write(workspace)
                update = refresh_segment(workspace, self.document_id, report, notes)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc), loading=False))
            return
        self.post_message(self.Updated(update, advance))

    def _write_now(self, write: Write) -> None:
        with self.session.workspace() as workspace:
            write(workspace)

    def on_review_screen_updated(self, message: Updated) -> None:
        self.writing = False
        data = self.data
        if data is None:
            return
        update = message.update
        index = update.segment.index
        table = self.query_one(ReviewList)
        for moved in sorted({index} | data.apply(update)):
            table.update_row(data.reports[moved - 1], len(data.open_queries(moved)), data.check_marks(moved))
        self._show_status()
        for note in update.notes:
            self.notify(note, severity="warning", timeout=8)
        if message.advance and (found := next_index(data.segments, index, unreviewed)) is not None:
            self.go_to(found)
        elif table.current_index == index:
            self._show_current()
