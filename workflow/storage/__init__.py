"""The one place that holds SQL: repositories over an engine (SQLite or PostgreSQL). Everything above
it (the Workspace's use cases) speaks in records and values and never knows which engine it has."""

from workflow.storage.store import Storage, Transactions

__all__ = ["Storage", "Transactions"]
