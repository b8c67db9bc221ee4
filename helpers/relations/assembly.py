"""Candidates become rows: kinds of ends checked, control settled, duplicates dropped, the contract's columns filled."""

from __future__ import annotations

from .schema import Candidate, Participant, STRUCTURAL, FIRST_PERSON_PRONOUNS, OBJECT_KINDS, CONTROLLED_KINDS
from .tokens import _overlap, _as_state, _is_place, _is_person
from . import certainty


def rows(ctx, article_id, candidates) -> list[dict]:
    rows, seen = [], set()
    for candidate in candidates:
        if acts_as_state(ctx, candidate):
            candidate.source = _as_state(candidate.source)
        settle_control(ctx, candidate)
        if not acceptable(ctx, candidate):
            continue
        source, target = candidate.source, candidate.target
        # one row per trigger and pair of actors, even when a description and a name both cover one end
        key = (source.actor_id or source.start, target.actor_id or target.start, candidate.trigger.relation, candidate.anchor.i)
        if key in seen:
            continue
        candidate.source = named_in_sentence(ctx, source, candidate)
        candidate.target = named_in_sentence(ctx, target, candidate)
        sureness = certainty.certainty(ctx, candidate)
        # and one per pair of spans, relation and certainty, when two triggers say it ("launched airstrikes against X")
        same = (candidate.source.start, candidate.source.end, candidate.target.start, candidate.target.end,
                candidate.trigger.relation, sureness)
        if same in seen:
            continue
        seen.update((key, same))
        rows.append(row(ctx, article_id, len(rows) + 1, candidate, sureness))
    return rows


def settle_control(ctx, candidate: Candidate) -> None:
    """``controls`` when an actor holds a place or site, ``leads`` when it heads an actor, whatever the word:
    'X controls Mosul', 'he commanded a garrison' (controls); 'Iran controls the militia' (leads);
    'Ontario's premier' (leads: a person heads a place's government)."""
    relation, kind = candidate.trigger.relation, end_kind(ctx, candidate.target)
    if relation == "controls" and kind not in CONTROLLED_KINDS and not _is_territory(ctx, candidate.target):
        candidate.trigger = ctx.lex["relation_triggers"]["leads"].renamed(candidate.trigger.word)
        candidate.of_place = False
    elif relation in ("controls", "leads") and (kind == "site" or (kind == "place" and not (
            not isinstance(candidate.source, Participant) and _is_person(candidate.source)))):
        candidate.trigger = ctx.lex["control_trigger"].renamed(candidate.trigger.word)
        candidate.of_place = True


def _is_territory(ctx, end) -> bool:
    """Whether an actor end of a control stands for land: a state ('X controls a third of Syria') or a place noun
    standing for its owner ("Syria's territory")."""
    if isinstance(end, Participant):
        return False
    dictionary_id = getattr(end, "dictionary_id", "")
    return getattr(end, "source", "") == "force" or end.label == "GPE" or (ctx.kinds.get(dictionary_id) == "state")


def named_in_sentence(ctx, mention, candidate):
    """A pronoun or appositive description replaced by its actor's name when the same sentence names it.

    ('The EU is united in its condemnation of X': the EU, not 'its'.) The
    row then shows the name; a pronoun whose name is in an earlier sentence stays.
    """
    source = getattr(mention, "source", "")
    if source not in ("pronoun", "apposition") or (source == "pronoun" and mention.text.lower() in FIRST_PERSON_PRONOUNS):
        return mention   # 'we' in a quotation are the speaker's words, not the name beside them
    sentence = candidate.anchor.sent
    other = candidate.target if mention is candidate.source else candidate.source
    names = [m for m in ctx.mentions_by_actor.get(mention.actor_id, ())
             if sentence.start_char <= m.start and m.end <= sentence.end_char
             and m.label not in ("PRON", "DESC") and not _overlap(m, other)]
    return min(names, key=lambda m: abs(m.start - mention.start)) if names else mention


def acts_as_state(ctx, candidate: Candidate) -> bool:
    """Whether the source is a country name the dictionary does not know, doing what only a party does:
    'Rwanda supported the army', 'Kenya attacked al-Shabaab', 'Moscow backs Assad' (its government does)."""
    source = candidate.source
    return (not isinstance(source, Participant) and source.label == "GPE" and not source.dictionary_id
            and candidate.by_verb and candidate.trigger.relation not in STRUCTURAL and not candidate.of_place)


def end_kind(ctx, mention) -> str:
    """What one end of a relation is: 'actor', 'place', or a participant's kind."""
    if isinstance(mention, Participant):
        return mention.kind
    return "place" if _is_place(mention, ctx.kinds) else "actor"


def acceptable(ctx, candidate: Candidate) -> bool:
    """Whether a candidate relates two different parties that can take part in it."""
    source, target, relation = candidate.source, candidate.target, candidate.trigger.relation
    if _overlap(source, target) or (source.actor_id and source.actor_id == target.actor_id):
        return False
    kinds = (end_kind(ctx, source), end_kind(ctx, target))
    if set(kinds) & set(OBJECT_KINDS):
        return False   # owning or using a car, a home or a weapon is no relation between actors
    if kinds != ("actor", "actor") and not (candidate.of_place and kinds[0] == "actor"):
        if relation == "fights" and candidate.trigger.word in ctx.lex["control_verbs"] and kinds[1] not in ("actor", "group", "people", "pronoun"):
            return False   # "ISIS captured the dam" is control of the dam (a control rule), no fight with it
        if relation == "leads" and kinds[1] == "place" and (isinstance(source, Participant) or not _is_person(source)):
            return False   # a person heads a place's government ("Ontario's premier"); nobody else leads a place
        accepted = ctx.lex["participant_ends"].get(relation, {})
        return kinds[0] in accepted.get("source", ()) and kinds[1] in accepted.get("target", ())
    if candidate.of_place:   # control of what the tagger took for a group ('control of Homs') is still control
        return kinds[1] in ("place", "site", "actor") and not _is_person(target)
    if relation in STRUCTURAL and _is_person(target) and candidate.trigger.word not in ctx.lex["appointing_verbs"]:
        return False   # nobody is a member of a person ("X joined Y" with Y a person is a meeting)
    if relation == "member_of" and candidate.by_verb and target.label == "GPE":
        return False   # "forces joined Jordan in an exercise"
    return True


def row(ctx, article_id, number, candidate, certainty: str) -> dict:
    text, source, target, trigger = ctx.text, candidate.source, candidate.target, candidate.trigger
    sentence = candidate.anchor.sent
    start, end = sentence.start_char, sentence.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return {
        "article_id": article_id, "relation_id": f"r{number}",
        "source_actor_id": source.actor_id or None, "target_actor_id": target.actor_id or None,
        "relation": trigger.relation, "sign": trigger.sign, "certainty": certainty,
        "source_start": source.start, "source_end": source.end,
        "target_start": target.start, "target_end": target.end,
        "evidence_start": start, "evidence_end": end,
        "quad_class": None if trigger.relation in STRUCTURAL else trigger.quad_class,
        "trigger": trigger.word,
        "source_text": text[source.start:source.end], "target_text": text[target.start:target.end],
        "evidence_text": text[start:end],
        "source_kind": end_kind(ctx, source), "target_kind": end_kind(ctx, target),
    }


def is_control_of_place(row: dict) -> bool:
    """Whether a row states control of territory ('ISIS-held Mosul': ``controls``), which is no affiliation."""
    return row.get("relation") == "controls"
