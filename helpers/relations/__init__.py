"""Relations between actors, read from one article: who backs, fights, leads, controls or belongs to whom.

``extract_relations`` reads one parsed article and its actor mentions and
returns rows of the ``relations`` table. It applies a few general rules over
the dependency parse, each driven by the trigger lexicon
``helpers/data/lexicons/relations.yaml`` (which documents every key):

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
- control of territory and sites, as ``controls``: "ISIS took Mosul", "the
  ISIS-held town of X", "ISIS has control of X", "X, the ISIS capital".

Not every end of a relation is an actor. ISIS kills civilians, a force fights
over a bridge, and a press release's "we" may resolve to nobody. Such an end is
a ``Participant`` (its kind from the lexicon's ``participant_nouns``: site,
people, group; or a place, or a pronoun): its row has no actor id at that end
and says what it is in ``source_kind`` / ``target_kind``. Objects (weapons,
equipment, property) are never an end: a strike is its carrier's deed ("U.S.
airstrikes hit X": the United States fights X), and owning a car or a home is
no relation. The lexicon's
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
``certainty``), a CAMEO quad class (from the lexicon) and its sentence
as evidence. ``helpers.alliances`` aggregates the rows into a signed actor
graph and its blocs.

The package, one concern per module: ``schema`` (relations, lexicon, candidates), ``context`` (what the
rules read about an article), ``ends`` (which actor a token stands for: the one seam for the article
model), ``arguments`` (a trigger's subjects, objects and participants), the rules by construction
(``deeds``, ``control``, ``roles``, ``membership``, ``stances``; ``finder`` says which a token triggers),
``patterns`` (the constructions kept as spaCy matcher patterns in ``helpers/data/relations/``),
``certainty`` and ``assembly`` (candidates to rows). Rules are functions of the article's context.
"""

from __future__ import annotations

from . import assembly, deeds, finder, membership, patterns
from .assembly import is_control_of_place
from .context import read_article
from .schema import (CERTAINTIES, CERTAINTY_RANK, LEXICON_PATH, STRUCTURAL, Candidate, Participant, Trigger,
                     default_dictionary, dictionary_kinds, load_lexicon)

__all__ = ["extract_relations", "load_lexicon", "dictionary_kinds", "is_control_of_place", "Trigger", "Candidate",
           "Participant", "CERTAINTIES", "CERTAINTY_RANK", "STRUCTURAL", "LEXICON_PATH"]


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
    mentions = [m for m in mentions if m.source != "group"]   # 'villagers', 'gunmen' stay unnamed participants
    if doc is None or not len(doc) or not mentions:
        return []
    ctx = read_article(doc, mentions, claims or [], load_lexicon(), dictionary_kinds(dictionary),
                       dictionary if dictionary is not None else default_dictionary())
    candidates = []
    for token in doc:
        candidates.extend(finder.relations_at(ctx, token))
    candidates.extend(membership.unit_chain_relations(ctx, mentions))
    candidates.extend(patterns.pattern_relations(ctx))
    candidates.extend(deeds.shared_fights(ctx, candidates))
    return assembly.rows(ctx, article_id, candidates)
