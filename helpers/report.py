"""Reports: every notebook executed on a folder of articles and rendered as a self-contained HTML page.

    python -m helpers.report --articles data/articles --out reports/articles
    make report ARTICLES=path/to/folder NAME=my-report
    make report ARTICLES=stories.jsonl FIELDS=text=body NAME=my-report

``ARTICLES`` is a folder, an article file or a JSONL/CSV corpus file (with
``FIELDS``, its field mapping: see helpers.records). Each numbered notebook in
``notebooks/`` is run through papermill with them as its ``ARTICLES`` and
``FIELDS`` parameters into ``OUT/notebooks/``, then rendered by nbconvert
(images embedded, no script) to ``OUT/<notebook>.html``. The committed
notebooks are only read. Beside them:

- ``OUT/index.html``: what the corpus holds, each article linked to its URL, with links to every page and file;
- ``OUT/exports/tables/``: the six tables as CSV and Parquet;
- ``OUT/exports/figures/``: every figure as PNG and SVG;
- ``OUT/exports/alliances.graphml``: the actor network, for Gephi.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PROJECT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks of the collection, in order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def build_report(articles: str | Path, out_dir: str | Path, kernel: str = "python3",
                 fields: dict | None = None) -> list[Path]:
    """Execute and render every notebook on a folder or file of articles; returns the pages written, index first."""
    import papermill
    from nbconvert import HTMLExporter

    from .corpus import load_corpus
    from .tables import write_atomic

    articles = Path(articles).resolve()
    out_dir = Path(out_dir).resolve()
    exports = out_dir / "exports"
    corpus = load_corpus(articles, progress=False, fields=fields)
    if not corpus.documents:
        raise SystemExit(f"error: no article could be read from {articles}")
    corpus.save(exports / "tables", formats=("csv", "parquet"))

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)])
    pages = []
    for notebook in notebooks():
        executed = out_dir / "notebooks" / notebook.name
        executed.parent.mkdir(parents=True, exist_ok=True)
        print(f"executing {notebook.name}", file=sys.stderr)
        papermill.execute_notebook(
            str(notebook), str(executed), parameters={"ARTICLES": str(articles), "FIELDS": dict(fields or {}), "OUTPUT": str(exports)},
            cwd=str(notebook.parent), kernel_name=kernel, progress_bar=False,
            # The kernel's own log (transport notices, the interrupt at shutdown) is noise here:
            # a failing cell still stops the report with its traceback.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
        body, _ = exporter.from_filename(str(executed))
        page = out_dir / f"{notebook.stem}.html"
        write_atomic(page, lambda tmp, text=body: Path(tmp).write_text(text, encoding="utf-8"))
        pages.append(page)
    index = out_dir / "index.html"
    page = index_page(corpus, pages, articles, out_dir)
    write_atomic(index, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    return [index, *pages]


def index_page(corpus, pages: list[Path], articles: Path, out_dir: Path) -> str:
    """The report's front page: the corpus in figures, its articles (linked to their URLs), links to pages and exports.

    All text is escaped, and only http(s) addresses are linked (see corpus.linked_title).
    """
    from .corpus import linked_title

    esc = lambda value: html.escape("" if value is None else str(value))  # noqa: E731
    tables = corpus.tables
    counts = (f"{len(tables['articles'])} articles, {len(tables['actors'])} actors, {len(tables['claims'])} claims "
              f"({int(tables['claims']['attributed'].fillna(False).sum())} attributed), "
              f"{len(tables['timeline'])} temporal expressions, {len(tables['relations'])} relations")
    dates = sorted(d for d in tables["articles"]["published"].dropna() if d)
    span = f"published {dates[0]} to {dates[-1]}" if dates else "no publication dates"
    rows = "".join(
        f"<tr><td>{esc(r.article_id)}</td><td>{linked_title(_text(r.title), _text(r.url))}</td><td>{esc(r.outlet)}</td>"
        f"<td>{esc(r.published)}</td><td>{esc(r.n_words)}</td></tr>" for r in tables["articles"].itertuples())
    actors = "".join(
        f"<tr><td>{esc(r.name)}</td><td>{esc(r.kind)}</td><td>{esc(r.n_mentions)}</td></tr>"
        for r in tables["actors"].head(12).itertuples())
    links = "".join(f'<li><a href="{esc(p.name)}">{esc(_page_title(p))}</a></li>' for p in pages)
    exports = sorted(p.relative_to(out_dir) for p in (out_dir / "exports").rglob("*") if p.is_file())
    files = "".join(f'<li><a href="{esc(p.as_posix())}">{esc(p.as_posix())}</a></li>' for p in exports)
    errors = "".join(f"<li>{esc(e)}</li>" for e in corpus.errors)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conflict news as data: {esc(articles.name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}}
table{{border-collapse:collapse;margin:.5rem 0 1.5rem}}td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}}
th{{background:#f3f3f3}}h1{{font-size:1.6rem}}</style>
</head><body>
<h1>Conflict news as data: {esc(articles.name)}</h1>
<p>{esc(counts)}; {esc(span)}.</p>
<h2>Notebooks</h2><ol>{links}</ol>
<h2>Articles</h2>
<table><tr><th>article</th><th>title</th><th>outlet</th><th>published</th><th>words</th></tr>{rows}</table>
{f'<h2>Files not read</h2><ul>{errors}</ul>' if errors else ''}
<h2>Most mentioned actors</h2>
<table><tr><th>actor</th><th>kind</th><th>mentions</th></tr>{actors}</table>
<h2>Exports</h2><ul>{files}</ul>
</body></html>
"""


def _text(value) -> str:
    """A text cell of a table, an empty string where it is missing."""
    return value if isinstance(value, str) else ""


def _page_title(page: Path) -> str:
    number, _, words = page.stem.partition("-")
    return f"{number} · {words.replace('-', ' ').capitalize()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="data/articles",
                        help="a folder of articles, an article, or a JSONL/CSV corpus file (default: data/articles)")
    parser.add_argument("--fields", default="", metavar="FIELD=NAME,...",
                        help="a corpus file's field mapping, e.g. text=body,published=date (see helpers.records)")
    parser.add_argument("--out", default=None, help="report folder (default: reports/<folder or file name>)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name")
    args = parser.parse_args(argv)
    from .records import parse_field_mapping

    out = args.out or f"reports/{Path(args.articles).resolve().name}"
    if not Path(args.articles).exists():
        print(f"error: {args.articles}: no such folder or file", file=sys.stderr)
        return 2
    try:
        fields = parse_field_mapping(args.fields)
    except ValueError as error:
        print(f"error: --fields: {error}", file=sys.stderr)
        return 2
    pages = build_report(args.articles, out, args.kernel, fields)
    print(f"report written: {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
