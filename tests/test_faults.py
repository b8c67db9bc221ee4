"""Faults of the environment and of the input end in one line naming the file and the reason, and the rest
of the corpus goes on: odd file names, unlistable folders, bad --out paths, a full disk or a kill while the
tables are written (the previous six tables stay whole), a worker process killed under --processes 2.

Faults are injected into a child process (tests run as root, for whom a read-only folder is writable).
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import load_corpus
from helpers.tables import TABLE_NAMES

from .conftest import ROOT

ENGLISH = "The Iraqi army said on Monday that it had retaken Mosul from the rebels, officials told reporters.\n"


def extract(*arguments, patch: str = "", timeout: int = 600) -> subprocess.CompletedProcess:
    """``python -m helpers extract ...`` in a child, after running ``patch`` there (to inject a fault)."""
    script = textwrap.dedent(patch) + "\nimport sys\nfrom helpers.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run([sys.executable, "-c", script, "extract", *map(os.fsdecode, arguments), "--no-progress"],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def one_line_error(run: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in run.stderr, run.stderr
    return run.stderr.strip().splitlines()[-1]


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("alpha", "beta", "gamma"):
        (folder / f"{name}.md").write_text(ENGLISH.replace("Monday", name.capitalize() + " day"), encoding="utf-8")
    return folder


# ---------------------------------------------------------------- odd names

def test_an_undecodable_file_name_is_kept_escaped_in_the_tables_and_messages(corpus_dir, tmp_path):
    os.makedirs(tmp_path / "out")
    with open(os.path.join(os.fsencode(corpus_dir), b"caf\xe9.md"), "w", encoding="utf-8") as file:
        file.write(ENGLISH)
    with open(os.path.join(os.fsencode(corpus_dir), b"bin\xff\x1b[31m.md"), "wb") as file:
        file.write(b"\x00\x01")
    run = extract(corpus_dir, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stderr and "Traceback" not in run.stderr
    assert f"{corpus_dir}/bin\\xff\\x1b[31m.md: binary content (NUL bytes), not text" in run.stderr.splitlines()
    articles = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert f"caf\\xe9,{corpus_dir}/caf\\xe9.md" in articles and "alpha" in articles


def test_a_folder_that_cannot_be_listed_is_reported(corpus_dir, tmp_path, monkeypatch, capsys):
    locked = corpus_dir / "locked"
    locked.mkdir()
    (locked / "hidden.md").write_text(ENGLISH, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = load_corpus(corpus_dir, cache=False, progress=False)
    assert len(corpus.documents) == 3
    assert corpus.errors == [f"{locked}: the folder cannot be read (Permission denied); skipped"]


# ---------------------------------------------------------------- --out, checked first

@pytest.mark.parametrize("make_out, reason", [
    (lambda tmp: (tmp / "file").write_text("x") and tmp / "file", "is a file, not a folder"),
    (lambda tmp: (tmp / "file").write_text("x") and tmp / "file" / "sub", "{tmp}/file is a file, not a folder"),
])
def test_an_out_path_that_is_a_file_is_refused_in_one_line_before_extraction(corpus_dir, tmp_path, make_out, reason):
    out = make_out(tmp_path)
    # a pipeline that does not exist: had the extraction started, it would have failed on that first
    run = extract(corpus_dir, "--out", out, "--no-cache", "--model", "no_such_pipeline")
    assert run.returncode == 2
    assert run.stderr.strip() == f"error: --out {out}: {reason.format(tmp=tmp_path)}"


# ---------------------------------------------------------------- the six tables, one set

FAIL_ON_THIRD_TABLE = """
    import pandas
    real = pandas.DataFrame.to_csv
    calls = []
    def to_csv(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            {fault}
        return real(self, path, *args, **kwargs)
    pandas.DataFrame.to_csv = to_csv
"""
FULL_DISK = 'import errno; raise OSError(errno.ENOSPC, "No space left on device", str(path))'
KILLED = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"


def previous_tables(corpus_dir, out):
    first = extract(corpus_dir, "--out", out, "--no-cache")
    assert first.returncode == 0, first.stderr
    return {name: (out / f"{name}.csv").read_bytes() for name in TABLE_NAMES}


def test_a_full_disk_while_writing_leaves_the_previous_tables_whole_and_no_temporary_file(corpus_dir, tmp_path):
    out = tmp_path / "out"
    before = previous_tables(corpus_dir, out)
    (corpus_dir / "delta.md").write_text(ENGLISH.replace("Mosul", "Raqqa"), encoding="utf-8")
    run = extract(corpus_dir, "--out", out, "--no-cache", patch=FAIL_ON_THIRD_TABLE.format(fault=FULL_DISK))
    assert run.returncode == 1
    assert one_line_error(run) == (f"error: cannot write the tables to {out} (No space left on device); "
                                   "the tables there before, if any, are kept whole")
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLE_NAMES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.csv" for name in TABLE_NAMES)


def test_a_kill_while_writing_leaves_the_previous_tables_whole_and_the_next_run_cleans_up(corpus_dir, tmp_path):
    out = tmp_path / "out"
    before = previous_tables(corpus_dir, out)
    (corpus_dir / "delta.md").write_text(ENGLISH.replace("Mosul", "Raqqa"), encoding="utf-8")
    run = extract(corpus_dir, "--out", out, "--no-cache", patch=FAIL_ON_THIRD_TABLE.format(fault=KILLED))
    assert run.returncode == -9
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLE_NAMES} == before
    again = extract(corpus_dir, "--out", out, "--no-cache")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.csv" for name in TABLE_NAMES)
    assert "delta" in (out / "articles.csv").read_text(encoding="utf-8")


# ---------------------------------------------------------------- workers that die

def test_a_worker_killed_under_two_processes_ends_the_run_with_a_message_not_a_hang(corpus_dir, tmp_path):
    (corpus_dir / "poison.md").write_text(ENGLISH, encoding="utf-8")
    for n in range(5):
        (corpus_dir / f"more-{n}.md").write_text(ENGLISH.replace("Mosul", f"town {n}"), encoding="utf-8")
    patch = """
        import os, signal
        import helpers.extract
        real = helpers.extract.extract_doc
        def extract_doc(doc, article, pipeline):
            if article.article_id == "poison":     # as the out-of-memory killer would
                os.kill(os.getpid(), signal.SIGKILL)
            return real(doc, article, pipeline)
        helpers.extract.extract_doc = extract_doc
    """
    run = extract(corpus_dir, "--out", tmp_path / "out", "--no-cache", "--processes", "2", patch=patch, timeout=600)
    assert run.returncode == 0, run.stderr
    assert f"{corpus_dir / 'poison.md'}: the worker process extracting it died" in run.stderr
    assert "9 articles read (0 from the cache), 1 skipped" in run.stdout
    ids = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert all(name in ids for name in ("alpha", "beta", "gamma", "more-0", "more-4")) and "poison" not in ids


def test_the_tables_get_the_mode_the_umask_allows_and_no_staging_folder_stays(tmp_path):
    from helpers.tables import empty_table, write_tables

    previous = os.umask(0o022)
    try:
        written = write_tables({name: empty_table(name) for name in TABLE_NAMES}, tmp_path / "out", ("csv", "parquet"))
    finally:
        os.umask(previous)
    assert len(written) == 12
    assert {oct(path.stat().st_mode & 0o777) for path in written} == {"0o644"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)
