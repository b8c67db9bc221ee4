"""Deeds between actors: verbs, participles and nouns of backing and fighting ("Iran backs X", "the Iran-backed X",
"the SDF's fight against X"), what is sent to whom, what is taken from whom, and fights shared by allies."""

from __future__ import annotations

from .schema import Candidate, MODIFIER_DEPS, HYPHENS
from .tokens import _children, _first_child, _place_named_by, _conjoined, _governing_verb, _as_part_of, _clause_of, _deed_root, _same_party
from . import ends, arguments, stances, membership


def verb_relations(ctx, verb, lemma) -> list[Candidate]:
    """'X backs Y', 'Y is backed by X', 'Y, backed by X', 'X pushed Y out', 'X took the town from Y', 'X sent arms to Y'."""
    phrase = arguments.particle_phrase(ctx, verb, lemma)
    trigger = ctx.lex["verb_particles"].get(phrase) if phrase else None
    key = phrase if trigger else lemma
    trigger = trigger or ctx.lex["verbs"].get(lemma)
    if trigger is None:
        if lemma in ctx.lex["inclusion_verbs"] or membership.inclusion_preposition(ctx, verb, lemma) is not None:
            return membership.inclusion_relations(ctx, verb, lemma)
        if lemma in ctx.lex["supply_verbs"]:
            return supply_relations(ctx, verb)
        if lemma in ctx.lex["from_verbs"]:
            return from_relations(ctx, verb)
        return []
    if arguments.is_hyphen_participle(ctx, verb):
        return []   # "Iran-backed": the participle rule reads it
    if arguments.is_passive(ctx, verb):
        sources = [(a, False) for a in arguments.agents(ctx, verb) or event_agents(ctx, verb)
                   or [a for other in verb.conjuncts for a in event_agents(ctx, other)]]
        targets = [(t, False) for t in arguments.passive_targets(ctx, verb)]
    else:
        sources = [(s, False) for s in arguments.subjects(ctx, verb)]
        targets = arguments.objects(ctx, verb, key)
        # a stance may be about people no name identifies ('praised the villagers'), support only about parties
        party = stances.party_of if trigger.relation != "supports" else ends.actor_of
        if trigger.relation in ("praises", "criticizes", "supports") and not any(party(ctx, t) for t, _ in targets):
            # "welcomed X's liberation of Y", "supported the retaking of Y by X": whoever did the deed
            targets = [(o, False) for obj in _children(verb, "dobj") for o in stances.stance_owners(ctx, obj)]
    found = [c for target, negated in targets for source, _ in sources
             for c in arguments.candidates(ctx, source, target, trigger, verb, negated, by_verb=True)]
    if trigger.relation == "fights" and len(sources) > 1 and (found or _children(verb, "dobj")):
        found += stances.joint_sides(ctx, [s for s, _ in sources], verb)
    return found


def event_agents(ctx, verb) -> list:
    """Who did a passive deed named by an event after 'in': 'killed in a raid by X', 'in a strike conducted by X'."""
    found = []
    for prep in _children(verb, "prep"):
        event = _first_child(prep, "pobj") if prep.lower_ in ("in", "during") else None
        if event is None or event.lemma_.lower() not in ctx.lex["nouns"]:
            continue
        found += arguments.agents(ctx, event, preposition="by") + [a for acl in _children(event, "acl") for a in arguments.agents(ctx, acl)]
        found += arguments.modifier_actors(ctx, event)
    return found


def prepositional_verb_relations(ctx, verb, lemma) -> list[Candidate]:
    """'X fought alongside Y', 'X used chemical weapons against Y', 'X belongs to Y'."""
    found = []
    if lemma not in ctx.lex["prepositional_verb_heads"]:
        return found
    on_objects = [p for obj in _children(verb, "dobj") for o in _conjoined(obj) for p in _children(o, "prep")]
    for prep in list(verb.children) + on_objects:   # "used weapons against X" with "against" on "weapons"
        if prep.dep_ not in ("prep", "dative", "prt", "advmod"):
            continue
        trigger = ctx.lex["prepositional_verbs"].get(f"{lemma} {prep.lower_}")
        if trigger is None:
            continue
        targets = arguments.with_rather_than(ctx, _first_child(prep, "pobj")) if prep.dep_ in ("prep", "dative") \
            else arguments.objects(ctx, verb, f"{lemma} {prep.lower_}")
        sources = arguments.subjects(ctx, verb) if not arguments.is_passive(ctx, verb) else arguments.passive_targets(ctx, verb)
        found += [c for target, negated in targets for source in sources
                  for c in arguments.candidates(ctx, source, target, trigger, verb, negated, by_verb=True)]
    return found


