"""The alliance network: relation rows as a signed actor graph, the blocs it splits into, and GraphML.

``relation_graph`` aggregates the rows of ``helpers.relations.extract_relations``
for an article or a whole corpus into a signed actor graph (edges weighted by
evidence, with sign, certainty and the evidence sentences); ``find_blocs``
splits its actors into blocs that leave as few relations as possible frustrated
(structural balance: exact on small groups, local search on large ones) and
lists each actor's allies and adversaries; ``write_graphml`` exports the graph
for Gephi.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

import networkx as nx
import pandas as pd

from .relations import CERTAINTY_RANK, STRUCTURAL
from .tables import write_atomic

EXACT_BLOC_LIMIT = 10          # actors per connected group solved exactly; larger ones by local search
DRAWN_CERTAINTIES = tuple(c for c in CERTAINTY_RANK if c != "negated")   # drawn (dashed unless asserted or reported)


# ---------------------------------------------------------------- the signed graph

def relation_graph(relations: pd.DataFrame, actors: pd.DataFrame | None = None,
                   certainties=("asserted", "reported"), articles: pd.DataFrame | None = None) -> nx.MultiDiGraph:
    """An actor-level signed graph from relation rows (one article or a whole corpus).

    One edge per (source, target, relation), keyed by the relation, with
    ``relation``, ``sign``, ``weight`` (the number of evidence rows),
    ``certainty`` (the most certain one seen), ``n_<certainty>`` counts,
    ``quad_class``, ``evidence`` (the distinct evidence sentences),
    ``articles`` and ``dates`` (the publication dates of those articles, from
    the ``articles`` table when given). Only rows whose certainty is in
    ``certainties`` count.
    Nodes carry ``name`` and ``kind`` (and ``n_mentions``) from the actors table.
    Rows with an end that is no actor (a weapon, a site, an unresolved "we") are
    left out, and so are ties to places other than control of them (``controls``, which
    GraphML exports with its ``relation`` attribute like every other edge).
    """
    graph = nx.MultiDiGraph()
    if relations is None or len(relations) == 0 or not {"source_actor_id", "target_actor_id", "relation"} <= set(relations.columns):
        return graph
    wanted = set(certainties)
    info = _actor_info(actors)
    published = _published_dates(articles)
    for row in relations.to_dict("records"):
        certainty = _clean(row.get("certainty")) or "asserted"
        source, target, relation = _clean(row.get("source_actor_id")), _clean(row.get("target_actor_id")), _clean(row.get("relation"))
        if certainty not in wanted or not source or not target or not relation or source == target:
            continue
        if relation != "controls" and "place" in (_clean(row.get("source_kind")), _clean(row.get("target_kind"))):
            continue   # "the regime shelled Aleppo": a place is where a party acts, not a party (control of it is kept)
        for node in (source, target):
            if node not in graph:
                graph.add_node(node, **info.get(node, {"name": node, "kind": ""}))
        if not graph.has_edge(source, target, key=relation):
            graph.add_edge(source, target, key=relation, relation=relation, sign=_as_int(row.get("sign")),
                           weight=0, certainty=certainty, quad_class=_as_int(row.get("quad_class")),
                           evidence=[], articles=[], dates=[], **{f"n_{c}": 0 for c in CERTAINTY_RANK})
        edge = graph.edges[source, target, relation]
        edge["weight"] += 1
        edge[f"n_{certainty}"] = edge.get(f"n_{certainty}", 0) + 1
        if CERTAINTY_RANK.get(certainty, 9) < CERTAINTY_RANK.get(edge["certainty"], 9):
            edge["certainty"] = certainty
        evidence = _clean(row.get("evidence_text"))
        if evidence and evidence not in edge["evidence"]:
            edge["evidence"].append(evidence)
        article = _clean(row.get("article_id"))
        if article and article not in edge["articles"]:
            edge["articles"].append(article)
            if published.get(article) and published[article] not in edge["dates"]:
                edge["dates"] = sorted(edge["dates"] + [published[article]])
    return graph


def edge_table(graph) -> pd.DataFrame:
    """One row per edge of the network: who, the relation, how sure, how often, and the articles and dates saying it."""
    rows = []
    for source, target, data in graph.edges(data=True):
        rows.append({"source": graph.nodes[source].get("name", source), "relation": data.get("relation"),
                     "target": graph.nodes[target].get("name", target), "certainty": data.get("certainty"),
                     "evidence": data.get("weight"), "articles": "; ".join(data.get("articles", [])),
                     "dates": "; ".join(data.get("dates", []))})
    columns = ["source", "relation", "target", "certainty", "evidence", "articles", "dates"]
    return pd.DataFrame(rows, columns=columns).sort_values(["dates", "source", "target"]).reset_index(drop=True)


def published_span(relations: pd.DataFrame, articles: pd.DataFrame | None) -> str:
    """The publication dates of the articles the relation rows come from, in words ("2019-12-18 to 2025-03-14")."""
    published = _published_dates(articles)
    dates = sorted({published[a] for a in relations["article_id"] if a in published}) if len(relations) else []
    if not dates:
        return "no dated article"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def filter_relations(relations: pd.DataFrame, articles: pd.DataFrame | None = None, certainties=None,
                     published_from: str | None = None, published_to: str | None = None) -> pd.DataFrame:
    """The relation rows of some certainties, from articles published in a date range (ISO dates, both ends kept).

    An empty or None bound is open. With a bound, rows of articles without a
    publication date are left out: nobody can say they fall in the range.
    """
    rows = relations
    if certainties:
        rows = rows[rows["certainty"].isin(certainty_list(certainties))]
    if published_from or published_to:
        dates = rows["article_id"].map(_published_dates(articles))
        keep = dates.notna() & (dates != "")
        if published_from:
            keep &= dates.fillna("") >= _iso_date(published_from)
        if published_to:
            keep &= dates.fillna("") <= _iso_date(published_to)
        rows = rows[keep.astype(bool)]
    return rows


def certainty_list(value) -> list[str]:
    """Certainties from a parameter: "asserted, reported" or a list; each one must be known."""
    names = [c.strip() for c in value.split(",")] if isinstance(value, str) else [str(c).strip() for c in value]
    names = [c for c in names if c]
    unknown = [c for c in names if c not in CERTAINTY_RANK]
    if unknown:
        raise ValueError(f"unknown certainty {', '.join(unknown)}: the certainties are {', '.join(CERTAINTY_RANK)}")
    return names


def _published_dates(articles) -> dict:
    """article_id -> its publication date (ISO), for the articles that have one."""
    if articles is None or len(articles) == 0 or "published" not in articles.columns:
        return {}
    return {str(a): str(d) for a, d in zip(articles["article_id"], articles["published"]) if _clean(d)}


def _iso_date(value) -> str:
    """A date bound as YYYY-MM-DD, or ValueError naming what was given."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _actor_info(actors) -> dict:
    if actors is None or len(actors) == 0 or "actor_id" not in actors.columns:
        return {}
    info = {}
    for row in actors.to_dict("records"):
        actor_id = _clean(row.get("actor_id"))
        if actor_id:
            info[actor_id] = {"name": _clean(row.get("name")) or actor_id, "kind": _clean(row.get("kind")),
                              "n_mentions": _as_int(row.get("n_mentions")) or 0}
    return info


