"""The Korean interface: a complete catalog, the language chosen by --lang or the environment, and
dates and numbers formatted for the locale.

The catalog test extracts the message ids from the source with babel, as scripts/catalogs.py does,
so a string marked after the last catalog update fails here until someone runs that script and
translates what it added.
"""

from __future__ import annotations

import re
import shutil
import string
from datetime import datetime, UTC
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import DRAFT, KO, ROOT
from workflow import i18n

KO_PO = ROOT / "workflow" / "locale" / "ko" / "LC_MESSAGES" / "tandem.po"
POT = ROOT / "workflow" / "locale" / "tandem.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "lazy_gettext": None}
# Korean date, short form: "26. 11. 29. 오후 9:05".
KOREAN_SHORT_DATE = re.compile(r"\d{2}\. \d{1,2}\. \d{1,2}\. (오전|오후) \d{1,2}:\d{2}")


def _source_ids() -> set:
    try:
        from babel.messages.frontend import parse_mapping_cfg
    except ImportError:  # babel before 2.14
        from babel.messages.frontend import parse_mapping as parse_mapping_cfg

    # The files scripts/catalogs.py extracts from: babel.cfg's mapping.
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options_map, keywords=KEYWORDS
    ):
        ids.add(message if isinstance(message, str) else tuple(message))
    return ids


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _key(message) -> str | tuple:
    return message.id if isinstance(message.id, str) else tuple(message.id)


@pytest.fixture(scope="module")
def source_ids() -> set:
    ids = _source_ids()
    assert len(ids) > 300  # the extraction found the marked strings, not an empty tree
    return ids


def test_the_korean_catalog_has_every_message_of_the_source_translated(source_ids):
    catalog = _catalog(KO_PO)
    entries = {_key(m): m for m in catalog if m.id}
    missing = source_ids - entries.keys()
    obsolete = entries.keys() - source_ids
    fuzzy = [k for k, m in entries.items() if m.fuzzy]
    untranslated = [k for k, m in entries.items()
                    if not all(m.string if isinstance(m.string, (tuple, list)) else [m.string])]
    hint = "run `python scripts/catalogs.py`, then translate the new entries in " + str(KO_PO.relative_to(ROOT))
    assert not missing, f"not in the Korean catalog ({hint}): {sorted(map(str, missing))[:20]}"
    assert not obsolete, f"no longer in the source ({hint}): {sorted(map(str, obsolete))[:20]}"
    assert not fuzzy, f"fuzzy entries: {fuzzy[:20]}"
    assert not untranslated, f"untranslated entries: {untranslated[:20]}"


def test_no_message_is_marked_inside_an_f_string():
    """babel reads an f-string as one literal, so a `_()` inside one never reaches the catalog."""
    import io
    import tokenize

    hidden = []
    for folder in ("cli", "tui", "workflow", "glossaries"):
        for path in (ROOT / folder).rglob("*.py"):
            tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
            for token in tokens:
                prefix = re.match(r"[A-Za-z]*", token.string).group().lower()
                if token.type == tokenize.STRING and "f" in prefix and re.search(
                        r"\{(_|N_|ngettext|lazy_gettext)\(\s*['\"]", token.string):
                    hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert not hidden, hidden


def test_the_template_matches_the_source(source_ids):
    template = {_key(m) for m in _catalog(POT) if m.id}
    assert template == source_ids, "the .pot is stale: run `python scripts/catalogs.py`"


