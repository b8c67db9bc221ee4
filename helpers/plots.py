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
        ax.set_title(title)
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
    ax.set_title(title)
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
SIGN_NAMES = {1: "supports / allied / praises", -1: "fights / criticizes", 0: "leads / member of"}
KIND_SHAPES = {"person": "o", "armed_group": "s", "state": "D", "organization": "h", "media": "v",
               "place": "p", "group": "^", "other": "o"}


def network(graph, blocs: pd.DataFrame | None = None, title: str = "Who backs and fights whom", ax=None):
    """The signed actor network: blocs laid out apart, edges coloured by sign, dashed where not asserted."""
    import networkx as nx

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 7.5))
    ax.set_title(title)
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no relation between actors", ha="center", va="center", transform=ax.transAxes)
        return ax
    bloc_of = dict(zip(blocs["actor_id"], blocs["bloc"])) if blocs is not None and len(blocs) else {}
    positions = _bloc_layout(graph, bloc_of)
    _shade_blocs(ax, positions, bloc_of)
    for source, target, data in graph.edges(data=True):
        sign = data.get("sign") or 0
        asserted = data.get("certainty") in ("asserted", "reported")
        nx.draw_networkx_edges(graph, positions, edgelist=[(source, target)], ax=ax, edge_color=SIGN_COLOURS.get(sign),
                               style="solid" if asserted else "dashed", width=1.2 + 0.8 * min(data.get("weight", 1), 4),
                               arrows=True, arrowsize=14, node_size=700, connectionstyle="arc3,rad=0.08")
    for kind, shape in KIND_SHAPES.items():
        nodes = [n for n, d in graph.nodes(data=True) if (d.get("kind") or "other") == kind]
        if nodes:
            nx.draw_networkx_nodes(graph, positions, nodelist=nodes, node_shape=shape, node_size=700, ax=ax,
                                   node_color=KIND_COLOURS[kind], edgecolors=OKABE_ITO["black"], linewidths=0.8)
    labels = {n: _shorten(d.get("name") or n, 22) for n, d in graph.nodes(data=True)}
    label_positions = {n: (x, y - 0.17) for n, (x, y) in positions.items()}
    nx.draw_networkx_labels(graph, label_positions, labels=labels, font_size=8.5, ax=ax,
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    edge_handles = [Line2D([], [], color=SIGN_COLOURS[s], linewidth=2, label=SIGN_NAMES[s]) for s in (1, -1, 0)]
    edge_handles.append(Line2D([], [], color=OKABE_ITO["black"], linestyle="--", label="not asserted (planned, possible)"))
    kinds = sorted({(d.get("kind") or "other") for _, d in graph.nodes(data=True)})
    node_handles = [Line2D([], [], marker=KIND_SHAPES[k], color="none", markerfacecolor=KIND_COLOURS[k],
                           markeredgecolor=OKABE_ITO["black"], markersize=10, label=k.replace("_", " ")) for k in kinds]
    ax.legend(handles=edge_handles + node_handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small",
              title="relations and kinds")
    ax.margins(0.12)
    ax.figure.tight_layout()
    return ax


def _bloc_layout(graph, bloc_of: dict) -> dict:
    """Positions with each bloc laid out on its own and the blocs set side by side on a circle."""
    import math

    import networkx as nx

    groups: dict = {}
    for node in sorted(graph.nodes):
        groups.setdefault(bloc_of.get(node, -1), []).append(node)
    positions = {}
    count = len(groups)
    largest = max(len(nodes) for nodes in groups.values())
    radius = 0 if count == 1 else 1.4 + 0.25 * count + 0.2 * largest
    for index, (_, nodes) in enumerate(sorted(groups.items(), key=lambda item: (item[0] == -1, item[0]))):
        angle = 2 * math.pi * index / max(count, 1)
        centre = (radius * math.cos(angle), radius * math.sin(angle))
        sub = graph.subgraph(nodes).to_undirected()
        # small blocs on a circle (no two labels meet), large ones by force layout
        if len(nodes) == 1:
            local = {nodes[0]: (0.0, 0.0)}
        elif len(nodes) <= 8:  # from the top, clockwise: two nodes stand one above the other, labels apart
            ordered = sorted(sub.nodes, key=lambda n: (-sub.degree(n), n))
            local = {n: (math.cos(math.pi / 2 - 2 * math.pi * i / len(ordered)),
                         math.sin(math.pi / 2 - 2 * math.pi * i / len(ordered))) for i, n in enumerate(ordered)}
        else:
            local = nx.spring_layout(sub, seed=7, k=2.0 / len(nodes) ** 0.5, iterations=200)
        scale = 0.5 + 0.22 * len(nodes)
        for node, (x, y) in local.items():
            positions[node] = (centre[0] + scale * x, centre[1] + scale * y)
    return positions


def _shade_blocs(ax, positions: dict, bloc_of: dict) -> None:
    """A light rounded box behind each bloc of two or more actors, labelled with its number."""
    from matplotlib.patches import FancyBboxPatch

    groups: dict = {}
    for node, bloc in bloc_of.items():
        if node in positions:
            groups.setdefault(bloc, []).append(positions[node])
    for bloc, points in groups.items():
        if len(points) < 2:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = FancyBboxPatch((min(xs) - 0.45, min(ys) - 0.4), max(xs) - min(xs) + 0.9, max(ys) - min(ys) + 0.95,
                             boxstyle="round,pad=0.05", facecolor=OKABE_ITO["yellow"], alpha=0.15, edgecolor="none")
        ax.add_patch(box)
        ax.text(min(xs) - 0.42, max(ys) + 0.27, f"bloc {bloc}", fontsize=9, color="#555555", va="bottom")


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
