"""What every handler shares: exit codes, JSON on stdout, files written whole or not at all, and
text on the terminal that never carries a control sequence.

Stored text (a title, a term, a comment) may hold control characters: readers refuse them now, but
a workspace written before may have them, and a terminal runs ESC ] 0 ; ... as a command. So
`printable` writes each one as a visible escape (\x1b); `table` applies it to every cell before
measuring, `emit_json` escapes what JSON itself leaves raw (DEL, C1), and `guarded_output` (which
main.py wraps around every command) passes everything printed on standard output and error through
`printable` as a last line of defence. Bytes written to `sys.stdout.buffer` (an XLIFF export) and
files written with -o are data, and go out as stored.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from glossaries.controls import escape_controls

EXIT_OK = 0
EXIT_FINDINGS = 1  # `tandem check`: error-severity findings remain
EXIT_INTERNAL = 1
EXIT_USAGE = 2


_RAW_IN_JSON = re.compile("[\x7f-\x9f]")  # JSON escapes C0 itself; these it would print as they are


def printable(text: str) -> str:
    """`text` as a terminal may be given it: every control character but tab and newline written
    as a visible escape (\x1b, \x9b)."""
    return escape_controls(text)


def emit_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


class _Printable:
    """A text stream that writes everything through `printable`; all else is the stream's own."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Standard output and error written through `printable` while the command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename: a reader never sees half a file."""
    from workflow.errors import InputError

    temp = path.with_name(f".{path.name}.tandem-tmp")
    try:
        if isinstance(data, bytes):
            temp.write_bytes(data)
        else:
            temp.write_text(data, encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        from workflow.i18n import _

        raise InputError(str(path), _("cannot be written ({problem})").format(problem=exc.strerror or exc)) from None
