"""One actor's dossier across a corpus: who it is, its voice, what others say about it, its relations, its timeline.

    from helpers import dossier, load_corpus
    corpus = load_corpus("data/articles")
    actor = dossier.resolve(corpus.actors, "Hashid al-Shaabi")     # -> "popular-mobilization-forces"
    dossier.voice(corpus, actor)                                   # its claims and its members'

Every view is read from the six tables only (and the article bodies, for the
sentences shown in context): one function per view, each returning a
DataFrame or a figure's axes. The tables' own limits carry over: an actor is
only as whole as the actor table joins its names, and a relation only as right
as the relations table.

How the views tie rows to the actor:

- **its voice**: claims whose speaker is the actor, or one of the actors that
  speak for it: those the actor table gives it as their ``affiliation``, and
  those a ``member_of`` or ``leads`` relation (asserted or reported) ties to it;
- **what others say about it**: the other claims whose content holds a mention
  of it (a pronoun resolved to it counts);
- **its relations**: relation rows with the actor at one end and an actor at
  the other (places only when it holds them, as in the network of notebook 03);
- **its timeline**: dated expressions whose sentence mentions it. A sentence
  names who takes part in its events more often than not, but not always.
"""
from __future__ import annotations

import difflib
import re

import networkx as nx
import pandas as pd

from . import alliances, display, plots
from .actors import name_key
from .sources import OWN_VOICE, speaker_label

COUNTED = ("asserted", "reported")       # the certainties the balance over time counts
UNDATED = "date not known"


class ActorNotFound(LookupError):
    """A name that no actor of the corpus has, or that several have; the message lists close matches.

    In a notebook it shows as its one line, without a traceback.
    """

    def _render_traceback_(self):
        return [f"ActorNotFound: {self}"]


# ---------------------------------------------------------------- which actor

def resolve(actors: pd.DataFrame, name: str) -> str:
    """The actor id for an actor id or any of the names the articles used for it (case and accents aside).

    When several actors were called so, the one whose canonical name it is wins. Raises ActorNotFound, in one line listing close matches, when no actor has
    that name or when several do.
    """
    wanted = str(name or "").strip()
    if not wanted:
        raise ActorNotFound("no actor given: set ACTOR to an actor id or one of its names")
    ids = [str(a) for a in actors["actor_id"]]
    if wanted in ids:
        return wanted
    key = name_key(wanted)
    owners: dict[str, list[str]] = {}
    for row in actors.itertuples():
        for alias in _names_of(row):
            owners.setdefault(name_key(alias), [])
            if row.actor_id not in owners[name_key(alias)]:
                owners[name_key(alias)].append(row.actor_id)
    found = owners.get(key, []) if key else []
    label = dict(zip(actors["actor_id"], actors["name"]))
    canonical = [a for a in found if isinstance(label[a], str) and name_key(label[a]) == key]
    if len(found) == 1 or len(canonical) == 1:     # a name that is one actor's own beats an alias of others
        return (canonical or found)[0]
    if found:
        choices = ", ".join(f"{label[a]} ({a})" for a in found)
        raise ActorNotFound(f"{wanted!r} names {len(found)} actors: {choices}; set ACTOR to one of these ids")
    raise ActorNotFound(f"no actor is called {wanted!r}; " + _close_matches(wanted, actors))


def _names_of(row) -> list[str]:
    aliases = [a for a in str(row.aliases if isinstance(row.aliases, str) else "").split(";") if a.strip()]
    return [n for n in (row.name, row.actor_id, *aliases) if isinstance(n, str) and n.strip()]


