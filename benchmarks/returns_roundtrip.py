"""An agency round trip through translate-toolkit: Tandem exports a segmented XLIFF 1.2 file, the agency's
tool (translate-toolkit's xliff store, as Virtaal and Pootle use it) writes each unit's English, and the
file comes back into its document. Counts the segments that received the agency's English, those left
without it and named in a warning, and those left without it silently (goal: none).

The Korean is NTREX-128's articles (../shared/corpora, read at run time), three sentences to a unit as
Trados segments a paragraph with <seg-source>; the agency's English is the corpus's English, written
the way translate-toolkit writes a target: one text per unit, without the <mrk> segment markers. Half
the units get all their sentences; the other half get the unit's English with two sentences joined
into one (as a translator does), which cannot be spread over the segments safely.

Run: python benchmarks/returns_roundtrip.py   (needs translate-toolkit, which Tandem does not depend on)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.workspace import Workspace  # noqa: E402

CORPORA = Path(os.environ.get("TANDEM_CORPORA", ROOT.parent / "shared" / "corpora"))
ARTICLES = CORPORA / "ko-en-news-ntrex128" / "articles"
PER_UNIT = 3


def units() -> list[tuple[list[str], list[str]]]:
    found = []
    for ko in sorted(ARTICLES.glob("*.ko.txt"))[:20]:
        en = ko.with_name(ko.name.replace(".ko.", ".en."))
        k = [line.strip() for line in ko.read_text(encoding="utf-8").splitlines() if line.strip()]
        e = [line.strip() for line in en.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(k) != len(e):
            continue
        for start in range(0, len(k) - PER_UNIT + 1, PER_UNIT):
            found.append((k[start:start + PER_UNIT], e[start:start + PER_UNIT]))
    return found[:80]


def segmented_file(pairs: list[tuple[list[str], list[str]]]) -> str:
    body = []
    for n, (korean, _english) in enumerate(pairs, 1):
        marks = " ".join(f'<mrk mtype="seg" mid="{i}">{escape(s)}</mrk>' for i, s in enumerate(korean, 1))
        body.append(f'<trans-unit id="u{n}"><source>{escape(" ".join(korean))}</source>'
                    f"<seg-source>{marks}</seg-source></trans-unit>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:'
            'document:1.2"><file original="news.docx" source-language="ko" target-language="en" '
            f'datatype="plaintext"><body>{"".join(body)}</body></file></xliff>\n')


def main() -> int:
    try:
        from translate.storage import xliff
    except ImportError:
        print("translate-toolkit is not installed (pip install translate-toolkit): nothing to measure")
        return 1
    if not ARTICLES.is_dir():
        print(f"{ARTICLES} not found: the NTREX-128 corpus is needed")
        return 1
    pairs = units()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ws = Workspace.open(tmp / "ws.tandem")
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], by="admin")
        source = tmp / "news.xlf"
        source.write_text(segmented_file(pairs), encoding="utf-8")
        doc_id = ws.files.import_file(source, by="david").document.document.id
        _doc, data, _wrong = ws.files.export_bilingual(doc_id, "xliff12")
        store = xliff.xlifffile.parsestring(data)
        expected: dict[int, str] = {}
        position = 0
        for n, unit in enumerate(u for u in store.units if u.istranslatable()):
            english = pairs[n][1]
            if n % 2:  # a translator joined the last two sentences into one
                english = english[:-2] + [english[-2].rstrip(".") + ", and " + english[-1][:1].lower()
                                          + english[-1][1:]]
            unit.target = " ".join(english)
            for i in range(len(pairs[n][1])):
                expected[position + i + 1] = english[i] if len(english) == PER_UNIT else ""
            position += PER_UNIT
        returned = tmp / "returned.xlf"
        returned.write_bytes(bytes(store))
        result = ws.files.import_file(returned, by="david").document
        segments = ws.documents.segments(doc_id)
        named = {w.split(":")[0].split()[-1] for w in result.warnings if w.startswith("trans-unit ")}
        got = sum(1 for s in segments if s.target and s.target == expected.get(s.index))
        wrong = sum(1 for s in segments if s.target and expected.get(s.index) and s.target != expected[s.index])
        without = [s for s in segments if not s.target]
        unit_of = {s.index: f"u{(s.index - 1) // PER_UNIT + 1}" for s in segments}
        silent = [s for s in without if unit_of[s.index] not in named]
        print(f"units {len(pairs)}, segments {len(segments)} ({PER_UNIT} per unit, written by translate-toolkit "
              "without <mrk> markers)")
        print(f"  segments given the agency's English:        {got}")
        print(f"  segments given wrong English:                {wrong}")
        print(f"  segments left without it, unit named:        {len(without) - len(silent)}")
        print(f"  segments left without it, silently:          {len(silent)}  (goal 0)")
        print(f"  warnings: {len(result.warnings)}")
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
