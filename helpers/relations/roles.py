"""Titles and roles: "X, head of Y", "Y leader X", "X, a Y commander", "W appointed X commander of Y"."""

from __future__ import annotations

from .schema import Trigger, Candidate, Participant, HYPHENS, ROLE_PREPOSITIONS, MEMBER_PREPOSITIONS
from .tokens import _children, _first_child, _conjoined, _one_of, _clause_of, _is_place, _is_person
from . import ends, arguments


def role_relations(ctx, role, lemma) -> list[Candidate]:
    """'X, head of Y', 'the head of Y, X', 'Y leader X', 'X, a Y leader', 'X is a member of Y', 'Y's commander X'."""
    groups = []     # (token, preposition)
    for prep in _children(role, "prep"):
        if prep.lower_ in ROLE_PREPOSITIONS:
            groups += [(o, prep.lower_) for o in _conjoined(_first_child(prep, "pobj"))]
    groups += [(m, "") for m in arguments.modifier_actors(ctx, role, chain=True)]
    holders = role_holders(ctx, role)
    if not groups:   # "X, commander, Y": a group named right after the role
        groups = [(t, "") for t in adjacent_mentions(ctx, role, right=True) + _children(role, "appos")
                  if t.i in ctx.by_token and not _is_person(ctx.by_token[t.i])]
        holders = [h for h in holders if h.i < role.i]
    found = []
    for holder in holders:
        holder_mention = ends.actor_of(ctx, holder) or arguments.pronoun_participant(ctx, holder)
        if holder_mention is None:
            continue
        trigger = role_trigger(ctx, role, lemma, person=holds_as_person(ctx, holder_mention, lemma))
        if trigger is None:
            continue
        found += appointer_relations(ctx, role, holder)
        sharers = [holder] + companions(ctx, role)
        for group, preposition in groups:
            used = trigger.renamed(f"{trigger.word} {preposition}", "member_of", ctx.lex) \
                if preposition in MEMBER_PREPOSITIONS else trigger
            target = group_end(ctx, group, holder_mention)
            found += [Candidate(s, target, used, role) for sharer in sharers
                      for s in [arguments.participant_of(ctx, sharer)] if s is not None and target is not None]
    return found


def holds_as_person(ctx, mention, lemma) -> bool:
    """Whether a role's holder is a person: by its label or kind cues, or because the role is one only a person
    holds and the name is one only the tagger labelled ('Abu X, the commander of Y' with Abu X tagged a group;
    not a dictionary entry, nor a description such as 'Iraqi officials')."""
    if _is_person(mention):
        return True
    only_people = lemma in ctx.lex["person_roles"] and lemma not in ctx.lex["group_roles"]
    return only_people and getattr(mention, "source", "") == "ner" and not getattr(mention, "dictionary_id", "") \
        and not _is_place(mention, ctx.kinds)


def appointer_relations(ctx, role, holder) -> list[Candidate]:
    """'X appointed Y (as) commander of Z', 'Y was named commander by X': whoever gives a post is in charge of
    the one who takes it."""
    verb = role.head.head if (role.dep_ == "pobj" and role.head.lower_ == "as") or \
        (role.dep_ == "appos" and role.head.dep_ == "dobj") else role.head   # "appointed Y, the commander"
    if role.dep_ not in ("oprd", "pobj", "attr", "appos", "dobj") or verb.pos_ != "VERB" \
            or verb.lemma_.lower() not in ctx.lex["appointing_verbs"]:
        return []
    givers = arguments.agents(ctx, verb) if arguments.is_passive(ctx, verb) else arguments.subjects(ctx, verb)
    trigger = ctx.lex["relation_triggers"]["leads"].renamed(verb.lemma_.lower())
    holder_mention = ends.actor_of(ctx, holder)
    if holder_mention is None or not holds_as_person(ctx, holder_mention, role.lemma_.lower()):
        return []
    return [c for giver in givers if giver.i != holder.i for c in arguments.candidates(ctx, giver, holder, trigger, verb)]


def group_end(ctx, group, holder_mention):
    """The group end of a role: its actor or participant, but a bare pronoun when the pronoun was resolved to the
    holder ('X was one of its founding factions': 'its' is someone else, whoever the resolver took it for)."""
    mention = arguments.participant_of(ctx, group)
    if mention is not None and group.pos_ == "PRON" and getattr(mention, "actor_id", "") \
            and mention.actor_id == holder_mention.actor_id:
        return Participant(group.idx, group.idx + len(group.text), group.text, "pronoun")
    return mention


