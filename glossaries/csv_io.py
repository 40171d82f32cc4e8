"""Glossary CSV import and export (the columns of workflow/demo/glossary-nk-news.csv).

Import is all-or-nothing: a desk that loads half a glossary without noticing checks against the
wrong rules, so the first bad row refuses the whole file and says where it is.

Export neutralises cells a spreadsheet would run as a formula (OWASP's CSV injection guidance: a
cell starting with = + - @, a tab or a carriage return): such a cell is written with a single quote
before it, which spreadsheets show as text. Import takes that quote off again where it stands
before what export would have quoted, so a glossary exported and imported comes back as it was.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from glossaries.controls import describe, find_control
from glossaries.errors import GlossaryFileError
from glossaries.i18n import _
from glossaries.model import Term, TermStatus

COLUMNS = ("ko", "en", "ko_variants", "en_variants", "en_forbidden", "pos", "domain", "note")
EXTRA_COLUMNS = ("status", "case_sensitive", "one_rendering")
_FLAGS = ("case_sensitive", "one_rendering")
_LISTS = ("ko_variants", "en_variants", "en_forbidden")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_STATUSES = frozenset(s.value for s in TermStatus)
_BOOLS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False, "": False}


def read_csv(path: str | Path) -> list[Term]:
    path = Path(path)
    return parse_csv(path.read_bytes(), source=str(path))


def parse_csv(data: bytes, source: str = "CSV data") -> list[Term]:
    """Every term of the file, NFC-normalized, or GlossaryFileError naming the first fault."""
    rows = csv.reader(io.StringIO(_decode(data, source), newline=""))
    header: list[str] | None = None
    terms: list[Term] = []
    first_seen: dict[str, int] = {}
    end = 0
    try:
        for row in rows:
            line, end = end + 1, rows.line_num  # a quoted field may span lines: report where it starts
            if not any(cell.strip() for cell in row):
                continue  # blank lines and Excel's trailing ",,,,," rows
            if header is None:
                header = _header(row, source, line)
                continue
            term = _term(row, header, source, line)
            if term.ko in first_seen:
                raise GlossaryFileError(source, _("Korean term {ko!r} appears twice, on lines {first} and {line}").format(
                    ko=term.ko, first=first_seen[term.ko], line=line), _("line {line}").format(line=line))
            first_seen[term.ko] = line
            terms.append(term)
    except csv.Error as exc:
        raise GlossaryFileError(source, _("unreadable CSV: {problem}").format(problem=exc),
                                _("line {line}").format(line=rows.line_num)) from None
    if header is None:
        raise GlossaryFileError(source, _("the file is empty; expected a header row such as {header}").format(
            header=",".join(COLUMNS)))
    if not terms:
        raise GlossaryFileError(source, _("the file has a header but no terms"))
    return terms


def write_csv(terms: list[Term]) -> str:
    """CSV text with every column; encode it as UTF-8 (with BOM if Excel is to open it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS + EXTRA_COLUMNS)
    for term in terms:
        for name in _LISTS:
            if any("|" in value for value in getattr(term, name)):
                raise GlossaryFileError(_("CSV export"), _("a {field} entry of {ko!r} contains '|', which the CSV "
                                                           "format uses between variants").format(field=name, ko=term.ko))
        writer.writerow([neutralised(cell) for cell in (
            term.ko, term.en, *("|".join(getattr(term, n)) for n in _LISTS), term.pos, term.domain, term.note)]
            + [term.status.value, *("true" if getattr(term, name) else "false" for name in _FLAGS)])
    return out.getvalue()


def _formula_like(cell: str) -> bool:
    """Whether export quotes the cell: it starts, after any quotes of its own, as a formula does."""
    return cell.lstrip("'").startswith(FORMULA_STARTS)


def neutralised(cell: str) -> str:
    """The cell as export writes it: '=HYPERLINK(...) for =HYPERLINK(...), ''=x for '=x."""
    return "'" + cell if _formula_like(cell) else cell


