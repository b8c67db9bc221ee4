"""How each mention is resolved to its actor (the mentions table's `resolution`), spelling variants, and the role
and body of a person named by a role. Every sentence here was written for these tests."""
import pytest

from helpers import load_corpus
from helpers.actors import spelling_variants


def tables_of(tmp_path, body, published="2024-06-01"):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / f"{published}-story.md").write_text(f"---\ntitle: A story\npublished: {published}\n---\n{body}\n",
                                                  encoding="utf-8")
    return load_corpus(folder, progress=False, cache=False).tables


def resolution(tables, text):
    mentions = tables["mentions"]
    found = mentions[mentions["text"] == text]
    assert len(found), f"no mention {text!r} in {list(mentions['text'])}"
    return set(found["resolution"]), set(found["actor_id"])


def speaker_of(tables, speaker_text):
    """The actor of the one claim whose speaker is written so."""
    claims = tables["claims"]
    [speaker] = claims.loc[claims["speaker_text"] == speaker_text, "speaker_actor_id"]
    return speaker


@pytest.mark.parametrize("one, other", [("Pedersen", "Pederson"), ("Geir Pedersen", "Geir Pederson"),
                                        ("Eguiluz", "Equiluz"), ("Mohammed Karimi", "Mohammed Karimy")])
def test_one_edit_in_a_long_word_is_a_spelling_variant(one, other):
    assert spelling_variants(one, other)


@pytest.mark.parametrize("one, other", [("Rahman", "Rahim"), ("Ali Hassan", "Adi Hassan"), ("Karimi", "Barimi"),
                                        ("John Smith", "Joan Smyth"), ("Pedersen", "Geir Pedersen")])
def test_other_names_are_no_spelling_variants(one, other):
    assert not spelling_variants(one, other)


def test_a_misspelled_surname_joins_the_person(tmp_path):
    tables = tables_of(tmp_path, "Norwegian diplomat Lars Vandersen arrived in Geneva on Monday. "
                                 "Vandersen met the delegates. Later, Vandersan told reporters the talks had stalled.")
    full, short, misspelled = (resolution(tables, t) for t in ("Lars Vandersen", "Vandersen", "Vandersan"))
    assert full[1] == short[1] == misspelled[1]
    assert full[0] == {"name"} and short[0] == {"variant"} and misspelled[0] == {"variant"}


def test_two_people_whose_names_differ_more_stay_apart(tmp_path):
    tables = tables_of(tmp_path, "Omar Rahman met Omar Rahim in Doha on Monday. Rahman said the meeting went well.")
    assert resolution(tables, "Omar Rahman")[1] != resolution(tables, "Omar Rahim")[1]


def test_each_kind_of_expression_gets_its_resolution(tmp_path):
    tables = tables_of(tmp_path,
                       "The Northern Valley Front (NVF) attacked the town of Qalba on Monday, officials said. "
                       "The NVF said its fighters had taken the bridge. Ankara condemned the attack. "
                       "Hashid al-Shaabi units were sent to the area. The militia said it would hold the town.")
    assert resolution(tables, "Northern Valley Front")[0] == {"name"}
    assert resolution(tables, "NVF")[0] == {"alias"}
    assert resolution(tables, "NVF")[1] == resolution(tables, "Northern Valley Front")[1]
    assert resolution(tables, "its")[0] == {"pronoun"}
    assert resolution(tables, "Ankara") == ({"metonym"}, {"turkey"})
    assert resolution(tables, "Hashid al-Shaabi")[0] == {"dictionary"}
    assert set(tables["mentions"]["resolution"]) <= {"name", "alias", "variant", "metonym", "role", "description",
                                                     "pronoun", "dictionary"}


def test_a_role_in_apposition_is_a_role_mention(tmp_path):
    tables = tables_of(tmp_path, "Karim Haddad, a spokesman for the Northern Valley Front, said the bridge was taken.")
    mentions = tables["mentions"]
    roles = mentions[mentions["resolution"] == "role"]
    assert len(roles) and set(roles["actor_id"]) == resolution(tables, "Karim Haddad")[1]


