"""One clock for every record: UTC, ISO 8601, milliseconds (sortable as text)."""

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
