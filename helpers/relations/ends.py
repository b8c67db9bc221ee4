"""Which actor a token stands for: the one place where a relation's ends are resolved.

``actor_of(ctx, token)`` is the seam the article model (issue 14) replaces: every rule asks it, and
nothing else in the package follows pronouns, relative pronouns, appositions or a claim's speaker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .schema import SUBJECTS, PASSIVE_SUBJECTS, MODIFIER_DEPS, RELATIVE_PRONOUNS, THIRD_PERSON_PRONOUNS, FIRST_PERSON_PRONOUNS, PARTICIPANT_ENTITY_LABELS
from .tokens import _phrase_bounds, _is_noun, _first_child, _is_person
from . import arguments


def actor_of(ctx, token, depth: int = 0):
    """The actor mention a token stands for, or None."""
    if token is None or depth > 3:
        return None
    mention = ctx.by_token.get(token.i)
    if mention is not None:
        return mention
    lower = token.lower_
    if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return actor_of(ctx, _antecedent(token), depth + 1)
    if lower in THIRD_PERSON_PRONOUNS:
        return reported_speaker(ctx, token, depth)
    if lower in FIRST_PERSON_PRONOUNS:   # the speaker, at the pronoun's words ('we' are the speaker's words)
        speaker = claim_speaker(ctx, token)
        return None if speaker is None else replace(
            speaker, start=token.idx, end=token.idx + len(token.text), text=token.text, label="PRON", source="pronoun")
    if not _is_noun(token):
        return None
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in ctx.lex["collective_nouns"]:
        return actor_of(ctx, token.head.head, depth + 1)   # "a collection of groups", "an alliance of militias"
    if token.lemma_.lower() in ctx.lex["identity_nouns"]:   # "Coalition partners": partners that are the Coalition
        named = [c for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i in ctx.by_token]
        if named:
            return ctx.by_token[named[0].i]
    # 'its partners', 'their enemies' name someone else than their owner; 'ISIS fighters' are ISIS
    other_party = getattr(ctx.lex["group_roles"].get(token.lemma_.lower()), "relation", "member_of") != "member_of"
    if not other_party and (token.lemma_.lower() in ctx.lex["force_nouns"]
                            or token.lemma_.lower() in ctx.lex["participant_kinds"]):
        owner = force_owner(ctx, token, depth)
        if owner is not None:   # the noun's own words, standing for the owner ('ISIS fighters', 'forces of Assad')
            right = token.right_edge
            inside = token.left_edge.idx <= owner.start and owner.end <= right.idx + len(right.text)
            if not inside or owner.label == "PRON":
                return owner    # 'X conducted strikes': X; 'its efforts': the pronoun, later shown by its name
            start, end = _phrase_bounds(token)
            start, end = min(start, owner.start), max(end, owner.end)
            return replace(owner, start=start, end=end, text=ctx.text[start:end], source="force")
    if token.dep_ == "appos" and token.head.i in ctx.by_token:
        return ctx.by_token[token.head.i]
    for child in token.children:
        if child.dep_ == "appos" and child.i in ctx.by_token:
            return ctx.by_token[child.i]
    return None


def force_owner(ctx, noun, depth: int = 0):
    """Whose forces or actions a noun names: 'ISIS fighters', "Assad's troops", 'forces of Assad',
    "the Iraqi government's advance"."""
    for child in noun.children:
        if child.dep_ in MODIFIER_DEPS and child.i < noun.i:
            owner = actor_of(ctx, child, depth + 1)
            if owner is not None:
                return owner
        if child.dep_ == "prep" and child.lower_ == "of" and noun.lemma_.lower() not in ctx.lex["control_nouns"]:
            owner = _first_child(child, "pobj")   # "forces of Assad"; "the liberation of X" is no deed of X's
            if owner is not None and owner.i in ctx.by_token:
                return ctx.by_token[owner.i]
    deed = noun.lemma_.lower() in ctx.lex["nouns"] or noun.lemma_.lower() in ctx.lex["deed_nouns"]
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and deed and depth < 3:
        above = noun.head.head   # "leading efforts in the campaign", "their role in the campaign": whose
        while above.pos_ == "ADV" and above.head.i != above.i:   # "elsewhere in the campaign"
            above = above.head
        if _is_noun(above) and (above.lemma_.lower() in ctx.lex["deed_nouns"] or above.lemma_.lower() in ctx.lex["nouns"]):
            return actor_of(ctx, above, depth + 1)
        if above.pos_ in ("VERB", "AUX") and not arguments.is_passive(ctx, above):   # "in the campaign, X has begun ..."
            for subject in arguments.subjects(ctx, above):
                owner = actor_of(ctx, subject, depth + 1)
                if owner is not None:
                    return owner
    if noun.dep_ == "dobj" and depth < 3 and deed:
        # "X conducted strikes": an action is its doer's ("X defeated the fighters": the fighters are not X's)
        for subject in arguments.subjects(ctx, noun.head):
            owner = actor_of(ctx, subject, depth + 1)
            if owner is not None:
                return owner
    return None


def reported_speaker(ctx, pronoun, depth):
    """'X announced that they ...': a pronoun subject of reported speech stands for the speaker."""
    clause = pronoun.head
    if pronoun.dep_ not in SUBJECTS + PASSIVE_SUBJECTS or clause.dep_ != "ccomp":
        return None
    speakers = [c for c in clause.head.children if c.dep_ in SUBJECTS]
    return actor_of(ctx, speakers[0], depth + 1) if speakers else None


def claim_speaker(ctx, pronoun):
    """'I' or 'we' inside an attributed claim stands for the claim's speaker: the actor the article model
    (helpers.model) resolved it to, shown by its mention in the speaker phrase; claim rows that were not
    resolved (tests that build them by hand) fall back to the phrase's mentions, a person first."""
    for claim in ctx.claims:
        if claim["start"] <= pronoun.idx < claim["end"]:
            start = claim.get("speaker_start")
            end = claim.get("speaker_end")
            if not isinstance(start, int) or not isinstance(end, int):
                return None
            span = ctx.doc.char_span(start, end, alignment_mode="expand")
            inside = [ctx.by_token[t.i] for t in span or [] if t.i in ctx.by_token]
            resolved = claim.get("speaker_actor_id")
            if resolved:
                same = [m for m in inside if m.actor_id == resolved] or ctx.mentions_by_actor.get(resolved, [])
                if same:
                    return same[0]
            people = [m for m in inside if _is_person(m)]
            return (people or inside or [None])[0]
    return None


