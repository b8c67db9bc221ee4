"""Figures for the notebooks: titled, labelled, with a colour-blind-safe palette (Okabe-Ito)."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
KIND_COLOURS = {
    "person": OKABE_ITO["orange"], "armed_group": OKABE_ITO["vermillion"], "state": OKABE_ITO["blue"],
    "organization": OKABE_ITO["green"], "media": OKABE_ITO["purple"], "place": OKABE_ITO["sky_blue"],
    "group": OKABE_ITO["yellow"], "other": OKABE_ITO["grey"],
}
STATUS_STYLES = {
    "happened": {"color": OKABE_ITO["blue"], "linestyle": "-", "marker": "o"},
    "ongoing": {"color": OKABE_ITO["green"], "linestyle": "-", "marker": "s"},
    "planned": {"color": OKABE_ITO["orange"], "linestyle": "--", "marker": "D"},
    "hypothetical": {"color": OKABE_ITO["purple"], "linestyle": ":", "marker": "^"},
}


def actor_mentions(actors: pd.DataFrame, top: int = 20, ax=None):
    """Horizontal bars: the most mentioned actors, coloured by kind."""
    data = actors.sort_values("n_mentions", ascending=False).head(top).iloc[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(data) + 1)))
    ax.barh(data["name"], data["n_mentions"], color=[KIND_COLOURS.get(k, OKABE_ITO["grey"]) for k in data["kind"]])
    ax.set_xlabel("mentions")
    ax.set_ylabel("actor")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"The {len(data)} most mentioned actors")
    kinds = [k for k in KIND_COLOURS if k in set(data["kind"])]
    ax.legend(handles=[Patch(color=KIND_COLOURS[k], label=k.replace("_", " ")) for k in kinds],
              title="kind", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    ax.figure.tight_layout()
    return ax


def timeline(rows: pd.DataFrame, published: str | None = None, title: str = "Timeline", ax=None):
    """Expressions on a date axis: points for days, bars for ranges, styled by event status.

    Dates stated in full are drawn solid; dates inferred from the publication
    date, the day something was said or another date in the text (a non-empty
    ``anchor``) are drawn hollow or pale. A range known at one end only ("in
    the coming days") is drawn from that end with an arrow to the open side.
    Durations that no date anchors ("a seven-day stakeout") are never drawn as
    a range: they are listed apart, under the axis, as undated.

    The axis is fitted to the short expressions (days, week-ends, weeks) and the
    publication date, so that a six-year range does not squeeze them into one
    point: longer ranges run off the edge and their label gives where they start.
    """
    start_known, end_known = rows["date_start"].notna(), rows["date_end"].notna()
    data = rows[start_known | end_known].copy()
    undated = rows[~start_known & ~end_known & (rows["type"] == "DURATION")]
    if ax is None:
        height = max(2.5, 0.4 * len(data) + 1.4)
        note_height = 0.35 + 0.22 * len(undated) if len(undated) else 0
        if note_height:
            _, (ax, note) = plt.subplots(2, 1, figsize=(10, height + note_height),
                                         gridspec_kw={"height_ratios": [height, note_height]})
            _undated_note(note, undated)
        else:
            _, ax = plt.subplots(figsize=(10, height))
    elif len(undated):
        title = f"{title}\n({len(undated)} undated duration{'s' if len(undated) > 1 else ''} not shown)"
    if data.empty:
        ax.text(0.5, 0.5, "no expression with a calendar date", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title, parse_math=False)   # a title from the data is never mathtext
        ax.set_axis_off()
        return ax
    data["start_date"] = pd.to_datetime(data["date_start"])
    data["end_date"] = pd.to_datetime(data["date_end"]) + pd.Timedelta(days=1)
    data["open"] = data["start_date"].isna() | data["end_date"].isna()
    data["first"] = data["start_date"].fillna(data["end_date"] - pd.Timedelta(days=1))
    data = data.sort_values(["first", "start"]).reset_index(drop=True)
    left, right = _focus_window(data, published)
    status = data["event_status"].fillna("happened") if "event_status" in data else pd.Series("happened", index=data.index)
    inferred = data["anchor"].notna() & (data["anchor"] != "") if "anchor" in data else pd.Series(False, index=data.index)
    for y, row in data.iterrows():
        _draw_expression(ax, y, row, STATUS_STYLES.get(status[y], STATUS_STYLES["happened"]), bool(inferred[y]),
                         left, right)
    labels = [_timeline_label(row, left, right) for row in data.itertuples()]
    ax.set_yticks(range(len(data)), labels, fontsize="small")
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(left, right)
    if published:
        ax.axvline(pd.Timestamp(published) + pd.Timedelta(hours=12), color=OKABE_ITO["black"], linestyle="--", linewidth=1)
    ax.set_xlabel("date")
    ax.set_title(title, parse_math=False)   # a title from the data is never mathtext
    ax.legend(handles=_timeline_legend(set(status), not inferred.all(), bool(inferred.any()), bool(data["open"].any()),
                                       published),
              loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", title="event")
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)  # few, short tick labels: they never overlap
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.figure.tight_layout()
    return ax


def _draw_expression(ax, y, row, style: dict, inferred: bool, left, right) -> None:
    """One expression: a point, a bar, a bar open at one end, or an arrow at the edge when off the axis."""
    colour = style["color"]
    if row.open:
        known = row.end_date if pd.isna(row.start_date) else row.start_date
        reach = (right - left) * 0.08 * (-1 if pd.isna(row.start_date) else 1)
        ax.plot([known, known + reach], [y, y], color=colour, linestyle=style["linestyle"], linewidth=3,
                alpha=0.5 if inferred else 1)
        ax.plot(known + reach, y, marker="<" if reach < pd.Timedelta(0) else ">", color=colour, markersize=8,
                linestyle="none")
        ax.plot(known, y, marker="|", color=colour, markersize=12, markeredgewidth=2, linestyle="none")
    elif row.end_date <= left or row.start_date >= right:  # wholly off the focused axis: an arrow at its edge
        edge, marker = (left, "<") if row.end_date <= left else (right, ">")
        ax.plot(edge, y, marker=marker, color=colour, markersize=9, linestyle="none", clip_on=False)
    elif row.end_date - row.start_date <= pd.Timedelta(days=1):
        ax.plot(row.start_date + pd.Timedelta(hours=12), y, marker=style["marker"], color=colour, markersize=8,
                markeredgewidth=2, markerfacecolor="white" if inferred else colour, linestyle="none")
    else:
        ax.plot([max(row.start_date, left), min(row.end_date, right)], [y, y], color=colour,
                linestyle=style["linestyle"], linewidth=6 if style["linestyle"] == "-" else 3,
                solid_capstyle="butt", alpha=0.55 if inferred else 1)


def _timeline_legend(statuses: set, stated: bool, inferred: bool, open_ended: bool, published: str | None) -> list:
    handles = [Line2D([], [], color=s["color"], marker=s["marker"], linestyle=s["linestyle"], label=k)
               for k, s in STATUS_STYLES.items() if k in statuses]
    grey = OKABE_ITO["grey"]
    if stated:
        handles.append(Line2D([], [], color=grey, marker="o", markersize=7, linestyle="none",
                              label="date stated in full"))
    if inferred:
        handles.append(Line2D([], [], color=grey, marker="o", markersize=7, markerfacecolor="white",
                              markeredgewidth=2, linestyle="none", label="date inferred (hollow, pale)"))
    if open_ended:
        handles.append(Line2D([], [], color=grey, marker=">", linestyle="-", label="one end not known"))
    if published:
        handles.append(Line2D([], [], color=OKABE_ITO["black"], linestyle="--", label="published"))
    return handles


def _undated_note(ax, undated: pd.DataFrame) -> None:
    """The durations that no date anchors, listed apart from the date axis."""
    ax.set_axis_off()
    lines = ["Undated durations (nothing in their sentence says when; not on the axis):"]
    for row in undated.itertuples():
        event = f" — {row.event_text}" if isinstance(getattr(row, "event_text", None), str) and row.event_text else ""
        lines.append(_shorten(f"• {row.text}{event} ({row.value})", 90))
    ax.text(0, 1, "\n".join(lines), transform=ax.transAxes, ha="left", va="top", fontsize="small")


def chronology(articles: pd.DataFrame, timeline: pd.DataFrame, title: str = "The corpus on one time axis", ax=None):
    """Every dated article on one date axis, a row each: its publication date and the dated events it tells of.

    Days are points, longer ranges bars (thin and pale beyond two months), styled
    by event status; durations and recurring times are not dates and stay out.
    The axis spans the publication dates: an event far before or after them is
    an arrow at the edge (the article's own timeline in notebook 02 shows it).
    Articles without a publication date cannot be placed and are named under the axis.
    """
    import matplotlib.dates as mdates

    dated = articles[articles["published"].notna() & (articles["published"].astype(str) != "")].copy()
    dated["published_date"] = pd.to_datetime(dated["published"].astype(str))
    dated = dated.sort_values(["published_date", "article_id"]).reset_index(drop=True)
    undated = [a for a in articles["article_id"] if a not in set(dated["article_id"])]
    if ax is None:
        _, ax = plt.subplots(figsize=(12, max(2.5, 0.34 * len(dated) + 1.8)))
    ax.set_title(title, parse_math=False)   # a title from the data is never mathtext
    if dated.empty:
        ax.text(0.5, 0.5, "no article with a publication date", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    row_of = {a: y for y, a in enumerate(dated["article_id"])}
    events = timeline[timeline["article_id"].isin(list(row_of)) & timeline["date_start"].notna()
                      & timeline["type"].isin(["DATE", "TIME"])].copy()
    events["start_date"] = pd.to_datetime(events["date_start"].astype(str))
    events["end_date"] = pd.to_datetime(events["date_end"].fillna(events["date_start"]).astype(str)) + pd.Timedelta(days=1)
    status = events["event_status"].fillna("happened") if "event_status" in events else pd.Series("happened", index=events.index)
    first, last = dated["published_date"].min(), dated["published_date"].max()
    margin = max(pd.Timedelta(days=45), (last - first) * 0.06)
    left, right = first - margin, last + margin + pd.Timedelta(days=1)
    for index, row in events.iterrows():
        y = row_of[row["article_id"]]
        style = STATUS_STYLES.get(status[index], STATUS_STYLES["happened"])
        length = row["end_date"] - row["start_date"]
        if row["end_date"] <= left or row["start_date"] >= right:   # far from the corpus's dates: an arrow at the edge
            edge, marker = (left, "<") if row["end_date"] <= left else (right, ">")
            ax.plot(edge, y, marker=marker, color=style["color"], markersize=6, linestyle="none", clip_on=False,
                    alpha=0.7, zorder=3)
        elif length <= pd.Timedelta(days=1):
            ax.plot(row["start_date"] + pd.Timedelta(hours=12), y, marker=style["marker"], color=style["color"],
                    markersize=5, linestyle="none", alpha=0.85, zorder=3)
        else:
            long = length > pd.Timedelta(days=62)
            ax.plot([max(row["start_date"], left), min(row["end_date"], right)], [y, y], color=style["color"],
                    linestyle=style["linestyle"],
                    linewidth=2 if long else 5, alpha=0.35 if long else 0.8, solid_capstyle="butt", zorder=2)
    ax.scatter(dated["published_date"] + pd.Timedelta(hours=12), range(len(dated)), marker="|", s=220,
               color=OKABE_ITO["black"], linewidths=2, zorder=4)
    labels = [_shorten(f"{r.published} · {r.title or r.article_id}", 52) for r in dated.itertuples()]
    ax.set_yticks(range(len(dated)), labels, fontsize="small")
    ax.set_ylim(len(dated) - 0.5, -0.5)
    ax.set_xlim(left, right)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_xlabel("date")
    ax.set_ylabel("article (by publication date)")
    handles = [Line2D([], [], color=OKABE_ITO["black"], marker="|", markersize=12, markeredgewidth=2, linestyle="none",
                      label="published")]
    handles += [Line2D([], [], color=s["color"], marker=s["marker"], linestyle=s["linestyle"], label=k)
                for k, s in STATUS_STYLES.items() if k in set(status)]
    handles.append(Line2D([], [], color=OKABE_ITO["grey"], marker="<", linestyle="none", label="earlier (or later)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", title="event")
    if undated:
        ax.annotate(_shorten("no publication date, not shown: " + ", ".join(undated), 140), (0, 0),
                    xycoords="axes fraction", xytext=(0, -40), textcoords="offset points", fontsize="small",
                    color="#555555")
    ax.figure.tight_layout()
    return ax


def _focus_window(data: pd.DataFrame, published: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The date range that shows the short expressions, the known ends of open ones and the publication date."""
    closed = data[~data["open"]]
    short = closed[closed["end_date"] - closed["start_date"] <= pd.Timedelta(days=62)]
    dates = list(short["start_date"]) + list(short["end_date"]) + list(data.loc[data["open"], "first"])
    if published:
        dates.append(pd.Timestamp(published))
    if not dates:
        dates = list(closed["start_date"]) + list(closed["end_date"])
    left, right = min(dates), max(dates)
    margin = max(pd.Timedelta(days=2), (right - left) * 0.12)
    return left - margin, right + margin


def _timeline_label(row, left=None, right=None) -> str:
    event = f" — {row.event_text}" if isinstance(getattr(row, "event_text", None), str) and row.event_text else ""
    clipped = ""
    if row.open:
        clipped = f", from {row.start_date:%Y-%m-%d}" if pd.notna(row.start_date) else \
            f", up to {row.end_date - pd.Timedelta(days=1):%Y-%m-%d}"
    elif left is not None and (row.start_date < left or row.end_date > right):
        clipped = f", {row.start_date:%Y-%m-%d} to {row.end_date - pd.Timedelta(days=1):%Y-%m-%d}"
    return _shorten(f"{row.text}{event} ({row.value}{clipped})", 70)


def _shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def source_breakdown(table: pd.DataFrame, value: str = "claims", ax=None):
    """Stacked bars: for each speaker, claims by quote type."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(table) + 1.2)))
    colours = {"direct": OKABE_ITO["blue"], "mixed": OKABE_ITO["sky_blue"], "indirect": OKABE_ITO["orange"],
               "none": OKABE_ITO["grey"]}
    present = [c for c in colours if c in table.columns]
    table[present].iloc[::-1].plot.barh(stacked=True, ax=ax, color=[colours[c] for c in present], width=0.7)
    ax.set_xlabel(value)
    ax.set_ylabel("speaker")
    ax.set_title("Whose words the articles rest on")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(title="quotation", fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.figure.tight_layout()
    return ax


SIGN_COLOURS = {1: OKABE_ITO["blue"], -1: OKABE_ITO["vermillion"], 0: OKABE_ITO["grey"]}
SIGN_MEANINGS = {1: "cooperation", -1: "conflict", 0: "structure"}
KIND_SHAPES = {"person": "o", "armed_group": "s", "state": "D", "organization": "h", "media": "v",
               "place": "p", "group": "^", "other": "o"}

# The network is laid out in points (1/72 inch) at the size it is drawn, so that every label's box is known
# before anything is drawn: actors in a bloc are spread until no two labels meet, and the blocs and lone
# actors are then packed in rows, apart. The figure's size follows from the layout.
NODE_AREA = 240            # marker area, points squared
LABEL_POINTS = 8           # label font size
LABEL_WIDTH = 24           # characters of a name shown
LABEL_PAD = 2.0            # the white box around a label
GROUP_GAP = 16             # points between two blocs or lone actors
BLOC_PAD = 7               # points between a bloc's box and its actors
BLOC_TITLE = 13            # points above a bloc's actors for its title
LEGEND_INCHES = 2.7        # room on the right for the legend
TITLE_INCHES = 0.45        # room at the top for the title


def network(graph, blocs: pd.DataFrame | None = None, title: str = "Who backs and fights whom"):
    """The signed actor network: blocs in boxes, apart; edges coloured by sign, dashed where not asserted.

    Every name and bloc title is placed so that none overlaps another or a box
    it does not belong to. Artists carry ids for checks and SVG readers:
    ``node-label:<actor_id>``, ``bloc:<n>`` and ``bloc-label:<n>``. Returns the axes.
    """
    if graph.number_of_nodes() == 0:
        _, ax = plt.subplots(figsize=(6, 2))
        ax.set_title(title, parse_math=False)   # a title from the data is never mathtext
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no relation between actors", ha="center", va="center", transform=ax.transAxes)
        return ax
    bloc_of = dict(zip(blocs["actor_id"], blocs["bloc"])) if blocs is not None and len(blocs) else {}
    layout = network_layout(graph, bloc_of)
    width, height = layout["width"] / 72, layout["height"] / 72
    fig = plt.figure(figsize=(width + LEGEND_INCHES, height + TITLE_INCHES))
    ax = fig.add_axes((0, 0, width / (width + LEGEND_INCHES), height / (height + TITLE_INCHES)))
    ax.set_xlim(0, layout["width"])
    ax.set_ylim(0, layout["height"])
    ax.set_axis_off()
    fig.text(0.01, 1 - 0.12 / (height + TITLE_INCHES), title, ha="left", va="top", fontsize=12)
    _draw_blocs(ax, layout["blocs"])
    _draw_edges(ax, graph, layout["positions"])
    _draw_nodes(ax, graph, layout["positions"], layout["labels"])
    fig.legend(handles=_network_legend(graph), loc="upper left", fontsize="small", title="relations and kinds",
               bbox_to_anchor=(width / (width + LEGEND_INCHES) + 0.01, height / (height + TITLE_INCHES)))
    return ax


def network_layout(graph, bloc_of: dict) -> dict:
    """Positions (points) of every actor, the box of each label and of each bloc, and the drawing's size."""
    import networkx as nx

    groups: dict = {}
    for node in sorted(graph.nodes):
        bloc = bloc_of.get(node)
        groups.setdefault(("bloc", bloc) if bloc is not None else ("alone", node), []).append(node)
    # actors of one bloc alone are no bloc worth a box: they are laid out like lone actors
    groups = {key if len(nodes) > 1 else ("alone", nodes[0]): nodes for key, nodes in groups.items()}
    label_text = {n: _label(graph.nodes[n].get("name") or n) for n in graph.nodes}
    sizes = {n: _text_size(label_text[n]) for n in graph.nodes}
    items = []
    component_of = {}
    for index, component in enumerate(sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), min(c)))):
        component_of.update({n: index for n in component})
    for key, nodes in groups.items():
        local = _spread_group(graph.subgraph(nodes).to_undirected(), sizes)
        items.append(_group_item(key, nodes, local, sizes))
    items.sort(key=lambda item: (min(component_of[n] for n in item["nodes"]), -len(item["nodes"]), item["key"][0],
                                 str(item["key"][1])))
    placed, width, height = _pack(items)
    positions, labels, bloc_boxes = {}, {}, []
    for item, (ox, oy) in zip(items, placed):
        for node, (x, y) in item["local"].items():
            positions[node] = (ox + x, oy + y)
            labels[node] = (label_text[node], _label_box(ox + x, oy + y, sizes[node]))
        if item["key"][0] == "bloc":
            x0, y0, x1, y1 = item["box"]
            bloc_boxes.append({"bloc": item["key"][1], "box": (ox + x0, oy + y0, ox + x1, oy + y1)})
    return {"positions": positions, "labels": labels, "blocs": bloc_boxes, "width": width, "height": height}