def _close_matches(wanted: str, actors: pd.DataFrame, n: int = 5) -> str:
    """'close matches: ...' from the actors' names, aliases and ids, best first; or where to look."""
    choices: dict[str, str] = {}     # folded name -> the actor it names
    for row in actors.itertuples():
        for alias in _names_of(row):
            choices.setdefault(alias.lower(), row.actor_id)
    label = dict(zip(actors["actor_id"], actors["name"]))
    close = difflib.get_close_matches(wanted.lower(), list(choices), n=20, cutoff=0.6)
    close += [c for c in choices if len(wanted) >= 3 and wanted.lower() in c and c not in close]
    matched = list(dict.fromkeys(choices[c] for c in close))[:n]
    if not matched:
        return "no close match; the actors table (notebook 01) lists every actor and its names"
    return "close matches: " + ", ".join(f"{label[a]} ({a})" for a in matched)


def most_mentioned(actors: pd.DataFrame, n: int = 5) -> list[str]:
    """The ids of the n most mentioned actors that are parties (places are where things happen, not who)."""
    parties = actors[actors["kind"].fillna("") != "place"]
    return list(parties.sort_values(["n_mentions", "actor_id"], ascending=[False, True])["actor_id"].head(n))


# ---------------------------------------------------------------- who it is

def identity(corpus, actor_id: str) -> pd.DataFrame:
    """Its names, kind and role: one row per field of the actor table that it fills, in words."""
    row = _actor_row(corpus, actor_id)
    names = _names(corpus)
    aliases = [a for a in str(row.get("aliases") or "").split(";") if a.strip()]
    affiliation = _text(row.get("affiliation"))
    fields = [("name", row.get("name")), ("actor id", actor_id), ("kind", _text(row.get("kind")).replace("_", " ")),
              ("names in the articles", "; ".join(aliases)),
              ("description", row.get("description")), ("country", row.get("country")),
              ("belongs or answers to", f"{names.get(affiliation, affiliation)} ({affiliation})" if affiliation else ""),
              ("mentions", row.get("n_mentions")),
              ("articles", len([a for a in str(row.get("articles") or "").split(";") if a]))]
    rows = [(f, display.cell_text(v)) for f, v in fields]
    return pd.DataFrame([(f, v) for f, v in rows if v], columns=["field", "value"])


def belongings(corpus, actor_id: str) -> pd.DataFrame:
    """What it belongs to and what belongs to it: the actor table's affiliations, and the member_of and leads
    relations between it and another actor, with their evidence."""
    names = _names(corpus)
    actors = corpus.actors
    rows = []
    affiliation = _text(_actor_row(corpus, actor_id).get("affiliation"))
    if affiliation:
        rows.append({"tie": "belongs or answers to", "actor": names.get(affiliation, affiliation), "actor_id": affiliation,
                     "from": "actor table (affiliation)", "article_id": "", "certainty": "", "evidence_text": ""})
    for member in actors.loc[actors["affiliation"].fillna("") == actor_id, "actor_id"]:
        rows.append({"tie": "belongs or answers to it", "actor": names.get(member, member), "actor_id": member,
                     "from": "actor table (affiliation)", "article_id": "", "certainty": "", "evidence_text": ""})
    relations = _actor_relations(corpus, actor_id)
    for row in relations[relations["relation"].isin(["member_of", "leads"])].to_dict("records"):
        outgoing = row["source_actor_id"] == actor_id
        other = row["target_actor_id"] if outgoing else row["source_actor_id"]
        holds = row["relation"] == "leads" and _text(row.get("target_kind")) == "place"
        tie = {("member_of", True): "member of", ("member_of", False): "has as member",
               ("leads", True): "holds" if holds else "leads", ("leads", False): "held by" if holds else "led by"}
        rows.append({"tie": tie[(row["relation"], outgoing)], "actor": names.get(other, other), "actor_id": other,
                     "from": f"relation {row['relation_id']} ({row['trigger']})", "article_id": row["article_id"],
                     "certainty": row["certainty"], "evidence_text": row["evidence_text"]})
    columns = ["tie", "actor", "actor_id", "from", "article_id", "certainty", "evidence_text"]
    return pd.DataFrame(rows, columns=columns)


