"""Saved web pages: the article's main text and its metadata, read with trafilatura.

A page saved from a browser holds far more than the article: navigation,
cookie banners, ads, related links, reader comments, scripts. trafilatura
(a maintained main-text extractor) finds the article's body; its metadata
reader gives the title, author, site name and canonical URL from the page's
``<meta>`` tags and JSON-LD, and htmldate the publication date.

The date is searched for only where a page states it as metadata: its URL,
its ``<head>`` (meta tags, JSON-LD), JSON-LD and ``<time>`` elements in the
body. htmldate reads only those (the rest of the page is left out of what it
sees), so a date in the article's text, a comment or a footer is never taken
for the publication date, and neither is today's: a page that states none
has none. The body keeps the extracted paragraphs in order, one a
line with a blank line between them, without the headline when the page
repeats it at the top; offsets index that body, as for every article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .articles import ArticleError, web_link

# How htmldate reads the page's statements of its date: no free-text search; the original date, not the updated one.
DATE_SEARCH = {"extensive_search": False, "original_date": True}
BODY_DATE_MARKUP = "//body//script[@type='application/ld+json'] | //body//time | //body//meta"
META_FIELDS = ("title", "author", "hostname", "sitename", "description", "categories", "tags", "license", "language",
               "pagetype")
# A paragraph that ends a sentence: '.', '!', '?' or '…', maybe followed by a closing quote or bracket.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# The mark a browser leaves on a saved page: <!-- saved from url=(0049)https://... -->
SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


@dataclass
class Page:
    """What a saved page gives an article: its body, its metadata values (title, published, ...) and all it found."""

    body: str
    values: dict
    meta: dict


def read_page(path: str | Path, data: bytes) -> Page:
    """Extract the article from a saved page's bytes, raising ArticleError when the page holds no article text."""
    import trafilatura
    from trafilatura.settings import DEFAULT_CONFIG
    from trafilatura.utils import load_html

    limit = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
    if len(data) > limit:
        raise ArticleError(path, f"the page is larger than the extractor's limit ({limit:,} bytes)")
    try:
        tree = load_html(data)
        document = None if tree is None else trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            include_links=False, include_formatting=False, date_extraction_params=dict(DATE_SEARCH))
    except Exception as error:  # a page the parser chokes on is one bad input, never the end of a corpus
        raise ArticleError(path, f"the page cannot be parsed ({type(error).__name__})") from None
    title = (document.title or "") if document else ""
    paragraphs = _paragraphs(document.text if document else "", title)
    body = "\n\n".join(paragraphs) + "\n" if paragraphs else ""
    if not _is_article_text(body, paragraphs, DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")):
        raise ArticleError(path, "no article text in the page (only navigation, boilerplate or a few words)")
    url = web_link(document.url) or _saved_from_url(data)
    try:
        published = _stated_date(tree, url or None)
    except Exception as error:
        raise ArticleError(path, f"the page's date cannot be read ({type(error).__name__})") from None
    values = {"title": title, "author": document.author, "outlet": document.sitename, "url": url,
              "published": published}
    meta = {name: getattr(document, name) for name in META_FIELDS if getattr(document, name, None)}
    return Page(body, values, dict(meta, url=url, published=published))


def _stated_date(tree, url: str | None) -> str | None:
    """The publication date the page states in its URL, head, JSON-LD or <time> elements (htmldate), else None."""
    from htmldate import find_date
    from lxml.html import tostring

    head = tree.find("head")
    kept = ([head] if head is not None else []) + tree.xpath(BODY_DATE_MARKUP)
    markup = "".join(tostring(element, encoding="unicode", with_tail=False) for element in kept)
    return find_date(f"<html>{markup}</html>", url=url, **DATE_SEARCH)


def _paragraphs(text: str, title: str) -> list[str]:
    """The extracted text's paragraphs, without the headline when the text opens with it."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0].casefold() == " ".join(title.split()).casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


def _is_article_text(body: str, paragraphs: list[str], min_size: int) -> bool:
    """Whether the extracted text can be an article: as long as the extractor's own minimum, with a sentence.

    A cookie notice or an error page is shorter than that; a section front
    page leaves only headlines, none of which ends a sentence.
    """
    return len(body) >= min_size and any(SENTENCE_END.search(p) for p in paragraphs)


def _saved_from_url(data: bytes) -> str:
    """The address a browser noted when it saved the page, for pages whose metadata gives none."""
    match = SAVED_FROM.search(data[:4096])
    return web_link(match.group(1).decode("ascii", "replace")) if match else ""
