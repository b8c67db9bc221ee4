"""Small readings of the dependency parse that every rule shares: phrases, lists, governing verbs, places and people."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .schema import load_lexicon, HYPHENS, NOMINAL_DEPS, VERB_ONLY_DEPS, PHRASE_MODIFIERS


def _phrase_bounds(token) -> tuple[int, int]:
    """Character bounds of a noun with the modifiers before it ('three tunnel entrances'), without determiners."""
    start = token
    for child in token.children:
        if child.dep_ in PHRASE_MODIFIERS and child.i < start.i:
            start = child.left_edge if child.left_edge.dep_ != "det" else child
    return start.idx, token.idx + len(token.text)


def _is_noun(token) -> bool:
    """A noun, also when the small pipeline tagged a plural noun as a verb ('a series of U.S. airstrikes against X'):
    a 'verb' in a noun's slot with nothing a verb would have."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return token.pos_ == "VERB" and token.dep_ in NOMINAL_DEPS and token.tag_ not in ("VBG", "VBN") and \
        not any(c.dep_ in VERB_ONLY_DEPS for c in token.children)


def _children(token, dep) -> list:
    return [c for c in token.children if c.dep_ == dep]


def _first_child(token, dep):
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ == dep), None)


def _place_named_by(noun):
    """The name a place noun stands for: 'the ISIS-held town of Baaj' -> Baaj; else the noun itself."""
    for prep in _children(noun, "prep"):
        if prep.lower_ == "of":
            named = _first_child(prep, "pobj")
            if named is not None and named.pos_ == "PROPN":
                return named
    return noun


def _conjoined(token) -> list:
    """A token and the tokens coordinated with it ('X and Y'), also when the parser hung the list's second item
    as an apposition of the first ('three units, four vehicles, two tunnels and a bridge'), and the ones it
    singles out ('11 people, including a hostage', 'towns such as X and Y', 'our partners, especially X')."""
    if token is None:
        return []
    found = [token, *token.conjuncts]
    for appos in _children(token, "appos"):
        singled_out = any(c.dep_ == "advmod" and c.lower_ in load_lexicon()["example_adverbs"] for c in appos.children)
        if appos.conjuncts or singled_out:
            found += [appos, *appos.conjuncts]
    for item in list(found):
        for prep in _children(item, "prep"):
            if _is_example_preposition(prep):
                named = _first_child(prep, "pobj")
                found += [named, *named.conjuncts] if named is not None else []
    return found


def _governing_verb(noun):
    """The verb a noun is an argument of, directly or through a preposition."""
    head = noun.head
    if noun.dep_ == "conj":
        return _governing_verb(head) if head.i != noun.i else None
    if noun.dep_ == "pobj" and head.pos_ == "ADP":
        head = head.head
        while head.pos_ == "ADP" and head.dep_ in ("conj", "prep") and head.head.i != head.i:
            head = head.head   # "coordinated with and in support of X"
    return head if head.pos_ in ("VERB", "AUX") and head.i != noun.i else None


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _as_state(mention):
    """A country's name taken for its state: a party to relations, no longer a place."""
    return replace(mention, label="ORG", kind_votes=Counter({"state": 1}))


def _plain_lemma(token) -> str:
    """A noun's lemma, also when a capital made the tagger take a plural for a name ('Airmen', 'Soldiers')."""
    lower = token.lower_
    if token.pos_ != "PROPN" or lower != token.lemma_.lower():
        return token.lemma_.lower()
    if lower.endswith("men"):
        return lower[:-3] + "man"
    return lower[:-1] if lower.endswith("s") else lower


def _is_example_preposition(token) -> bool:
    """Whether a token is the 'including' of 'X, including Y' or the 'as' of 'such as'."""
    if token.lower_ == "including":
        return True
    return token.lower_ == "as" and (any(c.lower_ == "such" for c in token.children)
                                     or (token.i > 0 and token.nbor(-1).lower_ == "such"))


def _one_of(noun):
    """The 'one' of 'one of the Ns' when a noun is that N, else None."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "one" and head.head.i < noun.i:
        return head.head
    return None


def _as_part_of(token) -> bool:
    """Whether a token is the 'part' of 'as part of' ('X, working as part of Y, ...')."""
    return token.lower_ == "part" and token.dep_ == "pobj" and token.head.lower_ == "as"


def _clause_of(token):
    """The nearest verb at or above a token (the token itself when there is none)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else token


def _deed_root(token):
    """The verb of the deed a token's clause elaborates: 'X conducted strikes coordinated with Y using jets against Z'
    (conducted, for 'coordinated' and 'using' alike), climbing participles, purposes and complements."""
    head = _clause_of(token)
    for _ in range(6):
        if head.dep_ not in ("acl", "advcl", "xcomp", "pcomp") or head.head.i == head.i:
            break
        head = _clause_of(head.head)
    return head.i


def _after_hyphen(token) -> bool:
    """Whether a token follows a name and a hyphen ('ISIS-held', 'Iran-backed')."""
    return token.i >= 2 and token.doc[token.i - 1].text in HYPHENS


def _same_party(a, b) -> bool:
    """Whether two relation ends are one party: the same actor, or overlapping words."""
    return bool(a.actor_id and a.actor_id == b.actor_id) or _overlap(a, b)


def _is_place(mention, kinds: dict | None = None) -> bool:
    """A place is no party to a relation: LOC/FAC names, dictionary places, GPE names the dictionary does not know,
    and names the words around them make a place ('the town of X', as in the actors table)."""
    if mention.label in ("LOC", "FAC"):
        return True
    dictionary_id = getattr(mention, "dictionary_id", "")
    if dictionary_id:
        return (kinds or {}).get(dictionary_id) == "place"
    votes = getattr(mention, "kind_votes", None)
    if votes and votes.most_common(1)[0][0] == "place":
        return True
    return mention.label == "GPE" and not _is_person(mention)


def _is_person(mention) -> bool:
    """A person by label or by the kind cues around the mention ('Hadi al-Amiri' tagged GPE but in a role apposition)."""
    if mention.label == "PERSON":
        return True
    votes = getattr(mention, "kind_votes", None)
    return bool(votes) and votes.most_common(1)[0][0] == "person"
