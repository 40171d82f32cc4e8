"""Architecture promises: the headless core never loads the UI stack, and --help stays light."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

from conftest import ROOT


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def _all_modules(package: str) -> list[str]:
    root = ROOT / package
    return [package] + [m.name for m in pkgutil.walk_packages([str(root)], prefix=f"{package}.")]


def test_workflow_and_glossaries_never_load_textual_or_rich():
    modules = _all_modules("workflow") + _all_modules("glossaries")
    assert "workflow.workspace" in modules and "workflow.storage.store" in modules
    loaded = _modules_after("\n".join(f"import {m}" for m in modules))
    assert set(modules) <= loaded
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def test_help_does_not_import_the_tui():
    loaded = _modules_after("import main\ntry:\n    main.main(['--help'])\nexcept SystemExit:\n    pass")
    assert "main" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"tui", "textual", "rich", "babel"}}
    # The message lookups (stdlib gettext) are the only part of the core the help needs.
    assert {m for m in loaded if m.split(".")[0] == "workflow"} == {"workflow", "workflow.i18n"}


def test_the_tui_is_importable_and_does_import_textual():
    # The check above would pass vacuously if the names were wrong; this proves they are not.
    loaded = _modules_after("import tui.app")
    assert "textual" in loaded


def test_the_editors_rules_run_without_a_terminal():
    # DESIGN §8: the editor's state, writes and reads are tested with plain unit tests, no Textual.
    modules = ["tui.editor"] + [f"tui.editor.{m.name}" for m in pkgutil.iter_modules([str(ROOT / "tui" / "editor")])]
    assert {"tui.editor.state", "tui.editor.jobs", "tui.editor.reads", "tui.editor.writer"} <= set(modules)
    loaded = _modules_after("\n".join(f"import {m}" for m in modules))
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}
