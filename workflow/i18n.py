"""The interface language: gettext lookups for every layer, babel for dates and numbers.

Lookups use the stdlib's gettext on compiled catalogs (cheap enough for `tandem --help`); babel is
imported only to format a date or number, or to compile a catalog whose .mo is missing or was built
from another .po (an editable checkout after `git pull`), in memory, so nothing is written next to the
source. A .mo names the .po it came from by hash, since install tools do not keep file times in order.

Strings that are built at import time (class attributes, module constants) are marked with N_ and
translated where they are shown, or made with lazy_gettext, which translates on every str().
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from datetime import UTC

if TYPE_CHECKING:  # the --help path imports this module; these are only needed to format
    from datetime import datetime
    from decimal import Decimal

DOMAIN = "tandem"
# A message only compile_po writes: the sha256 of the .po a .mo was compiled from.
SOURCE_KEY = "@tandem-source-sha256"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"
# A language counts only once its catalog is complete (tests/test_i18n.py holds it to that).
LANGUAGES = ("en", "ko")
_FORMAT_DEFAULTS = {"en": "en_US", "ko": "ko_KR"}

_translations: dict[str, _gettext.NullTranslations] = {}
_current: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_format_locale = _FORMAT_DEFAULTS[SOURCE_LANGUAGE]


def _(message: str) -> str:
    return _agreeing(_current.gettext(message))


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    return _agreeing(_current.ngettext(singular, plural, n))


class _AgreeingText(str):
    """A Korean message whose particles (은(는), (으)로, …) agree with the words its placeholders
    bring, once it is formatted with .format() or %; as it stands, with the words it holds itself."""

    template: str

    def format(self, *args: object, **kwargs: object) -> str:
        from workflow.korean_particles import mark, resolve

        return resolve(mark(self.template).format(*args, **kwargs))

    def format_map(self, mapping) -> str:  # type: ignore[override]
        from workflow.korean_particles import mark, resolve

        return resolve(mark(self.template).format_map(mapping))

    def __mod__(self, values: object) -> str:
        from workflow.korean_particles import mark, resolve

        return resolve(mark(self.template) % values)


def _agreeing(text: str) -> str:
    if _language != "ko":  # and the help in English loads nothing more than this module
        return text
    from workflow.korean_particles import MARKERS, attach

    if not MARKERS.search(text):
        return text
    agreeing = _AgreeingText(attach(text))
    agreeing.template = text
    return agreeing


def N_(message: str) -> str:
    """Marks a string for the catalog without translating it (translate it where it is shown)."""
    return message


class LazyText:
    """A message translated into the current language each time it is turned into text."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return str(_(self.message))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"


def lazy_gettext(message: str) -> LazyText:
    return LazyText(message)


def retranslate(text: str, messages: tuple[str, ...]) -> str:
    """Text formatted in English from one of `messages` (a note stored in English, a library's own
    words), in the current language; text made from none of them is returned as it is."""
    if _language == SOURCE_LANGUAGE:
        return text
    from glossaries.i18n import retranslate as in_language

    return in_language(text, messages, _)


def language() -> str:
    return _language


def normalize(code: str | None) -> str | None:
    """'ko_KR.UTF-8', 'ko-KR' and 'KO' are all 'ko'; None for C/POSIX, empty or unsupported codes."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def environment_locale() -> str | None:
    """The locale the environment asks for (LC_ALL, else LC_MESSAGES, else LANG), as POSIX sets it."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return value
    return None


def choose(explicit: str | None = None) -> str:
    """--lang, else $TANDEM_LANG, else the locale, else English."""
    for candidate in (explicit, os.environ.get("TANDEM_LANG"), environment_locale()):
        code = normalize(candidate)
        if code:
            return code
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Switch every later lookup to `code` (unsupported codes fall back to English); returns it."""
    global _current, _language, _format_locale
    language_code = normalize(code) or SOURCE_LANGUAGE
    _current = _translation(language_code)
    _language = language_code
    if language_code != SOURCE_LANGUAGE:
        from glossaries.i18n import use_translator

        use_translator(_)
    # Dates and numbers follow the environment's region when it speaks the same language (en_GB
    # keeps day-month order), else the language's usual region.
    env = environment_locale()
    region = env.split(".")[0].split("@")[0].replace("-", "_") if env else ""
    _format_locale = region if normalize(region) == language_code and "_" in region else _FORMAT_DEFAULTS[language_code]
    return language_code


@contextmanager
def using(code: str) -> Iterator[str]:
    """The language `code` inside the block, the previous one after it (tests, one-off output)."""
    previous = _language
    try:
        yield set_language(code)
    finally:
        set_language(previous)


def _translation(code: str) -> _gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    if code not in _translations:
        _translations[code] = _load(code)
    return _translations[code]


def _load(code: str) -> _gettext.NullTranslations:
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists():
        with mo.open("rb") as handle:
            compiled = _gettext.GNUTranslations(handle)
        if not po.exists() or compiled.gettext(SOURCE_KEY) == hashlib.sha256(po.read_bytes()).hexdigest():
            return compiled
    if po.exists():
        return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    return _gettext.NullTranslations()


def compile_po(po: Path) -> bytes:
    """The .mo bytes for a .po file (fuzzy entries left out, as msgfmt does), naming the .po's hash."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    data = po.read_bytes()
    catalog = read_po(io.BytesIO(data))
    catalog.add(SOURCE_KEY, hashlib.sha256(data).hexdigest())
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


# Formatting: babel, imported on first use.

def format_locale() -> str:
    """The babel locale dates and numbers are written in, and read back in (a date typed as shown)."""
    return _format_locale


def format_number(value: int | float | Decimal, digits: int | None = None) -> str:
    """A count or quantity with the locale's grouping and decimal sign; `digits` fixes decimals."""
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(value, locale=_format_locale)
    return format_decimal(value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=_format_locale)


def format_percent(share: float, digits: int = 0) -> str:
    from babel.numbers import format_percent as babel_percent

    return babel_percent(share, format=f"#,##0.{'0' * digits}%" if digits else None, locale=_format_locale)


def format_datetime(moment: datetime | str, width: str = "short", tz=None) -> str:
    """A moment (a datetime or a stored ISO 8601 stamp) in the reader's time zone and locale.

    Text that is not a timestamp comes back unchanged: a display never fails over a date.
    """
    from datetime import datetime

    from babel.dates import format_datetime as babel_datetime

    if isinstance(moment, str):
        text = moment
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(tz)
    return babel_datetime(local, format=width, tzinfo=local.tzinfo, locale=_format_locale)


def format_time(moment: datetime, width: str = "medium") -> str:
    from babel.dates import format_time as babel_time

    return babel_time(moment, format=width, locale=_format_locale)


def format_timedelta(seconds: float, width: Literal["narrow", "short", "medium", "long"] = "short") -> str:
    """A span of time, rounded to its largest unit as people say it ("2 hr", "2시간"): how late
    something is, how long until it is due."""
    from datetime import timedelta

    from babel.dates import format_timedelta as babel_timedelta

    return babel_timedelta(timedelta(seconds=abs(seconds)), format=width, threshold=1.5,
                           locale=_format_locale)
