"""The signed actor graph, its blocs and GraphML (helpers/alliances.py)."""
import itertools
import random

import networkx as nx
import pandas as pd
import pytest

from helpers import alliances
from helpers.actors import find_mentions
from helpers.articles import load_article
from helpers.claims import extract_claims
from helpers.pipeline import get_pipeline
from helpers.relations import extract_relations

from .conftest import SEED
from .test_relations import IRAN, ISIS, PMF, SDF, US


@pytest.fixture(scope="module")
def seed():
    """The first article, parsed, with its mentions and relation rows."""
    pipeline = get_pipeline()
    article = load_article(SEED)
    doc = pipeline.nlp(article.body)
    mentions = find_mentions(doc, pipeline.dictionary)
    return article, doc, mentions, extract_relations(doc, article.article_id, mentions, extract_claims(doc, article.article_id))


# ---------------------------------------------------------------- graph and blocs

def test_seed_blocs_put_isis_apart(seed):
    article, doc, mentions, rows = seed
    graph = alliances.relation_graph(pd.DataFrame(rows), None)
    blocs, frustrated = alliances.find_blocs(graph)
    bloc = blocs.set_index("actor_id")["bloc"]
    assert bloc[ISIS] != bloc[PMF] and bloc[ISIS] != bloc[SDF]
    assert bloc[IRAN] == bloc[PMF] and bloc[US] == bloc[SDF]
    assert frustrated == []
    row = blocs.set_index("actor_id").loc[PMF]
    assert IRAN in row["allies"].split(";") and ISIS in row["adversaries"].split(";")


def test_relation_graph_aggregates_evidence():
    rows = pd.DataFrame([
        {"article_id": "a", "source_actor_id": "x", "target_actor_id": "y", "relation": "supports", "sign": 1,
         "certainty": "reported", "quad_class": 2, "evidence_text": "X backs Y."},
        {"article_id": "b", "source_actor_id": "x", "target_actor_id": "y", "relation": "supports", "sign": 1,
         "certainty": "asserted", "quad_class": 2, "evidence_text": "X arms Y."},
        {"article_id": "b", "source_actor_id": "x", "target_actor_id": "y", "relation": "supports", "sign": 1,
         "certainty": "negated", "quad_class": 2, "evidence_text": "X does not fund Y."},
        {"article_id": "b", "source_actor_id": "y", "target_actor_id": "z", "relation": "fights", "sign": -1,
         "certainty": "asserted", "quad_class": 4, "evidence_text": "Y attacks Z."},
    ])
    actors = pd.DataFrame([{"actor_id": "x", "name": "Ex", "kind": "state", "n_mentions": 3}])
    graph = alliances.relation_graph(rows, actors)
    edge = graph.edges["x", "y", "supports"]
    assert edge["weight"] == 2 and edge["sign"] == 1 and edge["certainty"] == "asserted"
    assert edge["evidence"] == ["X backs Y.", "X arms Y."] and edge["articles"] == ["a", "b"]
    assert graph.nodes["x"]["name"] == "Ex" and graph.nodes["y"]["name"] == "y"
    assert alliances.relation_graph(rows, actors, certainties=("negated",)).edges["x", "y", "supports"]["weight"] == 1
    assert alliances.relation_graph(pd.DataFrame(), None).number_of_nodes() == 0


def signed_graph(edges):
    graph = nx.MultiDiGraph()
    for source, target, sign in edges:
        relation = "supports" if sign > 0 else "fights"
        graph.add_edge(source, target, key=relation, relation=relation, sign=sign, weight=1)
    return graph


def all_partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in all_partitions(rest):
        for i in range(len(partition)):
            yield partition[:i] + [[first] + partition[i]] + partition[i + 1:]
        yield [[first]] + partition


def brute_force_frustration(graph):
    ties = alliances.signed_ties(graph)
    nodes = sorted(graph.nodes)
    best = float("inf")
    for partition in all_partitions(nodes):
        assignment = {n: b for b, block in enumerate(partition) for n in block}
        best = min(best, alliances.frustration(assignment, ties))
    return best


def frustration_of(blocs, graph):
    return alliances.frustration(dict(zip(blocs["actor_id"], blocs["bloc"])), alliances.signed_ties(graph))


def test_balanced_camps_are_found():
    graph = signed_graph([("a", "b", 1), ("b", "c", 1), ("d", "e", 1), ("a", "d", -1), ("c", "e", -1), ("f", "a", -1)])
    blocs, frustrated = alliances.find_blocs(graph)
    bloc = blocs.set_index("actor_id")["bloc"]
    assert frustrated == []
    assert bloc["a"] == bloc["b"] == bloc["c"] and bloc["d"] == bloc["e"] and bloc["a"] != bloc["d"]
    assert bloc["f"] not in (bloc["a"], bloc["d"])      # no positive tie: not lumped into a camp


def test_frustrated_triangle():
    graph = signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])
    blocs, frustrated = alliances.find_blocs(graph)
    assert len(frustrated) == 1 and frustration_of(blocs, graph) == 1


@pytest.mark.parametrize("seed_number", range(12))
def test_exact_blocs_match_brute_force_and_heuristic_is_no_better(seed_number):
    rng = random.Random(seed_number)
    nodes = [f"n{i}" for i in range(rng.randint(4, 7))]
    edges = [(a, b, rng.choice((1, -1))) for a, b in itertools.combinations(nodes, 2) if rng.random() < 0.5]
    graph = signed_graph(edges)
    graph.add_nodes_from(nodes)
    exact, _ = alliances.find_blocs(graph)
    heuristic, _ = alliances.find_blocs(graph, exact_limit=0)
    best = brute_force_frustration(graph)
    assert frustration_of(exact, graph) == best
    assert frustration_of(heuristic, graph) >= best


def test_heuristic_on_a_large_balanced_graph():
    rng = random.Random(7)
    camp = {f"n{i}": i % 3 for i in range(30)}
    edges = [(a, b, 1 if camp[a] == camp[b] else -1)
             for a, b in itertools.combinations(sorted(camp), 2) if rng.random() < 0.3]
    graph = signed_graph(edges)
    blocs, frustrated = alliances.find_blocs(graph)          # 30 actors: above the exact limit
    assert frustrated == [] and frustration_of(blocs, graph) == 0


def test_blocs_of_an_empty_graph():
    blocs, frustrated = alliances.find_blocs(nx.MultiDiGraph())
    assert list(blocs.columns) == ["actor_id", "name", "bloc", "allies", "adversaries"] and blocs.empty and frustrated == []


def test_graphml_round_trip(seed, tmp_path):
    _, _, _, rows = seed
    actors = pd.DataFrame([{"actor_id": PMF, "name": "Popular Mobilization Forces", "kind": "armed_group", "n_mentions": 7}])
    graph = alliances.relation_graph(pd.DataFrame(rows), actors, certainties=("asserted", "reported", "hypothetical"))
    path = tmp_path / "graphs" / "seed.graphml"
    alliances.write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[PMF]["name"] == "Popular Mobilization Forces" and back.nodes[PMF]["n_mentions"] == 7
    for _, _, data in back.edges(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())
    edge = next(d for s, t, d in back.edges(data=True) if (s, t) == (IRAN, PMF))
    assert edge["relation"] == "supports" and edge["sign"] == 1 and edge["weight"] >= 1
    assert "backed by Iran" in edge["evidence"]
    assert not list(path.parent.glob(".*.tmp"))


# sentences written for the membership rules added with the relation benchmark at 0.373 (none taken from a corpus)
