"""Reports: every notebook executed on a folder of articles and rendered as HTML.

    python -m helpers.report --articles data/articles --out reports/articles

Each numbered notebook in ``notebooks/`` is run through papermill with the
folder as its ``ARTICLES`` parameter, into ``OUT/<notebook>.ipynb``, then
rendered by nbconvert to one self-contained ``OUT/<notebook>.html``. The
committed notebooks are only read. ``OUT/index.html`` summarises the corpus
and links the pages; ``OUT/tables/`` holds the six tables as CSV and Parquet.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks of the collection, in order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def build_report(articles: str | Path, out_dir: str | Path, kernel: str = "python3") -> list[Path]:
    """Execute and render every notebook on a folder of articles; returns the pages written."""
    import papermill
    from nbconvert import HTMLExporter

    from .corpus import load_corpus
    from .tables import write_atomic

    articles = Path(articles).resolve()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = load_corpus(articles, progress=False)
    if not corpus.documents:
        raise SystemExit(f"error: no article could be read from {articles}")
    corpus.save(out_dir / "tables", formats=("csv", "parquet"))

    exporter = HTMLExporter(template_name="lab", embed_images=True)
    pages = []
    for notebook in notebooks():
        executed = out_dir / notebook.name
        print(f"executing {notebook.name}", file=sys.stderr)
        papermill.execute_notebook(
            str(notebook), str(executed), parameters={"ARTICLES": str(articles)},
            cwd=str(notebook.parent), kernel_name=kernel, progress_bar=False,
        )
        body, _ = exporter.from_filename(str(executed))
        page = out_dir / f"{notebook.stem}.html"
        write_atomic(page, lambda tmp, text=body: Path(tmp).write_text(text, encoding="utf-8"))
        pages.append(page)
    index = out_dir / "index.html"
    write_atomic(index, lambda tmp: Path(tmp).write_text(index_page(corpus, pages, articles), encoding="utf-8"))
    return [index, *pages]


def index_page(corpus, pages: list[Path], articles: Path) -> str:
    """The report's front page: what the corpus holds and links to each notebook page (all text escaped)."""
    counts = {name: len(table) for name, table in corpus.tables.items()}
    rows = "".join(
        f"<tr><td>{html.escape(str(r.article_id))}</td><td>{html.escape(str(r.title or ''))}</td>"
        f"<td>{html.escape(str(r.outlet or ''))}</td><td>{html.escape(str(r.published or ''))}</td>"
        f"<td>{r.n_words}</td></tr>"
        for r in corpus.articles.itertuples())
    links = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(p.stem)}</a></li>' for p in pages)
    errors = "".join(f"<li>{html.escape(e)}</li>" for e in corpus.errors)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items() if name != "articles")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Report: {html.escape(articles.name)}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}}</style>
</head><body>
<h1>Conflict news as data: {html.escape(articles.name)}</h1>
<p>{len(corpus.documents)} articles: {html.escape(summary)}.</p>
<h2>Notebooks</h2><ol>{links}</ol>
<h2>Articles</h2>
<table><tr><th>article</th><th>title</th><th>outlet</th><th>published</th><th>words</th></tr>{rows}</table>
{f'<h2>Files not read</h2><ul>{errors}</ul>' if errors else ''}
<h2>Tables</h2><p>The six tables as CSV and Parquet are in <a href="tables/">tables/</a>.</p>
</body></html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="data/articles", help="folder of articles (default: data/articles)")
    parser.add_argument("--out", default=None, help="report folder (default: reports/<folder name>)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name")
    args = parser.parse_args(argv)
    out = args.out or f"reports/{Path(args.articles).resolve().name}"
    if not Path(args.articles).is_dir():
        print(f"error: {args.articles}: not a folder of articles", file=sys.stderr)
        return 2
    pages = build_report(args.articles, out, args.kernel)
    print(f"report written: {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