def _clean(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _as_int(value):
    try:
        return None if value is None or pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- blocs

def find_blocs(graph, exact_limit: int = EXACT_BLOC_LIMIT) -> tuple[pd.DataFrame, list[dict]]:
    """Split the graph's actors into blocs that leave the fewest relations frustrated.

    A positive tie (supports, allied_with, praises, and also member_of/leads,
    which put an actor on its group's side) is frustrated when it joins two
    blocs; a negative one (fights, criticizes) when it lies inside a bloc.
    ``controls`` (an actor holding a place) is no tie: it puts nobody on a side. Each
    pair of actors counts once, with the net sign of its evidence-weighted
    relations. Each connected group of actors is solved on its own: exactly (a
    branch-and-bound search over all partitions) up to ``exact_limit`` actors,
    else by local search: start from the groups joined by positive ties, then
    move single actors to the bloc (or a new one) that lowers frustration until
    no move does. Among equally good partitions the one with most blocs wins,
    so actors with no positive tie are not lumped together.

    Returns a DataFrame (actor_id, name, bloc, allies, adversaries: allies and
    adversaries are the actors with a net positive or negative tie, joined by
    ";") and the list of frustrated ties as dicts (source, target, sign,
    weight, relations, bloc_source, bloc_target).
    """
    columns = ["actor_id", "name", "bloc", "allies", "adversaries"]
    ties = signed_ties(graph)
    nodes = sorted(graph.nodes) if graph is not None else []
    if not nodes:
        return pd.DataFrame(columns=columns), []
    bloc_of, next_bloc = {}, 0
    for component in _components(nodes, ties):
        if len(component) <= exact_limit:
            assignment = _exact_partition(component, ties)
        else:
            assignment = _local_search_partition(component, ties)
        for node, bloc in assignment.items():
            bloc_of[node] = next_bloc + bloc
        next_bloc += max(assignment.values()) + 1
    bloc_of = _renumber_by_size(bloc_of)
    rows = []
    for node in nodes:
        allies = sorted(other for (a, b), (value, _) in ties.items() if node in (a, b) and value > 0 for other in (a, b) if other != node)
        adversaries = sorted(other for (a, b), (value, _) in ties.items() if node in (a, b) and value < 0 for other in (a, b) if other != node)
        rows.append({"actor_id": node, "name": graph.nodes[node].get("name", node), "bloc": bloc_of[node],
                     "allies": ";".join(allies), "adversaries": ";".join(adversaries)})
    blocs = pd.DataFrame(rows, columns=columns).sort_values(["bloc", "actor_id"]).reset_index(drop=True)
    return blocs, frustrated_ties(ties, bloc_of)


def signed_ties(graph) -> dict[tuple[str, str], tuple[float, list[str]]]:
    """Each unordered pair of actors -> (net evidence-weighted sign, the relations between them)."""
    ties: dict = {}
    if graph is None:
        return ties
    for source, target, data in graph.edges(data=True):
        if source == target:
            continue
        sign = data.get("sign")
        sign = 1 if data.get("relation") in STRUCTURAL else (sign or 0)
        if not sign:
            continue
        pair = tuple(sorted((source, target)))
        value, relations = ties.get(pair, (0.0, []))
        ties[pair] = (value + sign * float(data.get("weight", 1) or 1), relations + [str(data.get("relation", ""))])
    return {pair: tie for pair, tie in ties.items() if tie[0] != 0}


def frustration(assignment: dict, ties: dict) -> float:
    """Total weight of positive ties across blocs plus negative ties within a bloc."""
    total = 0.0
    for (a, b), (value, _) in ties.items():
        if a in assignment and b in assignment:
            same = assignment[a] == assignment[b]
            if (value > 0 and not same) or (value < 0 and same):
                total += abs(value)
    return total


def frustrated_ties(ties: dict, bloc_of: dict) -> list[dict]:
    """The ties a partition leaves frustrated, heaviest first."""
    found = []
    for (a, b), (value, relations) in ties.items():
        same = bloc_of.get(a) == bloc_of.get(b)
        if (value > 0 and not same) or (value < 0 and same):
            found.append({"source": a, "target": b, "sign": 1 if value > 0 else -1, "weight": abs(value),
                          "relations": ";".join(sorted(set(relations))),
                          "bloc_source": bloc_of.get(a), "bloc_target": bloc_of.get(b)})
    return sorted(found, key=lambda t: (-t["weight"], t["source"], t["target"]))


def _components(nodes, ties) -> list[list[str]]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(ties)
    return [sorted(c) for c in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))]


