"""An incremental cache of per-article results, so a rerun parses only new or changed articles.

Each article's rows are stored as one JSON file named by a key that hashes
everything the rows depend on: the article (its id, path, format, metadata and
body; in a JSONL or CSV corpus, its record's, so that an edited record is the
only one extracted again), the spaCy pipeline's name and version and spaCy's
(read from package metadata, so that a warm run never loads spaCy), the actor
dictionary, every lexicon, and the helpers' version and source code. Change any of these and the key
changes, so a stale entry is never read; old entries are simply left behind
(``clear`` removes them).

Entries are written to a temporary file and renamed, and are authenticated:
each carries an HMAC-SHA256 of its key and content under a secret kept
outside the cache folder, in a per-user key file created with mode 0600
(``$CONFLICT_NEWS_CACHE_KEY``, else ``~/.config/conflict-news/cache.key``).
Someone who can write to the cache folder but cannot read that file cannot
make an entry the next run trusts: a forged, truncated, corrupt or foreign
entry is reported in one line and the article extracted again. The MAC is
checked before the entry is parsed; an entry that is not a regular file (a
link, a pipe, a folder) or is larger than ``max_cache_entry_bytes`` (see
helpers.limits) is not read at all. JSON holds only plain values, so nothing
read from the cache is executed or unpickled.

A cache folder that cannot be written (read-only, full disk) gives one
warning, and the run goes on without the cache.

The folder is ``--cache-dir`` on the command line, else the
``CONFLICT_NEWS_CACHE`` environment variable, else ``data/cache/`` in the
project (git-ignored). ``CONFLICT_NEWS_CACHE=off`` (or ``--no-cache``) turns it off.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import stat
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from . import limits
from .articles import Article, shown_path
from .results import PER_ARTICLE_TABLES, ArticleResult
from .tables import write_atomic

CACHE_ENV = "CONFLICT_NEWS_CACHE"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_cache_dir() -> Path:
    """``data/cache`` in a checkout of the project; the user's cache folder when the package is installed."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "data" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-news"


DEFAULT_CACHE_DIR = _default_cache_dir()
FORMAT = 1
KEY_ENV = "CONFLICT_NEWS_CACHE_KEY"
ENTRY_HEADER = b"conflict-news-cache 2 "   # then the entry's MAC in hex and a newline, then its JSON


def _regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


@contextmanager
def _closed(fd: int):
    """Close a descriptor that is not to be read (a folder, a pipe, a device) and stand for no file."""
    os.close(fd)
    yield None


class CacheUnusable(Exception):
    """The cache cannot be used this run (no key, a folder that cannot be written); the message says why."""


def key_file() -> Path:
    """Where the per-user secret of the cache's MACs is kept (never inside the cache folder)."""
    setting = os.environ.get(KEY_ENV, "").strip()
    if setting:
        return Path(setting).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME", "").strip() or Path.home() / ".config"
    return Path(config) / "conflict-news" / "cache.key"


def secret_key(path: Path | None = None) -> bytes:
    """The secret in the key file, created (random, mode 0600) on first use; CacheUnusable says what is wrong.

    A key file that others could read or write, or that is not the user's, is refused: its secret is no secret.
    """
    path = path or key_file()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
    except FileExistsError:
        pass          # another process made it first
    except OSError as error:
        raise CacheUnusable(f"cannot create the cache key file {shown_path(path)} ({error.strerror or error})") from None
    try:
        return _read_key(path)
    except FileNotFoundError:
        raise CacheUnusable(f"the cache key file {shown_path(path)} vanished") from None


