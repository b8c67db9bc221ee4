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


# ---------------------------------------------------------------- pronouns, specific descriptions, span fixes
# (sentences written for these tests)

@pytest.fixture(scope="module")
def pipeline():
    from helpers.pipeline import get_pipeline

    return get_pipeline()


def mentions_of(pipeline, text):
    from helpers.actors import find_mentions

    return find_mentions(pipeline.nlp(text), pipeline.dictionary)


def by_text(mentions):
    return {m.text: m for m in mentions}


def test_pronouns_resolve_to_the_nearest_compatible_actor(pipeline):
    found = by_text(mentions_of(pipeline, "The Northern Front attacked the town on Monday. It said its fighters had taken the bridge."))
    front = found["Northern Front"].actor_id
    assert found["It"].actor_id == front and found["its"].actor_id == front
    assert found["It"].label == "PRON" and found["It"].source == "pronoun"
    found = by_text(mentions_of(pipeline, "Hadi al-Amiri visited the front. He said his men were ready."))
    assert found["He"].actor_id == found["his"].actor_id == found["Hadi al-Amiri"].actor_id


def test_unresolved_and_pleonastic_pronouns_get_no_mention(pipeline):
    assert mentions_of(pipeline, "It is unclear whether the talks will resume.") == []
    assert not [m for m in mentions_of(pipeline, "They said the road was closed.") if m.label == "PRON"]


def test_first_person_in_a_quotation_is_its_speaker(pipeline):
    found = by_text(mentions_of(pipeline, '"I will not resign," said Hadi al-Amiri.'))
    assert found["I"].actor_id == found["Hadi al-Amiri"].actor_id
    text = 'Colonel Ann Ruiz, spokeswoman for the Syrian Democratic Forces, said: "We will hold the line until our partners arrive."'
    found = by_text(mentions_of(pipeline, text))
    assert found["We"].actor_id == found["our"].actor_id == found["Syrian Democratic Forces"].actor_id  # the group she speaks for


def test_pronouns_are_not_aliases(pipeline):
    from helpers.actors import article_actor_rows

    mentions = mentions_of(pipeline, "Hadi al-Amiri visited the front. He said his men were ready.")
    row = next(r for r in article_actor_rows("t", mentions, pipeline.dictionary) if r["actor_id"] == "hadi-al-amiri")
    assert row["aliases"] == "Hadi al-Amiri" and row["n_mentions"] == 3


def test_specific_group_descriptions_are_actors_and_generic_ones_are_not(pipeline):
    found = [m for m in mentions_of(pipeline, "On Monday, Coalition military forces conducted 12 strikes against ISIS fighters. "
                                              "Later, Coalition military forces struck again.")
             if m.text == "Coalition military forces"]
    assert len(found) == 2 and len({m.actor_id for m in found}) == 1 and found[0].label == "ORG"
    assert mentions_of(pipeline, "The militants fled the town.") == []


def test_entity_spans_are_repaired(pipeline):
    found = by_text(mentions_of(pipeline, "The Government of Iraq asked for more help."))
    assert "Government of Iraq" in found
    assert not [m for m in mentions_of(pipeline, "Near Tarsel, two strikes hit a depot.") if m.text.lower().startswith("near ")]


def test_text_alone_gives_descriptions_and_affiliations(invented):
    corpus, article = invented
    actors = corpus.actors.set_index("actor_id")
    front = actor_of(corpus, article, "NVDF")
    marouni = actor_of(corpus, article, "Ilyas Marouni")
    assert actors.loc[front, "description"] == "a coalition of highland militias backed by Karavia"
    assert actors.loc[marouni, "description"] == "the head of the NVDF"
    assert actors.loc[marouni, "affiliation"] == front


# ---------------------------------------------------------------- countries, capitals, seats of government
# (sentences written for these tests: countries the curated dictionary does not list)

def test_a_country_outside_the_dictionary_is_a_state_whatever_the_ner_says(pipeline):
    from helpers.actors import actor_kind

    mentions = mentions_of(pipeline, "Niger and Chad signed a border pact. Officials in Niger welcomed it.")
    niger = [m for m in mentions if m.text == "Niger"]
    assert niger and {m.actor_id for m in niger} == {"niger"}
    assert actor_kind(niger, pipeline.dictionary) == "state"


