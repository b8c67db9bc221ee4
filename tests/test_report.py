"""Reports: `make report` on a JSONL corpus file and on a folder of articles, checked in a real browser (Debian's
Chromium via Playwright)."""
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from helpers import load_article
from helpers.articles import iter_article_paths

from .conftest import ROOT, TEST_DATA

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOTEBOOKS_UNCHANGED: list[bool] = []


def make_report(articles: Path, name: str) -> Path:
    """Run `make report` on a folder or a corpus file, as a user would, and return the report folder."""
    out = ROOT / "reports" / name
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(["make", "--no-print-directory", "report", f"ARTICLES={articles}", f"NAME={name}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def notebook_bytes() -> dict:
    return {p.name: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")}


def story_url(article_id: str) -> str:
    return f"https://news.example.org/stories/{article_id}"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of tests/data/invented as an analyst's export holds it: one JSONL file, each story with its URL."""
    stories = tmp_path_factory.mktemp("export") / "stories.jsonl"
    with open(stories, "w", encoding="utf-8") as file:
        for path in iter_article_paths(TEST_DATA / "invented"):
            article = load_article(path)
            file.write(json.dumps({"id": article.article_id, "title": article.title, "outlet": article.outlet,
                                   "published": str(article.published), "url": story_url(article.article_id),
                                   "text": article.body}) + "\n")
    before = notebook_bytes()
    out = make_report(stories, f"test-invented-{os.getpid()}")
    NOTEBOOKS_UNCHANGED.append(notebook_bytes() == before)
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def hostile_report():
    out = make_report(TEST_DATA / "hostile", f"test-hostile-{os.getpid()}")
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


def test_report_has_every_page_and_export(report):
    pages = ["index.html", "01-actors-and-claims.html", "02-timeline.html", "03-alliances.html", "04-sources-and-quotes.html"]
    assert all((report / page).stat().st_size > 1000 for page in pages)
    tables = {p.name for p in (report / "exports" / "tables").iterdir()}
    assert tables == {f"{t}.{f}" for t in ("articles", "mentions", "actors", "claims", "timeline", "relations")
                      for f in ("csv", "parquet")}
    figures = sorted(p.name for p in (report / "exports" / "figures").iterdir())
    assert "alliances-network.svg" in figures and "timeline-valley-front.png" in figures
    assert len([f for f in figures if f.endswith(".png")]) == len([f for f in figures if f.endswith(".svg")]) >= 4
    assert (report / "exports" / "alliances.graphml").read_text(encoding="utf-8").startswith("<?xml")


def test_every_story_of_the_corpus_file_is_in_the_report_linked_to_its_url(report, browser):
    for name in ("index.html", "01-actors-and-claims.html"):
        page, problems = open_page(browser, report / name, f"report-links-{Path(name).stem}")
        links = page.eval_on_selector_all("a[href^='https://news.example.org/']",
                                          "els => els.map(e => [e.getAttribute('href'), e.textContent])")
        assert links == [[story_url("valley-front"), "Valley front militias claim gains near Tarsel"]], name
        assert problems == [], (name, problems)
        page.close()
    articles = (report / "exports" / "tables" / "articles.csv").read_text(encoding="utf-8")
    assert story_url("valley-front") in articles and ",jsonl" in articles


def test_committed_notebooks_are_not_modified_by_a_report(report):
    assert NOTEBOOKS_UNCHANGED == [True]
    assert len(list((report / "notebooks").glob("*.ipynb"))) == 4  # the executed copies live in the report


def open_page(browser, path: Path, screenshot: str):
    """Load a page; return it with the console errors and page errors seen, after saving a screenshot."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"), full_page=True)
    return page, problems


def test_every_page_loads_its_images_and_links_without_console_errors(report, browser):
    for path in sorted(report.glob("*.html")):
        page, problems = open_page(browser, path, f"report-{path.stem}")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])")
        assert all(done and width > 0 and height > 0 for done, width, height in images), (path.name, images)
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
        assert problems == [], (path.name, problems)
        page.close()
    assert "figures/" in (report / "index.html").read_text(encoding="utf-8")


def test_the_figures_fit_the_page(report, browser):
    page, _ = open_page(browser, report / "02-timeline.html", "timeline-fit")
    widths = page.eval_on_selector_all("img", "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and max(widths) <= 1280
    page.close()


def test_hostile_article_text_is_shown_never_run(hostile_report, browser):
    for path in sorted(hostile_report.glob("*.html")):
        page, problems = open_page(browser, path, f"hostile-{path.stem}")
        assert page.evaluate("typeof window.__pwned") == "undefined", path.name
        assert problems == [], (path.name, problems)
        assert page.locator("img[src='x']").count() == 0, path.name
        assert page.locator("a[href^='javascript:']").count() == 0, path.name
        assert page.locator("script").count() == 0, path.name
        page.close()
    quotes, _ = open_page(browser, hostile_report / "04-sources-and-quotes.html", "hostile-quotes")
    text = quotes.inner_text("body")
    assert "<script>window.__pwned = 'quote'</script> We hold the bridge" in text
    assert "<img src=x onerror=" in text
    quotes.close()
