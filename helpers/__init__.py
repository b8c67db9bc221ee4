"""Conflict news as data: actors, claims, timelines and alliances from English news articles.

    from helpers import load_corpus
    corpus = load_corpus("data/articles")
    corpus.actors, corpus.claims, corpus.timeline, corpus.relations
"""
from .articles import Article, ArticleError, load_article

__version__ = "0.1.0"
__all__ = ["Article", "ArticleError", "Corpus", "load_article", "load_corpus", "__version__"]


def __getattr__(name):
    # Imported on first use, so that `import helpers.nlp` does not load every extractor.
    if name in ("Corpus", "load_corpus"):
        from . import corpus

        return getattr(corpus, name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
