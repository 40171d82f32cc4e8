"""North and South Korean spellings of the same sentence must get the same glossary hits.

Corpus: park2016 dev with its North Korean rewrite (1,000 triples); glossary: CLDR Korean names of
countries, languages, cities, currencies (about 1,800 entries). The North Korean side differs in
spelling (리유, 로동, 년금) and, more often, in spacing (국립연구소 for 국립 연구소). The rate is per
sentence: the share of sentences whose set of hit terms is the same on both sides.
"""

from __future__ import annotations

import csv

from corpora import require_corpora

from glossaries.korean import KoreanMatcher
from glossaries.model import Term


def _rows(path, columns):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert set(columns) <= set(header), header
        return [dict(zip(header, row)) for row in reader]


def test_north_korean_side_gets_the_same_term_hits():
    triples = require_corpora("ko-en-news-park2016", "ko_nk_en_news_triples_dev.tsv")
    names = require_corpora("glossary-cldr-ko-en", "cldr_ko_en_names.tsv")
    glossary = [Term(r["ko"], r["en"], domain=r["category"], note=r["code"])
                for r in _rows(names, ("category", "code", "ko", "en"))]
    matcher = KoreanMatcher(glossary)
    rows = _rows(triples, ("id", "ko_south", "ko_north"))
    assert len(rows) == 1000

    def terms(text: str) -> set[tuple[str, str]]:
        return {(hit.term.ko, hit.term.en) for hit in matcher.find(text)}

    agree, hits, differing = 0, 0, []
    for row in rows:
        south, north = terms(row["ko_south"]), terms(row["ko_north"])
        hits += len(south)
        if south == north:
            agree += 1
        else:
            differing.append((row["id"], sorted(south - north), sorted(north - south)))
    rate = agree / len(rows)
    print(f"\nNK/SK agreement: {agree}/{len(rows)} sentences = {rate:.1%} (South side: {hits} term hits)")
    for row_id, south_only, north_only in differing:
        print(f"  {row_id}: South only {south_only}, North only {north_only}")
    assert hits > 300, "the glossary should hit often enough for the rate to mean something"
    assert rate >= 0.98
