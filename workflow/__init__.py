"""Tandem's headless core: the workspace, its documents, segments and revisions.

Nothing here may import textual or rich; the TUI and the CLI both sit on top of this package.
"""
