"""HTML views of the tables and of article text for the notebooks and reports.

Article text is untrusted: every piece of it is escaped for where it goes (an
element's text, or an attribute). ``table`` shows every row of a DataFrame;
JupyterLab shows it in a scrolling box, and a report page makes it sortable and
searchable with its one bundled script (``helpers/templates/static``).
"""
from __future__ import annotations

import html
import math
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

HIGHLIGHT = {  # colour-blind-safe tints (Okabe-Ito), with a text label as well as a colour
    "speaker": "#E69F0055", "cue": "#56B4E955", "content": "#009E7333", "quote": "#CC79A744",
}
TABLE_CLASS = "cn-table"      # the report's script turns every table of this class into a sortable, searchable one


class Table:
    """A DataFrame shown whole: every row, escaped, as an HTML table the report's script can sort and search.

    ``html_columns`` name columns whose cells are already safe HTML (made by
    ``highlight``); every other cell is escaped. A cell of a ``url`` column that
    is an http(s) address becomes a link. ``decimals`` fixes how fractions are written;
    ``wide_columns`` get room for a sentence in a report page.
    """

    def __init__(self, frame: pd.DataFrame, caption: str = "", html_columns=(), index: bool = False,
                 decimals: int | None = None, wide_columns=()):
        self.frame = frame.reset_index() if index else frame
        self.wide_columns = set(wide_columns)
        self.caption = caption
        self.html_columns = set(html_columns)
        self.decimals = decimals

    def __len__(self) -> int:
        return len(self.frame)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.frame.to_string(max_rows=20, max_colwidth=40)

    def html(self) -> str:
        """The table as escaped HTML, every row in it."""
        columns = list(self.frame.columns)
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
        numeric = [pd.api.types.is_numeric_dtype(self.frame[c]) and not pd.api.types.is_bool_dtype(self.frame[c])
                   for c in columns]
        rows = []
        for values in self.frame.itertuples(index=False, name=None):
            cells = []
            for column, value, is_number in zip(columns, values, numeric):
                style = ' class="cn-number"' if is_number else ' class="cn-wide"' if column in self.wide_columns else ""
                cells.append(f"<td{style}>{self._cell(column, value)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (f'<div class="cn-table-wrap" style="max-height:32em;overflow:auto">'
                f'<table class="{TABLE_CLASS}">{caption}<thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def _cell(self, column, value) -> str:
        if column in self.html_columns:
            return "" if _missing(value) else str(value)
        if self.decimals is not None and isinstance(value, (float, np.floating)) and not _missing(value):
            return f"{value:.{self.decimals}f}"
        text = cell_text(value)
        if column == "url" and is_web_address(text):
            return link(text, text)
        return html.escape(text)


def table(frame: pd.DataFrame, caption: str = "", html_columns=(), index: bool = False,
          decimals: int | None = None) -> Table:
    """Show every row of a table: in a report page it can be sorted (click a column) and filtered (type a name)."""
    return Table(frame, caption, html_columns, index, decimals)


def cell_text(value) -> str:
    """A table value as plain text: empty for missing, integers without '.0', booleans as true/false."""
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else f"{value:.3g}"
    return str(value)


def is_web_address(text) -> bool:
    """Whether a value is an http(s) address with a host: only those become links ('javascript:' never does)."""
    if not isinstance(text, str) or any(c.isspace() for c in text.strip()):
        return False
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def link(href: str, text: str) -> str:
    """An escaped link to a web address that opens without handing the report's page to it."""
    return f'<a href="{html.escape(href.strip(), quote=True)}" rel="noopener noreferrer">{html.escape(text)}</a>'


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Escape text and wrap the given non-overlapping (start, end, role) spans in labelled marks."""
    pieces, position = [], 0
    for start, end, role in sorted(s for s in spans if s[0] is not None and s[1] is not None):
        if start < position:
            continue
        pieces.append(html.escape(text[position:start]))
        pieces.append(f'<mark title="{role}" style="background:{HIGHLIGHT.get(role, "#eee")};padding:0 2px">'
                      f'{html.escape(text[start:end])}<sub style="font-size:65%;color:#444"> {role}</sub></mark>')
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def claims_in_context(claims: pd.DataFrame, bodies: dict[str, str], attributed_only: bool = True) -> Table:
    """Every claim in its sentence, speaker, cue and content marked: a table of all of them, sortable and searchable."""
    rows = claims
    if attributed_only:
        rows = rows[rows["attributed"].fillna(False).astype(bool)]
    records = []
    for row in rows.itertuples():
        body = bodies[row.article_id]
        start = min(v for v in (getattr(row, "sentence_start", None), row.start, row.speaker_start, row.cue_start)
                    if _is_int(v))
        end = max(v for v in (getattr(row, "sentence_end", None), row.end, row.speaker_end, row.cue_end) if _is_int(v))
        spans = [(row.speaker_start, row.speaker_end, "speaker"), (row.cue_start, row.cue_end, "cue"),
                 (row.start, row.end, "content")]
        spans = [(s - start, e - start, role) for s, e, role in spans if _is_int(s) and _is_int(e)]
        records.append({"article_id": row.article_id, "claim_id": row.claim_id, "speaker": row.speaker_text,
                        "quote_type": row.quote_type, "channel": row.channel, "via": row.via_actor_id,
                        "in context": highlight(body[start:end], spans)})
    columns = ["article_id", "claim_id", "speaker", "quote_type", "channel", "via", "in context"]
    return Table(pd.DataFrame(records, columns=columns), html_columns={"in context"}, wide_columns={"in context"})


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return isinstance(value, float) and math.isnan(value)
    except TypeError:
        return False


def _is_int(value) -> bool:
    return value is not None and not pd.isna(value)
