"""How reliable each line of the pairing vocabulary (workflow/align_lexicon.txt) is on real pairs.

For every Korean stem and English form it counts, over sentence pairs that translate each other, how
often it is found on its own side and how often the other side then says the same meaning. A stem
found inside unrelated words (인하 in 확인하) or a form that reads other words (fortune* in
fortunately) shows as a low share: it would vouch for pairs that are not translations and count
against pairs that are. `--write` removes the stems and forms below the bar (and meanings left with
nothing on a side) from the table.

The pairs are NTREX-128's news sentences, JHE dev and the Tatoeba sample, from ../shared/corpora
(or $TANDEM_CORPORA). park2016, on which benchmarks/align_news.py measures issue 19, is never read
here, so that measurement stays one the vocabulary was not checked against.

Run: python scripts/align_lexicon_check.py [--min-found 3] [--min-share 0.25] [--write]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workflow import align_lexicon  # noqa: E402
from workflow.align_lexicon import (  # noqa: E402
    CONCEPTS, TABLE, english_concepts, english_words, form_found, korean_concepts, stem_found,
)

SOURCES = (
    ("ko-en-news-ntrex128", "ntrex128_ko_en_sentences.tsv"),
    ("ko-en-jhe", "ko_en_jhe_dev.tsv"),
    ("ko-en-tatoeba", "tatoeba_ko_en_sample3000.tsv"),
)


def corpora_dir() -> Path:
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


def read_pairs(base: Path) -> list[tuple[str, str]]:
    pairs = []
    for folder, name in SOURCES:
        path = base / folder / name
        if not path.is_file():
            raise SystemExit(f"align_lexicon_check: corpus file not found: {path} (set TANDEM_CORPORA)")
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        ko, en = header.index("ko"), header.index("en")
        for line in lines[1:]:
            fields = line.split("\t")
            if len(fields) > max(ko, en) and fields[ko].strip() and fields[en].strip():
                pairs.append((fields[ko], fields[en]))
    return pairs


def tally(pairs: Iterable[tuple[str, str]]) -> tuple[Counter, Counter]:
    """For each (meaning, stem or form): how often found, and how often the other side agreed."""
    found: Counter = Counter()
    agreed: Counter = Counter()
    for ko, en in pairs:
        ko_meanings, en_meanings = korean_concepts(ko), english_concepts(en)
        words = english_words(en)
        for n in ko_meanings:
            for stem in CONCEPTS[n][0]:
                if stem_found(stem, ko):
                    found[n, "ko", stem] += 1
                    agreed[n, "ko", stem] += n in en_meanings
        for n in en_meanings:
            for form in CONCEPTS[n][1]:
                if form_found(form, words):
                    found[n, "en", form] += 1
                    agreed[n, "en", form] += n in ko_meanings
    return found, agreed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-found", type=int, default=3, help="judge only what is found this often (3)")
    parser.add_argument("--min-share", type=float, default=0.25,
                        help="below this share of agreeing pairs a stem or form is unreliable (0.25)")
    parser.add_argument("--write", action="store_true", help="remove the unreliable ones from the table")
    args = parser.parse_args(argv)
    pairs = read_pairs(corpora_dir())
    found, agreed = tally(pairs)
    weak = {key for key, count in found.items()
            if count >= args.min_found and agreed[key] / count < args.min_share}
    print(f"{len(pairs)} pairs; {len(CONCEPTS)} meanings; {len(found)} stems and forms found at least once")
    for key in sorted(weak, key=lambda k: agreed[k] / found[k]):
        n, side, item = key
        print(f"  {agreed[key]:>4}/{found[key]:<4} {side} {item!r:<24} in: {', '.join(CONCEPTS[n][0])}")
    print(f"{len(weak)} below {args.min_share:.0%} of at least {args.min_found}")
    if args.write:
        dropped = write_without(TABLE, weak)
        print(f"wrote {TABLE}: {dropped} meanings left with nothing on a side removed")


def write_without(path: Path, weak: set[tuple[int, str, str]]) -> int:
    """The table at `path` without the weak (meaning, side, stem or form); comments kept. Returns
    how many meanings were left with nothing on a side and removed."""
    kept, dropped = [], 0
    meaning = -1
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            kept.append(line)
            continue
        meaning += 1
        ((stems, forms),) = align_lexicon.parse(line)
        stems = tuple(s for s in stems if (meaning, "ko", s) not in weak)
        forms = tuple(f for f in forms if (meaning, "en", f) not in weak)
        if stems and forms:
            kept.append(f"{', '.join(stems)} | {', '.join(forms)}")
        else:
            dropped += 1
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return dropped


if __name__ == "__main__":
    main()
