"""Actors: one row per real actor, with its aliases and kind, on the seed and on an invented article."""
import pytest

from helpers import load_corpus

from .conftest import TEST_DATA


def actor_of(corpus, article_id, text):
    """The actor id of the mention with exactly this text in an article."""
    rows = corpus.mentions[(corpus.mentions.article_id == article_id) & (corpus.mentions.text == text)]
    assert len(rows), f"no mention {text!r}"
    ids = set(rows.actor_id)
    assert len(ids) == 1, f"{text!r} is split over {ids}"
    return ids.pop()


def kind_of(corpus, actor_id):
    return corpus.actors.set_index("actor_id").loc[actor_id, "kind"]


@pytest.mark.parametrize("one, other", [
    ("PMF", "Popular Mobilization Forces"),
    ("PMF", "Hashid al-Shaabi"),
    ("ISIS", "Islamic State"),
    ("Assad", "Bashar al-Assad"),
    ("YPG", "People's Protection Units"),
    ("SDF", "Syrian Democratic Forces"),
    ("Iranian", "Iran"),
])
def test_seed_aliases_are_one_actor(corpus, seed_id, one, other):
    assert actor_of(corpus, seed_id, one) == actor_of(corpus, seed_id, other)


def test_seed_main_parties_are_six_different_actors(corpus, seed_id):
    names = ["PMF", "ISIS", "SDF", "YPG", "Badr Organization", "Iran"]
    assert len({actor_of(corpus, seed_id, n) for n in names}) == 6


def test_every_iranian_mention_points_to_iran(corpus, seed_id):
    iranian = corpus.mentions[(corpus.mentions.article_id == seed_id) & (corpus.mentions.text == "Iranian")]
    assert len(iranian) == 2 and set(iranian.actor_id) == {actor_of(corpus, seed_id, "Iran")}


@pytest.mark.parametrize("text, kind", [
    ("Hadi al-Amiri", "person"), ("Sami al-Masoudi", "person"), ("Hashid al-Shaabi", "armed_group"),
    ("ISIS", "armed_group"), ("Iran", "state"), ("Baaj", "place"), ("Associated Press", "media"),
])
def test_seed_kinds(corpus, seed_id, text, kind):
    assert kind_of(corpus, actor_of(corpus, seed_id, text)) == kind


def test_seed_definite_descriptions_resolve_only_when_confident(corpus, seed_id):
    pmf = actor_of(corpus, seed_id, "PMF")
    descriptions = corpus.mentions[(corpus.mentions.article_id == seed_id) & (corpus.mentions.label == "DESC")]
    by_text = dict(zip(descriptions.text, descriptions.actor_id))
    assert by_text["Shia force"] == pmf and by_text["Iraqi Shia force"] == pmf
    assert by_text["paramilitary groups"] == pmf
    assert "groups" not in by_text  # "whether the groups would allow": the YPG and the SDF, not the PMF


def test_one_actor_id_across_the_corpus(corpus):
    assad = corpus.actors[corpus.actors.actor_id == "bashar-al-assad"].iloc[0]
    assert len(assad.articles.split(";")) == 3
    assert corpus.actors.actor_id.is_unique


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    """The invented article read with an empty actor dictionary: everything must come from the text."""
    empty = tmp_path_factory.mktemp("dictionary") / "actors.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    corpus = load_corpus(TEST_DATA / "invented", progress=False, dictionary=empty)
    return corpus, corpus.documents[0].article_id


def test_text_alone_resolves_acronyms_alias_cues_and_descriptions(invented):
    corpus, article = invented
    front = actor_of(corpus, article, "Northern Valley Defence Front")
    assert actor_of(corpus, article, "NVDF") == front
    assert actor_of(corpus, article, "Mountain Brigades") == front  # "The militias, who are also known as ..."
    assert actor_of(corpus, article, "highland force") == front
    assert actor_of(corpus, article, "Marouni") == actor_of(corpus, article, "Ilyas Marouni")
    assert actor_of(corpus, article, "Coastal Liberation Army") != front


def test_text_alone_gives_kinds(invented):
    corpus, article = invented
    assert kind_of(corpus, actor_of(corpus, article, "Ilyas Marouni")) == "person"
    assert kind_of(corpus, actor_of(corpus, article, "Dario Fenwick")) == "person"
    assert kind_of(corpus, actor_of(corpus, article, "Tarsel")) == "place"
    assert kind_of(corpus, actor_of(corpus, article, "Coastal Liberation Army")) == "armed_group"
    assert kind_of(corpus, actor_of(corpus, article, "NVDF")) == "armed_group"
