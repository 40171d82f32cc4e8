"""DESIGN section 8's rules, checked by the tools made for them: import-linter's contracts (the
layers), ruff (pyflakes, pycodestyle, bugbear, pyupgrade) and mypy on the headless core. Their
settings are in pyproject.toml; the tools come with the test extras."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_the_layers_keep_their_import_contracts():
    done = _run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout and "4 kept" in done.stdout


def test_ruff_finds_nothing():
    done = _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_in_workflow_and_glossaries():
    done = _run(sys.executable, "-m", "mypy", "--no-incremental")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr



def test_every_workflow_module_imports_first_in_a_fresh_process():
    """An import cycle shows only when a cycle's other module is imported first (the models package
    and the modules it offers operations from once broke `tandem validate` that way)."""
    from concurrent.futures import ThreadPoolExecutor

    modules = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for p in (ROOT / "workflow").rglob("*.py"))
    with ThreadPoolExecutor(4) as pool:
        runs = dict(zip(modules, pool.map(lambda m: _run(sys.executable, "-c", f"import {m}"), modules)))
    assert {m: r.stderr.strip().splitlines()[-1] for m, r in runs.items() if r.returncode} == {}
