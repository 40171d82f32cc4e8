"""News articles for benchmarks/align_news.py, built at run time from the shared corpora, and the
drops, merges and splits made in their English.

park2016 news dev (consecutive lines come from one story), NTREX-128 (one article per document,
headline left out) and JHE dev, from ../shared/corpora or $TANDEM_CORPORA (see its PROVENANCE.md:
nothing from them is copied into this repository). Each source gives two article shapes: (a) 12
one-sentence paragraphs, (b) about 8 paragraphs of 2-3 consecutive sentences.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARK = ("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv")
NTREX = ("ko-en-news-ntrex128", "ntrex128_ko_en_documents.jsonl")
JHE = ("ko-en-jhe", "ko_en_jhe_dev.tsv")
SOURCES = ("park2016", "ntrex128", "jhe")
SHAPES = {"a": "12 one-sentence paragraphs", "b": "~8 paragraphs of 2-3 sentences"}
KINDS = ("drop", "merge", "split")

ONE_SENTENCE_PARAGRAPHS = 12
MULTI_PARAGRAPHS, MULTI_MIN_PARAGRAPHS = 8, 5
ISSUE_ARTICLES = 80
MIN_SPLIT_WORDS = 4


# --- the corpora --------------------------------------------------------------------------------

def corpora_dir() -> Path:
    """../shared/corpora next to the repository, or $TANDEM_CORPORA (as tests/corpora.py finds it)."""
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


def require(base: Path, parts: Sequence[str]) -> Path:
    path = base.joinpath(*parts)
    if not path.is_file():
        raise SystemExit(f"align_news: corpus file not found: {path}\n"
                         "The shared corpora live in ../shared/corpora; set TANDEM_CORPORA to their folder.")
    return path


Pair = tuple[str, str]  # (Korean sentence, English sentence)


def read_tsv_pairs(path: Path) -> list[Pair]:
    """The ko/en columns of a PROVENANCE-style TSV (header row, no quoting, split on tabs)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    ko, en = header.index("ko"), header.index("en")
    pairs = []
    for line in lines[1:]:
        fields = line.split("\t")
        pair = " ".join(fields[ko].split()), " ".join(fields[en].split())
        if pair[0] and pair[1]:
            pairs.append(pair)
    return pairs


def read_ntrex_documents(path: Path) -> list[list[Pair]]:
    """NTREX-128 articles as sentence pairs, each without its headline (line 1)."""
    documents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        pairs = [(" ".join(k.split()), " ".join(e.split())) for k, e in zip(doc["ko"], doc["en"])]
        documents.append([p for p in pairs[1:] if p[0] and p[1]])
    return documents


# --- articles and perturbations -----------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    source: str
    shape: str
    name: str
    ko: list[list[str]]  # paragraphs, each a list of sentences
    en: list[list[str]]

    @property
    def ko_paragraphs(self) -> list[str]:
        return [" ".join(p) for p in self.ko]

    @property
    def en_paragraphs(self) -> list[str]:
        return [" ".join(p) for p in self.en]


@dataclass(frozen=True)
class Variant:
    kind: str
    english: list[str]  # the draft's paragraphs
    expected: list[str | None]  # the English each Korean paragraph should get
    site: frozenset[int]  # the Korean paragraphs the perturbation touched (0-based)


def one_sentence_articles(pairs: Sequence[Pair], source: str, prefix: str = "",
                          size: int = ONE_SENTENCE_PARAGRAPHS) -> list[Article]:
    """Consecutive, disjoint runs of `size` (12) sentences, one per paragraph."""
    n = size
    return [
        Article(source, "a", f"{prefix}{start + 1}-{start + n}",
                [[k] for k, _ in pairs[start:start + n]], [[e] for _, e in pairs[start:start + n]])
        for start in range(0, len(pairs) - n + 1, n)
    ]


def multi_sentence_articles(pairs: Sequence[Pair], source: str, rng: random.Random,
                            one: bool = False, prefix: str = "") -> list[Article]:
    """Consecutive runs of up to 8 paragraphs of 2 or 3 sentences (at least 5 paragraphs);
    `one`: only the first such article (a document is one article)."""
    articles, start = [], 0
    while True:
        paragraphs, at = [], start
        while len(paragraphs) < MULTI_PARAGRAPHS:
            size = rng.choice((2, 3))
            if at + size > len(pairs):
                size = 2
            if at + size > len(pairs):
                break
            paragraphs.append(pairs[at:at + size])
            at += size
        if len(paragraphs) < MULTI_MIN_PARAGRAPHS:
            return articles
        articles.append(Article(source, "b", f"{prefix}{start + 1}-{at}",
                                [[k for k, _ in p] for p in paragraphs],
                                [[e for _, e in p] for p in paragraphs]))
        if one:
            return articles
        start = at


