"""Relations between actors, read from one article: who backs, fights, leads or belongs to whom.

``extract_relations`` reads one parsed article and its actor mentions and
returns rows of the ``relations`` table. It applies a few general rules over
the dependency parse, each driven by the trigger lexicon
``data/lexicons/relations.yaml`` (which documents every key):

- verbs: "Iran backs X", "X is backed by Iran", "X, backed by Iran",
  "forces fighting X", "pushed X out", "seized the town from X",
  "sent weapons to X", "fought alongside X";
- hyphenated participles: "Iran-backed X", "the Kurdish-led X";
- nouns: "the SDF's fight against X", "U.S. support for X", "a linkup with X",
  "cooperation between X and Y";
- roles: "X, head of Y", "the head of Y, X", "Y leader X", "X, a Y leader",
  "X is a member of Y", "Y's commander X", "Y's X" (a person), "X, one of the
  leaders of Y", "W appointed X (as) commander of Y" (and W leads X);
- membership: "the SDF, which includes X", "a force made up of X",
  "the coalition, including X and Y", "groups such as X", "X is one of Y's
  groups" (and the names listed "along with" X), "soldiers from the 3rd
  Battalion", "members of the tribe" (people named by what they are),
  "2nd Battalion, 5th Group" (a unit before the unit it belongs to);
- sides: "X, Y and Z are committed to defeating W" (X, Y and Z are allies),
  "X, together with Y, ...";
- stances: "X welcomed Y's withdrawal", "X is grateful for the support provided by Y",
  "Y's brutality" (said by X), "a future in which Y has no part", "suffered at the hands of Y",
  "X stands shoulder to shoulder with Y", "X was pleased to meet Y", "X will not allow Y to ...";
- control of territory, as ``leads`` to a place: "ISIS took Mosul", "the
  ISIS-held town of X", "ISIS has control of X", "X, the ISIS capital".

- control of sites, equipment and weapons, also as ``leads`` (re3d's "in
  charge of"): "an ISIS tank", "ISIS fighting positions", "X conducted strikes",
  "X used chemical weapons".

Not every end of a relation is an actor. A strike fights what it hits ("two
strikes destroyed a bridge"), an actor holds a tank, ISIS kills civilians, and
a press release's "we" may resolve to nobody. Such an end is a ``Participant``
(its kind from the lexicon's ``participant_nouns``: weapon, equipment, site,
people, group; or a place, or a pronoun): its row has no actor id at that end
and says what it is in ``source_kind`` / ``target_kind``. The lexicon's
``participant_ends`` says which kinds each relation accepts. The alliance
network (``helpers.alliances.relation_graph``) keeps only rows with an actor at both ends.

An argument that is not itself a mention is followed to one when it stands for
an actor: a relative pronoun ("which"), a pronoun subject of reported speech
("X announced that they ..."), "I"/"we" inside a claim (its speaker), an
apposition ("a U.S.-backed force" beside the SDF), "a collection of groups"
beside a name, a noun for someone's forces or actions ("ISIS fighters",
"forces of Assad", "the SDF's advance", "X conducted strikes"), or a noun that,
with a name as modifier, is that name's actor ("Coalition partners").
A pronoun or appositive description at one end is shown as its actor's name
when the same sentence gives it.

Each relation gets a certainty from the clause around its trigger (see
``_Context.certainty``), a CAMEO quad class (from the lexicon) and its sentence
as evidence. ``helpers.alliances`` aggregates the rows into a signed actor
graph and its blocs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from .nlp import doc_text

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "relations.yaml"
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


PARTICIPANT_ENTITY_LABELS = {"GPE": "place", "LOC": "place", "FAC": "site"}
HELD_KINDS = ("weapon", "equipment", "site")   # what an actor turns against someone ('jets against Y')
OBJECT_KINDS = ("weapon", "equipment", "property")   # never an end of a relation: a strike, a car, a home
CONTROLLED_KINDS = ("place", "site")   # what an actor `controls`
PHRASE_MODIFIERS = ("compound", "amod", "nummod", "nmod", "poss", "quantmod")


# ---------------------------------------------------------------- lexicon

@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> dict:
    """The trigger lexicon with every trigger resolved to a ``Trigger`` and every list made a set."""
    raw = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8")) or {}
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
        return {str(w).lower() for w in raw.get(key) or []}

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


@lru_cache(maxsize=4)
def _dictionary_kinds(path: str, mtime: float) -> dict[str, str]:
    from .actors import load_dictionary

    return _kinds_of(load_dictionary(path))


@lru_cache(maxsize=4)
def _kinds_of(dictionary) -> dict[str, str]:
    return {actor_id: entry.get("kind", "") for actor_id, entry in dictionary.entries.items()}


def dictionary_kinds(dictionary=None) -> dict[str, str]:
    """actor id -> kind from an actor dictionary: the one given (an ``ActorDictionary``), else the curated file
    (empty when it is missing or unreadable)."""
    from .actors import DICTIONARY_PATH

    if dictionary is not None:
        return _kinds_of(dictionary)
    try:
        return _dictionary_kinds(str(DICTIONARY_PATH), DICTIONARY_PATH.stat().st_mtime)
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------- extraction

def extract_relations(doc, article_id: str, mentions: list, claims: list[dict], dictionary=None) -> list[dict]:
    """Relations between the actors of one parsed article, as rows of the relations table.

    ``mentions`` are the article's actor mentions (``helpers.actors.find_mentions``);
    ``claims`` its claim rows (``helpers.claims.extract_claims``, may be empty):
    a relation inside the content of an attributed claim is ``reported``.
    Rows follow the contract's column order, then quad_class, trigger and the
    source, target and evidence texts, and what kind each end is (``source_kind``, ``target_kind``:
    ``actor``, ``place``, or a participant's kind, whose actor id is then empty).
    ``dictionary`` is the actor dictionary the mentions were found with (default: the curated file);
    its kinds tell places from parties.
    """
    if doc is None or not len(doc) or not mentions:
        return []
    context = _Context(doc, mentions, claims or [], load_lexicon(), dictionary_kinds(dictionary))
    candidates = []
    for token in doc:
        candidates.extend(context.relations_at(token))
    candidates.extend(context.unit_chain_relations(mentions))
    candidates.extend(context.shared_fights(candidates))
    return context.rows(article_id, candidates)


class _Context:
    """One article's doc, mentions, claims and lexicon, and the rules that read them."""

    def __init__(self, doc, mentions, claims, lexicon, kinds):
        self.doc, self.lex = doc, lexicon
        self.text = doc_text(doc)   # built once: Doc.text rebuilds the string on every access
        self.by_token = _mention_by_token(doc, mentions)
        self.mentions_by_actor = defaultdict(list)
        for mention in mentions:
            if getattr(mention, "actor_id", ""):
                self.mentions_by_actor[mention.actor_id].append(mention)
        self.kinds = kinds
        self.claims = [c for c in claims if isinstance(c, dict) and c.get("attributed")
                       and isinstance(c.get("start"), int) and isinstance(c.get("end"), int)]

    # ---- the rules

    def relations_at(self, token) -> list[Candidate]:
        """Every relation whose trigger is this token."""
        lemma = self.lex["irregular_forms"].get(token.lower_, token.lemma_.lower())
        noun = _is_noun(token)
        found = []
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBG"):
            found += self.verb_relations(token, lemma)
            found += self.prepositional_verb_relations(token, lemma)
        if token.lower_ in self.lex["participles"]:
            found += self.participle_relations(token)
        if noun and lemma in self.lex["nouns"] and token.i not in self.by_token:
            found += self.noun_relations(token, lemma)
        if noun and (getattr(self.lex["nouns"].get(lemma), "relation", "") == "fights"
                     or self.lex["participant_kinds"].get(lemma) == "weapon"):
            found += self.fire_from(token)
        if noun and lemma not in self.lex["nouns"] and (
                lemma in self.lex["force_nouns"] or self.lex["participant_kinds"].get(lemma) in HELD_KINDS):
            found += self.against_relations(token)
        if noun and self.role_trigger(token, lemma, person=None):
            found += self.role_relations(token, lemma)
        if token.dep_ == "poss" or (token.dep_ == "prep" and token.lower_ == "of"):
            found += self.possessive_membership(token)
        if token.pos_ in ("NOUN", "PROPN") and _plain_lemma(token) in self.lex["member_nouns"]:
            found += self.member_noun_relations(token)
        if token.dep_ == "prep" and token.lower_ == "with":
            found += self.together_relations(token) + self.with_phrase_relations(token)
        if (token.dep_ == "prep" and _is_example_preposition(token)) or self.is_singled_out(token):
            found += self.example_relations(token)
        found += self.control_relations(token, lemma)
        if noun and lemma in self.lex["use_nouns"]:
            found += self.use_noun_relations(token)
        if token.pos_ == "ADJ" and lemma in self.lex["stance_adjectives"]:
            found += self.stance_adjective_relations(token)
        if token.pos_ in ("NOUN", "ADJ") and lemma in self.lex["pejoratives"]:
            found += self.pejorative_relations(token)
        if token.pos_ == "NOUN" and lemma in self.lex["exclusion_nouns"]:
            found += self.exclusion_relations(token)
        if token.lower_ == "hands" and token.dep_ == "pobj" and token.head.lower_ == "at":
            found += self.hands_relations(token)
        if token.pos_ == "VERB" and (lemma in self.lex["refusal_verbs"] or lemma in self.lex["negating_verbs"]):
            found += self.refusal_relations(token, lemma)
        if token.pos_ == "NOUN" and lemma in self.lex["removal_nouns"]:
            found += self.removal_relations(token)
        if token.pos_ == "VERB" and lemma in self.lex["demand_verbs"]:
            found += self.departure_demands(token)
        return found

    def verb_relations(self, verb, lemma) -> list[Candidate]:
        """'X backs Y', 'Y is backed by X', 'Y, backed by X', 'X pushed Y out', 'X took the town from Y', 'X sent arms to Y'."""
        phrase = self.particle_phrase(verb, lemma)
        trigger = self.lex["verb_particles"].get(phrase) if phrase else None
        key = phrase if trigger else lemma
        trigger = trigger or self.lex["verbs"].get(lemma)
        if trigger is None:
            if lemma in self.lex["inclusion_verbs"] or self.inclusion_preposition(verb, lemma) is not None:
                return self.inclusion_relations(verb, lemma)
            if lemma in self.lex["supply_verbs"]:
                return self.supply_relations(verb)
            if lemma in self.lex["from_verbs"]:
                return self.from_relations(verb)
            return []
        if self.is_hyphen_participle(verb):
            return []   # "Iran-backed": the participle rule reads it
        if self.is_passive(verb):
            sources = [(a, False) for a in self.agents(verb) or self.event_agents(verb)
                       or [a for other in verb.conjuncts for a in self.event_agents(other)]]
            targets = [(t, False) for t in self.passive_targets(verb)]
        else:
            sources = [(s, False) for s in self.subjects(verb)]
            targets = self.objects(verb, key)
            # a stance may be about people no name identifies ('praised the villagers'), support only about parties
            party = self.party_of if trigger.relation != "supports" else self.actor_of
            if trigger.relation in ("praises", "criticizes", "supports") and not any(party(t) for t, _ in targets):
                # "welcomed X's liberation of Y", "supported the retaking of Y by X": whoever did the deed
                targets = [(o, False) for obj in _children(verb, "dobj") for o in self.stance_owners(obj)]
        found = [c for target, negated in targets for source, _ in sources
                 for c in self.candidates(source, target, trigger, verb, negated, by_verb=True)]
        if trigger.relation == "fights" and len(sources) > 1 and (found or _children(verb, "dobj")):
            found += self.joint_sides([s for s, _ in sources], verb)
        return found

    def event_agents(self, verb) -> list:
        """Who did a passive deed named by an event after 'in': 'killed in a raid by X', 'in a strike conducted by X'."""
        found = []
        for prep in _children(verb, "prep"):
            event = _first_child(prep, "pobj") if prep.lower_ in ("in", "during") else None
            if event is None or event.lemma_.lower() not in self.lex["nouns"]:
                continue
            found += self.agents(event, preposition="by") + [a for acl in _children(event, "acl") for a in self.agents(acl)]
            found += self.modifier_actors(event)
        return found

    def stance_owners(self, thing) -> list:
        """Whose deed a stance is about: 'welcomed X's liberation of Y', 'condemned the attack by X' (X),
        "X and Y's brutality" (both)."""
        if thing.lemma_.lower() in self.lex["removal_nouns"]:   # "backed the ouster of Y (by X)": Y is no doer
            return [o for o in self.agents(thing, preposition="by") if self.actor_of(o) is not None]
        # the parser often hangs "X's cruelty and Y's barbarity" as "[X's cruelty and Y]'s barbarity"
        modifiers = [m for m in thing.children if m.dep_ in MODIFIER_DEPS and m.i < thing.i and not self.line_break_between(m, thing)]
        owners = [o for m in modifiers for o in _conjoined(m) if self.actor_of(o) is not None]
        if not owners:   # "the X panel's report": the panel is X's
            owners = [o for m in modifiers if m.dep_ == "poss" for o in self.modifier_actors(m)]
        if not owners and thing.i >= 2 and self.doc[thing.i - 1].lower_ in ("'s", "\u2019s", "'", "\u2019") \
                and thing.i - 2 in self.by_token:   # "X's savagery" with the possessive hung elsewhere
            owners.append(self.doc[thing.i - 2])
        patient_of = thing.lemma_.lower() in self.lex["control_nouns"]   # "the liberation of X": X is what was freed
        for prep in _children(thing, "prep"):
            if prep.lower_ == "by" or (prep.lower_ == "of" and not patient_of):
                owners += [o for o in _conjoined(_first_child(prep, "pobj")) if self.actor_of(o) is not None]
        if getattr(self.lex["nouns"].get(thing.lemma_.lower()), "relation", "") == "allied_with":
            # "values its partnership with X": a tie is the partner's as much as one's own ('with' may hang on the verb)
            preps = _children(thing, "prep") + ([p for p in _children(thing.head, "prep") if p.i > thing.i]
                                                if thing.dep_ == "dobj" else [])
            owners += [o for prep in preps if prep.lower_ == "with"
                       for o in _conjoined(_first_child(prep, "pobj")) if self.party_of(o) is not None]
        for clause in thing.children:   # "welcomed the news that X had retaken Y": X
            if clause.dep_ in ("acl", "ccomp", "appos") and clause.pos_ in ("VERB", "AUX") and \
                    any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                owners += [o for o in _children(clause, "nsubj") if self.actor_of(o) is not None]
        return owners

    def stance_adjective_relations(self, adjective) -> list[Candidate]:
        """'X is grateful for Y's support', 'X is appalled by the attack by Y', 'proud of Y'."""
        trigger = self.lex["stance_adjectives"][adjective.lemma_.lower()]
        holder = adjective.head if adjective.dep_ in ("acomp", "amod", "conj") else adjective
        sources = self.subjects(holder) if holder.pos_ in ("VERB", "AUX") else []
        targets = []
        for prep in _children(adjective, "prep"):
            for thing in _conjoined(_first_child(prep, "pobj")):
                targets += [thing] if self.actor_of(thing) is not None else self.stance_owners(thing)
                targets += [a for verb in _children(thing, "acl") for a in self.agents(verb)]
        for clause in _children(adjective, "ccomp"):   # "we are proud that X has ...": X
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                targets += [s for s in _children(clause, "nsubj") if self.participant_of(s) is not None]
        for verb in _children(adjective, "xcomp"):   # "pleased to meet X", "proud to serve alongside X"
            if verb.lemma_.lower() in self.lex["company_verbs"]:
                targets += [o for obj in _children(verb, "dobj") for o in _conjoined(self.party_named_by_of(obj))]
                targets += [o for prep in _children(verb, "prep") if prep.lower_ in ("with", "alongside")
                            for o in _conjoined(_first_child(prep, "pobj"))]
        return [c for source in sources for target in targets
                for c in self.candidates(source, target, trigger, adjective, by_verb=True)]

    def pejorative_relations(self, word) -> list[Candidate]:
        """"Assad's brutality", 'the terrorism of X', 'the vile group X', 'a brutal attack by X': whoever says so
        (the speaker of the claim, else the sentence's subject) criticizes X."""
        if word.pos_ == "ADJ":
            if word.dep_ != "amod":
                return []
            described = word.head   # 'these brutal militants': people, even when no name says who they are
            targets = [described] if self.party_of(described) is not None else self.stance_owners(described)
        else:
            targets = self.stance_owners(word)
        trigger = self.lex["relation_triggers"]["criticizes"].renamed(word.lower_)
        return [Candidate(judge, mention, trigger, word) for judge in self.judges(word) for target in targets
                for mention in [self.participant_of(target)] if mention is not None]

    def exclusion_relations(self, noun) -> list[Candidate]:
        """'a future in which X has no part', 'there is no place for X in Y': whoever says so (see ``judges``)
        criticizes X."""
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return []
        verb = noun.head
        excluded = [o for prep in _children(noun, "prep") if prep.lower_ == "for"
                    for o in _conjoined(_first_child(prep, "pobj"))]
        if not excluded and noun.dep_ == "dobj" and verb.lemma_.lower() == "have":
            excluded = self.subjects(verb)
        excluded = [x for x in excluded if self.party_of(x) is not None]
        if not excluded:
            return []
        trigger = self.lex["exclusion_trigger"].renamed(f"no {noun.lower_}")
        # the anchor is the verb: the 'no' on the noun says what X lacks, it does not negate the criticism
        return [Candidate(judge, mention, trigger, verb) for judge in self.judges(noun)
                for x in excluded for mention in [self.party_of(x)]]

    def hands_relations(self, hands) -> list[Candidate]:
        """'civilians who suffered at the hands of X', "the villagers' plight at the hands of X": X is the sufferers' enemy."""
        doers = [d for prep in _children(hands, "prep") if prep.lower_ == "of" for d in _conjoined(_first_child(prep, "pobj"))]
        holder = hands.head.head
        if holder.pos_ in ("VERB", "AUX"):
            sufferers = self.passive_targets(holder) if self.is_passive(holder) else self.subjects(holder)
        else:
            sufferers = [c for c in holder.children if c.dep_ in MODIFIER_DEPS and c.i < holder.i]
            sufferers += [o for prep in _children(holder, "prep") if prep.lower_ == "of" for o in _conjoined(_first_child(prep, "pobj"))]
            sufferers = sufferers or [holder]
        sufferers = [self.party_named_by_of(s) for s in sufferers]
        return [Candidate(mention, victim, self.lex["hands_trigger"], hands) for doer in doers for sufferer in sufferers
                for mention in [self.party_of(doer)] for victim in [self.party_of(sufferer)]
                if mention is not None and victim is not None]

    def refusal_relations(self, verb, lemma) -> list[Candidate]:
        """'X will not allow Y to regroup', 'X will never let Y return', 'X denied Y a safe haven', 'deny any
        sanctuary to Y': X stands against Y."""
        if lemma in self.lex["refusal_verbs"]:
            if not any(c.dep_ == "neg" for c in verb.children):
                return []
            refused = [o for obj in _children(verb, "dobj") for o in _conjoined(obj)]
            refused += [s for clause in verb.children if clause.dep_ in ("ccomp", "xcomp") for s in self.subjects(clause)
                        if s.dep_ in SUBJECTS]   # "not allow Y to regroup": Y, not X again
        else:
            havens = [o for o in _children(verb, "dobj") if o.lemma_.lower() in self.lex["denial_nouns"]]
            if not havens:
                return []
            refused = [d for d in _children(verb, "dative") if d.pos_ != "ADP"]
            refused += [o for thing in [verb, *havens] for prep in thing.children
                        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "for")
                        for o in _conjoined(_first_child(prep, "pobj"))]
        trigger = self.lex["refusal_trigger"].renamed(f"not {lemma}" if lemma in self.lex["refusal_verbs"] else lemma)
        found = []
        for source in self.subjects(verb):
            for target in refused:
                for c in self.candidates(source, target, trigger, verb):
                    c.negation_is_stance = True
                    found.append(c)
        return found

    def removal_relations(self, noun) -> list[Candidate]:
        """'X called for the removal of Y', "X demanded Y's resignation", 'X backs the ouster of Y': X stands against Y."""
        verb = _governing_verb(noun)
        if verb is None or verb.lemma_.lower() not in self.lex["demand_verbs"]:
            return []
        removed = [o for prep in _children(noun, "prep") if prep.lower_ == "of" for o in _conjoined(_first_child(prep, "pobj"))]
        removed += [o for m in noun.children if m.dep_ == "poss" for o in _conjoined(m)]
        demanders = self.agents(verb) if self.is_passive(verb) else self.subjects(verb)
        trigger = self.lex["removal_trigger"].renamed(noun.lemma_.lower())
        # read on the verb: the removal is only asked for, the stance is said
        return [c for d in demanders for r in removed for c in self.candidates(d, r, trigger, verb)]

    def departure_demands(self, verb) -> list[Candidate]:
        """'X called on Y to step down', 'X urged Y to leave', 'X called for Y to resign': X stands against Y."""
        departures = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl") and self.departure_phrase(c)]
        if not departures:
            return []
        asked = _children(verb, "dobj")
        asked += [o for prep in _children(verb, "prep") if prep.lower_ in ("on", "upon", "for") for o in _children(prep, "pobj")]
        asked += [s for clause in departures for s in _children(clause, "nsubj")]   # "called for Y to resign"
        trigger = self.lex["removal_trigger"].renamed(self.departure_phrase(departures[0]))
        return [c for d in self.subjects(verb) for target in asked for y in _conjoined(target)
                for c in self.candidates(d, y, trigger, verb)]

    def departure_phrase(self, verb) -> str:
        """The departure a verb names, with its particle ('step down', 'resign'), or ''."""
        lemma = verb.lemma_.lower()
        phrases = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")] + [lemma]
        return next((p for p in phrases if p in self.lex["departure_verbs"]), "")

    def judges(self, word) -> list:
        """Who passes the judgement a word makes: the speaker of the claim it sits in, else the subject of its
        sentence ('we' included, even when nothing says who 'we' are)."""
        speaker = self.claim_speaker(word)
        if speaker is not None:
            return [speaker]
        return [m for s in word.sent.root.children if s.dep_ in ("nsubj", "nsubjpass")
                and (m := self.party_of(s)) is not None]

    def party_of(self, token):
        """The actor, group, people or pronoun a token stands for (no weapon, site or place), or None."""
        mention = self.participant_of(token)
        if mention is None or (isinstance(mention, Participant) and mention.kind not in ("group", "people", "pronoun")):
            return None
        return mention

    def joint_sides(self, sides, anchor) -> list[Candidate]:
        """'X, Y and Z are committed to defeating W': those who fight a common enemy together are allies."""
        trigger = self.lex["relation_triggers"]["allied_with"].renamed("together")
        return [c for i, one in enumerate(sides) for other in sides[i + 1:]
                for c in self.candidates(one, other, trigger, anchor)]

    def together_relations(self, preposition) -> list[Candidate]:
        """'X, together with Y, ...', 'X, along with Y': the two act side by side."""
        if not any(c.lower_ in ("together", "along") for c in preposition.children) and \
                not (preposition.i > 0 and self.doc[preposition.i - 1].lower_ in ("together", "along")):
            return []
        partner = _first_child(preposition, "pobj")
        holder = preposition.head
        if partner is None or holder.pos_ not in ("NOUN", "PROPN"):
            holder = next(iter(self.subjects(holder)), None) if holder.pos_ in ("VERB", "AUX") else None
        if holder is None or partner is None:
            return []
        trigger = self.lex["relation_triggers"]["allied_with"].renamed("together with")
        return [c for other in _conjoined(partner) for c in self.candidates(holder, other, trigger, preposition)]

    def with_phrase_relations(self, preposition) -> list[Candidate]:
        """'X stands shoulder to shoulder with Y': a phrase right before 'with' relates the clause's subject to Y."""
        before = self.doc[max(preposition.sent.start, preposition.i - 6):preposition.i]
        words = [t.lower_ for t in before if t.text not in HYPHENS]   # "shoulder-to-shoulder" too
        phrase = next((p for p in self.lex["with_phrases"] if words[-len(p.split()):] == p.split()), None)
        partner = _first_child(preposition, "pobj")
        if phrase is None or partner is None:
            return []
        trigger = self.lex["with_phrases"][phrase]
        holders = self.subjects(_clause_of(preposition.head))
        return [c for holder in holders for other in _conjoined(partner)
                for c in self.candidates(holder, other, trigger, preposition)]

    def prepositional_verb_relations(self, verb, lemma) -> list[Candidate]:
        """'X fought alongside Y', 'X used chemical weapons against Y', 'X belongs to Y'."""
        found = []
        if lemma not in self.lex["prepositional_verb_heads"]:
            return found
        on_objects = [p for obj in _children(verb, "dobj") for o in _conjoined(obj) for p in _children(o, "prep")]
        for prep in list(verb.children) + on_objects:   # "used weapons against X" with "against" on "weapons"
            if prep.dep_ not in ("prep", "dative", "prt", "advmod"):
                continue
            trigger = self.lex["prepositional_verbs"].get(f"{lemma} {prep.lower_}")
            if trigger is None:
                continue
            targets = self.with_rather_than(_first_child(prep, "pobj")) if prep.dep_ in ("prep", "dative") \
                else self.objects(verb, f"{lemma} {prep.lower_}")
            sources = self.subjects(verb) if not self.is_passive(verb) else self.passive_targets(verb)
            found += [c for target, negated in targets for source in sources
                      for c in self.candidates(source, target, trigger, verb, negated, by_verb=True)]
        return found

    def supply_relations(self, verb) -> list[Candidate]:
        """'X sent weapons to Y', 'X provided Y with training', 'sending Iranian weapons to Y'."""
        things = [t for t in _children(verb, "dobj") if t.lemma_.lower() in self.lex["supply_nouns"]]
        receivers = [p for prep in verb.children if prep.dep_ in ("dative", "prep") and prep.lower_ in ("to", "for")
                     for p in _conjoined(_first_child(prep, "pobj"))]
        receivers += [d for d in _children(verb, "dative") if d.pos_ != "ADP"]
        with_things = [p for prep in _children(verb, "prep") if prep.lower_ == "with"
                       for p in _children(prep, "pobj") if p.lemma_.lower() in self.lex["supply_nouns"]]
        if with_things:   # "provided Y with weapons": the object is the receiver
            receivers += _children(verb, "dobj")
            things = with_things
        if not things or not receivers:
            return []
        givers = [m for thing in things for m in self.modifier_actors(thing)]
        givers = givers or (self.agents(verb) if self.is_passive(verb) else self.subjects(verb))
        trigger = self.lex["supply_trigger"].renamed(f"{verb.lemma_.lower()} to")
        return [c for giver in givers for receiver in receivers for c in self.candidates(giver, receiver, trigger, verb)]

    def control_relations(self, token, lemma) -> list[Candidate]:
        """Control of territory, as ``leads`` with a place as target: 'ISIS took Mosul', 'Mosul was captured by ISIS',
        'the ISIS-held town of X', 'ISIS has control of X', 'X, the self-proclaimed ISIS capital', 'the fall of X to ISIS'."""
        lex = self.lex
        pairs = []    # (holder token or mention, place token, holder is a mention)
        if token.pos_ in ("VERB", "AUX") and lemma in lex["control_verbs"] and not _after_hyphen(token):   # "ISIS-held"
            if self.is_passive(token):
                pairs += [(a, p, False) for a in self.agents(token) for p in self.passive_targets(token)]
            else:
                pairs += [(h, p, False) for h in self.subjects(token) for obj in _children(token, "dobj") for p in _conjoined(obj)]
        elif token.lower_ in lex["control_participles"]:
            holder = self.hyphen_source(token)
            if holder is not None and token.dep_ in ("amod", "compound", "acl", "nmod"):
                pairs.append((holder, _place_named_by(token.head), True))
        elif token.pos_ == "NOUN" and lemma in lex["control_nouns"]:
            places = [p for prep in _children(token, "prep") if prep.lower_ in ("of", "over")
                      for p in _conjoined(_first_child(prep, "pobj"))]
            holders = self.modifier_actors(token) + self.agents(token, preposition="to") + self.agents(token, preposition="by")
            verb = _governing_verb(token)
            if not holders and verb is not None and token.dep_ == "dobj" and verb.lemma_.lower() in lex["control_keeping_verbs"]:
                holders = self.subjects(verb)
            pairs += [(h, p, False) for h in holders for p in places]
        elif token.pos_ == "NOUN" and lemma in lex["seat_nouns"] and token.dep_ == "appos":
            pairs += [(h, token.head, False) for h in self.modifier_actors(token)]
        trigger = self.lex["control_trigger"].renamed(token.lower_)
        found = []
        for holder, place, holder_is_mention in pairs:
            if place is None:
                continue
            place = place if place.i in self.by_token else _place_named_by(place)
            for c in self.candidates(holder, place, trigger, token, source_is_token=not holder_is_mention):
                if isinstance(c.target, Participant) and _overlap(c.source, c.target):   # 'an ISIS-held tank'
                    c.target = self.noun_participant(place, c.target.kind, token.idx + len(token.text) + 1)
                c.of_place = True
                found.append(c)
        return found

    def use_noun_relations(self, noun) -> list[Candidate]:
        """'the use of chemical weapons by X against Y', "X's use of drones against Y": X fights Y.
        (Using a weapon is no relation between actors: the weapon itself is no end.)"""
        kinds = self.lex["participant_kinds"]
        things = [t for prep in _children(noun, "prep") if prep.lower_ == "of"
                  for t in _conjoined(_first_child(prep, "pobj")) if kinds.get(t.lemma_.lower()) in ("weapon", "equipment")]
        if not things:
            return []
        users = self.modifier_actors(noun) + self.agents(noun, preposition="by")
        verb = _governing_verb(noun)
        if not users and verb is not None:
            users = self.subjects(verb) + self.passive_targets(verb)
        enemies = [t for prep in _children(noun, "prep") if prep.lower_ == "against"
                   for t in self.with_rather_than(_first_child(prep, "pobj"))]
        fights = self.lex["relation_triggers"]["fights"].renamed(f"{noun.lower_} against")
        return [c for user in users for enemy, negated in enemies for c in self.candidates(user, enemy, fights, noun, negated)]

    def inclusion_relations(self, verb, lemma) -> list[Candidate]:
        """'the SDF, which includes X', 'X, made up of Y and Z', 'a force composed of Y': each member belongs to the group."""
        preposition = self.inclusion_preposition(verb, lemma)
        if preposition is not None:
            members = _conjoined(_first_child(preposition, "pobj"))
            groups = self.passive_targets(verb) or self.subjects(verb)
            word = f"{verb.lower_} {preposition.lower_}"
        else:
            if self.is_passive(verb):
                return []
            members = [e for obj in _children(verb, "dobj") for m in _conjoined(obj) for e in self.examples_of(m)]
            groups = self.subjects(verb)
            word = verb.lemma_.lower()
        trigger = self.lex["relation_triggers"]["member_of"].renamed(word)
        return [c for group in groups if not _is_person_token(self, group)
                for member in members for c in self.candidates(member, group, trigger, verb)]

    def example_relations(self, preposition) -> list[Candidate]:
        """'the coalition, including X and Y', 'the international community, including X', 'our partners, notably X'
        (``preposition`` is then the apposition X): the names a group is said to include are its members. A plural
        noun that is no actor ('several countries, including X') is a kind, not a group, and names nothing anyone
        belongs to."""
        group = preposition.head
        mention = self.own_group(group)
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
        trigger = self.lex["relation_triggers"]["member_of"].renamed(word)
        return [Candidate(m, mention, trigger, preposition) for member in members
                for m in [self.participant_of(member)] if m is not None]

    def is_singled_out(self, token) -> bool:
        """Whether a token is an apposition given as an example of the noun before it ('our partners, especially X')."""
        return token.dep_ == "appos" and any(c.dep_ == "advmod" and c.lower_ in self.lex["example_adverbs"]
                                             and c.i < token.i for c in token.children)

    def own_group(self, noun):
        """The group a noun itself names: its mention, the name of 'Coalition partners', else the noun as a
        participant; never an owner it would stand for elsewhere ("its partners" are not 'it', nor is the alliance
        that X thanked X)."""
        mention = self.by_token.get(noun.i)
        if mention is None and noun.lemma_.lower() in self.lex["identity_nouns"]:
            named = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i in self.by_token]
            mention = self.by_token[named[0].i] if named else None
        return mention or self.participant(noun)

    def examples_of(self, noun) -> list:
        """The names given as examples of a noun that names nobody ('groups such as X and Y': X and Y), else the noun."""
        if self.actor_of(noun) is not None:
            return [noun]
        named = [m for prep in _children(noun, "prep") if _is_example_preposition(prep)
                 for m in _conjoined(_first_child(prep, "pobj")) if self.actor_of(m) is not None]
        return named or [noun]

    def inclusion_preposition(self, verb, lemma):
        """The 'of'/'by' of 'made up of', 'composed of', 'consists of', when the verb forms one of those phrases."""
        if verb.lower_ not in self.lex["inclusion_heads"] and lemma not in self.lex["inclusion_heads"]:
            return None
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        for prep in verb.children:
            if prep.dep_ not in ("prep", "agent"):
                continue
            for head in (verb.lower_, lemma):
                phrases = [f"{head} {prep.lower_}"] + [f"{head} {p} {prep.lower_}" for p in particles]
                if any(phrase in self.lex["inclusion_phrases"] for phrase in phrases):
                    return prep
        return None

    def unit_chain_relations(self, mentions) -> list[Candidate]:
        """'2nd Battalion, 5th Special Forces Group': a unit named right before another after a comma is part of it."""
        text = self.text
        units = sorted((m for m in mentions if getattr(m, "actor_id", "") and m.label in ("ORG", "DESC")
                        and m.text.split() and m.text.split()[-1].lower() in self.lex["unit_heads"]),
                       key=lambda m: m.start)
        found = []
        for part, whole in zip(units, units[1:]):
            if text[part.end:whole.start].strip() != "," or whole.start - part.end > 3:
                continue
            span = self.doc.char_span(part.start, part.end, alignment_mode="expand")
            if span is not None and len(span):
                found.append(Candidate(part, whole, self.lex["relation_triggers"]["member_of"].renamed(","), span.root))
        return found

    def from_relations(self, verb) -> list[Candidate]:
        """'X seized the villages from Y': X fights Y, and Y held the villages."""
        places = self.passive_targets(verb) if self.is_passive(verb) else \
            [o for obj in _children(verb, "dobj") for o in _conjoined(obj)]
        losers = [p for holder in [verb, *places] for prep in _children(holder, "prep") if prep.lower_ == "from"
                  for p in _conjoined(_first_child(prep, "pobj"))]
        if not losers:
            return []
        takers = self.agents(verb) if self.is_passive(verb) else self.subjects(verb)
        trigger = self.lex["from_trigger"].renamed(f"{verb.lemma_.lower()} from")
        found = [c for taker in takers for loser in losers for c in self.candidates(taker, loser, trigger, verb)]
        held = self.lex["control_trigger"].renamed("held")
        for loser in losers:
            for place in places:
                for c in self.candidates(loser, _place_named_by(place), held, verb):
                    c.of_place = True
                    found.append(c)
        return found

    def participle_relations(self, participle) -> list[Candidate]:
        """'Iran-backed militias', 'the Kurdish-led SDF', 'groups affiliated with X', 'X, allied with Y'."""
        trigger = self.lex["participles"][participle.lower_]
        named = self.hyphen_source(participle)
        if named is not None:
            if participle.dep_ not in ("amod", "compound", "acl", "nmod"):
                return []
            return self.candidates(named, participle.head, trigger, participle, source_is_token=False)
        if trigger.relation not in ("allied_with", "member_of"):
            return []
        holders = [participle.head] if participle.dep_ in ("acl", "amod") else \
            self.subjects(participle) + self.passive_targets(participle)
        others = [p for prep in _children(participle, "prep") if prep.lower_ in ("with", "to")
                  for p in _conjoined(_first_child(prep, "pobj"))]
        return [c for h in holders for o in others for c in self.candidates(h, o, trigger, participle)]

    def noun_relations(self, noun, lemma) -> list[Candidate]:
        """'the SDF's fight against ISIS', 'U.S. support for X', 'X launched an offensive on Y', 'a linkup with Y'."""
        trigger = self.lex["nouns"][lemma]
        sides = self.hyphenated_sides(noun)
        if sides:   # "the Iran-Iraq war", "a U.S.-Iraqi partnership"
            return self.candidates(sides[0], sides[1], trigger, noun)
        allowed = self.lex["noun_prepositions"].get(lemma, self.lex["noun_prepositions"].get("_default", set()))
        after_in = noun.dep_ == "pobj" and noun.head.lower_ == "in"      # "in support of X"
        targets, of_sources = [], []
        for prep in _children(noun, "prep"):
            word = prep.lower_
            if word in allowed or (word == "of" and after_in):
                targets += self.with_rather_than(_first_child(prep, "pobj"))
            elif word == "of":
                of_sources += _conjoined(_first_child(prep, "pobj"))
            elif word == "between":
                return self.between_relations(noun, prep, trigger)
        if noun.dep_ == "dobj":   # "dealt ISIS a heavy defeat": the verb's indirect object (or a second object)
            targets += [(d, False) for d in noun.head.children if d.i < noun.i and d.pos_ != "ADP"
                        and (d.dep_ == "dative" or (d.dep_ == "dobj" and self.actor_of(d) is not None))]
            if not targets:   # "applied pressure to X", "expressed solidarity with X": the preposition hangs on the verb
                targets += [t for prep in noun.head.children if prep.dep_ in ("prep", "dative") and prep.i > noun.i
                            and prep.lower_ in allowed for t in self.with_rather_than(_first_child(prep, "pobj"))]
        if not targets:
            return []
        sources = self.modifier_actors(noun) + of_sources + self.agents(noun, preposition="by")
        if not sources:   # "the killing of X by Y", with "by Y" hung on X
            sources = [a for target, _ in targets for a in self.agents(target, preposition="by")]
        if not sources and trigger.relation == "fights":
            sources = self.fight_holders(noun)
        if not sources:
            verb = _governing_verb(noun)
            sources = self.subjects(verb) if verb is not None and noun.dep_ in ("dobj", "pobj", "attr", "conj", "appos") else []
        if not sources:
            sources = self.clause_topic(noun)
        return [c for target, negated in targets for source in sources
                for c in self.candidates(source, target, trigger, noun, negated)]

    def against_relations(self, noun) -> list[Candidate]:
        """'X maintained their positions against Y', "X's troops against Y", 'X deployed jets against Y':
        forces, weapons or positions turned against someone are their owner's fight with them."""
        enemies = [t for prep in _children(noun, "prep") if prep.lower_ == "against"
                   for t in self.with_rather_than(_first_child(prep, "pobj"))]
        if not enemies:
            return []
        verb = _governing_verb(noun)
        if verb is not None and f"{verb.lemma_.lower()} against" in self.lex["prepositional_verbs"]:
            return []   # "used weapons against X": the prepositional verb rule reads it
        owners = self.modifier_actors(noun)
        if not owners and verb is not None and noun.dep_ == "dobj":
            owners = self.agents(verb) if self.is_passive(verb) else self.subjects(verb)
        trigger = self.lex["relation_triggers"]["fights"].renamed("against")
        return [c for owner in owners for enemy, negated in enemies
                for c in self.candidates(owner, enemy, trigger, noun, negated)]

    def hyphenated_sides(self, noun) -> list:
        """The two names in 'the Iran-Iraq war': two different actors before the noun, a hyphen between them."""
        names = [t for t in noun.subtree if t.i < noun.i and t.i in self.by_token and t.dep_ in MODIFIER_DEPS]
        for first, second in zip(names, names[1:]):
            between = self.text[first.idx + len(first.text):second.idx]
            if between.strip() in HYPHENS + ("\u2013",) and \
                    self.by_token[first.i].actor_id != self.by_token[second.i].actor_id:
                return [first, second]
        return []

    def fire_from(self, noun) -> list[Candidate]:
        """'X came under fire from Y', 'X received rocket fire from Y', 'X repelled an attack from Y': Y fights X."""
        verb = _governing_verb(noun)
        if verb is None or verb.lemma_.lower() not in self.lex["undergo_verbs"]:
            return []
        attackers = [a for holder in (noun, verb) for prep in _children(holder, "prep") if prep.lower_ == "from"
                     for a in _conjoined(_first_child(prep, "pobj"))]
        trigger = self.lex["relation_triggers"]["fights"].renamed(f"{noun.lower_} from")
        return [c for attacker in attackers for victim in self.subjects(verb)
                for c in self.candidates(attacker, victim, trigger, noun)]

    def fight_holders(self, noun) -> list:
        """Who wages a fight named after 'in': the one supported ('support for X in the fight against Y',
        'helped X in the fight'), else the owner of the noun before it ('their efforts in the fight against Y')."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "in":
            return []
        head = noun.head.head
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "AUX") and self.lex["verbs"].get(lemma, None) is not None \
                and self.lex["verbs"][lemma].relation == "supports":
            return [o for obj in _children(head, "dobj") for o in _conjoined(obj)]
        if head.pos_ in ("NOUN", "PROPN") and getattr(self.lex["nouns"].get(lemma), "relation", "") == "supports":
            return [o for prep in _children(head, "prep") if prep.lower_ in ("for", "to", "of")
                    for o in _conjoined(_first_child(prep, "pobj"))]
        if head.pos_ in ("NOUN", "PROPN"):
            return [c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i < head.i and self.participant_of(c) is not None]
        return []

    def shared_fights(self, candidates) -> list[Candidate]:
        """'X struck Y in support of Z', 'X backs Z in its fight against Y', 'X is helping Z to defeat Y': whom X
        supports or fights beside in the same deed fights Y too, and so does X when Z is the one fighting (the
        trigger of one relation governs the other's)."""
        fights = [c for c in candidates if c.trigger.relation == "fights" and not c.negated]
        sides = [c for c in candidates if not c.negated and (c.trigger.relation in ("supports", "allied_with")
                                                              or _as_part_of(c.anchor))]
        trigger = self.lex["relation_triggers"]["fights"].renamed("alongside")
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

    def between_relations(self, noun, prep, trigger) -> list[Candidate]:
        """'cooperation between X and Y', 'clashes between X and Y': the first with each other one."""
        members = _conjoined(_first_child(prep, "pobj"))
        return [c for other in members[1:] for c in self.candidates(members[0], other, trigger, noun)]

    def role_relations(self, role, lemma) -> list[Candidate]:
        """'X, head of Y', 'the head of Y, X', 'Y leader X', 'X, a Y leader', 'X is a member of Y', 'Y's commander X'."""
        groups = []     # (token, preposition)
        for prep in _children(role, "prep"):
            if prep.lower_ in ROLE_PREPOSITIONS:
                groups += [(o, prep.lower_) for o in _conjoined(_first_child(prep, "pobj"))]
        groups += [(m, "") for m in self.modifier_actors(role, chain=True)]
        holders = self.role_holders(role)
        if not groups:   # "X, commander, Y": a group named right after the role
            groups = [(t, "") for t in self.adjacent_mentions(role, right=True) + _children(role, "appos")
                      if t.i in self.by_token and not _is_person(self.by_token[t.i])]
            holders = [h for h in holders if h.i < role.i]
        found = []
        for holder in holders:
            holder_mention = self.actor_of(holder) or self.pronoun_participant(holder)
            if holder_mention is None:
                continue
            trigger = self.role_trigger(role, lemma, person=self.holds_as_person(holder_mention, lemma))
            if trigger is None:
                continue
            found += self.appointer_relations(role, holder)
            sharers = [holder] + self.companions(role)
            for group, preposition in groups:
                used = trigger.renamed(f"{trigger.word} {preposition}", "member_of", self.lex) \
                    if preposition in MEMBER_PREPOSITIONS else trigger
                target = self.group_end(group, holder_mention)
                found += [Candidate(s, target, used, role) for sharer in sharers
                          for s in [self.participant_of(sharer)] if s is not None and target is not None]
        return found

    def pronoun_participant(self, token):
        """A pronoun nothing resolves, as a participant ('we will act as part of a coalition': whoever 'we' are)."""
        participant = self.participant(token) if token.pos_ == "PRON" else None
        return participant if participant is not None and participant.kind == "pronoun" else None

    def holds_as_person(self, mention, lemma) -> bool:
        """Whether a role's holder is a person: by its label or kind cues, or because the role is one only a person
        holds and the name is one only the tagger labelled ('Abu X, the commander of Y' with Abu X tagged a group;
        not a dictionary entry, nor a description such as 'Iraqi officials')."""
        if _is_person(mention):
            return True
        only_people = lemma in self.lex["person_roles"] and lemma not in self.lex["group_roles"]
        return only_people and getattr(mention, "source", "") == "ner" and not getattr(mention, "dictionary_id", "") \
            and not _is_place(mention, self.kinds)

    def appointer_relations(self, role, holder) -> list[Candidate]:
        """'X appointed Y (as) commander of Z', 'Y was named commander by X': whoever gives a post is in charge of
        the one who takes it."""
        verb = role.head.head if (role.dep_ == "pobj" and role.head.lower_ == "as") or \
            (role.dep_ == "appos" and role.head.dep_ == "dobj") else role.head   # "appointed Y, the commander"
        if role.dep_ not in ("oprd", "pobj", "attr", "appos", "dobj") or verb.pos_ != "VERB" \
                or verb.lemma_.lower() not in self.lex["appointing_verbs"]:
            return []
        givers = self.agents(verb) if self.is_passive(verb) else self.subjects(verb)
        trigger = self.lex["relation_triggers"]["leads"].renamed(verb.lemma_.lower())
        holder_mention = self.actor_of(holder)
        if holder_mention is None or not self.holds_as_person(holder_mention, role.lemma_.lower()):
            return []
        return [c for giver in givers if giver.i != holder.i for c in self.candidates(giver, holder, trigger, verb)]

    def group_end(self, group, holder_mention):
        """The group end of a role: its actor or participant, but a bare pronoun when the pronoun was resolved to the
        holder ('X was one of its founding factions': 'its' is someone else, whoever the resolver took it for)."""
        mention = self.participant_of(group)
        if mention is not None and group.pos_ == "PRON" and getattr(mention, "actor_id", "") \
                and mention.actor_id == holder_mention.actor_id:
            return Participant(group.idx, group.idx + len(group.text), group.text, "pronoun")
        return mention

    def companions(self, role) -> list:
        """Names listed 'along with' or 'together with' the holder of a role, in its clause: they hold it too
        ('X was named one of its founding factions, along with Y, Z and W')."""
        clause = _clause_of(role)
        found = []
        for token in clause.subtree:
            if token.lower_ == "with" and token.i > 0 and self.doc[token.i - 1].lower_ in ("along", "together") \
                    and token.i > role.i:
                found += self.listed_mentions(token.i + 1)
        return found

    def listed_mentions(self, start: int) -> list:
        """The first token of each name in a list that starts at ``start`` ('Y, Z and W'), up to the first item
        that names nobody or the end of the list; items may hold words around the name the tagger left out."""
        doc, found, item = self.doc, [], []
        sentence_end = doc[start].sent.end if start < len(doc) else start
        for i in range(start, sentence_end + 1):
            token = doc[i] if i < sentence_end else None
            separator = token is not None and token.lower_ in (",", "and", "or")
            if token is None or separator or token.pos_ in ("VERB", "AUX") \
                    or (token.is_punct and token.text not in HYPHENS):
                if item:   # ", and" closes no item
                    named = [t for t in item if t.i in self.by_token]
                    if not named:
                        break
                    found.append(named[0])
                    item = []
                if not separator:
                    break
                continue
            item.append(token)
        return found

    def member_noun_relations(self, noun) -> list[Candidate]:
        """'soldiers from the 3rd Battalion', 'airmen deployed from the 9th Wing', 'members of the tribe', 'sailors with
        the 5th Fleet': people named by what they are belong to the unit or group named after them.

        After 'from' or 'with' the group must be a unit by its name ('... Battalion') or a known armed group or
        organisation, since people 'from' a place are only from there ('fighters from Kandor').
        """
        if any(self.actor_of(h) is not None for h in self.role_holders(noun)
               if h.i < noun.i or (h.dep_ == "appos" and h.head.i == noun.i)):
            return []   # "X, a member of Y": the role rule names X
        # the people themselves, not the group that 'members of Y' stands for elsewhere
        member = self.by_token.get(noun.i) or self.noun_participant(
            noun, self.lex["participant_kinds"].get(_plain_lemma(noun), "people"))
        preps = [(p, p.lower_) for p in _children(noun, "prep") if p.lower_ in ("from", "of", "with")]
        preps += [(p, p.lower_) for verb in noun.children if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN"
                  for p in _children(verb, "prep") if p.lower_ == "from"]   # "deployed from"
        trigger = self.lex["relation_triggers"]["member_of"].renamed("")
        found = self.having_relations(noun, member, trigger)
        for prep, word in preps:
            for group in _conjoined(_first_child(prep, "pobj")):
                mention = self.participant_of(group)
                if mention is None or (word != "of" and not self.is_unit_or_group(group, mention)):
                    continue
                if not isinstance(mention, Participant) and _is_person(mention) and not self.is_unit_name(mention) \
                        and self.lex["participant_kinds"].get(group.lemma_.lower()) != "group":
                    continue   # "soldiers of Assad" are his side, no unit of his ("members of the X tribe" are)
                used = trigger.renamed(f"{noun.lower_} {word}")
                found += [Candidate(member, whole, used, noun) for whole in [mention] + self.enclosing_units(mention)]
        return found

    def having_relations(self, noun, member, trigger) -> list[Candidate]:
        """'the group has 900 fighters', 'it employs 300 staff': the people a group has are its members."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in self.lex["having_verbs"]:
            return []
        used = trigger.renamed(verb.lemma_.lower())
        return [Candidate(member, group, used, verb) for subject in self.subjects(verb)
                for group in [self.participant_of(subject)] if group is not None and not _is_person(group)]

    def is_unit_or_group(self, token, mention) -> bool:
        """Whether an end is a military unit by its name, a group noun, or an armed group or organisation the
        dictionary knows (not a place, a state or a person)."""
        if isinstance(mention, Participant):
            return mention.kind == "group" and token.tag_ not in ("NNS", "NNPS")
        return self.is_unit_name(mention) or \
            self.kinds.get(getattr(mention, "dictionary_id", "")) in ("armed_group", "organization", "group")

    def is_unit_name(self, mention) -> bool:
        """Whether a name ends in a unit word ('... Battalion', '... Wing'), whatever the tagger labelled it."""
        words = mention.text.split()
        return bool(words) and words[-1].lower() in self.lex["unit_heads"]

    def enclosing_units(self, mention) -> list:
        """The units a unit belongs to by its designation: '3rd Battalion, 7th Regiment' -> the 7th Regiment."""
        found, text = [], self.text
        while True:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.end >= len(self.doc) or text[mention.end:self.doc[span.end].idx].strip() \
                    or self.doc[span.end].text != "," or span.end + 1 >= len(self.doc):
                return found
            after = self.by_token.get(span.end + 1)
            words = after.text.split() if after is not None else []
            if not words or words[-1].lower() not in self.lex["unit_heads"] or after in found:
                return found
            found.append(after)
            mention = after

    def possessive_membership(self, token) -> list[Candidate]:
        """"Iran's Qassem Soleimani", "Abu Bakr al-Baghdadi of ISIS": a named person belongs to the group named with him."""
        if token.dep_ == "poss":
            group, person, word = token, token.head, "'s"
        else:
            group, person, word = _first_child(token, "pobj"), token.head, "of"
        person_mention = self.by_token.get(person.i)
        if group is None or person_mention is None or not _is_person(person_mention):
            return []
        group_mention = self.by_token.get(group.i)
        if group_mention is None or _is_person(group_mention) or group_mention is person_mention:
            return []
        return self.candidates(person, group, self.lex["relation_triggers"]["member_of"].renamed(word), token)

    # ---- arguments

    def subjects(self, verb) -> list:
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
                owners = [c for c in verb.head.children if c.dep_ == "poss" and self.participant_of(c) is not None]
                if verb.dep_ == "acl" and owners and self.participant_of(verb.head) is None:
                    return owners   # "its determination to defeat X": whose determination
                return [verb.head]
            if verb.dep_ == "xcomp":
                controllers = [o for o in _children(verb.head, "dobj") if self.actor_of(o) is not None]
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

    def agents(self, token, preposition: str = "") -> list:
        """The 'by' agents of a passive verb or of a noun ('attack by X')."""
        if preposition:
            return [a for prep in _children(token, "prep") if prep.lower_ == preposition
                    for a in _conjoined(_first_child(prep, "pobj"))]
        found = [a for agent in _children(token, "agent") for a in _conjoined(_first_child(agent, "pobj"))]
        if not found and token.pos_ in ("VERB", "AUX"):   # "he was bombed and killed by X": X bombed him too
            found = [a for verb in token.conjuncts if verb.i > token.i
                     for agent in _children(verb, "agent") for a in _conjoined(_first_child(agent, "pobj"))][:2]
        return found

    def objects(self, verb, key) -> list[tuple]:
        """A verb's targets: its direct objects that are actors, else objects of its target prepositions; with 'rather than'."""
        objects = _children(verb, "dobj")
        if not objects:   # "to kill and injure civilians": the object after the last verb is every verb's
            objects = [o for conj in verb.conjuncts if conj.i > verb.i for o in _children(conj, "dobj")][:1]
        targets = [t for obj in objects for t in self.with_rather_than(self.named_by_of(obj))
                   if self.participant_of(t[0]) is not None]
        if targets:
            return targets
        table = self.lex["target_prepositions"]
        allowed = table.get(key, table.get("_default", set()))
        return [t for prep in _children(verb, "prep") if prep.lower_ in allowed
                for t in self.with_rather_than(_first_child(prep, "pobj"))]

    def named_by_of(self, noun):
        """A noun that is nobody, followed by 'of' and an actor, stands for that actor ('the scourge of ISIS')."""
        if noun is None or self.participant_of(noun) is not None or noun.lemma_.lower() in self.lex["removal_nouns"]:
            return noun   # "the ouster of X" does not stand for X
        named = next((_first_child(prep, "pobj") for prep in _children(noun, "prep") if prep.lower_ == "of"), None)
        return named if named is not None and self.actor_of(named) is not None else noun

    def party_named_by_of(self, noun):
        """A noun that is no party, followed by 'of' and one, stands for it ('hundreds of civilians',
        'a delegation of officials'); else the noun itself."""
        if self.party_of(noun) is not None:
            return noun
        named = next((_first_child(prep, "pobj") for prep in _children(noun, "prep") if prep.lower_ == "of"), None)
        return named if named is not None and self.party_of(named) is not None else noun

    def passive_targets(self, verb) -> list:
        """The undergoer of a passive verb: its passive subject, or the noun a participle modifies."""
        found = [t for child in verb.children if child.dep_ in PASSIVE_SUBJECTS for t in _conjoined(child)]
        if not found and verb.dep_ in ("acl", "amod", "relcl"):
            found = [verb.head]
        if not found and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            found = self.passive_targets(verb.head)   # "he was bombed and killed by X": he was killed
        return found

    def with_rather_than(self, token) -> list[tuple]:
        """A target with its conjuncts, each marked negated if it follows 'rather than' / 'instead of'."""
        if token is None:
            return []
        found = [(t, False) for t in _conjoined(token)]
        for child in token.children:
            if self.is_rather_than(child):
                found += [(t, True) for t in _conjoined(_first_child(child, "pobj"))]
        return found

    def is_rather_than(self, token) -> bool:
        """Whether a token is the 'than' of 'rather than' or the 'of' of 'instead of'."""
        if token.i == 0:
            return False
        return (self.doc[token.i - 1].lower_, token.lower_) in self.lex["rather_than"]

    def modifier_actors(self, noun, chain: bool = False) -> list:
        """Names modifying a noun before it: 'the SDF's fight', 'U.S. airstrikes', 'Iranian weapons', 'PMF (gang) leader'."""
        found = []
        own = self.by_token.get(noun.i)
        for child in noun.children:
            if child.dep_ not in MODIFIER_DEPS or child.i > noun.i or self.line_break_between(child, noun):
                continue   # a headline run into the next line is not one phrase
            mention = self.actor_of(child)
            if mention is not None and mention is not own:
                found.append(child)
            elif chain and mention is None and child.dep_ == "compound":
                found += [c for c in self.modifier_actors(child) if self.by_token.get(c.i) is not own]
        return found

    def line_break_between(self, first, last) -> bool:
        """Whether a line ends between two tokens (the parser joins a headline to the text below it)."""
        return "\n" in self.text[first.idx:last.idx]

    def particle_phrase(self, verb, lemma) -> str | None:
        if lemma not in self.lex["particle_verb_heads"]:
            return None
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod") and f"{lemma} {child.lower_}" in self.lex["verb_particles"]:
                return f"{lemma} {child.lower_}"
        return None

    def is_passive(self, verb) -> bool:
        if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ in ("auxpass", "agent") for c in verb.children):
            return True
        if verb.tag_ == "VBN" and verb.dep_ == "conj" and not _children(verb, "nsubj") and verb.head.i != verb.i:
            return verb.head.pos_ in ("VERB", "AUX") and self.is_passive(verb.head)   # "he was bombed and killed"
        return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")

    def is_hyphen_participle(self, token) -> bool:
        return _after_hyphen(token) and token.lower_ in self.lex["participles"]

    def hyphen_source(self, participle):
        """The name in 'X-backed' (or 'X backed' right before the participle), if any."""
        if _after_hyphen(participle):
            return self.by_token.get(participle.i - 2)
        for child in participle.children:
            if child.dep_ in ("npadvmod", "amod", "compound", "nmod", "advmod") and child.i == participle.i - 1:
                return self.by_token.get(child.i)
        return None

    def role_holders(self, role) -> list:
        """Who holds a role: 'X, the head of', 'the head of Y, X', 'Y leader X', 'X is the leader', 'X, a Y leader said'."""
        holders = []
        if role.dep_ == "appos":
            holders.append(role.head)
        holders += _children(role, "appos")
        if role.dep_ == "compound" and role.head.i in self.by_token:
            holders.append(role.head)
        if role.i in self.by_token:
            holders.append(role)
        if role.dep_ in ("attr", "oprd") or (role.dep_ == "conj" and role.head.dep_ in ("attr", "oprd")):
            verb = role.head if role.dep_ != "conj" else role.head.head
            appointed = _children(verb, "dobj") if "oprd" in (role.dep_, role.head.dep_) else []
            # "X appointed Y the commander": Y holds the role, not X
            holders += appointed or (self.subjects(verb) + self.passive_targets(verb))
        if role.dep_ == "pobj" and role.head.lower_ == "as":
            governor = role.head.head   # "X was named as the leader", "X appointed Y as commander": Y
            if governor.pos_ in ("VERB", "AUX"):
                appointed = _children(governor, "dobj") if governor.lemma_.lower() in self.lex["appointing_verbs"] else []
                holders += appointed or (self.subjects(governor) + self.passive_targets(governor))
            else:
                holders.append(governor)
        if role.dep_ == "dobj" and role.head.lemma_.lower() in self.lex["appointing_verbs"]:
            # "X appointed Y the commander" parsed with two objects: the first one takes the post
            holders += [o for o in role.head.children if o.dep_ in ("dobj", "dative") and o.i < role.i]
        one = _one_of(role)
        if one is not None:   # "X, one of the leaders of Y", "X is one of its members": who is the "one"
            return holders + self.role_holders(one)
        holders += self.adjacent_mentions(role, right=False)
        if role.dep_ != "pobj":
            holders += self.adjacent_mentions(role, right=True)
        return holders

    def adjacent_mentions(self, role, right: bool) -> list:
        """A name next to the role's phrase, apart only by a comma or dash: 'X, a PMF leader' when the parse missed the apposition."""
        doc = self.doc
        step = 1 if right else -1
        edge = role.right_edge.i if right else role.left_edge.i
        i = edge + step
        while 0 <= i < len(doc) and doc[i].text in (",", "\u2014", "\u2013", "-"):
            i += step
        if 0 <= i < len(doc) and i != edge + step and i in self.by_token:
            return [doc[i]]
        return []

    def role_trigger(self, token, lemma, person) -> Trigger | None:
        """The role a noun names; person=True/False picks person or group roles, None accepts either."""
        previous = self.doc[token.i - 1].lower_ if token.i > 0 else ""
        phrase = self.lex["role_phrases"].get(f"{previous} {lemma}")
        if phrase is not None:
            return phrase
        if lemma in self.lex["constituent_nouns"] and _one_of(token) is not None:
            return self.lex["relation_triggers"]["member_of"].renamed(f"one of {token.lower_}")
        if person is None:
            return self.lex["person_roles"].get(lemma) or self.lex["group_roles"].get(lemma)
        return (self.lex["person_roles"] if person else self.lex["group_roles"]).get(lemma)

    def clause_topic(self, noun) -> list:
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
            candidate = self.doc[i]
            mention = self.by_token.get(i)
            if mention is None or candidate.dep_ in MODIFIER_DEPS or _is_place(mention, self.kinds):
                continue
            if candidate.dep_ == "conj" or (mention is self.by_token.get(candidate.head.i)):
                continue
            head = candidate.head.head if candidate.head.pos_ == "ADP" else candidate.head
            if head.i in chain:
                return [candidate]
        return []

    # ---- actors

    def actor_of(self, token, depth: int = 0):
        """The actor mention a token stands for, or None."""
        if token is None or depth > 3:
            return None
        mention = self.by_token.get(token.i)
        if mention is not None:
            return mention
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.actor_of(_antecedent(token), depth + 1)
        if lower in THIRD_PERSON_PRONOUNS:
            return self.reported_speaker(token, depth)
        if lower in FIRST_PERSON_PRONOUNS:   # the speaker, at the pronoun's words ('we' are the speaker's words)
            speaker = self.claim_speaker(token)
            return None if speaker is None else replace(
                speaker, start=token.idx, end=token.idx + len(token.text), text=token.text, label="PRON", source="pronoun")
        if not _is_noun(token):
            return None
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in self.lex["collective_nouns"]:
            return self.actor_of(token.head.head, depth + 1)   # "a collection of groups", "an alliance of militias"
        if token.lemma_.lower() in self.lex["identity_nouns"]:   # "Coalition partners": partners that are the Coalition
            named = [c for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i in self.by_token]
            if named:
                return self.by_token[named[0].i]
        # 'its partners', 'their enemies' name someone else than their owner; 'ISIS fighters' are ISIS
        other_party = getattr(self.lex["group_roles"].get(token.lemma_.lower()), "relation", "member_of") != "member_of"
        if not other_party and (token.lemma_.lower() in self.lex["force_nouns"]
                                or token.lemma_.lower() in self.lex["participant_kinds"]):
            owner = self.force_owner(token, depth)
            if owner is not None:   # the noun's own words, standing for the owner ('ISIS fighters', 'forces of Assad')
                right = token.right_edge
                inside = token.left_edge.idx <= owner.start and owner.end <= right.idx + len(right.text)
                if not inside or owner.label == "PRON":
                    return owner    # 'X conducted strikes': X; 'its efforts': the pronoun, later shown by its name
                start, end = _phrase_bounds(token)
                start, end = min(start, owner.start), max(end, owner.end)
                return replace(owner, start=start, end=end, text=self.text[start:end], source="force")
        if token.dep_ == "appos" and token.head.i in self.by_token:
            return self.by_token[token.head.i]
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        return None

    def force_owner(self, noun, depth: int = 0):
        """Whose forces or actions a noun names: 'ISIS fighters', "Assad's troops", 'forces of Assad',
        "the Iraqi government's advance"."""
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS and child.i < noun.i:
                owner = self.actor_of(child, depth + 1)
                if owner is not None:
                    return owner
            if child.dep_ == "prep" and child.lower_ == "of" and noun.lemma_.lower() not in self.lex["control_nouns"]:
                owner = _first_child(child, "pobj")   # "forces of Assad"; "the liberation of X" is no deed of X's
                if owner is not None and owner.i in self.by_token:
                    return self.by_token[owner.i]
        deed = noun.lemma_.lower() in self.lex["nouns"] or noun.lemma_.lower() in self.lex["deed_nouns"]
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and deed and depth < 3:
            above = noun.head.head   # "leading efforts in the campaign", "their role in the campaign": whose
            while above.pos_ == "ADV" and above.head.i != above.i:   # "elsewhere in the campaign"
                above = above.head
            if _is_noun(above) and (above.lemma_.lower() in self.lex["deed_nouns"] or above.lemma_.lower() in self.lex["nouns"]):
                return self.actor_of(above, depth + 1)
            if above.pos_ in ("VERB", "AUX") and not self.is_passive(above):   # "in the campaign, X has begun ..."
                for subject in self.subjects(above):
                    owner = self.actor_of(subject, depth + 1)
                    if owner is not None:
                        return owner
        if noun.dep_ == "dobj" and depth < 3 and deed:
            # "X conducted strikes": an action is its doer's ("X defeated the fighters": the fighters are not X's)
            for subject in self.subjects(noun.head):
                owner = self.actor_of(subject, depth + 1)
                if owner is not None:
                    return owner
        return None

    def reported_speaker(self, pronoun, depth):
        """'X announced that they ...': a pronoun subject of reported speech stands for the speaker."""
        clause = pronoun.head
        if pronoun.dep_ not in SUBJECTS + PASSIVE_SUBJECTS or clause.dep_ != "ccomp":
            return None
        speakers = [c for c in clause.head.children if c.dep_ in SUBJECTS]
        return self.actor_of(speakers[0], depth + 1) if speakers else None

    def claim_speaker(self, pronoun):
        """'I' or 'we' inside an attributed claim stands for the claim's speaker (a person first)."""
        for claim in self.claims:
            if claim["start"] <= pronoun.idx < claim["end"]:
                start = claim.get("speaker_start")
                end = claim.get("speaker_end")
                if not isinstance(start, int) or not isinstance(end, int):
                    return None
                span = self.doc.char_span(start, end, alignment_mode="expand")
                inside = [self.by_token[t.i] for t in span or [] if t.i in self.by_token]
                people = [m for m in inside if _is_person(m)]
                return (people or inside or [None])[0]
        return None

    def candidates(self, source, target, trigger, anchor, negated=False, source_is_token=True, by_verb=False) -> list[Candidate]:
        """A candidate when both ends are actors or participants; ``source`` is a token or (source_is_token=False) a mention.

        Whether the kinds of the two ends suit the relation is decided later (``acceptable``).
        """
        source_mention = self.participant_of(source) if source_is_token else source
        target_mention = self.participant_of(target)
        if source_is_token and source is not None and self.is_object(source_mention):
            source_mention = self.carrier_of(source)   # "U.S. airstrikes hit ISIS": the United States fights ISIS
        if target is not None and self.is_object(target_mention):
            target_mention = self.carrier_of(target)   # "they shot down a coalition drone": the coalition's
        if source_mention is None or target_mention is None:
            return []
        return [Candidate(source_mention, target_mention, trigger, anchor, negated, by_verb)]

    def is_object(self, end) -> bool:
        return isinstance(end, Participant) and end.kind in OBJECT_KINDS

    def carrier_of(self, thing):
        """Whoever carries out a strike or owns the weapon or vehicle: 'U.S. airstrikes', "the regime's tanks",
        'strikes by the coalition'; None when the text names nobody (the object itself is never an end)."""
        for token in self.modifier_actors(thing) + self.agents(thing, preposition="by"):
            mention = self.actor_of(token)
            if mention is not None:
                return mention
        return None

    def participant_of(self, token):
        """The actor mention a token stands for, else the participant it names (see ``participant``), else None."""
        if token is None:
            return None
        if token.lemma_.lower() in self.lex["quantity_nouns"]:   # "a series of airstrikes": the airstrikes
            counted = next((_first_child(p, "pobj") for p in _children(token, "prep") if p.lower_ == "of"), None)
            if counted is not None:
                return self.participant_of(counted)
        return self.actor_of(token) or self.participant(token)

    def participant(self, token):
        """A token as a participant that is no actor: 'two vehicles', 'fighting positions', 'civilians', 'Aleppo', 'we'."""
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            return self.participant(_antecedent(token))   # "civilians who suffered": the civilians
        if token.pos_ == "PRON":
            if lower in FIRST_PERSON_PRONOUNS or lower in THIRD_PERSON_PRONOUNS or lower == "them":
                return Participant(token.idx, token.idx + len(token.text), token.text, "pronoun")
            return None
        if not _is_noun(token):
            return None
        kind = self.lex["participant_kinds"].get(token.lemma_.lower()) or self.lex["participant_kinds"].get(lower)
        if kind is None and token.ent_type_ in PARTICIPANT_ENTITY_LABELS:
            kind = PARTICIPANT_ENTITY_LABELS[token.ent_type_]
        return None if kind is None else self.noun_participant(token, kind)

    def noun_participant(self, noun, kind: str, not_before: int = 0) -> Participant:
        """A noun and the modifiers before it as a participant of a kind, starting no earlier than ``not_before``."""
        start, end = _phrase_bounds(noun)
        start = max(start, not_before)
        return Participant(start, end, self.text[start:end], kind)

    # ---- certainty and rows

    def certainty(self, candidate: Candidate) -> str:
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
        lex = self.lex
        for token in _scope(candidate.anchor):
            for child in token.children:
                if candidate.negation_is_stance and token.i == candidate.anchor.i and child.dep_ == "neg":
                    continue
                found.update(self.child_cues(token, child))
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
                if token.dep_ in ("pobj", "pcomp") and self.is_rather_than(token.head):
                    found.add("negated")
        if self.in_claim(candidate.anchor):
            found.add("reported")
        return next((c for c in CERTAINTIES if c in found), "asserted")

    def child_cues(self, token, child) -> set[str]:
        lex, lower, dep = self.lex, child.lower_, child.dep_
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
        if dep == "advmod" and lower in lex["hedge_words"]:
            return {"hypothetical"}
        if dep == "advmod" and lower in lex["reported_words"]:
            return {"reported"}
        return set()

    def in_claim(self, token) -> bool:
        return any(c["start"] <= token.idx < c["end"] for c in self.claims)

    def rows(self, article_id, candidates) -> list[dict]:
        rows, seen = [], set()
        for candidate in candidates:
            if self.acts_as_state(candidate):
                candidate.source = _as_state(candidate.source)
            self.settle_control(candidate)
            if not self.acceptable(candidate):
                continue
            source, target = candidate.source, candidate.target
            # one row per trigger and pair of actors, even when a description and a name both cover one end
            key = (source.actor_id or source.start, target.actor_id or target.start, candidate.trigger.relation, candidate.anchor.i)
            if key in seen:
                continue
            candidate.source = self.named_in_sentence(source, candidate)
            candidate.target = self.named_in_sentence(target, candidate)
            certainty = self.certainty(candidate)
            # and one per pair of spans, relation and certainty, when two triggers say it ("launched airstrikes against X")
            same = (candidate.source.start, candidate.source.end, candidate.target.start, candidate.target.end,
                    candidate.trigger.relation, certainty)
            if same in seen:
                continue
            seen.update((key, same))
            rows.append(self.row(article_id, len(rows) + 1, candidate, certainty))
        return rows

    def settle_control(self, candidate: Candidate) -> None:
        """``controls`` when an actor holds a place or site, ``leads`` when it heads an actor, whatever the word:
        'X controls Mosul', 'he commanded a garrison' (controls); 'Iran controls the militia' (leads);
        'Ontario's premier' (leads: a person heads a place's government)."""
        relation, kind = candidate.trigger.relation, self.end_kind(candidate.target)
        if relation == "controls" and kind not in CONTROLLED_KINDS:
            candidate.trigger = self.lex["relation_triggers"]["leads"].renamed(candidate.trigger.word)
            candidate.of_place = False
        elif relation in ("controls", "leads") and (kind == "site" or (kind == "place" and not (
                not isinstance(candidate.source, Participant) and _is_person(candidate.source)))):
            candidate.trigger = self.lex["control_trigger"].renamed(candidate.trigger.word)
            candidate.of_place = True

    def named_in_sentence(self, mention, candidate):
        """A pronoun or appositive description replaced by its actor's name when the same sentence names it.

        ('The EU is united in its condemnation of X': the EU, not 'its'.) The
        row then shows the name; a pronoun whose name is in an earlier sentence stays.
        """
        source = getattr(mention, "source", "")
        if source not in ("pronoun", "apposition") or (source == "pronoun" and mention.text.lower() in FIRST_PERSON_PRONOUNS):
            return mention   # 'we' in a quotation are the speaker's words, not the name beside them
        sentence = candidate.anchor.sent
        other = candidate.target if mention is candidate.source else candidate.source
        names = [m for m in self.mentions_by_actor.get(mention.actor_id, ())
                 if sentence.start_char <= m.start and m.end <= sentence.end_char
                 and m.label not in ("PRON", "DESC") and not _overlap(m, other)]
        return min(names, key=lambda m: abs(m.start - mention.start)) if names else mention

    def acts_as_state(self, candidate: Candidate) -> bool:
        """Whether the source is a country name the dictionary does not know, doing what only a party does:
        'Rwanda supported the army', 'Kenya attacked al-Shabaab', 'Moscow backs Assad' (its government does)."""
        source = candidate.source
        return (not isinstance(source, Participant) and source.label == "GPE" and not source.dictionary_id
                and candidate.by_verb and candidate.trigger.relation not in STRUCTURAL and not candidate.of_place)

    def end_kind(self, mention) -> str:
        """What one end of a relation is: 'actor', 'place', or a participant's kind."""
        if isinstance(mention, Participant):
            return mention.kind
        return "place" if _is_place(mention, self.kinds) else "actor"

    def acceptable(self, candidate: Candidate) -> bool:
        """Whether a candidate relates two different parties that can take part in it."""
        source, target, relation = candidate.source, candidate.target, candidate.trigger.relation
        if _overlap(source, target) or (source.actor_id and source.actor_id == target.actor_id):
            return False
        kinds = (self.end_kind(source), self.end_kind(target))
        if set(kinds) & set(OBJECT_KINDS):
            return False   # owning or using a car, a home or a weapon is no relation between actors
        if kinds != ("actor", "actor") and not (candidate.of_place and kinds[0] == "actor"):
            if relation == "fights" and candidate.trigger.word in self.lex["control_verbs"] and kinds[1] not in ("actor", "group", "people", "pronoun"):
                return False   # "ISIS captured the dam" is control of the dam (a control rule), no fight with it
            if relation == "leads" and kinds[1] == "place" and (isinstance(source, Participant) or not _is_person(source)):
                return False   # a person heads a place's government ("Ontario's premier"); nobody else leads a place
            ends = self.lex["participant_ends"].get(relation, {})
            return kinds[0] in ends.get("source", ()) and kinds[1] in ends.get("target", ())
        if candidate.of_place:   # control of what the tagger took for a group ('control of Homs') is still control
            return kinds[1] in ("place", "site", "actor") and not _is_person(target)
        if relation in STRUCTURAL and _is_person(target) and candidate.trigger.word not in self.lex["appointing_verbs"]:
            return False   # nobody is a member of a person ("X joined Y" with Y a person is a meeting)
        if relation == "member_of" and candidate.by_verb and target.label == "GPE":
            return False   # "forces joined Jordan in an exercise"
        return True

    def row(self, article_id, number, candidate, certainty: str) -> dict:
        text, source, target, trigger = self.text, candidate.source, candidate.target, candidate.trigger
        sentence = candidate.anchor.sent
        start, end = sentence.start_char, sentence.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        return {
            "article_id": article_id, "relation_id": f"r{number}",
            "source_actor_id": source.actor_id or None, "target_actor_id": target.actor_id or None,
            "relation": trigger.relation, "sign": trigger.sign, "certainty": certainty,
            "source_start": source.start, "source_end": source.end,
            "target_start": target.start, "target_end": target.end,
            "evidence_start": start, "evidence_end": end,
            "quad_class": None if trigger.relation in STRUCTURAL else trigger.quad_class,
            "trigger": trigger.word,
            "source_text": text[source.start:source.end], "target_text": text[target.start:target.end],
            "evidence_text": text[start:end],
            "source_kind": self.end_kind(source), "target_kind": self.end_kind(target),
        }


