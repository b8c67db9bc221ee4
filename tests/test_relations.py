"""Relations between actors (the helpers/relations package), on the first article and on sentences written for the tests."""
import pandas as pd
import pytest

from helpers import alliances
from helpers.relations import extract_relations, load_lexicon
from helpers.actors import Mention, find_mentions
from helpers.articles import load_article
from helpers.pipeline import get_pipeline
from helpers.tables import COLUMNS, EXTRA_COLUMNS

from .conftest import SEED

PMF, ISIS, IRAN, ASSAD = "popular-mobilization-forces", "isis", "iran", "bashar-al-assad"
SDF, US, BADR, AMIRI, MASOUDI = "syrian-democratic-forces", "united-states", "badr-organization", "hadi-al-amiri", "sami-al-masoudi"


@pytest.fixture(scope="module")
def pipeline():
    return get_pipeline()


def claims_of(doc, article_id="t"):
    """helpers.claims' claims when the module is there, else none."""
    try:
        from helpers.claims import extract_claims
    except ImportError:
        return []
    return extract_claims(doc, article_id)


def relations_of(pipeline, text, claims=None, mentions=None):
    doc = pipeline.nlp(text)
    mentions = find_mentions(doc, pipeline.dictionary) if mentions is None else mentions
    return extract_relations(doc, "t", mentions, claims_of(doc) if claims is None else claims)


@pytest.fixture(scope="module")
def seed(pipeline):
    article = load_article(SEED)
    doc = pipeline.nlp(article.body)
    mentions = find_mentions(doc, pipeline.dictionary)
    rows = extract_relations(doc, article.article_id, mentions, claims_of(doc, article.article_id))
    return article, doc, mentions, rows


def pairs(rows, relation=None, certainties=None):
    return {(r["source_actor_id"], r["relation"], r["target_actor_id"]) for r in rows
            if (relation is None or r["relation"] == relation) and (certainties is None or r["certainty"] in certainties)}


def has(rows, source, relation, target, **expected):
    return any(r["source_actor_id"] == source and r["relation"] == relation and r["target_actor_id"] == target
               and all(r[k] == v for k, v in expected.items()) for r in rows)


# ---------------------------------------------------------------- the first article

def test_seed_relations(seed):
    _, _, _, rows = seed
    assert has(rows, IRAN, "supports", PMF, sign=1)
    assert has(rows, PMF, "fights", ISIS, sign=-1)
    assert has(rows, IRAN, "supports", ASSAD, sign=1)
    assert has(rows, US, "supports", SDF, sign=1)
    assert has(rows, SDF, "fights", ISIS, sign=-1)
    assert has(rows, AMIRI, "leads", BADR, sign=0, certainty="asserted")
    assert has(rows, MASOUDI, "leads", PMF) or has(rows, MASOUDI, "member_of", PMF)


def test_seed_no_asserted_fight_between_sdf_and_assad(seed):
    _, _, _, rows = seed
    fights = {(r["source_actor_id"], r["target_actor_id"]) for r in rows
              if r["relation"] == "fights" and r["certainty"] == "asserted"}
    assert (SDF, ASSAD) not in fights and (ASSAD, SDF) not in fights
    assert has(rows, SDF, "fights", ASSAD, certainty="negated")      # "fighting ISIS rather than Assad"


def test_seed_linkup_with_assad_is_not_asserted(seed):
    """'the gains are a step towards achieving a linkup with the Iranian-backed forces of Assad'."""
    article, doc, mentions, rows = seed
    start = article.body.index("Shia force, the gains")
    if not any(m.actor_id == PMF and m.start <= start < m.end for m in mentions):
        pytest.skip("helpers.actors does not resolve 'the Shia force' to the PMF yet (see test_linkup_with_resolved_description)")
    linkups = [r for r in rows if {r["source_actor_id"], r["target_actor_id"]} == {PMF, ASSAD} and r["relation"] == "allied_with"]
    assert linkups and all(r["certainty"] != "asserted" for r in linkups)


def test_linkup_with_resolved_description(seed):
    """The linkup rule itself, given the description the actors module should resolve."""
    article, doc, mentions, _ = seed
    start = article.body.index("Shia force, the gains")
    end = start + len("Shia force")
    mentions = [m for m in mentions if not (start <= m.start < end)]
    mentions.append(Mention(start, end, "Shia force", "DESC", source="description", actor_id=PMF))
    rows = extract_relations(doc, article.article_id, sorted(mentions, key=lambda m: m.start), [])
    assert has(rows, PMF, "allied_with", ASSAD, certainty="hypothetical", sign=1)


def test_rows_follow_the_contract(seed):
    _, doc, _, rows = seed
    assert rows
    expected = COLUMNS["relations"] + EXTRA_COLUMNS["relations"]
    for number, row in enumerate(rows, 1):
        assert list(row) == expected
        assert row["relation_id"] == f"r{number}"
        for prefix in ("source", "target", "evidence"):
            assert row[f"{prefix}_text"] == doc.text[row[f"{prefix}_start"]:row[f"{prefix}_end"]]
        assert row["certainty"] in ("asserted", "reported", "hypothetical", "negated", "unknown")
        if row["relation"] in ("member_of", "leads", "controls"):
            assert row["sign"] == 0 and row["quad_class"] is None
        else:
            assert row["quad_class"] in (1, 2, 3, 4) and row["sign"] in (1, -1)


