"""Line-end recall of workflow.sentences on NTREX-128 articles, against a one-line regex baseline.

Each article's lines (one translated sentence per line) are joined with a space and split again; a
line end counts as found when a sentence boundary falls exactly there. The first line of every
article is its headline, which has no final punctuation and would be its own segment in Tandem, so
boundaries start after it. "Extra" splits fall inside a line: many are right (translators often put
two sentences on one line), so they are a precision hint, not an error count.

Run: python benchmarks/sentence_recall.py   (corpus: $TANDEM_CORPORA or <repo>/../shared/corpora)
"""

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from workflow.sentences import split_sentences  # noqa: E402

CORPUS = "ko-en-news-ntrex128/ntrex128_ko_en_documents.jsonl"
# The usual one-liner, allowing a closing quote after the terminator.
_BASELINE = re.compile(r"(?:(?<=[.?!])|(?<=[.?!][\"'”’]))\s+")


def baseline(text: str, lang: str) -> list[str]:
    return [s for s in _BASELINE.split(text) if s]


def corpora_dir() -> Path:
    return Path(os.environ.get("TANDEM_CORPORA") or Path(__file__).resolve().parents[2] / "shared" / "corpora")


def load_articles(path: Path, lang: str) -> list[list[str]]:
    """Each article's body lines (headline dropped), whitespace-normalised."""
    articles = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            lines = [" ".join(s.split()) for s in json.loads(line)[lang]]
            articles.append([s for s in lines if s][1:])
    return articles


def boundaries(sentences: list[str], text: str) -> set[int]:
    """Offsets in `text` where one sentence ends (the final end excluded)."""
    cuts, pos = set(), 0
    for s in sentences:
        pos = text.index(s, pos) + len(s)
        cuts.add(pos)
    cuts.discard(len(text))
    return cuts


def measure(articles: list[list[str]], lang: str, splitter) -> dict:
    ends = found = extra = 0
    for lines in articles:
        text = " ".join(lines)
        gold, pos = set(), 0
        for line in lines[:-1]:
            pos += len(line)
            gold.add(pos)
            pos += 1
        got = boundaries(splitter(text, lang), text)
        ends, found, extra = ends + len(gold), found + len(gold & got), extra + len(got - gold)
    return {"articles": len(articles), "ends": ends, "found": found, "recall": found / ends, "extra": extra}


def main() -> int:
    path = corpora_dir() / CORPUS
    if not path.is_file():
        print(f"NTREX-128 corpus not found at {path}; set TANDEM_CORPORA to the corpora folder. Nothing measured.")
        return 0
    print(f"{'lang':4} {'splitter':9} {'articles':>8} {'line ends':>9} {'found':>6} {'recall %':>8} {'extra':>6}")
    for lang in ("ko", "en"):
        articles = load_articles(path, lang)
        ours, base = measure(articles, lang, split_sentences), measure(articles, lang, baseline)
        for name, r in (("tandem", ours), ("baseline", base)):
            print(f"{lang:4} {name:9} {r['articles']:>8} {r['ends']:>9} {r['found']:>6} "
                  f"{100 * r['recall']:>8.2f} {r['extra']:>6}")
        missed_ours, missed_base = ours["ends"] - ours["found"], base["ends"] - base["found"]
        print(f"{lang:4} ratio     recall {ours['recall'] / base['recall']:.4f}x, missed line ends "
              f"{missed_ours} vs {missed_base}, extra splits {ours['extra']} vs {base['extra']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
