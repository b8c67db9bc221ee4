"""Reports: `make report` on the sample corpus, on one hostile file and on the reader's gold, checked in a real
browser (Debian's Chromium via Playwright)."""
import html
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from helpers import load_article
from helpers.articles import iter_article_paths

from .conftest import ARTICLES, ROOT, TEST_DATA, shared_folder

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOTEBOOKS_UNCHANGED: list[bool] = []
HOSTILE = TEST_DATA / "hostile" / "hostile-markup.md"


def make_report(articles: Path, name: str) -> Path:
    """Run `make report` on a folder or file, as a user would, and return the report folder."""
    out = ROOT / "reports" / name
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(["make", "--no-print-directory", "report", f"ARTICLES={articles}", f"NAME={name}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def notebook_bytes() -> dict:
    return {p.name: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")}


def html_pages(report: Path) -> list[Path]:
    return sorted(report.glob("*.html")) + sorted(report.glob("articles/*.html"))


def shot_name(report: Path, page: Path) -> str:
    """A screenshot's name: the page's place in its report ("index", "articles-<id>")."""
    return page.relative_to(report).with_suffix("").as_posix().replace("/", "-")


@pytest.fixture(scope="module")
def report():
    """The sample report: `make report` on data/articles."""
    before = notebook_bytes()
    out = make_report(ARTICLES, f"test-sample-{os.getpid()}")
    NOTEBOOKS_UNCHANGED.append(notebook_bytes() == before)
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def hostile_report():
    """A report of one file (ARTICLES may be a file), whose text is full of markup."""
    out = make_report(HOSTILE, f"test-hostile-{os.getpid()}")
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (`make test` installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


# Playwright's init scripts run whatever the page's policy says; this one only listens for what the policy blocks.
WATCH_POLICY = ("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")


def open_page(browser, path: Path, screenshot: str):
    """Load a page; return it with the console errors, page errors and dialogs seen, after saving a screenshot."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.add_init_script(WATCH_POLICY)
    page.goto(path.as_uri(), wait_until="load")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"), full_page=True)
    return page, problems


# ---------------------------------------------------------------- what a report holds

def story_url(article_id: str) -> str:
    return f"https://news.example.org/stories/{article_id}"


@pytest.fixture(scope="module")
def jsonl_report(tmp_path_factory):
    """The report of tests/data/invented as an analyst's export holds it: one JSONL file, each story with its URL."""
    stories = tmp_path_factory.mktemp("export") / "stories.jsonl"
    with open(stories, "w", encoding="utf-8") as file:
        for path in iter_article_paths(TEST_DATA / "invented"):
            article = load_article(path)
            file.write(json.dumps({"id": article.article_id, "title": article.title, "outlet": article.outlet,
                                   "published": str(article.published), "url": story_url(article.article_id),
                                   "text": article.body}) + "\n")
    out = make_report(stories, f"test-jsonl-{os.getpid()}")
    yield out
    shutil.rmtree(out, ignore_errors=True)


def test_every_story_of_a_corpus_file_is_in_the_report_linked_to_its_url(jsonl_report, browser):
    for name in ("index.html", "articles/valley-front.html"):
        page, problems = open_page(browser, jsonl_report / name, f"jsonl-links-{Path(name).stem}")
        links = page.eval_on_selector_all("a[href^='https://news.example.org/']", "els => els.map(e => e.getAttribute('href'))")
        assert set(links) == {story_url("valley-front")}, name
        assert problems == [], (name, problems)
        page.close()
    articles = (jsonl_report / "exports" / "tables" / "articles.csv").read_text(encoding="utf-8")
    assert story_url("valley-front") in articles and ",jsonl" in articles


def test_report_has_every_page_and_export(report):
    pages = ["index.html", "01-actors-and-claims.html", "02-timeline.html", "03-alliances.html", "04-sources-and-quotes.html"]
    assert all((report / page).stat().st_size > 1000 for page in pages)
    tables = {p.name for p in (report / "exports" / "tables").iterdir()}
    assert tables == {f"{t}.{f}" for t in ("articles", "mentions", "actors", "claims", "timeline", "relations")
                      for f in ("csv", "parquet")}
    figures = sorted(p.name for p in (report / "exports" / "figures").iterdir())
    assert {"alliances-network.svg", "chronology.png", "timeline-2017-05-30-pmf-border-villages.png"} <= set(figures)
    assert len([f for f in figures if f.endswith(".png")]) == len([f for f in figures if f.endswith(".svg")]) >= 5
    assert (report / "exports" / "alliances.graphml").read_text(encoding="utf-8").startswith("<?xml")


def test_each_article_has_a_page_linked_from_the_index(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    ids = [p.stem for p in ARTICLES.glob("*.md")]
    for article_id in ids:
        page = report / "articles" / f"{article_id}.html"
        assert f'href="articles/{article_id}.html"' in index
        text = page.read_text(encoding="utf-8")
        for heading in ("<h2>Actors</h2>", "<h2>Claims</h2>", "<h2>Timeline</h2>", "<h2>Network</h2>"):
            assert heading in text, (article_id, heading)
    voa = (report / "articles" / "2025-03-14-iraq-says-key-islamic-state-leader-is-dead.html").read_text(encoding="utf-8")
    assert 'href="https://www.voanews.com/' in voa and 'rel="noopener noreferrer"' in voa


def test_the_index_is_titled_with_the_name_and_has_the_chronology_and_accuracy(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    assert f"<title>Conflict news as data: {report.name}</title>" in index
    assert f"<h1>Conflict news as data: {report.name}</h1>" in index
    assert 'id="chronology"' in index and 'src="data:image/png;base64,' in index
    assert 'id="accuracy"' in index and "What typical errors look like" in index and "What the tables cannot know" in index
    measured = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    assert f"measured {measured['timeline']['measured']} at commit <code>{measured['timeline']['commit']}</code>" in index


def test_committed_notebooks_are_not_modified_by_a_report(report):
    assert NOTEBOOKS_UNCHANGED == [True]
    executed = sorted(p.name for p in (report / "notebooks").glob("*.ipynb"))   # the executed copies live in the report
    assert len([n for n in executed if not n.startswith("05-")]) == 4
    assert len([n for n in executed if n.startswith("05-actor-dossier-")]) == 5   # notebook 05 once per dossier


def test_the_five_most_mentioned_actors_have_a_dossier_linked_from_the_index(report):
    from helpers.dossier import most_mentioned

    actors = pd.read_csv(report / "exports" / "tables" / "actors.csv")
    index = (report / "index.html").read_text(encoding="utf-8")
    chosen = most_mentioned(actors, 5)
    assert len(chosen) == 5 and "place" not in set(actors.set_index("actor_id").loc[chosen, "kind"])
    for actor_id in chosen:
        page = f"05-actor-dossier-{actor_id}.html"
        assert f'href="{page}"' in index, actor_id
        text = (report / page).read_text(encoding="utf-8")
        name = actors.set_index("actor_id").loc[actor_id, "name"]
        assert f"Dossier: {name}" in html.unescape(text) and "Allies and adversaries" in text, actor_id
        assert "Parameters: papermill" not in text


def test_report_files_get_the_mode_the_umask_allows(report):
    umask = os.umask(0)
    os.umask(umask)
    modes = {p.relative_to(report).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in report.rglob("*") if p.is_file()}
    assert len(modes) > 30 and set(modes.values()) == {0o666 & ~umask}, modes


def test_no_page_or_file_shows_a_path_of_the_build_machine(report, hostile_report):
    machine = [str(ROOT), str(ROOT.parent) + "/", str(Path.home()) + "/", os.environ["CONFLICT_NEWS_CACHE"]]
    for folder in (report, hostile_report):
        for path in html_pages(folder) + sorted((folder / "notebooks").glob("*.ipynb")) + \
                sorted((folder / "exports").rglob("*.csv")):
            text = path.read_text(encoding="utf-8")
            leaks = [m for m in machine if m and m != "/" and m in text]
            assert not leaks, (path.relative_to(folder), leaks)


def test_code_is_folded_and_parameters_cells_are_left_out(report):
    page = (report / "01-actors-and-claims.html").read_text(encoding="utf-8")
    assert page.count('<details class="cn-code"><summary>code</summary>') >= 5
    assert "injected-parameters" not in page and "Parameters: papermill" not in page
    executed = json.loads((report / "notebooks" / "01-actors-and-claims.ipynb").read_text(encoding="utf-8"))
    assert any("injected-parameters" in c["metadata"].get("tags", []) for c in executed["cells"])


# ---------------------------------------------------------------- in the browser

def test_every_page_loads_its_images_and_links_without_console_errors(report, browser):
    for path in html_pages(report):
        page, problems = open_page(browser, path, f"sample-{shot_name(report, path)}")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])")
        assert images and all(done and width > 0 and height > 0 for done, width, height in images), (path.name, images)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urlparse(href)
            if target.scheme in ("http", "https", "mailto"):
                continue
            assert target.scheme == "", (path.name, href)
            if target.path:
                assert (path.parent / unquote(target.path)).exists(), (path.name, href)
            elif target.fragment:
                found = page.evaluate("f => !!(document.getElementById(f) || document.getElementById(decodeURIComponent(f)))",
                                      target.fragment)
                assert found, (path.name, href)
        assert problems == [] and page.evaluate("window.__violations") == [], (path.name, problems)
        page.close()


def test_the_figures_fit_the_page(report, browser):
    for name in ("02-timeline.html", "03-alliances.html", "index.html"):
        page, _ = open_page(browser, report / name, f"fit-{name}")
        widths = page.eval_on_selector_all("img", "els => els.map(e => e.getBoundingClientRect().right)")
        assert widths and max(widths) <= 1280, (name, widths)
        page.close()


def table_of(page, column: str):
    """The DataTables container of the first table with this column heading."""
    return page.locator("div.dt-container").filter(has=page.locator("th", has_text=re.compile(f"^{column}$"))).first


def visible_column(container, index: int) -> list[str]:
    return container.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()


def test_typing_an_actor_name_filters_the_actors_table(report, browser):
    actors = pd.read_csv(report / "exports" / "tables" / "actors.csv")
    wanted = actors.sort_values("n_mentions", ascending=False)["name"].iloc[4]
    page, problems = open_page(browser, report / "01-actors-and-claims.html", "filter-actors")
    container = table_of(page, "aliases")
    columns = container.locator("thead th").all_inner_texts()
    name_column = [c.strip() for c in columns].index("name")
    before = container.locator("tbody tr").count()
    container.locator("input[type=search]").fill(wanted)
    page.wait_for_timeout(300)
    rows = container.locator("tbody tr").all_inner_texts()
    assert 0 < len(rows) < before
    assert wanted in visible_column(container, name_column)
    assert all(wanted.lower() in row.lower() for row in rows)
    container.locator("input[type=search]").fill("no actor is called this")
    page.wait_for_timeout(300)
    assert container.locator("tbody tr td.dt-empty").count() == 1
    assert problems == []
    page.close()


def settled(read, check, page, tries: int = 30):
    """What read() gives once check() holds of it (the table redraws a moment after a click), else its last value."""
    for _ in range(tries):
        value = read()
        if check(value):
            return value
        page.wait_for_timeout(100)
    return value


def test_clicking_a_column_sorts_it(report, browser):
    page, problems = open_page(browser, report / "01-actors-and-claims.html", "sort-actors")
    container = table_of(page, "aliases")
    columns = [c.strip() for c in container.locator("thead th").all_inner_texts()]
    mentions, name = columns.index("n_mentions"), columns.index("name")
    counts = pd.read_csv(report / "exports" / "tables" / "actors.csv")["n_mentions"]
    first_page = lambda column: lambda: visible_column(container, column)  # noqa: E731
    numbers = lambda column: lambda: [int(v) for v in visible_column(container, column)]  # noqa: E731
    assert numbers(mentions)()[0] == counts.max()               # the table's own order: most mentioned first
    container.locator("thead th").nth(mentions).click()
    ascending = settled(numbers(mentions), lambda v: v == sorted(v) and v[0] == counts.min(), page)
    assert ascending == sorted(counts)[:len(ascending)]
    container.locator("thead th").nth(mentions).click()
    descending = settled(numbers(mentions), lambda v: v[0] == counts.max(), page)
    assert descending == sorted(counts, reverse=True)[:len(descending)]
    container.locator("thead th").nth(name).click()
    names = settled(first_page(name), lambda v: v == sorted(v, key=str.casefold), page)
    assert names == sorted(names, key=str.casefold) and names != visible_column(container, mentions)
    assert problems == []
    page.close()


def test_every_row_of_the_claims_table_is_reachable(report, browser):
    claims = pd.read_csv(report / "exports" / "tables" / "claims.csv")
    wanted = {(a, c) for a, c, attributed in zip(claims["article_id"], claims["claim_id"], claims["attributed"]) if attributed}
    assert len(wanted) > 25          # more than one page
    page, problems = open_page(browser, report / "01-actors-and-claims.html", "claims-pages")
    container = table_of(page, "cue_text")
    columns = [c.strip() for c in container.locator("thead th").all_inner_texts()]
    seen = set()
    for _ in range(100):              # page by page, as a reader would
        seen |= set(zip(visible_column(container, columns.index("article_id")),
                        visible_column(container, columns.index("claim_id"))))
        following = container.locator("button.dt-paging-button.next")
        if following.count() == 0 or "disabled" in (following.get_attribute("class") or ""):
            break
        following.click()
    assert seen == wanted
    container.locator("select").select_option("-1")   # or all on one page
    assert container.locator("tbody tr").count() == len(wanted)
    assert problems == []
    page.close()


def test_hostile_article_text_is_shown_never_run(hostile_report, browser):
    from helpers.pages import script_hash

    for path in html_pages(hostile_report):
        page, problems = open_page(browser, path, f"hostile-{shot_name(hostile_report, path)}")
        assert page.evaluate("typeof window.__pwned") == "undefined", path.name
        assert problems == [] and page.evaluate("window.__violations") == [], (path.name, problems)
        assert page.locator("img[src='x']").count() == 0, path.name
        assert page.locator("a[href^='javascript:']").count() == 0, path.name
        handlers = page.evaluate("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                                 ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))")
        assert handlers == [], (path.name, handlers)
        # one script, the bundled one, and the policy allows it alone, by its hash
        scripts = page.eval_on_selector_all("script", "els => els.map(e => [e.src, e.textContent])")
        assert len(scripts) == 1 and scripts[0][0] == "", path.name
        policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
        script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
        assert script_src == [script_hash(scripts[0][1])] == [script_hash()], (path.name, policy)
        assert policy.startswith("default-src 'none'") and "unsafe-eval" not in policy, path.name
        assert page.locator("div.dt-container").count() >= 1, path.name    # and it ran: the tables are enhanced
        page.close()
    quotes, _ = open_page(browser, hostile_report / "04-sources-and-quotes.html", "hostile-quotes")
    text = quotes.inner_text("body")
    assert "<script>window.__pwned = 'quote'</script> We hold the bridge" in text
    assert "<img src=x onerror=" in text
    assert "</script><script>window.__pwned = 'script'</script>" in text and "<!-- <script>" in text
    quotes.close()


def test_a_single_file_makes_a_report_with_its_article_page(hostile_report):
    index = (hostile_report / "index.html").read_text(encoding="utf-8")
    assert "<p>1 article, " in index and 'href="articles/hostile-markup.html"' in index
    page = (hostile_report / "articles" / "hostile-markup.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt; Militia &lt;b&gt;says&lt;/b&gt;" in page
    assert 'href="javascript' not in page and "the article where it was published" not in page   # no web address


# ---------------------------------------------------------------- where a report goes

def test_the_default_name_never_overwrites_another_report(tmp_path):
    from helpers.report import SOURCE_MARKER, choose_report_dir, source_digest

    reports = tmp_path / "reports"
    sample, reader = tmp_path / "data" / "articles", tmp_path / "reader" / "articles"
    for folder in (sample, reader):
        folder.mkdir(parents=True)
    target, note = choose_report_dir(sample, reports)
    assert target == reports / "articles" and note is None
    target.mkdir(parents=True)
    (target / SOURCE_MARKER).write_text(source_digest(sample))
    (target / "index.html").write_text("the sample report")
    assert choose_report_dir(sample, reports) == (reports / "articles", None)      # the same articles: rebuilt
    target, note = choose_report_dir(reader, reports)
    assert target == reports / "reader-articles" and "holds the report of other articles" in note
    (reports / "unmarked").mkdir()
    (reports / "unmarked" / "notes.txt").write_text("someone's own files")
    (tmp_path / "unmarked.md").write_text("One article in a file of its own.")
    target, _ = choose_report_dir(tmp_path / "unmarked.md", reports)
    assert target == reports / f"{tmp_path.name}-unmarked"                        # a folder not marked as ours
    target, note = choose_report_dir(reader, reports, name="articles")
    assert target == reports / "articles" and note.startswith("replacing")         # a chosen name is said aloud


def test_report_command_accepts_a_file_and_refuses_what_is_not_there(tmp_path):
    from helpers.report import main, parse_parameters

    assert main(["--articles", str(tmp_path / "missing")]) == 2
    assert main(["--articles", str(HOSTILE), "--name", "../elsewhere"]) == 2
    assert parse_parameters(["PUBLISHED_FROM=2021-01-01"]) == {"PUBLISHED_FROM": "2021-01-01"}
    with pytest.raises(SystemExit, match="ARTICLES and OUTPUT are set by the report"):
        parse_parameters(["ARTICLES=/elsewhere"])


# ---------------------------------------------------------------- the reader's gold

def test_the_committed_accuracy_results_cover_every_table():
    from helpers.accuracy import accuracy_tables, load_results

    sections = accuracy_tables(load_results())
    assert {s["table"] for s in sections} == {"actors", "claims", "timeline", "relations"}
    for section in sections:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", section["measured"]) and re.fullmatch(r"[0-9a-f]{7,}", section["commit"])
        assert len(section["figures"]) >= 2 and section["figures"].drop(columns="folder").notna().any().all(), section


def test_a_report_on_the_readers_gold(browser):
    from .test_figures import corpus_network, network_overlaps
    from helpers import plots

    articles = shared_folder("corpora", "reader", "articles")
    out = make_report(articles, f"test-reader-{os.getpid()}")
    try:
        ids = sorted(p.stem for p in articles.glob("*.md"))
        assert sorted(p.stem for p in (out / "articles").glob("*.html")) == ids
        index = (out / "index.html").read_text(encoding="utf-8")
        assert all(f'href="articles/{i}.html"' in index for i in ids)
        assert 'id="chronology"' in index and 'id="accuracy"' in index
        tables = {name: pd.read_parquet(out / "exports" / "tables" / f"{name}.parquet")
                  for name in ("articles", "actors", "relations")}
        drawn, blocs = corpus_network(tables)
        ax = plots.network(drawn, blocs)
        assert network_overlaps(ax) == []
        for path in html_pages(out):
            page, problems = open_page(browser, path, f"reader-{shot_name(out, path)}")
            assert problems == [] and page.evaluate("window.__violations") == [], (path.name, problems)
            page.close()
    finally:
        shutil.rmtree(out, ignore_errors=True)