def build_articles(base: Path, seed: int) -> dict[tuple[str, str], list[Article]]:
    park = read_tsv_pairs(require(base, PARK))
    jhe = read_tsv_pairs(require(base, JHE))
    documents = read_ntrex_documents(require(base, NTREX))
    layout = {s: random.Random(f"{seed}:{s}:layout") for s in SOURCES}
    ntrex_a = [a for i, d in enumerate(documents) for a in one_sentence_articles(d[:12], "ntrex128", f"doc{i + 1}:")]
    ntrex_b = [a for i, d in enumerate(documents)
               for a in multi_sentence_articles(d, "ntrex128", layout["ntrex128"], one=True, prefix=f"doc{i + 1}:")]
    return {
        ("park2016", "a"): one_sentence_articles(park, "park2016"),
        ("park2016", "b"): multi_sentence_articles(park, "park2016", layout["park2016"]),
        ("ntrex128", "a"): ntrex_a,
        ("ntrex128", "b"): ntrex_b,
        ("jhe", "a"): one_sentence_articles(jhe, "jhe"),
        ("jhe", "b"): multi_sentence_articles(jhe, "jhe", layout["jhe"]),
    }


# Issue articles whose corpus lines are not translations of each other, found by reading the failing
# articles (issue 19's stops 25 to 27: 505-516 in stop 26, 25-36 and 337-348 in stop 27): a pairing
# that follows the meaning is scored wrong there. They stay in the measurement, and the goals are
# judged with them; the held-out run reports them apart, so that what they cost can be seen.
LOOSE_ARTICLES = {
    "13-24": "line 14 is the second half of line 13's English sentence",
    "25-36": "line 30's English holds 31's, and 31's is a sentence the Korean does not say",
    "61-72": "lines 67-68: one English sentence split over two lines, the rest shifted",
    "73-84": "English cut mid-sentence at an HTML dash, the rest shifted by half a line",
    "337-348": "line 341's English holds 342's, 342-343's are shifted by a quotation, 345's is a fragment",
    "361-372": "line 368's English holds a sentence the Korean does not",
    "397-408": "the second Korean sentence of 401 is in 402's English",
    "505-516": "line 510's English holds 511's, and 511's is a sentence the Korean does not say",
    "577-588": "line 577's English stops mid-sentence",
    "589-600": "a sentence split over two English lines",
    "721-732": "lines 721-722: the English is one line off",
    "733-744": "lines 736-737: a sentence split over two lines",
    "805-816": "a vocabulary note in the Korean, the English cut",
    "817-828": "line 822's Korean is a vocabulary note",
    "829-840": "lines 833 and 836: fragments, and an English headline as Korean",
    "877-888": "lines 883-884: vocabulary notes as the Korean",
    "889-900": "lines 895-898: the English shifted against the Korean",
    "913-924": "line 913: a vocabulary note as the Korean",
}


def issue_articles(base: Path) -> list[Article]:
    """The issue's set: 80 articles of 12 one-sentence paragraphs, the first 960 park2016 dev lines."""
    park = read_tsv_pairs(require(base, PARK))
    return one_sentence_articles(park[:ISSUE_ARTICLES * ONE_SENTENCE_PARAGRAPHS], "park2016")


def comma_split(sentence: str) -> tuple[str, str] | None:
    """A clause boundary to split a one-sentence paragraph at: the ", " nearest the middle that
    leaves at least four words either side, outside quotes and brackets, not inside a date or
    number ("Nov. 29, 2008")."""
    best: tuple[int, tuple[str, str]] | None = None
    for at in range(len(sentence) - 1):
        if sentence[at:at + 2] != ", ":
            continue
        left, right = sentence[:at + 1], sentence[at + 2:]
        if len(left.split()) < MIN_SPLIT_WORDS or len(right.split()) < MIN_SPLIT_WORDS:
            continue
        if left[-2:-1].isdigit() or not right[:1].isalpha():
            continue
        if left.count("(") != left.count(")") or left.count('"') % 2 or left.count("“") != left.count("”"):
            continue
        distance = abs(len(left) - len(right))
        if best is None or distance < best[0]:
            best = distance, (left, right)
    return best[1] if best else None


def split_point(article: Article, i: int, rng: random.Random) -> tuple[str, str] | None:
    sentences = article.en[i]
    if len(sentences) > 1:
        k = rng.randrange(1, len(sentences))
        return " ".join(sentences[:k]), " ".join(sentences[k:])
    return comma_split(sentences[0])


def perturb(article: Article, kind: str, rng: random.Random) -> Variant | None:
    """The article's English with one perturbation, or None where it cannot be made sensibly."""
    en = article.en_paragraphs
    n = len(en)
    if kind == "drop":
        i = rng.randrange(n)
        return Variant(kind, en[:i] + en[i + 1:], [*en[:i], None, *en[i + 1:]], frozenset({i}))
    if kind == "merge":
        i = rng.randrange(n - 1)
        return Variant(kind, [*en[:i], f"{en[i]} {en[i + 1]}", *en[i + 2:]], list(en), frozenset({i, i + 1}))
    if kind == "split":
        candidates = [i for i in range(n) if len(article.en[i]) > 1 or comma_split(article.en[i][0])]
        if not candidates:
            return None
        i = rng.choice(candidates)
        pieces = split_point(article, i, rng)
        assert pieces is not None
        return Variant(kind, [*en[:i], *pieces, *en[i + 1:]], list(en), frozenset({i}))
    raise ValueError(kind)


def perfect(article: Article) -> Variant:
    """The draft exactly as the corpus has it (for tests of the scorer)."""
    return Variant("none", article.en_paragraphs, list(article.en_paragraphs), frozenset())