def _read_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise          # the caller creates it
    except OSError as error:
        raise CacheUnusable(f"cannot read the cache key file {shown_path(path)} ({error.strerror or error})") from None
    with open(fd, "rb", closefd=True) if _regular(fd) else _closed(fd) as file:
        if file is None:
            raise CacheUnusable(f"the cache key file {shown_path(path)} is not a regular file")
        status = os.fstat(file.fileno())
        if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o077):
            raise CacheUnusable(f"the cache key file {shown_path(path)} is not the user's own with mode 0600")
        secret = file.read(1024).strip()
    if len(secret) < 32:
        raise CacheUnusable(f"the cache key file {shown_path(path)} holds no key")
    return secret


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
    """A hash of the helpers' version, source code and data files (vocabulary, lexicons, curation) that shape the rows."""
    from . import __version__, vocabulary

    digest = hashlib.sha256(f"format {FORMAT}; helpers {__version__}; data {vocabulary.fingerprint()}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):   # subpackages (helpers/relations) count too
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ResultCache:
    """Per-article results on disk, keyed by the article and everything that shapes its rows."""

    def __init__(self, folder: str | Path, signature: str):
        self.folder = Path(folder)
        self.signature = signature
        self.rebuilt: list[str] = []   # entries found broken and ignored this run
        self.off = False               # set when the cache cannot be used this run (see the warning printed)
        self._secret: bytes | None = None

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
        """The stored result for an article, or None when absent, stale, broken, forged or the cache is off."""
        if not self._usable():
            return None
        key = self.key(article)
        path = self.path(key)
        try:
            tables = self._read(path, key)
        except FileNotFoundError:
            return None
        except (BrokenEntry, PermissionError) as error:
            self._broken(path, str(error) if isinstance(error, BrokenEntry) else f"cannot be read ({error.strerror})")
            return None
        if not _valid_tables(tables, article.article_id):
            self._broken(path, "its rows are not an article's tables")
            return None
        return ArticleResult(article.article_id, article.path, tables)

    def put(self, article: Article, result: ArticleResult) -> None:
        """Store a successful result (failures are not cached, so they are retried next time)."""
        if result.error or not self._usable():
            return
        key = self.key(article)
        body = json.dumps({"key": key, "tables": result.tables}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        data = ENTRY_HEADER + self._mac(key, body).encode("ascii") + b"\n" + body
        try:
            write_atomic(self.path(key), lambda tmp: Path(tmp).write_bytes(data))
        except OSError as error:
            self._give_up(f"cannot write to the cache folder {shown_path(self.folder)} "
                          f"({error.strerror or error}): going on without the cache")

    def authentic(self, path: Path) -> bool:
        """Whether an entry file is whole, ours and holds an article's tables (for checks and tests)."""
        try:
            tables = self._read(Path(path), Path(path).stem) if self._usable() else None
        except (OSError, BrokenEntry):
            return False
        rows = tables.get("articles") if isinstance(tables, dict) else None
        first = rows[0] if isinstance(rows, list) and rows else None
        return isinstance(first, dict) and _valid_tables(tables, first.get("article_id"))

    def _read(self, path: Path, key: str) -> dict:
        """An entry's tables, once its MAC holds; BrokenEntry says why not. Links, pipes and folders are not read."""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except (FileNotFoundError, PermissionError):
            raise
        except OSError as error:     # ELOOP: a symbolic link
            raise BrokenEntry(f"cannot be opened as a file ({error.strerror or error})") from None
        limit = limits.current().max_cache_entry_bytes
        with open(fd, "rb", closefd=True, buffering=0) if _regular(fd) else _closed(fd) as file:
            if file is None:
                raise BrokenEntry("is not a regular file")
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise BrokenEntry(f"is {limits.size_text(size)}, over the limit of {limits.size_text(limit)}")
            data = file.read(limit + 1)
        if len(data) > limit:
            raise BrokenEntry(f"is over the limit of {limits.size_text(limit)}")
        header, _, body = data.partition(b"\n")
        if not header.startswith(ENTRY_HEADER):
            raise BrokenEntry("is not an entry of this version")
        if not hmac.compare_digest(header[len(ENTRY_HEADER):], self._mac(key, body).encode("ascii")):
            raise BrokenEntry("fails its authentication (truncated, edited, or not written by this user)")
        try:
            entry = json.loads(body.decode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            raise BrokenEntry("is not valid JSON") from None
        if not isinstance(entry, dict) or entry.get("key") != key:
            raise BrokenEntry("belongs to another article")
        return entry.get("tables")

    def _mac(self, key: str, body: bytes) -> str:
        return hmac.new(self._secret, key.encode("ascii") + b"\x00" + body, hashlib.sha256).hexdigest()

    def _usable(self) -> bool:
        """Whether the cache can be used: its key at hand (read on first use), and no failure so far."""
        if self.off:
            return False
        if self._secret is None:
            try:
                self._secret = self._load_secret()
            except CacheUnusable as error:
                self._give_up(f"{error}: going on without the cache")
                return False
        return True

    def _load_secret(self) -> bytes:
        path = key_file()
        folder = self.folder.resolve()
        if path.resolve() == folder or folder in path.resolve().parents:
            raise CacheUnusable(f"the cache key file {shown_path(path)} is inside the cache folder")
        return secret_key(path)

    def _broken(self, path: Path, reason: str) -> None:
        self.rebuilt.append(str(path))
        print(f"warning: cache entry {shown_path(path)} {reason}: the article is extracted again", file=sys.stderr)

    def _give_up(self, message: str) -> None:
        self.off = True
        print(f"warning: {message}", file=sys.stderr)

    def clear(self) -> None:
        """Remove every entry."""
        shutil.rmtree(self.folder, ignore_errors=True)


class BrokenEntry(Exception):
    """A cache entry that is not read or not trusted; the message says why."""


def _valid_tables(tables, article_id: str) -> bool:
    """Whether an entry's tables are one article's: the six tables as lists of rows, and its one articles row."""
    if not isinstance(tables, dict) or set(tables) != set(PER_ARTICLE_TABLES):
        return False
    if not all(isinstance(rows, list) and all(isinstance(row, dict) for row in rows) for rows in tables.values()):
        return False
    articles = tables["articles"]
    return len(articles) == 1 and articles[0].get("article_id") == article_id
