"""One actor's dossier (helpers.dossier): each view checked against the tables it is computed from, on the
sample corpus (the seed's PMF, ISIS and Iran, an actor of each Voice of America story) and on articles written
for the tests; the name resolution and its one-line errors; the figures; notebook 05's stop on a bad name."""
import json
import re
import subprocess
import sys

import pandas as pd
import pytest

from helpers import dossier, load_corpus

from .conftest import ROOT, TEST_DATA

# An actor of the seed and of each VOA story, named as a reader would type them.
NAMES = {"PMF": "popular-mobilization-forces", "ISIS": "isis", "Iran": "iran",
         "SDF": "syrian-democratic-forces", "al-Rufay'i": "abdallah-makki-muslih-al-rufayi"}
SAMPLE_ACTORS = list(NAMES.values())


@pytest.fixture(scope="module")
def invented():
    """Articles written for the tests: invented parties (nothing from the dictionary), and markup in the text."""
    corpus = load_corpus([TEST_DATA / "invented", TEST_DATA / "hostile"], progress=False)
    corpus.tables
    return corpus


def actor_named(corpus, fragment: str) -> str:
    rows = corpus.actors[corpus.actors["name"].str.contains(fragment, regex=False)]
    assert len(rows) >= 1, (fragment, list(corpus.actors["name"]))
    return rows.sort_values("n_mentions", ascending=False)["actor_id"].iloc[0]


def claim_keys(frame) -> set:
    return set(zip(frame["article_id"], frame["claim_id"]))


def mentions_of(corpus, actor_id):
    return corpus.mentions[corpus.mentions["actor_id"] == actor_id]


# ---------------------------------------------------------------- which actor

@pytest.mark.parametrize("name", list(NAMES) + ["Hashid al-Shaabi", "hashid al-shaabi", "Popular Mobilization Forces",
                                                "popular-mobilization-forces", "Islamic State", "the Islamic State"])
def test_an_actor_is_found_by_its_id_or_any_of_its_names(corpus, name):
    expected = NAMES.get(name) or ("isis" if "Islamic" in name else "popular-mobilization-forces")
    assert dossier.resolve(corpus.actors, name) == expected


def test_an_unknown_name_stops_with_one_line_listing_close_matches(corpus):
    with pytest.raises(dossier.ActorNotFound) as error:
        dossier.resolve(corpus.actors, "Hashid al-Shabi")      # misspelt
    message = str(error.value)
    assert "\n" not in message and "'Hashid al-Shabi'" in message
    assert message.index("close matches:") < message.index("(popular-mobilization-forces)")
    with pytest.raises(dossier.ActorNotFound) as error:
        dossier.resolve(corpus.actors, "Qwxzv")
    assert "no close match" in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(dossier.ActorNotFound, match="no actor given"):
        dossier.resolve(corpus.actors, "  ")
    # in a notebook the error shows as its line alone, without a traceback
    assert error.value._render_traceback_() == [f"ActorNotFound: {error.value}"]


def test_a_name_two_actors_share_is_ambiguous_and_lists_both():
    actors = pd.DataFrame([
        {"actor_id": "river-brigade", "name": "River Brigade", "aliases": "River Brigade;the Brigade"},
        {"actor_id": "hill-brigade", "name": "Hill Brigade", "aliases": "Hill Brigade;the Brigade"},
    ])
    with pytest.raises(dossier.ActorNotFound) as error:
        dossier.resolve(actors, "Brigade")
    message = str(error.value)
    assert "names 2 actors" in message and "(river-brigade)" in message and "(hill-brigade)" in message
    assert "\n" not in message
    assert dossier.resolve(actors, "hill brigade") == "hill-brigade"
    actors.loc[1, "aliases"] += ";River Brigade"       # an alias of one that is the other's own name
    assert dossier.resolve(actors, "River Brigade") == "river-brigade"


def test_the_most_mentioned_actors_leave_places_out(corpus):
    chosen = dossier.most_mentioned(corpus.actors, 5)
    parties = corpus.actors[corpus.actors["kind"] != "place"].sort_values("n_mentions", ascending=False)
    assert len(chosen) == 5 and set(corpus.actors.set_index("actor_id").loc[chosen, "kind"]) <= set(parties["kind"])
    assert sorted(corpus.actors.set_index("actor_id").loc[chosen, "n_mentions"], reverse=True) == \
        list(parties["n_mentions"].head(5))


# ---------------------------------------------------------------- who it is

