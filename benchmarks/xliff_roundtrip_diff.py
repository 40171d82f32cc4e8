"""What Tandem gives back of the XLIFF files it did not edit: every XLIFF file under the corpora
($TANDEM_CORPORA, else ../shared/corpora) imported into a scratch workspace and exported to its own
version without a change, then compared with the original by workflow.interchange.structdiff
(elements, attributes, text and comments outside targets, Tandem's state and metadata left out).

"after" is export as Tandem does it (the imported file patched, skeleton.py); "before" is the
generated writer alone (what export did until issue 16, now only for another version or a document
not imported from XLIFF). Files Tandem refuses at import are counted apart, with the first words of
each reason; exports that Tandem's own reader refuses are counted too. Goal: zero differences after.
Last, every unlocked target is rewritten (the source's text and codes, state translated) and the
patched export compared again and read back: what remains are Tandem's additions (trgLang where
a file without targets gains some).

Run: python benchmarks/xliff_roundtrip_diff.py [--files] (--files lists each file that differs)
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow.errors import InputError  # noqa: E402
from workflow.interchange import store_io  # noqa: E402
from workflow.interchange.reader import read_bilingual  # noqa: E402
from workflow.interchange.structdiff import Difference, compare  # noqa: E402
from workflow.models import SegmentState  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402

SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".xlf2", ".mxliff", ".txlf")


def corpora() -> Path:
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


def xliff_files(base: Path) -> list[Path]:
    return sorted(p for p in base.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))


def main() -> None:
    base = corpora()
    if not base.is_dir():
        sys.exit(f"no corpora at {base} (set TANDEM_CORPORA)")
    listing = "--files" in sys.argv
    files = xliff_files(base)
    before, after = Difference(), Difference()
    by_corpus: dict[str, list] = {}
    refused: Counter = Counter()
    edited = Difference()
    unreadable = Counter({"before": 0, "after": 0, "edited": 0, "edited, targets read back otherwise": 0})
    imported = 0
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder) / "w.db") as ws:
        ws.users.add("admin", ["admin", "translator", "editor"], by="admin")
        for path in files:
            corpus = "/".join(path.relative_to(base).parts[:2])
            row = by_corpus.setdefault(corpus, [0, 0, 0, 0])  # imported, refused, before, after
            try:
                stored = ws.files.import_file(path, by="admin").document
            except InputError as exc:
                refused[str(exc.problem)[:60]] += 1
                row[1] += 1
                continue
            imported += 1
            row[0] += 1
            original = path.read_bytes()
            record, _segments = ws._store.interchange.interchange(stored.document.id)
            doc = ws.files.bilingual_file(stored.document.id, record["format"])
            exported = store_io.write_file(doc)
            generated = store_io.write_file(replace(doc, skeleton=None))
            edited_doc = _edited(doc)
            patched = store_io.write_file(edited_doc)
            diff = compare(original, patched)
            edited += diff
            if listing and diff.total():
                print(f"  edited differs: {path.relative_to(base)} ({diff.total()})")
            try:
                back = read_bilingual(patched, f"{path.name} edited")
                wanted = [u.target for u in edited_doc.units if not u.locked]
                if [u.target for u in back.units if not u.locked] != wanted:
                    unreadable["edited, targets read back otherwise"] += 1
                    if listing:
                        print(f"  edited targets differ: {path.relative_to(base)}")
            except InputError as exc:
                unreadable["edited"] += 1
                if listing:
                    print(f"  unreadable edited: {path.relative_to(base)}: {exc.problem[:100]}")
            for name, data, total in (("after", exported, after), ("before", generated, before)):
                diff = compare(original, data)
                total += diff
                row[2 if name == "before" else 3] += diff.total()
                if name == "after" and listing and diff.total():
                    print(f"  differs: {path.relative_to(base)} ({diff.total()})")
                try:
                    read_bilingual(data, f"{path.name} exported")
                except InputError as exc:
                    unreadable[name] += 1
                    if listing:
                        print(f"  unreadable {name}: {path.relative_to(base)}: {exc.problem[:100]}")
    print(f"{len(files)} XLIFF files under {base}: {imported} imported, {sum(refused.values())} refused")
    print()
    print(f"{'corpus':45} {'imported':>8} {'refused':>8} {'before':>8} {'after':>8}")
    for corpus, (count, no, was, now) in sorted(by_corpus.items()):
        print(f"{corpus:45} {count:8} {no:8} {was:8} {now:8}")
    print()
    print("differences by element (missing from the export / added by it), before -> after")
    keys = sorted(set(before.missing) | set(before.added) | set(after.missing) | set(after.added))
    print(f"{'element':34} {'kind':10} {'before miss':>11} {'added':>7} {'after miss':>11} {'added':>7}")
    for key in keys:
        print(f"{key[0]:34} {key[1]:10} {before.missing[key]:11} {before.added[key]:7} "
              f"{after.missing[key]:11} {after.added[key]:7}")
    print(f"{'total':45} {sum(before.missing.values()):11} {sum(before.added.values()):7} "
          f"{sum(after.missing.values()):11} {sum(after.added.values()):7}")
    print()
    print(f"exports Tandem's reader refuses: {dict(unreadable)}")
    print(f"every unlocked target rewritten (the source's text and codes, state translated), then exported: "
          f"{edited.total()} differences outside targets and states")
    for key in sorted(set(edited.missing) | set(edited.added)):
        print(f"  {key[0]:32} {key[1]:10} missing {edited.missing[key]:6} added {edited.added[key]:6}")
    print("refused at import (first words of the reason):")
    for reason, count in refused.most_common(12):
        print(f"  {count:4}  {reason}")


def _edited(doc):
    """Every unlocked unit translated anew: its source's text and codes, marked translated."""
    units = [u if u.locked else replace(u, target=f"EN {u.source}", state=SegmentState.TRANSLATED, file_state=None)
             for u in doc.units]
    return replace(doc, units=units)


if __name__ == "__main__":
    main()
