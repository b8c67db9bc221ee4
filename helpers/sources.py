"""Whose words an article rests on: claims summarised per speaker and per side."""
from __future__ import annotations

import pandas as pd

from . import speakers

OWN_VOICE = "(the article's own voice)"
UNNAMED = "(unnamed source)"


def speaker_label(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """A readable speaker for each claim: the actor's name, the words of an unnamed source, or the article itself."""
    names = dict(zip(actors["actor_id"], actors["name"]))
    labels = []
    for row in claims.itertuples():
        if not row.attributed:
            labels.append(OWN_VOICE)
        elif isinstance(row.speaker_actor_id, str) and row.speaker_actor_id in names:
            labels.append(names[row.speaker_actor_id])
        elif isinstance(row.speaker_text, str) and row.speaker_text.strip():
            labels.append(" ".join(row.speaker_text.split()))
        else:
            labels.append(UNNAMED)
    return pd.Series(labels, index=claims.index, dtype="string")


def speaker_breakdown(claims: pd.DataFrame, actors: pd.DataFrame, include_own_voice: bool = False) -> pd.DataFrame:
    """One row per speaker: claims by quote type, words attributed, channels and relaying outlets, side."""
    data = claims.copy()
    data["speaker"] = speaker_label(data, actors)
    if not include_own_voice:
        data = data[data["attributed"].fillna(False).astype(bool)]
    if data.empty:
        return pd.DataFrame(columns=["speaker", "side", "claims", "words", "direct", "mixed", "indirect", "none", "channels", "via"])
    names = dict(zip(actors["actor_id"], actors["name"]))
    data["words"] = data["text"].fillna("").str.split().str.len()
    sides = speaker_sides(data, actors)
    data["side"] = [names.get(side, side) for side in sides]
    data["via_name"] = [names.get(v, v) if isinstance(v, str) else "" for v in data["via_actor_id"]]
    counts = pd.crosstab(data["speaker"], data["quote_type"])
    for column in ("direct", "mixed", "indirect", "none"):
        if column not in counts:
            counts[column] = 0
    grouped = data.groupby("speaker")
    table = pd.DataFrame({
        "side": grouped["side"].agg(_first_nonempty),
        "claims": grouped.size(),
        "words": grouped["words"].sum(),
    }).join(counts[["direct", "mixed", "indirect", "none"]])
    table["channels"] = grouped["channel"].agg(_joined)
    table["via"] = grouped["via_name"].agg(_joined)
    return table.sort_values(["claims", "words"], ascending=False).reset_index()


def speaker_sides(claims: pd.DataFrame, actors: pd.DataFrame) -> list[str]:
    """Each claim's speaker_side (an actor id, "" when none): the claims table's column where it has one, else
    worked out from the actors table by the same rule (speakers.side_of)."""
    if "speaker_side" in claims:
        return [side if isinstance(side, str) else "" for side in claims["speaker_side"]]
    rows = {row["actor_id"]: row for row in actors.to_dict("records")}

    def text(value) -> str:
        return value if isinstance(value, str) else ""
    return [speakers.side_of(a, text(rows.get(a, {}).get("kind")), text(rows.get(a, {}).get("member_of")),
                             text(rows.get(a, {}).get("affiliation"))) for a in claims["speaker_actor_id"]]


def own_voice_share(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: claims and words attributed to someone vs asserted in the article's own voice."""
    data = claims.assign(words=claims["text"].fillna("").str.split().str.len(),
                         attributed=claims["attributed"].fillna(False).astype(bool))
    table = data.pivot_table(index="article_id", columns="attributed", values="words", aggfunc="sum", fill_value=0)
    table = table.rename(columns={True: "attributed_words", False: "own_voice_words"})
    for column in ("attributed_words", "own_voice_words"):
        if column not in table:
            table[column] = 0
    table["own_voice_share"] = (table["own_voice_words"] / (table["attributed_words"] + table["own_voice_words"])).round(2)
    titles = articles.set_index("article_id")["title"]
    return table.join(titles).reset_index()[["article_id", "title", "attributed_words", "own_voice_words", "own_voice_share"]]


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def _first_nonempty(values) -> str:
    return next((v for v in values if isinstance(v, str) and v), "")


NO_ROLE = "(no role known)"
NO_SIDE = "(no side known)"


def role_side_table(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Attributed claims counted by speaker_role (rows) and speaker_side (columns, by name)."""
    data = claims[claims["attributed"].fillna(False).astype(bool)]
    names = dict(zip(actors["actor_id"], actors["name"]))
    roles = data.get("speaker_role", pd.Series(index=data.index, dtype="object")).fillna(NO_ROLE)
    sides = [names.get(side, side) or NO_SIDE for side in speaker_sides(data, actors)]
    if data.empty:
        return pd.DataFrame()
    return pd.crosstab(pd.Series(list(roles), name="speaker_role"), pd.Series(sides, name="speaker_side"))


def claims_without_role_or_side(claims: pd.DataFrame, actors: pd.DataFrame) -> tuple[int, int]:
    """(attributed claims with neither a speaker_role nor a speaker_side, attributed claims)."""
    data = claims[claims["attributed"].fillna(False).astype(bool)]
    roles = data.get("speaker_role", pd.Series(index=data.index, dtype="object"))
    neither = sum(1 for role, side in zip(roles, speaker_sides(data, actors)) if not isinstance(role, str) and not side)
    return neither, len(data)