def appearances(corpus, actor_id: str) -> pd.DataFrame:
    """The articles it appears in, by date: its mentions there, the names used, its claims, and the address."""
    mentions = corpus.mentions[corpus.mentions["actor_id"] == actor_id]
    articles = corpus.articles.set_index("article_id")
    urls = _article_urls(corpus)
    own = voice(corpus, actor_id)
    rows = []
    for article_id, group in mentions.groupby("article_id", sort=False):
        article = articles.loc[article_id]
        names = [n for n in dict.fromkeys(" ".join(str(t).split()) for t in group.sort_values("start")["text"])
                 if n.lower() not in _PRONOUNS]
        rows.append({"published": _text(article.get("published")) or UNDATED, "title": _text(article.get("title")),
                     "outlet": _text(article.get("outlet")), "mentions": len(group), "names used": "; ".join(names),
                     "claims in its voice": int((own["article_id"] == article_id).sum()),
                     "url": urls.get(article_id, ""), "article_id": article_id})
    columns = ["published", "title", "outlet", "mentions", "names used", "claims in its voice", "url", "article_id"]
    return pd.DataFrame(rows, columns=columns).sort_values(["published", "article_id"]).reset_index(drop=True)


_PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "we", "our", "us", "i", "my"}


# ---------------------------------------------------------------- its voice

def voices(corpus, actor_id: str) -> dict[str, str]:
    """The actors whose words count as its voice -> why: itself, its members by the actor table, and those a
    member_of or leads relation (asserted or reported) ties to it."""
    found = {actor_id: "itself"}
    actors = corpus.actors
    for member in actors.loc[actors["affiliation"].fillna("") == actor_id, "actor_id"]:
        found.setdefault(member, "member (actor table)")
    relations = corpus.relations
    tied = relations[(relations["target_actor_id"] == actor_id) & relations["relation"].isin(["member_of", "leads"])
                     & relations["certainty"].isin(COUNTED) & relations["source_actor_id"].notna()]
    for row in tied.itertuples():
        found.setdefault(row.source_actor_id, "member" if row.relation == "member_of" else "leads it")
    return found


def voice(corpus, actor_id: str) -> pd.DataFrame:
    """Its claims and those of the actors who speak for it (see ``voices``), by date and article."""
    speakers = voices(corpus, actor_id)
    claims = corpus.claims[corpus.claims["speaker_actor_id"].isin(list(speakers))]
    published = _published(corpus)
    frame = claims.assign(published=claims["article_id"].map(published).fillna(UNDATED),
                          speaker=speaker_label(claims, corpus.actors),
                          **{"speaks as": claims["speaker_actor_id"].map(speakers)})
    columns = ["published", "article_id", "claim_id", "speaker", "speaks as", "cue_text", "quote_type", "channel",
               "certainty", "text", "speaker_actor_id"]
    return _by_date(frame[columns])


def voice_in_context(corpus, actor_id: str) -> pd.DataFrame:
    """Its claims (and its members'), one row each by date and article, in their sentence with speaker, cue and
    content marked. The ``in context`` column is escaped HTML: show it with ``table(..., html_columns=...)``."""
    claims = voice(corpus, actor_id)
    rows = corpus.claims.set_index(["article_id", "claim_id"])
    records = []
    for claim in claims.itertuples():
        row = rows.loc[(claim.article_id, claim.claim_id)]
        records.append({"published": claim.published, "article_id": claim.article_id, "speaker": claim.speaker,
                        "quote_type": claim.quote_type, "in context": _in_context(corpus, claim.article_id, row)})
    return pd.DataFrame(records, columns=["published", "article_id", "speaker", "quote_type", "in context"])


