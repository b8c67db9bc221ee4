"""The article model: every referring expression of one parsed article resolved once, for every table.

``build`` finds the actor mentions (names, acronyms and stated aliases,
surnames and spelling variants, metonyms, roles, descriptions, pronouns; see
helpers.actors), the claims and their speakers (helpers.claims), makes the two
agree on who each speaker is, applies the reader's corrections, and links
every claim's speaker and relay to an actor. Relations and the tables read
the result; no other module resolves a mention on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import actors, claims, corrections, vocabulary

SPEAKER_TYPE_OF_KIND = {"person": "person", "state": "state", "armed_group": "organization", "organization": "organization",
                        "media": "organization", "group": "organization", "place": "state", "other": "organization"}


@dataclass
class ArticleModel:
    """One article's resolved actors: its mentions (each with an actor id), actor rows, claims with speakers."""
    article_id: str
    mentions: list[actors.Mention]
    actors: list[dict]
    claims: list[dict]
    mention_rows: list[dict] = field(default_factory=list)
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)   # person id -> (role, body id)


def build(doc, article_id: str, dictionary: actors.ActorDictionary,
          fixes: corrections.Corrections | None = None) -> ArticleModel:
    """Resolve every mention and speaker of a parsed article once."""
    fixes = fixes or corrections.Corrections()
    mentions = actors.find_mentions(doc, dictionary)
    claim_rows = claims.extract_claims(doc, article_id)
    actors.add_speaker_mentions(doc, mentions, speaker_spans(claim_rows), dictionary)
    agree_on_pronoun_speakers(claim_rows, mentions)
    corrections.merge_mentions(mentions, fixes, dictionary)
    actor_rows = actors.article_actor_rows(article_id, mentions, dictionary)
    rows = mention_rows(article_id, mentions, {row["actor_id"]: row["name"] for row in actor_rows}, dictionary)
    corrections.correct_actor_rows(actor_rows, fixes)
    kinds = {row["actor_id"]: row["kind"] for row in actor_rows}
    roles = actors.role_in_text(doc, mentions, kinds, dictionary)
    link_claim_actors(claim_rows, mentions, kinds, roles)
    return ArticleModel(article_id, mentions, actor_rows, claim_rows, rows, roles)


def mention_rows(article_id: str, mentions: list[actors.Mention], names: dict[str, str],
                  dictionary: actors.ActorDictionary) -> list[dict]:
    """The mentions table's rows: where each mention is, how it was found (source) and how it was resolved."""
    return [{"article_id": article_id, "mention_id": f"m{number}", "start": m.start, "end": m.end,
             "text": m.text, "label": m.label, "actor_id": m.actor_id, "source": m.source,
             "resolution": actors.resolution_of(m, names.get(m.actor_id, m.text), dictionary)}
            for number, m in enumerate(mentions, 1)]

def speaker_bounds(row: dict) -> tuple:
    """A claim's speaker name: what its speaker phrase refers to (speaker_ref_*), else the phrase itself."""
    start = row.get("speaker_ref_start") if row.get("speaker_ref_start") is not None else row.get("speaker_start")
    end = row.get("speaker_ref_end") if row.get("speaker_ref_end") is not None else row.get("speaker_end")
    return start, end


def speaker_spans(claim_rows: list[dict]) -> list[tuple[int, int]]:
    """The (start, end) of each attributed claim's speaker name, where it has one."""
    bounds = [speaker_bounds(row) for row in claim_rows if row.get("attributed")]
    return [(start, end) for start, end in bounds if start is not None and end is not None]


def link_claim_actors(claim_rows: list[dict], mentions: list[actors.Mention], kinds: dict[str, str],
                       roles: dict[str, tuple[str, str]] | None = None) -> None:
    """Fill speaker_actor_id and via_actor_id from the mentions under the speaker and relay spans.

    The speaker's type follows the actor's kind where the actor is known (a named
    armed group is an organization even when the NER took it for a person).
    """
    for row in claim_rows:
        start, end = speaker_bounds(row)
        row["speaker_actor_id"] = actor_under(mentions, start, end)
        holder = role_holder(row, row["speaker_actor_id"], kinds, roles or {})
        if holder:
            row["speaker_actor_id"] = holder
        row["via_actor_id"] = actor_under(mentions, row.get("via_start"), row.get("via_end"))
        kind = kinds.get(row["speaker_actor_id"])
        if kind and row.get("speaker_type") not in ("document", "own_voice"):
            row["speaker_type"] = SPEAKER_TYPE_OF_KIND.get(kind, row.get("speaker_type"))


def role_holder(row: dict, body: str | None, kinds: dict[str, str], roles: dict[str, tuple[str, str]]) -> str | None:
    """"Russia's envoy said": the one person the article gives that role in that body (Vassily Nebenzia, whom it
    called Russia's ambassador), rather than Russia itself; None when the text names no such single person."""
    words = str(row.get("speaker_text") or "").lower().replace("\u2019", "'").split()
    if not words or words[-1].rstrip(".,") not in vocabulary.shared().person_nouns or kinds.get(body) == "person":
        return None
    if body:
        holders = [person for person, (_, member_of) in roles.items() if member_of == body]
    elif words[0] == "the" and len(words) == 2:   # "the president said": the one person the article calls so
        holders = [person for person, (role, _) in roles.items() if role.lower().split()[-1:] == words[-1:]]
    else:
        return None
    return holders[0] if len(holders) == 1 else None


def agree_on_pronoun_speakers(claim_rows: list[dict], mentions: list[actors.Mention]) -> None:
    """'He said ...': the pronoun's mention takes the actor the claim's speaker resolved to, so that the mentions
    and the claims tables say the same about who "he" is (the speaker's antecedent weighs who spoke before)."""
    for row in claim_rows:
        start, end = row.get("speaker_start"), row.get("speaker_end")
        ref_start, ref_end = row.get("speaker_ref_start"), row.get("speaker_ref_end")
        if None in (start, end, ref_start, ref_end) or (ref_start, ref_end) == (start, end):
            continue
        pronouns = [m for m in mentions if m.label == "PRON" and start <= m.start and m.end <= end]
        speaker = actor_under(mentions, ref_start, ref_end)
        if len(pronouns) == 1 and speaker and end - start <= len(pronouns[0].text) + 1:
            pronouns[0].actor_id = speaker


def actor_under(mentions: list[actors.Mention], start, end) -> str | None:
    """The actor of the mention that best covers a span: the head-most (last) named mention inside it."""
    if start is None or end is None:
        return None
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.label != "NORP"]
    if not inside:
        inside = [m for m in mentions if m.start < end and start < m.end]
    if not inside:
        return None
    # "a PMF leader Sami al-Masoudi" and "Sami al-Masoudi, a PMF leader" both name the person:
    # prefer people, then the first mention (the head of an English noun phrase comes first in appositions).
    people = [m for m in inside if m.label == "PERSON"]
    return (people or inside)[0].actor_id
