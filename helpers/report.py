"""Reports: every notebook executed on a folder (or a file) of articles and rendered as self-contained HTML pages.

    python -m helpers.report --articles data/articles [--name my-report] [--parameter PUBLISHED_FROM=2021-01-01]
    make report ARTICLES=path/to/folder-or-file NAME=my-report PARAMS="PUBLISHED_FROM=2021-01-01"
    make report ARTICLES=stories.jsonl FIELDS=text=body NAME=my-report

Each numbered notebook in ``notebooks/`` is run through papermill into
``OUT/notebooks/`` with the articles as its ``ARTICLES`` parameter, a JSONL/CSV
corpus file's field mapping as ``FIELDS`` (see helpers.records) and any
``--parameter``, then rendered by nbconvert to ``OUT/<notebook>.html``: code
folded away unless the reader opens it, papermill's parameters cells left out.
The committed notebooks are only read. Beside them:

- ``OUT/index.html``: the corpus at a glance, its articles, a chronology, the
  actors, how accurate the tables are (``benchmarks/results.json``) and links;
- ``OUT/articles/<id>.html``: one page per article (actors, claims, timeline, network);
- ``OUT/05-actor-dossier-<actor id>.html``: notebook 05, the dossier, run for each of the
  corpus's five most mentioned actors (places aside) and linked from the index;
- ``OUT/exports/tables/``: the six tables as CSV and Parquet;
- ``OUT/exports/figures/``: every figure of the notebooks as PNG and SVG;
- ``OUT/exports/alliances.graphml``: the actor network, for Gephi.

Everything is built with the report folder as working directory and the
articles named by a path relative to it, so that no page, table or executed
notebook carries a path of the machine that built it. Without ``--name`` the
report is named after the articles' folder (or file), and a folder that holds
the report of other articles is never overwritten: the parent folder's name is
put before it (``reports/reader-articles``), and the choice is printed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PROJECT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
SOURCE_MARKER = ".report-source"     # in a report folder: a digest of the articles it was built from
DOSSIER = "05-actor-dossier.ipynb"   # run once per actor (ACTOR), not once for the corpus
DOSSIER_ACTORS = 5                   # the most mentioned actors that get a dossier page


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks of the collection, in order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def build_report(articles: str | Path, out_dir: str | Path, kernel: str = "python3", name: str | None = None,
                 parameters: dict | None = None, fields: dict | None = None) -> list[Path]:
    """Execute and render every notebook on a folder or file of articles; returns the pages written, index first."""
    from .cache import CACHE_ENV, cache_dir
    from .corpus import load_corpus
    from .pages import count, project_commit

    from .tables import output_problem

    articles = Path(articles).resolve()
    if Path(out_dir).is_symlink():
        raise SystemExit(f"error: {out_dir} is a symbolic link: a report folder is written only where it is")
    out_dir = Path(out_dir).resolve()
    name = name or out_dir.name
    problem = output_problem(out_dir / "exports" / "tables")
    if problem:
        raise SystemExit(f"error: cannot write the report's tables to {out_dir / 'exports' / 'tables'}: {problem}")
    out_dir.mkdir(parents=True, exist_ok=True)
    prepare_report_dir(out_dir)
    _write_text(out_dir / SOURCE_MARKER, source_digest(articles) + "\n")
    cache = cache_dir()
    if cache is not None:     # a relative cache folder must not move with the working directory
        os.environ[CACHE_ENV] = str(cache.resolve())
    # The kernels import the helpers that build the report, whichever checkout an editable install points at.
    os.environ["PYTHONPATH"] = os.pathsep.join([str(PROJECT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    source = os.path.relpath(articles, out_dir)
    with working_directory(out_dir):
        corpus = load_corpus(source, progress=False, fields=fields)
        if not corpus.documents:
            raise SystemExit(f"error: no article could be read from {source}")
        corpus.tables   # every article parsed once, here, into the cache the notebooks read warm
        built = f"built {dt.date.today().isoformat()} from commit {project_commit()} · {count(corpus.documents, 'article')}"
        corpus_notebooks = [n for n in notebooks() if n.name != DOSSIER]
        pages = [{"href": f"{n.stem}.html", "title": page_title(n)} for n in corpus_notebooks]
        parameters = {**(parameters or {}), "FIELDS": dict(fields or {})}
        dossiers = dossier_pages(corpus) if (NOTEBOOK_DIR / DOSSIER).exists() else []
        runs = [(notebook, parameters, None) for notebook in corpus_notebooks]
        runs += [(NOTEBOOK_DIR / DOSSIER, {**parameters, "ACTOR": d["actor_id"]}, d["stem"]) for d in dossiers]
        finish_notebooks = start_notebooks(runs, source, name, built, pages, kernel)
        corpus.save(Path("exports") / "tables", formats=("csv", "parquet"))   # while the notebooks run
        article_pages = write_article_pages(corpus, name, built)
        written = finish_notebooks() + article_pages
        written.insert(0, write_index(corpus, name, built, pages, out_dir, dossiers))
    return [out_dir / page for page in written]


def start_notebooks(runs: list[tuple[Path, dict, str | None]], source: str, name: str, built: str,
                    pages: list[dict], kernel: str, jobs: int | None = None):
    """Start executing and rendering notebooks, as many at once as there are cores (``REPORT_JOBS`` overrides).

    ``runs`` holds (notebook, parameters, page stem or None) for each page: a
    dossier runs notebook 05 once per actor. Returns a function that waits for
    them and returns their pages, in order. The report process has already
    extracted the corpus into the cache, so each notebook's kernel reads its
    tables warm, without spaCy; what is left is each kernel's own work, which
    the cores share while this process goes on.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import papermill  # noqa: F401  imported once here, before the workers fork, not once per worker

    jobs = jobs or report_jobs()
    arguments = (source, name, built, pages, kernel)

    def render(run):
        notebook, parameters, stem = run
        return render_notebook(notebook, *arguments, parameters, stem=stem)

    if jobs <= 1 or len(runs) <= 1:
        return lambda: [render(run) for run in runs]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(min(jobs, len(runs)), mp_context=context)
    futures = [pool.submit(render_notebook, notebook, *arguments, parameters, stem=stem)
               for notebook, parameters, stem in runs]

    def finish() -> list[Path]:
        try:
            return [future.result() for future in futures]
        finally:
            pool.shutdown(cancel_futures=True)

    return finish


