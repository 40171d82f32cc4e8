"""DESIGN section 8's rules, checked by the tools made for them: import-linter's contracts (the
layers), ruff (pyflakes, pycodestyle, bugbear, pyupgrade) and mypy on the headless core. Their
settings are in pyproject.toml; the tools come with the test extras."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_the_layers_keep_their_import_contracts():
    done = _run(str(BIN / "lint-imports"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout and "3 kept" in done.stdout


def test_ruff_finds_nothing():
    done = _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_in_workflow_and_glossaries():
    done = _run(sys.executable, "-m", "mypy", "--no-incremental")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr


# What the interfaces may take from workflow (issue 13): the facade, the values it returns, its
# errors, and the locale the words are in. Everything else is a use case's inside.
INTERFACE_MAY_IMPORT = {"workflow.workspace", "workflow.models", "workflow.errors", "workflow.i18n", "workflow.names"}


def _workflow_imports_beyond_the_facade(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            modules = ([node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                       else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for module in modules:
                if module.split(".")[0] == "workflow" and module not in INTERFACE_MAY_IMPORT:
                    found.append(f"{path.relative_to(folder.parent)}:{node.lineno} imports {module}")
    return found


def test_the_tui_takes_from_workflow_only_the_facade_its_values_and_errors():
    assert _workflow_imports_beyond_the_facade(ROOT / "tui") == []


def test_the_facade_check_sees_a_use_case_imported_behind_its_back(tmp_path: Path):
    screen = tmp_path / "tui" / "screen.py"
    screen.parent.mkdir()
    screen.write_text("from workflow.models import Role\nimport workflow.review\n"
                      "def f():\n    from workflow.access import may\n", encoding="utf-8")
    assert _workflow_imports_beyond_the_facade(tmp_path / "tui") == [
        "tui/screen.py:2 imports workflow.review", "tui/screen.py:4 imports workflow.access"]
