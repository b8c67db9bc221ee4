"""Command line: ``python -m helpers extract PATH... --out DIR``.

A PATH is an article (.md, .txt, .html), a corpus file (.jsonl, .csv) or a
folder of any of them; ``--fields text=body,published=date`` says which
fields of a corpus file's records hold the article's (see helpers.records).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .limits import LimitError
from .nlp import ModelError


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="write the six tables of a corpus as CSV files")
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help="articles (.md, .txt, .html), corpus files (.jsonl, .csv) or folders of them")
    extract.add_argument("--out", required=True, metavar="DIR", help="folder for articles.csv, mentions.csv, ...")
    extract.add_argument("--model", help="spaCy pipeline name (default: en_core_web_sm 3.8.0)")
    extract.add_argument("--fields", metavar="FIELD=NAME,...", default="",
                         help="where a JSONL/CSV record keeps each article field, e.g. text=body,published=date "
                              "(default: id, title, published, text, url, outlet, author under their own names)")
    extract.add_argument("--parquet", action="store_true", help="also write Parquet files")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar")
    extract.add_argument("--cache-dir", metavar="DIR",
                         help="folder of cached per-article results (default: $CONFLICT_NEWS_CACHE or data/cache)")
    extract.add_argument("--no-cache", action="store_true", help="neither read nor write cached results")
    extract.add_argument("--processes", type=int, default=1, metavar="N", help="worker processes (default 1)")
    extract.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler to extract on, e.g. tcp://host:8786")
    extract.add_argument("--corrections", metavar="FILE",
                         help="the reader's corrections: merges, renames, kinds (default: $CONFLICT_NEWS_CORRECTIONS "
                              "or data/curation/corrections.yaml)")
    args = parser.parse_args(argv)
    try:
        return run_extract(args)
    except KeyboardInterrupt:
        print("error: interrupted; the tables written before, if any, are kept as they were", file=sys.stderr)
        return 130
    except (OSError, MemoryError, LimitError) as error:  # a fault of the environment: one line, no traceback
        print(f"error: {fault_message(error)}", file=sys.stderr)
        return 1


def fault_message(error: BaseException) -> str:
    """One line for a fault of the environment: the file, if any, and the reason."""
    from .articles import shown_path

    if isinstance(error, MemoryError):
        return "out of memory (fewer --processes, or lower limits, see helpers.limits, would help)"
    if isinstance(error, OSError):
        where = f"{shown_path(error.filename)}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return " ".join(str(error).split())


def run_extract(args) -> int:
    from .articles import shown_path
    from .corpus import load_corpus
    from .records import parse_field_mapping
    from .tables import output_problem

    if args.processes < 1:
        print("error: --processes must be 1 or more", file=sys.stderr)
        return 2
    try:
        fields = parse_field_mapping(args.fields)
    except ValueError as error:
        print(f"error: --fields: {error}", file=sys.stderr)
        return 2
    try:
        use_corrections(args.corrections)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    problem = output_problem(args.out)
    if problem:
        print(f"error: --out {shown_path(args.out)}: {problem}", file=sys.stderr)
        return 2
    cache = False if args.no_cache else args.cache_dir
    corpus = load_corpus(args.paths, model=args.model, progress=False if args.no_progress else None,
                         cache=cache, n_process=args.processes, dask_client=args.scheduler, fields=fields)
    if not corpus.documents:
        print(f"error: no article could be read from {' '.join(args.paths)}", file=sys.stderr)
        return 1
    try:
        tables = corpus.tables
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if tables["articles"].empty:
        print(f"error: none of the {len(corpus.documents)} articles could be extracted (see the messages above)",
              file=sys.stderr)
        return 1
    formats = ("csv", "parquet") if args.parquet else ("csv",)
    try:
        written = corpus.save(args.out, formats)
    except OSError as error:
        print(f"error: cannot write the tables to {shown_path(args.out)} ({error.strerror or error}); "
              "the tables there before, if any, are kept whole", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(tables[name])} {name}" for name in tables)
    cached = corpus.stats.get("from_cache", 0)
    print(f"{len(corpus.documents)} articles read ({cached} from the cache), {len(corpus.errors)} skipped: "
          f"{counts} -> {shown_path(args.out)} ({len(written)} files)")
    return 0


def use_corrections(path: str | None) -> None:
    """Check the corrections file now (a one-line ValueError) and hand its path to the pipeline and any workers."""
    from .corrections import CORRECTIONS_ENV, corrections_path, load_corrections

    if path and not Path(path).is_file():
        raise ValueError(f"{path}: no such corrections file")
    load_corrections(path)
    if path:
        os.environ[CORRECTIONS_ENV] = str(corrections_path(path).resolve())


if __name__ == "__main__":
    sys.exit(main())
