"""Membership: "the SDF, which includes X", "groups such as X", "soldiers from the 3rd Battalion", unit chains."""

from __future__ import annotations

from .schema import Candidate, Participant
from .tokens import _children, _first_child, _conjoined, _plain_lemma, _is_example_preposition, _is_person
from . import ends, arguments, roles


def member_noun_relations(ctx, noun) -> list[Candidate]:
    """'soldiers from the 3rd Battalion', 'airmen deployed from the 9th Wing', 'members of the tribe', 'sailors with
    the 5th Fleet': people named by what they are belong to the unit or group named after them.

    After 'from' or 'with' the group must be a unit by its name ('... Battalion') or a known armed group or
    organisation, since people 'from' a place are only from there ('fighters from Kandor').
    """
    if any(ends.actor_of(ctx, h) is not None for h in roles.role_holders(ctx, noun)
           if h.i < noun.i or (h.dep_ == "appos" and h.head.i == noun.i)):
        return []   # "X, a member of Y": the role rule names X
    # the people themselves, not the group that 'members of Y' stands for elsewhere
    member = ctx.by_token.get(noun.i) or arguments.noun_participant(ctx, 
        noun, ctx.lex["participant_kinds"].get(_plain_lemma(noun), "people"))
    preps = [(p, p.lower_) for p in _children(noun, "prep") if p.lower_ in ("from", "of", "with")]
    preps += [(p, p.lower_) for verb in noun.children if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN"
              for p in _children(verb, "prep") if p.lower_ == "from"]   # "deployed from"
    trigger = ctx.lex["relation_triggers"]["member_of"].renamed("")
    found = having_relations(ctx, noun, member, trigger)
    for prep, word in preps:
        for group in _conjoined(_first_child(prep, "pobj")):
            mention = arguments.participant_of(ctx, group)
            if mention is None or (word != "of" and not is_unit_or_group(ctx, group, mention)):
                continue
            if not isinstance(mention, Participant) and _is_person(mention) and not is_unit_name(ctx, mention) \
                    and ctx.lex["participant_kinds"].get(group.lemma_.lower()) != "group":
                continue   # "soldiers of Assad" are his side, no unit of his ("members of the X tribe" are)
            used = trigger.renamed(f"{noun.lower_} {word}")
            found += [Candidate(member, whole, used, noun) for whole in [mention] + enclosing_units(ctx, mention)]
    return found


