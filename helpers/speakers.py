"""Who a claim's speaker is: its role (official, spokesperson, military, ...) and the side it speaks for.

Read on the finished claims and actor rows of one article (no parsing of its
own): the speaker phrase as written ("a spokesman for the group", "residents",
"the report"), the role the article gives the speaker's actor ("Foreign
Minister"), and the actor's kind. The words are data in
``lexicons/speakers.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import vocabulary

ROLES = ("official", "spokesperson", "military", "armed_group", "expert", "witness", "media", "document", "anonymous")
BODY_KINDS = frozenset({"state", "armed_group", "organization", "media", "group"})


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = vocabulary.lexicon("speakers")
    return {
        "role_words": {role: vocabulary.word_list(words) for role, words in raw["role_words"].items()},
        "anonymous_heads": vocabulary.words(raw["anonymous_heads"]),
        "role_of_kind": dict(raw["role_of_kind"]),
        "qualifier_words": vocabulary.words(raw["qualifier_words"]),
    }


def words_of(text) -> str:
    return " " + " ".join(re.findall(r"[a-z]+", str(text or "").lower().replace("\u2019", "'"))) + " "


def role_from_words(text) -> str:
    """The first role whose word or phrase appears in the text ("a spokesman for the army": spokesperson)."""
    padded = words_of(text)
    for role, words in lexicon()["role_words"].items():
        if any(f" {word} " in padded for word in words):
            return role
    return ""


def is_unnamed(speaker_text, speaker_type, actor_kind) -> bool:
    """"Officials said", "a source close to the talks", "a Syrian official": no named person speaks."""
    if speaker_type == "anonymous":
        return True
    head = head_words(speaker_text)[-1:]
    return bool(head) and head[0] in lexicon()["anonymous_heads"] and actor_kind != "person"


def head_words(text) -> list[str]:
    """The words of a phrase before what qualifies its head ("a source close to the talks": a source)."""
    words = words_of(text).split()
    cut = next((i for i, word in enumerate(words) if i and word in lexicon()["qualifier_words"]), len(words))
    return words[:cut]


def speaker_role(speaker_text, speaker_type, actor_kind, actor_role="") -> str:
    """One of ROLES, or "" when nothing says which: the phrase's words, then the actor's role, then its kind."""
    if speaker_type == "document" or role_from_words(speaker_text) == "document":
        return "document"
    if is_unnamed(speaker_text, speaker_type, actor_kind):
        return "anonymous"
    role = role_from_words(speaker_text) or role_from_words(actor_role)
    kind_role = lexicon()["role_of_kind"].get(actor_kind or "", "")
    if kind_role == "armed_group" and role in ("", "official"):
        return "armed_group"
    return role or kind_role


def side_of(actor_id, kind, member_of="", affiliation="") -> str:
    """The actor a speaker speaks for: a body for itself, a person for the body they hold a role in
    (member_of), else the one the text ties them to (affiliation); "" when none is known.

    The sources table's `side` and the claims table's `speaker_side` are both this."""
    if not isinstance(actor_id, str) or not actor_id:
        return ""
    if kind in BODY_KINDS:
        return actor_id
    side = member_of or affiliation
    return side if isinstance(side, str) else ""


def add_speaker_columns(claim_rows: list[dict], actor_rows: list[dict]) -> None:
    """Fill `speaker_role` and `speaker_side` on every attributed claim (None on the article's own voice).

    An unnamed or document source keeps its words and no named speaker: "Syrian
    officials said" is anonymous and speaks for Syria, it is not Syria speaking."""
    actors = {row["actor_id"]: row for row in actor_rows}
    # "Daniel Sneider, a lecturer at ..." then "Sneider said": every phrase the article names a speaker by
    phrases: dict[str, list[str]] = {}
    for row in claim_rows:
        if row.get("attributed") and row.get("speaker_actor_id"):
            phrases.setdefault(row["speaker_actor_id"], []).append(str(row.get("speaker_text") or ""))
    for row in claim_rows:
        if not row.get("attributed"):
            row["speaker_role"] = row["speaker_side"] = None
            continue
        actor = actors.get(row.get("speaker_actor_id")) or {}
        kind = actor.get("kind", "")
        known = " ; ".join([str(actor.get("role") or "")] + phrases.get(row.get("speaker_actor_id"), []))
        role = speaker_role(row.get("speaker_text"), row.get("speaker_type"), kind, known)
        row["speaker_role"] = role or None
        side = side_of(row.get("speaker_actor_id"), kind, actor.get("member_of", ""), actor.get("affiliation", ""))
        row["speaker_side"] = side or None
