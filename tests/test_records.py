"""Corpus files: JSONL and CSV records become articles through a field mapping; a bad record costs only itself."""
import csv
import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.records import DEFAULT_FIELDS, field_mapping, parse_field_mapping, read_records

from .conftest import ROOT

STORIES = [  # written for these tests
    {"id": "harbour", "title": "Harbour reopens", "published": "2024-03-02T08:15:00Z", "outlet": "The Test Wire",
     "author": "Ana Lind", "url": "https://news.example.org/harbour",
     "text": "The port authority said on Friday that the harbour had reopened after a month of closure."},
    {"id": "convoy", "title": "Convoy reaches the valley", "published": "2024-03-03", "outlet": "The Test Wire",
     "url": "https://news.example.org/convoy",
     "text": "An aid convoy reached the valley on Saturday, the Red Lantern Society said in a statement."},
    {"id": "talks", "title": "Talks resume", "published": "2024-03-04",
     "text": "Negotiators for the two sides met again on Sunday, officials said.\n\nNo date was set for a new round."},
]


def write_jsonl(path, records, lines=None):
    """One JSON object a line; ``lines`` (index -> raw text) replaces some lines as written."""
    rows = [json.dumps(record) for record in records]
    for index, raw in (lines or {}).items():
        rows.insert(index, raw)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def read(path, fields=None):
    items = list(read_records(path, fields))
    return [a for a in items if not isinstance(a, Exception)], [str(e) for e in items if isinstance(e, Exception)]


def test_the_default_mapping_reads_every_field_of_a_jsonl_record(tmp_path):
    articles, errors = read(write_jsonl(tmp_path / "wire.jsonl", STORIES))
    assert errors == []
    first = articles[0]
    assert (first.article_id, first.title, first.outlet, first.author, first.url) == (
        "harbour", "Harbour reopens", "The Test Wire", "Ana Lind", "https://news.example.org/harbour")
    assert first.published == dt.date(2024, 3, 2)  # from a timestamp
    assert first.body == STORIES[0]["text"] and first.source_format == "jsonl"
    assert (first.path, first.line, first.location) == (str(tmp_path / "wire.jsonl"), 1, f"{tmp_path / 'wire.jsonl'}:1")
    assert articles[2].body == STORIES[2]["text"] and articles[2].author == "" and articles[2].url == ""
    assert articles[0].meta["id"] == "harbour" and "text" not in articles[0].meta


def test_a_record_without_id_is_named_by_file_and_line(tmp_path):
    records = [{k: v for k, v in story.items() if k != "id"} for story in STORIES]
    path = write_jsonl(tmp_path / "wire.jsonl", records, {1: ""})  # a blank line keeps its number
    articles, errors = read(path)
    assert [a.article_id for a in articles] == ["wire-1", "wire-3", "wire-4"] and errors == []


def test_a_broken_jsonl_line_in_the_middle_is_named_and_the_others_give_their_tables(tmp_path, capsys):
    path = write_jsonl(tmp_path / "wire.jsonl", STORIES, {2: '{"id": "broken", "text": "The army said'})
    corpus = load_corpus(path, progress=False, cache=False)
    assert corpus.errors == [f"{path}:3: broken JSON: Unterminated string starting at (column 26); skipped"]
    assert f"{path}:3: broken JSON" in capsys.readouterr().err
    assert list(corpus.articles.article_id) == ["harbour", "convoy", "talks"]
    assert set(corpus.claims.article_id) == {"harbour", "convoy", "talks"}
    assert set(corpus.timeline.article_id) == {"harbour", "convoy", "talks"}
    assert "Red Lantern Society" in set(corpus.mentions.text)


@pytest.mark.parametrize("raw, reason", [
    ("[1, 2]", "a JSON list, not an object"),
    ('{"id": "x"}', "no 'text' field for the text"),
    ('{"id": "x", "text": ""}', "the 'text' field is empty"),
    ('{"id": "x", "text": ["a", "b"]}', "the 'text' field is not text"),
    ('{"id": "x", "text": "T.", "published": "last spring"}', "'published' is not a date"),
    ('{"id": "x", "text": "T.", "title": {"main": "T"}}', "the 'title' field is not a single value"),
    ('{"id": "a/../../b", "text": "T."}', "cannot name the article's files"),
    ('{"id": "harbour", "text": "Another story."}', "same article id 'harbour' as"),
])
def test_each_bad_record_is_one_line_naming_file_and_line(tmp_path, raw, reason):
    path = write_jsonl(tmp_path / "wire.jsonl", STORIES, {1: raw})
    corpus = load_corpus(path, progress=False, cache=False)
    assert [d.article_id for d in corpus.documents] == ["harbour", "convoy", "talks"]
    assert len(corpus.errors) == 1 and corpus.errors[0].startswith(f"{path}:2: ") and "\n" not in corpus.errors[0]
    assert reason in corpus.errors[0]