@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_identity_is_the_actor_tables_row(corpus, actor_id):
    row = corpus.actors.set_index("actor_id").loc[actor_id]
    fields = dict(dossier.identity(corpus, actor_id).itertuples(index=False, name=None))
    assert fields["name"] == row["name"] and fields["actor id"] == actor_id
    assert fields["kind"] == row["kind"].replace("_", " ")
    assert fields["names in the articles"].split("; ") == row["aliases"].split(";")
    assert fields["mentions"] == str(row["n_mentions"]) == str(len(mentions_of(corpus, actor_id)))
    assert int(fields["articles"]) == mentions_of(corpus, actor_id)["article_id"].nunique()
    assert ("belongs or answers to" in fields) == bool(isinstance(row["affiliation"], str) and row["affiliation"])


@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_belongings_are_the_affiliations_and_the_membership_relations(corpus, actor_id):
    view = dossier.belongings(corpus, actor_id)
    actors = corpus.actors
    from_table = view[view["from"] == "actor table (affiliation)"]
    members = set(actors.loc[actors["affiliation"] == actor_id, "actor_id"])
    own = actors.set_index("actor_id").loc[actor_id, "affiliation"]
    assert set(from_table["actor_id"]) == members | ({own} if isinstance(own, str) and own else set())
    relations = corpus.relations
    structural = relations[relations["relation"].isin(["member_of", "leads"])
                           & ((relations["source_actor_id"] == actor_id) | (relations["target_actor_id"] == actor_id))
                           & relations["source_actor_id"].notna() & relations["target_actor_id"].notna()]
    cited = view[view["from"].str.startswith("relation ")]
    assert len(cited) == len(structural)
    for row in cited.to_dict("records"):
        relation = structural[(structural["article_id"] == row["article_id"])
                              & (structural["relation_id"] == row["from"].split()[1])].iloc[0]
        assert row["evidence_text"] == relation["evidence_text"] and row["certainty"] == relation["certainty"]
        assert row["actor_id"] in (relation["source_actor_id"], relation["target_actor_id"]) and row["actor_id"] != actor_id


@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_appearances_are_the_articles_whose_mentions_name_it(corpus, actor_id):
    view = dossier.appearances(corpus, actor_id)
    mentions = mentions_of(corpus, actor_id)
    assert dict(zip(view["article_id"], view["mentions"])) == mentions.groupby("article_id").size().to_dict()
    published = corpus.articles.set_index("article_id")["published"]
    assert list(view["published"]) == sorted(view["published"])
    assert all(view.set_index("article_id").loc[a, "published"] == published[a] for a in view["article_id"])
    for row in view.to_dict("records"):
        used = set(" ".join(t.split()) for t in mentions.loc[mentions["article_id"] == row["article_id"], "text"])
        assert row["names used"] and set(row["names used"].split("; ")) <= used


# ---------------------------------------------------------------- its voice

@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_its_voice_is_every_claim_of_it_and_of_those_who_speak_for_it(corpus, actor_id):
    speakers = dossier.voices(corpus, actor_id)
    claims = corpus.claims
    expected = claims[claims["speaker_actor_id"].isin(list(speakers))]
    view = dossier.voice(corpus, actor_id)
    assert claim_keys(view) == claim_keys(expected) and len(view) == len(expected)
    members = set(corpus.actors.loc[corpus.actors["affiliation"] == actor_id, "actor_id"])
    relations = corpus.relations
    tied = set(relations.loc[(relations["target_actor_id"] == actor_id)
                             & relations["relation"].isin(["member_of", "leads"])
                             & relations["certainty"].isin(["asserted", "reported"]), "source_actor_id"].dropna())
    assert set(speakers) == {actor_id} | members | tied
    context = dossier.voice_in_context(corpus, actor_id)
    assert len(context) == len(view)
    assert list(context["article_id"]) == list(view["article_id"])
    assert all('<mark title="content"' in html for html in context["in context"])


def test_a_leader_speaks_for_the_group_and_the_text_is_escaped_in_context(invented):
    front = actor_named(invented, "Northern Valley")
    speakers = dossier.voices(invented, front)
    leader = actor_named(invented, "Marouni")
    assert speakers.get(leader) in ("leads it", "member", "member (actor table)")
    assert leader in set(dossier.voice(invented, front)["speaker_actor_id"])
    brigade = actor_named(invented, "River Brigade")
    context = dossier.voice_in_context(invented, brigade)
    html = "".join(context["in context"])
    assert "<script" not in html and "&lt;script&gt;" in html


# ---------------------------------------------------------------- what others say about it