def test_seed_through_the_corpus(corpus, seed_id):
    relations = corpus.relations
    rows = relations[relations["article_id"] == seed_id].to_dict("records")
    assert has(rows, IRAN, "supports", PMF)
    assert has(rows, PMF, "fights", ISIS)
    assert has(rows, US, "supports", SDF)
    assert has(rows, AMIRI, "leads", BADR)
    affiliation = corpus.actors.set_index("actor_id")["affiliation"]
    assert affiliation.get(AMIRI) == BADR


# ---------------------------------------------------------------- certainty (sentences written for these tests)

def certainty_of(pipeline, text, source, relation, target, claims=None):
    rows = relations_of(pipeline, text, claims=[] if claims is None else claims)
    found = [r["certainty"] for r in rows
             if (r["source_actor_id"], r["relation"], r["target_actor_id"]) == (source, relation, target)]
    assert found, f"no {source} {relation} {target} in {text!r}: {pairs(rows)}"
    return found[0]


@pytest.mark.parametrize("text, source, relation, target, certainty", [
    ("Turkey attacked the YPG near the border.", "turkey", "fights", "peoples-protection-units", "asserted"),
    ("Russia does not support the SDF.", "russia", "supports", SDF, "negated"),
    ("Iran has never funded Hamas.", "iran", "supports", "hamas", "negated"),
    ("Turkey denied backing the Free Syrian Army.", "turkey", "supports", "free-syrian-army", "negated"),
    ("Hezbollah fought ISIS rather than the Free Syrian Army.", "hezbollah", "fights", "free-syrian-army", "negated"),
    ("Hezbollah fought ISIS rather than the Free Syrian Army.", "hezbollah", "fights", ISIS, "asserted"),
    ("Turkey would attack the YPG.", "turkey", "fights", "peoples-protection-units", "hypothetical"),
    ("Iran could send weapons to Hezbollah.", IRAN, "supports", "hezbollah", "hypothetical"),
    ("Turkey plans to attack the YPG.", "turkey", "fights", "peoples-protection-units", "hypothetical"),
    ("The deal is a step towards an alliance between Hamas and Hezbollah.", "hamas", "allied_with", "hezbollah", "hypothetical"),
    ("It is not known whether Russia supports the SDF.", "russia", "supports", SDF, "unknown"),
    ("It is unclear if Turkey would attack the YPG.", "turkey", "fights", "peoples-protection-units", "unknown"),
    ("Turkey reportedly armed the Free Syrian Army.", "turkey", "supports", "free-syrian-army", "reported"),
])
def test_certainty(pipeline, text, source, relation, target, certainty):
    assert certainty_of(pipeline, text, source, relation, target) == certainty


def test_inside_an_attributed_claim_is_reported(pipeline):
    text = "Turkey attacked the YPG, the ministry said."
    content_end = text.index(",")
    claim = {"start": 0, "end": content_end, "attributed": True, "speaker_start": content_end + 2,
             "speaker_end": content_end + 14, "cue_start": content_end + 15, "cue_end": content_end + 19}
    assert certainty_of(pipeline, text, "turkey", "fights", "peoples-protection-units", claims=[claim]) == "reported"
    unattributed = dict(claim, attributed=False)
    assert certainty_of(pipeline, text, "turkey", "fights", "peoples-protection-units", claims=[unattributed]) == "asserted"


def test_claims_module_marks_reported(pipeline):
    pytest.importorskip("helpers.claims")
    rows = relations_of(pipeline, "The ministry said that Turkey attacked the YPG.")
    assert has(rows, "turkey", "fights", "peoples-protection-units", certainty="reported")


# ---------------------------------------------------------------- roles and odd input

@pytest.mark.parametrize("text, source, relation, target", [
    ("Abu Mohammed al-Julani, the head of Hayat Tahrir al-Sham, spoke on Friday.", None, "leads", "hayat-tahrir-al-sham"),
    ("Hezbollah, an ally of Iran, fought the Free Syrian Army.", "hezbollah", "allied_with", IRAN),
    ("The Badr Organization is a member of the PMF.", BADR, "member_of", PMF),
    ("Turkey is a member of NATO.", "turkey", "member_of", "nato"),
    ("ISIS leader Abu Bakr al-Baghdadi praised the attack.", None, "leads", ISIS),
    ("The SDF's fight against ISIS continued.", SDF, "fights", ISIS),
    ("Iran-backed militias and the Turkish-backed Free Syrian Army clashed.", "turkey", "supports", "free-syrian-army"),
])
def test_roles_and_patterns(pipeline, text, source, relation, target):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == relation and r["target_actor_id"] == target
               and (source is None or r["source_actor_id"] == source) for r in rows), pairs(rows)


