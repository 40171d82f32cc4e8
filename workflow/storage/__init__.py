"""The one place that holds SQL. Everything above it (the Workspace) speaks in rows and values.

A client-server database would replace this package and nothing else.
"""

from workflow.storage.store import Storage

__all__ = ["Storage"]
