"""Message lookups for the glossary package, which imports nothing of ours: the application plugs in its
translator (workflow.i18n does, when it switches to a language other than English)."""

from __future__ import annotations

import functools
import re
import string
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


def retranslate(text: str, messages: tuple[str, ...], translate: Callable[[str], str] | None = None) -> str:
    """Text formatted in English from one of `messages` (a library's own words, a note stored in
    English), in the current language; text made from none of them is returned as it is."""
    translate = translate or _translate
    if translate is None:
        return text
    for message, pattern in _patterns(messages):
        match = pattern.fullmatch(text)
        if match:
            return translate(message).format(**match.groupdict())
    return text


@functools.lru_cache(maxsize=16)
def _patterns(messages: tuple[str, ...]) -> tuple:
    found = []
    for message in messages:
        parts, named = [], set()
        for literal, field, _spec, _conversion in string.Formatter().parse(message):
            parts.append(re.escape(literal))
            if field:
                parts.append(f"(?P={field})" if field in named else f"(?P<{field}>.*?)")
                named.add(field)
        found.append((message, re.compile("".join(parts), re.S)))
    return tuple(found)