def test_duplicate_ids_name_both_records_and_are_not_merged(tmp_path):
    path = write_jsonl(tmp_path / "wire.jsonl", STORIES + [dict(STORIES[0], text="A different story.")])
    corpus = load_corpus(path, progress=False, cache=False)
    assert corpus.errors == [f"{path}:4: same article id 'harbour' as {path}:1; skipped"]
    assert corpus.body("harbour") == STORIES[0]["text"]


def test_a_mapping_names_other_fields_nested_fields_and_leaves_out_ids(tmp_path):
    records = [{"headline": s["title"], "date": s["published"], "body": s["text"], "source": {"name": "Desk"},
                "id": "ignored"} for s in STORIES]
    path = write_jsonl(tmp_path / "export.jsonl", records)
    fields = {"title": "headline", "published": "date", "text": "body", "outlet": "source.name", "id": ""}
    articles, errors = read(path, fields)
    assert errors == []
    assert [(a.article_id, a.title, a.outlet) for a in articles] == [
        ("export-1", "Harbour reopens", "Desk"), ("export-2", "Convoy reaches the valley", "Desk"),
        ("export-3", "Talks resume", "Desk")]
    assert articles[1].published == dt.date(2024, 3, 3)


def test_when_no_record_has_the_text_field_one_line_says_so_for_the_file(tmp_path):
    path = write_jsonl(tmp_path / "export.jsonl", [{"headline": s["title"], "body": s["text"]} for s in STORIES])
    articles, errors = read(path)
    assert articles == []
    assert errors == [f"{path}: no record has a 'text' field for the text (the fields are: body, headline); "
                      "name the text's field in the field mapping, e.g. fields={'text': ...}"]


@pytest.mark.parametrize("fields, message", [
    ({"body": "text"}, "unknown article field 'body'"),
    ({"text": ""}, "must name the field that holds the text"),
    ({"title": 3}, "must name a field"),
])
def test_a_wrong_field_mapping_is_refused_before_reading(tmp_path, fields, message):
    with pytest.raises(ValueError, match=message):
        load_corpus(tmp_path, fields=fields)


def test_the_command_line_mapping_is_parsed_and_checked():
    assert parse_field_mapping("text=body, published=date,") == {"text": "body", "published": "date"}
    assert parse_field_mapping("") == {}
    with pytest.raises(ValueError, match="not FIELD=NAME"):
        parse_field_mapping("text")
    with pytest.raises(ValueError, match="unknown article field 'txt'"):
        parse_field_mapping("txt=body")
    assert field_mapping({"id": ""}) == dict(DEFAULT_FIELDS, id="")


# ---------------------------------------------------------------- CSV

def write_csv(path, records, columns=("id", "title", "published", "outlet", "author", "url", "text"), **options):
    with open(path, "w", encoding=options.pop("encoding", "utf-8"), newline="") as file:
        writer = csv.writer(file, **options)
        writer.writerow(columns)
        for record in records:
            writer.writerow([record.get(column, "") for column in columns])
    return path


def test_a_csv_export_gives_the_same_articles_as_jsonl(tmp_path):
    from_jsonl, _ = read(write_jsonl(tmp_path / "wire.jsonl", STORIES))
    from_csv, errors = read(write_csv(tmp_path / "wire.csv", STORIES))
    assert errors == []
    fields = lambda a: (a.article_id, a.title, a.outlet, a.author, a.url, a.published, a.body)  # noqa: E731
    assert [fields(a) for a in from_csv] == [fields(a) for a in from_jsonl]
    assert [a.line for a in from_csv] == [2, 3, 4]
    assert from_csv[2].body == "Negotiators for the two sides met again on Sunday, officials said.\n\nNo date was set for a new round."


def test_a_spreadsheets_csv_with_byte_order_mark_and_semicolons_is_read(tmp_path):
    path = write_csv(tmp_path / "excel.csv", STORIES, delimiter=";", encoding="utf-8-sig")
    articles, errors = read(path)
    assert errors == [] and [a.article_id for a in articles] == ["harbour", "convoy", "talks"]
    assert articles[0].title == "Harbour reopens"


