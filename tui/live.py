"""Noticing other people's changes: the workspace's data version, polled off the event loop.

SQLite's `PRAGMA data_version` moves when any *other* connection commits, but only as seen by one
connection held open across reads, so the poll keeps one Workspace on one dedicated thread (SQLite
wants a connection per thread, and every thread worker runs on a fresh thread). On PostgreSQL the
number counts the notices other connections' commits sent, heard by that Workspace's one listening
connection, so another `tandem serve` or terminal on the same database is noticed the same way. A
poll is that one PRAGMA, or reading the notices already arrived; when the number moves, the screens on view get a WorkspaceChanged and re-read what they
show in their own workers. The app's own saves run on other connections, so they are noticed too:
screens compare what they re-read with what they hold and redraw only what differs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from textual.message import Message
from textual.screen import ModalScreen, Screen

from workflow.i18n import _
from workflow.workspace import Location, Workspace, WorkspaceLocation

NEWS_SECONDS = 12  # a notification stays longer than a status toast: it is news, and it is marked seen
NEWS_TOASTS = 3  # more at once would cover the screen


class WorkspaceChanged(Message):
    """Someone committed to the workspace since the last poll; `seen` counts the changes noticed."""

    def __init__(self, seen: int) -> None:
        super().__init__()
        self.seen = seen


class DataVersionPoll:
    """Reads the workspace's data version on its own thread; `changed()` says whether it moved."""

    def __init__(self, location: Location) -> None:
        self.location = WorkspaceLocation.of(location)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tandem-poll")
        self._workspace: Workspace | None = None
        self._version: int | None = None
        self._lost = False  # the connection broke: what happened meanwhile is unknown
        self.seen = 0  # how many changes have been noticed so far

    def _read(self) -> bool:
        # Runs on the poll thread only, so the one connection it opens stays on that thread.
        try:
            if self._workspace is None:
                self._workspace = Workspace.open(self.location, create=False)
            version = self._workspace.data_version()
        except Exception:  # noqa: BLE001 - a locked or vanished file: try afresh next time
            self._lost = self._lost or self._version is not None
            self._drop()
            return False
        # A version read on a new connection cannot be compared with the old one's: say it moved.
        moved = self._lost or (self._version is not None and version != self._version)
        self._version, self._lost = version, False
        return moved

    def _news(self, user: str) -> list[str]:
        # On the poll thread, on its one connection. Shown is seen: what this hands back is marked
        # seen, so another poll (or another of this person's apps) does not show it again.
        if self._workspace is None:
            return []
        try:
            notes = self._workspace.desk.inbox(user)
            self._workspace.desk.mark_seen(user, [note.id for note in notes])
        except Exception:  # noqa: BLE001 - a busy or vanished file: the notes stay unseen for next time
            return []
        return [note.text for note in notes]

    async def news(self, user: str) -> list[str]:
        """What happened for `user` since they were last shown (workflow.desk's inbox), now seen."""
        try:
            return await asyncio.get_running_loop().run_in_executor(self._thread, self._news, user)
        except RuntimeError:  # the app is closing
            return []

    def _drop(self) -> None:
        if self._workspace is not None:
            try:
                self._workspace.close()
            except Exception:  # noqa: BLE001 - it was broken already
                pass
        self._workspace, self._version = None, None

    def baseline(self) -> None:
        """The first reading, waited for: taken before any screen reads the workspace, no commit
        can fall between what a screen shows and the version later polls compare with. Opening a
        connection is milliseconds and never waits on a writer (WAL)."""
        self._thread.submit(self._read).result()

    async def changed(self) -> bool:
        try:
            moved = await asyncio.get_running_loop().run_in_executor(self._thread, self._read)
        except RuntimeError:  # the thread was shut down: the app is closing
            return False
        if moved:
            self.seen += 1
        return moved

    def close(self) -> None:
        try:
            self._thread.submit(self._drop)
        except RuntimeError:
            return  # closed already
        self._thread.shutdown(wait=False)


def on_view(stack: Iterable[Screen]) -> list[Screen]:
    """The screens a person can see: the top one, and those beneath it down to the first full
    screen (a dialog leaves the screen behind it on view)."""
    shown: list[Screen] = []
    for screen in reversed(list(stack)):
        shown.append(screen)
        if not isinstance(screen, ModalScreen):
            break
    return shown


class LiveRefresh:
    """Mixed into the app: polls every POLL_SECONDS once started and tells the screens on view.

    The person's notifications (an assignment, a query to them, an answer, a rejection, an
    approval) travel the same path: whatever moves the data version may have brought some, and
    the first poll shows those that arrived while the app was closed. Each shows as a toast.
    """

    POLL_SECONDS = 0.75
    _poll: DataVersionPoll | None = None

    def start_polling(self, location: Location) -> None:
        if self._poll is None:
            self._poll = DataVersionPoll(location)
            self._poll.baseline()
            # A timer awaits its callback before the next tick, so polls never pile up.
            self.set_interval(self.POLL_SECONDS, self._check_data_version, name="data-version")
            self.call_later(self._show_news)  # what arrived while the app was closed

    async def _show_news(self) -> None:
        poll, user = self._poll, getattr(getattr(self, "session", None), "user", None)
        if poll is None or user is None:
            return
        news = await poll.news(user)
        for text in news[:NEWS_TOASTS]:
            self.notify(text, title=_("For you"), timeout=NEWS_SECONDS)
        if len(news) > NEWS_TOASTS:  # a pile that came while the app was closed: the rest in one line
            self.notify(_("and {count} more: tandem inbox --all lists them").format(count=len(news) - NEWS_TOASTS),
                        title=_("For you"), timeout=NEWS_SECONDS)

    async def _check_data_version(self) -> None:
        poll = self._poll
        if poll is not None and await poll.changed():
            for screen in on_view(self.screen_stack):
                screen.post_message(WorkspaceChanged(poll.seen))
            await self._show_news()

    def stop_polling(self) -> None:
        if self._poll is not None:
            self._poll.close()
            self._poll = None
