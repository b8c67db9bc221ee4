"""The report's own pages (the index and one page per article) and what every report page carries.

Every page runs one script, the bundled table script (DataTables and
``templates/static/report.js``, inlined), and its Content-Security-Policy
allows that script alone, by its SHA-256 hash: no other script, no inline
handler, no ``eval``. Pages are rendered by Jinja with autoescape, tables by
``helpers.display`` (escaped), figures embedded as PNG data. No page names a
path of the machine that built it.
"""
from __future__ import annotations

import base64
import hashlib
import io
import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import display

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = TEMPLATES / "static"
PROJECT = TEMPLATES.parent.parent
DATATABLES = STATIC / "datatables"


# ---------------------------------------------------------------- what every page carries

@lru_cache(maxsize=1)
def bundled_script() -> str:
    """The one script of a report page: the vendored DataTables, then the project's report.js."""
    # DataTables' module wrapper asks whether `define` or `exports` exist; an element with id="exports" in the
    # page would make the browser answer yes (named access on window), so the wrapper is handed undefined ones.
    script = ("(function (define, exports, module) {\n" + (DATATABLES / "dataTables.min.js").read_text(encoding="utf-8")
              + "\n}).call(window);\n" + (STATIC / "report.js").read_text(encoding="utf-8"))
    # Inlined in a <script> element, it must not close it or open an HTML comment inside it.
    if re.search(r"</script|<!--", script, flags=re.IGNORECASE):
        raise ValueError("the bundled script cannot be inlined: it contains '</script' or '<!--'")
    return script


