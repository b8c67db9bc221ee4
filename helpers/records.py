"""Corpus files: many articles in one JSONL or CSV file, one article per record.

A JSONL file (``.jsonl``, ``.ndjson``) holds one JSON object a line; a CSV
file (``.csv``) has a header row naming its columns, then one article a row
(a quoted cell may run over several lines). Each record's fields are read
through a field mapping: for each of the article's fields, the name of the
record's field that holds it. The default mapping names them alike:

    id, title, published, text, url, outlet, author

and ``fields={"text": "body", "published": "date"}`` (or ``--fields
text=body,published=date``) overrides some. In JSON, a dotted name such as
``source.name`` reaches into a nested object. Only ``text`` is needed; an
empty name (``fields={"id": ""}``) ignores that field.

``article_id`` is the record's id, or, when it has none, the file's name and
the record's line: ``stories-3`` for the record starting on line 3 of
``stories.jsonl``. A broken line or row (bad JSON, a wrong number of cells, no
text, a bad date) is reported with its line number and the other records are
kept. The body is the text field exactly as given, so offsets index it.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Iterator

from . import limits
from .articles import METADATA_FIELDS, SOURCE_FORMATS, Article, ArticleError, make_article, read_bytes

DEFAULT_FIELDS = {"id": "id", "title": "title", "published": "published", "text": "text", "url": "url",
                  "outlet": "outlet", "author": "author"}
CSV_DELIMITERS = (",", ";", "\t", "|")
MAX_CELL_CHARACTERS = 64 * 1024 * 1024   # csv's default limit (128 KiB) is shorter than some articles
UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]")
UNDECODED = re.compile("[\udc80-\udcff]")   # bytes that were not UTF-8, kept by the 'surrogateescape' decoding
NOT_UTF8 = "not UTF-8 text; skipped"


def field_mapping(fields: dict | None = None) -> dict[str, str]:
    """The default field mapping with ``fields`` laid over it; a ValueError names an unknown field."""
    fields = dict(fields or {})
    unknown = sorted(set(fields) - set(DEFAULT_FIELDS))
    if unknown:
        raise ValueError(f"unknown article field {', '.join(map(repr, unknown))} in the field mapping; "
                         f"the fields are: {', '.join(DEFAULT_FIELDS)}")
    mapping = dict(DEFAULT_FIELDS)
    for name, column in fields.items():
        if column is not None and not isinstance(column, str):
            raise ValueError(f"the field mapping's {name!r} must name a field, not {column!r}")
        mapping[name] = (column or "").strip()
    if not mapping["text"]:
        raise ValueError("the field mapping must name the field that holds the text")
    return mapping


def parse_field_mapping(text: str) -> dict[str, str]:
    """``"text=body,published=date"`` as a mapping, for the command line; a ValueError says what is wrong."""
    fields = {}
    for item in (part.strip() for part in (text or "").split(",")):
        if not item:
            continue
        name, equals, column = item.partition("=")
        if not equals:
            raise ValueError(f"{item!r} in the field mapping is not FIELD=NAME (e.g. text=body)")
        fields[name.strip()] = column.strip()
    field_mapping(fields)
    return fields


def read_records(path: str | Path, fields: dict | None = None) -> Iterator[Article | ArticleError]:
    """Yield one Article per good record of a JSONL or CSV file, and an ArticleError per bad one, in file order.

    A problem with the whole file (unreadable, empty, no text column) is one
    ArticleError naming the file; a bad record's (including one whose bytes
    are not UTF-8) names the file and line, and costs only that record.
    """
    path = Path(path)
    mapping = field_mapping(fields)
    source_format = SOURCE_FORMATS.get(path.suffix.lower(), "jsonl")
    try:
        text = read_bytes(path, limits.current().max_corpus_file_bytes).decode("utf-8", "surrogateescape").removeprefix("\ufeff")
    except ArticleError as error:
        yield error
        return
    reader = _csv_records if source_format == "csv" else _json_records
    yield from _articles(path, reader(path, text, mapping), mapping, source_format)


def _articles(path: Path, records, mapping: dict, source_format: str) -> Iterator[Article | ArticleError]:
    """Articles (or errors) from (line, record) pairs, in order; when no record has the text field, one line says so."""
    records = list(records)
    dicts = [record for _, record in records if isinstance(record, dict)]
    if dicts and all(_value(record, mapping["text"]) is None for record in dicts):
        names = ", ".join(sorted({name for record in dicts for name in record})[:12])
        yield from (record for _, record in records if isinstance(record, ArticleError))
        yield ArticleError(path, f"no record has a {mapping['text']!r} field for the text (the fields are: {names}); "
                                 "name the text's field in the field mapping, e.g. fields={'text': ...}")
        return
    for line, record in records:
        if isinstance(record, ArticleError):
            yield record
            continue
        try:
            yield record_article(record, path, line, mapping, source_format)
        except ArticleError as error:
            yield error


def record_article(record: dict, path: Path, line: int, mapping: dict, source_format: str) -> Article:
    """One record as an Article, or ArticleError naming the file and line."""
    where = f"{path}:{line}"
    text = _value(record, mapping["text"])
    if text is None:
        raise ArticleError(where, f"no {mapping['text']!r} field for the text; skipped")
    if not isinstance(text, str):
        raise ArticleError(where, f"the {mapping['text']!r} field is not text; skipped")
    if not text.strip():
        raise ArticleError(where, f"the {mapping['text']!r} field is empty; skipped")
    values = {name: _value(record, mapping[name]) for name in METADATA_FIELDS}
    for name, value in values.items():
        if isinstance(value, (dict, list)) and not (name == "author" and isinstance(value, list)):
            raise ArticleError(where, f"the {mapping[name]!r} field is not a single value; skipped")
    meta = {key: value for key, value in record.items() if key != mapping["text"]}
    return make_article(_article_id(record, path, line, mapping), path, text, values, meta, source_format, line)


def _article_id(record: dict, path: Path, line: int, mapping: dict) -> str:
    """The record's id, or the file's name and the line; an id that cannot name a file is refused."""
    value = _value(record, mapping["id"])
    article_id = "" if value is None or isinstance(value, (dict, list, bool)) else str(value).strip()
    if not article_id:
        return f"{path.stem}-{line}"
    if UNSAFE_ID.search(article_id) or article_id in (".", "..") or len(article_id) > 200:
        raise ArticleError(f"{path}:{line}", f"the id {article_id[:60]!r} cannot name the article's files (it holds "
                                             "a '/', '\\' or control character, or is over 200 characters); skipped")
    return article_id


def _value(record: dict, name: str):
    """A field's value, ``None`` when absent or null; a dotted name reaches into nested objects."""
    if not name:
        return None
    if name in record or "." not in name:
        return record.get(name)
    value = record
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