def _label(name: str) -> str:
    """A name as a label: shortened, and with '$' escaped so that matplotlib never reads it as mathematics."""
    return _shorten(name, LABEL_WIDTH).replace("$", r"\$")


def _text_size(text: str) -> tuple[float, float]:
    """Width and height in points of a label as matplotlib will draw it."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    width, height, _ = RendererAgg(1, 1, 72).get_text_width_height_descent(
        text, FontProperties(size=LABEL_POINTS), ismath=False)
    return width, height


def _node_radius() -> float:
    return NODE_AREA ** 0.5 / 2


def _label_box(x: float, y: float, size: tuple[float, float]) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) of the label drawn under a node at (x, y), its white padding included."""
    width, height = size
    top = y - _node_radius() - 2
    return (x - width / 2 - LABEL_PAD, top - height - 2 * LABEL_PAD, x + width / 2 + LABEL_PAD, top)


def _node_box(x: float, y: float, size) -> tuple[float, float, float, float]:
    """The box of a node's marker and its label together."""
    x0, y0, x1, _ = _label_box(x, y, size)
    radius = _node_radius()
    return (min(x0, x - radius), y0, max(x1, x + radius), y + radius)


def _spread_group(sub, sizes: dict) -> dict:
    """Positions (points) of a group's actors in which no two of their boxes come within 6 points."""
    import math

    import networkx as nx

    nodes = sorted(sub.nodes, key=lambda n: (-sub.degree(n), n))
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= 8:   # on a circle from the top, clockwise: two actors stand one above the other
        unit = {n: (math.cos(math.pi / 2 - 2 * math.pi * i / len(nodes)),
                    math.sin(math.pi / 2 - 2 * math.pi * i / len(nodes))) for i, n in enumerate(nodes)}
    else:
        unit = nx.spring_layout(sub, seed=7, k=2.0 / len(nodes) ** 0.5, iterations=200)
    # start close together: pushing overlapping actors apart then leaves each group as compact as its labels allow
    tallest = max(_node_box(0, 0, sizes[n])[3] - _node_box(0, 0, sizes[n])[1] for n in nodes)
    scale = tallest * 0.9 * len(nodes) ** 0.5
    positions = {n: (scale * x, scale * y) for n, (x, y) in unit.items()}
    return _remove_overlaps(positions, sizes)


