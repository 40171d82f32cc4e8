"""Tandem's terminal UI: Textual screens over the headless `workflow` core.

The UI renders state and sends intents; every rule lives in `workflow/`, reached through the
Workspace facade. Background work runs in thread workers that post messages, never touching widgets.
"""
