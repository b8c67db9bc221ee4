"""Stances: praise and blame, "at the hands of", refusals, demands to leave, and sides fighting together."""

from __future__ import annotations

from .schema import Candidate, Participant, SUBJECTS, MODIFIER_DEPS, HYPHENS
from .tokens import _children, _first_child, _conjoined, _governing_verb, _clause_of
from . import ends, arguments


def stance_owners(ctx, thing) -> list:
    """Whose deed a stance is about: 'welcomed X's liberation of Y', 'condemned the attack by X' (X),
    "X and Y's brutality" (both)."""
    if thing.lemma_.lower() in ctx.lex["removal_nouns"]:   # "backed the ouster of Y (by X)": Y is no doer
        return [o for o in arguments.agents(ctx, thing, preposition="by") if ends.actor_of(ctx, o) is not None]
    # the parser often hangs "X's cruelty and Y's barbarity" as "[X's cruelty and Y]'s barbarity"
    modifiers = [m for m in thing.children if m.dep_ in MODIFIER_DEPS and m.i < thing.i and not arguments.line_break_between(ctx, m, thing)]
    owners = [o for m in modifiers for o in _conjoined(m) if ends.actor_of(ctx, o) is not None]
    if not owners:   # "the X panel's report": the panel is X's
        owners = [o for m in modifiers if m.dep_ == "poss" for o in arguments.modifier_actors(ctx, m)]
    if not owners and thing.i >= 2 and ctx.doc[thing.i - 1].lower_ in ("'s", "\u2019s", "'", "\u2019") \
            and thing.i - 2 in ctx.by_token:   # "X's savagery" with the possessive hung elsewhere
        owners.append(ctx.doc[thing.i - 2])
    patient_of = thing.lemma_.lower() in ctx.lex["control_nouns"]   # "the liberation of X": X is what was freed
    for prep in _children(thing, "prep"):
        if prep.lower_ == "by" or (prep.lower_ == "of" and not patient_of):
            owners += [o for o in _conjoined(_first_child(prep, "pobj")) if ends.actor_of(ctx, o) is not None]
    if getattr(ctx.lex["nouns"].get(thing.lemma_.lower()), "relation", "") == "allied_with":
        # "values its partnership with X": a tie is the partner's as much as one's own ('with' may hang on the verb)
        preps = _children(thing, "prep") + ([p for p in _children(thing.head, "prep") if p.i > thing.i]
                                            if thing.dep_ == "dobj" else [])
        owners += [o for prep in preps if prep.lower_ == "with"
                   for o in _conjoined(_first_child(prep, "pobj")) if party_of(ctx, o) is not None]
    for clause in thing.children:   # "welcomed the news that X had retaken Y": X
        if clause.dep_ in ("acl", "ccomp", "appos") and clause.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            owners += [o for o in _children(clause, "nsubj") if ends.actor_of(ctx, o) is not None]
    return owners


def stance_adjective_relations(ctx, adjective) -> list[Candidate]:
    """'X is grateful for Y's support', 'X is appalled by the attack by Y', 'proud of Y'."""
    trigger = ctx.lex["stance_adjectives"][adjective.lemma_.lower()]
    holder = adjective.head if adjective.dep_ in ("acomp", "amod", "conj") else adjective
    sources = arguments.subjects(ctx, holder) if holder.pos_ in ("VERB", "AUX") else []
    targets = []
    for prep in _children(adjective, "prep"):
        for thing in _conjoined(_first_child(prep, "pobj")):
            targets += [thing] if ends.actor_of(ctx, thing) is not None else stance_owners(ctx, thing)
            targets += [a for verb in _children(thing, "acl") for a in arguments.agents(ctx, verb)]
    for clause in _children(adjective, "ccomp"):   # "we are proud that X has ...": X
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            targets += [s for s in _children(clause, "nsubj") if arguments.participant_of(ctx, s) is not None]
    for verb in _children(adjective, "xcomp"):   # "pleased to meet X", "proud to serve alongside X"
        if verb.lemma_.lower() in ctx.lex["company_verbs"]:
            targets += [o for obj in _children(verb, "dobj") for o in _conjoined(arguments.party_named_by_of(ctx, obj))]
            targets += [o for prep in _children(verb, "prep") if prep.lower_ in ("with", "alongside")
                        for o in _conjoined(_first_child(prep, "pobj"))]
    return [c for source in sources for target in targets
            for c in arguments.candidates(ctx, source, target, trigger, adjective, by_verb=True)]