def _mention_by_token(doc, mentions) -> dict:
    """Token index -> the longest mention covering that token."""
    index = {}
    usable = [m for m in mentions if isinstance(getattr(m, "start", None), int) and isinstance(getattr(m, "end", None), int)
              and getattr(m, "actor_id", "")]
    for mention in sorted(usable, key=lambda m: m.end - m.start):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                index[token.i] = mention
    return index


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


def _antecedent(relative):
    """What a relative pronoun stands for: the noun its clause modifies, but the noun before 'in' when that is
    a place and the pronoun is 'who' ('civilians in Gao who suffered': the civilians)."""
    antecedent = relative.head.head
    if relative.lower_ in ("who", "whom") and antecedent.dep_ == "pobj" and antecedent.head.lower_ == "in" \
            and antecedent.ent_type_ in PARTICIPANT_ENTITY_LABELS:
        return antecedent.head.head
    return antecedent


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


def _is_person_token(context, token) -> bool:
    """Whether a token stands for a person (a group has members; a person does not)."""
    mention = context.actor_of(token)
    return mention is not None and _is_person(mention)


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

def is_control_of_place(row: dict) -> bool:
    """Whether a row states control of territory ('ISIS-held Mosul': ``controls``), which is no affiliation."""
    return row.get("relation") == "controls"