@pytest.mark.parametrize("text, source, relation, target", [
    ("The SDF, which includes the YPG, took the town.", "peoples-protection-units", "member_of", SDF),
    ("Sergeant Dale Lee was assigned to 2nd Battalion, 7th Infantry Regiment.", "dale-lee", "member_of", "2nd-battalion"),
    ("Sergeant Dale Lee was assigned to 2nd Battalion, 7th Infantry Regiment.", "2nd-battalion", "member_of", "7th-infantry-regiment"),
    ("Iraq and Iran are committed to defeating ISIS.", "iraq", "allied_with", IRAN),
    ("The SDF, together with the YPG, attacked ISIS near the dam.", SDF, "allied_with", "peoples-protection-units"),
    ("On Monday, Coalition military forces conducted 12 strikes against ISIS fighters.", "coalition-military-forces", "fights", ISIS),
    ("Turkey welcomed the SDF's withdrawal from the border.", "turkey", "praises", SDF),
    ("Iraq is grateful for the support provided by Iran.", "iraq", "praises", IRAN),
    ("The EU is united in its condemnation of Assad's brutal policies.", "european-union", "criticizes", ASSAD),
])
def test_more_patterns(pipeline, text, source, relation, target):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, source, relation, target), pairs(rows)


# sentences written for the rules added with the relation benchmark at 0.36 (none taken from a corpus)

def test_a_deed_named_after_its_doer_keeps_the_doers_words(pipeline):
    """'X leads the campaign to defeat Y': X fights Y, and the row shows X, not 'campaign'."""
    rows = relations_of(pipeline, "The Kurdish militia leads the campaign to defeat Hezbollah in the north.", claims=[])
    fights = [r for r in rows if r["relation"] == "fights" and r["target_actor_id"] == "hezbollah"]
    assert [r["source_text"] for r in fights] == ["Kurdish militia"]


def test_every_item_of_a_list_the_parser_hung_as_an_apposition(pipeline):
    text = "Coalition forces engaged two Taliban tactical units, three Taliban vehicles, two mortar systems, a depot and a bridge."
    targets = {r["target_text"] for r in relations_of(pipeline, text, claims=[]) if r["relation"] == "fights"}
    # the vehicles are the Taliban again (one row), the mortar systems no participant the lexicon knows
    assert {"two Taliban tactical units", "depot", "bridge"} <= targets


@pytest.mark.parametrize("text, source, target", [
    ("Afghan forces completed the defeat of the Taliban in Helmand.", "afghan-forces", "taliban"),
    ("The Afghan army said it had dealt the Taliban a heavy defeat.", None, "taliban"),
])
def test_a_defeat_is_a_fight_with_the_defeated(pipeline, text, source, target):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == "fights" and r["target_actor_id"] == target
               and (source is None or r["source_actor_id"] == source) for r in rows), pairs(rows)


def test_the_one_supported_in_a_fight_wages_it(pipeline):
    rows = relations_of(pipeline, "France reiterated its support for the Malian army in the fight against al-Shabaab.",
                        claims=[])
    assert has(rows, "france", "supports", "malian-army")
    assert has(rows, "malian-army", "fights", "al-shabaab")


def test_whom_a_fighter_supports_in_the_same_deed_fights_too(pipeline):
    rows = relations_of(pipeline, "Egypt launched airstrikes against ISIS in support of the Libyan army.", claims=[])
    assert has(rows, "egypt", "fights", ISIS)
    assert has(rows, "libyan-army", "fights", ISIS, trigger="alongside")


def test_pejoratives_are_criticism_by_whoever_says_them(pipeline):
    rows = relations_of(pipeline, "Germany is working to protect civilians from Assad's brutality.", claims=[])
    assert has(rows, "germany", "criticizes", ASSAD, trigger="brutality")


def test_a_pejorative_on_unnamed_people_criticizes_them(pipeline):
    rows = relations_of(pipeline, '"We will keep protecting our villages from these brutal militants," the Malian army said.')
    assert any(r["source_actor_id"] == "malian-army" and r["relation"] == "criticizes"
               and r["target_text"] == "brutal militants" and r["target_kind"] == "people" for r in rows), pairs(rows)


@pytest.mark.parametrize("text, target", [
    ("Germany is working to protect the Malian people from the Taliban's cruelty and Boko Haram's barbarity.", "boko-haram"),
    ("Spain wants to shield the villagers from Abiy Ahmed\u2019s cruelty and al-Shabaab\u2019s barbarity.", "al-shabaab"),
])
def test_each_owner_of_coordinated_deeds_is_criticized(pipeline, text, target):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == "criticizes" and r["target_actor_id"] == target for r in rows), pairs(rows)


@pytest.mark.parametrize("text, source, target", [
    ("The Somali government wants a peace deal in which al-Shabaab has no role.", "somalia", "al-shabaab"),
    ("The Malian army said there is no place for the Taliban in a future Mali.", "malian-army", "taliban"),
])
def test_denying_someone_a_part_in_the_future_criticizes_them(pipeline, text, source, target):
    rows = relations_of(pipeline, text)
    assert has(rows, source, "criticizes", target), pairs(rows)
    assert all(r["certainty"] != "negated" for r in rows if r["relation"] == "criticizes")


@pytest.mark.parametrize("text, victims", [
    ("Hundreds of villagers were killed at the hands of the Taliban.", "villagers"),
    ("The deaths of civilians at the hands of the Taliban shocked Kabul.", "civilians"),
])
def test_harm_at_the_hands_of_someone_makes_them_the_sufferers_enemy(pipeline, text, victims):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["source_actor_id"] == "taliban" and r["relation"] == "criticizes" and r["target_text"] == victims
               for r in rows), pairs(rows)