def _remove_overlaps(positions: dict, sizes: dict, margin: float = 6.0) -> dict:
    """Push apart, along the axis they overlap least on, any two actors whose boxes come within the margin."""
    positions = {n: list(p) for n, p in positions.items()}
    nodes = sorted(positions)
    for _ in range(500):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                ax0, ay0, ax1, ay1 = _node_box(*positions[a], sizes[a])
                bx0, by0, bx1, by1 = _node_box(*positions[b], sizes[b])
                over_x = min(ax1, bx1) - max(ax0, bx0) + margin
                over_y = min(ay1, by1) - max(ay0, by0) + margin
                if over_x <= 0 or over_y <= 0:
                    continue
                axis, over = (0, over_x) if over_x < over_y else (1, over_y)
                side = 1 if (positions[b][axis], b) > (positions[a][axis], a) else -1
                positions[a][axis] -= side * (over / 2 + 0.5)
                positions[b][axis] += side * (over / 2 + 0.5)
                moved = True
        if not moved:
            break
    return {n: tuple(p) for n, p in positions.items()}


def _group_item(key, nodes, local: dict, sizes: dict) -> dict:
    """A group to pack: its actors' positions moved so that its box (with a bloc's title) starts at (0, 0)."""
    boxes = [_node_box(*local[n], sizes[n]) for n in nodes]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad, title = (BLOC_PAD, BLOC_TITLE) if key[0] == "bloc" else (0, 0)
    if key[0] == "bloc":   # the box is wide enough for its title
        x1 = max(x1, x0 + _text_size(f"bloc {key[1]}")[0] + 12 - 2 * pad)
    shift_x, shift_y = pad - x0, pad - y0
    moved = {n: (x + shift_x, y + shift_y) for n, (x, y) in local.items()}
    width, height = x1 - x0 + 2 * pad, y1 - y0 + 2 * pad + title
    return {"key": key, "nodes": nodes, "local": moved, "box": (0, 0, width, height), "width": width, "height": height}


