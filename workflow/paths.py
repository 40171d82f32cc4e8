"""Where the workspace lives and who is working: flags, then environment, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

APP_NAME = "tandem"


@dataclass(frozen=True, repr=False)
class WorkspaceLocation:
    """Where a workspace lives: a SQLite file's path, or a PostgreSQL database's address.

    It travels as given from the flag to every place that opens the workspace (worker threads, the
    live poll, the helper process, `tandem serve`'s sessions): a URL never goes through Path, which
    folds its `//` and mangles it. `display` is what messages and titles show; it never holds a
    password, although a URL holding one is refused when opened (workflow.storage)."""

    path: Path | None = None
    url: str | None = None

    @classmethod
    def of(cls, value: Location) -> WorkspaceLocation:
        if isinstance(value, WorkspaceLocation):
            return value
        # Here, not at the top: `tandem --help` and `tandem validate` never load the storage layer.
        from workflow.storage.engine import is_url

        if is_url(value):
            return cls(url=str(value))
        return cls(path=Path(value).expanduser())

    @property
    def is_file(self) -> bool:
        return self.path is not None

    @property
    def target(self) -> Path | str:
        """What workflow.storage opens: the file's path or the database's URL."""
        return self.path if self.path is not None else str(self.url)

    @property
    def display(self) -> str:
        return str(self.path) if self.path is not None else _without_password(str(self.url))

    @property
    def name(self) -> str:
        """The short name: the file's, or the database's (what a login page shows to anyone)."""
        if self.path is not None:
            return self.path.name
        return _database_name(str(self.url)) or self.display

    def resolved(self) -> WorkspaceLocation:
        """The same workspace from any working directory (a file's absolute path; a URL as it is)."""
        return WorkspaceLocation(path=self.path.resolve()) if self.path is not None else self

    @property
    def argument(self) -> str:
        """The location as a command line gives it to a child process (a helper, a served session);
        without a password, as the URL always is, since `ps` shows it to everyone."""
        return str(self.path.resolve()) if self.path is not None else str(self.url)

    def identity(self) -> str:
        """How a process's caches tell this workspace from others: a file made again at the same
        path (a new inode) starts afresh; a database is its URL."""
        if self.path is None:
            return str(self.url)
        resolved = self.path.resolve()
        try:
            return f"{resolved}#{resolved.stat().st_ino}"
        except OSError:
            return str(resolved)

    def __str__(self) -> str:
        return self.display

    def __repr__(self) -> str:  # tracebacks and logs print it: no password there either
        return f"WorkspaceLocation({self.display!r})"


Location = WorkspaceLocation | Path | str  # what every opener takes


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    userinfo, at, hosts = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = userinfo.split(":", 1)[0] + "@" + hosts
    query = "&".join(item for item in parts.query.split("&")
                     if item and unquote(item.split("=", 1)[0]).strip().lower() != "password")
    shown = f"{parts.scheme}://{netloc}{parts.path}"
    return shown + (f"?{query}" if query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _database_name(url: str) -> str:
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        for item in parts.query.split("&"):
            key, _, value = item.partition("=")
            if unquote(key) == "dbname":
                name = unquote(value)
    return name


def default_workspace_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workspace.db"


def default_demo_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "demo.db"


def resolve_workspace(flag: str | None) -> WorkspaceLocation:
    chosen = flag or os.environ.get("TANDEM_DB")
    return WorkspaceLocation.of(chosen) if chosen else WorkspaceLocation(path=default_workspace_path())


def resolve_demo(flag: str | None) -> WorkspaceLocation:
    """The demo's workspace: --db only (never $TANDEM_DB, which names the real one), else its own file."""
    return WorkspaceLocation.of(flag) if flag else WorkspaceLocation(path=default_demo_path())


def requested_user(flag: str | None) -> str | None:
    """The user asked for with --as or TANDEM_USER, if any (workflow.identity decides whether that is
    allowed)."""
    name = flag or os.environ.get("TANDEM_USER")
    return name.strip() if name and name.strip() else None