def pejorative_relations(ctx, word) -> list[Candidate]:
    """"Assad's brutality", 'the terrorism of X', 'the vile group X', 'a brutal attack by X': whoever says so
    (the speaker of the claim, else the sentence's subject) criticizes X."""
    if word.pos_ == "ADJ":
        if word.dep_ != "amod":
            return []
        described = word.head   # 'these brutal militants': people, even when no name says who they are
        targets = [described] if party_of(ctx, described) is not None else stance_owners(ctx, described)
    else:
        targets = stance_owners(ctx, word)
    trigger = ctx.lex["relation_triggers"]["criticizes"].renamed(word.lower_)
    return [Candidate(judge, mention, trigger, word) for judge in judges(ctx, word) for target in targets
            for mention in [arguments.participant_of(ctx, target)] if mention is not None]


def exclusion_relations(ctx, noun) -> list[Candidate]:
    """'a future in which X has no part', 'there is no place for X in Y': whoever says so (see ``judges``)
    criticizes X."""
    if not any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return []
    verb = noun.head
    excluded = [o for prep in _children(noun, "prep") if prep.lower_ == "for"
                for o in _conjoined(_first_child(prep, "pobj"))]
    if not excluded and noun.dep_ == "dobj" and verb.lemma_.lower() == "have":
        excluded = arguments.subjects(ctx, verb)
    excluded = [x for x in excluded if party_of(ctx, x) is not None]
    if not excluded:
        return []
    trigger = ctx.lex["exclusion_trigger"].renamed(f"no {noun.lower_}")
    # the anchor is the verb: the 'no' on the noun says what X lacks, it does not negate the criticism
    return [Candidate(judge, mention, trigger, verb) for judge in judges(ctx, noun)
            for x in excluded for mention in [party_of(ctx, x)]]


def hands_relations(ctx, hands) -> list[Candidate]:
    """'civilians who suffered at the hands of X', "the villagers' plight at the hands of X": X is the sufferers' enemy."""
    doers = [d for prep in _children(hands, "prep") if prep.lower_ == "of" for d in _conjoined(_first_child(prep, "pobj"))]
    holder = hands.head.head
    if holder.pos_ in ("VERB", "AUX"):
        sufferers = arguments.passive_targets(ctx, holder) if arguments.is_passive(ctx, holder) else arguments.subjects(ctx, holder)
    else:
        sufferers = [c for c in holder.children if c.dep_ in MODIFIER_DEPS and c.i < holder.i]
        sufferers += [o for prep in _children(holder, "prep") if prep.lower_ == "of" for o in _conjoined(_first_child(prep, "pobj"))]
        sufferers = sufferers or [holder]
    sufferers = [arguments.party_named_by_of(ctx, s) for s in sufferers]
    return [Candidate(mention, victim, ctx.lex["hands_trigger"], hands) for doer in doers for sufferer in sufferers
            for mention in [party_of(ctx, doer)] for victim in [party_of(ctx, sufferer)]
            if mention is not None and victim is not None]


def refusal_relations(ctx, verb, lemma) -> list[Candidate]:
    """'X will not allow Y to regroup', 'X will never let Y return', 'X denied Y a safe haven', 'deny any
    sanctuary to Y': X stands against Y."""
    if lemma in ctx.lex["refusal_verbs"]:
        if not any(c.dep_ == "neg" for c in verb.children):
            return []
        refused = [o for obj in _children(verb, "dobj") for o in _conjoined(obj)]
        refused += [s for clause in verb.children if clause.dep_ in ("ccomp", "xcomp") for s in arguments.subjects(ctx, clause)
                    if s.dep_ in SUBJECTS]   # "not allow Y to regroup": Y, not X again
    else:
        havens = [o for o in _children(verb, "dobj") if o.lemma_.lower() in ctx.lex["denial_nouns"]]
        if not havens:
            return []
        refused = [d for d in _children(verb, "dative") if d.pos_ != "ADP"]
        refused += [o for thing in [verb, *havens] for prep in thing.children
                    if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "for")
                    for o in _conjoined(_first_child(prep, "pobj"))]
    trigger = ctx.lex["refusal_trigger"].renamed(f"not {lemma}" if lemma in ctx.lex["refusal_verbs"] else lemma)
    found = []
    for source in arguments.subjects(ctx, verb):
        for target in refused:
            for c in arguments.candidates(ctx, source, target, trigger, verb):
                c.negation_is_stance = True
                found.append(c)
    return found


