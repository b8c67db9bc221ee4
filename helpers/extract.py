"""From articles to per-article table rows: one pass of spaCy, then each extractor.

``extract_articles`` streams articles through ``nlp.pipe`` and yields one
``ArticleResult`` per article, holding only table rows (never the Doc), so a
corpus of any size fits in memory. An error in one article is recorded on its
result and never stops the others.

An article longer than the pipeline's ``max_length`` is parsed in pieces cut
at paragraph breaks and joined back into one Doc whose text is the body, so
its offsets hold like any other's. An article that does not look like English
(see ``articles.check_language``) is not parsed: it keeps its articles row,
with a warning, and contributes no other rows.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from functools import partial
from typing import Iterable, Iterator

from spacy.tokens import Doc

from . import actors, limits, model, relations, speakers, timeline, workers
from .articles import Article, check_language
from .pipeline import Pipeline, get_pipeline
from .results import PER_ARTICLE_TABLES, ArticleResult



def extract_articles(articles: Iterable[Article], pipeline: Pipeline | None = None,
                     batch_size: int = 16, n_process: int = 1) -> Iterator[ArticleResult]:
    """Parse articles in batches and yield each one's table rows, in input order.

    With ``n_process`` > 1 the articles are shared out in chunks to worker
    processes, each loading the pipeline once and sending back only table rows,
    so neither the Docs nor their parse cross a process boundary.
    """
    pipeline = pipeline or get_pipeline()
    articles = list(articles)
    if n_process <= 1 or len(articles) < 2:
        for batch in _batches(articles, batch_size):
            yield from _extract_batch(batch, pipeline)
        return
    size = max(1, min(batch_size, -(-len(articles) // n_process)))  # small corpora still spread over the workers
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    work = partial(extract_chunk, model=pipeline.model, dictionary=pipeline.dictionary_path, batch_size=batch_size)
    yield from workers.run_chunks(chunks, work, lambda article: _skipped(article, workers.DIED), n_process)


def extract_chunk(articles: list[Article], model: str | None = None, dictionary=None,
                  batch_size: int = 16) -> list[ArticleResult]:
    """Extract a chunk of articles in this process, loading the pipeline once per process (for workers)."""
    pipeline = get_pipeline(model, dictionary)
    return list(extract_articles(articles, pipeline, batch_size=batch_size, n_process=1))


def _batches(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), max(1, size)):
        yield articles[start:start + max(1, size)]


def _extract_batch(articles: list[Article], pipeline: Pipeline) -> list[ArticleResult]:
    """Parse a batch of articles together and extract each; a parse failure is retried article by article."""
    checks = [check_language(article.body) for article in articles]
    english = [article.body for article, (language, _) in zip(articles, checks) if language == "en"]
    try:
        docs = iter(_parse_all(english, pipeline.nlp))
    except Exception as error:  # one bad text must not cost the batch: parse them one at a time
        if len(articles) > 1:
            return [result for article in articles for result in _extract_batch([article], pipeline)]
        return [_failed(articles[0], "parsing", error)]
    return [extract_doc(next(docs), article, pipeline) if language == "en" else _unread(article, warning)
            for article, (language, warning) in zip(articles, checks)]


def _parse_all(texts: list[str], nlp) -> list[Doc]:
    """Parse texts in input order, each one too long for the pipeline in pieces (see ``parse_long``)."""
    docs = []
    piece = min(nlp.max_length, limits.current().parse_piece_chars)
    for too_long, group in itertools.groupby(texts, key=lambda text: len(text) > piece):
        if too_long:
            docs.extend(parse_long(text, nlp, piece) for text in group)
        else:
            docs.extend(nlp.pipe(list(group)))
    return docs


def parse_long(text: str, nlp, piece: int | None = None) -> Doc:
    """Parse a text longer than ``piece`` (default ``nlp.max_length``) in pieces and join them: the Doc's text
    is the text, and the parser's memory is bounded by the piece, not the text."""
    docs = list(nlp.pipe(split_text(text, piece or nlp.max_length)))
    return Doc.from_docs(docs, ensure_whitespace=False)


PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK = re.compile(r"\n\s*")
WHITESPACE = re.compile(r"\s+")


def split_text(text: str, limit: int) -> list[str]:
    """Cut a text into pieces of at most ``limit`` characters that join back into it.

    Each piece ends after the last paragraph break that fits, else the last line
    break, else the last whitespace, else at the limit itself.
    """
    if limit < 1:
        raise ValueError("the limit must be at least one character")
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        end = _last_break(window)
        pieces.append(text[start:start + end])
        start += end
    pieces.append(text[start:])
    return pieces


def _last_break(window: str) -> int:
    """Where to end a piece inside the window: after its last paragraph, line or word break, else its end."""
    for pattern in (PARAGRAPH_BREAK, LINE_BREAK, WHITESPACE):
        ends = [match.end() for match in pattern.finditer(window)]
        if ends:
            return ends[-1]
    return len(window)


def _unread(article: Article, warning: str) -> ArticleResult:
    """The result of an article left unparsed: its articles row with the reason, and no other rows."""
    row = _article_row(article, article.published, False, "unknown", warning)
    return ArticleResult(article.article_id, article.path, {"articles": [row]} | {
        name: [] for name in PER_ARTICLE_TABLES if name != "articles"})


def _failed(article: Article, step: str, error: Exception) -> ArticleResult:
    return ArticleResult(article.article_id, article.path,
                         error=f"{article.location}: {step} failed ({type(error).__name__}: {error})")


def _skipped(article: Article, reason: str) -> ArticleResult:
    return ArticleResult(article.article_id, article.path, error=f"{article.location}: {reason}")


def extract_doc(doc, article: Article, pipeline: Pipeline) -> ArticleResult:
    """All table rows of one parsed article; an unexpected failure is recorded, not raised.

    The language check comes before the parse (``_extract_batch``): only English articles get here.
    """
    result = ArticleResult(article.article_id, article.path)
    seconds = limits.current().article_seconds
    try:
        with limits.time_budget(seconds):
            result.tables = _extract_tables(doc, article, pipeline)
    except limits.OverBudget:
        result.error = _skipped(article, f"extraction took over {seconds} s (the article_seconds limit: set "
                                         f"{limits.env_name('article_seconds')} to raise it); skipped").error
    except Exception as error:  # one article's failure must not stop a corpus
        result.error = _failed(article, "extraction", error).error
    return result


def _extract_tables(doc, article: Article, pipeline: Pipeline) -> dict[str, list[dict]]:
    article_id = article.article_id
    reference_date, inferred = _reference_date(doc, article)
    resolved = model.build(doc, article_id, pipeline.dictionary, pipeline.corrections)
    relation_rows = relations.extract_relations(doc, article_id, resolved.mentions, resolved.claims, pipeline.dictionary)
    actors.add_roles(resolved.actors, relation_rows, resolved.roles)
    speakers.add_speaker_columns(resolved.claims, resolved.actors)
    return {
        "articles": [_article_row(article, reference_date, inferred, "en", "")],
        "mentions": resolved.mention_rows,
        "actors": resolved.actors,
        "claims": resolved.claims,
        "timeline": timeline.extract_timeline(doc, article_id, reference_date),
        "relations": relation_rows,
    }


def _reference_date(doc, article: Article) -> tuple[dt.date | None, bool]:
    """The date relative expressions are resolved against: the publication date, else one inferred from the text."""
    if article.published:
        return article.published, False
    inferred = timeline.infer_reference_date(doc)
    return inferred, inferred is not None


def _article_row(article: Article, published: dt.date | None, inferred: bool, language: str, warning: str) -> dict:
    return {
        "article_id": article.article_id, "path": article.path, "title": article.title,
        "outlet": article.outlet, "published": published.isoformat() if published else "",
        "n_words": article.n_words, "url": article.url, "author": article.author,
        "source_format": article.source_format, "published_inferred": inferred, "language": language,
        "warning": warning,
    }
