"""Who a claim's speaker is: `speaker_role` and `speaker_side` (helpers.speakers). Every sentence here was written
for these tests."""
import pytest

from helpers import load_corpus
from helpers.speakers import ROLES, role_from_words, side_of, speaker_role


def claims_of(tmp_path, body):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "2024-06-01-story.md").write_text(f"---\ntitle: A story\npublished: 2024-06-01\n---\n{body}\n",
                                                encoding="utf-8")
    claims = load_corpus(folder, progress=False, cache=False).tables["claims"]
    return claims[claims["attributed"].fillna(False).astype(bool)]


@pytest.mark.parametrize("phrase, role", [
    ("Foreign Minister Ana Ruiz", "official"),
    ("a spokesman for the ministry", "spokesperson"),
    ("General Omar Haddad, the army commander", "military"),
    ("an analyst at the Lisbon Institute", "expert"),
    ("residents of the town", "witness"),
    ("a correspondent for the newspaper", "media"),
    ("the report", "document"),
    ("a statement from the ministry", "document"),
])
def test_each_role_has_its_words(phrase, role):
    assert role_from_words(phrase) == role


@pytest.mark.parametrize("phrase", ["Ana Ruiz", "the majority of voters", "Mr. Haddad", "the two of them"])
def test_phrases_without_a_role_word_get_none(phrase):
    assert role_from_words(phrase) == ""


@pytest.mark.parametrize("text, kind, role", [
    ("officials", "", "anonymous"),
    ("a source close to the talks", "", "anonymous"),
    ("a Syrian official", "state", "anonymous"),
    ("the militants", "armed_group", "armed_group"),
    ("Radio Lumen", "media", "media"),
    ("Valdoria", "state", "official"),
])
def test_roles_of_unnamed_sources_and_bodies(text, kind, role):
    assert speaker_role(text, "person" if kind == "" else "organization", kind) == role
    assert role in ROLES


def test_a_named_person_is_not_anonymous():
    assert speaker_role("an official, Ana Ruiz", "person", "person", "Deputy Minister") != "anonymous"


def test_sides():
    assert side_of("ana-ruiz", "person", "valdoria", "") == "valdoria"
    assert side_of("omar", "person", "", "the-front") == "the-front"
    assert side_of("the-front", "armed_group") == "the-front"
    assert side_of(None, "") == ""


def test_a_minister_speaks_for_the_state_and_is_an_official(tmp_path):
    claims = claims_of(tmp_path, "French Foreign Minister Ana Ruiz said on Monday that the border would stay "
                                 "closed until the talks resumed.")
    [row] = claims.itertuples()
    assert row.speaker_role == "official"
    assert row.speaker_side == "france"


def test_a_spokesman_is_a_spokesperson(tmp_path):
    claims = claims_of(tmp_path, "A spokesman for the Northern Front said the fighters had left the village.")
    assert list(claims["speaker_role"]) == ["spokesperson"]


def test_anonymous_and_document_sources_keep_their_words_and_no_named_speaker(tmp_path):
    claims = claims_of(tmp_path, "Officials said the convoy was stopped at the border. "
                                 "According to the report, the camp held more than 4,000 people.")
    by_role = {row.speaker_role: row for row in claims.itertuples()}
    assert set(by_role) == {"anonymous", "document"}
    assert "convoy was stopped" in by_role["anonymous"].text
    assert "camp held" in by_role["document"].text
    for row in by_role.values():
        assert not isinstance(row.speaker_actor_id, str)


def test_every_attributed_claim_of_a_mixed_story_has_a_role(tmp_path):
    claims = claims_of(tmp_path, "The convoy reached the border on Monday. Officials said it was stopped.")
    assert claims["speaker_role"].notna().all()


def test_notebook_breakdown_counts_claims_with_neither_role_nor_side(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    from helpers import plots, sources
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "2024-06-01-story.md").write_text(
        "---\ntitle: A story\npublished: 2024-06-01\n---\nFrench Foreign Minister Ana Ruiz said the border would "
        "stay closed. Officials said the convoy was stopped. Mr. Tobin Marsh said he saw the trucks.\n", encoding="utf-8")
    corpus = load_corpus(folder, progress=False, cache=False)
    table = sources.role_side_table(corpus.claims, corpus.actors)
    assert table.loc["official", "france"] == 1 and table.loc["anonymous"].sum() == 1
    neither, attributed = sources.claims_without_role_or_side(corpus.claims, corpus.actors)
    assert attributed == 3 and neither == int(table.loc[sources.NO_ROLE, sources.NO_SIDE]) == 1
    ax = plots.role_breakdown(table)
    assert ax.get_title() and ax.get_xlabel() == "attributed claims" and ax.get_ylabel() == "speaker role"
