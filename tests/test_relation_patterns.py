"""The relation patterns kept as data (helpers/data/relations/*.yaml): each one's examples run as tests.

Every pattern must produce the row its example sentences state and nothing on its counter-examples;
the sentences are the project's own (see helpers/relations/patterns.py for the format).
"""
import pytest

from helpers.actors import find_mentions
from helpers.pipeline import get_pipeline
from helpers.relations import dictionary_kinds, extract_relations, load_lexicon
from helpers.relations.context import read_article
from helpers.relations.patterns import load_patterns, pattern_relations, patterns_folder

PATTERNS = load_patterns()
EXAMPLES = [(p, e) for p in PATTERNS for e in p.examples]
COUNTER_EXAMPLES = [(p, text) for p in PATTERNS for text in p.counter_examples]


@pytest.fixture(scope="module")
def pipeline():
    return get_pipeline()


def read(pipeline, text):
    doc = pipeline.nlp(text)
    mentions = find_mentions(doc, pipeline.dictionary)
    return doc, mentions, read_article(doc, mentions, [], load_lexicon(), dictionary_kinds(), pipeline.dictionary)


def found_by(pattern, ctx):
    """(source text, relation, target text) of what one pattern alone finds."""
    return {(ctx.text[c.source.start:c.source.end], c.trigger.relation, ctx.text[c.target.start:c.target.end])
            for c in pattern_relations(ctx, (pattern,))}


@pytest.mark.parametrize("pattern, example", EXAMPLES, ids=[f"{p.id}:{i}" for i, (p, _) in enumerate(EXAMPLES)])
def test_a_pattern_gives_what_its_examples_state(pipeline, pattern, example):
    doc, mentions, ctx = read(pipeline, example["text"])
    found = found_by(pattern, ctx)
    assert any(example["source"] in s and example["target"] in t for s, _, t in found), found
    rows = extract_relations(doc, "t", mentions, [])
    relations = {r for s, r, t in found}
    assert any(r["relation"] in relations and example["source"] in r["source_text"] and example["target"] in r["target_text"]
               for r in rows), rows   # and the row reaches the table


@pytest.mark.parametrize("pattern, text", COUNTER_EXAMPLES, ids=[f"{p.id}:{i}" for i, (p, _) in enumerate(COUNTER_EXAMPLES)])
def test_a_pattern_gives_nothing_on_its_counter_examples(pipeline, pattern, text):
    _, _, ctx = read(pipeline, text)
    assert found_by(pattern, ctx) == set()


def test_every_pattern_has_examples_of_both_kinds_and_a_unique_id():
    assert PATTERNS, "no pattern loaded from the package data"
    assert len({p.id for p in PATTERNS}) == len(PATTERNS)
    assert all(p.examples and p.counter_examples for p in PATTERNS), [p.id for p in PATTERNS if not p.counter_examples]


def test_the_patterns_are_package_data():
    folder = patterns_folder()
    assert str(folder).replace("\\", "/").endswith("helpers/data/relations")
    assert {p.file for p in PATTERNS} <= {entry.name for entry in folder.iterdir()}


GOOD_STEP = "      - {RIGHT_ID: a, RIGHT_ATTRS: {POS: PROPN}}\n      - {LEFT_ID: a, REL_OP: '>', RIGHT_ID: b, RIGHT_ATTRS: {DEP: dobj}}\n"


@pytest.mark.parametrize("body, message", [
    ("patterns: [", "not valid YAML"),
    ("patterns:\n  - {id: x, relation: befriends, source: a, target: b, trigger: a, examples: [{text: t, source: s, target: t}],\n"
     "     pattern: [{RIGHT_ID: a, RIGHT_ATTRS: {POS: PROPN}}, {LEFT_ID: a, REL_OP: '>', RIGHT_ID: b, RIGHT_ATTRS: {}}]}",
     "unknown relation"),
    ("patterns:\n  - id: x\n    relation: fights\n    source: a\n    target: c\n    trigger: a\n"
     "    examples: [{text: t, source: s, target: t}]\n    pattern:\n" + GOOD_STEP, "no token named 'c'"),
    ("patterns:\n  - id: x\n    relation: fights\n    source: a\n    target: b\n    trigger: a\n"
     "    examples: [{text: t, source: s, target: t}]\n    pattern:\n" + GOOD_STEP.replace("RIGHT_ID: b", "RIGHT_ID: on"),
     "RIGHT_ID"),
    ("patterns:\n  - id: x\n    relation: fights\n    source: a\n    target: b\n    trigger: a\n    pattern:\n" + GOOD_STEP,
     "needs the keys"),
])
def test_a_bad_pattern_file_fails_naming_the_file_and_pattern(tmp_path, body, message):
    (tmp_path / "mine.yaml").write_text(body, encoding="utf-8")
    load_patterns.cache_clear()
    try:
        with pytest.raises(ValueError, match=message) as error:
            load_patterns(str(tmp_path))
        assert str(error.value).startswith("mine.yaml")
    finally:
        load_patterns.cache_clear()
