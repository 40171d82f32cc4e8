"""English drafts saved in a legacy code page: which encoding Tandem names, against charset-normalizer.

Each NTREX-128 English article (123, from ../shared/corpora) with at least one non-ASCII character
is written in cp1252, Mac Roman and CP949 where it fits, and in UTF-8 with one byte damaged, then
read by workflow.textfile.decode. Printed: per encoding, how often the text came back exactly, and
what charset-normalizer alone would have named (the reader before issue 16).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import charset_normalizer  # noqa: E402

from workflow.errors import InputError  # noqa: E402
from workflow.textfile import decode  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "ko-en-news-ntrex128" / "ntrex128_ko_en_documents.jsonl"


def _smart(text: str) -> str:
    text = re.sub(r"(\w)'(\w)", "\\1’\\2", text)
    text = re.sub(r'"(?=\S)', "“", text)
    return re.sub(r'(?<=\S)"', "”", text)


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found")
    articles = ["\n\n".join(json.loads(line)["en"]) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    # As a word processor saves them: curly quotes and apostrophes, so every article has some.
    articles = [_smart(a) for a in articles]
    print(f"{len(articles)} NTREX-128 English articles, quotes and apostrophes made typographic")
    for codec, expected in (("cp1252", "cp1252"), ("mac_roman", "mac-roman"), ("cp949", "cp949")):
        right = tried = 0
        named: Counter[str] = Counter()
        detector: Counter[str] = Counter()
        spent = 0.0
        for text in articles:
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:
                continue
            tried += 1
            start = time.perf_counter()
            try:
                found, read = decode(data, "x")
            except InputError:
                found, read = "refused", ""
            spent += time.perf_counter() - start
            named[found] += 1
            right += read == text
            best = charset_normalizer.from_bytes(data).best()
            detector[(best.encoding if best else "none") + (" exact" if best and str(best) == text else "")] += 1
        print(f"\n{codec}: {tried} articles fit; Tandem read {right} exactly ({right / max(tried, 1):.1%}), "
              f"named {expected} for {named[expected]}, {spent / max(tried, 1) * 1000:.2f} ms each")
        print("  Tandem named:", dict(named.most_common()))
        print("  charset-normalizer alone:", dict(detector.most_common(6)))
    refused = 0
    for text in articles:
        data = text.encode("utf-8")
        middle = len(data) // 2
        try:
            decode(data[:middle] + b"\x92" + data[middle:], "x")
        except InputError:
            refused += 1
    print(f"\nUTF-8 with one bad byte in the middle: {refused} of {len(articles)} refused")


if __name__ == "__main__":
    main()