@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_what_others_say_is_every_other_claim_whose_content_names_it(corpus, actor_id):
    mentions = mentions_of(corpus, actor_id)
    speakers = set(dossier.voices(corpus, actor_id))
    expected = set()
    for claim in corpus.claims.itertuples():
        if claim.speaker_actor_id in speakers:
            continue
        inside = mentions[(mentions["article_id"] == claim.article_id) & (mentions["start"] >= claim.start)
                          & (mentions["end"] <= claim.end)]
        if len(inside):
            expected.add((claim.article_id, claim.claim_id))
    view = dossier.said_about(corpus, actor_id)
    assert claim_keys(view) == expected and len(view) == len(expected)
    grouped = dossier.said_about_by_speaker(corpus, actor_id)
    assert grouped["claims"].sum() == len(view)
    assert (grouped[["direct", "mixed", "indirect", "none"]].sum(axis=1) == grouped["claims"]).all()
    own_voice = view[view["speaker"] == dossier.OWN_VOICE]
    assert set(own_voice["claim_id"]) <= set(corpus.claims.loc[~corpus.claims["attributed"].astype(bool), "claim_id"])


def test_the_seed_actors_have_non_empty_views_where_the_tables_have_rows(corpus):
    """The done-when check: each view of each sample actor has rows exactly when its tables give it some."""
    for actor_id in SAMPLE_ACTORS:
        relations = corpus.relations
        ends = (relations["source_actor_id"] == actor_id) | (relations["target_actor_id"] == actor_id)
        signed = relations[ends & relations["source_actor_id"].notna() & relations["target_actor_id"].notna()
                           & (relations["sign"] != 0)]
        assert len(dossier.identity(corpus, actor_id)) >= 5
        assert len(dossier.appearances(corpus, actor_id)) == mentions_of(corpus, actor_id)["article_id"].nunique() > 0
        assert (len(dossier.allies_and_adversaries(corpus, actor_id)) > 0) == (len(signed) > 0), actor_id
        assert (dossier.ego_network(corpus, actor_id).number_of_nodes() > 0) == bool(ends.any()), actor_id
        assert len(dossier.balance(corpus, actor_id)) == len(dossier.appearances(corpus, actor_id)["published"].unique())
    # rows that the sample's tables do hold for these actors (the tests above check they are all there)
    assert all(len(dossier.events(corpus, a)) > 0 for a in ("popular-mobilization-forces", "isis", "iran"))
    assert len(dossier.voice(corpus, "popular-mobilization-forces")) > 0
    assert len(dossier.said_about(corpus, "isis")) > 0


# ---------------------------------------------------------------- its relations

@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_the_ego_network_is_the_actor_its_neighbours_and_the_relations_among_them(corpus, actor_id):
    from helpers import alliances

    whole = alliances.relation_graph(corpus.relations, corpus.actors, certainties=alliances.DRAWN_CERTAINTIES)
    ego = dossier.ego_network(corpus, actor_id)
    if actor_id not in whole:
        assert ego.number_of_nodes() == 0
        return
    neighbours = set(whole.predecessors(actor_id)) | set(whole.successors(actor_id))
    assert set(ego.nodes) == neighbours | {actor_id}
    expected = {(s, t, k) for s, t, k in whole.edges(keys=True) if s in ego and t in ego}
    assert set(ego.edges(keys=True)) == expected
    assert all(actor_id in (s, t) or (s in neighbours and t in neighbours) for s, t in ego.edges())


@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_allies_and_adversaries_are_its_signed_relations_with_evidence(corpus, actor_id):
    relations = corpus.relations.set_index(["article_id", "relation_id"])
    view = dossier.allies_and_adversaries(corpus, actor_id)
    rows = corpus.relations
    signed = rows[((rows["source_actor_id"] == actor_id) | (rows["target_actor_id"] == actor_id))
                  & rows["source_actor_id"].notna() & rows["target_actor_id"].notna() & (rows["sign"] != 0)
                  & (rows["source_actor_id"] != rows["target_actor_id"])]
    assert len(view) == len(signed)
    for row in view.itertuples():
        relation = relations.loc[(row.article_id, row.relation_id)]
        assert row.stance.startswith("ally" if relation["sign"] > 0 else "adversary")
        assert row.stance.endswith("(negated)") == (relation["certainty"] == "negated")
        assert row.evidence_text == relation["evidence_text"] and row.certainty == relation["certainty"]
        assert {row.actor_id, actor_id} == {relation["source_actor_id"], relation["target_actor_id"]}


@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_the_balance_counts_its_asserted_and_reported_cooperation_against_conflict(corpus, actor_id):
    view = dossier.balance(corpus, actor_id)
    table = dossier.allies_and_adversaries(corpus, actor_id)
    counted = table[table["certainty"].isin(["asserted", "reported"])]
    assert view["cooperation"].sum() == (counted["stance"] == "ally").sum()
    assert view["conflict"].sum() == (counted["stance"] == "adversary").sum()
    assert (view["balance"] == view["cooperation"] - view["conflict"]).all()
    assert view["not asserted"].sum() == table["certainty"].isin(["hypothetical", "unknown"]).sum()
    assert view["articles"].sum() == len(dossier.appearances(corpus, actor_id))
    assert list(view["published"]) == sorted(view["published"])


