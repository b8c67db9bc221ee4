"""The arguments of a trigger: subjects, agents, objects, modifiers, and the participant an end names when it is no actor."""

from __future__ import annotations

from .schema import Candidate, Participant, SUBJECTS, PASSIVE_SUBJECTS, MODIFIER_DEPS, CLAUSE_EDGES, RELATIVE_PRONOUNS, THIRD_PERSON_PRONOUNS, FIRST_PERSON_PRONOUNS, PARTICIPANT_ENTITY_LABELS, OBJECT_KINDS
from .tokens import _phrase_bounds, _is_noun, _children, _first_child, _conjoined, _after_hyphen, _is_place, _is_person
from . import ends, stances


def subjects(ctx, verb) -> list:
    """The subjects of a verb, or those it inherits: 'X, which backs', 'forces fighting', 'X plans to attack',
    'X helped Y to defeat' (Y)."""
    deps = SUBJECTS
    for _ in range(5):
        if verb is None:
            return []
        found = [s for child in verb.children if child.dep_ in deps for s in _conjoined(child)]
        if found:
            return found
        if verb.dep_ in ("acl", "relcl"):
            owners = [c for c in verb.head.children if c.dep_ == "poss" and participant_of(ctx, c) is not None]
            if verb.dep_ == "acl" and owners and participant_of(ctx, verb.head) is None:
                return owners   # "its determination to defeat X": whose determination
            return [verb.head]
        if verb.dep_ == "xcomp":
            controllers = [o for o in _children(verb.head, "dobj") if ends.actor_of(ctx, o) is not None]
            if controllers:
                return controllers
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") or (verb.dep_ == "ccomp" and verb.head.pos_ == "ADJ"):
            head = verb.head
            if head.pos_ == "ADP":   # "focused on fighting", "by taking"
                head = head.head
            if head.pos_ not in ("VERB", "AUX", "ADJ"):
                return []
            verb = head
            deps = SUBJECTS + PASSIVE_SUBJECTS   # "X is committed to defeating Y": X defeats
            continue
        return []
    return []


def agents(ctx, token, preposition: str = "") -> list:
    """The 'by' agents of a passive verb or of a noun ('attack by X')."""
    if preposition:
        return [a for prep in _children(token, "prep") if prep.lower_ == preposition
                for a in _conjoined(_first_child(prep, "pobj"))]
    found = [a for agent in _children(token, "agent") for a in _conjoined(_first_child(agent, "pobj"))]
    if not found and token.pos_ in ("VERB", "AUX"):   # "he was bombed and killed by X": X bombed him too
        found = [a for verb in token.conjuncts if verb.i > token.i
                 for agent in _children(verb, "agent") for a in _conjoined(_first_child(agent, "pobj"))][:2]
    return found


def objects(ctx, verb, key) -> list[tuple]:
    """A verb's targets: its direct objects that are actors, else objects of its target prepositions; with 'rather than'."""
    objects = _children(verb, "dobj")
    if not objects:   # "to kill and injure civilians": the object after the last verb is every verb's
        objects = [o for conj in verb.conjuncts if conj.i > verb.i for o in _children(conj, "dobj")][:1]
    targets = [t for obj in objects for t in with_rather_than(ctx, named_by_of(ctx, obj))
               if participant_of(ctx, t[0]) is not None]
    if targets:
        return targets
    table = ctx.lex["target_prepositions"]
    allowed = table.get(key, table.get("_default", set()))
    return [t for prep in _children(verb, "prep") if prep.lower_ in allowed
            for t in with_rather_than(ctx, _first_child(prep, "pobj"))]


def named_by_of(ctx, noun):
    """A noun that is nobody, followed by 'of' and an actor, stands for that actor ('the scourge of ISIS')."""
    if noun is None or participant_of(ctx, noun) is not None or noun.lemma_.lower() in ctx.lex["removal_nouns"]:
        return noun   # "the ouster of X" does not stand for X
    named = next((_first_child(prep, "pobj") for prep in _children(noun, "prep") if prep.lower_ == "of"), None)
    return named if named is not None and ends.actor_of(ctx, named) is not None else noun


