"""HTML views of article text for the notebooks. Article text is untrusted: every piece of it is escaped."""
from __future__ import annotations

import html

import pandas as pd

HIGHLIGHT = {  # colour-blind-safe tints (Okabe-Ito), with a text label as well as a colour
    "speaker": "#E69F0055", "cue": "#56B4E955", "content": "#009E7333", "quote": "#CC79A744",
}


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


def claims_in_context(claims: pd.DataFrame, bodies: dict[str, str], attributed_only: bool = True, limit: int = 40) -> str:
    """Each claim shown in its sentence with speaker, cue and content highlighted, as escaped HTML."""
    rows = claims
    if attributed_only:
        rows = rows[rows["attributed"].fillna(False).astype(bool)]
    blocks = []
    for row in rows.head(limit).itertuples():
        body = bodies[row.article_id]
        start = min(v for v in (row.sentence_start if "sentence_start" in rows else None, row.start,
                                row.speaker_start, row.cue_start) if _is_int(v))
        end = max(v for v in (row.sentence_end if "sentence_end" in rows else None, row.end,
                              row.speaker_end, row.cue_end) if _is_int(v))
        spans = [(row.speaker_start, row.speaker_end, "speaker"), (row.cue_start, row.cue_end, "cue"),
                 (row.start, row.end, "content")]
        spans = [(s - start, e - start, role) for s, e, role in spans if _is_int(s) and _is_int(e)]
        channel = f" · channel: {html.escape(row.channel)}" if isinstance(row.channel, str) and row.channel else ""
        via = f" · via: {html.escape(row.via_actor_id)}" if isinstance(row.via_actor_id, str) and row.via_actor_id else ""
        blocks.append(
            f'<div style="margin:0 0 .8em 0"><div style="font-size:80%;color:#555">{html.escape(row.article_id)} · '
            f'{html.escape(row.claim_id)} · {html.escape(str(row.quote_type))}{channel}{via}</div>'
            f'<div>{highlight(body[start:end], spans)}</div></div>')
    more = f"<p>… and {len(rows) - limit} more.</p>" if len(rows) > limit else ""
    return "<div>" + "".join(blocks) + more + "</div>"


def _is_int(value) -> bool:
    return value is not None and not pd.isna(value)