def supply_relations(ctx, verb) -> list[Candidate]:
    """'X sent weapons to Y', 'X provided Y with training', 'sending Iranian weapons to Y'."""
    things = [t for t in _children(verb, "dobj") if t.lemma_.lower() in ctx.lex["supply_nouns"]]
    receivers = [p for prep in verb.children if prep.dep_ in ("dative", "prep") and prep.lower_ in ("to", "for")
                 for p in _conjoined(_first_child(prep, "pobj"))]
    receivers += [d for d in _children(verb, "dative") if d.pos_ != "ADP"]
    with_things = [p for prep in _children(verb, "prep") if prep.lower_ == "with"
                   for p in _children(prep, "pobj") if p.lemma_.lower() in ctx.lex["supply_nouns"]]
    if with_things:   # "provided Y with weapons": the object is the receiver
        receivers += _children(verb, "dobj")
        things = with_things
    if not things or not receivers:
        return []
    givers = [m for thing in things for m in arguments.modifier_actors(ctx, thing)]
    givers = givers or (arguments.agents(ctx, verb) if arguments.is_passive(ctx, verb) else arguments.subjects(ctx, verb))
    trigger = ctx.lex["supply_trigger"].renamed(f"{verb.lemma_.lower()} to")
    return [c for giver in givers for receiver in receivers for c in arguments.candidates(ctx, giver, receiver, trigger, verb)]


def from_relations(ctx, verb) -> list[Candidate]:
    """'X seized the villages from Y': X fights Y, and Y held the villages."""
    places = arguments.passive_targets(ctx, verb) if arguments.is_passive(ctx, verb) else \
        [o for obj in _children(verb, "dobj") for o in _conjoined(obj)]
    losers = [p for holder in [verb, *places] for prep in _children(holder, "prep") if prep.lower_ == "from"
              for p in _conjoined(_first_child(prep, "pobj"))]
    if not losers:
        return []
    takers = arguments.agents(ctx, verb) if arguments.is_passive(ctx, verb) else arguments.subjects(ctx, verb)
    trigger = ctx.lex["from_trigger"].renamed(f"{verb.lemma_.lower()} from")
    found = [c for taker in takers for loser in losers for c in arguments.candidates(ctx, taker, loser, trigger, verb)]
    held = ctx.lex["control_trigger"].renamed("held")
    for loser in losers:
        for place in places:
            for c in arguments.candidates(ctx, loser, _place_named_by(place), held, verb):
                c.of_place = True
                found.append(c)
    return found


def participle_relations(ctx, participle) -> list[Candidate]:
    """'Iran-backed militias', 'the Kurdish-led SDF', 'groups affiliated with X', 'X, allied with Y'."""
    trigger = ctx.lex["participles"][participle.lower_]
    named = arguments.hyphen_source(ctx, participle)
    if named is not None:
        if participle.dep_ not in ("amod", "compound", "acl", "nmod"):
            return []
        return arguments.candidates(ctx, named, participle.head, trigger, participle, source_is_token=False)
    if trigger.relation not in ("allied_with", "member_of"):
        return []
    holders = [participle.head] if participle.dep_ in ("acl", "amod") else \
        arguments.subjects(ctx, participle) + arguments.passive_targets(ctx, participle)
    others = [p for prep in _children(participle, "prep") if prep.lower_ in ("with", "to")
              for p in _conjoined(_first_child(prep, "pobj"))]
    return [c for h in holders for o in others for c in arguments.candidates(ctx, h, o, trigger, participle)]


