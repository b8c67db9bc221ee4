"""Speed and memory of the extraction, on the PolNeAR texts: reruns, the report, the parse's budget, 10k articles, a cluster.

    python -m benchmarks.speed [--runs 3] [--only warm,report,parse,stream,cluster]
                               [--warm-articles 200] [--stream-sizes 1000,5000,10000] [--cluster-articles 1000]

Every figure is the median of ``--runs`` measurements (each run's figure is
printed beside it, since the machines are shared), and every ratio compares
two figures measured in the same run of this script:

- warm: ``python -m helpers extract`` of the first N PolNeAR training articles
  as whole processes, with an empty cache (cold) and then with every article in
  it (warm); target warm / cold <= 1/50;
- report: ``make report`` on the sample articles (data/articles) with an empty
  cache (cold) and then again (warm), whole processes; target warm <= 10 s;
- parse: the whole extraction (parse, actors, claims, timeline, relations)
  against a bare ``nlp.pipe`` of the same model on the same texts, in one
  process, alternating which goes first; target full / bare <= 1.10;
- stream: the PolNeAR texts (training and development) repeated with distinct
  ids up to the largest size, streamed in windows through ``--processes 2``
  into the cache; articles per second and the peak memory of the process and
  its workers at each size (target: growth <= 1.2x from the first size to the
  last); then a warm ``helpers extract --processes 2`` of all of them, which
  must finish in under a minute;
- cluster: the same articles on a ``dask.distributed`` LocalCluster of two
  single-threaded worker processes and on ``--processes 2``: equal tables, and
  articles per second of each.

The stream is long on two shared cores (10,000 articles take tens of minutes):
``--stream-sizes 200,500,1000`` gives a quick run of the same measurement.
"""
from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from helpers.articles import iter_article_paths, load_article
from helpers.evaluation import corpus_folder

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("warm", "report", "parse", "stream", "cluster")


def article_paths(limit: int | None = None, folder: str = "train") -> list[Path]:
    paths = list(iter_article_paths(corpus_folder("polnear", folder, "text")))
    return paths[:limit] if limit else paths


def timed(function) -> float:
    gc.collect()  # the previous phase's garbage is not this phase's cost
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def describe(name: str, values: list[float], unit: str = "s") -> str:
    runs = ", ".join(f"{v:.2f}" if v < 10 else f"{v:.1f}" for v in values)
    return f"{name:40} median {median(values):9.2f} {unit}   (runs: {runs})"