def party_named_by_of(ctx, noun):
    """A noun that is no party, followed by 'of' and one, stands for it ('hundreds of civilians',
    'a delegation of officials'); else the noun itself."""
    if stances.party_of(ctx, noun) is not None:
        return noun
    named = next((_first_child(prep, "pobj") for prep in _children(noun, "prep") if prep.lower_ == "of"), None)
    return named if named is not None and stances.party_of(ctx, named) is not None else noun


def passive_targets(ctx, verb) -> list:
    """The undergoer of a passive verb: its passive subject, or the noun a participle modifies."""
    found = [t for child in verb.children if child.dep_ in PASSIVE_SUBJECTS for t in _conjoined(child)]
    if not found and verb.dep_ in ("acl", "amod", "relcl"):
        found = [verb.head]
    if not found and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        found = passive_targets(ctx, verb.head)   # "he was bombed and killed by X": he was killed
    return found


def with_rather_than(ctx, token) -> list[tuple]:
    """A target with its conjuncts, each marked negated if it follows 'rather than' / 'instead of'."""
    if token is None:
        return []
    found = [(t, False) for t in _conjoined(token)]
    for child in token.children:
        if is_rather_than(ctx, child):
            found += [(t, True) for t in _conjoined(_first_child(child, "pobj"))]
    return found


def is_rather_than(ctx, token) -> bool:
    """Whether a token is the 'than' of 'rather than' or the 'of' of 'instead of'."""
    if token.i == 0:
        return False
    return (ctx.doc[token.i - 1].lower_, token.lower_) in ctx.lex["rather_than"]


def modifier_actors(ctx, noun, chain: bool = False) -> list:
    """Names modifying a noun before it: 'the SDF's fight', 'U.S. airstrikes', 'Iranian weapons', 'PMF (gang) leader'."""
    found = []
    own = ctx.by_token.get(noun.i)
    for child in noun.children:
        if child.dep_ not in MODIFIER_DEPS or child.i > noun.i or line_break_between(ctx, child, noun):
            continue   # a headline run into the next line is not one phrase
        mention = ends.actor_of(ctx, child)
        if mention is not None and mention is not own:
            found.append(child)
        elif chain and mention is None and child.dep_ == "compound":
            found += [c for c in modifier_actors(ctx, child) if ctx.by_token.get(c.i) is not own]
    return found


def line_break_between(ctx, first, last) -> bool:
    """Whether a line ends between two tokens (the parser joins a headline to the text below it)."""
    return "\n" in ctx.text[first.idx:last.idx]


def particle_phrase(ctx, verb, lemma) -> str | None:
    if lemma not in ctx.lex["particle_verb_heads"]:
        return None
    for child in verb.children:
        if child.dep_ in ("prt", "prep", "advmod") and f"{lemma} {child.lower_}" in ctx.lex["verb_particles"]:
            return f"{lemma} {child.lower_}"
    return None


def is_passive(ctx, verb) -> bool:
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ in ("auxpass", "agent") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and not _children(verb, "nsubj") and verb.head.i != verb.i:
        return verb.head.pos_ in ("VERB", "AUX") and is_passive(ctx, verb.head)   # "he was bombed and killed"
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")


def is_hyphen_participle(ctx, token) -> bool:
    return _after_hyphen(token) and token.lower_ in ctx.lex["participles"]


def hyphen_source(ctx, participle):
    """The name in 'X-backed' (or 'X backed' right before the participle), if any."""
    if _after_hyphen(participle):
        return ctx.by_token.get(participle.i - 2)
    for child in participle.children:
        if child.dep_ in ("npadvmod", "amod", "compound", "nmod", "advmod") and child.i == participle.i - 1:
            return ctx.by_token.get(child.i)
    return None


def clause_topic(ctx, noun) -> list:
    """For a nominal trigger with no agent: an actor attached to a verb or noun above it in the same clause.

    ("For the Shia force, the gains are a step towards a linkup with X":
    the Shia force.) Never across a clause boundary, so a speaker ("X said
    the campaign against Y ...") is not taken for the agent.
    """
    chain, token = set(), noun
    while token.head.i != token.i and token.dep_ not in CLAUSE_EDGES:
        token = token.head
        chain.add(token.i)
    for i in range(noun.sent.start, noun.i):
        candidate = ctx.doc[i]
        mention = ctx.by_token.get(i)
        if mention is None or candidate.dep_ in MODIFIER_DEPS or _is_place(mention, ctx.kinds):
            continue
        if candidate.dep_ == "conj" or (mention is ctx.by_token.get(candidate.head.i)):
            continue
        head = candidate.head.head if candidate.head.pos_ == "ADP" else candidate.head
        if head.i in chain:
            return [candidate]
    return []


