"""The reader's corrections file: merges, renames and kind fixes reach every table, and are part of the cache key."""
import subprocess
import sys

import pytest

from helpers import load_corpus
from helpers.corrections import CORRECTIONS_ENV, load_corrections
from helpers.pipeline import get_pipeline

ARTICLE = """---
title: Militias clash near the dam
published: 2024-03-02
---
The Valley Defense Brigades said on Friday that they had retaken the dam from the Northern Hawks. \
The Northern Hawks, a militia, denied it. Officials of the Free Valley Army said the brigades had \
attacked the Free Valley Army last week.
"""


@pytest.fixture
def article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "2024-03-02-dam.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def tables_with(corrections_text, article, tmp_path, monkeypatch):
    path = tmp_path / "corrections.yaml"
    path.write_text(corrections_text, encoding="utf-8")
    monkeypatch.setenv(CORRECTIONS_ENV, str(path))
    return load_corpus(article, progress=False, cache=False).tables


def actor_id_of(tables, name):
    mentions = tables["mentions"]
    ids = set(mentions.loc[mentions["text"].str.contains(name, regex=False), "actor_id"])
    assert ids, name
    return ids


def test_without_corrections_the_two_names_are_two_actors(article, tmp_path, monkeypatch):
    tables = tables_with("", article, tmp_path, monkeypatch)
    assert actor_id_of(tables, "Valley Defense Brigades") != actor_id_of(tables, "Free Valley Army")


def test_a_merge_joins_every_mention_and_every_relation_end(article, tmp_path, monkeypatch):
    tables = tables_with("merge:\n  - [Valley Defense Brigades, free valley army]\n", article, tmp_path, monkeypatch)
    kept = actor_id_of(tables, "Valley Defense Brigades")
    assert actor_id_of(tables, "Free Valley Army") == kept
    actors = tables["actors"]
    assert len(actors[actors["actor_id"].isin(kept)]) == 1
    merged_out = {i for i in set(tables["actors"]["actor_id"]) if "free-valley" in i}
    assert not merged_out
    relations = tables["relations"]
    ends = set(relations["source_actor_id"]) | set(relations["target_actor_id"]) if len(relations) else set()
    assert not any("free-valley" in str(end) for end in ends)


def test_rename_and_kind_change_the_actor_row(article, tmp_path, monkeypatch):
    tables = tables_with("rename:\n  Northern Hawks: Hawks of the North\nkind:\n  northern hawks: armed_group\n",
                         article, tmp_path, monkeypatch)
    [actor_id] = actor_id_of(tables, "Northern Hawks")
    row = tables["actors"].set_index("actor_id").loc[actor_id]
    assert row["name"] == "Hawks of the North"
    assert row["kind"] == "armed_group"


def test_the_corrections_are_part_of_the_cache_key(tmp_path, monkeypatch):
    path = tmp_path / "corrections.yaml"
    monkeypatch.setenv(CORRECTIONS_ENV, str(path))
    before = get_pipeline().signature
    path.write_text("kind:\n  Northern Hawks: armed_group\n", encoding="utf-8")
    after = get_pipeline().signature
    assert before != after
    path.write_text("kind:\n  Northern Hawks: place\n", encoding="utf-8")
    assert get_pipeline().signature not in (before, after)


@pytest.mark.parametrize("text, reason", [
    ("merge: [[only one name]]\n", "two or more names"),
    ("kind:\n  Northern Hawks: tribe\n", "not one of"),
    ("colour: blue\n", "sections"),
    ("merge: [unclosed\n", "not valid YAML"),
])
def test_a_broken_corrections_file_is_one_line_naming_it(tmp_path, text, reason):
    path = tmp_path / "fixes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_corrections(path)
    assert str(raised.value).startswith(str(path)) and reason in str(raised.value) and "\n" not in str(raised.value)


def test_the_command_line_refuses_a_broken_corrections_file_before_extracting(tmp_path, article):
    path = tmp_path / "fixes.yaml"
    path.write_text("kind:\n  X: tribe\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "helpers", "extract", str(article), "--out", str(tmp_path / "out"),
                          "--corrections", str(path), "--no-cache"], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "fixes.yaml" in run.stderr
    assert not (tmp_path / "out").exists()


def test_the_projects_corrections_file_is_documented_and_loads():
    from helpers.corrections import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert "merge:" in text and "rename:" in text and "kind:" in text
    assert not load_corrections(DEFAULT_PATH)
