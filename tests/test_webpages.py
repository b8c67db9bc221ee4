"""Saved web pages: the article's paragraphs and the page's own metadata, nothing of the page around them.

The page in tests/data/pages/ was written for these tests: a news story inside navigation, a cookie banner,
an ad block, related links, a comment thread, a footer, inline scripts and JSON-LD metadata.
"""
import datetime as dt
import re

import pytest

from helpers import ArticleError, load_article, load_corpus
from helpers.articles import web_link

from .conftest import TEST_DATA
from .test_tables import assert_spans_index_bodies

PAGE = TEST_DATA / "pages" / "ridge-town.html"
PARAGRAPHS = [
    "The Northern Shield militia said on Tuesday that it had driven government troops out of the hill town of "
    "Ridge after two days of fighting.",
    "A spokesman for the militia, Oren Talvik, told reporters that his fighters controlled the main road and the "
    "old water plant, and that they would not withdraw before the talks planned for next month.",
    "The Ministry of Defence denied that the town had fallen. In a statement on its website, the ministry said its "
    "units had carried out an orderly redeployment to positions south of Ridge.",
    "Aid workers said about 3,000 people had fled towards the coast since the fighting began on 6 April, and that "
    "the only clinic in Ridge had run out of fuel.",
]
CANONICAL = "https://news.example.org/world/2024/ridge-town-retaken"


def page_variant(tmp_path, name: str, *removed: str, replace: tuple[str, str] | None = None):
    """The test page with some of its markup taken out (regular expressions), saved under another name."""
    html = PAGE.read_text(encoding="utf-8")
    for pattern in removed:
        html, count = re.subn(pattern, "", html, flags=re.DOTALL)
        assert count, pattern  # the variant really differs from the page
    if replace:
        html = html.replace(*replace)
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_the_body_is_exactly_the_articles_paragraphs():
    article = load_article(PAGE)
    assert article.body == "\n\n".join(PARAGRAPHS) + "\n"
    for boilerplate in ("cookies", "Subscribe", "Advertisement", "hiking boots", "More from World", "RidgeWatcher",
                        "Comments", "dataLayer", "Privacy policy", "All rights reserved", "By Mara Quill", "Posted"):
        assert boilerplate not in article.body, boilerplate


def test_title_date_url_author_and_outlet_come_from_the_pages_metadata():
    article = load_article(PAGE)
    assert article.title == "Militia retakes Ridge town after two-day battle"  # not the <title> with the site's name
    assert article.published == dt.date(2024, 4, 8)  # published, not modified (9 April), nor a comment's or footer's date
    assert article.url == CANONICAL  # the canonical address, not the one the browser noted when saving
    assert article.author == "Mara Quill" and article.outlet == "The Valley Courier"
    assert (article.article_id, article.source_format) == ("ridge-town", "html")


def test_json_ld_alone_gives_title_author_and_date_and_the_canonical_link_the_url(tmp_path):
    path = page_variant(tmp_path, "json-ld-only.html", r"<meta property=[^>]*>", r"<meta name=\"author\"[^>]*>",
                        r"<time[^>]*>[^<]*</time>", r"<!-- saved from url=\(\d+\)\S+ -->")
    article = load_article(path)
    assert article.title == "Militia retakes Ridge town after two-day battle"
    assert article.published == dt.date(2024, 4, 8) and article.author == "Mara Quill"
    assert article.url == CANONICAL
    assert article.body == "\n\n".join(PARAGRAPHS) + "\n"


def test_a_page_that_states_no_date_has_none_never_today(tmp_path):
    path = page_variant(tmp_path, "undated.html", r"<script type=\"application/ld\+json\">.*?</script>",
                        r"<meta property=\"article:published_time\"[^>]*>", r"<time[^>]*>[^<]*</time>",
                        replace=("/world/2024/", "/world/"))
    article = load_article(path)
    assert article.published is None
    assert article.body == "\n\n".join(PARAGRAPHS) + "\n"


def test_dates_in_the_text_comments_or_footer_are_never_the_publication_date(tmp_path):
    path = page_variant(tmp_path, "dates-in-text.html", r"<script type=\"application/ld\+json\">.*?</script>",
                        r"<meta property=\"article:published_time\"[^>]*>", r"<time[^>]*>[^<]*</time>",
                        replace=("/world/2024/", "/world/"))
    html = path.read_text(encoding="utf-8").replace("began on 6 April", "began on 2024-04-06")
    html = html.replace("Posted 2 May 2023", "Posted 2023-05-02T10:00:00Z").replace("© 2019", "Updated 2024-04-09 ©")
    path.write_text(html, encoding="utf-8")
    article = load_article(path)
    assert "began on 2024-04-06" in article.body
    assert article.published is None


