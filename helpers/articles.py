"""Reading articles: Markdown or plain text with optional YAML front matter, and saved web pages.

An article file is UTF-8 text. It may open with a YAML front-matter block
between two ``---`` lines (``title``, ``published``, ``outlet``, ``author``,
``url`` and anything else). A plain ``.txt`` file without front matter takes
its first line as the title when that line is followed by a blank line, as
wire copy usually is.

The *body* is everything after the front matter, kept byte for byte (after
UTF-8 decoding): every offset in every table indexes ``article.body``.

A saved web page (``.html``, ``.htm``) is read with trafilatura: the body is
the article's main text, one paragraph a line with a blank line between
paragraphs, without navigation, ads, comments or scripts; title, author,
outlet, canonical URL and publication date come from the page's metadata.

Corpus files (JSONL, CSV: many articles in one file) are read by
``helpers.records``; ``check_language`` tells the extractors which bodies do
not look like English.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

import yaml

from . import limits

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")   # corpus files, read by helpers.records
SOURCE_FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".html": "html", ".htm": "html",
                  ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
# The fields an article may carry besides its text, as front matter, a page's metadata or a record name them.
METADATA_FIELDS = ("title", "published", "outlet", "author", "url")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


# Frequent English words that are rare in other languages written in Latin letters. In English news they
# make 20-45% of the words; in French, German, Spanish, Dutch or Indonesian copy, under 3%.
ENGLISH_FUNCTION_WORDS = frozenset("""
    the of and to is was were are that for it with as by he she they we you his her their its this these those
    be been has have had not but or which who from at will would could should said says after about into over
    than there when where while also more can an a in on i our them him what all one up out if no so do did
""".split())
MIN_WORDS_TO_JUDGE = 30      # fewer words than this are read as English: too little to tell
MIN_LETTERS_TO_JUDGE = 20
MIN_ENGLISH_SHARE = 0.10
MIN_LATIN_SHARE = 0.5
WORD = re.compile(r"[^\W\d_]+")


class FrontMatterAliasError(yaml.YAMLError):
    """Front matter that uses a YAML anchor or alias (``&a``, ``*a``), which front matter never needs."""


class _FrontMatterLoader(yaml.SafeLoader):
    """yaml's safe loader, leaving dates as text so that a bad date is reported, not raised, and refusing
    anchors and aliases: expanding them is how a few lines ("billion laughs") cost gigabytes, and how a
    node comes to contain itself (``a: &a [*a]``)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line + 2 if event.start_mark else None   # + the opening '---' line
            raise FrontMatterAliasError(f"line {line}" if line else "")
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ArticleError(ValueError):
    """An article that cannot be read; the message names the file (and line, in a corpus file) and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = shown_path(path)
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
    url: str = ""
    author: str = ""
    source_format: str = ""     # md, txt, html, jsonl or csv
    line: int | None = None     # the record's line, for an article read from a corpus file

    @property
    def n_words(self) -> int:
        return len(self.body.split())

    @property
    def location(self) -> str:
        """Where the article was read: its file, and the line for a record of a corpus file."""
        return f"{self.path}:{self.line}" if self.line else self.path


def make_article(article_id: str, path: str | Path, body: str, values: dict, meta: dict,
                 source_format: str, line: int | None = None) -> Article:
    """An Article from its text and metadata ``values`` (keyed as METADATA_FIELDS), checked as every input is.

    The error, if any, names ``path`` (and ``line``): a date that is not a date
    is reported, never guessed.
    """
    where = f"{path}:{line}" if line else path
    limit = limits.current().max_article_chars
    if len(body) > limit:
        raise ArticleError(where, f"the text is {len(body):,} characters, over the limit of {limit:,} "
                                  f"(set {limits.env_name('max_article_chars')} to raise it)")
    return Article(
        article_id=article_id, path=shown_path(path), body=body,
        title=_as_text(values.get("title")), outlet=_as_text(values.get("outlet")),
        published=_as_date(where, values.get("published")), meta=meta,
        url=_as_text(values.get("url")), author=_as_author(values.get("author")),
        source_format=source_format, line=line,
    )


def web_link(url: str | None) -> str:
    """The URL if it can be linked to safely (an absolute http or https address), else ``""``.

    A report links an article to its URL only through this, so that a
    ``javascript:`` or ``data:`` address given by the data is never a link.
    """
    url = _as_text(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in "\"\'<>\x00\n\r\t "):
        return ""
    return url


def load_article(path: str | Path) -> Article:
    """Read one article file (text, Markdown or a saved web page), raising ArticleError with the file and the reason.

    A corpus file (JSONL, CSV) holds many articles: read it with ``helpers.records.read_records``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from .webpages import read_page

        page = read_page(path, read_bytes(path))
        return make_article(shown_path(path.stem), path, page.body, page.values, page.meta, "html")
    if suffix in RECORD_SUFFIXES:
        raise ArticleError(path, "a corpus file holds many articles: read it with load_corpus or helpers.records")
    text = read_text(path)
    meta, body = _split_front_matter(path, text)
    if not meta and suffix == ".txt":
        title, body = _title_line(body)
        if title:
            meta = {"title": title}
    if not body.strip():
        raise ArticleError(path, "the article has no text after its front matter")
    return make_article(shown_path(path.stem), path, body, meta, meta, SOURCE_FORMATS.get(suffix, "txt"))


