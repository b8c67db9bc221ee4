"""The reader's gold: actors, relations and attributions as a careful analyst reads 24 Voice of America stories.

    python -m benchmarks.reader [--show-errors]

Extracts the tables of ``../shared/corpora/reader/articles`` (no cache) into a
temporary folder and scores them with ``../shared/tools/reader_score.py``, for
all stories and per story group (the stories' sections: Africa, East Asia and
China, the Americas, Europe and the Middle East), so that a change that helps
one group and hurts another shows. The corpus is read at run time and never
copied into the project (see its README).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers.evaluation import SHARED, corpus_folder

from .results import record

SCORER = SHARED / "tools" / "reader_score.py"
GROUPS = {"Africa": "Africa", "East Asia": "East Asia and China", "China News": "East Asia and China",
          "Americas": "Americas", "Europe": "Europe and Middle East", "Middle East": "Europe and Middle East",
          "Iran": "Europe and Middle East"}
FIGURES = ("actors_f1", "actors_b3_f1", "kinds_accuracy", "splits", "merges", "relations_f1",
           "relations_coarse_f1", "attributions_f1", "speaker_accuracy", "speaker_f1_f1")


def score(tables: Path, gold: Path, show_errors: bool = False) -> dict:
    """The scorer's figures (its last output line) for the tables against one gold folder."""
    command = [sys.executable, str(SCORER), str(tables), str(gold)] + (["--show-errors"] if show_errors else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    if show_errors:
        print("\n".join(output[:-1]))
    return json.loads(output[-1])


def group_folders(gold: Path, into: Path) -> dict[str, Path]:
    """One gold folder per story group, made of links to the stories' gold and article files."""
    folders = {}
    for path in sorted((gold / "gold").glob("*.json")):
        section = json.loads(path.read_text(encoding="utf-8")).get("section", "")
        folder = into / GROUPS.get(section, "other").replace(" ", "-")
        for sub in ("gold", "articles"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / "gold" / path.name).symlink_to(path.resolve())
        (folder / "articles" / f"{path.stem}.md").symlink_to((gold / "articles" / f"{path.stem}.md").resolve())
        folders[GROUPS.get(section, "other")] = folder
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="list every miss and spurious row")
    args = parser.parse_args(argv)
    gold = corpus_folder("reader")
    with tempfile.TemporaryDirectory() as scratch:
        tables = Path(scratch) / "tables"
        subprocess.run([sys.executable, "-m", "helpers", "extract", str(gold / "articles"), "--out", str(tables),
                        "--no-cache"], check=True, capture_output=True)
        rows = {"all stories": score(tables, gold, args.show_errors)}
        for name, folder in sorted(group_folders(gold, Path(scratch) / "groups").items()):
            rows[name] = score(tables, folder)
    print(f"Reader's gold ({rows['all stories']['articles']} Voice of America stories), per story group")
    print(f"{'group':24} {'n':>3} " + " ".join(f"{f:>10.10}" for f in FIGURES))
    for name, figures in rows.items():
        print(f"{name:24} {figures['articles']:>3} " + " ".join(f"{figures[f]:>10}" for f in FIGURES))
    print(json.dumps(rows["all stories"]))
    record("reader", "the reader's gold: Voice of America stories, per story group", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
