"""An incremental cache of per-article results, so a rerun parses only new or changed articles.

Each article's rows are stored as one JSON file named by a key that hashes
everything the rows depend on: the article (its id, path, format, metadata and
body; in a JSONL or CSV corpus, its record's, so that an edited record is the
only one extracted again), the spaCy pipeline's name and version, the actor
dictionary, every lexicon, and the helpers' version and source code. Change any of these and the key
changes, so a stale entry is never read; old entries are simply left behind
(``clear`` removes them).

Entries are written to a temporary file and renamed, and carry a digest of
their content: a file that is truncated, corrupt or not ours is detected,
ignored and rebuilt, never trusted. JSON holds only plain values, so nothing
read from the cache is executed or unpickled.

The folder is ``--cache-dir`` on the command line, else the
``CONFLICT_NEWS_CACHE`` environment variable, else ``data/cache/`` in the
project (git-ignored). ``CONFLICT_NEWS_CACHE=off`` (or ``--no-cache``) turns it off.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

from .articles import Article
from .extract import ArticleResult
from .tables import write_atomic

CACHE_ENV = "CONFLICT_NEWS_CACHE"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = PROJECT_ROOT / "data" / "cache"
FORMAT = 1


def cache_dir(setting: str | Path | None = None) -> Path | None:
    """The cache folder to use: the setting, else the environment, else the default; None when turned off."""
    value = setting if setting is not None else os.environ.get(CACHE_ENV)
    if value is None or str(value).strip() == "":
        return DEFAULT_CACHE_DIR
    if str(value).strip().lower() in ("off", "0", "false", "no", "none"):
        return None
    return Path(value)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the helpers' version, source code and data files (lexicons, curation) that shape the rows."""
    from . import __version__

    digest = hashlib.sha256(f"format {FORMAT}; helpers {__version__}".encode())
    package = Path(__file__).resolve().parent
    data = PROJECT_ROOT / "data"
    files = sorted(package.rglob("*.py")) + sorted((package / "data").rglob("*.yaml")) \
        + sorted((data / "lexicons").glob("*.yaml")) + sorted((data / "curation").glob("*.yaml"))
    for path in files:   # subpackages (helpers/relations) and package data (helpers/data) count too
        digest.update(path.name.encode() if not path.is_relative_to(package) else str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ResultCache:
    """Per-article results on disk, keyed by the article and everything that shapes its rows."""

    def __init__(self, folder: str | Path, signature: str):
        self.folder = Path(folder)
        self.signature = signature
        self.rebuilt: list[str] = []   # entries found broken and ignored this run

    def key(self, article: Article) -> str:
        """The entry's name: a hash of the article (the record, for a corpus file) and the extraction's signature.

        Everything an articles row shows is in it, but not a record's line, so
        that records moved about a corpus file keep their entries.
        """
        meta = json.dumps(article.meta, sort_keys=True, default=str)
        fields = json.dumps([article.source_format, article.title, article.outlet, article.author, article.url,
                             str(article.published or "")])
        parts = [self.signature, code_fingerprint(), article.article_id, article.path, fields, meta, article.body]
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleResult | None:
        """The stored result for an article, or None when absent, stale or broken."""
        key = self.key(article)
        path = self.path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ValueError):
            self.rebuilt.append(str(path))
            return None
        if not _valid(entry, key):
            self.rebuilt.append(str(path))
            return None
        return ArticleResult(article.article_id, article.path, entry["tables"])

    def put(self, article: Article, result: ArticleResult) -> None:
        """Store a successful result (failures are not cached, so they are retried next time)."""
        if result.error:
            return
        key = self.key(article)
        body = _canonical(result.tables)
        entry = {"format": FORMAT, "key": key, "digest": hashlib.sha256(body.encode()).hexdigest(),
                 "tables": result.tables}
        text = json.dumps(entry, ensure_ascii=False)
        write_atomic(self.path(key), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))

    def clear(self) -> None:
        """Remove every entry."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _canonical(tables: dict) -> str:
    return json.dumps(tables, sort_keys=True, ensure_ascii=False)


def _valid(entry, key: str) -> bool:
    """Whether a loaded entry is a complete entry of ours for this key."""
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        return False
    tables = entry.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(rows, list) for rows in tables.values()):
        return False
    return hashlib.sha256(_canonical(tables).encode()).hexdigest() == entry.get("digest")
