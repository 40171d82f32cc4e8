"""The news alignment benchmark's article builder and scorer (benchmarks/align_news.py): a draft that
matches the Korean scores all right, and a pairing shifted by one paragraph scores wrong, so the
scorer can fail. Uses two tiny articles from ../shared/corpora; skips when the corpora are absent."""

import dataclasses
import random
from pathlib import Path

import pytest

from corpora import require_corpora
from script_modules import loaded, sibling

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "align_news.py"


@pytest.fixture(scope="module")
def bench():
    yield from loaded(BENCHMARK, "align_news_benchmark")


@pytest.fixture(scope="module")
def articles(bench):
    path = require_corpora("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv")
    pairs = sibling("news_articles").read_tsv_pairs(path)
    built = sibling("news_articles").one_sentence_articles(pairs[:8], "park2016", size=4)
    assert len(built) == 2 and all(len(a.ko) == len(a.en) == 4 for a in built)
    return built


def test_a_draft_matching_the_korean_scores_all_right(bench, articles, tmp_path):
    for article in articles:
        variant = sibling("news_articles").perfect(article)
        tally = bench.score(bench.import_variant(tmp_path, article, variant), variant)
        assert (tally.articles_right, tally.segments_right, tally.segments) == (1, 4, 4)
        assert tally.silent == 0


def test_a_pairing_shifted_by_one_paragraph_scores_wrong(bench, articles, tmp_path):
    for article in articles:
        variant = sibling("news_articles").perfect(article)
        segments = bench.import_variant(tmp_path, article, variant)
        targets = [s.target for s in segments]
        shifted = [dataclasses.replace(s, target=t, note=None) for s, t in zip(segments, targets[1:] + targets[:1])]
        tally = bench.score(shifted, variant)
        assert (tally.articles_right, tally.segments_right) == (0, 0)
        assert tally.silent == 4  # wrong and unmarked
        # A note makes a wrong pair no longer silent, but it is still wrong.
        noted = [dataclasses.replace(s, note="check") for s in shifted]
        tally = bench.score(noted, variant)
        assert (tally.segments_right, tally.silent) == (0, 0)


def test_a_draft_shifted_on_disk_is_caught_through_the_import(bench, articles, tmp_path):
    article = articles[0]
    english = article.en_paragraphs
    rotated = dataclasses.replace(sibling("news_articles").perfect(article), english=english[1:] + english[:1])
    tally = bench.score(bench.import_variant(tmp_path, article, rotated), rotated)
    assert tally.articles_right == 0
    assert tally.segments_right == 0


def test_perturbations_record_the_english_each_korean_paragraph_should_get(bench, articles):
    article = articles[0]
    english = article.en_paragraphs
    drop = bench.perturb(article, "drop", random.Random(1))
    (i,) = drop.site
    assert drop.expected[i] is None and len(drop.english) == 3
    assert [e for e in drop.expected if e is not None] == drop.english
    merge = bench.perturb(article, "merge", random.Random(1))
    assert merge.expected == english and len(merge.english) == 3
    assert len(merge.site) == 2
    # Right but noted away from the perturbed paragraph: a false alarm.
    segments = [bench.importer.PlannedSegment(n + 1, None, "", e, None, "check") for n, e in enumerate(merge.expected)]
    assert bench.score(segments, merge).alarms == 2


def test_held_out_seeds_move_the_perturbations_not_the_articles(bench):
    base = require_corpora("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv").parents[1]
    first, second = (bench.make_issue_jobs(base, seed, 10) for seed in (20, 21))
    assert [a.name for _, a, _ in first] == [a.name for _, a, _ in second]
    assert [v.kind for _, _, v in first] == ["drop", "merge"] * 5
    assert [v.site for _, _, v in first] != [v.site for _, _, v in second]


@pytest.mark.parametrize("text, seeds", [("20-29", range(20, 30)), ("30", range(30, 31))])
def test_a_seed_range_is_read_from_the_command_line(bench, text, seeds):
    assert bench._seed_range(text) == seeds


def test_a_seed_range_that_is_not_one_is_refused(bench, capsys):
    with pytest.raises(SystemExit):
        bench.main(["--held-out", "twenty"])
    assert "expected FIRST-LAST" in capsys.readouterr().err


def test_the_wrong_imports_are_counted_by_article(bench, articles, tmp_path):
    right, shifted = articles
    english = shifted.en_paragraphs
    rotated = dataclasses.replace(sibling("news_articles").perfect(shifted), english=english[1:] + english[:1])
    jobs = [(("issue", "a", "none"), right, sibling("news_articles").perfect(right)), (("issue", "a", "none"), shifted, rotated)]
    wrong = bench.Counter()
    tallies = bench.evaluate(jobs, tmp_path, baseline=False, wrong=wrong)
    assert tallies[("issue", "a", "none")].articles_right == 1
    assert wrong == {shifted.name: 1}


def test_the_held_out_run_prints_each_seed_and_where_the_failures_are(bench, monkeypatch, capsys):
    base = require_corpora("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv").parents[1]
    monkeypatch.setattr(bench, "ISSUE_ARTICLES", 4)
    bench.held_out(base, range(20, 22))
    out = capsys.readouterr().out
    assert "seed 20" in out and "seed 21" in out and "articles right" in out
    assert "not all right, at how many of the 2 positions" in out
    # 13-24 and 25-36 are the second and third of the four: reported apart, their runs counted once.
    assert "loose *     2 articles:" in out and "the rest    2 articles:" in out


def test_the_loose_articles_are_issue_articles(bench):
    base = require_corpora("ko-en-news-park2016", "ko_en_news_park2016_dev.tsv").parents[1]
    names = {a.name for a in sibling("news_articles").issue_articles(base)}
    assert set(sibling("news_articles").LOOSE_ARTICLES) <= names