def check_language(body: str) -> tuple[str, str]:
    """``("en", "")`` for text that looks like English (or is too short to tell), else ``("unknown", warning)``.

    A cheap test with no model: the share of Latin letters among the letters,
    then the share of English function words among the words. It errs on the
    side of English, so that a short English text is never turned away.
    """
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= MIN_LETTERS_TO_JUDGE:
        latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff") / len(letters)
        if latin < MIN_LATIN_SHARE:
            return "unknown", f"does not look like English ({latin:.0%} Latin letters): tables left empty"
    words = WORD.findall(body.lower())
    if len(words) >= MIN_WORDS_TO_JUDGE:
        english = sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS) / len(words)
        if english < MIN_ENGLISH_SHARE:
            return "unknown", f"does not look like English ({english:.0%} English function words): tables left empty"
    return "en", ""


def iter_article_paths(sources: str | Path | Iterable[str | Path], on_error=None) -> Iterator[Path]:
    """Yield the input files named by a folder, a file, or a list of either, in a stable order.

    In a folder, every non-hidden entry that is not a folder and has an input
    suffix (text, Markdown, HTML, JSONL or CSV) is yielded, so that broken
    links and pipes are reported by the reader rather than silently left out.
    Links to folders are not followed, so a link cycle cannot make the walk endless.
    A subfolder that cannot be listed is passed to ``on_error`` as an ArticleError
    (by default printed on stderr), never skipped in silence.
    """
    suffixes = ARTICLE_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
    if isinstance(sources, (str, Path)):
        sources = [sources]

    def unlisted(error: OSError) -> None:
        problem = ArticleError(error.filename, f"the folder cannot be read ({error.strerror or error}); skipped")
        if on_error is None:
            import sys

            print(problem, file=sys.stderr)
        else:
            on_error(problem)

    for source in sources:
        source = Path(source)
        if source.is_dir():
            found = []
            for folder, _, files in os.walk(source, onerror=unlisted):
                found += [Path(folder, name) for name in files]
            for path in sorted(found):
                if path.suffix.lower() in suffixes and not path.name.startswith(".") and not path.is_dir():
                    yield path
        else:
            yield source


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, or ArticleError when it is missing, no regular file, unreadable, empty or over
    ``limit`` bytes (default: the ``max_file_bytes`` limit, see helpers.limits), which is checked before reading."""
    limit_name = "max_file_bytes" if limit is None else "max_corpus_file_bytes"
    limit = limits.current().max_file_bytes if limit is None else limit
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ArticleError(path, "is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):  # reading a pipe or a device could block for ever
            raise ArticleError(path, "not a regular file (a pipe, socket or device)")
        if status.st_size > limit:
            raise ArticleError(path, f"the file is {limits.size_text(status.st_size)}, over the limit of "
                                     f"{limits.size_text(limit)} (set {limits.env_name(limit_name)} to raise it)")
        with path.open("rb") as file:
            data = file.read(limit + 1)      # a file that grew since: still no more than the limit
        if len(data) > limit:
            raise ArticleError(path, f"the file is over the limit of {limits.size_text(limit)}")
    except FileNotFoundError:
        reason = "a link to a file that does not exist" if path.is_symlink() else "no such file"
        raise ArticleError(path, reason) from None
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    return data


def read_text(path: Path) -> str:
    """A text file's content: UTF-8 without its byte-order mark, or ArticleError saying why not."""
    data = read_bytes(path)
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
    limit = limits.current().max_front_matter_chars
    if len(match.group(1)) > limit:
        raise ArticleError(path, f"the front matter is {len(match.group(1)):,} characters, over the limit of "
                                 f"{limit:,} (set {limits.env_name('max_front_matter_chars')} to raise it)")
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # a SafeLoader: no object construction
    except FrontMatterAliasError as error:
        where = f" at {error}" if str(error) else ""
        raise ArticleError(path, f"YAML anchors and aliases ('&name', '*name') are not allowed in front "
                                 f"matter{where}") from None
    except RecursionError:
        raise ArticleError(path, "front matter nested too deeply") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ArticleError(path, f"broken YAML front matter{where}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(path, "front matter is not a set of 'key: value' lines")
    return meta, text[match.end():]


# A date, or a date and a time ("2017-05-30", "2017-05-30T10:15:00Z", "2017-05-30 10:15"); nothing else after it.
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")
# Characters that would act on a terminal or a page rather than show: C0/C1 controls, bidirectional overrides.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown_path(path) -> str:
    """A file name as text that can be shown and written anywhere: bytes that are not UTF-8 (kept by
    ``os.fsdecode`` as lone surrogates) become ``\\xff``, control characters ``\\x1b``; the rest is as is."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return CONTROL_CHARACTERS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _title_line(body: str) -> tuple[str, str]:
    """Split a plain-text article into its title line and the body after it, when it has one."""
    match = re.match(r"\A[ \t]*([^\r\n]{1,200})\r?\n[ \t]*\r?\n", body)
    if not match or match.group(1).rstrip().endswith((".", '"', "”")):
        return "", body
    return match.group(1).strip(), body[match.end():]


def _as_text(value) -> str:
    return "" if value is None else str(value).strip()


def _as_author(value) -> str:
    """An author, or several ('; '-joined) when the metadata gives a list."""
    if isinstance(value, (list, tuple)):
        return "; ".join(name for name in (_as_text(v) for v in value) if name)
    return _as_text(value)


def _as_date(path: str | Path, value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ArticleError(path, f"'published' is not a date (YYYY-MM-DD): {str(value)[:40]!r}") from None