def companions(ctx, role) -> list:
    """Names listed 'along with' or 'together with' the holder of a role, in its clause: they hold it too
    ('X was named one of its founding factions, along with Y, Z and W')."""
    clause = _clause_of(role)
    found = []
    for token in clause.subtree:
        if token.lower_ == "with" and token.i > 0 and ctx.doc[token.i - 1].lower_ in ("along", "together") \
                and token.i > role.i:
            found += listed_mentions(ctx, token.i + 1)
    return found


def listed_mentions(ctx, start: int) -> list:
    """The first token of each name in a list that starts at ``start`` ('Y, Z and W'), up to the first item
    that names nobody or the end of the list; items may hold words around the name the tagger left out."""
    doc, found, item = ctx.doc, [], []
    sentence_end = doc[start].sent.end if start < len(doc) else start
    for i in range(start, sentence_end + 1):
        token = doc[i] if i < sentence_end else None
        separator = token is not None and token.lower_ in (",", "and", "or")
        if token is None or separator or token.pos_ in ("VERB", "AUX") \
                or (token.is_punct and token.text not in HYPHENS):
            if item:   # ", and" closes no item
                named = [t for t in item if t.i in ctx.by_token]
                if not named:
                    break
                found.append(named[0])
                item = []
            if not separator:
                break
            continue
        item.append(token)
    return found


def role_holders(ctx, role) -> list:
    """Who holds a role: 'X, the head of', 'the head of Y, X', 'Y leader X', 'X is the leader', 'X, a Y leader said'."""
    holders = []
    if role.dep_ == "appos":
        holders.append(role.head)
    holders += _children(role, "appos")
    if role.dep_ == "compound" and role.head.i in ctx.by_token:
        holders.append(role.head)
    if role.i in ctx.by_token:
        holders.append(role)
    if role.dep_ in ("attr", "oprd") or (role.dep_ == "conj" and role.head.dep_ in ("attr", "oprd")):
        verb = role.head if role.dep_ != "conj" else role.head.head
        appointed = _children(verb, "dobj") if "oprd" in (role.dep_, role.head.dep_) else []
        # "X appointed Y the commander": Y holds the role, not X
        holders += appointed or (arguments.subjects(ctx, verb) + arguments.passive_targets(ctx, verb))
    if role.dep_ == "pobj" and role.head.lower_ == "as":
        governor = role.head.head   # "X was named as the leader", "X appointed Y as commander": Y
        if governor.pos_ in ("VERB", "AUX"):
            appointed = _children(governor, "dobj") if governor.lemma_.lower() in ctx.lex["appointing_verbs"] else []
            holders += appointed or (arguments.subjects(ctx, governor) + arguments.passive_targets(ctx, governor))
        else:
            holders.append(governor)
    if role.dep_ == "dobj" and role.head.lemma_.lower() in ctx.lex["appointing_verbs"]:
        # "X appointed Y the commander" parsed with two objects: the first one takes the post
        holders += [o for o in role.head.children if o.dep_ in ("dobj", "dative") and o.i < role.i]
    one = _one_of(role)
    if one is not None:   # "X, one of the leaders of Y", "X is one of its members": who is the "one"
        return holders + role_holders(ctx, one)
    holders += adjacent_mentions(ctx, role, right=False)
    if role.dep_ != "pobj":
        holders += adjacent_mentions(ctx, role, right=True)
    return holders


def adjacent_mentions(ctx, role, right: bool) -> list:
    """A name next to the role's phrase, apart only by a comma or dash: 'X, a PMF leader' when the parse missed the apposition."""
    doc = ctx.doc
    step = 1 if right else -1
    edge = role.right_edge.i if right else role.left_edge.i
    i = edge + step
    while 0 <= i < len(doc) and doc[i].text in (",", "\u2014", "\u2013", "-"):
        i += step
    if 0 <= i < len(doc) and i != edge + step and i in ctx.by_token:
        return [doc[i]]
    return []


def role_trigger(ctx, token, lemma, person) -> Trigger | None:
    """The role a noun names; person=True/False picks person or group roles, None accepts either."""
    previous = ctx.doc[token.i - 1].lower_ if token.i > 0 else ""
    phrase = ctx.lex["role_phrases"].get(f"{previous} {lemma}")
    if phrase is not None:
        return phrase
    if lemma in ctx.lex["constituent_nouns"] and _one_of(token) is not None:
        return ctx.lex["relation_triggers"]["member_of"].renamed(f"one of {token.lower_}")
    if person is None:
        return ctx.lex["person_roles"].get(lemma) or ctx.lex["group_roles"].get(lemma)
    return (ctx.lex["person_roles"] if person else ctx.lex["group_roles"]).get(lemma)
