"""Locating the shared third-party corpora (../shared/corpora, see its PROVENANCE.md) for tests.

They are test material only and never part of the product, so tests that need them skip when absent.
"""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _candidate() -> Path:
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


def corpora_dir() -> Path | None:
    """The corpora folder: $TANDEM_CORPORA if set, else <repo>/../shared/corpora; None if absent."""
    path = _candidate()
    return path if path.is_dir() else None


def require_corpora(*parts: str) -> Path:
    """The path to corpora/<parts...>, or skip the calling test with the reason when it is missing."""
    base = corpora_dir()
    path = base.joinpath(*parts) if base else _candidate().joinpath(*parts)
    if base is None or not path.exists():
        pytest.skip(f"../shared/corpora not found: {path} (set TANDEM_CORPORA to the corpora folder)")
    return path