@pytest.mark.parametrize("text, source, relation, target", [
    ("Germany expressed solidarity with the Malian army.", "germany", "praises", "malian-army"),
    ("The Malian army will keep applying pressure to al-Shabaab.", "malian-army", "criticizes", "al-shabaab"),
    ("Germany paid tribute to the Malian army.", "germany", "praises", "malian-army"),
    ("The Malian army voiced admiration for the Kenyan army.", "malian-army", "praises", "kenyan-army"),
])
def test_a_noun_triggers_target_may_hang_on_its_verb(pipeline, text, source, relation, target):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, source, relation, target), pairs(rows)


@pytest.mark.parametrize("text, relation, target", [
    ("Germany stands shoulder to shoulder with the Malian army and the Somali government.", "praises", "somalia"),
    ("The Nigerian army fought side by side with the Chadian army.", "allied_with", "chadian-army"),
    ("Germany will stand shoulder-to-shoulder with the Malian army.", "praises", "malian-army"),
])
def test_a_phrase_before_with_relates_the_subject_to_its_object(pipeline, text, relation, target):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == relation and r["target_actor_id"] == target for r in rows), pairs(rows)


@pytest.mark.parametrize("text, source, target", [
    ("The Malian army was pleased to meet a delegation of Somali government officials.", "malian-army",
     "somali-government-officials"),
    ("Germany is proud to serve alongside the Malian army.", "germany", "malian-army"),
])
def test_a_stance_adjective_takes_the_one_met_or_served_with(pipeline, text, source, target):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, source, "praises", target), pairs(rows)


def test_the_passive_subject_of_a_sentence_judges_its_pejoratives(pipeline):
    rows = relations_of(pipeline, "The Dutch government is committed to supporting the Somali government "
                                  "against the terrorism of al-Shabaab.", claims=[])
    assert has(rows, "netherlands", "criticizes", "al-shabaab"), pairs(rows)


def test_welcoming_the_work_of_a_body_praises_the_actor_it_belongs_to(pipeline):
    rows = relations_of(pipeline, "Spain welcomed the African Union panel's report on the attack.", claims=[])
    assert has(rows, "spain", "praises", "african-union"), pairs(rows)


def test_who_after_a_place_stands_for_the_people_in_it(pipeline):
    rows = relations_of(pipeline, "Aid reached the families in Kabul who suffered at the hands of the Taliban.", claims=[])
    assert any(r["source_actor_id"] == "taliban" and r["target_text"] == "families" for r in rows), pairs(rows)


def test_a_stance_verb_may_be_about_people_no_name_identifies(pipeline):
    rows = relations_of(pipeline, "Germany praised the villagers for their courage.", claims=[])
    assert any(r["source_actor_id"] == "germany" and r["relation"] == "praises" and r["target_text"] == "villagers"
               and r["target_kind"] == "people" for r in rows), pairs(rows)


def test_one_singled_out_from_a_list_shares_its_relation(pipeline):
    rows = relations_of(pipeline, "The Somali government is grateful for the support provided by the African Union, "
                                  "especially the Kenyan army.", claims=[])
    assert has(rows, "somalia", "praises", "african-union")
    assert has(rows, "somalia", "praises", "kenyan-army"), pairs(rows)


@pytest.mark.parametrize("text", ["Germany values its partnership with the Malian army.",
                                  "Germany continues to appreciate the cooperation with the Malian army."])
def test_valuing_a_partnership_praises_the_partner(pipeline, text):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, "germany", "praises", "malian-army"), pairs(rows)


@pytest.mark.parametrize("text, source, target, certainty", [
    ("The Malian army will not allow the Taliban to rebuild its networks.", "malian-army", "taliban", "hypothetical"),
    ("The Malian army denied the Taliban a safe haven.", "malian-army", "taliban", "asserted"),
    ("The Kenyan army vowed to deny any sanctuary to al-Shabaab in the south.", "kenyan-army", "al-shabaab", "hypothetical"),
])
def test_refusing_someone_what_they_want_is_a_stance_against_them(pipeline, text, source, target, certainty):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, source, "criticizes", target, certainty=certainty), pairs(rows)


@pytest.mark.parametrize("text, source, target", [
    ("Germany called for the removal of Salva Kiir.", "germany", "salva-kiir"),
    ("The Malian army demanded Abiy Ahmed's resignation.", "malian-army", "abiy-ahmed"),
    ("Spain called on Salva Kiir to step down.", "spain", "salva-kiir"),
    ("Germany urged the Taliban to leave Kabul.", "germany", "taliban"),
])
def test_asking_for_someones_removal_is_a_stance_against_them(pipeline, text, source, target):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, source, "criticizes", target, certainty="asserted"), pairs(rows)


def test_backing_someones_ouster_does_not_support_them(pipeline):
    rows = relations_of(pipeline, "Germany supported the ouster of the Taliban.", claims=[])
    assert has(rows, "germany", "criticizes", "taliban")
    assert not has(rows, "germany", "supports", "taliban"), pairs(rows)


def test_a_passive_conjunct_takes_the_agent_of_the_raid(pipeline):
    rows = relations_of(pipeline, "Abu Omar was ambushed and killed in a raid carried out by French special forces.",
                        claims=[])
    fights = [r for r in rows if r["relation"] == "fights" and r["source_actor_id"] == "french-special-forces"]
    assert [r["target_text"] for r in fights] == ["Abu Omar"]   # once: both verbs say the same of the same words


