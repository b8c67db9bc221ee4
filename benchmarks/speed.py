"""Speed and memory of the extraction against bare spaCy, on the PolNeAR training articles.

    python -m benchmarks.speed [--runs 3] [--limit N]

In one run and on one machine, each measured ``--runs`` times (medians are
printed, with every run's figure beside them, since the machines are shared):

- bare: ``nlp.pipe`` of the same spaCy model alone, nothing else;
- full: the whole extraction (parse, actors, claims, timeline, relations) in one process;
- full, 2 processes: the same with ``n_process=2``;
- cold: ``load_corpus(...).tables`` with an empty cache (extraction, tables, cache writes);
- warm: the same again, everything read from the cache;
- add one: the warm corpus plus one new article;
- peak resident memory of a fresh process building the tables of 200 and of all articles.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.articles import iter_article_paths, load_article
from helpers.evaluation import corpus_folder


def article_paths(limit: int | None = None) -> list[Path]:
    paths = list(iter_article_paths(corpus_folder("polnear", "train", "text")))
    return paths[:limit] if limit else paths


def timed(function) -> float:
    gc.collect()  # the previous phase's garbage is not this phase's cost
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bare_parse(nlp, texts) -> None:
    for _ in nlp.pipe(texts, batch_size=16):
        pass


def full_extraction(articles, pipeline, n_process: int) -> None:
    from helpers.extract import extract_articles

    for result in extract_articles(articles, pipeline, n_process=n_process):
        assert not result.error, result.error


def corpus_tables(paths, cache: Path) -> dict:
    from helpers.corpus import load_corpus

    corpus = load_corpus(paths, cache=cache, progress=False)
    corpus.tables
    return corpus.stats


def peak_memory_mb(limit: int) -> float:
    """Peak resident memory of a fresh process that builds the tables of the first `limit` articles (no cache)."""
    code = ("import resource, sys; from benchmarks.speed import article_paths; from helpers.corpus import load_corpus; "
            f"c = load_corpus(article_paths({limit}), cache=False, progress=False); c.tables; "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    return int(done.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def describe(name: str, values: list[float], unit: str = "s") -> str:
    runs = ", ".join(f"{v:.1f}" for v in values)
    return f"{name:34} median {statistics.median(values):8.2f} {unit}   (runs: {runs})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measurements per figure (default 3)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args(argv)

    import spacy

    from helpers.nlp import model_name
    from helpers.pipeline import get_pipeline

    paths = article_paths(args.limit)
    articles = [load_article(p) for p in paths]
    texts = [a.body for a in articles]
    extra = next(iter_article_paths(corpus_folder("polnear", "dev", "text")))
    bare_nlp = spacy.load(model_name())
    pipeline = get_pipeline()
    print(f"{len(articles)} PolNeAR training articles, {sum(a.n_words for a in articles):,} words; "
          f"model {model_name()}; {os.cpu_count()} cores; {args.runs} runs")

    figures = {key: [] for key in ("bare", "full", "full2", "cold", "warm", "add")}
    bare_parse(bare_nlp, texts[:20])            # warm up both pipelines once
    full_extraction(articles[:20], pipeline, 1)
    for run in range(args.runs):
        # bare and full alternate which goes first, so neither always pays for what ran before it
        phases = [("bare", lambda: bare_parse(bare_nlp, texts)), ("full", lambda: full_extraction(articles, pipeline, 1))]
        for key, phase in phases if run % 2 == 0 else phases[::-1]:
            figures[key].append(timed(phase))
        figures["full2"].append(timed(lambda: full_extraction(articles, pipeline, 2)))
        cache = Path(tempfile.mkdtemp(prefix="speed-cache-"))
        try:
            figures["cold"].append(timed(lambda: corpus_tables(paths, cache)))
            figures["warm"].append(timed(lambda: corpus_tables(paths, cache)))
            added = {}
            figures["add"].append(timed(lambda: added.update(corpus_tables(paths + [extra], cache))))
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        print(f"run {run + 1}: bare {figures['bare'][-1]:.1f} s, full {figures['full'][-1]:.1f} s, "
              f"2 processes {figures['full2'][-1]:.1f} s, cold {figures['cold'][-1]:.1f} s, "
              f"warm {figures['warm'][-1]:.2f} s, add one {figures['add'][-1]:.2f} s "
              f"({added['extracted']} extracted, {added['from_cache']} from the cache)", flush=True)

    median = {key: statistics.median(values) for key, values in figures.items()}
    extra_text = load_article(extra).body
    one_article = statistics.median(timed(lambda: bare_parse(bare_nlp, [extra_text])) for _ in range(5))
    print()
    print(describe("bare spaCy nlp.pipe", figures["bare"]))
    print(describe("full extraction, 1 process", figures["full"]))
    print(describe("full extraction, 2 processes", figures["full2"]))
    print(describe("cold corpus (empty cache)", figures["cold"]))
    print(describe("warm corpus (all cached)", figures["warm"]))
    print(describe("warm corpus + 1 new article", figures["add"]))
    print()
    print(f"full / bare                        {median['full'] / median['bare']:.2f}x   (target <= 1.30)")
    print(f"2 processes / 1 process            {median['full2'] / median['full']:.2f}x   (target < 1)")
    print(f"cold / warm                        {median['cold'] / median['warm']:.1f}x   (target >= 20)")
    print(f"add one - warm                     {median['add'] - median['warm']:.2f} s   "
          f"(the added article's bare parse: {one_article:.2f} s; mean article: {median['bare'] / len(articles):.2f} s)")

    small = min(200, len(articles))
    memory = {small: [], len(articles): []}
    for _ in range(args.runs):
        for count in memory:
            memory[count].append(peak_memory_mb(count))
    print()
    for count, values in memory.items():
        print(describe(f"peak memory, {count} articles", values, "MB"))
    ratio = statistics.median(memory[len(articles)]) / statistics.median(memory[small])
    print(f"peak memory {len(articles)} / {small}              {ratio:.2f}x   (target <= 1.20, and < 1500 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
