"""What the editor's workers tell the screen: one named message per result.

Declared under the screen's namespace, so EditorScreen handles them as on_editor_screen_<name>.
Workers never touch widgets; the screen is the only place that changes what is on screen.
"""

from __future__ import annotations

from textual.message import Message

from tui.editor.jobs import Outcome
from tui.editor.reads import Analysis, DocumentData
from tui.editor.state import Changes
from workflow.models import Conflict


class Loaded(Message, namespace="editor_screen"):
    def __init__(self, data: DocumentData, rows: list, widths, words: list[int]) -> None:
        super().__init__()
        self.data, self.rows, self.widths, self.words = data, rows, widths, words

class Failed(Message, namespace="editor_screen"):
    def __init__(self, problem: str, *, loading: bool = False) -> None:
        super().__init__()
        self.problem, self.loading = problem, loading

class Analysed(Message, namespace="editor_screen"):
    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis

class Counted(Message, namespace="editor_screen"):
    def __init__(self, counts: dict) -> None:
        super().__init__()
        self.counts = counts

class Written(Message, namespace="editor_screen"):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome

class Reread(Message, namespace="editor_screen"):
    def __init__(self, landed: int, changes: Changes) -> None:
        super().__init__()
        self.landed, self.changes = landed, changes

class TmFound(Message, namespace="editor_screen"):
    def __init__(self, index: int, matches: list) -> None:
        super().__init__()
        self.index, self.matches = index, matches

class ConflictLoaded(Message, namespace="editor_screen"):
    def __init__(self, index: int, conflict: Conflict | None) -> None:
        super().__init__()
        self.index, self.conflict = index, conflict

class Formatted(Message, namespace="editor_screen"):
    def __init__(self, rows: list, widths) -> None:
        super().__init__()
        self.rows, self.widths = rows, widths