def _mention_by_token(doc, mentions) -> dict:
    """Token index -> the longest mention covering that token."""
    index = {}
    usable = [m for m in mentions if isinstance(getattr(m, "start", None), int) and isinstance(getattr(m, "end", None), int)
              and getattr(m, "actor_id", "")]
    for mention in sorted(usable, key=lambda m: m.end - m.start):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                index[token.i] = mention
    return index


def _antecedent(relative):
    """What a relative pronoun stands for: the noun its clause modifies, but the noun before 'in' when that is
    a place and the pronoun is 'who' ('civilians in Gao who suffered': the civilians)."""
    antecedent = relative.head.head
    if relative.lower_ in ("who", "whom") and antecedent.dep_ == "pobj" and antecedent.head.lower_ == "in" \
            and antecedent.ent_type_ in PARTICIPANT_ENTITY_LABELS:
        return antecedent.head.head
    return antecedent


def state_of_nationality(ctx, token):
    """The state a nationality word stands for, as a mention at the word: 'Turkish' in 'Turkish President X'.

    Only the rules that say a nationality names its state ask this (a title before a name); the actors
    module keeps such words out of the actor mentions so that the state does not merge with the person.
    None when the word is no demonym of a state in the actor dictionary.
    """
    at_word = ctx.by_token.get(token.i)
    if at_word is not None and at_word.label != "DESC":
        return at_word
    # a description taken as the person's other name ('Chilean foreign minister X') holds the word: its state still
    dictionary = ctx.dictionary
    if token.ent_type_ != "NORP" or dictionary is None:
        return None
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    actor_id = dictionary.surfaces.get(span.text if span is not None else token.text, "")
    if not actor_id or ctx.kinds.get(actor_id) != "state":
        return None
    from ..actors import Mention

    start, end = (span.start_char, span.end_char) if span is not None else (token.idx, token.idx + len(token.text))
    return Mention(start, end, ctx.text[start:end], "NORP", source="demonym", dictionary_id=actor_id,
                   actor_id=actor_id, kind_votes=Counter({"state": 1}))
