"""The data contract: the six tables, their columns in order, and how they are written.

Every table is a pandas DataFrame whose first columns are the ones listed in
``COLUMNS`` in that order (more may follow, listed in ``EXTRA_COLUMNS``).
``start``/``end`` pairs are character offsets into the article body.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "path", "title", "outlet", "published", "n_words", "url", "author", "source_format"],
    "mentions": ["article_id", "mention_id", "start", "end", "text", "label", "actor_id"],
    "actors": ["actor_id", "name", "kind", "aliases", "n_mentions"],
    "claims": [
        "article_id", "claim_id", "start", "end", "text",
        "speaker_actor_id", "speaker_start", "speaker_end", "speaker_text",
        "cue_start", "cue_end", "cue_text", "quote_type", "quote_text",
        "channel", "via_actor_id", "attributed",
    ],
    "timeline": [
        "article_id", "timex_id", "start", "end", "text", "type", "value",
        "date_start", "date_end", "event_text",
    ],
    "relations": [
        "article_id", "relation_id", "source_actor_id", "target_actor_id", "relation",
        "sign", "certainty", "source_start", "source_end", "target_start", "target_end",
        "evidence_start", "evidence_end",
    ],
}

# Columns that follow the contract's, in this order, when an extractor provides them.
EXTRA_COLUMNS: dict[str, list[str]] = {
    "articles": ["published_inferred", "language", "warning"],
    "mentions": ["source", "resolution"],
    "actors": ["country", "affiliation", "role", "member_of", "description", "first_seen", "articles"],
    "claims": ["certainty", "speaker_type", "speaker_role", "speaker_side", "sentence_start", "sentence_end", "n_words"],
    "timeline": ["granularity", "event_start", "event_end", "event_status", "anchor", "direction"],
    "relations": ["quad_class", "trigger", "source_text", "target_text", "evidence_text", "source_kind", "target_kind"],
}

INTEGER_COLUMNS = {
    "start", "end", "n_words", "n_mentions", "speaker_start", "speaker_end", "cue_start", "cue_end",
    "source_start", "source_end", "target_start", "target_end", "evidence_start", "evidence_end",
    "sentence_start", "sentence_end", "event_start", "event_end", "sign", "quad_class",
}
BOOLEAN_COLUMNS = {"attributed", "published_inferred"}

# The columns of each table that hold a span: (start, end, text) or (start, end, None).
SPAN_COLUMNS: dict[str, list[tuple[str, str, str | None]]] = {
    "mentions": [("start", "end", "text")],
    "claims": [("start", "end", "text"), ("speaker_start", "speaker_end", "speaker_text"),
               ("cue_start", "cue_end", "cue_text")],
    "timeline": [("start", "end", "text"), ("event_start", "event_end", "event_text")],
    "relations": [("source_start", "source_end", "source_text"), ("target_start", "target_end", "target_text"),
                  ("evidence_start", "evidence_end", "evidence_text")],
}

TABLE_NAMES = list(COLUMNS)


def make_table(name: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Build one contract table from rows, with its columns in order and stable dtypes."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    ordered = COLUMNS[name] + [c for c in EXTRA_COLUMNS[name] if c in frame.columns]
    ordered += [c for c in frame.columns if c not in ordered]
    frame = frame.reindex(columns=ordered)
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        elif column in BOOLEAN_COLUMNS:
            frame[column] = frame[column].astype("boolean")
        else:
            frame[column] = frame[column].astype("string")
    return frame.reset_index(drop=True)


def empty_table(name: str) -> pd.DataFrame:
    """An empty contract table with the contract's columns."""
    return make_table(name, [])


def write_atomic(path: str | Path, write) -> None:
    """Write a file by calling ``write(tmp_path)`` then renaming, so a reader never sees half a file.

    The file gets the mode a plain ``open`` would give it (0644 under the usual
    umask), not the 0600 of a temporary file: a report copied to a web server
    or shared with a colleague must stay readable.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's umask, read from /proc where it can be (setting it to read it races with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


STAGING_PREFIX = ".tables-"     # a run's tables are written into OUT/.tables-<pid>-XXXX.tmp, then moved up


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, formats=("csv",)) -> list[Path]:
    """Write each table as ``<name>.csv`` (and ``.parquet`` if asked) into out_dir, as one set.

    All the files are first written into a temporary folder inside out_dir,
    then moved into place together: a failure while writing (a full disk, a
    bad value) leaves the previous set whole and no temporary file behind. What
    a run killed while writing left behind is removed by the next.
    """
    out_dir = Path(out_dir)
    for fmt in formats:
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"unknown table format {fmt!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", suffix=".tmp", dir=out_dir))
    try:
        names = []
        for name in TABLE_NAMES:
            for fmt in formats:
                path = staging / f"{name}.{fmt}"
                if fmt == "csv":
                    tables[name].to_csv(path, index=False)
                else:
                    tables[name].to_parquet(path, index=False)
                os.chmod(path, 0o666 & ~current_umask())
                names.append(path.name)
        for file_name in names:
            os.replace(staging / file_name, out_dir / file_name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / file_name for file_name in names]


def remove_leftovers(out_dir: Path) -> None:
    """Remove the temporary files and folders of earlier runs that were killed while writing tables here."""
    for path in out_dir.glob(f"{STAGING_PREFIX}*.tmp"):
        pid = path.name[len(STAGING_PREFIX):].partition("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
            continue          # another run is writing its tables here right now
        shutil.rmtree(path, ignore_errors=True)
    for name in TABLE_NAMES:  # what write_atomic left when killed, from before tables were written as a set
        for path in out_dir.glob(f".{name}.*.tmp"):
            path.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def output_problem(out_dir: str | Path) -> str | None:
    """Why tables could not be written to a folder (it is a file, under a file, or not writable), else None.

    Checked before any extraction, so that a bad ``--out`` costs one line, not a run.
    """
    from .articles import shown_path

    out_dir = Path(out_dir)
    existing = out_dir
    while not existing.exists() and not existing.is_symlink() and existing != existing.parent:
        existing = existing.parent
    shown = shown_path(existing)
    if existing.is_symlink() and not existing.exists():
        return f"{shown} is a link to nothing"
    if not existing.is_dir():
        return "is a file, not a folder" if existing == out_dir else f"{shown} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return "cannot be written" if existing == out_dir else f"cannot be created in {shown}"
    return None
