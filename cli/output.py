"""What every handler shares: exit codes, JSON on stdout, files written whole or not at all."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1  # `tandem check`: error-severity findings remain
EXIT_INTERNAL = 1
EXIT_USAGE = 2


def emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


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