def test_positions_held_against_someone_are_a_fight(pipeline):
    rows = relations_of(pipeline, "Kenyan troops held their positions against al-Shabaab fighters near the port.",
                        claims=[])
    assert any(r["relation"] == "fights" and r["target_actor_id"] == "al-shabaab" for r in rows), pairs(rows)


def test_we_in_a_quotation_keeps_its_words_and_the_speakers_actor(pipeline):
    text = '"We will keep attacking the Taliban," said Brig. Gen. Omar Khan, the Afghan army spokesman.'
    rows = [r for r in relations_of(pipeline, text) if r["relation"] == "fights"]
    assert [(r["source_text"], r["target_actor_id"]) for r in rows] == [("We", "taliban")]
    assert rows[0]["source_actor_id"] not in (None, "")


def test_a_command_named_after_a_commander_is_the_group_he_leads(pipeline):
    rows = relations_of(pipeline, '"We are ready," said Maj. Gen. John Smith, commander, Joint Special Operations Command.',
                        claims=[])
    assert has(rows, "john-smith", "leads", "joint-special-operations-command"), pairs(rows)


def test_welcoming_the_news_of_a_deed_praises_its_doer(pipeline):
    rows = relations_of(pipeline, "Britain welcomed the news that the Malian army had retaken Gao.", claims=[])
    assert has(rows, "united-kingdom", "praises", "malian-army"), pairs(rows)


def test_a_country_the_dictionary_does_not_know_acts_as_its_state(pipeline):
    rows = relations_of(pipeline, "Rwanda has supported the Congolese army for years.", claims=[])
    assert has(rows, "rwanda", "supports", "congolese-army", source_kind="actor")
    rows = relations_of(pipeline, "The Congolese army drove the rebels out of Goma.", claims=[])
    assert not [r for r in rows if r["source_actor_id"] == "goma"]   # a place that is only where things happen


def test_two_hyphenated_names_are_the_sides_of_a_war(pipeline):
    rows = relations_of(pipeline, "Both men served in the Iran-Iraq War of the 1980s.", claims=[])
    assert has(rows, IRAN, "fights", "iraq", trigger="war")


@pytest.mark.parametrize("text", [
    "Iraqi troops came under heavy fire from Hezbollah fighters near the dam.",
    "Iraqi troops continued to receive mortar fire from Hezbollah fighters.",
])
def test_fire_from_someone_is_their_fight_with_whoever_takes_it(pipeline, text):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == "fights" and r["source_actor_id"] == "hezbollah" and r["target_text"] == "Iraqi troops"
               for r in rows), pairs(rows)


@pytest.mark.parametrize("text, source, target_text", [
    ("The execution of the young pilot by the Islamic State shocked the region.", ISIS, "young pilot"),
    ("Boko Haram militants have once again slaughtered villagers near the river.", "boko-haram", "villagers"),
])
def test_killings_are_fights_with_the_victims(pipeline, text, source, target_text):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == "fights" and r["target_text"] == target_text
               and (source is None or r["source_actor_id"] == source) for r in rows), pairs(rows)


@pytest.mark.parametrize("text, target_text", [
    ("Boko Haram fighters abducted 30 people, including two students, near the school.", "two students"),
    ("ISIS attacked several towns, such as Kobani and Tal Abyad.", "Tal Abyad"),
])
def test_the_ones_a_list_singles_out_take_part_too(pipeline, text, target_text):
    rows = relations_of(pipeline, text, claims=[])
    assert target_text in {r["target_text"] for r in rows if r["relation"] == "fights"}, pairs(rows)


def test_what_is_taken_from_someone_was_held_by_them(pipeline):
    rows = relations_of(pipeline, "The Kurds retook the town of Kobani from ISIS last year.", claims=[])
    assert has(rows, "kurds", "fights", ISIS)
    assert has(rows, ISIS, "controls", "kobani", trigger="held")
    assert has(rows, "kurds", "controls", "kobani")


OBJECT_SENTENCES = [
    "Near Hama, one strike destroyed an ISIS-held tank.",
    "Police seized the journalist's home and her car in Tehran.",
    "The Taliban used car bombs against the police.",
    "Near the dam, two strikes destroyed three ISIS vehicles and a bridge.",
    "ISIS fighters drove a tank into the village.",
    "The regime's chemical weapons were moved to a base near Damascus.",
]


@pytest.mark.parametrize("text", OBJECT_SENTENCES)
def test_no_object_is_an_end_of_a_relation(pipeline, text):
    """Owning or using a car, a home or a weapon is no relation between actors: no row has one as an end."""
    rows = relations_of(pipeline, text, claims=[])
    assert not [r for r in rows if {r["source_kind"], r["target_kind"]} & {"weapon", "equipment", "property"}], rows
    assert not [r for r in rows if r["relation"] == "leads" and r["target_kind"] != "actor"], rows


def test_a_strike_is_its_carriers_deed(pipeline):
    rows = relations_of(pipeline, "U.S. airstrikes destroyed three ISIS vehicles near the dam.", claims=[])
    assert has(rows, US, "fights", ISIS), pairs(rows)


