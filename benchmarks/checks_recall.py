"""What the checks find and what they cry wolf about, on human Korean-English pairs they were never
tuned on (issue 14).

Human pairs: park2016 dev (news), NTREX-128 (news, sentence by sentence) and JHE dev (general), from
../shared/corpora (or $TANDEM_CORPORA), read at run time and never copied. For each pair:

- false alarms: the share of human pairs with an error finding, with any warning, and per check;
- recall: copies of the pairs with one known error seeded into the English (fixed seed), each kind
  seeded only where it applies (a day of the month only where the English has one), counted found
  when a finding appears that the clean pair did not have (an error or a warning).

The seeded kinds are the issue's: a digit changed, a scale error (million/billion, thousand), the
month changed, the day of the month changed, the year changed, a sentence dropped, Korean left in the
English. Each pair is checked as a one-segment document with every segment check and no glossary.

Run: python benchmarks/checks_recall.py [--seed N] [--per-kind N] [--pairs N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workflow.checks import CheckContext, SegmentText, check_segment  # noqa: E402
from workflow.checks.model import Severity  # noqa: E402
from workflow.sentences import split_sentences  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pofilter_side  # noqa: E402  (beside this script)

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{1,2})\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_DIGITS = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])")
_SCALE = re.compile(r"\b(thousand|million|billion|trillion)\b")
_OTHER_SCALE = {"thousand": "million", "million": "billion", "billion": "million", "trillion": "billion"}
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")


def corpora() -> Path:
    base = Path(os.environ.get("TANDEM_CORPORA") or REPO.parent / "shared" / "corpora")
    if not base.exists():
        sys.exit(f"checks_recall: the shared corpora are not at {base}; set TANDEM_CORPORA to their folder")
    return base


def human_pairs(base: Path) -> dict[str, list[tuple[str, str]]]:
    import json

    def tsv(path: Path) -> list[tuple[str, str]]:
        rows = path.read_text(encoding="utf-8").splitlines()[1:]
        return [(r.split("\t")[3], r.split("\t")[4]) if r.count("\t") >= 4 else ("", "") for r in rows]

    ntrex = []
    for line in (base / "ko-en-news-ntrex128" / "ntrex128_ko_en_documents.jsonl").read_text(
            encoding="utf-8").splitlines():
        doc = json.loads(line)
        ntrex += list(zip(doc["ko"], doc["en"]))
    return {"park2016": tsv(base / "ko-en-news-park2016" / "ko_en_news_park2016_dev.tsv"),
            "ntrex128": ntrex,
            "jhe": tsv(base / "ko-en-jhe" / "ko_en_jhe_dev.tsv")}


# Each seeder returns the English with one error in it, or None where the kind does not apply.
def _digit(ko: str, en: str, rng: random.Random) -> str | None:
    found = [m for m in _DIGITS.finditer(en) if not _YEAR.fullmatch(m.group(0))]
    if not found:
        return None
    m = rng.choice(found)
    text = m.group(0)
    spots = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(spots)
    digit = str((int(text[i]) + rng.randint(1, 8)) % 10)
    if i == 0 and digit == "0" and len(spots) > 1:
        digit = "9"
    return en[:m.start()] + text[:i] + digit + text[i + 1:] + en[m.end():]


_SCALED = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(\s?(?:thousand|million|billion|trillion|bn|m)\b)")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")


def _scale(ko: str, en: str, rng: random.Random) -> str | None:
    """One of the scale slips Korean's 만 and 억 invite: million for billion, a number ten times too
    big or small before its scale word (1억 as "10 million"), or a thousand too many or few
    (5만 as "5,000")."""
    spots: list[tuple[int, int, str]] = []
    for m in _SCALE.finditer(en):
        spots.append((m.start(), m.end(), _OTHER_SCALE[m.group(0)]))
    for m in _SCALED.finditer(en):
        value = Decimal(m.group(1))
        shifted = value * 10 if value < 100 or rng.random() < 0.5 else value / 10
        spots.append((m.start(1), m.end(1), format(shifted.normalize(), "f")))
    for m in _THOUSANDS.finditer(en):
        value = int(m.group(0).replace(",", ""))
        shifted = value // 10 if value % 10 == 0 and rng.random() < 0.5 else value * 10
        spots.append((m.start(), m.end(), f"{shifted:,}"))
    if not spots:
        return None
    start, end, text = rng.choice(spots)
    return en[:start] + text + en[end:]


def _month(ko: str, en: str, rng: random.Random) -> str | None:
    found = list(_MONTH.finditer(en))
    if not found or "월" not in ko:
        return None
    m = rng.choice(found)
    other = rng.choice([name for name in MONTHS if name != m.group(0)])
    return en[:m.start()] + other + en[m.end():]


def _day(ko: str, en: str, rng: random.Random) -> str | None:
    found = list(_DAY.finditer(en))
    if not found or "일" not in ko:
        return None
    m = rng.choice(found)
    day = int(m.group(2))
    other = day + 1 if day < 28 else day - 1
    return en[:m.start(2)] + str(other) + en[m.end(2):]


def _year(ko: str, en: str, rng: random.Random) -> str | None:
    found = list(_YEAR.finditer(en))
    if not found:
        return None
    m = rng.choice(found)
    return en[:m.start()] + str(int(m.group(0)) + rng.choice((-1, 1))) + en[m.end():]


def _dropped(ko: str, en: str, rng: random.Random) -> str | None:
    sentences = split_sentences(en, "en")
    if len(sentences) < 2:
        return None
    drop = rng.randrange(len(sentences))
    return " ".join(s for i, s in enumerate(sentences) if i != drop)


def _korean_left(ko: str, en: str, rng: random.Random) -> str | None:
    words = _HANGUL_WORD.findall(ko)
    english = en.split()
    if not words or len(english) < 3:
        return None
    i = rng.randrange(1, len(english))
    return " ".join(english[:i] + [rng.choice(words)] + english[i:])


SEEDERS: dict[str, Callable[[str, str, random.Random], str | None]] = {
    "digit": _digit, "scale": _scale, "month": _month, "day": _day, "year": _year,
    "dropped sentence": _dropped, "Korean left": _korean_left,
}


def findings(ko: str, en: str, context: CheckContext):
    return check_segment(SegmentText(1, ko, en), context)


def key(finding) -> tuple[str, tuple | None, tuple | None]:
    # A finding on another number or sentence than the clean pair's is a new finding.
    return finding.check, finding.source_span, finding.target_span


def _changed(clean: str, wrong: str) -> tuple[int, int]:
    """The span of the clean English the seeder changed."""
    start = next((i for i, (a, b) in enumerate(zip(clean, wrong)) if a != b), min(len(clean), len(wrong)))
    end = 0
    while end < min(len(clean), len(wrong)) - start and clean[-1 - end] == wrong[-1 - end]:
        end += 1
    return start, max(start + 1, len(clean) - end)


def _already_flagged(found: list, span: tuple[int, int]) -> bool:
    # The clean pair already has a finding on the English the seeder changed: the Korean lacks that
    # number, or the corpus pair already disagrees there. A finding there says nothing new.
    return any(f.target_span and f.target_span[0] < span[1] and span[0] < f.target_span[1] for f in found)


VERDICTS = Path(__file__).with_name("checks_verdicts.tsv")


def verdicts() -> dict[tuple[str, int, str], tuple[str, str, str]]:
    """(corpus, row, check) -> (how the Korean begins, "real" or "false", why), read by hand."""
    read = {}
    for line in VERDICTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            corpus, row, check, begins, verdict, why = line.split("\t")
            assert verdict in ("real", "false"), f"{VERDICTS.name}: verdict {verdict!r}"
            read[corpus, int(row), check] = (begins, verdict, why)
    return read


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--per-kind", type=int, default=0, help="seeded copies per kind (default: one in every pair the kind applies to)")
    parser.add_argument("--pairs", type=int, default=0, help="human pairs per corpus (default: all)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    context = CheckContext()
    sources = human_pairs(corpora())
    pairs: list[tuple[str, int, str, str]] = []  # corpus, row in the corpus, Korean, English
    for name, rows in sources.items():
        rows = rows[:args.pairs] if args.pairs else rows
        pairs += [(name, row, k, e) for row, (k, e) in enumerate(rows) if k.strip() and e.strip()]
    pofilter = pofilter_side.available()

    clean: dict[int, list] = {}
    clean_po: dict[int, frozenset[str]] = {}
    errors = Counter()
    warnings = Counter()
    by_check: Counter = Counter()
    by_test: Counter = Counter()
    flagged_errors: dict[tuple[str, int, str], str] = {}
    for n, (name, row, ko, en) in enumerate(pairs):
        found = findings(ko, en, context)
        clean[n] = found
        errors[name] += any(f.severity is Severity.ERROR for f in found)
        warnings[name] += any(f.severity is Severity.WARNING for f in found)
        for check in {f.check for f in found}:
            by_check[check] += 1
        for f in found:
            if f.severity is Severity.ERROR:
                flagged_errors.setdefault((name, row, f.check), f.message)
        if pofilter:
            clean_po[n] = pofilter_side.failures(ko, en)
            by_test.update(clean_po[n])
    totals = Counter(name for name, _r, _k, _e in pairs)

    print(f"Human pairs (seed {args.seed}); a pair counts once per check however many findings it has")
    print(f"{'corpus':<10}{'pairs':>7}{'with an error':>16}{'with a warning':>17}")
    for name in sources:
        print(f"{name:<10}{totals[name]:>7}{errors[name]:>9} {errors[name] / totals[name]:6.1%}"
              f"{warnings[name]:>10} {warnings[name] / totals[name]:6.1%}")
    everything = sum(totals.values())
    print(f"{'all':<10}{everything:>7}{sum(errors.values()):>9} {sum(errors.values()) / everything:6.1%}"
          f"{sum(warnings.values()):>10} {sum(warnings.values()) / everything:6.1%}")
    print("\nPairs flagged, per check")
    for check, count in by_check.most_common():
        print(f"  {check:<28}{count:>6} {count / everything:6.1%}")
    _hand_read(flagged_errors, pairs, whole=not args.pairs)
    if pofilter:
        print("\npofilter (translate-toolkit) on the same pairs: pairs each test flags")
        for test in pofilter_side.TESTS:
            print(f"  {test:<28}{by_test[test]:>6} {by_test[test] / everything:6.1%}")
    else:
        print("\npofilter: translate-toolkit is not installed, so the side-by-side is skipped "
              "(pip install translate-toolkit; it is never a dependency of Tandem)")

    print("\nSeeded errors: found (a new error or warning) of seeded, one copy of each pair a kind applies to"
          + (f", {args.per_kind} a kind at most" if args.per_kind else ""))
    print(f"{'kind':<18}{'seeded':>7}{'found':>7}{'recall':>8}{'as error':>10}{'on a clean spot':>17}"
          + ("   pofilter" if pofilter else ""))
    order = list(range(len(pairs)))
    for kind, seed in SEEDERS.items():
        rng = random.Random(f"{args.seed}:{kind}")  # each kind its own draws: one seeder's change moves no other
        rng.shuffle(order)
        seeded = found_any = found_error = found_po = clean_spots = found_clean = 0
        for n in order:
            if args.per_kind and seeded >= args.per_kind:
                break
            _name, _row, ko, en = pairs[n]
            wrong = seed(ko, en, rng)
            if wrong is None or wrong == en:
                continue
            seeded += 1
            before = {key(f) for f in clean[n]}
            new = [f for f in findings(ko, wrong, context) if key(f) not in before]
            found_any += bool(new)
            found_error += any(f.severity is Severity.ERROR for f in new)
            if not _already_flagged(clean[n], _changed(en, wrong)):
                clean_spots += 1
                found_clean += bool(new)
            if pofilter:
                found_po += bool(pofilter_side.failures(ko, wrong) - clean_po[n])
        if seeded:
            on_clean = f"{found_clean / clean_spots:6.1%} of {clean_spots:>4}" if clean_spots else ""
            print(f"{kind:<18}{seeded:>7}{found_any:>7}{found_any / seeded:8.1%}{found_error / seeded:10.1%}"
                  f"{on_clean:>17}" + (f"{found_po / seeded:11.1%}" if pofilter else ""))
        else:
            print(f"{kind:<18}{0:>7}  (nowhere to seed it)")
    print(f"\nruntime {time.perf_counter() - started:.1f} s")


def _hand_read(flagged: dict[tuple[str, int, str], str], pairs: list[tuple[str, int, str, str]],
               whole: bool) -> None:
    """The error findings against the verdicts in checks_verdicts.tsv: how many are false, how many
    of the known real disagreements are still flagged, and any not yet read."""
    read = verdicts()
    korean = {(name, row): ko for name, row, ko, _e in pairs}
    for (name, row, _check), (begins, _v, _w) in read.items():
        if (name, row) in korean and not korean[name, row].startswith(begins):
            sys.exit(f"{VERDICTS.name}: {name} row {row} no longer begins {begins!r}; the corpus changed")
    false = {(n, r) for (n, r, c) in flagged if read.get((n, r, c), ("", "", ""))[1] == "false"}
    unread = {k: m for k, m in flagged.items() if k not in read}
    real = {(n, r) for (n, r, c), (_b, verdict, _w) in read.items() if verdict == "real"}
    still = {(n, r) for (n, r, c) in flagged if (n, r) in real}
    print(f"\nError findings read by hand ({VERDICTS.name})")
    print(f"  human pairs with a false error finding   {len(false):>4}")
    if whole:
        print(f"  known real disagreements still flagged   {len(still):>4} of {len(real)}")
    for (name, row, check), message in sorted(unread.items()):
        print(f"  NOT YET READ: {name} row {row} {check}: {message}")


if __name__ == "__main__":
    main()