def having_relations(ctx, noun, member, trigger) -> list[Candidate]:
    """'the group has 900 fighters', 'it employs 300 staff': the people a group has are its members."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ctx.lex["having_verbs"]:
        return []
    used = trigger.renamed(verb.lemma_.lower())
    return [Candidate(member, group, used, verb) for subject in arguments.subjects(ctx, verb)
            for group in [arguments.participant_of(ctx, subject)] if group is not None and not _is_person(group)]


def is_unit_or_group(ctx, token, mention) -> bool:
    """Whether an end is a military unit by its name, a group noun, or an armed group or organisation the
    dictionary knows (not a place, a state or a person)."""
    if isinstance(mention, Participant):
        return mention.kind == "group" and token.tag_ not in ("NNS", "NNPS")
    return is_unit_name(ctx, mention) or \
        ctx.kinds.get(getattr(mention, "dictionary_id", "")) in ("armed_group", "organization", "group")


def is_unit_name(ctx, mention) -> bool:
    """Whether a name ends in a unit word ('... Battalion', '... Wing'), whatever the tagger labelled it."""
    words = mention.text.split()
    return bool(words) and words[-1].lower() in ctx.lex["unit_heads"]


def enclosing_units(ctx, mention) -> list:
    """The units a unit belongs to by its designation: '3rd Battalion, 7th Regiment' -> the 7th Regiment."""
    found, text = [], ctx.text
    while True:
        span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.end >= len(ctx.doc) or text[mention.end:ctx.doc[span.end].idx].strip() \
                or ctx.doc[span.end].text != "," or span.end + 1 >= len(ctx.doc):
            return found
        after = ctx.by_token.get(span.end + 1)
        words = after.text.split() if after is not None else []
        if not words or words[-1].lower() not in ctx.lex["unit_heads"] or after in found:
            return found
        found.append(after)
        mention = after


def possessive_membership(ctx, token) -> list[Candidate]:
    """"Iran's Qassem Soleimani", "Abu Bakr al-Baghdadi of ISIS": a named person belongs to the group named with him."""
    if token.dep_ == "poss":
        group, person, word = token, token.head, "'s"
    else:
        group, person, word = _first_child(token, "pobj"), token.head, "of"
    person_mention = ctx.by_token.get(person.i)
    if group is None or person_mention is None or not _is_person(person_mention):
        return []
    group_mention = ctx.by_token.get(group.i)
    if group_mention is None or _is_person(group_mention) or group_mention is person_mention:
        return []
    return arguments.candidates(ctx, person, group, ctx.lex["relation_triggers"]["member_of"].renamed(word), token)


def inclusion_relations(ctx, verb, lemma) -> list[Candidate]:
    """'the SDF, which includes X', 'X, made up of Y and Z', 'a force composed of Y': each member belongs to the group."""
    preposition = inclusion_preposition(ctx, verb, lemma)
    if preposition is not None:
        members = _conjoined(_first_child(preposition, "pobj"))
        groups = arguments.passive_targets(ctx, verb) or arguments.subjects(ctx, verb)
        word = f"{verb.lower_} {preposition.lower_}"
    else:
        if arguments.is_passive(ctx, verb):
            return []
        members = [e for obj in _children(verb, "dobj") for m in _conjoined(obj) for e in examples_of(ctx, m)]
        groups = arguments.subjects(ctx, verb)
        word = verb.lemma_.lower()
    trigger = ctx.lex["relation_triggers"]["member_of"].renamed(word)
    return [c for group in groups if not arguments._is_person_token(ctx, group)
            for member in members for c in arguments.candidates(ctx, member, group, trigger, verb)]


def example_relations(ctx, preposition) -> list[Candidate]:
    """'the coalition, including X and Y', 'the international community, including X', 'our partners, notably X'
    (``preposition`` is then the apposition X): the names a group is said to include are its members. A plural
    noun that is no actor ('several countries, including X') is a kind, not a group, and names nothing anyone
    belongs to."""
    group = preposition.head
    mention = own_group(ctx, group)
    if group.pos_ not in ("NOUN", "PROPN") or mention is None or _is_person(mention):
        return []
    if isinstance(mention, Participant) and (mention.kind != "group" or group.tag_ in ("NNS", "NNPS")):
        return []
    if preposition.dep_ == "appos":
        word = next(c.lower_ for c in preposition.children if c.dep_ == "advmod")
        members = _conjoined(preposition)
    else:
        word = "such as" if preposition.lower_ == "as" else preposition.lower_
        members = _conjoined(_first_child(preposition, "pobj"))
    trigger = ctx.lex["relation_triggers"]["member_of"].renamed(word)
    return [Candidate(m, mention, trigger, preposition) for member in members
            for m in [arguments.participant_of(ctx, member)] if m is not None]


def is_singled_out(ctx, token) -> bool:
    """Whether a token is an apposition given as an example of the noun before it ('our partners, especially X')."""
    return token.dep_ == "appos" and any(c.dep_ == "advmod" and c.lower_ in ctx.lex["example_adverbs"]
                                         and c.i < token.i for c in token.children)


def own_group(ctx, noun):
    """The group a noun itself names: its mention, the name of 'Coalition partners', else the noun as a
    participant; never an owner it would stand for elsewhere ("its partners" are not 'it', nor is the alliance
    that X thanked X)."""
    mention = ctx.by_token.get(noun.i)
    if mention is None and noun.lemma_.lower() in ctx.lex["identity_nouns"]:
        named = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i in ctx.by_token]
        mention = ctx.by_token[named[0].i] if named else None
    return mention or arguments.participant(ctx, noun)


def examples_of(ctx, noun) -> list:
    """The names given as examples of a noun that names nobody ('groups such as X and Y': X and Y), else the noun."""
    if ends.actor_of(ctx, noun) is not None:
        return [noun]
    named = [m for prep in _children(noun, "prep") if _is_example_preposition(prep)
             for m in _conjoined(_first_child(prep, "pobj")) if ends.actor_of(ctx, m) is not None]
    return named or [noun]


def inclusion_preposition(ctx, verb, lemma):
    """The 'of'/'by' of 'made up of', 'composed of', 'consists of', when the verb forms one of those phrases."""
    if verb.lower_ not in ctx.lex["inclusion_heads"] and lemma not in ctx.lex["inclusion_heads"]:
        return None
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    for prep in verb.children:
        if prep.dep_ not in ("prep", "agent"):
            continue
        for head in (verb.lower_, lemma):
            phrases = [f"{head} {prep.lower_}"] + [f"{head} {p} {prep.lower_}" for p in particles]
            if any(phrase in ctx.lex["inclusion_phrases"] for phrase in phrases):
                return prep
    return None


def unit_chain_relations(ctx, mentions) -> list[Candidate]:
    """'2nd Battalion, 5th Special Forces Group': a unit named right before another after a comma is part of it."""
    text = ctx.text
    units = sorted((m for m in mentions if getattr(m, "actor_id", "") and m.label in ("ORG", "DESC")
                    and m.text.split() and m.text.split()[-1].lower() in ctx.lex["unit_heads"]),
                   key=lambda m: m.start)
    found = []
    for part, whole in zip(units, units[1:]):
        if text[part.end:whole.start].strip() != "," or whole.start - part.end > 3:
            continue
        span = ctx.doc.char_span(part.start, part.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append(Candidate(part, whole, ctx.lex["relation_triggers"]["member_of"].renamed(","), span.root))
    return found