def test_the_use_of_weapons_against_someone(pipeline):
    rows = relations_of(pipeline, "Abu Omar was involved in the use of car bombs and chemical weapons against the Kurds.",
                        claims=[])
    assert has(rows, "abu-omar", "fights", "kurds")
    assert not [r for r in rows if "weapon" in (r["source_kind"], r["target_kind"])]   # the weapons are no end


def test_whose_determination_to_fight_it_is(pipeline):
    rows = relations_of(pipeline, "The attacks stiffened the African Union in its determination to defeat al-Shabaab.",
                        claims=[])
    assert has(rows, "african-union", "fights", "al-shabaab", source_text="African Union")


def test_a_series_of_strikes_tagged_as_a_verb_still_counts(pipeline):
    text = "A series of precision French airstrikes against al-Shabaab operatives killed more than 20 militants."
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, "france", "fights", "al-shabaab")
    assert any(r["relation"] == "fights" and r["source_actor_id"] == "france" and r["target_text"] == "more than 20 militants"
               for r in rows), pairs(rows)


def test_who_helps_a_fighter_in_the_deed_fights_too(pipeline):
    rows = relations_of(pipeline, "NATO is assisting the Afghan army to degrade and destroy the Taliban.", claims=[])
    assert has(rows, "nato", "supports", "afghan-army")
    assert has(rows, "afghan-army", "fights", "taliban")
    assert has(rows, "nato", "fights", "taliban", trigger="alongside")


def test_proud_that_someone_did_praises_them(pipeline):
    rows = relations_of(pipeline, "Kenya is proud that the African Union has driven al-Shabaab out of Kismayo.", claims=[])
    assert has(rows, "kenya", "praises", "african-union"), pairs(rows)


def test_welcoming_a_liberation_praises_the_liberator_not_the_place(pipeline):
    rows = relations_of(pipeline, "Britain welcomed the Libyan army's liberation of Sirte.", claims=[])
    praised = {r["target_text"] for r in rows if r["relation"] == "praises"}
    assert "Sirte" not in praised and praised, pairs(rows)


def test_leading_efforts_in_a_campaign_makes_it_yours(pipeline):
    rows = relations_of(pipeline, "Syrian Arab forces are leading efforts in the campaign to defeat the Taliban.", claims=[])
    assert any(r["relation"] == "fights" and r["target_actor_id"] == "taliban" and r["source_text"] == "Syrian Arab forces"
               for r in rows), pairs(rows)


def test_whom_a_deed_is_coordinated_with_fights_its_enemy(pipeline):
    text = "Egyptian forces conducted ten strikes carried out in support of the Libyan army, using jets against ISIS positions."
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, "libyan-army", "fights", ISIS, trigger="alongside"), pairs(rows)


def test_the_subject_of_a_clause_set_in_a_campaign_wages_it(pipeline):
    rows = relations_of(pipeline, "Elsewhere in the campaign to defeat the Taliban, the Afghan army has begun a new phase.",
                        claims=[])
    assert has(rows, "afghan-army", "fights", "taliban"), pairs(rows)


def test_its_partners_are_not_itself(pipeline):
    text = "NATO conducted 30 strikes delivering 85 munitions in support of its partners on the ground."
    rows = relations_of(pipeline, text, claims=[])
    assert ("NATO", "its partners") in {(r["source_text"], r["target_text"]) for r in rows if r["relation"] == "supports"}


def test_pushing_someone_back_is_a_fight(pipeline):
    rows = relations_of(pipeline, "Kurdish fighters pushed the Taliban back from the ridge.", claims=[])
    assert has(rows, "kurdish-fighters", "fights", "taliban", trigger="push back"), pairs(rows)


def test_a_pronoun_end_shows_the_name_its_sentence_gives(pipeline):
    rows = relations_of(pipeline, "The EU is united in its condemnation of Assad's brutal policies.", claims=[])
    assert [r["source_text"] for r in rows if r["relation"] == "criticizes"] == ["EU"]


def test_a_pronoun_stands_for_its_actor(pipeline):
    rows = relations_of(pipeline, "The Northern Front took the bridge. It then attacked the YPG.", claims=[])
    assert has(rows, "northern-front", "fights", "peoples-protection-units", source_text="It")


def test_control_of_territory_is_controls_and_no_affiliation(pipeline):
    from helpers.corpus import _affiliations_from_relations

    rows = relations_of(pipeline, "ISIS has had control of Mosul since 2014.", claims=[])
    assert has(rows, ISIS, "controls", "mosul", sign=0, quad_class=None)
    assert not has(rows, ISIS, "leads", "mosul")
    rows += relations_of(pipeline, "Hadi al-Amiri, the head of the Badr Organization, spoke.", claims=[])
    assert _affiliations_from_relations(rows) == {AMIRI: BADR}


def ends(rows, relation):
    return {(r["source_text"], r["source_kind"], r["target_text"], r["target_kind"]) for r in rows if r["relation"] == relation}


def test_what_a_force_hits_and_who_holds_it_are_participants_without_actor_ids(pipeline):
    rows = relations_of(pipeline, "Near the dam, coalition forces destroyed three ISIS vehicles and a bridge.", claims=[])
    # ISIS's vehicles stand for ISIS (hitting them hits ISIS); the bridge is nobody's
    assert ("coalition forces", "group", "three ISIS vehicles", "actor") in ends(rows, "fights")
    assert ("coalition forces", "group", "bridge", "site") in ends(rows, "fights")
    for row in rows:
        for side in ("source", "target"):
            assert (row[f"{side}_actor_id"] is None) == (row[f"{side}_kind"] not in ("actor", "place"))
    graph = alliances.relation_graph(pd.DataFrame(rows))
    assert graph.number_of_edges() == 0   # no actor on both ends: nothing for the alliance network