def _exact_partition(nodes: list[str], ties: dict) -> dict[str, int]:
    """The partition of the fewest frustrated ties (most blocs on a tie), by branch and bound."""
    neighbours = defaultdict(list)
    for (a, b), (value, _) in ties.items():
        neighbours[a].append((b, value))
        neighbours[b].append((a, value))
    order = sorted(nodes, key=lambda n: -len(neighbours[n]))
    position = {n: i for i, n in enumerate(order)}
    best = {"cost": math.inf, "blocs": 0, "assignment": {n: i for i, n in enumerate(order)}}
    assignment: dict[str, int] = {}

    def added_cost(node, bloc):
        cost = 0.0
        for other, value in neighbours[node]:
            if other in assignment and position[other] < position[node]:
                same = assignment[other] == bloc
                if (value > 0 and not same) or (value < 0 and same):
                    cost += abs(value)
        return cost

    def search(i, cost, n_blocs):
        if cost > best["cost"]:
            return
        if i == len(order):
            if cost < best["cost"] or n_blocs > best["blocs"]:
                best.update(cost=cost, blocs=n_blocs, assignment=dict(assignment))
            return
        node = order[i]
        for bloc in range(n_blocs + 1):     # an existing bloc or a new one: every set partition once
            assignment[node] = bloc
            search(i + 1, cost + added_cost(node, bloc), max(n_blocs, bloc + 1))
        del assignment[node]

    search(0, 0.0, 0)
    return best["assignment"]


