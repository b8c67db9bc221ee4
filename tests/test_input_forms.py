"""The same stories as Markdown files, one JSONL file and one CSV file give the same tables.

The project's three stories (data/articles) are converted here, at run time, as an analyst's export would hold
them. The ids map as the README says: a Markdown file's article_id is its name without the extension; a record's
is its id field (the CSV below gives each story its file's name), or, with none (the JSONL below), the corpus
file's name and the record's line: ``stories-1``, ``stories-2``, ``stories-3``.
"""
import csv
import json

import pandas as pd
import pytest

from helpers import load_article, load_corpus
from helpers.articles import iter_article_paths

from .conftest import ARTICLES

FIELDS = ("title", "published", "outlet", "author", "url")


def story_records():
    """(file name, record) for each Markdown story, the record holding its metadata and its body as text."""
    records = []
    for path in iter_article_paths(ARTICLES):
        article = load_article(path)
        record = {name: article.meta.get(name) for name in FIELDS}
        record["published"] = article.published.isoformat() if article.published else None
        records.append((path.stem, dict(record, text=article.body)))
    return records


@pytest.fixture(scope="module")
def three_forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    records = story_records()
    jsonl = folder / "stories.jsonl"
    jsonl.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for _, record in records), encoding="utf-8")
    with open(folder / "stories.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, ["id", *FIELDS, "text"])
        writer.writeheader()
        for stem, record in records:
            writer.writerow(dict(record, id=stem))
    corpora = {form: load_corpus(source, progress=False, cache=False)
               for form, source in (("md", ARTICLES), ("jsonl", jsonl), ("csv", folder / "stories.csv"))}
    jsonl_ids = {f"stories-{line}": stem for line, (stem, _) in enumerate(records, 1)}
    return corpora, jsonl_ids


def with_ids(table: pd.DataFrame, ids: dict) -> pd.DataFrame:
    """The table with its article ids mapped back to the Markdown files' ids."""
    return table.assign(article_id=table["article_id"].map(lambda a: ids.get(a, a)).astype("string"))


@pytest.mark.parametrize("name", ["mentions", "claims", "timeline", "relations"])
def test_markdown_jsonl_and_csv_give_identical_tables(three_forms, name):
    corpora, jsonl_ids = three_forms
    markdown = corpora["md"].tables[name]
    assert len(markdown) > 10
    pd.testing.assert_frame_equal(with_ids(corpora["jsonl"].tables[name], jsonl_ids), markdown)
    pd.testing.assert_frame_equal(corpora["csv"].tables[name], markdown)


def test_the_articles_differ_only_in_id_path_and_format(three_forms):
    corpora, jsonl_ids = three_forms
    assert all(corpus.errors == [] for corpus in corpora.values())
    assert list(corpora["jsonl"].articles.article_id) == list(jsonl_ids)
    same = [c for c in corpora["md"].articles.columns if c not in ("article_id", "path", "source_format")]
    for form in ("jsonl", "csv"):
        articles = corpora[form].articles
        assert set(articles.source_format) == {form}
        pd.testing.assert_frame_equal(articles[same], corpora["md"].articles[same])
    assert corpora["csv"].articles.url.str.startswith("https://www.voanews.com/").sum() == 2
    for jsonl_id, stem in jsonl_ids.items():
        assert corpora["jsonl"].body(jsonl_id) == corpora["csv"].body(stem) == corpora["md"].body(stem)


def test_actors_are_the_same_up_to_the_article_ids(three_forms):
    corpora, jsonl_ids = three_forms
    actors = corpora["jsonl"].actors.assign(
        articles=lambda t: t.articles.map(lambda a: ";".join(jsonl_ids.get(i, i) for i in a.split(";"))).astype("string"),
        first_seen=lambda t: t.first_seen.map(lambda s: ":".join([jsonl_ids.get(s.split(":")[0]), s.split(":")[1]]))
        .astype("string"))
    pd.testing.assert_frame_equal(actors, corpora["md"].actors)
    pd.testing.assert_frame_equal(corpora["csv"].actors, corpora["md"].actors)
