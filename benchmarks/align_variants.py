"""How often import pairs every block right when the draft's paragraphs do not match one to one.

From the sample article's draft, every variant with one paragraph dropped, two neighbouring
paragraphs merged, or one paragraph split at its first sentence; each is imported (planned, not
stored) and counted right only when every Korean block gets exactly its own English. The baseline
is the same import with the numbers and sentence-count evidence switched off (length alone, as in
Gale & Church).

Run: python benchmarks/align_variants.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow import align  # noqa: E402
from workflow.demo import DRAFT, KOREAN  # noqa: E402
from workflow.importer import plan_import  # noqa: E402


# The aligner's weights for everything but lengths: zero, and what is left is Gale & Church.
EVIDENCE = ("NUMBER_SHARED", "NUMBER_UNSHARED", "NAME_SHARED", "SHORT_NAME_SHARED", "TERM_SHARED", "QUOTE_MISMATCH",
            "SENTENCE_DIFFERENCE")


def variants(parts: list[str]):
    expected = [p.lstrip("# ") for p in parts]
    for i in range(len(parts)):
        yield "drop", parts[:i] + parts[i + 1:], expected[:i] + [None] + expected[i + 1:]
    for i in range(len(parts) - 1):
        if not (parts[i].startswith("#") or parts[i + 1].startswith("#")):
            yield "merge", parts[:i] + [f"{parts[i]} {parts[i + 1]}"] + parts[i + 2:], expected
    for i, part in enumerate(parts):
        if ". " in part and not part.startswith("#"):
            first, rest = part.split(". ", 1)
            yield "split", parts[:i] + [first + ".", rest] + parts[i + 1:], expected


def score(folder: Path) -> dict[str, tuple[int, int]]:
    parts = DRAFT.read_text(encoding="utf-8").strip().split("\n\n")
    results: dict[str, tuple[int, int]] = {}
    for n, (kind, draft, expected) in enumerate(variants(parts)):
        path = folder / f"draft-{n}.md"
        path.write_text("\n\n".join(draft) + "\n", encoding="utf-8")
        got = [s.target for s in plan_import(KOREAN, path).segments]
        right, total = results.get(kind, (0, 0))
        results[kind] = (right + (got == expected), total + 1)
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tandem = score(Path(tmp))
        saved = {name: getattr(align, name) for name in EVIDENCE}
        for name in EVIDENCE:
            setattr(align, name, 0.0)
        try:
            baseline = score(Path(tmp))
        finally:
            for name, value in saved.items():
                setattr(align, name, value)
    print(f"{'variant':<8}{'tandem':>10}{'length only':>14}")
    for kind in tandem:
        (r, t), (br, bt) = tandem[kind], baseline[kind]
        print(f"{kind:<8}{f'{r}/{t}':>10}{f'{br}/{bt}':>14}")
    r = sum(v[0] for v in tandem.values())
    br = sum(v[0] for v in baseline.values())
    t = sum(v[1] for v in tandem.values())
    print(f"{'all':<8}{f'{r}/{t}':>10}{f'{br}/{t}':>14}   ratio {r / max(br, 1):.2f}x")


if __name__ == "__main__":
    main()
