"""XLIFF into and out of the workspace: a 5,000-unit document (notes, inline codes, varied states)
imported from XLIFF 2.1 bytes (sniff + read + one transaction) against a Markdown import of the same
Korean and English (the text importer, pairing 5,000 blocks one to one), and exported to XLIFF 1.2 and
2.1 (building the file from the workspace + writing) against a Markdown export. Also: sniffing a
20 MB file, which reads only its head, against merely reading its bytes.

Run: python benchmarks/workspace_interchange.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.export import export_article  # noqa: E402
from workflow.interchange import store_io  # noqa: E402
from workflow.interchange.model import BilingualFile, InlineCode, Note, Unit  # noqa: E402
from workflow.interchange.sniff import sniff  # noqa: E402
from workflow.models import SegmentState  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402
from timing import median_seconds

UNITS = 5000
STATES = [SegmentState.DRAFT, SegmentState.TRANSLATED, SegmentState.APPROVED, SegmentState.REJECTED]


def document() -> BilingualFile:
    units = []
    for n in range(1, UNITS + 1):
        codes = [InlineCode("⟦1⟧", "open", '<pc xmlns="urn:oasis:names:tc:xliff:document:2.0" id="1"/>', "b"),
                 InlineCode("⟦/1⟧", "close", "", "/b")]
        units.append(Unit(str(n), f"북한 노동자 {n}명이 ⟦1⟧러시아⟦/1⟧ 건설 현장에서 일하고 있다.",
                          f"{n} North Korean workers are at ⟦1⟧Russian⟦/1⟧ building sites.", STATES[n % 4],
                          notes=[Note(f"check figure {n}", "david")] if n % 10 == 0 else [], codes=codes,
                          author="david"))
    return BilingualFile("xliff2", "2.1", "ko", "en", "big.html", units, title="big")


def timed(function, repeat: int = 3) -> float:
    return median_seconds(function, repeat)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    with Workspace.open(folder / "w.db") as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], by="admin")
        stored = store_io.store_file(ws._store, document(), name="seed.xlf", checksum="seed", encoding="utf-8",
                                     tags=[], title=None, by="david")
        xliff = folder / "big.xlf"
        xliff.write_bytes(store_io.write_file(ws.files.bilingual_file(stored.document_id, "xliff2")))
        segments = ws.documents.segments(stored.document_id)
        korean, english = folder / "ko.md", folder / "en.md"
        korean.write_text("\n\n".join(s.source for s in segments) + "\n", encoding="utf-8")
        english.write_text(export_article(segments, "md").text, encoding="utf-8")

        xliff_in = timed(lambda: ws.files.import_bilingual(xliff, by="david"))
        text_in = timed(lambda: ws.files.import_document(korean, english, by="david"))
        out12 = timed(lambda: store_io.write_file(ws.files.bilingual_file(stored.document_id, "xliff12")))
        out2 = timed(lambda: store_io.write_file(ws.files.bilingual_file(stored.document_id, "xliff2")))
        md = timed(lambda: export_article(ws.documents.segments(stored.document_id), "md"))
    print(f"{UNITS:,} units, median of 3 runs")
    print(f"  import XLIFF 2.1 ({xliff.stat().st_size / 1e6:.1f} MB)  {xliff_in * 1000:8.0f} ms"
          f"   Markdown import of the same texts {text_in * 1000:8.0f} ms  ratio {xliff_in / text_in:.2f}")
    print(f"  export XLIFF 1.2          {out12 * 1000:8.0f} ms   Markdown export {md * 1000:8.0f} ms"
          f"  ratio {out12 / md:.1f}")
    print(f"  export XLIFF 2.1          {out2 * 1000:8.0f} ms   ratio to Markdown {out2 / md:.1f}")

    big = b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.1">' + b"x" * 20_000_000
    path = folder / "huge.xlf"
    path.write_bytes(big)
    sniffing = timed(lambda: sniff(path.read_bytes(), str(path)), repeat=5)
    reading = timed(lambda: path.read_bytes(), repeat=5)
    print(f"  sniff a 20 MB file (read + sniff) {sniffing * 1000:6.1f} ms   reading alone {reading * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
