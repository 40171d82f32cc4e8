"""The demo workspace: the sample Daily NK article with its translator's draft, and a desk of users."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workflow.models import Role
from workflow.paths import Location
from workflow.textfile import read_text_file
from workflow.workspace import Workspace

DATA = Path(__file__).resolve().parent
KOREAN = DATA / "ko.md"
DRAFT = DATA / "en-draft.md"
EDITED = DATA / "en-edited.md"
GLOSSARY = DATA / "glossary-nk-news.csv"
TAGS = ("lecture", "whistleblower", "russia", "overseas labor", "overseas workers")

# The published article's credit line names its translator and editor.
USERS = (
    ("admin", "Desk Admin", (Role.ADMIN,)),
    ("david", "David Black", (Role.TRANSLATOR,)),
    ("robert", "Robert Lauler", (Role.EDITOR,)),
    ("minji", "Kim Min-ji", (Role.TERMINOLOGIST,)),
)
TRANSLATOR = "david"
TERMINOLOGIST = "minji"


@dataclass(frozen=True)
class Demo:
    path: Location  # as prepare_demo was given it: a file's path or a database's URL
    document_id: int
    created: bool


def prepare_demo(path: Location) -> Demo:
    """Create the demo workspace at `path` (a file, or an existing PostgreSQL database: users,
    glossary, article), or reuse what is there."""
    with Workspace.open(path) as ws:
        for name, display, roles in USERS:
            if ws.users.find(name) is None:
                ws.users.add(name, roles, display_name=display, by="admin")
        # Demo users: anyone trying the demo may act as each of them (workflow.identity); a demo made
        # before users could be marked is marked on its next use.
        ws.identity.mark_demo([name for name, _display, _roles in USERS])
        if not ws.glossary.terms():
            ws.glossary.import_file(GLOSSARY, by=TERMINOLOGIST)
        existing = ws.files.find_import(read_text_file(KOREAN).checksum, read_text_file(DRAFT).checksum)
        if existing is not None:
            return Demo(path, existing.id, created=False)
        result = ws.files.import_document(KOREAN, DRAFT, tags=TAGS, by=TRANSLATOR)
        return Demo(path, result.document.id, created=True)