def restored(cell: str) -> str:
    """The cell as import reads it: the quote export put before a formula-like cell taken off."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell[1:]) else cell


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GlossaryFileError(source, _("the file is UTF-16; save it as 'CSV UTF-8' instead"))
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise GlossaryFileError(source, _("the file contains NUL bytes: it is binary (a spreadsheet such as "
                                          ".xlsx?), not CSV text"), _("line {line}").format(line=line))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp949")  # what Korean Excel writes for plain "CSV"
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, exc.start) + 1
            raise GlossaryFileError(source, _("the file is neither UTF-8 nor CP949 text"),
                                    _("line {line}").format(line=line)) from None
    return unicodedata.normalize("NFC", text)


def _header(row: list[str], source: str, line: int) -> list[str]:
    names = [cell.strip().lower() for cell in row]
    known = COLUMNS + EXTRA_COLUMNS
    for name in ("ko", "en"):
        if name not in names:
            raise GlossaryFileError(source, _("the header has no {column!r} column (columns: {known})").format(
                column=name, known=",".join(known)), _("line {line}").format(line=line))
    unknown = [n for n in names if n not in known]
    if unknown:  # a misspelt column would otherwise drop its data silently
        raise GlossaryFileError(source, _("unknown column {column!r} (known: {known})").format(
            column=unknown[0], known=",".join(known)), _("line {line}").format(line=line))
    repeated = [n for n in names if names.count(n) > 1]
    if repeated:
        raise GlossaryFileError(source, _("column {column!r} appears twice").format(column=repeated[0]),
                                _("line {line}").format(line=line))
    return names


def _term(row: list[str], header: list[str], source: str, line: int) -> Term:
    where = _("line {line}").format(line=line)
    if len(row) != len(header):
        raise GlossaryFileError(source, _("expected {expected} fields, found {found}").format(
            expected=len(header), found=len(row)), where)
    # One search over the row; only a row that holds a control character is searched cell by cell
    # to name the column. Joined by a space, so that no CR LF forms across two cells.
    if find_control(" ".join(row).replace("\r\n", "\n")):
        _refuse_control(row, header, source, where)
    cells = dict(zip(header, (restored(cell.strip()) for cell in row)))
    for name in ("ko", "en"):
        if not cells[name]:
            raise GlossaryFileError(source, _("the {column!r} field is empty").format(column=name), where)
    status = cells.get("status", "").lower() or TermStatus.APPROVED.value
    if status not in _STATUSES:
        raise GlossaryFileError(source, _("unknown status {status!r} (allowed: {allowed})").format(
            status=cells["status"], allowed=", ".join(s.value for s in TermStatus)), where)
    flags: dict[str, bool] = {}
    for name in _FLAGS:
        flag = cells.get(name, "").lower()
        if flag not in _BOOLS:
            raise GlossaryFileError(source, _("{column} must be true/false/yes/no/1/0, not {value!r}").format(
                column=name, value=cells[name]), where)
        flags[name] = _BOOLS[flag]

    def listed(name: str) -> tuple[str, ...]:
        # An empty cell is no variants, so that normalizing an ordinary row changes nothing.
        cell = cells.get(name, "")
        return tuple(cell.split("|")) if cell else ()

    return Term(ko=cells["ko"], en=cells["en"], ko_variants=listed("ko_variants"),
                en_variants=listed("en_variants"), en_forbidden=listed("en_forbidden"), pos=cells.get("pos", ""),
                domain=cells.get("domain", ""), note=cells.get("note", ""),
                status=TermStatus(status), case_sensitive=flags["case_sensitive"],
                one_rendering=flags["one_rendering"]).normalized()


def _refuse_control(row: list[str], header: list[str], source: str, where: str) -> None:
    for name, cell in zip(header, row):
        found = find_control(cell.replace("\r\n", "\n"))
        if found:
            raise GlossaryFileError(source, _("the {column!r} field holds the control character {char}; Tandem does "
                                              "not take terminal control characters in text").format(
                column=name, char=describe(found.group())), where)