def _placeholders(text: str) -> list[str]:
    names = [field for _literal, field, _spec, _conv in string.Formatter().parse(text) if field is not None]
    percent = re.findall(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[sdrif%]", text)
    return sorted(names + [p or "%" for p in percent if p != "%"])


def test_every_translation_keeps_the_placeholders_of_its_message():
    broken = []
    for message in _catalog(KO_PO):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = _placeholders(ids[-1])  # the plural form names what every translation may use
        for translated in strings:
            # A Korean plural has one form, which may leave out the count a singular spells out.
            if set(_placeholders(translated)) - set(wanted) or (
                isinstance(message.id, str) and _placeholders(translated) != wanted
            ):
                broken.append((ids[0], translated))
    assert not broken, broken[:10]


def test_the_catalog_compiles_and_answers_in_korean(tmp_path, monkeypatch):
    # Only the .po, as an editable checkout has after `git pull`: it is compiled in memory.
    folder = tmp_path / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(KO_PO, folder / "tandem.po")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_translations", {})
    label = i18n.lazy_gettext("Save")  # made at import time, translated when shown
    with i18n.using("ko"):
        assert i18n._("Save") == "저장"
        assert i18n.ngettext("{count} segment", "{count} segments", 3).format(count=3) == "세그먼트 3개"
        assert str(label) == "저장" and f"[{label}]" == "[저장]"
    assert i18n._("Save") == "Save" and str(label) == "Save"


@pytest.mark.parametrize(("explicit", "env", "expected"), [
    (None, {}, "en"),
    (None, {"LANG": "ko_KR.UTF-8"}, "ko"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
    (None, {"LC_MESSAGES": "ko_KR", "LANG": "en_US.UTF-8"}, "ko"),
    (None, {"TANDEM_LANG": "en", "LANG": "ko_KR.UTF-8"}, "en"),
    (None, {"TANDEM_LANG": "ko"}, "ko"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),
    ("en", {"TANDEM_LANG": "ko", "LANG": "ko_KR.UTF-8"}, "en"),
    ("ko", {}, "ko"),
])
def test_the_language_is_the_option_else_tandem_lang_else_the_locale(monkeypatch, explicit, env, expected):
    for name in ("TANDEM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.choose(explicit) == expected


def test_dates_and_numbers_follow_the_locale(monkeypatch):
    moment = datetime(2026, 3, 4, 15, 5, tzinfo=UTC)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    with i18n.using("en"):
        british = i18n.format_datetime(moment, tz=UTC)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with i18n.using("en"):
        american = i18n.format_datetime(moment, tz=UTC)
        assert i18n.format_number(1234567.5) == "1,234,567.5"
    with i18n.using("ko"):
        korean = i18n.format_datetime(moment, tz=UTC)
        assert i18n.format_number(1234567) == "1,234,567"
        assert i18n.format_percent(0.256, 1) == "25.6%"
    assert british.startswith("04/03/2026")  # day first
    assert american.startswith("3/4/26")  # month first
    assert KOREAN_SHORT_DATE.fullmatch(korean) and "오후 3:05" in korean
    # A stored stamp that is not a date is shown as it is rather than failing the screen.
    assert i18n.format_datetime("not a date") == "not a date"


@pytest.fixture
def imported(tandem):
    assert tandem("users", "add", "david", "--role", "translator").code == 0
    run = tandem("import", str(KO), "--english", str(DRAFT), user="david")
    assert run.code == 0, run.err
    return run.out.splitlines()[0]


def test_docs_in_korean_has_korean_labels_and_dates(tandem, imported):
    korean = tandem("--lang", "ko", "docs")
    english = tandem("docs")
    assert korean.code == 0 and english.code == 0
    assert "제목" in korean.out and "진행 상황" in korean.out and "초안" in korean.out
    assert "TITLE" in english.out and "draft" in english.out
    assert KOREAN_SHORT_DATE.search(korean.out), korean.out
    assert not KOREAN_SHORT_DATE.search(english.out)
    # After the command, like --db and --as.
    assert tandem("docs", "--lang", "ko").out == korean.out


def test_errors_are_in_korean(tandem, imported):
    missing = tandem("--lang", "ko", "show", "99")
    assert missing.code == 2
    assert missing.err.startswith("tandem: 오류: ") and "문서 99" in missing.err
    assert "no document" not in missing.err
    usage = tandem("--lang", "ko", "show")  # argparse's own words
    assert usage.code == 2 and "사용법:" in usage.err and "다음 인자가 필요합니다" in usage.err
    refused = tandem("--lang", "ko", "approve", imported, "1", user="david")  # a translator approving
    assert refused.code == 2 and "편집자" in refused.err, refused.err


def test_an_unknown_language_is_refused_by_name(tandem):
    run = tandem("--lang", "fr", "docs")
    assert run.code == 2 and "--lang" in run.err and "'fr'" in run.err


def test_help_in_korean_loads_neither_the_tui_nor_babel_when_the_catalog_is_compiled(tmp_path):
    import json
    import subprocess
    import sys

    code = ("import sys, json, main\ntry:\n    main.main(['--lang', 'ko', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)))")
    import gettext
    import hashlib

    mo = KO_PO.with_suffix(".mo")
    compiled = None
    if mo.exists():
        with mo.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
    if compiled is None or compiled.gettext(i18n.SOURCE_KEY) != hashlib.sha256(KO_PO.read_bytes()).hexdigest():
        # Build it as setup.py does (a .po edited since the install leaves the .mo behind), so the
        # test always measures the compiled path instead of skipping it.
        mo.write_bytes(i18n.compile_po(KO_PO))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    lines = done.stdout.splitlines()
    assert "사용법:" in done.stdout
    loaded = set(json.loads(lines[-1]))
    assert not {m for m in loaded if m.split(".")[0] in {"babel", "textual", "tui"}}
