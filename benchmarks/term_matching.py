"""Glossary term matching over 100,000 segments: Tandem against a per-term regex loop and a bare automaton.

Glossary: the CLDR Korean names (~1,800) plus synthetic Hangul terms of 2-5 syllables (fixed seed)
up to 10,000 terms, each with an English rendering. Text: the 1,000 park2016 dev pairs repeated to
100,000 segments (each a fresh string object, as real segments would be, so no cached UTF-8 copies).

(a) per-term regex loop, as in a Weblate-style glossary check: for every term,
    re.search(its precompiled pattern, segment). Far too slow for 100,000 segments, so it runs on a
    subset and the per-segment cost is extrapolated (and labelled as such).
(b) bare ahocorasick_rs: one automaton of the same Korean forms, one scan per segment, no folding,
    no spacing or word rules, no English side.
(c) Tandem: KoreanMatcher.find on each Korean segment, then EnglishText.find on the English segment
    for every rendering of every term found.

Run: python benchmarks/term_matching.py   (corpus: $TANDEM_CORPORA or <repo>/../shared/corpora)
"""

import csv
import os
import random
import re
import resource
import sys
import time
from pathlib import Path
from unicodedata import is_normalized

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ahocorasick_rs import AhoCorasick  # noqa: E402

from glossaries import morphology  # noqa: E402
from glossaries.english import EnglishText  # noqa: E402
from glossaries.folding import fold_strip_table  # noqa: E402
from glossaries.korean import KoreanMatcher  # noqa: E402
from glossaries.model import Term  # noqa: E402

PAIRS = "ko-en-news-park2016/ko_en_news_park2016_dev.tsv"
NAMES = "glossary-cldr-ko-en/cldr_ko_en_names.tsv"
TERMS, SEGMENTS, REGEX_SUBSET = 10_000, 100_000, 300
# Syllables common in Sino-Korean nouns, so synthetic terms look like real ones and do occur in text.
SYLLABLES = ("국 민 정 부 사 회 경 제 대 한 중 동 성 전 인 공 기 자 원 장 관 수 통 무 보 안 군 당 위 산 "
             "조 선 노 로 리 이 여 녀 연 련 양 량 금 융 외 교 개 발 지 방 시 도 청 법 원 행 재 세 환 "
             "송 북 남 해 협 력 역 력 문 화 학 교 생 활 업 소 간 요 료 영 령 제 재 실 험 핵 미 사 일").split()
VOWELS, CONSONANTS = "aeiou", "bdgklmnprstvz"


def corpora_dir() -> Path:
    return Path(os.environ.get("TANDEM_CORPORA") or Path(__file__).resolve().parents[2] / "shared" / "corpora")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def glossary(names: Path) -> list[Term]:
    terms = [Term(r["ko"], r["en"], domain=r["category"]) for r in read_tsv(names)]
    seen, rng = {t.ko for t in terms}, random.Random(20240601)
    while len(terms) < TERMS:
        ko = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        if ko in seen:
            continue
        seen.add(ko)
        word = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 4)))
        terms.append(Term(ko, f"{word.capitalize()} {rng.choice(['office', 'bureau', 'plan', 'unit'])}"))
    return terms


def weblate_patterns(terms: list[Term]) -> list[re.Pattern]:
    # A word-start boundary and optional spaces where the entry has one; particles may follow.
    return [re.compile(r"(?<!\w)" + r"\s*".join(map(re.escape, form.split())))
            for t in terms for form in t.korean_forms]


def run_a(patterns: list[re.Pattern], segments: list[str]) -> tuple[float, int]:
    began, found = time.perf_counter(), 0
    for text in segments:
        for pattern in patterns:
            if pattern.search(text):
                found += 1
    return time.perf_counter() - began, found


def run_b(automaton: AhoCorasick, segments: list[str]) -> tuple[float, int]:
    began, found = time.perf_counter(), 0
    for text in segments:
        found += len(automaton.find_matches_as_indexes(text))
    return time.perf_counter() - began, found


def run_c(matcher: KoreanMatcher, pairs: list[tuple[str, str]], english: bool = True) -> tuple[float, int, int]:
    began, ko_hits, en_hits = time.perf_counter(), 0, 0
    for ko, en in pairs:
        hits = matcher.find(ko)
        ko_hits += len(hits)
        if hits and english:
            target = EnglishText(en)
            # Terms are frozen dataclasses whose hash walks every field; identity is enough here.
            for term in {id(hit.term): hit.term for hit in hits}.values():
                for rendering in term.english_forms:
                    en_hits += len(target.find(rendering, case_sensitive=term.case_sensitive))
    return time.perf_counter() - began, ko_hits, en_hits


def breakdown(matcher: KoreanMatcher, pairs: list[tuple[str, str]]) -> list[tuple[str, float]]:
    """Microseconds a segment for each stage of (c), cumulative, so the differences say where time goes."""
    table, automaton = fold_strip_table(), matcher._automaton  # noqa: SLF001 (a benchmark looks inside)
    korean = [ko for ko, _ in pairs]

    def per_segment(step) -> float:
        began = time.perf_counter()
        for text in korean:
            step(text)
        return (time.perf_counter() - began) / len(korean) * 1e6

    def scan(text: str) -> object:
        return is_normalized("NFC", text) and automaton.find_matches_as_indexes(text.translate(table), overlapping=True)

    return [
        ("NFC check + fold/strip (str.translate)", per_segment(lambda t: is_normalized("NFC", t) and t.translate(table))),
        ("+ overlapping automaton scan", per_segment(scan)),
        ("+ rules, offsets, KoreanHit objects = find()", per_segment(matcher.find)),
    ]