def report_jobs() -> int:
    """How many notebooks to execute at once: ``REPORT_JOBS`` if set, else the number of cores."""
    value = os.environ.get("REPORT_JOBS", "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise SystemExit(f"error: REPORT_JOBS={value!r}: expected a whole number of 1 or more")
        return int(value)
    return os.cpu_count() or 1


def render_notebook(notebook: Path, source: str, name: str, built: str, pages: list[dict], kernel: str,
                    parameters: dict, stem: str | None = None) -> Path:
    """Run one notebook with papermill into notebooks/ and render it as <stem>.html (in the working directory);
    the stem is the notebook's own unless given (a dossier's names its actor)."""
    import papermill

    stem = stem or notebook.stem
    executed = Path("notebooks") / f"{stem}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    print(f"executing {executed.name}", file=sys.stderr)
    papermill.execute_notebook(
        os.path.relpath(notebook), str(executed), parameters={**parameters, "ARTICLES": source, "OUTPUT": "exports"},
        cwd=".", kernel_name=kernel, progress_bar=False,
        # The kernel's own log (transport notices, the interrupt at shutdown) is noise here:
        # a failing cell still stops the report with its traceback.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )
    resources = {"report": {"name": name, "built": built, "pages": pages, **page_assets()}}
    body, _ = notebook_exporter().from_filename(str(executed), resources=resources)
    page = Path(f"{stem}.html")
    _write_text(page, body)
    return page


def dossier_pages(corpus, n: int = DOSSIER_ACTORS) -> list[dict]:
    """The dossiers a report holds: one per most mentioned actor, with its page's stem, href and what the index says."""
    from .dossier import most_mentioned
    from .pages import article_filename

    actors = corpus.actors.set_index("actor_id")
    found = []
    for actor_id in most_mentioned(corpus.actors, n):
        actor = actors.loc[actor_id]
        stem = f"{Path(DOSSIER).stem}-{Path(article_filename(actor_id)).stem}"
        found.append({"actor_id": actor_id, "stem": stem, "href": f"{stem}.html", "title": str(actor["name"]),
                      "kind": str(actor["kind"]).replace("_", " "), "mentions": int(actor["n_mentions"]),
                      "articles": len([a for a in str(actor.get("articles") or "").split(";") if a])})
    return found


REPORT_SUBFOLDERS = ("notebooks", "articles", "exports", "exports/tables", "exports/figures")


def prepare_report_dir(out_dir: Path) -> None:
    """Make a report folder safe to write into: no symbolic links where the report writes (a link planted
    at notebooks/01-....ipynb or in place of a subfolder is removed, never followed), and no figures left
    from an earlier report under the same name (the notebooks write this report's figures again)."""
    for sub in REPORT_SUBFOLDERS:
        folder = out_dir / sub
        if folder.is_symlink():
            folder.unlink()
    for notebook in notebooks():
        executed = out_dir / "notebooks" / notebook.name
        if executed.is_symlink():
            executed.unlink()
    figures = out_dir / "exports" / "figures"
    if figures.is_dir():
        for old in figures.iterdir():
            if old.suffix in (".png", ".svg") and (old.is_file() or old.is_symlink()):
                old.unlink()


def page_assets() -> dict:
    """The script, its Content-Security-Policy and the style every page carries."""
    from .pages import bundled_script, content_security_policy, page_css

    return {"script": bundled_script(), "csp": content_security_policy(), "css": page_css()}


def notebook_exporter():
    """nbconvert's HTML exporter for report pages: no prompts, no parameters cells, no stderr, code folded."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import Preprocessor
    from traitlets.config import Config

    class DropStderr(Preprocessor):
        """Leave out what cells printed on stderr (progress bars, the lines naming unreadable files, which the
        index lists): a page shows results, and those lines name files by the paths they were read from."""

        def preprocess_cell(self, cell, resources, index):
            if cell.get("cell_type") == "code":
                cell.outputs = [o for o in cell.get("outputs", [])
                                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            return cell, resources

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"parameters", "injected-parameters"}
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=config, template_name="report", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(DropStderr(), enabled=True)
    return exporter


def write_article_pages(corpus, name: str, built: str) -> list[Path]:
    """One page per article under articles/, linked to the previous and next by publication date; stale pages go."""
    from .pages import article_filename, article_page, article_urls

    folder = Path("articles")
    folder.mkdir(exist_ok=True)
    order = corpus.articles.sort_values(["published", "article_id"], na_position="last").to_dict("records")
    urls = article_urls(corpus)
    links = [{"href": article_filename(a["article_id"]), "title": a.get("title") or a["article_id"]} for a in order]
    written = []
    for index, article in enumerate(order):
        neighbours = (links[index - 1] if index else None, links[index + 1] if index + 1 < len(order) else None)
        page = folder / links[index]["href"]
        _write_text(page, article_page(corpus, article, name, built, neighbours, urls.get(article["article_id"])))
        written.append(page)
    for stale in set(folder.glob("*.html")) - set(written):
        stale.unlink()
    return written


def write_index(corpus, name: str, built: str, pages: list[dict], out_dir: Path, dossiers: list[dict] = ()) -> Path:
    """index.html, written last so that it lists every export."""
    from .accuracy import load_results
    from .pages import article_filename, index_page

    links = {a: f"articles/{article_filename(a)}" for a in corpus.articles["article_id"]}
    exports = sorted(p.relative_to(out_dir).as_posix() for p in (out_dir / "exports").rglob("*") if p.is_file())
    page = Path("index.html")
    _write_text(page, index_page(corpus, name, built, pages, links, exports, load_results(), list(dossiers)))
    return page


def page_title(notebook: Path) -> str:
    number, _, words = notebook.stem.partition("-")
    return f"{number} · {words.replace('-', ' ').capitalize()}"


# ---------------------------------------------------------------- where a report goes

def source_digest(articles: Path) -> str:
    """What a report folder records of its articles: a digest of their absolute path (which it never shows)."""
    return hashlib.sha256(str(Path(articles).resolve()).encode("utf-8", "surrogatepass")).hexdigest()


def holds_other_report(folder: Path, articles: Path) -> bool:
    """Whether a folder holds something other than the report of these articles (anything not marked as theirs)."""
    if not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
        return False
    try:
        return (folder / SOURCE_MARKER).read_text(encoding="utf-8").strip() != source_digest(articles)
    except OSError:
        return True


def choose_report_dir(articles: Path, reports: Path, name: str | None = None) -> tuple[Path, str | None]:
    """The report folder for some articles, and a line to print when the choice needs saying.

    A given name is used as it is (the line says when it replaces the report of
    other articles). Without one: the articles' folder or file name; if that
    folder holds another report, the parent's name and it ("reader-articles"),
    then numbered.
    """
    articles = Path(articles).resolve()
    if name:
        target = reports / name
        return target, (f"replacing {target}: it held the report of other articles" if holds_other_report(target, articles)
                        else None)
    base = _folder_name(articles.stem if articles.is_file() else articles.name) or "articles"
    parent = _folder_name(articles.parent.name)
    first = f"{parent}-{base}" if parent else base
    for candidate in [base, first] + [f"{first}-{n}" for n in range(2, 1000)]:
        target = reports / candidate
        if not holds_other_report(target, articles):
            note = None if candidate == base else (f"{reports / base} holds the report of other articles: writing "
                                                   f"{target} (NAME=... chooses the name)")
            return target, note
    raise SystemExit(f"error: no free report folder under {reports}")


def _folder_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")


# ---------------------------------------------------------------- files

@contextmanager
def working_directory(folder: Path):
    """Run a block in another working directory, and come back."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _write_text(path: Path, text: str) -> None:
    from .tables import write_atomic

    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def parse_parameters(items: list[str]) -> dict:
    """NAME=VALUE pairs for the notebooks' parameters cells, or SystemExit naming the bad one."""
    parameters = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.isidentifier() or key in ("ARTICLES", "OUTPUT"):
            raise SystemExit(f"error: --parameter {item!r}: expected NAME=VALUE with a notebook parameter's name "
                             "(ARTICLES and OUTPUT are set by the report)")
        parameters[key] = value
    return parameters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="data/articles", help="a folder of articles, an article, or a JSONL/CSV corpus file (default: data/articles)")
    parser.add_argument("--name", default=None, help="the report's name: it goes to reports/NAME (default: from the articles)")
    parser.add_argument("--out", default=None, help="the report folder itself (instead of reports/NAME)")
    parser.add_argument("--parameter", "-p", action="append", default=[], metavar="NAME=VALUE",
                        help="a notebook parameter, e.g. PUBLISHED_FROM=2021-01-01 (repeatable)")
    parser.add_argument("--parameters", default="", metavar="'NAME=VALUE ...'",
                        help="notebook parameters separated by spaces, as make's PARAMS gives them")
    parser.add_argument("--fields", default="", metavar="FIELD=NAME,...",
                        help="a corpus file's field mapping, e.g. text=body,published=date (see helpers.records)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name")
    args = parser.parse_args(argv)
    from .records import parse_field_mapping
    articles = Path(args.articles)
    if not articles.exists():
        print(f"error: {args.articles}: no such folder or file of articles", file=sys.stderr)
        return 2
    if args.name is not None and (not _folder_name(args.name) or _folder_name(args.name) != args.name):
        print(f"error: NAME {args.name!r}: use letters, digits, '.', '-' and '_' only", file=sys.stderr)
        return 2
    parameters = parse_parameters(args.parameters.split() + args.parameter)
    try:
        fields = parse_field_mapping(args.fields)
    except ValueError as error:
        print(f"error: --fields: {error}", file=sys.stderr)
        return 2
    if args.out:
        out, note = Path(args.out), None
    else:
        out, note = choose_report_dir(articles, Path("reports"), args.name)
    if note:
        print(note, file=sys.stderr)
    try:
        pages = build_report(articles, out, args.kernel, name=out.name, parameters=parameters, fields=fields)
    except OSError as error:   # a fault of the environment (a full disk, a folder that cannot be written)
        from .cli import fault_message

        print(f"error: the report {out} could not be written: {fault_message(error)}", file=sys.stderr)
        return 1
    print(f"report written: {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