def candidates(ctx, source, target, trigger, anchor, negated=False, source_is_token=True, by_verb=False) -> list[Candidate]:
    """A candidate when both ends are actors or participants; ``source`` is a token or (source_is_token=False) a mention.

    Whether the kinds of the two ends suit the relation is decided later (``acceptable``).
    """
    source_mention = participant_of(ctx, source) if source_is_token else source
    target_mention = participant_of(ctx, target)
    if source_is_token and source is not None and is_object(ctx, source_mention):
        source_mention = carrier_of(ctx, source)   # "U.S. airstrikes hit ISIS": the United States fights ISIS
    if target is not None and is_object(ctx, target_mention):
        target_mention = carrier_of(ctx, target)   # "they shot down a coalition drone": the coalition's
    if source_mention is None or target_mention is None:
        return []
    return [Candidate(source_mention, target_mention, trigger, anchor, negated, by_verb)]


def is_object(ctx, end) -> bool:
    return isinstance(end, Participant) and end.kind in OBJECT_KINDS


def carrier_of(ctx, thing):
    """Whoever carries out a strike or owns the weapon or vehicle: 'U.S. airstrikes', "the regime's tanks",
    'strikes by the coalition'; None when the text names nobody (the object itself is never an end)."""
    for token in modifier_actors(ctx, thing) + agents(ctx, thing, preposition="by"):
        mention = ends.actor_of(ctx, token)
        if mention is not None:
            return mention
    return None


def participant_of(ctx, token):
    """The actor mention a token stands for, else the participant it names (see ``participant``), else None."""
    if token is None:
        return None
    if token.lemma_.lower() in ctx.lex["quantity_nouns"]:   # "a series of airstrikes": the airstrikes
        counted = next((_first_child(p, "pobj") for p in _children(token, "prep") if p.lower_ == "of"), None)
        if counted is not None:
            return participant_of(ctx, counted)
    return ends.actor_of(ctx, token) or participant(ctx, token)


def participant(ctx, token):
    """A token as a participant that is no actor: 'two vehicles', 'fighting positions', 'civilians', 'Aleppo', 'we'."""
    lower = token.lower_
    if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        return participant(ctx, ends._antecedent(token))   # "civilians who suffered": the civilians
    if token.pos_ == "PRON":
        if lower in FIRST_PERSON_PRONOUNS or lower in THIRD_PERSON_PRONOUNS or lower == "them":
            return Participant(token.idx, token.idx + len(token.text), token.text, "pronoun")
        return None
    if not _is_noun(token):
        return None
    kind = ctx.lex["participant_kinds"].get(token.lemma_.lower()) or ctx.lex["participant_kinds"].get(lower)
    if kind is None and token.ent_type_ in PARTICIPANT_ENTITY_LABELS:
        kind = PARTICIPANT_ENTITY_LABELS[token.ent_type_]
    return None if kind is None else noun_participant(ctx, token, kind)


def noun_participant(ctx, noun, kind: str, not_before: int = 0) -> Participant:
    """A noun and the modifiers before it as a participant of a kind, starting no earlier than ``not_before``."""
    start, end = _phrase_bounds(noun)
    start = max(start, not_before)
    return Participant(start, end, ctx.text[start:end], kind)


def pronoun_participant(ctx, token):
    """A pronoun nothing resolves, as a participant ('we will act as part of a coalition': whoever 'we' are)."""
    found = participant(ctx, token) if token.pos_ == "PRON" else None
    return found if found is not None and found.kind == "pronoun" else None


def _is_person_token(ctx, token) -> bool:
    """Whether a token stands for a person (a group has members; a person does not)."""
    mention = ends.actor_of(ctx, token)
    return mention is not None and _is_person(mention)
