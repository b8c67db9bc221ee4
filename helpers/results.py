"""What extraction gives for one article: its rows of each table, or why it has none.

Kept apart from ``helpers.extract`` so that the cache and the corpus can hold
results without importing spaCy (a rerun served from the cache never parses).
"""
from __future__ import annotations

from dataclasses import dataclass, field

PER_ARTICLE_TABLES = ("articles", "mentions", "actors", "claims", "timeline", "relations")


@dataclass
class ArticleResult:
    """The rows one article contributes to each table, or the reason it has none."""

    article_id: str
    path: str
    tables: dict[str, list[dict]] = field(default_factory=dict)
    error: str = ""