def removal_relations(ctx, noun) -> list[Candidate]:
    """'X called for the removal of Y', "X demanded Y's resignation", 'X backs the ouster of Y': X stands against Y."""
    verb = _governing_verb(noun)
    if verb is None or verb.lemma_.lower() not in ctx.lex["demand_verbs"]:
        return []
    removed = [o for prep in _children(noun, "prep") if prep.lower_ == "of" for o in _conjoined(_first_child(prep, "pobj"))]
    removed += [o for m in noun.children if m.dep_ == "poss" for o in _conjoined(m)]
    demanders = arguments.agents(ctx, verb) if arguments.is_passive(ctx, verb) else arguments.subjects(ctx, verb)
    trigger = ctx.lex["removal_trigger"].renamed(noun.lemma_.lower())
    # read on the verb: the removal is only asked for, the stance is said
    return [c for d in demanders for r in removed for c in arguments.candidates(ctx, d, r, trigger, verb)]


def departure_demands(ctx, verb) -> list[Candidate]:
    """'X called on Y to step down', 'X urged Y to leave', 'X called for Y to resign': X stands against Y."""
    departures = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl") and departure_phrase(ctx, c)]
    if not departures:
        return []
    asked = _children(verb, "dobj")
    asked += [o for prep in _children(verb, "prep") if prep.lower_ in ("on", "upon", "for") for o in _children(prep, "pobj")]
    asked += [s for clause in departures for s in _children(clause, "nsubj")]   # "called for Y to resign"
    trigger = ctx.lex["removal_trigger"].renamed(departure_phrase(ctx, departures[0]))
    return [c for d in arguments.subjects(ctx, verb) for target in asked for y in _conjoined(target)
            for c in arguments.candidates(ctx, d, y, trigger, verb)]


def departure_phrase(ctx, verb) -> str:
    """The departure a verb names, with its particle ('step down', 'resign'), or ''."""
    lemma = verb.lemma_.lower()
    phrases = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")] + [lemma]
    return next((p for p in phrases if p in ctx.lex["departure_verbs"]), "")


def judges(ctx, word) -> list:
    """Who passes the judgement a word makes: the speaker of the claim it sits in, else the subject of its
    sentence ('we' included, even when nothing says who 'we' are)."""
    speaker = ends.claim_speaker(ctx, word)
    if speaker is not None:
        return [speaker]
    return [m for s in word.sent.root.children if s.dep_ in ("nsubj", "nsubjpass")
            and (m := party_of(ctx, s)) is not None]


def party_of(ctx, token):
    """The actor, group, people or pronoun a token stands for (no weapon, site or place), or None."""
    mention = arguments.participant_of(ctx, token)
    if mention is None or (isinstance(mention, Participant) and mention.kind not in ("group", "people", "pronoun")):
        return None
    return mention


def joint_sides(ctx, sides, anchor) -> list[Candidate]:
    """'X, Y and Z are committed to defeating W': those who fight a common enemy together are allies."""
    trigger = ctx.lex["relation_triggers"]["allied_with"].renamed("together")
    return [c for i, one in enumerate(sides) for other in sides[i + 1:]
            for c in arguments.candidates(ctx, one, other, trigger, anchor)]


def together_relations(ctx, preposition) -> list[Candidate]:
    """'X, together with Y, ...', 'X, along with Y': the two act side by side."""
    if not any(c.lower_ in ("together", "along") for c in preposition.children) and \
            not (preposition.i > 0 and ctx.doc[preposition.i - 1].lower_ in ("together", "along")):
        return []
    partner = _first_child(preposition, "pobj")
    holder = preposition.head
    if partner is None or holder.pos_ not in ("NOUN", "PROPN"):
        holder = next(iter(arguments.subjects(ctx, holder)), None) if holder.pos_ in ("VERB", "AUX") else None
    if holder is None or partner is None:
        return []
    trigger = ctx.lex["relation_triggers"]["allied_with"].renamed("together with")
    return [c for other in _conjoined(partner) for c in arguments.candidates(ctx, holder, other, trigger, preposition)]


def with_phrase_relations(ctx, preposition) -> list[Candidate]:
    """'X stands shoulder to shoulder with Y': a phrase right before 'with' relates the clause's subject to Y."""
    before = ctx.doc[max(preposition.sent.start, preposition.i - 6):preposition.i]
    words = [t.lower_ for t in before if t.text not in HYPHENS]   # "shoulder-to-shoulder" too
    phrase = next((p for p in ctx.lex["with_phrases"] if words[-len(p.split()):] == p.split()), None)
    partner = _first_child(preposition, "pobj")
    if phrase is None or partner is None:
        return []
    trigger = ctx.lex["with_phrases"][phrase]
    holders = arguments.subjects(ctx, _clause_of(preposition.head))
    return [c for holder in holders for other in _conjoined(partner)
            for c in arguments.candidates(ctx, holder, other, trigger, preposition)]
