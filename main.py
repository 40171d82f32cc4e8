"""Tandem's command line: the same use cases as the TUI, for scripts and CI.

`tandem` (the console script) and `python main.py` both land here; the work is in cli/.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from cli.output import guarded_output
    from cli.run import main as run

    # Whatever a command prints, stored text's control characters reach the terminal escaped.
    with guarded_output():
        return run(argv)


if __name__ == "__main__":
    sys.exit(main())