def noun_relations(ctx, noun, lemma) -> list[Candidate]:
    """'the SDF's fight against ISIS', 'U.S. support for X', 'X launched an offensive on Y', 'a linkup with Y'."""
    trigger = ctx.lex["nouns"][lemma]
    sides = hyphenated_sides(ctx, noun)
    if sides:   # "the Iran-Iraq war", "a U.S.-Iraqi partnership"
        return arguments.candidates(ctx, sides[0], sides[1], trigger, noun)
    allowed = ctx.lex["noun_prepositions"].get(lemma, ctx.lex["noun_prepositions"].get("_default", set()))
    after_in = noun.dep_ == "pobj" and noun.head.lower_ == "in"      # "in support of X"
    targets, of_sources = [], []
    for prep in _children(noun, "prep"):
        word = prep.lower_
        if word in allowed or (word == "of" and after_in):
            targets += arguments.with_rather_than(ctx, _first_child(prep, "pobj"))
        elif word == "of":
            of_sources += _conjoined(_first_child(prep, "pobj"))
        elif word == "between":
            return between_relations(ctx, noun, prep, trigger)
    if noun.dep_ == "dobj":   # "dealt ISIS a heavy defeat": the verb's indirect object (or a second object)
        targets += [(d, False) for d in noun.head.children if d.i < noun.i and d.pos_ != "ADP"
                    and (d.dep_ == "dative" or (d.dep_ == "dobj" and ends.actor_of(ctx, d) is not None))]
        if not targets:   # "applied pressure to X", "expressed solidarity with X": the preposition hangs on the verb
            targets += [t for prep in noun.head.children if prep.dep_ in ("prep", "dative") and prep.i > noun.i
                        and prep.lower_ in allowed for t in arguments.with_rather_than(ctx, _first_child(prep, "pobj"))]
    if not targets:
        return []
    sources = arguments.modifier_actors(ctx, noun) + of_sources + arguments.agents(ctx, noun, preposition="by")
    if not sources:   # "the killing of X by Y", with "by Y" hung on X
        sources = [a for target, _ in targets for a in arguments.agents(ctx, target, preposition="by")]
    if not sources and trigger.relation == "fights":
        sources = fight_holders(ctx, noun)
    if not sources:
        verb = _governing_verb(noun)
        sources = arguments.subjects(ctx, verb) if verb is not None and noun.dep_ in ("dobj", "pobj", "attr", "conj", "appos") else []
    if not sources:
        sources = arguments.clause_topic(ctx, noun)
    return [c for target, negated in targets for source in sources
            for c in arguments.candidates(ctx, source, target, trigger, noun, negated)]


def against_relations(ctx, noun) -> list[Candidate]:
    """'X maintained their positions against Y', "X's troops against Y", 'X deployed jets against Y':
    forces, weapons or positions turned against someone are their owner's fight with them."""
    enemies = [t for prep in _children(noun, "prep") if prep.lower_ == "against"
               for t in arguments.with_rather_than(ctx, _first_child(prep, "pobj"))]
    if not enemies:
        return []
    verb = _governing_verb(noun)
    if verb is not None and f"{verb.lemma_.lower()} against" in ctx.lex["prepositional_verbs"]:
        return []   # "used weapons against X": the prepositional verb rule reads it
    owners = arguments.modifier_actors(ctx, noun)
    if not owners and verb is not None and noun.dep_ == "dobj":
        owners = arguments.agents(ctx, verb) if arguments.is_passive(ctx, verb) else arguments.subjects(ctx, verb)
    trigger = ctx.lex["relation_triggers"]["fights"].renamed("against")
    return [c for owner in owners for enemy, negated in enemies
            for c in arguments.candidates(ctx, owner, enemy, trigger, noun, negated)]


def hyphenated_sides(ctx, noun) -> list:
    """The two names in 'the Iran-Iraq war': two different actors before the noun, a hyphen between them."""
    names = [t for t in noun.subtree if t.i < noun.i and t.i in ctx.by_token and t.dep_ in MODIFIER_DEPS]
    for first, second in zip(names, names[1:]):
        between = ctx.text[first.idx + len(first.text):second.idx]
        if between.strip() in HYPHENS + ("\u2013",) and \
                ctx.by_token[first.i].actor_id != ctx.by_token[second.i].actor_id:
            return [first, second]
    return []


def fire_from(ctx, noun) -> list[Candidate]:
    """'X came under fire from Y', 'X received rocket fire from Y', 'X repelled an attack from Y': Y fights X."""
    verb = _governing_verb(noun)
    if verb is None or verb.lemma_.lower() not in ctx.lex["undergo_verbs"]:
        return []
    attackers = [a for holder in (noun, verb) for prep in _children(holder, "prep") if prep.lower_ == "from"
                 for a in _conjoined(_first_child(prep, "pobj"))]
    trigger = ctx.lex["relation_triggers"]["fights"].renamed(f"{noun.lower_} from")
    return [c for attacker in attackers for victim in arguments.subjects(ctx, verb)
            for c in arguments.candidates(ctx, attacker, victim, trigger, noun)]


