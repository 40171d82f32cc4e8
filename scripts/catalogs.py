"""Refresh the message catalogs in one step: extract -> update -> compile.

    python scripts/catalogs.py          # after adding or changing strings; then translate the
                                        # new entries in workflow/locale/ko/LC_MESSAGES/tandem.po
    python scripts/catalogs.py --check  # exit 1 if a string is missing or untranslated in a catalog

Compiled .mo files are build output (setup.py compiles them on install, workflow/i18n.py at run time
when they are missing or stale); they are not committed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.i18n import DOMAIN, LOCALE_DIR, compile_po  # noqa: E402

POT = LOCALE_DIR / f"{DOMAIN}.pot"
# Extra keywords beyond pybabel's defaults (_, gettext, ngettext, N_, ...).
KEYWORDS = ["lazy_gettext"]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    keywords = [arg for word in KEYWORDS for arg in ("-k", word)]
    # From the root, so the catalogs name source files by their paths in the repository.
    os.chdir(ROOT)
    pybabel("extract", "-F", "babel.cfg", *keywords, "--sort-by-file", "--no-wrap", "--project", "tandem",
            "--version", "0.1", "--copyright-holder", "Tandem", "-o", str(POT.relative_to(ROOT)), ".")


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    for code in languages():
        pybabel("update", "-D", DOMAIN, "-i", str(POT), "-d", str(LOCALE_DIR), "-l", code,
                "--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching")


def compile_all() -> None:
    # Through compile_po, which records the .po's hash that workflow/i18n.py checks at start-up.
    for po in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        po.with_suffix(".mo").write_bytes(compile_po(po))


def check() -> int:
    from babel.messages.pofile import read_po

    with POT.open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    failed = 0
    for code in languages():
        with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
            catalog = read_po(handle)
        ids = {m.id for m in catalog if m.id}
        open_ = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))]
        for problem, items in (("missing", template - ids), ("obsolete", ids - template), ("untranslated or fuzzy", open_)):
            for item in sorted(map(str, items)):
                print(f"{code}: {problem}: {item}")
                failed += 1
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="extract, then report gaps without changing the .po files")
    args = parser.parse_args()
    extract()
    if args.check:
        return check()
    update()
    compile_all()
    return check()


if __name__ == "__main__":
    sys.exit(main())