def _pack(items: list[dict]) -> tuple[list[tuple[float, float]], float, float]:
    """Offsets that set the groups in rows, left to right and top to bottom, GROUP_GAP apart; and the total size."""
    area = sum((i["width"] + GROUP_GAP) * (i["height"] + GROUP_GAP) for i in items)
    row_width = max(max(i["width"] for i in items), (area * 1.6) ** 0.5)
    rows, row, used = [], [], 0.0
    for item in items:
        if row and used + item["width"] > row_width:
            rows.append(row)
            row, used = [], 0.0
        row.append(item)
        used += item["width"] + GROUP_GAP
    rows.append(row)
    offsets, top = {}, 0.0
    for row in rows:
        tallest = max(i["height"] for i in row)
        x = GROUP_GAP
        for item in row:   # a group sits at the top of its row
            offsets[id(item)] = (x, -(top + GROUP_GAP) - item["height"])
            x += item["width"] + GROUP_GAP
        top += tallest + GROUP_GAP
    width = max(sum(i["width"] + GROUP_GAP for i in row) for row in rows) + GROUP_GAP
    height = top + GROUP_GAP
    return [(offsets[id(i)][0], offsets[id(i)][1] + height) for i in items], width, height


def _draw_blocs(ax, bloc_boxes: list[dict]) -> None:
    from matplotlib.patches import FancyBboxPatch

    for bloc in bloc_boxes:
        x0, y0, x1, y1 = bloc["box"]
        patch = FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="round,pad=0,rounding_size=6",
                               facecolor=OKABE_ITO["yellow"], alpha=0.18, edgecolor="#999999", linewidth=0.6)
        patch.set_gid(f"bloc:{bloc['bloc']}")
        ax.add_patch(patch)
        text = ax.text(x0 + 5, y1 - 3, f"bloc {bloc['bloc']}", fontsize=LABEL_POINTS, color="#444444",
                       va="top", ha="left")
        text.set_gid(f"bloc-label:{bloc['bloc']}")