def fight_holders(ctx, noun) -> list:
    """Who wages a fight named after 'in': the one supported ('support for X in the fight against Y',
    'helped X in the fight'), else the owner of the noun before it ('their efforts in the fight against Y')."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return []
    head = noun.head.head
    lemma = head.lemma_.lower()
    if head.pos_ in ("VERB", "AUX") and ctx.lex["verbs"].get(lemma, None) is not None \
            and ctx.lex["verbs"][lemma].relation == "supports":
        return [o for obj in _children(head, "dobj") for o in _conjoined(obj)]
    if head.pos_ in ("NOUN", "PROPN") and getattr(ctx.lex["nouns"].get(lemma), "relation", "") == "supports":
        return [o for prep in _children(head, "prep") if prep.lower_ in ("for", "to", "of")
                for o in _conjoined(_first_child(prep, "pobj"))]
    if head.pos_ in ("NOUN", "PROPN"):
        return [c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i < head.i and arguments.participant_of(ctx, c) is not None]
    return []


def shared_fights(ctx, candidates) -> list[Candidate]:
    """'X struck Y in support of Z', 'X backs Z in its fight against Y', 'X is helping Z to defeat Y': whom X
    supports or fights beside in the same deed fights Y too, and so does X when Z is the one fighting (the
    trigger of one relation governs the other's)."""
    fights = [c for c in candidates if c.trigger.relation == "fights" and not c.negated]
    sides = [c for c in candidates if not c.negated and (c.trigger.relation in ("supports", "allied_with")
                                                          or _as_part_of(c.anchor))]
    trigger = ctx.lex["relation_triggers"]["fights"].renamed("alongside")
    found = []
    for fight in fights:
        for side in sides:
            same_doer = _same_party(fight.source, side.source)
            joined = _clause_of(side.anchor).is_ancestor(fight.anchor) or \
                _clause_of(fight.anchor).is_ancestor(side.anchor) or fight.anchor.is_ancestor(side.anchor) or \
                _deed_root(side.anchor) == _deed_root(fight.anchor)
            if not joined:
                continue
            if same_doer and not _same_party(side.target, fight.target):
                found.append(Candidate(side.target, fight.target, trigger, fight.anchor))
            elif _same_party(fight.source, side.target) and not _same_party(side.source, fight.target):
                found.append(Candidate(side.source, fight.target, trigger, fight.anchor))
    return found


def between_relations(ctx, noun, prep, trigger) -> list[Candidate]:
    """'cooperation between X and Y', 'clashes between X and Y': the first with each other one."""
    members = _conjoined(_first_child(prep, "pobj"))
    return [c for other in members[1:] for c in arguments.candidates(ctx, members[0], other, trigger, noun)]


def use_noun_relations(ctx, noun) -> list[Candidate]:
    """'the use of chemical weapons by X against Y', "X's use of drones against Y": X fights Y.
    (Using a weapon is no relation between actors: the weapon itself is no end.)"""
    kinds = ctx.lex["participant_kinds"]
    things = [t for prep in _children(noun, "prep") if prep.lower_ == "of"
              for t in _conjoined(_first_child(prep, "pobj")) if kinds.get(t.lemma_.lower()) in ("weapon", "equipment")]
    if not things:
        return []
    users = arguments.modifier_actors(ctx, noun) + arguments.agents(ctx, noun, preposition="by")
    verb = _governing_verb(noun)
    if not users and verb is not None:
        users = arguments.subjects(ctx, verb) + arguments.passive_targets(ctx, verb)
    enemies = [t for prep in _children(noun, "prep") if prep.lower_ == "against"
               for t in arguments.with_rather_than(ctx, _first_child(prep, "pobj"))]
    fights = ctx.lex["relation_triggers"]["fights"].renamed(f"{noun.lower_} against")
    return [c for user in users for enemy, negated in enemies for c in arguments.candidates(ctx, user, enemy, fights, noun, negated)]
