"""How sure the text is of a relation: asserted, reported, hypothetical, negated or unknown, from the clause around its trigger."""

from __future__ import annotations

from .schema import Candidate, CERTAINTIES
from . import arguments


def certainty(ctx, candidate: Candidate) -> str:
    """asserted, reported, hypothetical, negated or unknown, from the clause around the trigger.

    The cues are read on the trigger and on the verbs (and the first noun)
    above it (see ``_scope``): negation, 'rather than', a negating verb
    ('denied') -> negated; 'whether' -> unknown; a modal, a hedge, a plan
    verb, a 'step towards' noun, 'if' -> hypothetical; 'reportedly', or
    the trigger inside an attributed claim -> reported.
    """
    if candidate.negated:
        return "negated"
    found = set()
    lex = ctx.lex
    for token in _scope(candidate.anchor):
        for child in token.children:
            if candidate.negation_is_stance and token.i == candidate.anchor.i and child.dep_ == "neg":
                continue
            found.update(child_cues(ctx, token, child))
        if "unknown" in found:
            break   # "it is not known whether X ...": the negation above belongs to "known", not to X
        if token.i != candidate.anchor.i:
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in lex["negating_verbs"]:
                found.add("negated")
            elif token.pos_ == "VERB" and lemma in lex["hypothetical_verbs"]:
                found.add("hypothetical")
            elif token.pos_ == "NOUN" and lemma in lex["hypothetical_nouns"]:
                found.add("hypothetical")
            if token.dep_ in ("pobj", "pcomp") and arguments.is_rather_than(ctx, token.head):
                found.add("negated")
    if in_claim(ctx, candidate.anchor):
        found.add("reported")
    return next((c for c in CERTAINTIES if c in found), "asserted")


def child_cues(ctx, token, child) -> set[str]:
    lex, lower, dep = ctx.lex, child.lower_, child.dep_
    if dep == "neg" or (dep == "det" and lower == "no") or (dep in ("advmod", "preconj") and lower in lex["negation_words"]):
        return {"negated"}
    if dep == "mark" and lower in lex["unknown_marks"]:
        return {"unknown"}
    if dep == "mark" and lower in lex["conditional_marks"]:
        head = token.head
        predicates = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "attr")}
        unknown = token.dep_ in ("ccomp", "advcl") and bool(predicates & lex["unknown_predicates"])   # "unclear if"
        return {"unknown" if unknown else "hypothetical"}
    if dep in ("aux", "auxpass") and lower in lex["modal_words"] and child.tag_ == "MD":
        return {"hypothetical"}
    if dep == "advmod" and lower in lex["reported_words"]:   # "reportedly" is a hedge that says whose word it is
        return {"reported"}
    if dep == "advmod" and lower in lex["hedge_words"]:
        return {"hypothetical"}
    return set()


def in_claim(ctx, token) -> bool:
    return any(c["start"] <= token.idx < c["end"] for c in ctx.claims)


def _scope(anchor) -> list:
    """The trigger and the clauses above it whose cues (negation, modals...) apply to it.

    A participle or noun modifying another noun keeps its own cues only
    ("Iran-backed forces that would attack" does not make the backing
    hypothetical); otherwise the walk goes up through verbs and prepositions and
    stops at the first noun above the trigger (after reading its cues: "a step
    towards an alliance").
    """
    scope = [anchor]
    if anchor.dep_ in ("amod", "compound", "npadvmod", "acl", "poss", "appos"):
        return scope
    token = anchor
    while token.head.i != token.i:
        token = token.head
        scope.append(token)
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            break
    return scope