def script_hash(script: str | None = None) -> str:
    """The CSP source that allows the bundled script: 'sha256-<base64 digest>'."""
    digest = hashlib.sha256((script if script is not None else bundled_script()).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy() -> str:
    """Nothing from the network; images and fonts embedded; inline styles; the bundled script and no other."""
    return ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
            f"script-src {script_hash()}; base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def page_css() -> str:
    """DataTables' default style and the report's own."""
    return (DATATABLES / "dataTables.dataTables.min.css").read_text(encoding="utf-8") + "\n" + \
        (STATIC / "report.css").read_text(encoding="utf-8")


def project_commit(ignore: tuple[str, ...] = ()) -> str:
    """The project's short commit, with '+changes' when tracked files (other than ``ignore``) differ; else 'unknown'."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True, check=True).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", *(f":!{path}" for path in ignore))
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+changes" if changed else head


def environment():
    """Jinja for the report's pages: autoescape on, so that every value is escaped unless marked safe."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "pages")), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def common(name: str, built: str) -> dict:
    """What every page's template needs."""
    return {"name": name, "built": built, "csp": content_security_policy(), "css": page_css(),
            "script": bundled_script()}


def figure_uri(fig) -> str:
    """A matplotlib figure as an embedded PNG (data: URI); the figure is closed."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def safe(markup: str):
    """Our own escaped HTML (a table from helpers.display), to be placed as it is."""
    from markupsafe import Markup

    return Markup(markup)


# ---------------------------------------------------------------- articles

def article_urls(corpus) -> dict[str, str]:
    """article_id -> the web address it was published at: the articles table's ``url``, else its front matter's.

    Only http(s) addresses count, so that a 'javascript:' value never becomes a link.
    """
    urls = {}
    table = corpus.articles
    if "url" in table.columns:
        urls.update({a: str(u) for a, u in zip(table["article_id"], table["url"]) if display.is_web_address(u)})
    for document in corpus.documents:
        url = (document.meta or {}).get("url")
        if document.article_id not in urls and display.is_web_address(url):
            urls[document.article_id] = str(url).strip()
    return urls


MAX_PAGE_STEM = 120


def article_filename(article_id: str) -> str:
    """A page name for an article id: its safe characters, with a short hash when others had to go."""
    safe_id = re.sub(r"[^A-Za-z0-9._-]", "_", article_id).strip(".")[:MAX_PAGE_STEM] or "article"
    if safe_id != article_id:   # (a name of 230 bytes and more would not fit a file system's 255)
        safe_id += "-" + hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe_id}.html"


def article_page(corpus, article: dict, name: str, built: str, neighbours: tuple, url: str | None) -> str:
    """One article's page: its actors, claims, timeline and network, each table whole."""
    from . import alliances, plots

    article_id = article["article_id"]
    tables = {table: frame[frame["article_id"] == article_id] if table not in ("actors",) else frame
              for table, frame in corpus.tables.items()}     # the corpus's rows of this article, with corpus actor ids
    mentions = tables["mentions"]
    counts = mentions.groupby("actor_id").size().rename("mentions here").reset_index()
    actors = counts.merge(tables["actors"][["actor_id", "name", "kind", "affiliation", "aliases"]], on="actor_id")
    actors = actors.sort_values(["mentions here", "name"], ascending=[False, True])
    claims = tables["claims"]
    claim_columns = ["claim_id", "speaker_text", "cue_text", "quote_type", "certainty", "text"]
    timeline = tables["timeline"]
    timeline_columns = ["timex_id", "text", "type", "value", "date_start", "date_end", "event_text", "event_status"]
    relations = tables["relations"]
    names = tables["actors"].set_index("actor_id")["name"]
    relation_rows = relations.assign(source=relations["source_actor_id"].map(names).fillna(relations["source_text"]),
                                     target=relations["target_actor_id"].map(names).fillna(relations["target_text"]))
    published = article.get("published") or None
    timeline_figure = plots.timeline(timeline, published=published, title=f"Timeline: {article.get('title') or article_id}")
    blocs, _ = alliances.find_blocs(alliances.relation_graph(relations, tables["actors"]))
    drawn = alliances.relation_graph(relations, tables["actors"], certainties=alliances.DRAWN_CERTAINTIES,
                                     articles=tables["articles"])
    network_figure = plots.network(drawn, blocs, title=f"Who backs and fights whom: {article.get('title') or article_id}")
    bodies = {article_id: corpus.body(article_id)}
    previous, following = neighbours
    return environment().get_template("article.html.j2").render(
        **common(name, built), article=article, url=url, previous=previous, next=following,
        actors_table=safe(display.table(actors[["name", "kind", "mentions here", "affiliation", "aliases"]]).html()),
        quotes_table=safe(display.claims_in_context(claims, bodies).html()),
        claims_table=safe(display.table(claims[[c for c in claim_columns if c in claims.columns]]).html()),
        timeline_figure=figure_uri(timeline_figure.figure),
        timeline_table=safe(display.table(timeline[[c for c in timeline_columns if c in timeline.columns]]).html()),
        network_figure=figure_uri(network_figure.figure),
        relations_table=safe(display.table(relation_rows[["source", "relation", "target", "certainty", "trigger",
                                                          "evidence_text"]]).html()))


# ---------------------------------------------------------------- the index

def index_page(corpus, name: str, built: str, notebook_pages: list[dict], article_links: dict[str, str],
               exports: list[str], results: dict, dossiers: list[dict] = ()) -> str:
    """The report's front page: the corpus in figures, its articles (linked to their pages), the chronology,
    the actors and their dossiers (``dossiers``: href, title, kind, mentions, articles), how accurate the tables
    are, and the exports."""
    from . import accuracy, plots

    tables = corpus.tables
    counts = (f"{count(tables['articles'], 'article')}, {count(tables['actors'], 'actor')}, "
              f"{count(tables['claims'], 'claim')} ({int(tables['claims']['attributed'].fillna(False).sum())} attributed), "
              f"{count(tables['timeline'], 'temporal expression')}, {count(tables['relations'], 'relation')}")
    dates = sorted(str(d) for d in tables["articles"]["published"].dropna() if str(d))
    span = f"published {dates[0]} to {dates[-1]}" if dates else "no publication dates"
    chronology = plots.chronology(tables["articles"], tables["timeline"], title=f"The corpus on one time axis: {name}")
    sections = accuracy.accuracy_tables(results)
    for section in sections:
        section["html"] = safe(display.table(section["figures"], decimals=3).html())
    return environment().get_template("index.html.j2").render(
        **common(name, built), counts=counts, span=span, pages=notebook_pages, errors=corpus.errors,
        articles_table=safe(articles_table(corpus, article_links).html()),
        chronology=figure_uri(chronology.figure),
        actors_table=safe(display.table(actors_overview(tables["actors"])).html()),
        exports=exports, accuracy=sections, dossiers=list(dossiers), **error_figures(results))


def count(rows, noun: str) -> str:
    """'1 article', '3 articles'."""
    return f"{len(rows)} {noun}{'' if len(rows) == 1 else 's'}"


def articles_table(corpus, article_links: dict[str, str]):
    """The articles, each title linked to its page, with what was found in each and its web address when known."""
    from html import escape

    tables = corpus.tables
    urls = article_urls(corpus)
    rows = []
    for article in tables["articles"].to_dict("records"):
        article_id = article["article_id"]
        title = escape(display.cell_text(article.get("title")) or article_id)
        rows.append({"published": article.get("published"), "title": f'<a href="{escape(article_links[article_id])}">{title}</a>'
                     if article_id in article_links else title, "outlet": article.get("outlet"),
                     "words": article.get("n_words"),
                     "actors": tables["mentions"].loc[tables["mentions"]["article_id"] == article_id, "actor_id"].nunique(),
                     "claims": int((tables["claims"]["article_id"] == article_id).sum()),
                     "relations": int((tables["relations"]["article_id"] == article_id).sum()),
                     "url": urls.get(article_id, ""), "article_id": article_id})
    frame = pd.DataFrame(rows, columns=["published", "title", "outlet", "words", "actors", "claims", "relations", "url",
                                        "article_id"])
    return display.table(frame.sort_values(["published", "article_id"], na_position="last"), html_columns={"title"})


def actors_overview(actors: pd.DataFrame) -> pd.DataFrame:
    """Every actor with its kind, mentions and the number of articles naming it."""
    frame = actors.assign(n_articles=actors["articles"].fillna("").map(lambda a: len([x for x in str(a).split(";") if x])),
                          aliases=actors["aliases"].fillna("").str.replace(";", "; ", regex=False))
    columns = ["name", "kind", "n_mentions", "n_articles", "affiliation", "aliases"]
    return frame[[c for c in columns if c in frame.columns]]


def error_figures(results: dict) -> dict:
    """The few figures the 'typical errors' text quotes."""
    from .accuracy import figure

    timeline_errors = figure(results, "timeline", "overall", "errors")
    return {"splits": figure(results, "reader", "all stories", "splits"),
            "merges": figure(results, "reader", "all stories", "merges"),
            "content_exact": figure(results, "claims", "all articles", "content_exact", "f1"),
            "content_overlap": figure(results, "claims", "all articles", "content_overlap", "f1"),
            "timeline_errors": timeline_errors or None,
            "timeline_gold": figure(results, "timeline", "overall", "gold"),
            "relations_recall": figure(results, "reader", "all stories", "relations_r"),
            "relations_precision": figure(results, "reader", "all stories", "relations_p")}
