"""Benchmarks and scripts are files, not packages: tests load them by path as modules of their own."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType


def loaded(path: Path, name: str) -> Iterator[ModuleType]:
    """The file at `path` as module `name`, registered while in use (dataclasses look their module
    up by name), for a fixture to yield from."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    try:
        yield module
    finally:
        sys.modules.pop(name, None)


def sibling(name: str) -> ModuleType:
    """A module that a loaded benchmark imports from its own folder (it puts that folder on sys.path)."""
    return importlib.import_module(name)
