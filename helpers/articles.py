"""Reading articles: Markdown or plain text with optional YAML front matter.

An article file is UTF-8 text. It may open with a YAML front-matter block
between two ``---`` lines (``title``, ``published``, ``outlet`` and anything
else). A plain ``.txt`` file without front matter takes its first line as the
title when that line is followed by a blank line, as wire copy usually is.

The *body* is everything after the front matter, kept byte for byte (after
UTF-8 decoding): every offset in every table indexes ``article.body``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import yaml

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


class _FrontMatterLoader(yaml.SafeLoader):
    """yaml's safe loader, leaving dates as text so that a bad date is reported, not raised."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ArticleError(ValueError):
    """An article file that cannot be read; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Article:
    """One news article: its metadata and its body text."""

    article_id: str
    path: str
    body: str
    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    meta: dict = field(default_factory=dict)

    @property
    def n_words(self) -> int:
        return len(self.body.split())


def load_article(path: str | Path) -> Article:
    """Read one article file, raising ArticleError with the file and the reason if it cannot be read."""
    path = Path(path)
    text = _read_text(path)
    meta, body = _split_front_matter(path, text)
    if not meta and path.suffix.lower() == ".txt":
        title, body = _title_line(body)
        if title:
            meta = {"title": title}
    if not body.strip():
        raise ArticleError(path, "the article has no text after its front matter")
    return Article(
        article_id=path.stem,
        path=str(path),
        body=body,
        title=_as_text(meta.get("title")),
        outlet=_as_text(meta.get("outlet")),
        published=_as_date(path, meta.get("published")),
        meta=meta,
    )


def iter_article_paths(sources: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Yield the article files named by a folder, a file, or a list of either, in a stable order."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file() and not path.name.startswith("."):
                    yield path
        else:
            yield source


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(path, "is a folder, not a file") from None
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    if b"\x00" in data:
        raise ArticleError(path, "binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(path, f"not UTF-8 text (byte {error.start} cannot be decoded)") from None
    return text.removeprefix("\ufeff")


def _split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    match = FRONT_MATTER.match(text)
    if not match:
        raise ArticleError(path, "front matter opened with '---' is never closed")
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # a SafeLoader: no object construction
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ArticleError(path, f"broken YAML front matter{where}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(path, "front matter is not a set of 'key: value' lines")
    return meta, text[match.end():]


def _title_line(body: str) -> tuple[str, str]:
    """Split a plain-text article into its title line and the body after it, when it has one."""
    match = re.match(r"\A[ \t]*([^\r\n]{1,200})\r?\n[ \t]*\r?\n", body)
    if not match or match.group(1).rstrip().endswith((".", '"', "”")):
        return "", body
    return match.group(1).strip(), body[match.end():]


def _as_text(value) -> str:
    return "" if value is None else str(value).strip()


def _as_date(path: Path, value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ArticleError(path, f"'published' is not a date (YYYY-MM-DD): {str(value)[:40]!r}") from None
