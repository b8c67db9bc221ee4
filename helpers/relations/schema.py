"""What a relation is: the relations, their signs and quad classes, the trigger lexicon, and a candidate's parts.

``load_lexicon`` reads ``helpers/data/lexicons/relations.yaml`` (with the shared vocabulary's roles, hedges
and negation words) once (it documents every key) and resolves
each trigger word to a ``Trigger``; each relation's own trigger is built once (``relation_triggers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import vocabulary

LEXICON_PATH = vocabulary.data_file("lexicons", "relations.yaml")
CERTAINTIES = ("negated", "unknown", "hypothetical", "reported", "asserted")   # strongest cue first
CERTAINTY_RANK = {"asserted": 0, "reported": 1, "hypothetical": 2, "unknown": 3, "negated": 4}
STRUCTURAL = ("member_of", "leads")
SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
MODIFIER_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")
CLAUSE_EDGES = ("ccomp", "relcl", "advcl", "parataxis")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
THIRD_PERSON_PRONOUNS = {"they", "it", "he", "she"}
FIRST_PERSON_PRONOUNS = {"i", "we", "me", "us", "our", "my", "ours", "mine"}
HYPHENS = ("-", "\u2010", "\u2011")
NOMINAL_DEPS = ("pobj", "dobj", "nsubj", "nsubjpass", "appos", "attr")
VERB_ONLY_DEPS = ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "mark", "neg", "prt")
ROLE_PREPOSITIONS = ("of", "for", "in", "within")
MEMBER_PREPOSITIONS = ("in", "within")   # "a commander in X" is one of X's members, whatever the role
PARTICIPANT_ENTITY_LABELS = {"GPE": "place", "LOC": "place", "FAC": "site"}
HELD_KINDS = ("weapon", "equipment", "site")   # what an actor turns against someone ('jets against Y')
OBJECT_KINDS = ("weapon", "equipment", "property")   # never an end of a relation: a strike, a car, a home
CONTROLLED_KINDS = ("place", "site")   # what an actor `controls`
PHRASE_MODIFIERS = ("compound", "amod", "nummod", "nmod", "poss", "quantmod")


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means: the relation, its sign and quad class, and the word as matched."""

    relation: str
    sign: int
    quad_class: int | None
    word: str

    def renamed(self, word: str, relation: str | None = None, lexicon: dict | None = None) -> "Trigger":
        """The same trigger under another word (and, given the lexicon, another relation)."""
        if relation is None or lexicon is None or relation == self.relation:
            return Trigger(self.relation, self.sign, self.quad_class, word)
        sign, quad = lexicon["relation_specs"][relation]
        return Trigger(relation, sign, quad, word)


@dataclass
class Candidate:
    """A relation found by a rule, before it becomes a row."""

    source: object            # actors.Mention
    target: object            # actors.Mention
    trigger: Trigger
    anchor: object            # the spaCy token the certainty is read from
    negated: bool = False     # the target came after "rather than"
    by_verb: bool = False
    of_place: bool = False    # control of territory: the target is a place
    negation_is_stance: bool = False   # "will not allow X to ...": the trigger's own negation is what it says
    rule: str = ""            # the id of the pattern that found it (helpers/data/relations), when one did


@dataclass(frozen=True)
class Participant:
    """An end of a relation that is no actor: a weapon, equipment, a site, people, a place or an unresolved pronoun."""

    start: int
    end: int
    text: str
    kind: str                 # a key of the lexicon's participant_nouns, "place" or "pronoun"
    label: str = "THING"
    source: str = "participant"
    actor_id: str = ""
    dictionary_id: str = ""
    kind_votes: None = None