def test_a_capture_is_control_not_a_fight_with_the_place(pipeline):
    rows = relations_of(pipeline, "The Islamic State captured the Tharthar dam after days of fighting.", claims=[])
    assert ("Islamic State", "actor") in {(r["source_text"], r["source_kind"]) for r in rows if r["relation"] == "controls"}
    assert not [r for r in rows if r["relation"] == "fights" and r["target_kind"] in ("site", "place")]


def test_an_unresolved_we_is_kept_as_a_pronoun(pipeline):
    rows = relations_of(pipeline, "We will continue to strike ISIS in Syria.", claims=[])
    assert {(r["source_text"], r["source_kind"], r["target_actor_id"]) for r in rows if r["relation"] == "fights"} == \
        {("We", "pronoun", ISIS)}


def test_a_custom_dictionary_decides_what_is_a_place(pipeline, tmp_path):
    from helpers.actors import load_dictionary

    text = "The Tharthar Brigade attacked the Kurdish village."
    path = tmp_path / "actors.yaml"
    path.write_text("- id: tharthar-brigade\n  name: Tharthar Brigade\n  kind: place\n", encoding="utf-8")
    doc = pipeline.nlp(text)
    dictionary = load_dictionary(str(path))
    mentions = find_mentions(doc, dictionary)
    default = extract_relations(doc, "t", mentions, [])
    custom = extract_relations(doc, "t", mentions, [], dictionary)
    assert [r["source_kind"] for r in default if r["relation"] == "fights"] == ["actor"]
    assert [r["source_kind"] for r in custom if r["relation"] == "fights"] == []   # a place fights nobody


def test_odd_input_gives_no_rows(pipeline):
    doc = pipeline.nlp("Turkey attacked the YPG.")
    assert extract_relations(doc, "t", [], []) == []
    assert extract_relations(None, "t", [], []) == []
    assert extract_relations(pipeline.nlp(""), "t", [], []) == []
    mentions = find_mentions(doc, pipeline.dictionary)
    odd_claims = [{}, {"attributed": True}, {"start": None, "end": 3, "attributed": True}, "not a claim"]
    assert extract_relations(doc, "t", mentions, odd_claims)


def test_lexicon_is_consistent():
    lexicon = load_lexicon()
    relations = set(lexicon["relation_specs"])
    assert relations == {"supports", "fights", "allied_with", "member_of", "leads", "controls", "criticizes", "praises"}
    for key in ("verbs", "verb_particles", "prepositional_verbs", "nouns", "participles", "person_roles", "group_roles"):
        assert lexicon[key], key
        assert all(t.relation in relations for t in lexicon[key].values()), key
    assert lexicon["relation_specs"]["member_of"] == (0, None) and lexicon["relation_specs"]["fights"] == (-1, 4)


def test_one_of_its_factions_makes_the_holder_and_those_along_with_it_members(pipeline):
    text = ("The Lions of Tawhid was named as one of its constituent factions, "
            "along with the Northern Front, Kataib al-Nasr and the Ansar Brigade.")
    rows = [r for r in relations_of(pipeline, text, claims=[]) if r["relation"] == "member_of"]
    # 'its' is not the Lions of Tawhid, whatever the pronoun was resolved to: the end stays a bare pronoun
    assert {r["source_text"] for r in rows if r["target_text"] == "its" and r["target_kind"] == "pronoun"} == \
        {"Lions of Tawhid", "Northern Front", "Kataib al-Nasr", "Ansar Brigade"}


@pytest.mark.parametrize("text", [
    "The rebel coalition, including the Tawhid Front and the Ansar Brigade, rejected the deal.",
    "The opposition alliance includes groups such as the Tawhid Front and the Ansar Brigade.",
])
def test_names_a_group_is_said_to_include_are_its_members(pipeline, text):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, "tawhid-front", "member_of", None, target_kind="group")
    assert has(rows, "ansar-brigade", "member_of", None, target_kind="group")


def test_a_plural_kind_with_examples_is_no_group(pipeline):
    rows = relations_of(pipeline, "Several countries, including Norland and Vesteria, condemned the attack.", claims=[])
    assert not [r for r in rows if r["relation"] == "member_of"]


@pytest.mark.parametrize("text, members, group", [
    ("Soldiers from the 4th Battalion, 12th Infantry Regiment visited the base.", "Soldiers", "4th-battalion"),
    ("Soldiers from the 4th Battalion, 12th Infantry Regiment visited the base.", "Soldiers", "12th-infantry-regiment"),
    ("Twenty sailors deployed from the Northern Fleet arrived on Monday.", "Twenty sailors", "northern-fleet"),
    ("Forty Airmen from the 9th Airlift Wing arrived in Kandor on Monday.", "Forty Airmen", "airlift-wing"),
    ("Some members of the Kandor Engineering Union joined the protest.", "members", "kandor-engineering-union"),
    ("Gunmen killed 30 members of the Harwan tribe.", "30 members", None),   # a tribe, whatever its name was tagged
])
def test_people_from_or_of_a_unit_belong_to_it(pipeline, text, members, group):
    rows = relations_of(pipeline, text, claims=[])
    assert any(r["relation"] == "member_of" and r["source_text"] == members and r["source_kind"] == "people"
               and (group is None or r["target_actor_id"] == group) for r in rows), pairs(rows)


