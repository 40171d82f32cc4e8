"""Message lookups for the glossary package, which imports nothing of ours: the application plugs in its
translator (workflow.i18n does, when it switches to a language other than English)."""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] | None = None


def _(message: str) -> str:
    return _translate(message) if _translate is not None else message


def use_translator(translate: Callable[[str], str]) -> None:
    global _translate
    _translate = translate


def N_(message: str) -> str:
    """Marks a string for the catalog; it is translated where it is shown."""
    return message
