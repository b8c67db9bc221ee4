"""How accurate each table is: the figures `make benchmarks` measured, as the report shows them.

``benchmarks/results.json`` (committed; written by ``benchmarks.results``)
holds each benchmark's figures per folder, with the date and the commit they
were measured at. ``accuracy_tables`` turns them into one small table per
project table (actors, claims, timeline, relations), one row per corpus folder,
so that a reader sees where the tools are strong and where they are weak.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "results.json"

# For each table: (benchmark, the figures to show as column -> key path in a folder's figures).
SHOWN = {
    "actors": [
        ("reader", {"actors found (F1)": ("actors_f1",), "one actor per real party (B-cubed F1)": ("actors_b3_f1",),
                    "kind right": ("kinds_accuracy",), "actors split in two": ("splits",),
                    "actors merged": ("merges",)}),
        ("actors", {"documents": ("documents",), "aliases joined (recall)": ("alias_recall",),
                    "mixed-type actors": ("type_conflict_rate",), "names found (recall)": ("mention_recall",)}),
    ],
    "claims": [
        ("reader", {"attributions found (F1)": ("attributions_f1",), "speaker right": ("speaker_accuracy",),
                    "quote type right": ("quote_type_accuracy",)}),
        ("claims", {"articles": ("articles",), "source (exact F1)": ("source_exact", "f1"),
                    "cue (exact F1)": ("cue_exact", "f1"), "content (exact F1)": ("content_exact", "f1"),
                    "content (overlap F1)": ("content_overlap", "f1")}),
    ],
    "timeline": [
        ("timeline", {"expressions": ("gold",), "found (relaxed F1)": ("relaxed_f1",),
                      "exact span (strict F1)": ("strict_f1",), "right value (value F1)": ("value_f1",),
                      "missed": ("errors", "missed"), "spurious": ("errors", "spurious"),
                      "wrong span": ("errors", "span"), "wrong value": ("errors", "value")}),
    ],
    "relations": [
        ("reader", {"relations (F1)": ("relations_f1",), "right sign only (coarse F1)": ("relations_coarse_f1",),
                    "precision": ("relations_p",), "recall": ("relations_r",)}),
        ("relations", {"documents": ("documents",), "precision": ("precision",), "recall": ("recall",),
                       "F1": ("f1",), "both ends found (ceiling)": ("mention_ceiling",)}),
    ],
}


def load_results(path: str | Path = RESULTS) -> dict:
    """The saved benchmark results, or {} when the file is missing or unreadable."""
    try:
        results = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return results if isinstance(results, dict) else {}


def accuracy_tables(results: dict) -> list[dict]:
    """For each project table, each benchmark measuring it: corpus, date, commit and a table (a row per folder)."""
    sections = []
    for table, benchmarks in SHOWN.items():
        for benchmark, columns in benchmarks:
            entry = results.get(benchmark)
            if not isinstance(entry, dict) or not isinstance(entry.get("figures"), dict):
                continue
            rows = []
            for folder, figures in entry["figures"].items():
                row = {"folder": folder}
                row.update({column: _dig(figures, path) for column, path in columns.items()})
                rows.append(row)
            sections.append({"table": table, "benchmark": benchmark, "corpus": entry.get("corpus", ""),
                             "measured": entry.get("measured", ""), "commit": entry.get("commit", ""),
                             "figures": pd.DataFrame(rows, columns=["folder", *columns])})
    return sections


def figure(results: dict, benchmark: str, folder: str, *path: str):
    """One saved figure (None when it was not measured), e.g. ``figure(r, "timeline", "overall", "value_f1")``."""
    figures = results.get(benchmark, {}).get("figures", {}) if isinstance(results.get(benchmark), dict) else {}
    return _dig(figures.get(folder, {}), path)


def _dig(figures, path):
    value = figures
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
