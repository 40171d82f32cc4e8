"""Where the workspace lives and who is working: flags, then environment, then defaults."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tandem"


def default_workspace_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workspace.db"


def default_demo_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "demo.db"


def resolve_workspace(flag: str | None) -> Path:
    chosen = flag or os.environ.get("TANDEM_DB")
    return Path(chosen).expanduser() if chosen else default_workspace_path()


def requested_user(flag: str | None) -> str | None:
    """The user asked for with --as or TANDEM_USER, if any (workflow.identity decides whether that is
    allowed)."""
    name = flag or os.environ.get("TANDEM_USER")
    return name.strip() if name and name.strip() else None