def test_broken_csv_rows_are_named_by_line_and_the_others_kept(tmp_path):
    path = tmp_path / "wire.csv"
    write_csv(path, STORIES[:2])
    with open(path, "a", encoding="utf-8") as file:
        file.write('short,row\n')
        file.write('bad,"T" x,2024-03-05,,,,text\n')
        file.write('talks,Talks resume,2024-03-04,,,,"Negotiators met again on Sunday."\n')
        file.write('open,Open,2024-03-06,,,,"a quoted cell that is never closed\nand runs on\n')
    articles, errors = read(path)
    assert [a.article_id for a in articles] == ["harbour", "convoy", "talks"]
    assert errors == [f"{path}:4: 2 cells where the header has 7 columns; skipped",
                      f"{path}:5: broken CSV row (',' expected after '\"'); skipped",
                      f"{path}:7: a quoted cell is never closed, so the rest of the file is inside it; skipped"]


def test_a_csv_without_a_text_column_is_one_line_naming_the_columns(tmp_path):
    path = write_csv(tmp_path / "tables.csv", STORIES, columns=("id", "title", "body"))
    assert read(path) == ([], [f"{path}: no 'text' column for the text (the columns are: id, title, body); "
                               "name the text's column in the field mapping, e.g. fields={'text': ...}"])
    articles, errors = read(path, {"text": "body"})
    assert errors == [f"{path}:{n}: the 'body' field is empty; skipped" for n in (2, 3, 4)]


def test_a_long_article_in_a_csv_cell_is_read_whole(tmp_path):
    long_text = "The army said on Monday that it had retaken the town. " * 4000  # over csv's 128 KiB default
    articles, errors = read(write_csv(tmp_path / "long.csv", [{"id": "long", "text": long_text}]))
    assert errors == [] and articles[0].body == long_text


@pytest.mark.parametrize("name", ["wire.jsonl", "wire.csv"])
def test_a_record_that_is_not_utf8_costs_only_itself(tmp_path, name):
    path = tmp_path / name
    (write_jsonl if name.endswith("jsonl") else write_csv)(path, STORIES)
    lines = path.read_bytes().split(b"\n")
    lines.insert(2, (b'{"id": "latin", "text": "%s"}' if name.endswith("jsonl") else b"latin,,,,,,%s")
                 % "Le président a déclaré lundi".encode("latin-1"))
    path.write_bytes(b"\n".join(lines))
    articles, errors = read(path)
    assert [a.article_id for a in articles] == ["harbour", "convoy", "talks"]
    assert errors == [f"{path}:3: not UTF-8 text; skipped"]


# ---------------------------------------------------------------- command line and cache

def test_the_command_line_reads_a_corpus_file_with_a_field_mapping(tmp_path):
    records = [{"body": s["text"], "headline": s["title"], "link": s.get("url", ""), "id": s["id"]} for s in STORIES]
    path = write_jsonl(tmp_path / "export.jsonl", records)
    run = subprocess.run([sys.executable, "-m", "helpers", "extract", str(path), "--out", str(tmp_path / "out"),
                          "--no-cache", "--fields", "text=body,title=headline,url=link"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", keep_default_na=False)
    assert list(articles.article_id) == ["harbour", "convoy", "talks"]
    assert list(articles.url) == ["https://news.example.org/harbour", "https://news.example.org/convoy", ""]
    assert set(articles.source_format) == {"jsonl"} and articles.title[0] == "Harbour reopens"
    bad = subprocess.run([sys.executable, "-m", "helpers", "extract", str(path), "--out", str(tmp_path / "bad"),
                          "--fields", "body"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: --fields: 'body' in the field mapping is not FIELD=NAME (e.g. text=body)"


def test_the_cache_is_keyed_by_the_record_not_the_file(tmp_path):
    cache = tmp_path / "cache"
    path = write_jsonl(tmp_path / "wire.jsonl", STORIES)
    first = load_corpus(path, cache=cache, progress=False)
    first.tables
    assert first.stats["extracted"] == 3
    edited = [dict(STORIES[0], text="The port authority said on Friday that the harbour would stay shut."),
              STORIES[1], STORIES[2]]
    write_jsonl(path, edited, {0: '{"id": "new", "text": "Officials said on Monday that the road was open."}'})
    again = load_corpus(path, cache=cache, progress=False)
    again.tables
    assert again.stats["extracted"] == 2 and again.stats["from_cache"] == 2  # the new and the edited record
    assert "the harbour would stay shut" in " ".join(again.claims.text)
    url_changed = load_corpus(write_jsonl(path, [dict(STORIES[0], url="https://news.example.org/moved")]),
                              cache=cache, progress=False)
    assert url_changed.articles.url[0] == "https://news.example.org/moved"