def run_process(command: list[str], env: dict | None = None) -> float:
    """Run a whole process (output discarded, failure raised with its stderr) and return its wall time."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"error: {' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


# ---------------------------------------------------------------- warm rerun against cold run

def extract_command(paths, out: Path, cache: Path, processes: int = 1) -> list[str]:
    return [sys.executable, "-m", "helpers", "extract", *map(str, paths), "--out", str(out), "--cache-dir", str(cache),
            "--no-progress", "--processes", str(processes)]


def measure_warm(count: int, runs: int) -> dict:
    """Cold and warm whole-process extractions of the first ``count`` training articles, ``runs`` times."""
    paths = article_paths(count)
    cold, warm = [], []
    for run in range(runs):
        work = Path(tempfile.mkdtemp(prefix="speed-warm-"))
        try:
            cold.append(run_process(extract_command(paths, work / "cold", work / "cache")))
            warm.append(run_process(extract_command(paths, work / "warm", work / "cache")))
            same = all((work / "warm" / t.name).read_bytes() == t.read_bytes() for t in (work / "cold").glob("*.csv"))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"  warm run {run + 1}: cold {cold[-1]:.1f} s, warm {warm[-1]:.2f} s, same tables: {same}", flush=True)
    print(describe(f"cold extract, {len(paths)} articles", cold))
    print(describe(f"warm extract, {len(paths)} articles", warm))
    ratio = median(warm) / median(cold)
    print(f"{'warm / cold':40} 1/{1 / ratio:.0f}   (target <= 1/50)")
    return {"cold": cold, "warm": warm}


# ---------------------------------------------------------------- the report

def measure_report(runs: int) -> dict:
    """Cold (empty cache) and warm ``make report`` on data/articles, whole processes."""
    cold, warm = [], []
    name = f"speed-benchmark-{os.getpid()}"
    make = ["make", "--no-print-directory", "-o", ".venv/.installed", "report", f"NAME={name}"]
    try:
        for run in range(runs):
            cache = Path(tempfile.mkdtemp(prefix="speed-report-cache-"))
            try:
                cold.append(run_process(make, {"CONFLICT_NEWS_CACHE": str(cache)}))
                warm.append(run_process(make, {"CONFLICT_NEWS_CACHE": str(cache)}))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
            print(f"  report run {run + 1}: cold {cold[-1]:.1f} s, warm {warm[-1]:.1f} s", flush=True)
    finally:
        shutil.rmtree(ROOT / "reports" / name, ignore_errors=True)
    print(describe("cold make report, sample articles", cold))
    print(describe("warm make report, sample articles", warm))
    print(f"{'warm make report':40} {median(warm):.1f} s   (target <= 10 s; {os.cpu_count()} cores)")
    return {"cold": cold, "warm": warm}


# ---------------------------------------------------------------- full extraction against the bare parse

def bare_parse(nlp, texts) -> None:
    for _ in nlp.pipe(texts, batch_size=16):
        pass


def full_extraction(articles, pipeline) -> None:
    from helpers.extract import extract_articles

    for result in extract_articles(articles, pipeline):
        assert not result.error, result.error


def measure_parse(runs: int, limit: int | None) -> dict:
    """Full extraction against bare spaCy on the training articles, alternating which goes first."""
    import spacy

    from helpers.nlp import model_name
    from helpers.pipeline import get_pipeline

    articles = [load_article(p) for p in article_paths(limit)]
    texts = [a.body for a in articles]
    bare_nlp = spacy.load(model_name())
    pipeline = get_pipeline()
    print(f"  {len(articles)} articles, {sum(a.n_words for a in articles):,} words, model {model_name()}")
    bare_parse(bare_nlp, texts[:20])  # warm up both pipelines once
    full_extraction(articles[:20], pipeline)
    figures = {"bare": [], "full": []}
    for run in range(runs):
        phases = [("bare", lambda: bare_parse(bare_nlp, texts)), ("full", lambda: full_extraction(articles, pipeline))]
        for key, phase in phases if run % 2 == 0 else phases[::-1]:
            figures[key].append(timed(phase))
        print(f"  parse run {run + 1}: bare {figures['bare'][-1]:.1f} s, full {figures['full'][-1]:.1f} s", flush=True)
    print(describe("bare spaCy nlp.pipe", figures["bare"]))
    print(describe("full extraction, 1 process", figures["full"]))
    print(f"{'full / bare':40} {median(figures['full']) / median(figures['bare']):.2f}x   (target <= 1.10)")
    return figures


# ---------------------------------------------------------------- ten thousand articles

def repeated_corpus(count: int, path: Path) -> Path:
    """A JSONL corpus of ``count`` articles: the PolNeAR texts (train, then dev) over and over, each with its own id."""
    sources = [(p.stem, p.read_text(encoding="utf-8")) for p in article_paths(None, "train") + article_paths(None, "dev")]
    with path.open("w", encoding="utf-8") as out:
        for number, (stem, text) in zip(range(count), itertools.cycle(sources)):
            out.write(json.dumps({"id": f"{stem}-{number:05d}", "text": text}, ensure_ascii=False) + "\n")
    return path


class MemoryWatch:
    """The peak resident memory of this process plus its live children, sampled every 50 ms on a thread.

    Resident sizes are summed, so pages a forked worker still shares with this
    process (the pipeline) count once per process: an upper bound, whose growth
    over the stream is the figure to read.
    """

    def __init__(self):
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def now(self) -> int:
        import psutil

        total = 0
        for process in [self.process, *self.process.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _watch(self):
        while self.running:
            self.peak = max(self.peak, self.now())
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.thread.join()


def measure_stream(sizes: list[int], runs: int, window: int = 1000) -> dict:
    """Stream the repeated corpus through two worker processes into a cache, then rerun it warm."""
    from helpers.cache import ResultCache
    from helpers.extract import extract_articles
    from helpers.pipeline import get_pipeline, signature
    from helpers.records import read_records

    work = Path(tempfile.mkdtemp(prefix="speed-stream-"))
    try:
        corpus = repeated_corpus(max(sizes), work / "corpus.jsonl")
        cache = ResultCache(work / "cache", signature())
        pipeline = get_pipeline()
        watch = MemoryWatch()
        start, done, errors = time.perf_counter(), 0, 0
        checkpoints = {}
        records = read_records(corpus)
        while done < max(sizes):
            batch = list(itertools.islice(records, min(window, max(sizes) - done)))
            for result, article in zip(extract_articles(batch, pipeline, n_process=2), batch):
                errors += bool(result.error)
                if not result.error:
                    cache.put(article, result)
                done += 1
                if done in sizes:
                    elapsed = time.perf_counter() - start
                    checkpoints[done] = (elapsed, watch.peak)
                    print(f"  stream: {done:6,} articles in {elapsed:7.1f} s, {done / elapsed:5.1f} articles/s, "
                          f"peak memory {watch.peak / 2**20:6.0f} MB", flush=True)
        watch.stop()
        first, last = min(checkpoints), max(checkpoints)
        print(f"{'stream, 2 processes':40} {last / checkpoints[last][0]:.1f} articles/s over {last:,} articles "
              f"({errors} failed)")
        growth = checkpoints[last][1] / checkpoints[first][1]
        print(f"{f'peak memory {last:,} / {first:,}':40} {growth:.2f}x   (target <= 1.20)")
        warm, memory = [], []
        for run in range(runs):
            command = [sys.executable, "-c", "import resource, sys; from helpers.cli import main; status = main(sys.argv[1:]); "
                       "print(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))); "
                       "sys.exit(status)",
                       *extract_command([corpus], work / "out", work / "cache", processes=2)[3:]]
            start = time.perf_counter()
            out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            warm.append(time.perf_counter() - start)
            if out.returncode:
                raise SystemExit(f"error: the warm rerun failed:\n{out.stderr[-2000:]}")
            memory.append(int(out.stdout.split()[-1]) / 1024)
            print(f"  warm rerun {run + 1}: {warm[-1]:.1f} s, peak memory {memory[-1]:.0f} MB "
                  f"({out.stdout.splitlines()[0]})", flush=True)
        print(describe(f"warm rerun, {last:,} articles", warm))
        print(describe(f"warm rerun peak memory", memory, "MB"))
        print(f"{'warm rerun':40} {median(warm):.1f} s   (target < 60 s)")
        return {"checkpoints": checkpoints, "warm": warm}
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- a Dask cluster

def measure_cluster(count: int, runs: int) -> dict:
    """The same articles on a LocalCluster of two worker processes and on --processes 2: same tables, throughput."""
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    from helpers.corpus import load_corpus
    from helpers.records import read_records

    work = Path(tempfile.mkdtemp(prefix="speed-cluster-"))
    try:
        corpus = repeated_corpus(count, work / "corpus.jsonl")
        figures = {"processes": [], "cluster": [], "cluster_start": []}
        started = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            figures["cluster_start"].append(time.perf_counter() - started)
            client.run(lambda: __import__("helpers.pipeline").pipeline.get_pipeline() and None)  # load the model once
            for run in range(runs):
                local = load_corpus(corpus, cache=False, progress=False, n_process=2)
                figures["processes"].append(timed(lambda: local.tables))
                remote = load_corpus(corpus, cache=False, progress=False, dask_client=client)
                figures["cluster"].append(timed(lambda: remote.tables))
                for name in local.tables:
                    pd.testing.assert_frame_equal(local.tables[name], remote.tables[name])
                print(f"  cluster run {run + 1}: --processes 2 {figures['processes'][-1]:.1f} s, "
                      f"LocalCluster {figures['cluster'][-1]:.1f} s, tables equal: True "
                      f"({', '.join(f'{len(t):,} {n}' for n, t in local.tables.items())})", flush=True)
                del local, remote
        print(f"  LocalCluster of 2 workers started in {figures['cluster_start'][0]:.1f} s (not counted)")
        print(describe(f"--processes 2, {count:,} articles", figures["processes"]))
        print(describe(f"LocalCluster (2 workers), {count:,} articles", figures["cluster"]))
        processes, cluster = count / median(figures["processes"]), count / median(figures["cluster"])
        print(f"{'articles/s: --processes 2, LocalCluster':40} {processes:.1f}, {cluster:.1f}  "
              f"(cluster / processes {cluster / processes:.2f}x; tables equal in every run)")
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measurements per figure (default 3)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run (default: all of {','.join(SECTIONS)})")
    parser.add_argument("--warm-articles", type=int, default=200, help="articles of the warm/cold runs (default 200)")
    parser.add_argument("--limit", type=int, help="only the first N training articles in the parse section (default all)")
    parser.add_argument("--stream-sizes", default="1000,5000,10000", help="stream checkpoints (default 1000,5000,10000)")
    parser.add_argument("--stream-runs", type=int, help="warm reruns of the stream (default --runs)")
    parser.add_argument("--cluster-articles", type=int, default=1000, help="articles of the cluster run (default 1000)")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"--only: no section {', '.join(unknown)} (sections: {', '.join(SECTIONS)})")
    print(f"{os.cpu_count()} cores; load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.runs} runs",
          flush=True)
    if "warm" in chosen:
        measure_warm(args.warm_articles, args.runs)
    if "report" in chosen:
        measure_report(args.runs)
    if "parse" in chosen:
        measure_parse(args.runs, args.limit)
    if "cluster" in chosen:
        measure_cluster(args.cluster_articles, args.runs)
    if "stream" in chosen:
        sizes = sorted(int(s) for s in args.stream_sizes.split(","))
        measure_stream(sizes, args.stream_runs or args.runs)
    print(f"load average at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