def main() -> int:
    base = corpora_dir()
    if not (base / PAIRS).is_file() or not (base / NAMES).is_file():
        print(f"park2016 / CLDR corpora not found under {base}; set TANDEM_CORPORA to the corpora folder. "
              "Nothing measured.")
        return 0
    rows = read_tsv(base / PAIRS)
    # Fresh string objects for every repetition: a reused str caches its UTF-8 form, which would
    # flatter the automaton scans.
    pairs = [(r["ko"].encode().decode(), r["en"].encode().decode()) for _ in range(SEGMENTS // len(rows)) for r in rows]
    korean = [ko for ko, _ in pairs]
    chars = sum(map(len, korean))
    terms = glossary(base / NAMES)
    print(f"{len(terms):,} terms ({sum(len(t.korean_forms) for t in terms):,} Korean forms); "
          f"{len(pairs):,} segments ({len(rows):,} distinct pairs), {chars / 1e6:.1f} M Korean chars")

    rss0, began = rss_mb(), time.perf_counter()
    matcher = KoreanMatcher(terms)
    build_s, build_mb = time.perf_counter() - began, rss_mb() - rss0
    print(f"KoreanMatcher build: {build_s * 1000:.0f} ms, {len(matcher):,} folded patterns, +{build_mb:.1f} MB RSS")

    patterns = weblate_patterns(terms)
    a_s, _ = run_a(patterns, korean[:REGEX_SUBSET])
    a_per = a_s / REGEX_SUBSET
    automaton = AhoCorasick([f for t in terms for f in t.korean_forms])
    b_s, b_found = run_b(automaton, korean)

    rss1, began = rss_mb(), time.perf_counter()
    morphology.preload_morphology()
    load_s, load_mb = time.perf_counter() - began, rss_mb() - rss1
    # The distinct segments once, caches cold: what a new document costs, kiwi decisions included.
    c_cold_s, _, _ = run_c(matcher, pairs[:len(rows)], english=False)
    kiwi_words, kiwi_s = morphology.stats.words_analysed, morphology.stats.seconds
    decisions = morphology.is_word_of_compound.cache_info().misses
    c_ko_s, _, _ = run_c(matcher, pairs, english=False)  # Korean only, warm
    c_s, ko_hits, en_hits = run_c(matcher, pairs)  # the real thing, caches warm as in a long session

    n = len(pairs)
    print(f"\n{'':46} {'segments/s':>11} {'µs/segment':>11}")
    print(f"{'(a) per-term re.search loop (extrapolated)':46} {1 / a_per:>11,.1f} {a_per * 1e6:>11,.0f}"
          f"   measured on {REGEX_SUBSET} segments: {a_s:.1f} s; 100,000 would take ~{a_per * n / 60:.0f} min")
    print(f"{'(b) bare ahocorasick_rs scan':46} {n / b_s:>11,.0f} {b_s / n * 1e6:>11.1f}   {b_found:,} raw matches")
    print(f"{'(c) Tandem, Korean only, 1,000 distinct, cold':46} {len(rows) / c_cold_s:>11,.0f} "
          f"{c_cold_s / len(rows) * 1e6:>11.1f}   kiwi decisions included")
    print(f"{'(c) Tandem, Korean only, warm':46} {n / c_ko_s:>11,.0f} {c_ko_s / n * 1e6:>11.1f}")
    print(f"{'(c) Tandem, Korean + English, warm':46} {n / c_s:>11,.0f} {c_s / n * 1e6:>11.1f}"
          f"   {ko_hits:,} Korean hits, {en_hits:,} English rendering hits")
    print(f"\nratio c/a (speed-up over the regex loop): {a_per * n / c_s:,.0f}x   (goal >= 50x)")
    print(f"ratio c/b (time over the bare automaton):  {c_s / b_s:.1f}x, Korean side alone {c_ko_s / b_s:.1f}x"
          f"   (goal <= 3x)")
    print(f"kiwi: loaded in {load_s:.2f} s (+{load_mb:.0f} MB RSS, off the timings); {decisions:,} compound "
          f"decisions ({kiwi_words:,} words analysed) took {kiwi_s * 1000:.0f} ms = {kiwi_s / c_cold_s:.0%} "
          f"of the cold pass over the distinct segments, {kiwi_s / (c_cold_s + c_ko_s):.1%} of all Korean matching here "
          "(cached per word after)")
    print("\nwhere the Korean time goes (µs a segment, cumulative):")
    for label, micros in breakdown(matcher, pairs[:len(rows)] * 10):
        print(f"  {label:46} {micros:6.1f}")
    print(f"  {'English side (EnglishText + find per rendering)':46} {(c_s - c_ko_s) / n * 1e6:6.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB (kiwi ~{load_mb:.0f} MB, automaton ~{build_mb:.0f} MB, the rest corpus copies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