def test_a_date_in_the_pages_address_is_one_it_states(tmp_path):
    path = page_variant(tmp_path, "dated-url.html", r"<script type=\"application/ld\+json\">.*?</script>",
                        r"<meta property=\"article:published_time\"[^>]*>", r"<time[^>]*>[^<]*</time>",
                        replace=("/world/2024/", "/world/2024/04/07/"))
    assert load_article(path).published == dt.date(2024, 4, 7)


def test_the_address_a_browser_noted_stands_in_for_a_missing_canonical_url(tmp_path):
    path = page_variant(tmp_path, "saved.html", r"<link rel=\"canonical\"[^>]*>", r"<meta property=\"og:url\"[^>]*>")
    assert load_article(path).url == "https://news.example.org/world/ridge-town-retaken"


def test_a_page_in_another_encoding_is_decoded_by_its_charset(tmp_path):
    html = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("Oren Talvik", "Orén Talvik").replace(" · ", " - ")
    path = tmp_path / "cp1252.html"
    path.write_bytes(html.encode("cp1252"))
    assert "Orén Talvik, told reporters" in load_article(path).body


NO_ARTICLE = {
    "cookie-banner": "<html><head><title>Home | Courier</title></head><body><nav><a href='/a'>World</a></nav>"
                     "<div class='cookie-banner'><p>We use cookies. Accept all cookies.</p></div></body></html>",
    "not-found": "<html><head><title>Page not found</title></head><body><header><nav><ul><li><a href='/w'>World</a>"
                 "</li></ul></nav></header><main><h1>Page not found</h1><p>Sorry, we could not find that page.</p>"
                 "</main></body></html>",
    "front-page": "<html><body><nav><a href='/w'>World</a></nav><main>" + "".join(
        f"<div class='teaser'><h3><a href='/s{n}'>Headline number {n} about the fighting in the hills</a></h3></div>"
        for n in range(20)) + "</main></body></html>",
    "script-only": "<html><body><script>var story = 'The army said on Monday that it had retaken the town.';"
                   "</script></body></html>",
    "empty-body": "<html><head><title>Nothing</title></head><body></body></html>",
}


@pytest.mark.parametrize("name", sorted(NO_ARTICLE))
def test_a_page_with_no_article_text_gives_one_line_naming_it(tmp_path, name):
    path = tmp_path / f"{name}.html"
    path.write_text(NO_ARTICLE[name], encoding="utf-8")
    with pytest.raises(ArticleError) as raised:
        load_article(path)
    assert str(raised.value) == f"{path}: no article text in the page (only navigation, boilerplate or a few words)"


def test_pages_in_a_folder_are_read_with_the_others_and_their_offsets_index_the_extracted_body(tmp_path):
    (tmp_path / "ridge-town.html").write_bytes(PAGE.read_bytes())
    (tmp_path / "cookie-banner.html").write_text(NO_ARTICLE["cookie-banner"], encoding="utf-8")
    (tmp_path / "note.md").write_text("---\npublished: 2024-04-09\n---\nOfficials said on Monday that the road was open.\n",
                                      encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert [d.article_id for d in corpus.documents] == ["note", "ridge-town"]
    assert corpus.errors == [f"{tmp_path / 'cookie-banner.html'}: no article text in the page "
                             "(only navigation, boilerplate or a few words)"]
    row = corpus.articles.set_index("article_id").loc["ridge-town"]
    assert (row.url, row.author, row.source_format, row.published) == (CANONICAL, "Mara Quill", "html", "2024-04-08")
    assert assert_spans_index_bodies(corpus) > 10
    assert any("Oren Talvik" in speaker for speaker in corpus.claims.speaker_text.dropna())
    assert "Ministry of Defence" in " ".join(corpus.mentions.text)


@pytest.mark.parametrize("url, linked", [
    ("https://news.example.org/a/1", True), ("http://example.org/x?a=1&b=2", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,<b>x</b>", False),
    ("/world/story", False), ("news.example.org/a", False), ('https://example.org/"onmouseover="x', False),
    ("", False), (None, False),
])
def test_only_web_addresses_are_linked(url, linked):
    assert bool(web_link(url)) is linked