def _local_search_partition(nodes: list[str], ties: dict) -> dict[str, int]:
    """A good partition of a large group: positive-tie groups, then single-actor moves while they help."""
    positive = nx.Graph()
    positive.add_nodes_from(nodes)
    positive.add_edges_from(pair for pair, (value, _) in ties.items() if value > 0)
    assignment = {}
    for bloc, component in enumerate(sorted(nx.connected_components(positive), key=lambda c: (-len(c), min(c)))):
        for node in component:
            assignment[node] = bloc
    neighbours = defaultdict(list)
    for (a, b), (value, _) in ties.items():
        neighbours[a].append((b, value))
        neighbours[b].append((a, value))

    def node_cost(node, bloc):
        cost = 0.0
        for other, value in neighbours[node]:
            same = assignment[other] == bloc
            if (value > 0 and not same) or (value < 0 and same):
                cost += abs(value)
        return cost

    for _ in range(50):
        moved = False
        for node in sorted(nodes):
            current = node_cost(node, assignment[node])
            options = sorted(set(assignment.values())) + [max(assignment.values()) + 1]
            best_bloc = min(options, key=lambda b: (node_cost(node, b), b != assignment[node]))
            if node_cost(node, best_bloc) < current - 1e-9:
                assignment[node] = best_bloc
                moved = True
        if not moved:
            break
    return _renumber_by_size(assignment, start=0)


def _renumber_by_size(bloc_of: dict, start: int = 1) -> dict:
    """Blocs numbered from the largest (ties broken by their first actor), starting at ``start``."""
    members = defaultdict(list)
    for node, bloc in bloc_of.items():
        members[bloc].append(node)
    order = sorted(members, key=lambda b: (-len(members[b]), min(members[b])))
    number = {bloc: i + start for i, bloc in enumerate(order)}
    return {node: number[bloc] for node, bloc in bloc_of.items()}


# ---------------------------------------------------------------- GraphML

def write_graphml(graph, path) -> None:
    """Write the graph as GraphML for Gephi: every attribute a string, int or float; written atomically."""
    plain = nx.MultiDiGraph() if graph.is_multigraph() else nx.DiGraph()
    for node, data in graph.nodes(data=True):
        plain.add_node(_xml_text(node), **_plain_attributes(data))
    if graph.is_multigraph():
        for source, target, key, data in graph.edges(keys=True, data=True):
            plain.add_edge(_xml_text(source), _xml_text(target), key=_xml_text(key), **_plain_attributes(data))
    else:
        for source, target, data in graph.edges(data=True):
            plain.add_edge(_xml_text(source), _xml_text(target), **_plain_attributes(data))
    plain.graph.update(_plain_attributes(graph.graph))
    write_atomic(path, lambda tmp: nx.write_graphml(plain, tmp))


def _plain_attributes(data: dict) -> dict:
    """Attributes Gephi can read: lists joined by newlines, booleans as 0/1, missing values dropped."""
    plain = {}
    for key, value in data.items():
        if isinstance(value, (list, tuple, set)):
            value = "\n".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = int(value)
        elif value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            continue
        elif hasattr(value, "item") and not isinstance(value, (str, bytes)):
            value = value.item()       # numpy scalars
        if not isinstance(value, (int, float)):
            value = _xml_text(value)
        plain[_xml_text(key)] = value
    return plain


# What XML 1.0 cannot hold, even escaped: most C0 controls, lone surrogates (undecodable file names), U+FFFE/F.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value) -> str:
    """Text that GraphML can carry: characters XML cannot hold are written as \\x1b, \\udcff."""
    return NOT_XML.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), str(value))
