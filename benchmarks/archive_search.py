"""Archive search (workflow.archive): query times on workspaces of 100 and 2,000 documents.

Documents: the 123 NTREX-128 news articles (Korean and English, one segment a sentence), repeated
with one document every two hours to the size wanted (20,000 span four and a half years), each tagged with its outlet. Queries of three characters
or more go through the trigram indexes of migration 9; shorter ones (북한) are a scan inside SQLite,
so their times are what a scan of the whole archive costs. Renderings: a term made after every
document, counted over all of them. Each figure is the median of REPEAT runs, in milliseconds.

Run: python benchmarks/archive_search.py [SIZE ...]   (corpus: $TANDEM_CORPORA or <repo>/../shared/corpora)
"""

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from glossaries.model import Term  # noqa: E402
from workflow.import_store import NewSegment, create_document  # noqa: E402
from workflow.models import SegmentKind, SegmentState  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402

SIZES = (100, 2_000)
REPEAT = 5
QUERIES = (  # (label, text, tag, since as days before the newest document)
    ("Korean, 3 syllables, common", "김정은", None, None),
    ("Korean, inside words (scan)", "탈북", None, None),
    ("Korean, 2 syllables (scan)", "북한", None, None),
    ("Korean phrase", "외무부 장관", None, None),
    ("English phrase, any case", "kim jong un", None, None),
    ("English, very common", "the", None, None),
    ("English, absent", "zebra crossing", None, None),
    ("with a tag", "nuclear", "bbc", None),
    ("since 30 days (scan)", "북한", None, 30),
    ("2 syllables, with a tag (scan)", "탈북", "bbc", None),
)


def corpora() -> Path:
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def articles() -> list[dict]:
    path = corpora() / "ko-en-news-ntrex128" / "ntrex128_ko_en_documents.jsonl"
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build(path: Path, size: int, source: list[dict]) -> datetime:
    """A workspace of `size` documents, one every two hours; returns the newest document's time."""
    with Workspace.open(path) as ws:
        ws.users.add("admin", ["admin"], by="admin")
        ws.users.add("david", ["translator"], by="admin")
        ws.users.add("minji", ["terminologist"], by="admin")
        author = ws.users.get("david").id
        store = ws._store  # the benchmark writes documents as an import would, without aligning them again
        start = datetime(2020, 1, 1, tzinfo=UTC)
        with store.write():
            for n in range(size):
                article = source[n % len(source)]
                at = (start + timedelta(hours=2 * n)).isoformat(timespec="milliseconds")
                segments = [NewSegment(1 + i, SegmentKind.PARAGRAPH, ko, SegmentState.DRAFT, english=en,
                                       author_id=author)
                            for i, (ko, en) in enumerate(zip(article["ko"], article["en"]))]
                create_document(store, {
                    "title": f"{article['doc_id']} #{n}", "tags": [article["source"]],
                    "source_name": f"{article['doc_id']}.ko.txt", "source_checksum": f"{n}",
                    "source_encoding": "utf-8", "english_name": None, "english_checksum": None,
                    "segmentation": "sentence", "created_by": author, "created_at": at, "updated_at": at,
                }, segments, at=at)
    return start + timedelta(hours=2 * (size - 1))


def median_ms(run) -> tuple[float, object]:
    times, answer = [], None
    for _ in range(REPEAT):
        began = time.perf_counter()
        answer = run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), answer


def main(sizes: tuple[int, ...]) -> None:
    source = articles()
    print(f"{len(source)} NTREX-128 articles, repeated; median of {REPEAT} runs\n")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "archive.db"
            began = time.perf_counter()
            newest = build(path, size, source)
            with Workspace.open(path, create=False) as ws:
                segments = len(ws._store.segments.all_segments())
                print(f"{size:,} documents, {segments:,} segments (built in {time.perf_counter() - began:.1f} s)")
                ws.archive.search("warm up")
                for label, text, tag, days in QUERIES:
                    since = (newest - timedelta(days=days)).date().isoformat() if days is not None else None
                    ms, found = median_ms(lambda: ws.archive.search(text, tag=tag, since=since))
                    shown = f"{len(found.hits)}{'+' if found.more else ''} hits"
                    print(f"  {label:<30} {text!r:<16} {ms:8.1f} ms   {shown}")
                term = ws.glossary.add(Term(ko="김정은", en="Kim Jong Un", en_variants=("Kim Jong-un", "Kim")),
                                       by="minji")
                ms, found = median_ms(lambda: ws.archive.renderings(term.id))
                print(f"  {'renderings of a term':<30} {'김정은':<16} {ms:8.1f} ms   "
                      f"{found.segments:,} segments, {len(found.renderings)} renderings")
            print()


if __name__ == "__main__":
    main(tuple(int(arg) for arg in sys.argv[1:]) or SIZES)
