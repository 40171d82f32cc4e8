"""Is this file valid, and if not, where and why: without importing or writing anything.

The kind comes from the content (sniff.py). Each kind is judged by what Tandem would read it with:
XLIFF by the very verdict import uses (reader.judge_xliff: the shipped official schemas and
Tandem's rules, every problem an error or a warning), TMX, TBX and CSV by their readers, text by
the article importer. An error makes the file invalid (import would refuse it); a warning is listed
and leaves it valid (import accepts it, naming the rule); a file that cannot be read at all is
unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workflow.errors import InputError
from workflow.i18n import _, ngettext
from workflow.interchange.problems import ERROR, Problem, problem_from
from workflow.interchange.sniff import Sniffed, sniff_file

__all__ = ["Report", "problem_from", "validate_path"]

_ELEMENT = re.compile(r"<([\w:.-]+)>")


@dataclass
class Report:
    path: str
    kind: str | None = None
    read_as: str | None = None
    problems: list[Problem] = field(default_factory=list)  # errors and accepted (warning) problems
    warnings: list[str] = field(default_factory=list)
    readable: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def valid(self) -> bool:
        return self.readable and not self.errors

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1 if self.readable else 2

    def to_json(self) -> dict[str, Any]:
        return {"file": self.path, "kind": self.kind, "read_as": self.read_as, "valid": self.valid,
                "readable": self.readable,
                "problems": [{"rule": p.rule, "severity": p.severity, "line": p.line, "element": p.element or None,
                              "message": p.message} for p in self.problems],
                "warnings": list(self.warnings)}


def validate_path(path: Path | str) -> Report:
    report = Report(str(path))
    try:
        data, sniffed = sniff_file(path)
    except InputError as exc:
        report.readable = False
        report.problems.append(Problem("unreadable", exc.problem, None, ""))
        return report
    report.kind, report.read_as = sniffed.kind, sniffed.label
    try:
        if sniffed.kind in ("tmx", "tbx"):  # what the XML's encoding declaration got wrong, if anything
            from workflow.interchange.xmlsafe import parse_xml_report

            report.warnings.extend(parse_xml_report(data, str(path), sniffed.label)[1])
        _CHECKS[sniffed.kind](report, data, sniffed, Path(path))
    except InputError as exc:
        report.problems.append(problem_from(exc))
    return report


def _xliff(report: Report, data: bytes, sniffed: Sniffed, path: Path) -> None:
    """Every problem of the XLIFF file, as import judges it (import names only the first few)."""
    from workflow.interchange.reader import judge_xliff

    verdict = judge_xliff(data, str(path))
    report.problems.extend(verdict.problems)
    report.warnings.extend(w for w in verdict.notes if w not in report.warnings)
    if verdict.doc is not None:
        report.warnings.extend(w for w in verdict.doc.warnings if w not in report.warnings)


def _tmx(report: Report, data: bytes, sniffed: Sniffed, path: Path) -> None:
    from workflow.tmx import language, read_tmx

    tmx = read_tmx(data, str(path))
    languages = {language(code) for unit in tmx.units for code in unit.texts}
    if not {"ko", "en"} <= languages:
        report.warnings.append(_("no Korean/English pairs to import (languages: {languages})").format(
            languages=", ".join(sorted(languages)) or _("none")))


def _glossary(report: Report, data: bytes, sniffed: Sniffed, path: Path) -> None:
    from glossaries.errors import GlossaryFileError

    try:
        if sniffed.kind == "tbx":
            from glossaries.tbx import parse_tbx

            found = parse_tbx(data, str(path))
            # Concepts merged for sharing a Korean term, as import will; the encoding's warnings are in already.
            report.warnings.extend(w for w in found.warnings if w not in report.warnings)
            if found.skipped:
                report.warnings.append(ngettext(
                    "{count} concept lacks Korean or usable English and would be skipped",
                    "{count} concepts lack Korean or usable English and would be skipped", found.skipped).format(
                    count=found.skipped))
        else:
            from glossaries.csv_io import parse_csv

            parse_csv(data, str(path))
    except GlossaryFileError as exc:
        line = re.search(r"(\d+)", exc.where or "")  # "line 7", "element x at line 7", or as translated
        element = _ELEMENT.search(f"{exc.where or ''} {exc.problem}")
        report.problems.append(Problem("reader", exc.problem, int(line.group(1)) if line else None,
                                       element.group(1) if element else ""))


def _text(report: Report, data: bytes, sniffed: Sniffed, path: Path) -> None:
    from workflow.importer import plan_import

    plan = plan_import(path)
    if plan.korean.encoding not in ("utf-8", "utf-16", "utf-32"):
        report.warnings.append(_("read as {encoding}; Tandem stores it as UTF-8").format(encoding=plan.korean.encoding))
    report.warnings.extend(plan.warnings)
    if sniffed.kind == "html":
        report.read_as = ngettext("HTML page ({count} block)", "HTML page ({count} blocks)",
                                  len(plan.segments)).format(count=len(plan.segments))
        return
    report.read_as = ngettext("Korean text ({count} block)", "Korean text ({count} blocks)", len(plan.segments)).format(
        count=len(plan.segments))


_CHECKS = {"xliff2": _xliff, "xliff12": _xliff, "tmx": _tmx, "tbx": _glossary, "csv": _glossary,
           "text": _text, "html": _text}