def _draw_edges(ax, graph, positions: dict) -> None:
    """Each relation an arrow; several between one pair bend apart so that each stays visible."""
    from matplotlib.patches import FancyArrowPatch

    seen: dict = {}
    shrink = _node_radius() + 1
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("relation")))):
        pair = tuple(sorted((source, target)))
        index = seen.get(pair, 0)
        seen[pair] = index + 1
        asserted = data.get("certainty") in ("asserted", "reported")
        arrow = FancyArrowPatch(positions[source], positions[target], arrowstyle="-|>", mutation_scale=10,
                                connectionstyle=f"arc3,rad={0.08 + 0.14 * index}", shrinkA=shrink, shrinkB=shrink,
                                color=SIGN_COLOURS.get(data.get("sign") or 0, OKABE_ITO["grey"]),
                                linestyle="-" if asserted else "--",
                                linewidth=0.9 + 0.5 * min(data.get("weight", 1), 4), alpha=0.85, zorder=1)
        arrow.set_gid(f"edge:{source}->{target}:{data.get('relation')}")
        ax.add_patch(arrow)


def _draw_nodes(ax, graph, positions: dict, labels: dict) -> None:
    for kind, shape in KIND_SHAPES.items():
        nodes = [n for n, d in graph.nodes(data=True) if (d.get("kind") or "other") == kind]
        if nodes:
            ax.scatter([positions[n][0] for n in nodes], [positions[n][1] for n in nodes], s=NODE_AREA, marker=shape,
                       c=KIND_COLOURS.get(kind, OKABE_ITO["grey"]), edgecolors=OKABE_ITO["black"], linewidths=0.7,
                       zorder=2)
    for node, (text, (x0, y0, x1, y1)) in labels.items():
        label = ax.text((x0 + x1) / 2, y1 - LABEL_PAD, text, fontsize=LABEL_POINTS, ha="center", va="top", zorder=3,
                        bbox={"boxstyle": f"square,pad={LABEL_PAD / LABEL_POINTS}", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.85})
        label.set_gid(f"node-label:{node}")


