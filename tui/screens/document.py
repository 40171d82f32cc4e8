"""The document view is the editor: kept under its old name for the screens that open it."""

from tui.screens.editor import EditorScreen as DocumentScreen

__all__ = ["DocumentScreen"]