# ---------------------------------------------------------------- its timeline

@pytest.mark.parametrize("actor_id", SAMPLE_ACTORS)
def test_events_are_the_dated_expressions_whose_sentence_names_it(corpus, actor_id):
    view = dossier.events(corpus, actor_id)
    mentions = mentions_of(corpus, actor_id)
    timeline = corpus.timeline.set_index(["article_id", "timex_id"])
    for row in view.itertuples():
        source = timeline.loc[(row.article_id, row.timex_id)]
        assert row.value == source["value"] and (pd.notna(row.date_start) or pd.notna(row.date_end))
        body = corpus.body(row.article_id)
        assert " ".join(body[source["start"]:source["end"]].split()) in row.sentence
        assert any(" ".join(m.split()) in row.sentence for m in mentions.loc[mentions["article_id"] == row.article_id, "text"])
    # every dated expression inside a sentence (as the claims table bounds it) that names the actor is there
    claims = corpus.claims
    for key, source in timeline[timeline["date_start"].notna()].iterrows():
        article_id, _ = key
        sentence = claims[(claims["article_id"] == article_id) & (claims["sentence_start"] <= source["start"])
                          & (claims["sentence_end"] >= source["end"])]
        if sentence.empty:
            continue
        start, end = sentence["sentence_start"].max(), sentence["sentence_end"].min()
        named = mentions[(mentions["article_id"] == article_id) & (mentions["start"] >= start) & (mentions["end"] <= end)]
        assert (len(named) > 0) == (key in set(zip(view["article_id"], view["timex_id"]))), key


# ---------------------------------------------------------------- figures

def figure_texts(ax) -> dict:
    legend = ax.get_legend() or (ax.figure.legends[0] if ax.figure.legends else None)
    return {"title": ax.get_title() or " ".join(t.get_text() for t in ax.figure.texts),
            "legend": [t.get_text() for t in legend.get_texts()] if legend else [],
            "x": ax.get_xlabel(), "y": ax.get_ylabel()}


def test_the_figures_have_titles_labels_and_legends(corpus):
    import matplotlib.pyplot as plt

    name = "Popular Mobilization Forces"
    network = figure_texts(dossier.ego_network_figure(corpus, "popular-mobilization-forces"))
    assert name in network["title"] and any("conflict" in t for t in network["legend"])
    balance = figure_texts(dossier.balance_figure(corpus, "popular-mobilization-forces"))
    assert name in balance["title"] and balance["x"] and balance["y"] and len(balance["legend"]) == 3
    events = figure_texts(dossier.events_figure(corpus, "isis"))
    assert "ISIS" in events["title"] and "2 articles" in events["title"] and events["x"] == "date" and events["legend"]
    plt.close("all")


def test_an_actor_without_relations_gets_figures_that_say_so(invented):
    import matplotlib.pyplot as plt

    lonely = [a for a in invented.actors["actor_id"] if dossier.ego_network(invented, a).number_of_nodes() == 0][0]
    ax = dossier.balance_figure(invented, lonely)
    assert any("no cooperation or conflict" in t.get_text() for t in ax.texts)
    ax = dossier.ego_network_figure(invented, lonely)
    assert any("no relation" in t.get_text() for t in ax.texts)
    plt.close("all")


def test_figure_names_are_safe_file_names():
    assert dossier.figure_name("isis", "network") == "dossier-isis-network"
    assert "/" not in dossier.figure_name("../a/b", "timeline") and not dossier.figure_name("..", "x").startswith("dossier-.")


# ---------------------------------------------------------------- the notebook

def test_notebook_05_stops_on_an_unknown_actor_with_one_line(tmp_path):
    """papermill on notebook 05 with a misspelt ACTOR: it fails, and the cell's error is one line of close matches."""
    out = tmp_path / "dossier.ipynb"
    done = subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "05-actor-dossier.ipynb"), str(out),
                           "-p", "ACTOR", "Hashid al-Shabi", "-p", "ARTICLES", str(ROOT / "data" / "articles"),
                           "-p", "OUTPUT", str(tmp_path), "--cwd", str(ROOT / "notebooks"), "--no-progress-bar"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    executed = json.loads(out.read_text(encoding="utf-8"))
    errors = [o for c in executed["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
              if o["output_type"] == "error"]
    assert len(errors) == 1 and errors[0]["ename"] == "ActorNotFound"
    assert errors[0]["traceback"] == [f"ActorNotFound: {errors[0]['evalue']}"]
    assert re.search(r"close matches: .*\(popular-mobilization-forces\)", errors[0]["evalue"])