@pytest.mark.parametrize("sentence, metonym, state", [
    ("Peru protested on Monday, and Lima recalled its ambassador.", "Lima", "peru"),
    ("Hungary vetoed the plan. Budapest said the vote was unfair.", "Budapest", "hungary"),
    ("The Kremlin rejected the offer made by Finland.", "Kremlin", "russia"),
    ("The White House said the talks with Norway would go on.", "White House", "united-states"),
])
def test_a_capital_or_seat_of_government_stands_for_its_state(pipeline, sentence, metonym, state):
    found = by_text(mentions_of(pipeline, sentence))
    assert found[metonym].actor_id == state and found[metonym].source == "metonym"


def test_a_rare_capital_that_is_also_a_name_is_not_a_metonym(pipeline):
    found = by_text(mentions_of(pipeline, "Victoria said the talks in Geneva had failed."))
    assert "Victoria" not in found or found["Victoria"].source != "metonym"


# ---------------------------------------------------------------- short forms of names (sentences written for these tests)

def test_a_family_name_written_first_joins_the_full_name(pipeline):
    found = by_text(mentions_of(pipeline, "Zhang Weiming arrived in Oslo on Friday. Zhang said the talks would resume."))
    assert found["Zhang"].actor_id == found["Zhang Weiming"].actor_id


def test_a_surname_still_prefers_the_name_it_ends(pipeline):
    found = by_text(mentions_of(pipeline, "Ruiz Moreno, a lawyer, met Carlos Ruiz in Madrid. Carlos Ruiz said that Ruiz had left."))
    assert found["Ruiz"].actor_id == found["Carlos Ruiz"].actor_id


def test_an_organization_without_its_leading_abbreviation_is_the_same_body(pipeline):
    found = by_text(mentions_of(pipeline, "The U.N. Human Rights Council met on Monday. "
                                          "The Human Rights Council later adopted the resolution."))
    assert found["Human Rights Council"].actor_id == found["U.N. Human Rights Council"].actor_id


def test_an_organization_that_drops_a_word_is_another_body(pipeline):
    found = by_text(mentions_of(pipeline, "The Supreme Court of Freedonia overruled the Appeals Court of Freedonia."))
    ids = {m.actor_id for m in found.values() if "Court" in m.text}
    assert len(ids) == 2


def test_a_compass_word_opening_an_organization_is_part_of_its_name(pipeline):
    found = mentions_of(pipeline, "The North Atlantic Treaty Organization met in Brussels.")
    assert any(m.text == "North Atlantic Treaty Organization" for m in found)


def test_a_speaker_the_ner_missed_becomes_a_mention_of_the_person_named_before(pipeline):
    from helpers.actors import add_speaker_mentions

    text = "Odile Marchetti spoke in Rome on Monday. Later, Marchetti said the ceasefire would fail."
    doc = pipeline.nlp(text)
    start = text.index("Marchetti said")
    mentions = [m for m in find_all(pipeline, doc) if m.start != start]   # as when the NER misses the subject
    person = next(m.actor_id for m in mentions if m.text == "Odile Marchetti")
    added = add_speaker_mentions(doc, mentions, [(start, start + len("Marchetti"))], pipeline.dictionary)
    assert [(m.text, m.actor_id, m.source) for m in added] == [("Marchetti", person, "speaker")]
    assert add_speaker_mentions(doc, mentions, [(text.index("the ceasefire"), len(text) - 1)], pipeline.dictionary) == []


def find_all(pipeline, doc):
    from helpers.actors import find_mentions

    return find_mentions(doc, pipeline.dictionary)


@pytest.mark.parametrize("sentence, title_word, person", [
    ("Commerce Secretary Paula Grant said the tariffs would stay.", "Commerce", "Paula Grant"),
    ("Meanwhile, National Security Adviser Tom Reyes said talks would go on.", "National Security", "Tom Reyes"),
])
def test_a_body_named_in_a_persons_title_is_no_actor_of_its_own(pipeline, sentence, title_word, person):
    found = by_text(mentions_of(pipeline, sentence))
    assert person in found and title_word not in found


def test_a_country_before_a_title_stays_an_actor(pipeline):
    found = by_text(mentions_of(pipeline, "U.S. President Paul Reed met Ukrainian President Ivan Petrenko in Kyiv."))
    assert "U.S." in found and "Paul Reed" in found