# ---------------------------------------------------------------- JSONL

def _json_records(path: Path, text: str, mapping: dict):
    """(line, object) for each non-blank line, or (line, ArticleError) for a line that is no JSON object."""
    # Lines end at '\n' only: a JSON string may hold U+2028 and other characters str.splitlines would cut at.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if UNDECODED.search(line):
            yield number, ArticleError(f"{path}:{number}", NOT_UTF8)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, ArticleError(f"{path}:{number}", f"broken JSON: {error.msg} (column {error.colno}); skipped")
            continue
        if not isinstance(record, dict):
            yield number, ArticleError(f"{path}:{number}", f"a JSON {type(record).__name__}, not an object; skipped")
            continue
        yield number, record


# ---------------------------------------------------------------- CSV

def _csv_records(path: Path, text: str, mapping: dict):
    """(line, row as a dict) for each row after the header, or (line, ArticleError) for a broken row."""
    if csv.field_size_limit() < MAX_CELL_CHARACTERS:
        csv.field_size_limit(MAX_CELL_CHARACTERS)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = [name.strip() for name in next(rows)]
    except (StopIteration, csv.Error) as error:
        yield 1, ArticleError(path, f"no header row of column names ({error or 'no rows'})")
        return
    if mapping["text"] not in header:
        names = ", ".join(name for name in header[:12] if name) or "none"
        yield 1, ArticleError(path, f"no {mapping['text']!r} column for the text (the columns are: {names}); "
                                    "name the text's column in the field mapping, e.g. fields={'text': ...}")
        return
    while True:
        line = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            reason = ("a quoted cell is never closed, so the rest of the file is inside it"
                      if "unexpected end of data" in str(error) else f"broken CSV row ({error})")
            yield line, ArticleError(f"{path}:{line}", f"{reason}; skipped")
            continue
        if not row or all(not cell.strip() for cell in row):
            continue
        if any(UNDECODED.search(cell) for cell in row):
            yield line, ArticleError(f"{path}:{line}", NOT_UTF8)
            continue
        if len(row) != len(header):
            yield line, ArticleError(f"{path}:{line}",
                                     f"{len(row)} cells where the header has {len(header)} columns; skipped")
            continue
        yield line, dict(zip(header, row))


def _delimiter(text: str) -> str:
    """The header line's separator: the commonest of ',', ';', tab and '|' (spreadsheets in some locales use ';')."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","
