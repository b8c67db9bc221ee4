"""Reading articles: Markdown or plain text with optional YAML front matter.

An article file is UTF-8 text. It may open with a YAML front-matter block
between two ``---`` lines (``title``, ``published``, ``outlet`` and anything
else). A plain ``.txt`` file without front matter takes its first line as the
title when that line is followed by a blank line, as wire copy usually is.

The *body* is everything after the front matter, kept byte for byte (after
UTF-8 decoding): every offset in every table indexes ``article.body``.

HTML pages are refused (save the article's text instead), and
``check_language`` tells the extractors which bodies do not look like English.
"""
from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import yaml

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
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
    if path.suffix.lower() in HTML_SUFFIXES:
        raise ArticleError(path, "an HTML page is not read: save the article's text as a .md or .txt file")
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


def iter_article_paths(sources: str | Path | Iterable[str | Path], with_html: bool = False) -> Iterator[Path]:
    """Yield the article files named by a folder, a file, or a list of either, in a stable order.

    In a folder, every non-hidden entry with an article suffix that is not a
    folder is yielded, so that broken links and pipes are reported by
    ``load_article`` rather than silently left out; ``with_html`` adds .html
    and .htm files, which ``load_article`` refuses with a message. Links to
    folders are not followed, so a link cycle cannot make the walk endless.
    """
    suffixes = ARTICLE_SUFFIXES + (HTML_SUFFIXES if with_html else ())
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.suffix.lower() in suffixes and not path.name.startswith(".") and not path.is_dir():
                    yield path
        else:
            yield source


def _read_text(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ArticleError(path, "is a folder, not a file")
        if not stat.S_ISREG(mode):  # reading a pipe or a device could block for ever
            raise ArticleError(path, "not a regular file (a pipe, socket or device)")
        data = path.read_bytes()
    except FileNotFoundError:
        reason = "a link to a file that does not exist" if path.is_symlink() else "no such file"
        raise ArticleError(path, reason) from None
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
