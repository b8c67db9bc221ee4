"""The report's figures and views: the network drawn without overlaps, the chronology, escaped tables, filters."""
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import alliances, display, plots  # noqa: E402

from .conftest import shared_folder  # noqa: E402


# ---------------------------------------------------------------- a geometric check of the network figure

def network_overlaps(ax) -> list[tuple[str, str]]:
    """Pairs of things drawn over each other: two labels (actor names, bloc titles), two bloc boxes, or a label
    and the box of a bloc it does not belong to. Measured on the rendered figure, in pixels."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()

    def extent(artist):
        patch = artist.get_bbox_patch() if hasattr(artist, "get_bbox_patch") else None
        return (patch or artist).get_window_extent(renderer)

    labels = {t.get_gid(): extent(t) for t in ax.texts if (t.get_gid() or "").startswith(("node-label:", "bloc-label:"))}
    boxes = {p.get_gid(): p.get_window_extent(renderer) for p in ax.patches if (p.get_gid() or "").startswith("bloc:")}
    bloc_members = {gid: set() for gid in boxes}
    for gid, box in boxes.items():   # a label belongs to the bloc whose box holds its centre
        for label, where in labels.items():
            centre = ((where.x0 + where.x1) / 2, (where.y0 + where.y1) / 2)
            if box.x0 < centre[0] < box.x1 and box.y0 < centre[1] < box.y1:
                bloc_members[gid].add(label)
    found = []
    for (a, ea), (b, eb) in itertools.combinations(labels.items(), 2):
        if ea.overlaps(eb):
            found.append((a, b))
    for (a, ea), (b, eb) in itertools.combinations(boxes.items(), 2):
        if ea.overlaps(eb):
            found.append((a, b))
    for gid, box in boxes.items():
        for label, where in labels.items():
            if label not in bloc_members[gid] and box.overlaps(where):
                found.append((gid, label))
    return found


def corpus_network(tables: dict):
    """The corpus network as notebook 03 draws it."""
    asserted = alliances.relation_graph(tables["relations"], tables["actors"], articles=tables["articles"])
    blocs, _ = alliances.find_blocs(asserted)
    drawn = alliances.relation_graph(tables["relations"], tables["actors"], articles=tables["articles"],
                                     certainties=alliances.DRAWN_CERTAINTIES)
    return drawn, blocs


def crowded_graph() -> nx.MultiDiGraph:
    """Invented actors with long names: a bloc of twelve around one hub, pairs, and lone actors in a chain."""
    graph = nx.MultiDiGraph()
    def add(a, b, relation, sign):
        for node in (a, b):
            graph.add_node(node, name=f"The Very Long Name of Party {node} and Its Allies", kind="armed_group")
        graph.add_edge(a, b, key=relation, relation=relation, sign=sign, certainty="asserted", weight=1)
    for i in range(1, 12):
        add("hub", f"m{i}", "supports", 1)
    for i in range(6):
        add(f"p{i}a", f"p{i}b", "allied_with", 1)
        add(f"p{i}a", "hub", "fights", -1)
    for i in range(8):
        add(f"lone{i}", f"lone{i + 1}", "fights", -1)
    return graph


def test_a_crowded_network_has_no_overlapping_labels_or_boxes():
    graph = crowded_graph()
    blocs, _ = alliances.find_blocs(graph)
    assert blocs["bloc"].value_counts().max() >= 12     # the hub and its eleven
    ax = plots.network(graph, blocs)
    assert len([t for t in ax.texts if (t.get_gid() or "").startswith("node-label:")]) == graph.number_of_nodes()
    assert network_overlaps(ax) == []
    plt.close(ax.figure)


def test_the_overlap_check_sees_an_overlap():
    """The check itself can fail: two labels drawn at one place are caught."""
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "Party A", gid="node-label:a", bbox={"facecolor": "white"})
    ax.text(0.5, 0.5, "Party B", gid="node-label:b", bbox={"facecolor": "white"})
    assert network_overlaps(ax) == [("node-label:a", "node-label:b")]
    plt.close(fig)


def test_the_legend_names_the_relations_the_graph_holds():
    graph = crowded_graph()
    labels = [h.get_label() for h in plots._network_legend(graph)]
    assert "cooperation: allied with, supports" in labels and "conflict: fights" in labels
    assert not any("criticizes" in label for label in labels)   # none in this graph


def test_a_name_with_dollar_signs_is_drawn_as_written():
    graph = nx.MultiDiGraph()
    graph.add_node("a", name="The $5 Fund and $6 Trust", kind="organization")
    graph.add_node("b", name="B", kind="state")
    graph.add_edge("a", "b", key="supports", relation="supports", sign=1, certainty="asserted", weight=1)
    ax = plots.network(graph, None)
    label = next(t for t in ax.texts if t.get_gid() == "node-label:a")
    ax.figure.canvas.draw()   # mathematics would have been typeset from "$5 Fund and $"
    assert label.get_text() == r"The \$5 Fund and \$6 Trust"
    plt.close(ax.figure)


@pytest.fixture(scope="module")
def reader_tables():
    from helpers import load_corpus

    corpus = load_corpus(shared_folder("corpora", "reader", "articles"), progress=False)
    return corpus.tables


def test_the_reader_corpus_network_has_no_overlapping_labels(reader_tables):
    drawn, blocs = corpus_network(reader_tables)
    assert drawn.number_of_nodes() > 40
    ax = plots.network(drawn, blocs)
    assert network_overlaps(ax) == []
    plt.close(ax.figure)


def test_each_reader_article_network_is_small_and_has_no_overlaps(reader_tables):
    for article_id in reader_tables["articles"]["article_id"]:
        one = {name: (t[t["article_id"] == article_id] if name not in ("actors",) else t) for name, t in reader_tables.items()}
        drawn, blocs = corpus_network(one)
        ax = plots.network(drawn, blocs)
        width, height = ax.figure.get_size_inches()
        assert width <= 16 and height <= 12, (article_id, width, height)
        assert network_overlaps(ax) == [], article_id
        plt.close(ax.figure)


# ---------------------------------------------------------------- edges, filters

RELATIONS = pd.DataFrame([
    {"article_id": "old", "source_actor_id": "x", "target_actor_id": "y", "relation": "fights", "sign": -1,
     "certainty": "asserted"},
    {"article_id": "new", "source_actor_id": "x", "target_actor_id": "y", "relation": "fights", "sign": -1,
     "certainty": "reported"},
    {"article_id": "new", "source_actor_id": "y", "target_actor_id": "z", "relation": "supports", "sign": 1,
     "certainty": "hypothetical"},
    {"article_id": "undated", "source_actor_id": "z", "target_actor_id": "x", "relation": "praises", "sign": 1,
     "certainty": "asserted"},
])
ARTICLES = pd.DataFrame({"article_id": ["old", "new", "undated"], "published": ["2019-12-18", "2025-03-11", None]})


def test_each_edge_names_its_articles_and_their_dates():
    graph = alliances.relation_graph(RELATIONS, None, articles=ARTICLES)
    edge = graph.edges["x", "y", "fights"]
    assert edge["articles"] == ["old", "new"] and edge["dates"] == ["2019-12-18", "2025-03-11"]
    table = alliances.edge_table(graph)
    row = table[table["relation"] == "fights"].iloc[0]
    assert row["articles"] == "old; new" and row["dates"] == "2019-12-18; 2025-03-11"


def test_relations_are_filtered_by_publication_date_and_certainty():
    kept = alliances.filter_relations(RELATIONS, ARTICLES, published_from="2020-01-01")
    assert list(kept["article_id"]) == ["new", "new"]        # the undated article cannot be said to be in range
    kept = alliances.filter_relations(RELATIONS, ARTICLES, published_to="2019-12-18")
    assert list(kept["article_id"]) == ["old"]               # both ends are kept
    kept = alliances.filter_relations(RELATIONS, ARTICLES, certainties="asserted, reported")
    assert list(kept["certainty"]) == ["asserted", "reported", "asserted"]
    assert len(alliances.filter_relations(RELATIONS, ARTICLES)) == 4
    assert alliances.published_span(kept, ARTICLES) == "2019-12-18 to 2025-03-11"
    with pytest.raises(ValueError, match="not a date"):
        alliances.filter_relations(RELATIONS, ARTICLES, published_from="last May")
    with pytest.raises(ValueError, match="unknown certainty"):
        alliances.certainty_list("asserted, rumoured")


# ---------------------------------------------------------------- the chronology

def test_the_chronology_puts_each_dated_article_on_its_row_and_far_events_at_the_edge():
    articles = pd.DataFrame({"article_id": ["b", "a", "c"], "title": ["Second story", "First story", "No date"],
                             "published": ["2025-03-11", "2019-12-18", None]})
    timeline = pd.DataFrame({
        "article_id": ["a", "a", "b", "b"], "type": ["DATE", "DATE", "DURATION", "DATE"],
        "date_start": ["2019-12-17", "1950-01-01", "2025-03-01", "2025-03-09"],
        "date_end": ["2019-12-17", "1950-12-31", "2025-03-07", "2025-03-09"],
        "event_status": ["happened", "happened", "happened", "planned"], "start": [0, 10, 0, 5]})
    ax = plots.chronology(articles, timeline)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["2019-12-18 · First story", "2025-03-11 · Second story"]
    left, right = ax.get_xlim()
    arrows = [line for line in ax.lines if line.get_marker() == "<"]
    assert len(arrows) == 1 and arrows[0].get_ydata()[0] == 0     # the 1950s, at the edge of the first row
    points = [line for line in ax.lines if line.get_marker() in ("o", "D")]
    assert len(points) == 2           # two days; the duration is no date and stays out
    assert [t.get_text() for t in ax.texts] == ["no publication date, not shown: c"]
    plt.close(ax.figure)


# ---------------------------------------------------------------- tables

HOSTILE = "</script><script>alert(1)</script> <!-- \" ' & <b>bold</b>"


def test_a_table_shows_every_row_escaped():
    frame = pd.DataFrame({"name": [f"Party {i}" for i in range(250)] + [HOSTILE],
                          "n": list(range(250)) + [None]})
    html = display.table(frame).html()
    assert html.count("<tr>") == 252                # the header and every row, none cut
    assert "<script>" not in html and "<!--" not in html and "<b>" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- &quot; &#x27; &amp; &lt;b&gt;" in html
    assert 'class="cn-number">249<' in html         # numbers as numbers, for sorting


def test_only_web_addresses_become_links():
    frame = pd.DataFrame({"url": ["https://example.org/a?b=1&c=\"2\"", "javascript:alert(1)", "data:text/html,x",
                                  "//example.org", "http:/broken"]})
    html = display.table(frame).html()
    assert html.count("<a ") == 1
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in html and 'rel="noopener noreferrer"' in html
    assert "javascript:alert(1)" in html and 'href="javascript' not in html


def test_claims_in_context_keeps_every_claim_and_escapes_it():
    body = 'Officials said "<script>x()</script> we hold it." A second claim, he said.'
    claims = pd.DataFrame([
        {"article_id": "a", "claim_id": f"c{i}", "start": 15, "end": 48, "speaker_start": 0, "speaker_end": 9,
         "speaker_text": "Officials", "cue_start": 10, "cue_end": 14, "quote_type": "direct", "channel": None,
         "via_actor_id": None, "attributed": True} for i in range(60)])
    html = display.claims_in_context(claims, {"a": body}).html()
    assert html.count("<tr>") == 61 and "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>" not in html
    assert '<sub style="font-size:65%;color:#444"> speaker</sub>' in html
