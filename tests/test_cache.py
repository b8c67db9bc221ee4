"""The incremental cache and the parallel back-ends: same tables, less work, nothing stale trusted."""
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from helpers import load_corpus

from .conftest import ARTICLES, ROOT


def tables_equal(a, b):
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=True)


@pytest.fixture
def folder(tmp_path):
    """A copy of the three articles, free to edit."""
    target = tmp_path / "articles"
    shutil.copytree(ARTICLES, target)
    return target


def test_a_warm_run_reads_everything_from_the_cache_and_gives_the_same_tables(folder, tmp_path):
    cache = tmp_path / "cache"
    cold = load_corpus(folder, cache=cache, progress=False)
    cold_tables = cold.tables
    assert cold.stats["extracted"] == 3 and len(list(cache.rglob("*.json"))) == 3
    warm = load_corpus(folder, cache=cache, progress=False)
    tables_equal(cold_tables, warm.tables)
    assert warm.stats == {"articles": 3, "from_cache": 3, "extracted": 0, "broken_cache_entries": 0}


def test_an_edited_or_added_article_is_the_only_one_extracted(folder, tmp_path):
    cache = tmp_path / "cache"
    load_corpus(folder, cache=cache, progress=False).tables
    edited = folder / "2025-03-14-iraq-says-key-islamic-state-leader-is-dead.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nIraqi officials said on Saturday that the search goes on.\n",
                      encoding="utf-8")
    (folder / "new.md").write_text("---\npublished: 2024-01-02\n---\nThe army said on Monday it had retaken the town.\n",
                                   encoding="utf-8")
    again = load_corpus(folder, cache=cache, progress=False)
    again.tables
    assert again.stats["extracted"] == 2 and again.stats["from_cache"] == 2
    assert "the search goes on" in " ".join(again.claims.text)


@pytest.mark.parametrize("damage", [
    lambda path: path.write_text(path.read_text(encoding="utf-8")[:100], encoding="utf-8"),   # truncated
    lambda path: path.write_bytes(b"\x00\xff garbage"),                                      # not JSON
    lambda path: path.write_text(path.read_text(encoding="utf-8").replace('"m1"', '"m9"'), encoding="utf-8"),  # edited
])
def test_a_broken_cache_entry_is_detected_and_rebuilt(folder, tmp_path, damage):
    cache = tmp_path / "cache"
    reference = load_corpus(folder, cache=cache, progress=False).tables
    entry = sorted(cache.rglob("*.json"))[0]
    damage(entry)
    again = load_corpus(folder, cache=cache, progress=False)
    tables_equal(reference, again.tables)
    assert again.stats["broken_cache_entries"] == 1 and again.stats["extracted"] == 1
    healed = load_corpus(folder, cache=cache, progress=False)
    healed.tables
    assert healed.stats["from_cache"] == 3


def test_a_changed_dictionary_invalidates_the_entries(folder, tmp_path):
    cache = tmp_path / "cache"
    load_corpus(folder, cache=cache, progress=False).tables
    dictionary = tmp_path / "actors.yaml"
    dictionary.write_text("- {id: baaj, name: Baaj, kind: place}\n", encoding="utf-8")
    changed = load_corpus(folder, cache=cache, progress=False, dictionary=dictionary)
    changed.tables
    assert changed.stats["extracted"] == 3


def test_no_cache_writes_nothing(folder, tmp_path):
    cache = tmp_path / "cache"
    load_corpus(folder, cache=False, progress=False).tables
    assert not cache.exists()


def test_command_line_cache_options(folder, tmp_path):
    cache = tmp_path / "cli-cache"
    run = [sys.executable, "-m", "helpers", "extract", str(folder), "--out", str(tmp_path / "out"),
           "--cache-dir", str(cache)]
    first = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    second = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0 and "(0 from the cache)" in first.stdout
    assert second.returncode == 0 and "(3 from the cache)" in second.stdout
    off = subprocess.run([*run[:-2], "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert off.returncode == 0 and "(0 from the cache)" in off.stdout


def test_two_processes_give_the_same_tables(folder):
    single = load_corpus(folder, cache=False, progress=False).tables
    double = load_corpus(folder, cache=False, progress=False, n_process=2)
    double.tables
    tables_equal(single, double.tables)


def test_a_dask_cluster_gives_the_same_tables(folder):
    distributed = pytest.importorskip("dask.distributed")
    local = load_corpus(folder, cache=False, progress=False).tables
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        remote = load_corpus(folder, cache=False, progress=False, dask_client=client)
        tables_equal(local, remote.tables)