def _network_legend(graph) -> list:
    """Legend entries for the signs, relations and kinds the graph holds (the relation names come from its edges)."""
    relations_by_sign: dict = {}
    for _, _, data in graph.edges(data=True):
        sign = data.get("sign") or 0
        relations_by_sign.setdefault(sign, set()).add(str(data.get("relation", "")).replace("_", " "))
    handles = [Line2D([], [], color=SIGN_COLOURS.get(sign, OKABE_ITO["grey"]), linewidth=2,
                      label=f"{SIGN_MEANINGS.get(sign, sign)}: {', '.join(sorted(names))}")
               for sign, names in sorted(relations_by_sign.items(), key=lambda item: -item[0])]
    if any(d.get("certainty") not in ("asserted", "reported") for _, _, d in graph.edges(data=True)):
        handles.append(Line2D([], [], color=OKABE_ITO["black"], linestyle="--", label="not asserted (planned, possible)"))
    kinds = sorted({(d.get("kind") or "other") for _, d in graph.nodes(data=True)})
    handles += [Line2D([], [], marker=KIND_SHAPES.get(k, "o"), color="none", markerfacecolor=KIND_COLOURS.get(k, OKABE_ITO["grey"]),
                       markeredgecolor=OKABE_ITO["black"], markersize=9, label=k.replace("_", " ")) for k in kinds]
    return handles


