"""One clock for every record: UTC, ISO 8601, milliseconds (sortable as text)."""

from datetime import datetime, UTC


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
