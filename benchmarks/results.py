"""The accuracy figures of the last full `make benchmarks`, kept in ``benchmarks/results.json`` for the reports.

Each benchmark calls ``record`` at the end of a full run with its figures per
folder (the corpus's own sub-corpora) and overall; the file keeps, for each
benchmark, the corpus it read, the date and the commit it was measured at, and
those figures. A partial run (``--limit``, ``--folder``) prints its figures but
leaves the file alone, so that the report never shows figures of a sample as if
they were the corpus's. The report reads the file with ``helpers.accuracy``.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path

from helpers.pages import project_commit
from helpers.tables import write_atomic

RESULTS = Path(__file__).resolve().with_name("results.json")
PROJECT = RESULTS.parent.parent


def record(benchmark: str, corpus: str, figures: dict, partial: bool = False, path: Path = RESULTS) -> None:
    """Save one benchmark's figures (plain numbers, per folder) with today's date and the commit."""
    if partial:
        print(f"a partial run: {path.name} keeps its figures for {benchmark}", file=sys.stderr)
        return
    results = load(path)
    results[benchmark] = {"corpus": corpus, "measured": dt.date.today().isoformat(), "commit": commit(),
                          "figures": _rounded(figures)}
    text = json.dumps(dict(sorted(results.items())), indent=1, ensure_ascii=False) + "\n"
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    print(f"figures saved in {path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path.name}")


def load(path: Path = RESULTS) -> dict:
    """The saved results, or an empty dict when there are none yet (or the file is not ours)."""
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return results if isinstance(results, dict) else {}


def commit() -> str:
    """The checkout's short commit, with '+changes' when files other than the results differ from it."""
    return project_commit(ignore=(RESULTS.relative_to(PROJECT).as_posix(),))


def _rounded(value):
    """Figures to four decimals: the file stays small and its diffs readable."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value