@pytest.mark.parametrize("body, person, role, body_id", [
    ("Turkish Foreign Minister Ahmet Demirkol said on Monday that the border would stay closed.",
     "Ahmet Demirkol", "Foreign Minister", "turkey"),
    ("Karim Haddad, a spokesman for the Northern Valley Front, said the bridge was taken.",
     "Karim Haddad", "spokesman", "northern-valley-front"),
    ("The head of the Northern Valley Front, Salim Qureshi, said the fighters would stay.",
     "Salim Qureshi", "head", "northern-valley-front"),
])
def test_a_person_named_by_a_role_keeps_the_role_and_its_body(tmp_path, body, person, role, body_id):
    tables = tables_of(tmp_path, body)
    actors = tables["actors"].set_index("actor_id")
    [actor_id] = resolution(tables, person)[1]
    assert actors.loc[actor_id, "kind"] == "person"
    assert role.lower() in str(actors.loc[actor_id, "role"]).lower()
    assert actors.loc[actor_id, "member_of"] == body_id


def test_a_person_without_a_role_has_none(tmp_path):
    tables = tables_of(tmp_path, "Karim Haddad arrived in Geneva on Monday and met reporters.")
    [actor_id] = resolution(tables, "Karim Haddad")[1]
    row = tables["actors"].set_index("actor_id").loc[actor_id]
    assert not row["role"] or row["role"] != row["role"]   # empty or missing


def test_the_mentions_and_claims_tables_agree_on_who_he_is(tmp_path):
    tables = tables_of(tmp_path, "Lena Ortiz, the mayor, met Paul Brandt on Monday. Ortiz said Brandt's plan would fail. "
                                 "He said the city would not pay for it.")
    claims = tables["claims"]
    spoken = claims[claims["speaker_text"] == "He"]
    assert len(spoken) == 1
    mentions = tables["mentions"]
    he = mentions[(mentions["text"] == "He") & (mentions["label"] == "PRON")]
    assert list(he["actor_id"]) == list(spoken["speaker_actor_id"])


def test_a_subject_inside_reported_words_is_no_antecedent_for_the_next_speaker(tmp_path):
    tables = tables_of(tmp_path, "Adviser Kevin Marsh said on Sunday that Frank Doyle wanted new tariffs. "
                                 "He said the tariffs would stay for months.")
    assert speaker_of(tables, "He") == resolution(tables, "Kevin Marsh")[1].pop()


def test_a_name_before_a_quotation_mark_is_not_the_body_of_the_title_after_it(tmp_path):
    tables = tables_of(tmp_path, '"We will not bow to Canada," Ambassador Arno Villiers said on Monday.')
    [actor_id] = resolution(tables, "Arno Villiers")[1]
    row = tables["actors"].set_index("actor_id").loc[actor_id]
    assert row["role"] == "Ambassador" and row["member_of"] != "canada"


def test_groups_of_people_named_by_a_plural_noun_are_actors(tmp_path):
    tables = tables_of(tmp_path, "Armed bandits abducted dozens of schoolgirls on Friday. Villagers said the police "
                                 "arrived hours later, and other villagers fled to the hills.")
    actors = tables["actors"].set_index("actor_id")
    [bandits] = resolution(tables, "Armed bandits")[1]
    assert actors.loc[bandits, "kind"] == "armed_group"
    assert actors.loc[resolution(tables, "schoolgirls")[1].pop(), "kind"] == "group"
    assert resolution(tables, "Villagers")[1] == resolution(tables, "villagers")[1]   # 'other villagers' too
    assert "dozens" not in set(tables["mentions"]["text"])