def finish(name: str, folder: str | None = None, fig=None) -> None:
    """Show the current figure, first saving it as PNG and SVG under folder/figures when a folder is given."""
    from pathlib import Path

    from .tables import write_atomic

    fig = fig or plt.gcf()
    if folder:
        for fmt in ("png", "svg"):
            write_atomic(Path(folder) / "figures" / f"{name}.{fmt}",
                         lambda tmp, f=fmt: fig.savefig(tmp, format=f, dpi=150, bbox_inches="tight"))
    plt.show()


def role_breakdown(table: pd.DataFrame, top_sides: int = 6, ax=None):
    """Stacked bars: attributed claims per speaker role, split by the sides that speak most (others pooled)."""
    counts = table.copy()
    known = [c for c in counts.sum().sort_values(ascending=False).index if not str(c).startswith("(")][:top_sides]
    other = [c for c in counts.columns if c not in known]
    shown = counts[known].assign(**{"other or no side": counts[other].sum(axis=1)})
    shown = shown.loc[shown.sum(axis=1).sort_values().index]
    if ax is None:
        _, ax = plt.subplots(figsize=(8.5, max(2.5, 0.4 * len(shown) + 1.4)))
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow")]
    colours = palette[:len(known)] + [OKABE_ITO["grey"]]
    shown.plot.barh(stacked=True, ax=ax, color=colours, width=0.7)
    ax.set_xlabel("attributed claims")
    ax.set_ylabel("speaker role")
    ax.set_title("Who the speakers are, and whom they speak for")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(title="speaks for", fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1),
              labels=[_shorten(str(c), 28) for c in shown.columns])
    ax.figure.tight_layout()
    return ax
