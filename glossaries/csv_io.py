"""Glossary CSV import and export (the columns of workflow/demo/glossary-nk-news.csv).

Import is all-or-nothing: a desk that loads half a glossary without noticing checks against the
wrong rules, so the first bad row refuses the whole file and says where it is.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from glossaries.errors import GlossaryFileError
from glossaries.model import Term, TermStatus

COLUMNS = ("ko", "en", "ko_variants", "en_variants", "en_forbidden", "pos", "domain", "note")
EXTRA_COLUMNS = ("status", "case_sensitive")
_LISTS = ("ko_variants", "en_variants", "en_forbidden")
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
                raise GlossaryFileError(source, f"Korean term {term.ko!r} appears twice, on lines "
                                        f"{first_seen[term.ko]} and {line}", f"line {line}")
            first_seen[term.ko] = line
            terms.append(term)
    except csv.Error as exc:
        raise GlossaryFileError(source, f"unreadable CSV: {exc}", f"line {rows.line_num}") from None
    if header is None:
        raise GlossaryFileError(source, "the file is empty; expected a header row such as "
                                + ",".join(COLUMNS))
    if not terms:
        raise GlossaryFileError(source, "the file has a header but no terms")
    return terms


def write_csv(terms: list[Term]) -> str:
    """CSV text with every column; encode it as UTF-8 (with BOM if Excel is to open it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS + EXTRA_COLUMNS)
    for term in terms:
        for name in _LISTS:
            if any("|" in value for value in getattr(term, name)):
                raise GlossaryFileError("CSV export", f"a {name} entry of {term.ko!r} contains '|', "
                                        "which the CSV format uses between variants")
        writer.writerow([term.ko, term.en, *("|".join(getattr(term, n)) for n in _LISTS),
                         term.pos, term.domain, term.note, term.status.value,
                         "true" if term.case_sensitive else "false"])
    return out.getvalue()


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GlossaryFileError(source, "the file is UTF-16; save it as 'CSV UTF-8' instead")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise GlossaryFileError(source, "the file contains NUL bytes: it is binary (a spreadsheet "
                                "such as .xlsx?), not CSV text", f"line {line}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp949")  # what Korean Excel writes for plain "CSV"
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, exc.start) + 1
            raise GlossaryFileError(source, "the file is neither UTF-8 nor CP949 text",
                                    f"line {line}") from None
    return unicodedata.normalize("NFC", text)


def _header(row: list[str], source: str, line: int) -> list[str]:
    names = [cell.strip().lower() for cell in row]
    known = COLUMNS + EXTRA_COLUMNS
    for name in ("ko", "en"):
        if name not in names:
            raise GlossaryFileError(source, f"the header has no {name!r} column (columns: "
                                    + ",".join(known) + ")", f"line {line}")
    unknown = [n for n in names if n not in known]
    if unknown:  # a misspelt column would otherwise drop its data silently
        raise GlossaryFileError(source, f"unknown column {unknown[0]!r} (known: {','.join(known)})",
                                f"line {line}")
    repeated = [n for n in names if names.count(n) > 1]
    if repeated:
        raise GlossaryFileError(source, f"column {repeated[0]!r} appears twice", f"line {line}")
    return names


def _term(row: list[str], header: list[str], source: str, line: int) -> Term:
    where = f"line {line}"
    if len(row) != len(header):
        raise GlossaryFileError(source, f"expected {len(header)} fields, found {len(row)}", where)
    cells = dict(zip(header, (cell.strip() for cell in row)))
    for name in ("ko", "en"):
        if not cells[name]:
            raise GlossaryFileError(source, f"the {name!r} field is empty", where)
    status = cells.get("status", "").lower() or TermStatus.APPROVED.value
    if status not in {s.value for s in TermStatus}:
        raise GlossaryFileError(source, f"unknown status {cells['status']!r} (allowed: "
                                + ", ".join(s.value for s in TermStatus) + ")", where)
    flag = cells.get("case_sensitive", "").lower()
    if flag not in _BOOLS:
        raise GlossaryFileError(source, f"case_sensitive must be true/false/yes/no/1/0, not "
                                f"{cells['case_sensitive']!r}", where)
    lists = {n: tuple(cells.get(n, "").split("|")) for n in _LISTS}
    return Term(ko=cells["ko"], en=cells["en"], **lists, pos=cells.get("pos", ""),
                domain=cells.get("domain", ""), note=cells.get("note", ""),
                status=TermStatus(status), case_sensitive=_BOOLS[flag]).normalized()
