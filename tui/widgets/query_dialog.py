"""One comment thread in full, with a box to reply and a key to close it (the query is answered).

The dialog writes nothing: it dismisses with an intent (Reply or Resolve) that the editor sends
through its write queue, e.g. `write_intent(workspace, intent, by=user)` in a worker; None means
the person backed out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from tui.widgets.dialog import Dialog
from workflow.models import CLOSED, THREAD_STATES, Thread
from workflow.i18n import N_, _, format_datetime
from workflow.names import name


@dataclass(frozen=True)
class Reply:
    comment_id: int  # the thread's first comment
    text: str
    close: bool = False  # reply, then close the thread (answered)


@dataclass(frozen=True)
class Resolve:
    comment_id: int


Intent = Reply | Resolve


def write_intent(workspace, intent: Intent, *, by: str) -> None:
    """What the editor's write queue runs for the dialog's answer (workflow refuses what a role may not do)."""
    if isinstance(intent, Reply):
        workspace.comments.reply(intent.comment_id, intent.text, by=by)
        if intent.close:
            workspace.comments.resolve(intent.comment_id, by=by)
    else:
        workspace.comments.resolve(intent.comment_id, by=by)


def thread_text(thread: Thread) -> Text:
    root = thread.root
    state = _(THREAD_STATES[thread.state])
    lines = [Text.assemble((f"{name(root.kind)} · {state}", "bold"), (f"  #{root.id}", "dim"))]
    for comment in thread.comments:
        lines.append(Text.assemble((comment.author, "bold"), (f" · {format_datetime(comment.created_at)}", "dim")))
        lines.append(Text("  " + comment.text))
    if root.resolved_by:
        lines.append(Text(_("closed by {user} · {time}").format(
            user=root.resolved_by, time=format_datetime(root.resolved_at)), style="italic"))
    return Text("\n").join(lines)


class QueryDialog(Dialog["Intent | None"]):
    DEFAULT_CSS = """
    QueryDialog > .dialog-box {
        width: 100%;
        max-width: 100;
        height: auto;
        max-height: 100%;
    }
    QueryDialog #query-thread {
        height: auto;
        max-height: 16;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "close_thread", description=N_("Answered: close"), priority=True),
    ]

    def __init__(self, thread: Thread, *, segment_label: str = "") -> None:
        super().__init__()
        self.thread = thread
        self._label = segment_label

    def compose(self) -> ComposeResult:
        closed = self.thread.state == CLOSED
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._label or _("Segment {index}").format(index=self.thread.root.segment)
            with VerticalScroll(id="query-thread"):
                yield Static(thread_text(self.thread), id="query-thread-text", markup=False)
            if closed:
                yield Static(_("This thread is closed; add a new comment to raise it again."),
                             classes="dialog-hint", markup=False)
            else:
                yield Input(placeholder=_("your reply"), id="query-reply")
                yield Static(_("Enter sends the reply · ctrl+r closes the thread as answered (with the reply, "
                               "if any) · Escape cancels"), classes="dialog-hint", markup=False)
            yield Static("", classes="dialog-error banner", markup=False)

    def on_mount(self) -> None:
        if self.thread.state != CLOSED:
            self.query_one("#query-reply", Input).focus()  # the thread scrolls, but typing is the task

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_thread":
            return self.thread.state != CLOSED
        return super().check_action(action, parameters)

    @on(Input.Submitted, "#query-reply")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.show_error(_("Write a reply first, or press ctrl+r to close the thread as answered."))
            return
        self.dismiss(Reply(self.thread.root.id, text))

    def action_close_thread(self) -> None:
        text = self.query_one("#query-reply", Input).value.strip()
        self.dismiss(Reply(self.thread.root.id, text, close=True) if text else Resolve(self.thread.root.id))
