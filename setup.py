"""Compiles the message catalogs (.po -> .mo) as part of every build; the rest is in pyproject.toml."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent


class build_py_with_catalogs(build_py):
    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(SOURCE))
        from workflow.i18n import compile_po  # stdlib at import; babel (a build requirement) to compile

        # An editable install imports from the source tree, so the .mo belongs there.
        target = SOURCE if self.editable_mode else Path(self.build_lib)
        for po in sorted(SOURCE.glob("workflow/locale/*/LC_MESSAGES/*.po")):
            mo = target / po.relative_to(SOURCE).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(compile_po(po))


setup(cmdclass={"build_py": build_py_with_catalogs})