@lru_cache(maxsize=4)
def load_lexicon() -> dict:
    """The trigger lexicon with every trigger resolved to a ``Trigger`` and every list made a set.

    The roles, hedges and negation words come from the shared vocabulary.
    """
    shared = vocabulary.shared()
    raw = dict(vocabulary.lexicon("relations"))
    raw["person_roles"] = {word: relation for word, relation in shared.person_roles.items() if relation}
    for key in ("negation_words", "hedge_words", "reported_words"):
        raw[key] = sorted(getattr(shared, key))
    relations = raw.get("relations") or {}

    def trigger(word: str, entry) -> Trigger | None:
        name = entry.get("relation") if isinstance(entry, dict) else entry
        if name not in relations:
            return None
        spec = relations[name] or {}
        quad = entry["quad_class"] if isinstance(entry, dict) and "quad_class" in entry else spec.get("quad_class")
        return Trigger(name, int(spec.get("sign", 0)), quad, word)

    def triggers(key: str) -> dict[str, Trigger]:
        found = {str(w).lower(): trigger(str(w).lower(), e) for w, e in (raw.get(key) or {}).items()}
        return {w: t for w, t in found.items() if t is not None}

    def words(key: str) -> set[str]:
        return set(vocabulary.words(raw.get(key)))

    def prepositions(key: str) -> dict[str, set[str]]:
        return {str(w).lower(): {str(p).lower() for p in ps or []} for w, ps in (raw.get(key) or {}).items()}

    lexicon = {
        "verbs": triggers("verbs"), "verb_particles": triggers("verb_particles"),
        "prepositional_verbs": triggers("prepositional_verbs"),
        "nouns": triggers("nouns"), "participles": triggers("participles"),
        "person_roles": triggers("person_roles"), "group_roles": triggers("group_roles"),
        "role_phrases": triggers("role_phrases"), "stance_adjectives": triggers("stance_adjectives"),
        "with_phrases": triggers("with_phrases"),
        "target_prepositions": prepositions("target_prepositions"),
        "noun_prepositions": prepositions("noun_prepositions"),
        "rather_than": {tuple(p.split()) for p in words("rather_than")},
        "relation_specs": {name: (int((spec or {}).get("sign", 0)), (spec or {}).get("quad_class"))
                           for name, spec in relations.items()},
    }
    lexicon["irregular_forms"] = {str(k).lower(): str(v).lower() for k, v in (raw.get("irregular_forms") or {}).items()}
    lexicon["participant_kinds"] = {str(w).lower(): str(kind) for kind, ws in (raw.get("participant_nouns") or {}).items()
                                    for w in ws or []}
    lexicon["participant_ends"] = {name: {side: set(kinds or []) for side, kinds in (ends or {}).items()}
                                   for name, ends in (raw.get("participant_ends") or {}).items()}
    lexicon["relation_triggers"] = {name: Trigger(name, sign, quad, name)
                                    for name, (sign, quad) in lexicon["relation_specs"].items()}
    lexicon["control_trigger"] = trigger("control", raw.get("control_relation", "controls"))
    lexicon["from_trigger"] = trigger("from", raw.get("from_verb_relation", "fights"))
    lexicon["supply_trigger"] = trigger("to", raw.get("supply_relation", "supports"))
    lexicon["hands_trigger"] = trigger("at the hands of", raw.get("hands_relation", "criticizes"))
    lexicon["exclusion_trigger"] = trigger("no part", raw.get("exclusion_relation", "criticizes"))
    lexicon["refusal_trigger"] = trigger("not allow", raw.get("refusal_relation", "criticizes"))
    lexicon["removal_trigger"] = trigger("removal", raw.get("removal_relation", "criticizes"))
    lexicon["inclusion_phrases"] = words("inclusion_phrases")
    lexicon["inclusion_heads"] = {phrase.split()[0] for phrase in lexicon["inclusion_phrases"]}
    lexicon["particle_verb_heads"] = {phrase.split()[0] for phrase in lexicon["verb_particles"]}
    lexicon["prepositional_verb_heads"] = {phrase.split()[0] for phrase in lexicon["prepositional_verbs"]}
    for key in ("from_verbs", "supply_verbs", "supply_nouns", "force_nouns", "collective_nouns",
                "inclusion_verbs", "unit_heads", "constituent_nouns", "member_nouns", "having_verbs", "example_adverbs",
                "appointing_verbs", "identity_nouns", "control_verbs", "control_participles",
                "control_nouns", "control_keeping_verbs", "seat_nouns", "use_verbs", "use_nouns", "pejoratives",
                "undergo_verbs", "quantity_nouns", "deed_nouns", "exclusion_nouns",
                "company_verbs", "refusal_verbs", "denial_nouns", "removal_nouns", "demand_verbs", "departure_verbs",
                "negation_words", "negating_verbs", "unknown_marks", "unknown_predicates", "conditional_marks",
                "modal_words", "hedge_words", "reported_words", "hypothetical_verbs", "hypothetical_nouns"):
        lexicon[key] = words(key)
    return lexicon


def default_dictionary():
    """The curated actor dictionary (read once per change of the file), or None when it cannot be read."""
    from ..actors import load_dictionary

    try:
        return load_dictionary()
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=4)
def _kinds_of(dictionary) -> dict[str, str]:
    return {actor_id: entry.get("kind", "") for actor_id, entry in dictionary.entries.items()}


def dictionary_kinds(dictionary=None) -> dict[str, str]:
    """actor id -> kind from an actor dictionary: the one given (an ``ActorDictionary``), else the curated file
    (empty when it is missing or unreadable)."""
    dictionary = dictionary if dictionary is not None else default_dictionary()
    return _kinds_of(dictionary) if dictionary is not None else {}