def _in_context(corpus, article_id: str, row) -> str:
    body = corpus.body(article_id)
    bounds = [row.get(c) for c in ("sentence_start", "start", "speaker_start", "cue_start")]
    ends = [row.get(c) for c in ("sentence_end", "end", "speaker_end", "cue_end")]
    start = min(int(v) for v in bounds if not pd.isna(v))
    end = max(int(v) for v in ends if not pd.isna(v))
    spans = [(row.get(s), row.get(e), role) for s, e, role in (("speaker_start", "speaker_end", "speaker"),
                                                               ("cue_start", "cue_end", "cue"), ("start", "end", "content"))]
    spans = [(int(s) - start, int(e) - start, role) for s, e, role in spans if not pd.isna(s) and not pd.isna(e)]
    return display.highlight(body[start:end], spans)


# ---------------------------------------------------------------- what others say about it

def said_about(corpus, actor_id: str) -> pd.DataFrame:
    """Claims whose content names it (a mention inside the content's span), made by others than it and its
    members: who says it (the article's own voice included), their side, and the words."""
    mentions = corpus.mentions[corpus.mentions["actor_id"] == actor_id]
    claims = corpus.claims
    inside = claims.merge(mentions[["article_id", "start", "end", "text"]], on="article_id", suffixes=("", "_mention"))
    inside = inside[(inside["start_mention"] >= inside["start"]) & (inside["end_mention"] <= inside["end"])]
    names_used = inside.groupby(["article_id", "claim_id"])["text_mention"].agg(
        lambda t: "; ".join(dict.fromkeys(" ".join(str(x).split()) for x in t)))
    keys = set(names_used.index)
    speakers = voices(corpus, actor_id)
    rows = claims[[(a, c) in keys for a, c in zip(claims["article_id"], claims["claim_id"])]]
    rows = rows[~rows["speaker_actor_id"].isin(list(speakers)).fillna(False).astype(bool)]
    frame = rows.assign(published=rows["article_id"].map(_published(corpus)).fillna(UNDATED),
                        speaker=speaker_label(rows, corpus.actors), side=_sides(corpus, rows),
                        **{"names it as": [names_used[(a, c)] for a, c in zip(rows["article_id"], rows["claim_id"])]})
    columns = ["published", "article_id", "claim_id", "speaker", "side", "quote_type", "certainty", "names it as",
               "text", "speaker_actor_id"]
    return _by_date(frame[columns])


