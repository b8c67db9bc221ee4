"""Control of territory: "ISIS took Mosul", "the ISIS-held town", "ISIS has control of X", "X, the ISIS capital"."""

from __future__ import annotations

from .schema import Candidate, Participant
from .tokens import _children, _first_child, _place_named_by, _conjoined, _governing_verb, _overlap, _after_hyphen
from . import arguments


def control_relations(ctx, token, lemma) -> list[Candidate]:
    """Control of territory, as ``leads`` with a place as target: 'ISIS took Mosul', 'Mosul was captured by ISIS',
    'the ISIS-held town of X', 'ISIS has control of X', 'X, the self-proclaimed ISIS capital', 'the fall of X to ISIS'."""
    lex = ctx.lex
    pairs = []    # (holder token or mention, place token, holder is a mention)
    if token.pos_ in ("VERB", "AUX") and lemma in lex["control_verbs"] and not _after_hyphen(token):   # "ISIS-held"
        if arguments.is_passive(ctx, token):
            pairs += [(a, p, False) for a in arguments.agents(ctx, token) for p in arguments.passive_targets(ctx, token)]
        else:
            pairs += [(h, p, False) for h in arguments.subjects(ctx, token) for obj in _children(token, "dobj") for p in _conjoined(obj)]
    elif token.lower_ in lex["control_participles"]:
        holder = arguments.hyphen_source(ctx, token)
        if holder is not None and token.dep_ in ("amod", "compound", "acl", "nmod"):
            pairs.append((holder, _place_named_by(token.head), True))
    elif token.pos_ == "NOUN" and lemma in lex["control_nouns"]:
        places = [p for prep in _children(token, "prep") if prep.lower_ in ("of", "over")
                  for p in _conjoined(_first_child(prep, "pobj"))]
        holders = arguments.modifier_actors(ctx, token) + arguments.agents(ctx, token, preposition="to") + arguments.agents(ctx, token, preposition="by")
        verb = _governing_verb(token)
        if not holders and verb is not None and token.dep_ == "dobj" and verb.lemma_.lower() in lex["control_keeping_verbs"]:
            holders = arguments.subjects(ctx, verb)
        pairs += [(h, p, False) for h in holders for p in places]
    elif token.pos_ == "NOUN" and lemma in lex["seat_nouns"] and token.dep_ == "appos":
        pairs += [(h, token.head, False) for h in arguments.modifier_actors(ctx, token)]
    trigger = ctx.lex["control_trigger"].renamed(token.lower_)
    found = []
    for holder, place, holder_is_mention in pairs:
        if place is None:
            continue
        place = place if place.i in ctx.by_token else _place_named_by(place)
        for c in arguments.candidates(ctx, holder, place, trigger, token, source_is_token=not holder_is_mention):
            if isinstance(c.target, Participant) and _overlap(c.source, c.target):   # 'an ISIS-held tank'
                c.target = arguments.noun_participant(ctx, place, c.target.kind, token.idx + len(token.text) + 1)
            c.of_place = True
            found.append(c)
    return found
