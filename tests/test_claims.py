"""The attribution extractor on the first article and on small sentences, one per phenomenon."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.articles import load_article
from helpers.claims import CLAIM_KEYS, LEXICON_PATH, extract_claims, load_lexicon
from helpers.nlp import load_model
from helpers.quotes import find_quotes
from helpers.tables import COLUMNS, make_table

FIRST_ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "2017-05-30-pmf-border-villages.md"
SPAN_TRIPLES = [("start", "end", "text"), ("speaker_start", "speaker_end", "speaker_text"),
                ("cue_start", "cue_end", "cue_text"), ("via_start", "via_end", "via_text")]


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def run(nlp, text: str) -> tuple[str, list[dict]]:
    doc = nlp(text)
    rows = extract_claims(doc, "test")
    for row in rows:
        check_spans(doc.text, row)
    return doc.text, rows


def check_spans(text: str, row: dict) -> None:
    """Every span indexes the text, or is wholly missing; refs and sentences are inside the text."""
    assert tuple(row) == CLAIM_KEYS
    for start, end, span_text in SPAN_TRIPLES:
        if row[start] is None:
            assert row[end] is None and row[span_text] is None
        else:
            assert 0 <= row[start] < row[end] <= len(text)
            assert text[row[start]:row[end]] == row[span_text]
    if row["speaker_ref_start"] is not None:
        assert 0 <= row["speaker_ref_start"] < row["speaker_ref_end"] <= len(text)
    assert row["sentence_start"] <= row["start"] < row["sentence_end"]


def attributed(rows: list[dict]) -> list[dict]:
    return [row for row in rows if row["attributed"]]


def ref_text(text: str, row: dict) -> str | None:
    if row["speaker_ref_start"] is None:
        return None
    return text[row["speaker_ref_start"]:row["speaker_ref_end"]]


def one(rows: list[dict], **wanted) -> dict:
    found = [row for row in rows if all(row[key] == value for key, value in wanted.items())]
    assert len(found) == 1, (wanted, [(r["speaker_text"], r["cue_text"], r["text"]) for r in rows])
    return found[0]


# ---------------------------------------------------------------- the first article

@pytest.fixture(scope="module")
def first_article(nlp):
    article = load_article(FIRST_ARTICLE)
    return run(nlp, article.body)


def test_first_article_has_the_five_attributions(first_article):
    text, rows = first_article
    claims = attributed(rows)
    assert [row["cue_text"] for row in claims] == ["announced", "told", "said", "has been described as", "described"]
    assert [row["claim_id"] for row in rows] == [f"c{n}" for n in range(1, len(rows) + 1)]
    assert list(rows[0])[:len(COLUMNS["claims"])] == COLUMNS["claims"]
    assert all(row["speaker_actor_id"] is None and row["via_actor_id"] is None for row in rows)


def test_first_article_pmf_announcement(first_article):
    text, rows = first_article
    row = one(rows, cue_text="announced")
    assert row["speaker_text"] == ("The Popular Mobilization Forces (PMF) a collection of Iraqi Shia paramilitary "
                                   "groups backed by Iran")
    assert ref_text(text, row) == "PMF"
    assert row["speaker_type"] == "organization"
    assert row["text"] == ("that they had pushed Islamic State (ISIS) out of a group of villages on the border "
                           "with Syria")
    assert (row["quote_type"], row["quote_text"], row["channel"], row["via_text"]) == ("indirect", None, None, None)


def test_first_article_amiri_told_reporters(first_article):
    text, rows = first_article
    row = one(rows, cue_text="told")
    assert row["speaker_text"] == "The head of the Shia Badr Organization, Hadi al-Amiri"
    assert ref_text(text, row) == "Hadi al-Amiri"
    assert row["speaker_type"] == "person"
    assert row["channel"] == "told reporters"
    assert row["text"].startswith("that Hashid al-Shaabi would look to begin an operation")
    assert row["text"].endswith("in the next two days")
    assert row["quote_type"] == "indirect" and row["via_text"] is None


def test_first_article_masoudi_cited_by_the_associated_press(first_article):
    text, rows = first_article
    row = one(rows, cue_text="said")
    assert row["speaker_text"] == "Sheikh Sami al-Masoudi, a PMF leader"
    assert ref_text(text, row) == "Sheikh Sami al-Masoudi"
    assert row["speaker_type"] == "person"
    assert row["via_text"] == "the Associated Press"
    assert row["text"] == 'Having reached the border, the PMF is now planning to "erect a dirt barricade and dig a trench"'
    assert row["quote_type"] == "mixed"
    assert row["quote_text"] == "erect a dirt barricade and dig a trench"
    assert row["channel"] is None


def test_first_article_passive_without_agent(first_article):
    text, rows = first_article
    row = one(rows, cue_text="has been described as")
    assert row["attributed"] is True
    assert row["speaker_text"] is None and row["speaker_start"] is None and row["speaker_ref_start"] is None
    assert row["speaker_type"] == "anonymous"
    assert row["text"] == "Baaj has been described as the last supply line for ISIS militants between Syria and Iraq"
    assert row["quote_type"] == "indirect"


def test_first_article_hashid_statement_on_its_website(first_article):
    text, rows = first_article
    row = one(rows, cue_text="described")
    assert row["speaker_text"] == "Hashid al-Shaabi"
    assert ref_text(text, row) == "Hashid al-Shaabi"
    assert row["channel"] == "statement on its website"
    assert row["text"] == 'its advance to the border with Syria as "a Ramadan miracle,"'
    assert row["quote_type"] == "mixed"
    assert row["quote_text"] == "a Ramadan miracle"


def test_first_article_own_voice_certainty(first_article):
    text, rows = first_article
    own = [row for row in rows if not row["attributed"]]
    assert own and all(row["speaker_type"] == "own_voice" and row["quote_type"] == "none" for row in own)
    assert all(row["speaker_start"] is None and row["cue_start"] is None for row in own)
    hedged = one(own, certainty="hedged", text="potentially allowing for the reopening of a supply route to send "
                 "Iranian weapons to Syrian President Bashar al-Assad.")
    assert hedged["sentence_start"] == 0
    unknown = [row for row in own if "it is not known whether" in row["text"]]
    assert len(unknown) == 1 and unknown[0]["certainty"] == "unknown"
    significant = [row for row in own if row["text"].startswith("Significantly for the Shia force")]
    assert len(significant) == 1 and significant[0]["certainty"] == "asserted"
    assert not any("Hadi al-Amiri" in row["text"] or "Ramadan" in row["text"] for row in own)


def test_first_article_makes_a_contract_table(first_article):
    text, rows = first_article
    table = make_table("claims", rows)
    assert list(table.columns[:len(COLUMNS["claims"])]) == COLUMNS["claims"]
    assert len(table) == len(rows)


# ---------------------------------------------------------------- one phenomenon each

def test_direct_quote_with_straight_marks(nlp):
    text, rows = run(nlp, '"We will not retreat from the river," the general said.')
    row = one(attributed(rows), cue_text="said")
    assert row["speaker_text"] == "the general"
    assert row["text"] == '"We will not retreat from the river,"'
    assert (row["quote_type"], row["quote_text"]) == ("direct", "We will not retreat from the river")


def test_curly_and_straight_marks_give_the_same_quote(nlp):
    _, straight = run(nlp, 'The mayor said the city was "ready for anything" after the floods.')
    _, curly = run(nlp, "The mayor said the city was \u201cready for anything\u201d after the floods.")
    for rows in (straight, curly):
        row = one(attributed(rows), cue_text="said")
        assert row["speaker_text"] == "The mayor"
        assert (row["quote_type"], row["quote_text"]) == ("mixed", "ready for anything")
    assert one(curly, cue_text="said")["text"] == "the city was \u201cready for anything\u201d after the floods"


def test_indirect_speech(nlp):
    text, rows = run(nlp, "The minister said that the talks would resume next week.")
    row = one(attributed(rows), cue_text="said")
    assert row["speaker_text"] == "The minister"
    assert row["text"] == "that the talks would resume next week"
    assert (row["quote_type"], row["quote_text"]) == ("indirect", None)


def test_according_to(nlp):
    text, rows = run(nlp, "According to local officials, at least 12 people were killed in the strike.")
    row = one(attributed(rows), cue_text="According to")
    assert row["speaker_text"] == "local officials"
    assert row["speaker_type"] == "anonymous"
    assert row["text"] == "at least 12 people were killed in the strike"


def test_colon_lead_ins(nlp):
    text, rows = run(nlp, "The spokesman said: \u201cThe operation is over.\u201d")
    row = one(attributed(rows), cue_text="said:")
    assert row["speaker_text"] == "The spokesman"
    assert row["text"] == "\u201cThe operation is over.\u201d"
    assert (row["quote_type"], row["quote_text"]) == ("direct", "The operation is over.")
    text, rows = run(nlp, "His message to the fighters: \u201cHold the line and wait for orders.\u201d")
    row = one(attributed(rows), cue_text=":")
    assert row["speaker_text"] == "His message to the fighters"
    assert row["quote_text"] == "Hold the line and wait for orders."


def test_passive_with_agent(nlp):
    text, rows = run(nlp, "The plan was described by the governor as a betrayal.")
    row = one(attributed(rows), cue_text="was described by")
    assert row["speaker_text"] == "the governor"
    assert row["text"] == "The plan was described by the governor as a betrayal"


def test_floating_quote_takes_the_speaker_of_the_previous_sentence(nlp):
    text, rows = run(nlp, "The commander spoke to the crowd on Sunday. \u201cNobody will take this town from us.\u201d")
    row = one(attributed(rows), cue_text="spoke")
    assert row["speaker_text"] == "The commander"
    assert row["text"] == "\u201cNobody will take this town from us.\u201d"
    assert (row["quote_type"], row["quote_text"]) == ("direct", "Nobody will take this town from us.")
    assert row["sentence_start"] > row["speaker_start"]


def test_pronoun_speaker_resolved_to_the_nearest_name(nlp):
    text, rows = run(nlp, "Maria Lopez said the talks had failed. Ahmed Karimi arrived in the capital on Tuesday. "
                          "He said the ceasefire was holding.")
    row = one(attributed(rows), speaker_text="He")
    assert ref_text(text, row) == "Ahmed Karimi"
    assert row["speaker_type"] == "person"
    assert row["text"] == "the ceasefire was holding"


def test_description_between_name_and_verb(nlp):
    text, rows = run(nlp, "Maria Lopez, who has led the union since 2019, said the strike would continue.")
    row = one(attributed(rows), cue_text="said")
    assert row["speaker_text"] == "Maria Lopez"
    assert ref_text(text, row) == "Maria Lopez"
    assert row["text"] == "the strike would continue"


def test_quote_split_by_its_cue(nlp):
    text, rows = run(nlp, "\u201cWe are not going anywhere,\u201d said Omar Haddad, a farmer from the village. "
                          "\u201cThis land is ours.\u201d")
    claims = attributed(rows)
    assert [row["quote_text"] for row in claims] == ["We are not going anywhere", "This land is ours."]
    assert {row["speaker_text"] for row in claims} == {"Omar Haddad, a farmer from the village"}
    assert {row["cue_start"] for row in claims} == {text.index("said")}


def test_quote_over_several_paragraphs(nlp):
    body = ("Colonel Samir Aziz described the night of the attack to reporters. \u201cThey came from the north. "
            "We had no warning.\n\n\u201cBy morning the school was gone,\u201d he said.")
    text, rows = run(nlp, body)
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    assert quotes[0].group == quotes[1].group
    claims = attributed(rows)
    continued = [row for row in claims if row["quote_text"] and "no warning" in row["quote_text"]]
    assert continued and continued[0]["speaker_text"] == "Colonel Samir Aziz"
    last = one(claims, quote_text="By morning the school was gone")
    assert last["speaker_text"] == "he" and ref_text(text, last) == "Samir Aziz"


def test_anonymous_officials(nlp):
    text, rows = run(nlp, "Officials said the convoy had been hit by a drone.")
    row = one(attributed(rows), cue_text="said")
    assert row["speaker_text"] == "Officials"
    assert row["speaker_type"] == "anonymous"
    assert row["text"] == "the convoy had been hit by a drone"


def test_channel_in_the_cue_and_relay_outlet(nlp):
    text, rows = run(nlp, "The army said in a statement that two soldiers were wounded.")
    row = one(attributed(rows), speaker_text="The army")
    assert row["cue_text"] == "said in a statement"
    assert row["channel"] == "statement"
    assert row["speaker_type"] == "state"
    text, rows = run(nlp, "The rebels told Reuters that they had captured the airport.")
    row = one(attributed(rows), cue_text="told")
    assert row["via_text"] == "Reuters"
    assert row["text"] == "that they had captured the airport"


def test_document_source(nlp):
    text, rows = run(nlp, 'The report said the camp was "overcrowded" and "unsafe".')
    row = one(attributed(rows), cue_text="said")
    assert row["speaker_type"] == "document"
    assert row["quote_text"] == "overcrowded \u2026 unsafe"


def test_own_voice_certainty(nlp):
    text, rows = run(nlp, "The bridge was destroyed on Monday. The attack could delay the offensive. "
                          "The army did not enter the town. It is not known whether the road is open.")
    assert [row["certainty"] for row in rows] == ["asserted", "hedged", "negated", "unknown"]
    assert all(not row["attributed"] and row["speaker_type"] == "own_voice" for row in rows)


# ---------------------------------------------------------------- odd input and the lexicon

@pytest.mark.parametrize("body", [
    "",
    "   \n\n  ",
    '"An unclosed quote, said nobody.\n\nAnother " stray mark " and \u201c more.',
    "\u201d\u201c\u201d reversed marks \u201c said the man \u201d.",
    "Emoji \U0001F600 and zero\u200bwidth and \u0627\u0644\u0639\u0631\u0628\u064a\u0629 text said nothing.",
    " ".join(["The official said that the convoy"] + ["and the next convoy"] * 1200) + ".",
])
def test_odd_input_never_raises(nlp, body):
    text, rows = run(nlp, body)
    assert isinstance(rows, list)


def test_lexicon_documents_every_key():
    raw = LEXICON_PATH.read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    header = "\n".join(line for line in raw.splitlines() if line.startswith("#"))
    for key, values in data.items():
        assert re.search(rf"#\s+{key}\b", header), key
        assert values and all(value is not None for value in (values if isinstance(values, list) else values))
    lexicon = load_lexicon()
    assert {"say", "tell", "announce", "describe", "claim", "warn", "add", "deny", "accuse"} <= lexicon.cue_verbs
    assert "according to" in lexicon.cue_phrases
