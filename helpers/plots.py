"""Figures for the notebooks: titled, labelled, with a colour-blind-safe palette (Okabe-Ito)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

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
    ax.set_title(f"The {len(data)} most mentioned actors")
    kinds = [k for k in KIND_COLOURS if k in set(data["kind"])]
    ax.legend(handles=[Patch(color=KIND_COLOURS[k], label=k.replace("_", " ")) for k in kinds],
              title="kind", loc="lower right", fontsize="small")
    ax.figure.tight_layout()
    return ax


def timeline(rows: pd.DataFrame, published: str | None = None, title: str = "Timeline", ax=None):
    """Expressions on a date axis: points for days, bars for ranges, styled by event status."""
    data = rows.dropna(subset=["date_start"]).copy()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(2.5, 0.4 * len(data) + 1.2)))
    if data.empty:
        ax.text(0.5, 0.5, "no expression with a calendar date", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    data["start_date"] = pd.to_datetime(data["date_start"])
    data["end_date"] = pd.to_datetime(data["date_end"].fillna(data["date_start"]))
    data = data.sort_values(["start_date", "start"]).reset_index(drop=True)
    status_column = data["event_status"] if "event_status" in data else pd.Series("happened", index=data.index)
    for y, row in data.iterrows():
        style = STATUS_STYLES.get(status_column[y] if pd.notna(status_column[y]) else "happened", STATUS_STYLES["happened"])
        one_day = row.end_date == row.start_date
        if one_day:
            ax.plot(row.start_date, y, marker=style["marker"], color=style["color"], markersize=8, linestyle="none")
        else:
            ax.plot([row.start_date, row.end_date + pd.Timedelta(days=1)], [y, y], color=style["color"],
                    linestyle=style["linestyle"], linewidth=6, solid_capstyle="butt")
    labels = [_timeline_label(row) for row in data.itertuples()]
    ax.set_yticks(range(len(data)), labels, fontsize="small")
    ax.invert_yaxis()
    if published:
        ax.axvline(pd.Timestamp(published), color=OKABE_ITO["black"], linestyle="--", linewidth=1)
    ax.set_xlabel("date")
    ax.set_title(title)
    handles = [Line2D([], [], color=s["color"], marker=s["marker"], linestyle=s["linestyle"], label=k)
               for k, s in STATUS_STYLES.items() if k in set(status_column.dropna())]
    if published:
        handles.append(Line2D([], [], color=OKABE_ITO["black"], linestyle="--", label="published"))
    ax.legend(handles=handles, loc="best", fontsize="small", title="event")
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


def _timeline_label(row) -> str:
    event = f" — {row.event_text}" if isinstance(getattr(row, "event_text", None), str) and row.event_text else ""
    return _shorten(f"{row.text}{event} ({row.value})", 60)


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
    ax.legend(title="quotation", fontsize="small", loc="lower right")
    ax.figure.tight_layout()
    return ax
