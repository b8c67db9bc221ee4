"""Which rules a token triggers: the dispatch from a token to the rule functions that read it."""

from __future__ import annotations

from .schema import Candidate, HELD_KINDS
from .tokens import _is_noun, _plain_lemma, _is_example_preposition
from . import deeds, control, stances, roles, membership


def relations_at(ctx, token) -> list[Candidate]:
    """Every relation whose trigger is this token."""
    lemma = ctx.lex["irregular_forms"].get(token.lower_, token.lemma_.lower())
    noun = _is_noun(token)
    found = []
    if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBG"):
        found += deeds.verb_relations(ctx, token, lemma)
        found += deeds.prepositional_verb_relations(ctx, token, lemma)
    if token.lower_ in ctx.lex["participles"]:
        found += deeds.participle_relations(ctx, token)
    if noun and lemma in ctx.lex["nouns"] and token.i not in ctx.by_token:
        found += deeds.noun_relations(ctx, token, lemma)
    if noun and (getattr(ctx.lex["nouns"].get(lemma), "relation", "") == "fights"
                 or ctx.lex["participant_kinds"].get(lemma) == "weapon"):
        found += deeds.fire_from(ctx, token)
    if noun and lemma not in ctx.lex["nouns"] and (
            lemma in ctx.lex["force_nouns"] or ctx.lex["participant_kinds"].get(lemma) in HELD_KINDS):
        found += deeds.against_relations(ctx, token)
    if noun and roles.role_trigger(ctx, token, lemma, person=None):
        found += roles.role_relations(ctx, token, lemma)
    if token.dep_ == "poss" or (token.dep_ == "prep" and token.lower_ == "of"):
        found += membership.possessive_membership(ctx, token)
    if token.pos_ in ("NOUN", "PROPN") and _plain_lemma(token) in ctx.lex["member_nouns"]:
        found += membership.member_noun_relations(ctx, token)
    if token.dep_ == "prep" and token.lower_ == "with":
        found += stances.together_relations(ctx, token) + stances.with_phrase_relations(ctx, token)
    if (token.dep_ == "prep" and _is_example_preposition(token)) or membership.is_singled_out(ctx, token):
        found += membership.example_relations(ctx, token)
    found += control.control_relations(ctx, token, lemma)
    if noun and lemma in ctx.lex["use_nouns"]:
        found += deeds.use_noun_relations(ctx, token)
    if token.pos_ == "ADJ" and lemma in ctx.lex["stance_adjectives"]:
        found += stances.stance_adjective_relations(ctx, token)
    if token.pos_ in ("NOUN", "ADJ") and lemma in ctx.lex["pejoratives"]:
        found += stances.pejorative_relations(ctx, token)
    if token.pos_ == "NOUN" and lemma in ctx.lex["exclusion_nouns"]:
        found += stances.exclusion_relations(ctx, token)
    if token.lower_ == "hands" and token.dep_ == "pobj" and token.head.lower_ == "at":
        found += stances.hands_relations(ctx, token)
    if token.pos_ == "VERB" and (lemma in ctx.lex["refusal_verbs"] or lemma in ctx.lex["negating_verbs"]):
        found += stances.refusal_relations(ctx, token, lemma)
    if token.pos_ == "NOUN" and lemma in ctx.lex["removal_nouns"]:
        found += stances.removal_relations(ctx, token)
    if token.pos_ == "VERB" and lemma in ctx.lex["demand_verbs"]:
        found += stances.departure_demands(ctx, token)
    return found