def test_a_bare_group_noun_joins_the_one_fuller_phrase_and_no_other_articles_actor(tmp_path):
    tables = tables_of(tmp_path, "The Valley Police said on Monday that police had arrested two men. "
                                 "Prison guards said the guards were unarmed.")
    assert resolution(tables, "police")[1] == resolution(tables, "Valley Police")[1]
    assert resolution(tables, "guards")[1] == resolution(tables, "Prison guards")[1]


def test_the_militants_after_a_named_group_are_left_to_the_descriptions(tmp_path):
    tables = tables_of(tmp_path, "The Northern Valley Front attacked the town. Officials said the militants had "
                                 "withdrawn by nightfall.")
    mentions = tables["mentions"]
    assert not len(mentions[(mentions["text"] == "militants") & (mentions["source"] == "group")])


def test_an_organization_given_as_speaker_that_the_ner_missed_is_an_actor(tmp_path):
    tables = tables_of(tmp_path, "Fighting spread on Monday. The Eastern Relief Network said on Tuesday that "
                                 "aid convoys had stopped. EARNEX said the roads were closed.")
    claims = tables["claims"]
    speakers = dict(zip(claims["speaker_text"], claims["speaker_actor_id"]))
    assert speakers.get("The Eastern Relief Network") and speakers.get("EARNEX")
    kinds = tables["actors"].set_index("actor_id")["kind"]
    assert kinds[speakers["EARNEX"]] != "person"


def test_the_president_as_speaker_is_the_one_person_the_article_calls_president(tmp_path):
    tables = tables_of(tmp_path, "Valdonian President Marek Halvorsen met the envoy on Monday. "
                                 "The president said the talks had gone well.")
    assert speaker_of(tables, "The president") == resolution(tables, "Marek Halvorsen")[1].pop()


# ---------------------------------------------------------------- states named by their people, government or goods

@pytest.mark.parametrize("body, text, state", [
    ("The Turkish government said on Monday that the border would stay closed.", "Turkish government", "turkey"),
    ("Kenyan authorities arrested two men near the border.", "Kenyan authorities", "kenya"),
    ("Talks stalled because the Chinese refused to attend.", "Chinese", "china"),
    ("The North Koreans are not interested in talks, an official said.", "North Koreans", "north-korea"),
    ("The Democratic People's Republic of Korea rejected the plan.", "Democratic People's Republic of Korea",
     "north-korea"),
])
def test_a_government_the_people_with_the_or_an_official_name_is_the_state(tmp_path, body, text, state):
    assert resolution(tables_of(tmp_path, body), text)[1] == {state}


def test_a_bare_plural_people_stays_a_people(tmp_path):
    tables = tables_of(tmp_path, "Thousands of Nigerians fled the fighting last week.")
    assert resolution(tables, "Nigerians")[1] != {"nigeria"}


def test_each_of_coordinated_nationalities_names_its_state(tmp_path):
    tables = tables_of(tmp_path, "He was criticized by French, Russian and Mexican representatives. "
                                 "Moroccan and Spanish authorities met on Monday to discuss a Chinese proposal.")
    ids = set(tables["mentions"]["actor_id"])
    assert {"russia", "mexico", "morocco", "spain", "china"} <= ids


def test_a_country_named_with_and_is_one_actor(tmp_path):
    tables = tables_of(tmp_path, "Bosnia and Herzegovina protested the decision on Monday.")
    assert resolution(tables, "Bosnia and Herzegovina")[1] == {"bosnia-and-herzegovina"}


def test_a_states_army_is_its_own_actor_not_the_state(tmp_path):
    tables = tables_of(tmp_path, "The Nigerian government said the Nigerian army had retaken the town.")
    army = resolution(tables, "Nigerian army")[1]
    assert army != {"nigeria"} and resolution(tables, "Nigerian government")[1] == {"nigeria"}


def test_a_territory_noun_before_a_name_describes_no_one(tmp_path):
    tables = tables_of(tmp_path, "The coalition has taken back much of the territory ISIS once controlled.")
    assert "territory" not in set(tables["mentions"]["text"])
