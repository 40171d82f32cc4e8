"""A Tandem-shaped bilingual file (Korean article, every state, notes, codes, kinds) for the XLIFF
reader/writer tests."""

from __future__ import annotations

import dataclasses

import pytest

from workflow.interchange.inline import NS12, NS20, NS22
from workflow.interchange.model import TO_XLIFF2, TO_XLIFF12, BilingualFile, InlineCode, Note, Unit
from workflow.models import SegmentKind, SegmentState


def use_official_schemas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The official schemas ship inside the package (workflow/interchange/xsd) and are always used;
    kept so the tests that name their reliance on them still say so."""


def _codes12() -> tuple[list[InlineCode], str, str]:
    codes = [
        InlineCode("⟦1⟧", "open", f'<g xmlns="{NS12}" id="b1" ctype="bold"/>', "bold"),
        InlineCode("⟦2/⟧", "standalone", f'<ph xmlns="{NS12}" id="p1">&lt;br/&gt;</ph>', "<br/>"),
        InlineCode("⟦/1⟧", "close", f'<g xmlns="{NS12}" id="b1" ctype="bold"/>', "bold"),
        InlineCode("⟦3⟧", "open", f'<bpt xmlns="{NS12}" id="i1">&lt;i&gt;</bpt>', "<i>"),
        InlineCode("⟦/3⟧", "close", f'<ept xmlns="{NS12}" id="i1">&lt;/i&gt;</ept>', "</i>"),
    ]
    return codes, "⟦1⟧노동자⟦2/⟧ 파견⟦/1⟧ & ⟦3⟧<외화벌이>⟦/3⟧", "⟦1⟧Workers⟦2/⟧ sent⟦/1⟧ & ⟦3⟧<currency earning>⟦/3⟧"


def _codes2(ns: str) -> tuple[list[InlineCode], str, str]:
    codes = [
        InlineCode("⟦1⟧", "open", f'<pc xmlns="{ns}" id="1" dataRefStart="d1" dataRefEnd="d2"/>', "<b>"),
        InlineCode("⟦2/⟧", "standalone", f'<ph xmlns="{ns}" id="2" dataRef="d3"/>', "{0}"),
        InlineCode("⟦/1⟧", "close", f'<pc xmlns="{ns}" id="1" dataRefStart="d1" dataRefEnd="d2"/>', "</b>"),
        InlineCode("⟦3⟧", "open", f'<sc xmlns="{ns}" id="3" dataRef="d4"/>', '<a href="x?a=1&b=2">'),
        InlineCode("⟦/3⟧", "close", f'<ec xmlns="{ns}" startRef="3" dataRef="d5"/>', "</a>"),
    ]
    return codes, "⟦1⟧노동자⟦2/⟧ 파견⟦/1⟧ & ⟦3⟧<외화벌이>⟦/3⟧", "⟦1⟧Workers⟦2/⟧ sent⟦/1⟧ & ⟦3⟧<currency earning>⟦/3⟧"


def tandem_doc(fmt: str, version: str | None = None) -> BilingualFile:
    """What a desk's article looks like on its way to an agency: codes native to the format."""
    version = version or ("1.2" if fmt == "xliff12" else "2.1")
    codes, ko, en = _codes12() if fmt == "xliff12" else _codes2(NS22 if version == "2.2" else NS20)
    units = [
        Unit("t1", "러시아 파견 북한 노동자", "North Korean workers in Russia", SegmentState.APPROVED,
             SegmentKind.TITLE, author="Robert Lee"),
        Unit("h1", "건설 현장의 \"보위지도원\"", None, SegmentState.EMPTY, SegmentKind.HEADING),
        Unit("p1", ko, en, SegmentState.TRANSLATED, codes=codes, author="김민지",
             notes=[Note("보위지도원 = security guidance officer", "민지", "source"),
                    Note("Is the number from 2016?", "Robert Lee", "target"),
                    Note("house style: <b> for names & titles", None)]),
        Unit("p2", "새벽 5시에 일을 시작한다.", "They start work at 5 a.m.", SegmentState.DRAFT, author="김민지"),
        Unit("p3", "하루 12시간 일한다.", "They work 12 hours a day", SegmentState.REJECTED,
             notes=[Note("Missing the full stop; check the hours.", "Robert Lee")], author="김민지"),
        Unit("c1", "사진: 연합뉴스", "", SegmentState.EMPTY, SegmentKind.CAPTION),
    ]
    if fmt == "xliff2":
        units[2].notes[2] = Note("house style: <b> for names & titles", None, None, "style")
    return BilingualFile(fmt, version, "ko-KR", "en-US", "nk-workers-russia.docx", units,
                         title="러시아 파견 북한 노동자 & <현장>")


def written_state(unit: Unit, fmt: str) -> str | None:
    """The state attribute a writer puts out for a unit whose file had none of its own."""
    if fmt == "xliff12":
        return TO_XLIFF12[unit.state] if unit.target is not None else None
    return TO_XLIFF2[unit.state]


def as_read_back(doc: BilingualFile, fmt: str) -> BilingualFile:
    """The document as reading the written file must give it: the file's own state is what was
    written; XLIFF 1.2 notes have no category."""
    units = []
    for unit in doc.units:
        notes = unit.notes if fmt == "xliff2" else [dataclasses.replace(n, category=None) for n in unit.notes]
        units.append(dataclasses.replace(unit, notes=notes, file_state=unit.file_state or written_state(unit, fmt)))
    return dataclasses.replace(doc, units=units)