def test_people_from_a_name_that_is_no_unit_are_only_from_there(pipeline):
    rows = relations_of(pipeline, "Fighters from Kandor joined the Tawhid Front.", claims=[])
    assert not [r for r in rows if r["relation"] == "member_of" and r["target_text"] == "Kandor"]
    rows = relations_of(pipeline, "Soldiers of Omar Basri attacked the town.", claims=[])
    assert not [r for r in rows if r["relation"] == "member_of"]   # a person's men, no unit of his


@pytest.mark.parametrize("text", [
    "Omar Basri appointed Samir Qadiri as commander of the Tawhid Front.",
    "In 2009, Omar Basri appointed Samir Qadiri the chief commander of the Tawhid Front.",
])
def test_who_gives_a_post_leads_the_one_who_takes_it(pipeline, text):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, "samir-qadiri", "leads", "tawhid-front"), pairs(rows)
    assert has(rows, "omar-basri", "leads", "samir-qadiri", trigger="appoint"), pairs(rows)
    assert not has(rows, "omar-basri", "leads", "tawhid-front")


def test_a_commanding_general_leads(pipeline):
    rows = relations_of(pipeline, "The Tawhid Front's commanding general, Samir Qadiri, spoke on Monday.", claims=[])
    assert has(rows, "samir-qadiri", "leads", "tawhid-front"), pairs(rows)


def test_a_role_only_people_hold_makes_a_name_tagged_as_a_group_its_holder(pipeline):
    from dataclasses import replace
    text = "Samir Qadiri was a commander in the Tawhid Front for ten years."
    doc = pipeline.nlp(text)
    mentions = [replace(m, label="ORG", kind_votes=None) if m.actor_id == "samir-qadiri" else m
                for m in find_mentions(doc, pipeline.dictionary)]
    rows = extract_relations(doc, "t", mentions, [])
    assert has(rows, "samir-qadiri", "member_of", "tawhid-front"), pairs(rows)


def test_an_unresolved_pronoun_holds_a_role_as_itself(pipeline):
    rows = relations_of(pipeline, "We will keep fighting the Tawhid Front as part of a western coalition.", claims=[])
    assert has(rows, None, "member_of", None, source_text="We", source_kind="pronoun", target_kind="group"), pairs(rows)


def test_the_people_a_group_has_are_its_members(pipeline):
    rows = relations_of(pipeline, "The Tawhid Front has 900 fighters in the province.", claims=[])
    assert has(rows, None, "member_of", "tawhid-front", source_text="900 fighters", trigger="have"), pairs(rows)
    rows = relations_of(pipeline, "The Tawhid Front has killed 30 soldiers.", claims=[])
    assert not [r for r in rows if r["relation"] == "member_of"]


def test_names_singled_out_of_a_group_are_its_members(pipeline):
    rows = relations_of(pipeline, "Norland thanked the Western Alliance, especially the Tawhid Front and the Ansar Brigade.",
                        claims=[])
    assert has(rows, "tawhid-front", "member_of", "western-alliance", trigger="especially"), pairs(rows)
    assert has(rows, "ansar-brigade", "member_of", "western-alliance"), pairs(rows)


def test_the_group_singled_out_of_is_the_nouns_own(pipeline):
    # neither the one who thanked the alliance nor the one whose partners they are
    rows = relations_of(pipeline, "Norland thanked the western alliance, especially Vesteria and Kandor.", claims=[])
    assert not has(rows, "kandor", "member_of", "norland"), pairs(rows)
    rows = relations_of(pipeline, "Norland thanked its partners, notably Vesteria.", claims=[])
    assert not [r for r in rows if r["relation"] == "member_of"]


@pytest.mark.parametrize("text, source, relation, target", [
    ("ISIS controlled the city of Raqqa until 2017.", ISIS, "controls", "raqqa"),
    ("The Kurds retook the town of Kobani from ISIS last year.", "kurds", "controls", "kobani"),
    ("Iran controls the Houthis.", IRAN, "leads", "houthis"),    # controlling an actor is being at its head
    ("The Kurdish militia controls nearly a third of Syria's territory.", "kurdish-militia", "controls", "syria"),   # land
])
def test_leads_joins_actors_and_controls_runs_to_places(pipeline, text, source, relation, target):
    rows = relations_of(pipeline, text, claims=[])
    assert has(rows, source, relation, target), pairs(rows)
    other = {"leads": "controls", "controls": "leads"}[relation]
    assert not has(rows, source, other, target), pairs(rows)


def test_control_is_no_tie_in_the_alliance_network(pipeline):
    rows = relations_of(pipeline, "ISIS controlled the city of Raqqa until 2017.", claims=[])
    graph = alliances.relation_graph(pd.DataFrame(rows))
    assert [d["relation"] for _, _, d in graph.edges(data=True)] == ["controls"]
    assert alliances.signed_ties(graph) == {}