def said_about_by_speaker(corpus, actor_id: str) -> pd.DataFrame:
    """What others say about it, grouped by speaker and side: how many claims, in how many articles, how quoted."""
    rows = said_about(corpus, actor_id)
    columns = ["speaker", "side", "claims", "articles", "direct", "mixed", "indirect", "none", "certainties"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(["speaker", "side"], dropna=False)
    table = pd.DataFrame({"claims": grouped.size(), "articles": grouped["article_id"].nunique(),
                          "certainties": grouped["certainty"].agg(lambda v: "; ".join(dict.fromkeys(v.dropna())))})
    counts = rows.pivot_table(index=["speaker", "side"], columns="quote_type", values="claim_id", aggfunc="count",
                              fill_value=0)
    table = table.join(counts.reindex(columns=["direct", "mixed", "indirect", "none"], fill_value=0)).fillna(0)
    table = table.reset_index().sort_values(["claims", "speaker"], ascending=[False, True])
    for column in ("direct", "mixed", "indirect", "none"):
        table[column] = table[column].astype(int)
    return table[columns].reset_index(drop=True)


def _sides(corpus, claims: pd.DataFrame) -> list[str]:
    """A speaker's side: what the actor table says it belongs to; the outlet for the article's own voice."""
    names = _names(corpus)
    affiliation = dict(zip(corpus.actors["actor_id"], corpus.actors["affiliation"].fillna("")))
    outlets = dict(zip(corpus.articles["article_id"], corpus.articles["outlet"].fillna("")))
    sides = []
    for row in claims.itertuples():
        if not row.attributed:
            sides.append(outlets.get(row.article_id, "") or "the article")
        elif isinstance(row.speaker_actor_id, str) and affiliation.get(row.speaker_actor_id):
            sides.append(names.get(affiliation[row.speaker_actor_id], affiliation[row.speaker_actor_id]))
        else:
            sides.append("")
    return sides


# ---------------------------------------------------------------- its relations

def ego_network(corpus, actor_id: str, certainties=alliances.DRAWN_CERTAINTIES) -> nx.MultiDiGraph:
    """The actor, the actors one relation away, and every relation among them (the network of notebook 03,
    cut down to its neighbourhood)."""
    graph = alliances.relation_graph(corpus.relations, corpus.actors, certainties=certainties, articles=corpus.articles)
    if actor_id not in graph:
        return nx.MultiDiGraph()
    neighbours = set(graph.predecessors(actor_id)) | set(graph.successors(actor_id))
    return graph.subgraph(neighbours | {actor_id}).copy()


def ego_network_figure(corpus, actor_id: str):
    """The ego network drawn as notebook 03 draws the whole one: blocs in boxes, edges by sign and certainty."""
    graph = ego_network(corpus, actor_id)
    asserted = ego_network(corpus, actor_id, certainties=COUNTED)
    blocs, _ = alliances.find_blocs(asserted)
    name = _names(corpus).get(actor_id, actor_id)
    ax = plots.network(graph, blocs, title=f"{name} (ringed) and the actors one relation away")
    if actor_id in graph:     # ring the actor whose dossier this is, where the network put it
        bloc_of = dict(zip(blocs["actor_id"], blocs["bloc"])) if len(blocs) else {}
        x, y = plots.network_layout(graph, bloc_of)["positions"][actor_id]
        ax.scatter([x], [y], s=plots.NODE_AREA * 2.6, marker="o", facecolors="none",
                   edgecolors=plots.OKABE_ITO["black"], linewidths=1.4, zorder=3)
    return ax


def allies_and_adversaries(corpus, actor_id: str) -> pd.DataFrame:
    """Each cooperation or conflict relation between it and another actor: who, which way, how sure, and the
    sentence. A negated relation ("rather than fight") says so in its stance."""
    relations = _actor_relations(corpus, actor_id)
    relations = relations[relations["sign"].fillna(0) != 0]
    names = _names(corpus)
    rows = []
    for row in relations.to_dict("records"):
        other = row["target_actor_id"] if row["source_actor_id"] == actor_id else row["source_actor_id"]
        stance = "ally" if row["sign"] > 0 else "adversary"
        if row["certainty"] == "negated":
            stance += " (negated)"
        words = f"{names.get(row['source_actor_id'], row['source_actor_id'])} {row['relation'].replace('_', ' ')} " \
                f"{names.get(row['target_actor_id'], row['target_actor_id'])}"
        rows.append({"stance": stance, "actor": names.get(other, other), "relation": words,
                     "certainty": row["certainty"], "trigger": row["trigger"],
                     "published": _published(corpus).get(row["article_id"], UNDATED), "article_id": row["article_id"],
                     "evidence_text": row["evidence_text"], "relation_id": row["relation_id"], "actor_id": other})
    columns = ["stance", "actor", "relation", "certainty", "trigger", "published", "article_id", "evidence_text",
               "relation_id", "actor_id"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["stance", "actor", "published", "article_id", "relation_id"]).reset_index(drop=True)


def balance(corpus, actor_id: str) -> pd.DataFrame:
    """One row per publication date of the articles it appears in: its cooperation ties (supports, allied
    with, praises) against its conflict ties (fights, criticizes), asserted or reported, and the net balance.
    Planned, possible and unknown ones are counted apart; negated ones not at all."""
    published = _published(corpus)
    appears_in = list(appearances(corpus, actor_id)["article_id"])
    dates = sorted({published.get(a, UNDATED) for a in appears_in}, key=lambda d: (d == UNDATED, d))
    relations = _actor_relations(corpus, actor_id)
    relations = relations.assign(published=relations["article_id"].map(published).fillna(UNDATED))
    rows = []
    for date in dates:
        on_date = relations[relations["published"] == date]
        counted = on_date[on_date["certainty"].isin(COUNTED)]
        cooperation, conflict = int((counted["sign"] > 0).sum()), int((counted["sign"] < 0).sum())
        uncertain = on_date[~on_date["certainty"].isin(COUNTED + ("negated",)) & (on_date["sign"].fillna(0) != 0)]
        rows.append({"published": date, "articles": sum(published.get(a, UNDATED) == date for a in appears_in),
                     "cooperation": cooperation, "conflict": conflict, "balance": cooperation - conflict,
                     "not asserted": len(uncertain)})
    return pd.DataFrame(rows, columns=["published", "articles", "cooperation", "conflict", "balance", "not asserted"])


def balance_figure(corpus, actor_id: str, ax=None):
    """The balance over time as bars: cooperation above the axis, conflict below, one pair per publication date."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    table = balance(corpus, actor_id)
    name = _names(corpus).get(actor_id, actor_id)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(8, 1.1 * len(table) + 5), 3.4))
    ax.set_title(f"{name}: cooperation against conflict, by publication date")
    if table.empty or not (table["cooperation"].sum() + table["conflict"].sum()):
        ax.text(0.5, 0.5, "no cooperation or conflict relation asserted or reported", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    x = range(len(table))
    ax.bar(x, table["cooperation"], color=plots.SIGN_COLOURS[1], label="cooperation (supports, allied with, praises)")
    ax.bar(x, -table["conflict"], color=plots.SIGN_COLOURS[-1], hatch="//", edgecolor="white",
           label="conflict (fights, criticizes)")
    ax.plot(x, table["balance"], color=plots.OKABE_ITO["black"], marker="D", linestyle="none",
            label="balance (cooperation − conflict)", zorder=3)
    ax.axhline(0, color="#666666", linewidth=0.8)
    ax.set_xticks(list(x), list(table["published"]), fontsize="small")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(-table["conflict"].max() - 0.5, table["cooperation"].max() + 0.5)
    ax.set_xlim(-0.6, len(table) - 0.4)
    ax.set_xlabel("publication date of the articles")
    ax.set_ylabel("relations (conflict below 0)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", title="relations")
    ax.figure.tight_layout()
    return ax


# ---------------------------------------------------------------- its timeline

def events(corpus, actor_id: str) -> pd.DataFrame:
    """The dated expressions (with the events they anchor) whose sentence mentions it, across articles by date.

    ``named as`` gives how the sentence names it; ``sentence`` is the sentence itself.
    """
    timeline = corpus.timeline
    dated = timeline[timeline["date_start"].notna() | timeline["date_end"].notna()]
    mentions = corpus.mentions[corpus.mentions["actor_id"] == actor_id]
    rows = []
    for row in dated.to_dict("records"):
        start, end = _sentence_of(corpus, row["article_id"], int(row["start"]), int(row["end"]))
        here = mentions[(mentions["article_id"] == row["article_id"]) & (mentions["start"] >= start)
                        & (mentions["end"] <= end)]
        if here.empty:
            continue
        named = "; ".join(dict.fromkeys(" ".join(str(t).split()) for t in here.sort_values("start")["text"]))
        rows.append({**row, "published": _published(corpus).get(row["article_id"], UNDATED), "named as": named,
                     "sentence": " ".join(corpus.body(row["article_id"])[start:end].split())})
    columns = ["published", "article_id", "timex_id", "text", "value", "date_start", "date_end", "event_text",
               "event_status", "named as", "sentence"]
    extra = [c for c in timeline.columns if c not in columns]
    frame = pd.DataFrame(rows, columns=columns + extra)
    return frame.sort_values(["date_start", "published", "article_id", "start"], na_position="last").reset_index(drop=True)


def events_figure(corpus, actor_id: str, ax=None):
    """Its dated events on one date axis, drawn as notebook 02 draws an article's timeline."""
    rows = events(corpus, actor_id)
    name = _names(corpus).get(actor_id, actor_id)
    if rows["article_id"].nunique() > 1:     # say which article each event comes from
        rows = rows.assign(event_text=[f"{e or 'no event'} · article of {p}" for e, p in
                                       zip(rows["event_text"].fillna(""), rows["published"])])
    title = f"{name}: dated events whose sentence names it, across {display.cell_text(rows['article_id'].nunique())} " \
            f"article{'' if rows['article_id'].nunique() == 1 else 's'}"
    return plots.timeline(rows, published=None, title=title, ax=ax)


def _sentence_of(corpus, article_id: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around a span: from the claims table (every sentence holds a claim), else
    from a relation's evidence, else the text between the sentence stops around it."""
    claims = corpus.claims
    hit = claims[(claims["article_id"] == article_id) & (claims["sentence_start"] <= start)
                 & (claims["sentence_end"] >= end)]
    if len(hit):
        return int(hit["sentence_start"].max()), int(hit["sentence_end"].min())
    relations = corpus.relations
    hit = relations[(relations["article_id"] == article_id) & (relations["evidence_start"] <= start)
                    & (relations["evidence_end"] >= end)]
    if len(hit):
        return int(hit["evidence_start"].max()), int(hit["evidence_end"].min())
    body = corpus.body(article_id)
    before = max((m.end() for m in re.finditer(r"[.!?][\"”’']?\s+|\n\s*\n", body[:start])), default=0)
    after = re.search(r"[.!?][\"”’']?(\s|$)|\n\s*\n", body[end:])
    return before, end + (after.end() if after else len(body) - end)


# ---------------------------------------------------------------- shared

def figure_name(actor_id: str, view: str) -> str:
    """A figure's file name for one view of one actor's dossier ('dossier-isis-network'), safe in any folder."""
    return f"dossier-{re.sub(r'[^A-Za-z0-9._-]', '_', actor_id).strip('.') or 'actor'}-{view}"


def _actor_row(corpus, actor_id: str) -> dict:
    rows = corpus.actors[corpus.actors["actor_id"] == actor_id]
    if rows.empty:
        raise ActorNotFound(f"no actor with id {actor_id!r}; " + _close_matches(actor_id, corpus.actors))
    return rows.iloc[0].to_dict()


def _actor_relations(corpus, actor_id: str) -> pd.DataFrame:
    """Relation rows between it and another actor (a tie to a place only when it holds that place)."""
    relations = corpus.relations
    ends = (relations["source_actor_id"] == actor_id) | (relations["target_actor_id"] == actor_id)
    rows = relations[ends.fillna(False) & relations["source_actor_id"].notna() & relations["target_actor_id"].notna()
                     & (relations["source_actor_id"] != relations["target_actor_id"])]
    place = (rows["source_kind"].fillna("") == "place") | (rows["target_kind"].fillna("") == "place")
    return rows[~place | (rows["relation"] == "leads")]


def _names(corpus) -> dict[str, str]:
    return dict(zip(corpus.actors["actor_id"], corpus.actors["name"]))


def _published(corpus) -> dict[str, str]:
    return {a: str(d) for a, d in zip(corpus.articles["article_id"], corpus.articles["published"]) if _text(d)}


def _article_urls(corpus) -> dict[str, str]:
    from .pages import article_urls

    return article_urls(corpus)


def _by_date(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by publication date (undated last), then article and text order."""
    order = frame.assign(_undated=frame["published"] == UNDATED,
                         _number=frame["claim_id"].str.extract(r"(\d+)", expand=False).astype(float))
    return order.sort_values(["_undated", "published", "article_id", "_number"]).drop(
        columns=["_undated", "_number"]).reset_index(drop=True)


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


__all__ = ["ActorNotFound", "resolve", "most_mentioned", "identity", "belongings", "appearances", "voices", "voice",
           "voice_in_context", "said_about", "said_about_by_speaker", "ego_network", "ego_network_figure",
           "allies_and_adversaries", "balance", "balance_figure", "events", "events_figure", "figure_name", "OWN_VOICE"]
