"""The incremental cache and the parallel back-ends: same tables, less work, nothing stale trusted."""
import errno
import hashlib
import hmac
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import helpers.cache
from helpers import load_corpus
from helpers.cache import ENTRY_HEADER, ResultCache
from helpers.extract import PER_ARTICLE_TABLES, ArticleResult
from helpers.pipeline import get_pipeline

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


# ---------------------------------------------------------------- a cache nobody can feed rows

FORGED = "Forged Front"


def forge_rows(entry_tables: dict) -> dict:
    """An entry's tables with an actor the article never names."""
    tables = json.loads(json.dumps(entry_tables))
    tables["actors"].append(dict(tables["actors"][0], actor_id="forged-front", name=FORGED, aliases=FORGED))
    return tables


def first_entry(cache: Path):
    entry = sorted(cache.rglob("*.json"))[0]
    body = entry.read_bytes().partition(b"\n")[2]
    return entry, json.loads(body)


def test_a_forged_entry_with_a_valid_plain_checksum_is_not_trusted(folder, tmp_path, capsys):
    cache = tmp_path / "cache"
    reference = load_corpus(folder, cache=cache, progress=False).tables
    entry, stored = first_entry(cache)
    tables = forge_rows(stored["tables"])
    canonical = json.dumps(tables, sort_keys=True, ensure_ascii=False)
    # the entry as the old cache wrote it, with a correct sha256 of its rows
    entry.write_text(json.dumps({"format": 1, "key": entry.stem, "tables": tables,
                                 "digest": hashlib.sha256(canonical.encode()).hexdigest()}), encoding="utf-8")
    capsys.readouterr()
    again = load_corpus(folder, cache=cache, progress=False)
    tables_equal(reference, again.tables)
    assert FORGED not in set(again.actors.name)
    assert again.stats["broken_cache_entries"] == 1
    assert f"warning: cache entry {entry} is not an entry of this version: the article is extracted again" \
           in capsys.readouterr().err.splitlines()


def test_an_entry_signed_with_another_key_is_not_trusted(folder, tmp_path, capsys):
    cache = tmp_path / "cache"
    reference = load_corpus(folder, cache=cache, progress=False).tables
    entry, stored = first_entry(cache)
    body = json.dumps({"key": entry.stem, "tables": forge_rows(stored["tables"])}).encode()
    mac = hmac.new(b"0" * 64, entry.stem.encode() + b"\x00" + body, hashlib.sha256).hexdigest()
    entry.write_bytes(ENTRY_HEADER + mac.encode() + b"\n" + body)
    capsys.readouterr()
    again = load_corpus(folder, cache=cache, progress=False)
    tables_equal(reference, again.tables)
    assert "fails its authentication" in capsys.readouterr().err


def test_the_key_file_is_the_users_own_with_mode_0600_outside_the_cache(folder, tmp_path, monkeypatch, capsys):
    key = tmp_path / "config" / "cache.key"
    monkeypatch.setenv("CONFLICT_NEWS_CACHE_KEY", str(key))
    cache = tmp_path / "cache"
    load_corpus(folder, cache=cache, progress=False).tables
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_text().strip()) == 64
    key.chmod(0o644)   # a secret others can read is none: no cache, one warning, the same tables
    capsys.readouterr()
    shared = load_corpus(folder, cache=cache, progress=False)
    shared.tables
    assert shared.stats["from_cache"] == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: the cache key file {key} is not the user's own with mode 0600: going on without the cache"]
    monkeypatch.setenv("CONFLICT_NEWS_CACHE_KEY", str(cache / "cache.key"))
    inside = load_corpus(folder, cache=cache, progress=False)
    inside.tables
    assert "is inside the cache folder" in capsys.readouterr().err and not (cache / "cache.key").exists()


def replace_entry(entry: Path, kind: str) -> None:
    entry.unlink()
    if kind == "link to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
        (entry / "x").write_text("{}")
    elif kind == "oversized":
        with entry.open("wb") as file:     # sparse: 100 MB that cost no disk
            file.truncate(100 * 1024 * 1024)
    elif kind == "deeply nested":
        entry.write_text("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize("kind", ["link to /dev/zero", "fifo", "folder", "oversized", "deeply nested"])
def test_an_entry_that_is_no_plain_small_file_is_not_read(folder, tmp_path, kind, capsys):
    cache = tmp_path / "cache"
    reference = load_corpus(folder, cache=cache, progress=False).tables
    entry, _ = first_entry(cache)
    replace_entry(entry, kind)
    capsys.readouterr()
    again = load_corpus(folder, cache=cache, progress=False)
    tables_equal(reference, again.tables)
    assert again.stats["broken_cache_entries"] == 1
    assert f"warning: cache entry {entry} " in capsys.readouterr().err


def test_an_authentic_entry_without_its_article_row_is_rebuilt(folder, tmp_path):
    cache = tmp_path / "cache"
    reference = load_corpus(folder, cache=cache, progress=False)
    reference_tables = reference.tables
    store = ResultCache(cache, get_pipeline().signature)
    article = reference.documents[0]
    store.put(article, ArticleResult(article.article_id, article.path, {name: [] for name in PER_ARTICLE_TABLES}))
    again = load_corpus(folder, cache=cache, progress=False)
    tables_equal(reference_tables, again.tables)
    assert again.stats["broken_cache_entries"] == 1


def test_a_cache_that_cannot_be_written_gives_one_warning_and_the_run_goes_on(folder, tmp_path, monkeypatch, capsys):
    def read_only(path, write):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(helpers.cache, "write_atomic", read_only)
    reference = load_corpus(folder, cache=False, progress=False).tables
    capsys.readouterr()
    corpus = load_corpus(folder, cache=tmp_path / "cache", progress=False)
    tables_equal(reference, corpus.tables)
    assert capsys.readouterr().err.splitlines() == [
        f"warning: cannot write to the cache folder {tmp_path / 'cache'} (Read-only file system): "
        "going on without the cache"]
