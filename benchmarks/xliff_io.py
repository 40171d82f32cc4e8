"""XLIFF read and write time: a 5,000-unit Korean-English document with inline codes and notes,
written as XLIFF 1.2 and 2.1 and read back through read_bilingual, against lxml merely parsing and
serializing the same bytes (the floor any reader stands on). Reading includes validation: Tandem's own
rules and the official schemas Tandem ships (workflow/interchange/xsd), compiled before timing.

Run: python benchmarks/xliff_io.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from workflow.interchange.inline import NS20  # noqa: E402
from workflow.interchange.model import BilingualFile, InlineCode, Note, Unit  # noqa: E402
from workflow.interchange.reader import read_bilingual  # noqa: E402
from workflow.interchange.xliff12 import write_xliff12  # noqa: E402
from workflow.interchange.xliff2 import write_xliff2  # noqa: E402
from workflow.models import SegmentState  # noqa: E402
from timing import median_seconds

UNITS = 5000


def _document() -> BilingualFile:
    states = list(SegmentState)
    units = []
    for n in range(UNITS):
        codes = [InlineCode("⟦1⟧", "open", f'<pc xmlns="{NS20}" id="1" dataRefStart="a" dataRefEnd="b"/>', "<b>"),
                 InlineCode("⟦/1⟧", "close", f'<pc xmlns="{NS20}" id="1" dataRefStart="a" dataRefEnd="b"/>', "</b>"),
                 InlineCode("⟦2/⟧", "standalone", f'<ph xmlns="{NS20}" id="2" dataRef="c"/>', "{0}")]
        state = states[n % len(states)]
        target = None if state == SegmentState.EMPTY else f"⟦1⟧North Korean workers⟦/1⟧ in Russia, {n} ⟦2/⟧ & more"
        units.append(Unit(f"u{n}", f"⟦1⟧러시아 파견⟦/1⟧ 북한 노동자 {n}명 ⟦2/⟧ & <보위지도원>", target, state,
                          notes=[Note("보위지도원 = security officer", "김민지", "source")] if n % 5 == 0 else [],
                          codes=codes, author="Robert Lee" if target else None))
    return BilingualFile("xliff2", "2.1", "ko", "en", "bench.docx", units, title="벤치마크")


def _median(function, repeat: int = 5) -> float:
    return median_seconds(function, repeat)


def main() -> None:
    doc = _document()
    print(f"{UNITS:,} units, 3 codes each; reading validates with the official schemas")
    for name, write in (("XLIFF 1.2", write_xliff12), ("XLIFF 2.1", lambda d: write_xliff2(d, "2.1"))):
        data = write(doc)
        written = _median(lambda: write(doc))
        read = _median(lambda: read_bilingual(data, "bench.xlf"))
        floor = _median(lambda: etree.tostring(etree.fromstring(data)))
        print(f"{name}: {len(data) / 1e6:.1f} MB; write {written * 1000:.0f} ms, read {read * 1000:.0f} ms "
              f"({read / UNITS * 1e6:.0f} µs/unit); lxml parse+serialize alone {floor * 1000:.0f} ms "
              f"(read = {read / floor:.0f}x, write = {written / floor:.0f}x)")


if __name__ == "__main__":
    main()
