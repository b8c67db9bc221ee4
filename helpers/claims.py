"""Attribution ("claims") extraction: who says, believes or wants what, and what the article asserts itself.

``extract_claims(doc, article_id)`` works on a parsed spaCy Doc of an article
body and returns one dict per claim (the ``claims`` table of helpers.tables).

Spans follow the PolNeAR annotation guidelines: the *source* is the noun
phrase of the speaker with its modifiers and appositions ("The head of X, Y"),
or a relative pronoun as written ("who"); the *cue* is the verb group that
signals attribution ("has also said", "has been described as", "according
to", "said:") and takes a channel phrase right after the verb ("said in a
statement"); the *content* is what is attributed, with "that"/"to" and
quotation marks, without the recipient ("told reporters that ...").

Rules, all over the parse and the lexicon in ``helpers/data/lexicons/attribution.yaml``:

* verb cues with a clause, infinitive, object or adjacent quote as content;
  passives with and without an agent ("was cited by X", "has been described as");
* "according to X" and the other ``cue_phrases``;
* colon and dash lead-ins ("Name: “...”", "X said: ...");
* a floating quote (a sentence that is a quotation without a cue) takes the
  speaker and cue of the attribution just before it;
* a nested attribution (its cue inside another one's content) is dropped, as
  in PolNeAR, so each word belongs to at most one attribution;
* pronoun and "the group" speakers are resolved to the nearest compatible
  named speaker (``speaker_ref_*``);
* the rest of each sentence that asserts something becomes an unattributed
  claim in the article's own voice, with a ``certainty``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from helpers.nlp import doc_text, sentences
from helpers.quotes import Quote, find_quotes
from helpers import vocabulary

LEXICON_PATH = vocabulary.data_file("lexicons", "attribution.yaml")

CLAIM_KEYS = (
    "article_id", "claim_id", "start", "end", "text", "speaker_actor_id",
    "speaker_start", "speaker_end", "speaker_text", "cue_start", "cue_end", "cue_text",
    "quote_type", "quote_text", "channel", "via_actor_id", "attributed",
    "certainty", "speaker_type", "speaker_ref_start", "speaker_ref_end",
    "via_start", "via_end", "via_text", "sentence_start", "sentence_end",
)
CONTENT_DEPS = ("ccomp", "xcomp")
OBJECT_DEPS = ("dobj", "attr", "oprd")
CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
EDGE_PUNCT = " \t\r\n\u00a0,;:\u2014\u2013-"
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
DASHES = ("\u2014", "\u2013", "--", "-")
ENT_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "organization", "GPE": "state", "FAC": "organization"}
MAX_LEADIN_TOKENS = 10
FLOATING_WINDOW = 1  # a floating quote follows its speaker's sentence (or another floating quote) directly


@dataclass(frozen=True)
class Lexicon:
    """The word lists of attribution.yaml as sets and tuples of lower-case strings."""

    cue_verbs: frozenset
    quote_only_cue_verbs: frozenset
    passive_only_cue_verbs: frozenset
    no_object_cue_verbs: frozenset
    content_prepositions: frozenset
    object_prepositions: frozenset
    cue_phrases: tuple
    relative_pronouns: frozenset
    pronoun_speakers: dict
    person_words: frozenset
    anonymous_source_words: frozenset
    document_source_words: frozenset
    state_source_words: frozenset
    group_nouns: frozenset
    channels: tuple
    channel_strip_words: frozenset
    relay_cues: tuple
    outlets: frozenset
    outlet_words: frozenset
    hedge_words: frozenset
    hedge_modals: frozenset
    unknown_phrases: tuple
    negation_words: frozenset


@lru_cache(maxsize=4)
def load_lexicon() -> Lexicon:
    """The cue lexicon (``helpers/data/lexicons/attribution.yaml``) with the shared vocabulary, once per process."""
    data = vocabulary.lexicon("attribution")
    shared = vocabulary.shared()

    def entries(key):
        return vocabulary.word_list(data.get(key))

    pronouns = {str(k).lower(): frozenset(v or []) for k, v in (data.get("pronoun_speakers") or {}).items()}
    return Lexicon(
        cue_verbs=frozenset(entries("cue_verbs")) | shared.speech_verbs,
        quote_only_cue_verbs=frozenset(entries("quote_only_cue_verbs")),
        passive_only_cue_verbs=frozenset(entries("passive_only_cue_verbs")),
        no_object_cue_verbs=frozenset(entries("no_object_cue_verbs")),
        content_prepositions=frozenset(entries("content_prepositions")),
        object_prepositions=frozenset(entries("object_prepositions")),
        cue_phrases=tuple(entries("cue_phrases")),
        relative_pronouns=frozenset(entries("relative_pronouns")),
        pronoun_speakers=pronouns,
        person_words=frozenset(entries("person_words")) | shared.person_nouns,
        anonymous_source_words=frozenset(entries("anonymous_source_words")),
        document_source_words=frozenset(entries("document_source_words")),
        state_source_words=frozenset(entries("state_source_words")),
        group_nouns=frozenset(entries("group_nouns")),
        channels=tuple(entries("channels")),
        channel_strip_words=frozenset(entries("channel_strip_words")),
        relay_cues=tuple(entries("relay_cues")),
        outlets=frozenset(entries("outlets")),
        outlet_words=frozenset(entries("outlet_words")),
        hedge_words=shared.hedge_words,
        hedge_modals=shared.hedge_modals,
        unknown_phrases=tuple(entries("unknown_phrases")),
        negation_words=shared.negation_words,
    )


_MATCHERS: dict[int, tuple] = {}


def phrase_matcher(doc: Doc, lexicon: Lexicon) -> Matcher:
    """A Matcher for channel, relay and cue phrases, compiled once per vocabulary and lexicon."""
    key = id(doc.vocab)
    cached = _MATCHERS.get(key)
    if cached and cached[0] is doc.vocab and cached[1] is lexicon:
        return cached[2]
    matcher = Matcher(doc.vocab)
    for label, phrases in (("CHANNEL", lexicon.channels), ("RELAY", lexicon.relay_cues),
                           ("CUE_PHRASE", lexicon.cue_phrases)):
        patterns = [[{"LOWER": word} for word in phrase.split()] for phrase in phrases if phrase.split()]
        if patterns:
            matcher.add(label, patterns)
    _MATCHERS[key] = (doc.vocab, lexicon, matcher)
    return matcher


@dataclass
class Attribution:
    """A claim under construction; spans are (start_char, end_char)."""

    cue: tuple[int, int]
    content: tuple[int, int]
    sentence: Span
    cue_token: Token | None = None
    source: tuple[int, int] | None = None
    source_head: Token | None = None
    name: tuple[int, int] | None = None  # the name inside the source, when the parse shows it
    via: tuple[int, int] | None = None
    relay: tuple[int, int] | None = None  # the relay phrase with its outlet ("being cited by the AP")
    channel: str | None = None
    floating: bool = False
    ref: tuple[int, int] | None = None
    speaker_type: str = "anonymous"
    kind: str | None = None  # person / organization / state ... of the resolved speaker


@dataclass
class Context:
    """What one article's extraction shares: the doc, the lexicon, quotes, entities and phrase matches."""

    doc: Doc
    lex: Lexicon
    quotes: list[Quote]
    quote_starts: list[int]
    ents: list[Span]
    ent_starts: list[int]
    matches: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)  # tokens of relay phrases and outlets
    units: list[Span] = field(default_factory=list)
    anchors: list[Attribution] = field(default_factory=list)  # speech verbs without content, for floating quotes
    text: str = ""  # doc.text, which spaCy rebuilds on every access


def sentence_units(doc: Doc) -> list[Span]:
    """spaCy's sentences, cut again at line breaks: a sentence never runs over a paragraph break."""
    units = []
    for sentence in sentences(doc):
        start = sentence.start
        for token in sentence:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    units.append(doc[start:token.i])
                start = token.i + 1
        if start < sentence.end:
            units.append(doc[start:sentence.end])
    return units


def extract_claims(doc: Doc, article_id: str) -> list[dict]:
    """The claims of one article: attributed statements and the article's own assertions, in text order.

    Each dict has the keys of ``CLAIM_KEYS``; every (start, end, text) triple indexes ``doc.text``.
    Odd input (an empty or unparsed doc, unbalanced quotes, very long sentences) gives fewer claims, never an error.
    """
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    ctx = make_context(doc)
    attributions: list[Attribution] = []
    for sentence in ctx.units:
        attributions.extend(sentence_attributions(ctx, sentence))
    attributions = drop_nested(attributions)
    attributions += floating_quotes(ctx, attributions)
    attributions.sort(key=lambda a: (a.content[0], a.cue[0]))
    resolve_speakers(ctx, attributions)
    rows = [attributed_row(ctx, a, article_id) for a in attributions]
    rows += own_voice_rows(ctx, attributions, article_id)
    rows.sort(key=lambda row: (row["start"], row["end"]))
    for number, row in enumerate(rows, 1):
        row["claim_id"] = f"c{number}"
    return rows


def make_context(doc: Doc) -> Context:
    """Gather what the rules share for one doc: quotes, entities, phrase matches, relay tokens."""
    lex = load_lexicon()
    text = doc_text(doc)
    quotes = find_quotes(text)
    ents = list(doc.ents)
    ctx = Context(doc, lex, quotes, [q.start for q in quotes], ents, [e.start_char for e in ents])
    ctx.units = sentence_units(doc)
    ctx.text = text
    ctx.matches = {"CHANNEL": [], "RELAY": [], "CUE_PHRASE": []}
    for match_id, start, end in phrase_matcher(doc, lex)(doc):
        ctx.matches[doc.vocab.strings[match_id]].append((start, end))
    for label in ctx.matches:
        ctx.matches[label] = longest_first(ctx.matches[label])
    for start, end in ctx.matches["RELAY"]:
        outlet = outlet_after(ctx, end)
        if outlet is not None and doc[start].lower_ not in ("told", "tells", "telling", "according"):
            ctx.blocked.update(range(start, outlet[1]))
    return ctx


def longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping token spans, preferring the longest."""
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return sorted(chosen)


# ---------------------------------------------------------------- sentences

def sentence_attributions(ctx: Context, sentence: Span) -> list[Attribution]:
    """Every attribution whose cue is in this sentence."""
    found = []
    phrase_tokens = set()
    for start, end in ctx.matches["CUE_PHRASE"]:
        if sentence.start <= start < sentence.end and not inside_quote(ctx, ctx.doc[start].idx):
            phrase_tokens.update(range(start, end))
            attribution = phrase_attribution(ctx, sentence, start, end)
            if attribution:
                found.append(attribution)
    for token in sentence:
        if token.i in phrase_tokens or token.i in ctx.blocked or token.pos_ != "VERB":
            continue
        if inside_quote(ctx, token.idx):  # said inside someone's quotation: nested, PolNeAR keeps the outer one
            continue
        found.extend(verb_attribution(ctx, token, sentence))
    if not found:
        lead_in = lead_in_attribution(ctx, sentence)
        if lead_in:
            found.append(lead_in)
    attach_relays(ctx, sentence, found)
    return found


def verb_attribution(ctx: Context, verb: Token, sentence: Span) -> list[Attribution]:
    """The attribution cued by a verb of saying, believing or wanting, when the parse gives it content.

    A quotation split by its cue ('"A," she said, "B."') gives two: the second continues the first.
    """
    lex = ctx.lex
    if verb.dep_ in ("amod", "compound"):
        return []
    lemma = verb.lemma_.lower()
    children = [c for c in verb.children if c.i not in ctx.blocked and sentence.start <= c.i < sentence.end]
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    quote_only = lemma in lex.quote_only_cue_verbs
    if passive:
        if lemma not in lex.passive_only_cue_verbs and not (agent is not None and lemma in lex.cue_verbs):
            return []
    elif (lemma not in lex.cue_verbs and not quote_only) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return []

    cue_first, cue_last = cue_bounds(verb, children)
    comps = [c for c in children if c.dep_ in CONTENT_DEPS]
    objects = [c for c in children if c.dep_ in OBJECT_DEPS]
    as_preps = [c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
    parts: list[Token] = []
    subject = None
    if quote_only:
        comps = objects = as_preps = []
    if passive:
        subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.lower_ in ("it", "there"):
            subject = None
        parts = comps + as_preps + objects
        if not parts and not (agent is not None and subject is not None):
            return []
        if subject is not None:
            parts.append(subject)
        if as_preps and as_preps[0].i == cue_last + 1:
            cue_last = as_preps[0].i
            parts = [p for p in parts if p.i != as_preps[0].i] + list(as_preps[0].children)
        if agent is not None and agent.i == cue_last + 1:
            cue_last = agent.i
    else:
        if comps:
            parts = comps + ([] if lemma in lex.no_object_cue_verbs else [o for o in objects if o.i > verb.i])
        elif objects and lemma not in lex.no_object_cue_verbs:
            parts = objects + object_complements(ctx, objects, children)
        if not parts and not quote_only:
            prep = content_preposition(ctx, verb, children)
            if prep is not None:
                parts = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if prep.i == cue_last + 1:
                    cue_last = prep.i
    cue_last = extend_cue_right(ctx, verb, cue_last)
    cue_first = extend_cue_left(ctx, verb, cue_first)
    cue = char_span(ctx.doc[cue_first], ctx.doc[cue_last])

    if passive:
        source_tokens = source_bounds(ctx, agent_object(agent)) if agent is not None else None
    else:
        subject_token = find_subject(verb, sentence)
        if subject_token is not None and not sentence.start <= subject_token.i < sentence.end:
            subject_token = None
        source_tokens = source_bounds(ctx, subject_token) if subject_token is not None else None
    source_tokens = clip_to(source_tokens, sentence)

    continuation = None
    if parts:
        left = [p for p in parts if p.i < cue_first]
        right = [p for p in parts if p.i > cue_last]
        if left and right and ctx.doc[token_bounds(left)[0]].text in QUOTE_CHARS:
            continuation = clip_to(token_bounds(right), sentence)
            parts = left
        content_tokens = clip_to(token_bounds(parts), sentence)
    else:
        content_tokens = adjacent_content(ctx, verb, sentence, cue_first, cue_last, source_tokens)
    if content_tokens is None:
        if source_tokens is not None and not passive:  # "X spoke to the crowd." may introduce a quote after it
            ctx.anchors.append(Attribution(cue=cue, content=(cue[0], cue[0]), sentence=sentence, cue_token=verb,
                                           source=char_span(ctx.doc[source_tokens[0]], ctx.doc[source_tokens[1]]),
                                           source_head=ctx.doc[source_tokens[0]: source_tokens[1] + 1].root))
        return []
    first, last = content_tokens
    name = None
    if source_tokens is not None:
        source_tokens, name, first, last = repair_name_before_apposition(ctx, source_tokens, first, last)
        if not (passive and first < source_tokens[0] and source_tokens[1] < last):
            first, last = clip_away(first, last, source_tokens, cue_first)
    if first is None or first > last:
        return []
    if not passive:
        last = cut_trailing_participle(ctx, parts, first, last)
        last = cut_trailing_relative(ctx, parts, first, last)
    content = finish_content(ctx, first, last, cue)
    if content is None:
        return []
    source = char_span(ctx.doc[source_tokens[0]], ctx.doc[source_tokens[1]]) if source_tokens else None
    if source is not None:
        source = trim_chars(ctx.text, *source, strip=EDGE_PUNCT)
    head = None
    if source_tokens is not None:
        head = ctx.doc[source_tokens[0]: source_tokens[1] + 1].root
    found = [Attribution(cue=cue, content=content, sentence=sentence, cue_token=verb, source=source,
                         source_head=head, name=name)]
    if continuation is not None:
        rest = finish_content(ctx, continuation[0], continuation[1], cue)
        if rest is not None and not overlaps(rest, content):
            found.append(Attribution(cue=cue, content=rest, sentence=sentence, cue_token=verb, source=source,
                                     source_head=head, name=name, floating=True))
    return found


def extend_cue_left(ctx: Context, verb: Token, first: int) -> int:
    """Take in the verb that governs an infinitive cue ("goes on to say", "began to see") when they touch."""
    doc = ctx.doc
    head = verb.head
    if verb.dep_ != "xcomp" or head.i >= verb.i or head.pos_ not in ("VERB", "AUX") or head.lemma_ == "be":
        return first
    head_first, head_last = cue_bounds(head, list(head.children))
    between = doc[head_last + 1: first]
    if all(t.lower_ == "to" or t.dep_ in ("prt", "advmod", "aux") for t in between):
        return head_first
    return first


def cue_bounds(verb: Token, children: list[Token]) -> tuple[int, int]:
    """The verb group: the verb with the auxiliaries, negation and adverbs right before it, and its particle."""
    first = verb.i
    left = {c.i for c in children if c.dep_ in CUE_LEFT_DEPS and c.i < verb.i}
    while first - 1 in left:
        first -= 1
    last = verb.i
    for child in children:
        if child.dep_ in ("prt", "neg") and child.i == last + 1:
            last = child.i
    return first, last


def extend_cue_right(ctx: Context, verb: Token, last: int) -> int:
    """Join a channel phrase right after the cue ("said in a statement") and a colon ("said:")."""
    doc = ctx.doc
    for start, end in ctx.matches["CHANNEL"]:
        if start == last + 1 and doc[start].lower_ in ctx.lex.channel_strip_words:
            last = end - 1
            break
    if last + 1 < len(doc) and doc[last + 1].text == ":":
        last += 1
    return last


def content_preposition(ctx: Context, verb: Token, children: list[Token]) -> Token | None:
    """The first preposition after the verb that joins it to content ("called for", "warned of")."""
    for child in children:
        if child.dep_ != "prep" or child.i < verb.i or child.lower_ not in ctx.lex.content_prepositions:
            continue
        objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        if objects and all(o.ent_type_ not in ("DATE", "TIME") for o in objects):
            return child
    return None


def agent_object(agent: Token) -> Token | None:
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def find_subject(verb: Token, sentence: Span) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with or depends on ("..., saying that")."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children
                        if c.dep_ in SUBJECT_DEPS and sentence.start <= c.i < sentence.end), None)
        if subject is not None:
            return subject
        if current.dep_ in ("conj", "advcl", "xcomp", "acl") and current.head.i != current.i:
            if current.dep_ == "acl":  # "a statement saying ...": the subject of the clause around the noun
                current = current.head
                while current.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and current.head.i != current.i:
                    current = current.head
                continue
            current = current.head
        else:
            return None
    return None


def source_bounds(ctx: Context, head: Token | None) -> tuple[int, int] | None:
    """Token bounds of the source phrase: the subject's subtree without a trailing relative clause."""
    if head is None or head.pos_ in ("PUNCT", "SPACE"):
        return None
    first, last = head.left_edge.i, head.right_edge.i
    for child in head.children:
        if child.dep_ == "relcl" and child.i > head.i and child.right_edge.i >= last - 1:
            last = child.left_edge.i - 1
    for child in head.children:  # a relative clause ends the phrase; so does an attributive clause of its own
        if child.dep_ in ("relcl",) and child.left_edge.i <= last:
            last = min(last, child.left_edge.i - 1)
    if head.lower_ in ctx.lex.relative_pronouns and head.tag_ in ("WP", "WDT"):
        first = last = head.i
    return strip_tokens(ctx.doc, first, last)


def repair_name_before_apposition(ctx: Context, source: tuple[int, int], first: int, last: int):
    """'... "quote" Name, a title said': when the parse hangs the name on the quote, give it back to the source.

    Returns the source bounds, the name bounds (or None), and the content bounds.
    """
    doc = ctx.doc
    src_first, src_last = source
    head = doc[src_first: src_last + 1].root
    if head.pos_ == "PROPN" or src_first < 2 or doc[src_first - 1].text != ",":
        return source, None, first, last
    name_last = src_first - 2
    if doc[name_last].pos_ != "PROPN" or not (first <= name_last <= last):
        return source, None, first, last
    name_first = name_last
    while name_first - 1 >= 0 and doc[name_first - 1].pos_ == "PROPN" and doc[name_first - 1].i >= first:
        name_first -= 1
    if doc[name_last].ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") and name_last == name_first:
        return source, None, first, last
    previous = doc[name_first - 1] if name_first > 0 else None
    if previous is not None and previous.pos_ not in ("PUNCT",) and previous.dep_ not in ("punct",):
        return source, None, first, last
    name = char_span(doc[name_first], doc[name_last])
    return (name_first, src_last), name, first, min(last, name_first - 1)


def clip_away(first: int, last: int, source: tuple[int, int] | None, cue_first: int):
    """Content bounds that do not run into the source."""
    if source is None:
        return first, last
    s_first, s_last = source
    if s_last < first or s_first > last:
        return first, last
    if first < s_first:
        return first, s_first - 1
    if last > s_last:
        return s_last + 1, last
    return None, None


def token_bounds(parts: list[Token]) -> tuple[int, int]:
    """The smallest token range covering the subtrees of parts."""
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge.i for p in parts)
    return first, last


def clip_to(bounds: tuple[int, int] | None, sentence: Span) -> tuple[int, int] | None:
    """Token bounds cut to the sentence, or None when nothing is left."""
    if bounds is None:
        return None
    first, last = max(bounds[0], sentence.start), min(bounds[1], sentence.end - 1)
    return (first, last) if first <= last else None


def adjacent_content(ctx: Context, verb: Token, sentence: Span, cue_first: int, cue_last: int,
                     source: tuple[int, int] | None) -> tuple[int, int] | None:
    """Content the parse did not attach: '"...," he said', 'X, he said', 'he said: ...'."""
    doc = ctx.doc
    if doc[cue_last].text == ":":
        first = cue_last + 1
        last = sentence.end - 1
        if first > last or all(t.is_punct or t.is_space for t in doc[first: last + 1]):
            following = next_sentence(ctx, sentence)
            if following is None:
                return None
            first, last = following.start, following.end - 1
        return strip_tokens(doc, first, last)
    clause_first = min([cue_first] + ([source[0]] if source else []))
    clause_last = max([cue_last] + ([source[1]] if source else []))
    before = quote_ending_before(ctx, doc[clause_first].idx, sentence)
    if before is not None:
        return token_range(doc, before.start, before.end)
    after = quote_starting_after(ctx, doc[clause_last].idx + len(doc[clause_last].text))
    if after is not None:
        return token_range(doc, after.start, after.end)
    if verb.lemma_.lower() in ctx.lex.quote_only_cue_verbs:
        return None
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < clause_first and verb.head.i >= sentence.start:
        first = max(sentence.start, verb.head.left_edge.i)
        return strip_tokens(doc, first, clause_first - 1)
    if clause_first > sentence.start + 2 and doc[clause_first - 1].text == "," and verb.dep_ == "ROOT":
        return strip_tokens(doc, sentence.start, clause_first - 2)
    return None


def next_sentence(ctx: Context, sentence: Span) -> Span | None:
    index = bisect.bisect_right([u.start for u in ctx.units], sentence.start)
    return ctx.units[index] if index < len(ctx.units) else None


def quote_ending_before(ctx: Context, position: int, sentence: Span) -> Quote | None:
    """A quote that ends right before position, with only commas, dashes and spaces between."""
    index = bisect.bisect_left(ctx.quote_starts, position) - 1
    if index < 0:
        return None
    quote = ctx.quotes[index]
    gap = ctx.text[quote.end:position]
    if quote.end <= position and all(ch in EDGE_PUNCT for ch in gap) and quote.end >= sentence.start_char - 1:
        return quote
    if quote.end > position and quote.start < position:
        return None
    return None


def quote_starting_after(ctx: Context, position: int) -> Quote | None:
    """A quote that starts right after position, with only commas, colons, dashes and spaces between."""
    index = bisect.bisect_left(ctx.quote_starts, position)
    if index >= len(ctx.quotes):
        return None
    quote = ctx.quotes[index]
    if all(ch in EDGE_PUNCT for ch in ctx.text[position:quote.start]):
        return quote
    return None


def object_complements(ctx: Context, objects: list[Token], children: list[Token]) -> list[Token]:
    """What completes an object as content: "endorsed X for president", "described X as Y", "urged X to ..."."""
    after = max(o.i for o in objects)
    found = []
    for child in children:
        if child.i <= after:
            continue
        if child.dep_ in ("xcomp", "ccomp", "oprd"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ctx.lex.object_prepositions:
            if all(o.ent_type_ not in ("DATE", "TIME") for o in child.children):
                found.append(child)
    return found


def cut_trailing_participle(ctx: Context, parts: list[Token], first: int, last: int) -> int:
    """End the content before a trailing ", doing ..." clause or ", a comment" that the author adds.

    PolNeAR keeps content conservative: what may be the author's addition stays out.
    """
    doc = ctx.doc
    for part in parts:
        for child in part.children:
            trailing = (child.dep_ == "advcl" and child.tag_ == "VBG") or child.dep_ in ("appos", "npadvmod")
            if (trailing and child.left_edge.i > first
                    and child.right_edge.i >= last - 1 and doc[child.left_edge.i - 1].text == ","
                    and not inside_quote(ctx, child.idx)):
                return min(last, child.left_edge.i - 2)
    return last


def cut_trailing_relative(ctx: Context, parts: list[Token], first: int, last: int) -> int:
    """End the content before a trailing ", which ..." clause: the author's comment, not the source's."""
    doc = ctx.doc
    for part in parts:
        for token in part.subtree:
            if (token.dep_ == "relcl" and token.left_edge.i > first and token.right_edge.i >= last - 1
                    and doc[token.left_edge.i - 1].text == "," and token.left_edge.lower_ == "which"
                    and not inside_quote(ctx, token.idx)):
                return min(last, token.left_edge.i - 2)
    return last


def phrase_attribution(ctx: Context, sentence: Span, start: int, end: int) -> Attribution | None:
    """'according to X, ...': the source is the phrase's object, the content the rest of the clause."""
    doc = ctx.doc
    last_word = doc[end - 1]
    objects = [c for c in last_word.children if c.dep_ == "pobj"]
    if objects:
        source_tokens = source_bounds(ctx, objects[0])
    elif end < sentence.end and doc[end].pos_ in ("PROPN", "NOUN", "DET", "PRON", "ADJ", "NUM"):
        nominal = doc[end]
        while nominal.head.i > nominal.i and nominal.head.i < sentence.end and nominal.dep_ != "ROOT":
            nominal = nominal.head
        source_tokens = strip_tokens(doc, end, nominal.i)
    else:
        return None
    if source_tokens is None:
        return None
    cue = char_span(doc[start], doc[end - 1])
    before = strip_tokens(doc, sentence.start, start - 1)
    after = strip_tokens(doc, source_tokens[1] + 1, sentence.end - 1)
    words_before = count_words(doc, before)
    words_after = count_words(doc, after)
    if words_before >= 2 and words_after >= 2:
        content_tokens = (before[0], after[1])
    elif words_before >= 2:
        content_tokens = before
    elif words_after >= 2:
        content_tokens = after
    else:
        return None
    content = finish_content(ctx, content_tokens[0], content_tokens[1], cue)
    if content is None:
        return None
    source = trim_chars(ctx.text, *char_span(doc[source_tokens[0]], doc[source_tokens[1]]), strip=EDGE_PUNCT)
    return Attribution(cue=cue, content=content, sentence=sentence, cue_token=doc[start], source=source,
                       source_head=doc[source_tokens[0]: source_tokens[1] + 1].root)


def lead_in_attribution(ctx: Context, sentence: Span) -> Attribution | None:
    """'Name: "..."' or 'Name — "..."': a short verbless phrase, a colon or dash, then a quotation."""
    doc = ctx.doc
    for token in sentence:
        if token.i - sentence.start > MAX_LEADIN_TOKENS:
            return None
        if token.text not in (":",) + DASHES:
            continue
        quote = quote_starting_after(ctx, token.idx + len(token.text))
        lead = strip_tokens(doc, sentence.start, token.i - 1)
        if quote is None or lead is None:
            return None
        words = doc[lead[0]: lead[1] + 1]
        if any(t.pos_ in ("VERB", "AUX") for t in words) or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
            return None
        cue = char_span(token, token)
        content = finish_content(ctx, *token_range(doc, quote.start, quote.end), cue)
        if content is None:
            return None
        return Attribution(cue=cue, content=content, sentence=sentence, cue_token=token,
                           source=char_span(doc[lead[0]], doc[lead[1]]), source_head=words.root)
    return None


# ---------------------------------------------------------------- relays and channels

def outlet_after(ctx: Context, position: int) -> tuple[int, int] | None:
    """Token bounds (end exclusive) of a news outlet starting at token position, if it is one."""
    doc = ctx.doc
    if position >= len(doc):
        return None
    first = doc[position]
    if first.ent_iob_ == "B":
        end = position + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    else:
        head = first
        while head.dep_ in ("det", "compound", "amod", "nmod", "poss", "case") and head.head.i > head.i:
            head = head.head
        end = head.i + 1
        if head.ent_iob_ in ("B", "I"):
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
    if end - position > 8:
        return None
    words = [t.lower_ for t in doc[position:end]]
    name = " ".join(w for w in words if w != "the")
    text = doc[position:end].text.lower()
    if name in ctx.lex.outlets or text in ctx.lex.outlets or any(w in ctx.lex.outlet_words for w in words):
        return position, end
    return None


def attach_relays(ctx: Context, sentence: Span, found: list[Attribution]) -> None:
    """Give each attribution the channel and relaying outlet named in its sentence outside its content."""
    if not found:
        return
    doc = ctx.doc
    relays = []
    for start, end in ctx.matches["RELAY"]:
        if sentence.start <= start < sentence.end:
            outlet = outlet_after(ctx, end)
            if outlet is not None:
                relays.append((char_span(doc[outlet[0]], doc[outlet[1] - 1]), char_span(doc[start], doc[outlet[1] - 1])))
    channels = merged_channels(ctx, sentence)
    according = [a for a in found if a.cue_token is not None and a.cue_token.lower_ == "according"]
    for attribution in found:
        outside = [r for r in relays if not overlaps(r[0], attribution.content)]
        if outside:
            attribution.via = nearest([r[0] for r in outside], attribution.cue)
            attribution.relay = next(phrase for outlet, phrase in outside if outlet == attribution.via)
        outside = [c for c in channels if not overlaps(c[0], attribution.content)]
        if outside:
            span = nearest([c[0] for c in outside], attribution.cue)
            attribution.channel = next(label for s, label in outside if s == span)
    others = [a for a in found if a not in according]
    for attribution in according:  # "X said ..., according to Reuters": Reuters relays X's claim
        if others and attribution.source and attribution.via == attribution.source:
            for other in others:
                if other.via is None:
                    other.via = attribution.source
            found.remove(attribution)


def merged_channels(ctx: Context, sentence: Span) -> list[tuple[tuple[int, int], str]]:
    """Channel phrases of the sentence, adjacent ones merged, each with its normalized label."""
    doc = ctx.doc
    runs: list[list[int]] = []
    for start, end in ctx.matches["CHANNEL"]:
        if not sentence.start <= start < sentence.end:
            continue
        if runs and runs[-1][1] == start:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    labelled = []
    for start, end in runs:
        words = list(doc[start:end])
        while words and words[0].lower_ in ctx.lex.channel_strip_words:
            words.pop(0)
        if words:
            label = doc[words[0].i: words[-1].i + 1].text
            labelled.append((char_span(doc[start], doc[end - 1]), label))
    return labelled


def nearest(spans: list[tuple[int, int]], target: tuple[int, int]) -> tuple[int, int]:
    return min(spans, key=lambda s: min(abs(s[0] - target[1]), abs(target[0] - s[1])))


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


# ---------------------------------------------------------------- across sentences

def drop_nested(attributions: list[Attribution]) -> list[Attribution]:
    """Keep only outermost attributions: one whose cue lies in another's content is dropped (PolNeAR)."""
    kept: list[Attribution] = []
    kept_cues: set = set()
    contents: list[tuple[int, int]] = []   # the kept contents, sorted by start
    longest = None                         # the first kept content is the longest: no other reaches further back
    for attribution in sorted(attributions, key=lambda a: a.content[0] - a.content[1]):
        cue = attribution.cue
        if cue in kept_cues or (longest is not None and _in_any(cue, contents, longest)):
            continue
        kept.append(attribution)
        kept_cues.add(cue)
        bisect.insort(contents, attribution.content)
        longest = longest if longest is not None else attribution.content[1] - attribution.content[0]
    return kept


def _in_any(span: tuple[int, int], contents: list[tuple[int, int]], longest: int) -> bool:
    """Whether the span lies inside one of the contents (sorted by start, none longer than ``longest``).

    Only contents starting between ``span end - longest`` and the span's start can hold it,
    so a article of many short claims costs a few comparisons per claim, not one per claim.
    """
    low = bisect.bisect_left(contents, (span[1] - longest, -1))
    high = bisect.bisect_right(contents, (span[0], float("inf")))
    return any(inside(span, contents[i]) for i in range(low, high))


def floating_quotes(ctx: Context, attributions: list[Attribution]) -> list[Attribution]:
    """Sentences that are quotations without a cue of their own, given the speaker of the quote before them."""
    if not (attributions or ctx.anchors) or not ctx.quotes:
        return []
    sentences = ctx.units
    sentence_index = {s.start: i for i, s in enumerate(sentences)}
    by_sentence: dict[int, list[Attribution]] = {}
    for attribution in attributions + ctx.anchors:
        by_sentence.setdefault(sentence_index.get(attribution.sentence.start, -1), []).append(attribution)
    covered = sorted(a.content for a in attributions)
    attributed = {id(a) for a in attributions}
    added = []
    last_seen: tuple[int, Attribution] | None = None
    for index, sentence in enumerate(sentences):
        own = by_sentence.get(index)
        if own:
            last_seen = (index, max(own, key=lambda a: a.cue[0]))
            if any(id(a) in attributed for a in own):
                continue
        if last_seen is None or index - last_seen[0] > FLOATING_WINDOW:
            continue
        span = quoted_part(ctx, sentence)
        if span is None or any(inside(span, c) for c in covered):
            continue
        previous = last_seen[1]
        if not any(c.isalnum() for c in ctx.text[span[0]:span[1]]):
            continue
        floating = Attribution(cue=previous.cue, content=span, sentence=sentence, cue_token=previous.cue_token,
                               source=previous.source, source_head=previous.source_head, name=previous.name,
                               via=previous.via, channel=previous.channel, floating=True)
        added.append(floating)
        last_seen = (index, floating)
    return added


def quoted_part(ctx: Context, sentence: Span) -> tuple[int, int] | None:
    """The quoted stretch of a sentence when quotation makes up most of its words."""
    start_char, end_char = sentence.start_char, sentence.end_char
    index = max(0, bisect.bisect_left(ctx.quote_starts, start_char) - 1)
    pieces = []
    for quote in ctx.quotes[index:]:
        if quote.start >= end_char:
            break
        if quote.end > start_char:
            end = quote.end if not any(ch.isalnum() for ch in ctx.text[end_char:quote.end]) else end_char
            pieces.append((max(quote.start, start_char), end))
    if not pieces:
        return None
    text = ctx.text
    quoted = sum(sum(ch.isalnum() for ch in text[s:e]) for s, e in pieces)
    total = sum(ch.isalnum() for ch in text[start_char:end_char])
    if total == 0 or quoted / total < 0.6:
        return None
    return trim_chars(text, pieces[0][0], pieces[-1][1], strip=" \t\r\n")


def resolve_speakers(ctx: Context, attributions: list[Attribution]) -> None:
    """Fill speaker_ref and speaker_type: names as written, pronouns and "the group" to the nearest named speaker."""
    named: list[tuple[int, tuple[int, int], str]] = []  # (position, name span, kind) of speakers so far
    contents = [a.content for a in attributions if a.content and a.source is not None]
    for attribution in sorted(attributions, key=lambda a: a.cue[0]):
        head = attribution.source_head
        if attribution.source is None or head is None:
            attribution.speaker_type, attribution.kind = "anonymous", None
            continue
        lower = head.lower_
        if lower in ctx.lex.pronoun_speakers and head.pos_ == "PRON":
            kinds = ctx.lex.pronoun_speakers[lower]
            ref, kind = antecedent(ctx, named, attribution.source[0], kinds, contents)
            attribution.ref = ref
            attribution.kind = kind or ("person" if "person" in kinds else "organization")
            attribution.speaker_type = attribution.kind
            continue
        if lower in ctx.lex.relative_pronouns and head.tag_ in ("WP", "WDT"):
            antecedent_token = relative_antecedent(head)
            if antecedent_token is not None:
                attribution.ref = name_of(ctx, antecedent_token, None)
                attribution.kind = kind_of(ctx, antecedent_token, attribution.ref)
            attribution.speaker_type = attribution.kind or "anonymous"
            continue
        if head.lemma_.lower() in ctx.lex.group_nouns and not has_name(ctx, attribution.source):
            ref, kind = antecedent(ctx, named, attribution.source[0], frozenset({"organization"}), contents)
            attribution.ref, attribution.kind = ref, kind or "organization"
            attribution.speaker_type = "organization"
            continue
        attribution.ref = attribution.name or name_of(ctx, head, attribution.source)
        attribution.kind = kind_of(ctx, head, attribution.source)
        attribution.speaker_type = attribution.kind
        if attribution.kind in ("person", "organization", "state") and attribution.ref and has_name(ctx, attribution.ref):
            named.append((attribution.source[0], attribution.ref, attribution.kind))


def antecedent(ctx: Context, named: list, position: int, kinds,
               contents=()) -> tuple[tuple[int, int] | None, str | None]:
    """The nearest earlier named speaker or named subject of a compatible kind ("Karimi arrived. He said...").

    A subject inside what someone is reported to say is no antecedent ("Hassett said Trump's tariffs would stay.
    He said ...": he is Hassett).
    """
    best: tuple[int, tuple[int, int] | None, str | None] = (-1, None, None)
    for at, span, kind in reversed(named):
        if at < position and kind in kinds:
            best = (span[0], span, kind)
            break
    index = bisect.bisect_left(ctx.ent_starts, position) - 1
    for ent in reversed(ctx.ents[max(0, index - 30): index + 1]):
        kind = ENT_KINDS.get(ent.label_)
        if ent.end_char <= position and kind in kinds and ent.root.dep_ in ("nsubj", "nsubjpass"):
            if any(start <= ent.start_char < end for start, end in contents):
                continue
            if ent.start_char > best[0]:
                best = (ent.start_char, (ent.start_char, ent.end_char), kind)
            break
    return best[1], best[2]


def relative_antecedent(pronoun: Token) -> Token | None:
    clause = pronoun.head
    if clause.dep_ == "relcl":
        return clause.head
    return None


def name_of(ctx: Context, head: Token, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The name a source phrase refers to: an apposed name, the entity of its head, or the phrase itself."""
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return char_span(child.left_edge, child) if child.left_edge.i >= head.i else char_span(child, child)
    if head.ent_iob_ in ("B", "I"):
        ent = next((e for e in ents_in(ctx, head.idx, head.idx + 1)), None)
        if ent is not None:
            return ent.start_char, ent.end_char
    if source is not None:
        inner = ents_in(ctx, *source)
        for label in ("PERSON", "ORG", "NORP", "GPE"):
            for ent in inner:
                if ent.label_ == label:
                    return ent.start_char, ent.end_char
        return source
    return char_span(head, head)


def ents_in(ctx: Context, start: int, end: int) -> list[Span]:
    index = bisect.bisect_right(ctx.ent_starts, start) - 1
    found = []
    for ent in ctx.ents[max(0, index):]:
        if ent.start_char >= end:
            break
        if ent.end_char > start:
            found.append(ent)
    return found


def has_name(ctx: Context, span: tuple[int, int]) -> bool:
    return any(t.pos_ == "PROPN" for t in ctx.doc.char_span(*span, alignment_mode="expand") or [])


def kind_of(ctx: Context, head: Token, source: tuple[int, int] | None) -> str:
    """person / organization / state / document / anonymous, from the head word, entities and the lexicon."""
    lex = ctx.lex
    lemma = head.lemma_.lower()
    named = source is not None and has_name(ctx, source)
    if lemma in lex.document_source_words:
        return "document"
    if lemma in lex.anonymous_source_words and not named:
        return "anonymous"
    if lemma in lex.person_words or lemma in lex.anonymous_source_words:
        return "person"
    if head.ent_type_ in ENT_KINDS:
        return ENT_KINDS[head.ent_type_]
    if lemma in lex.state_source_words:
        return "state"
    if lemma in lex.group_nouns:
        return "organization"
    labels = [e.label_ for e in ents_in(ctx, *source)] if source else []
    for label in ("PERSON", "ORG", "NORP", "GPE"):
        if label in labels:
            return ENT_KINDS[label]
    if head.pos_ == "PROPN":
        return "person"
    return "anonymous"


# ---------------------------------------------------------------- rows

def attributed_row(ctx: Context, attribution: Attribution, article_id: str) -> dict:
    """The output dict of one attribution."""
    text = ctx.text
    holes = [attribution.cue] + ([attribution.source] if attribution.source else [])
    if attribution.floating:
        holes = []
    pieces = quote_pieces(ctx, attribution.content, holes)
    row = empty_row(article_id)
    row.update(span_fields("", attribution.content, text))
    row.update(span_fields("speaker_", attribution.source, text))
    row.update(span_fields("cue_", attribution.cue, text))
    row["quote_type"] = quote_type(ctx, attribution.content, holes, pieces)
    row["quote_text"] = " \u2026 ".join(text[s:e] for s, e in pieces) or None
    row["channel"] = attribution.channel
    row["attributed"] = True
    row["certainty"] = certainty(ctx, attribution.content, cue=attribution.cue)
    row["speaker_type"] = attribution.speaker_type
    ref = attribution.ref or attribution.source
    row["speaker_ref_start"], row["speaker_ref_end"] = (ref if ref else (None, None))
    row.update(span_fields("via_", attribution.via, text))
    row["sentence_start"], row["sentence_end"] = attribution.sentence.start_char, attribution.sentence.end_char
    return row


def empty_row(article_id: str) -> dict:
    row = dict.fromkeys(CLAIM_KEYS)
    row["article_id"] = article_id
    return row


def span_fields(prefix: str, span: tuple[int, int] | None, text: str) -> dict:
    if span is None:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None}
    return {f"{prefix}start": span[0], f"{prefix}end": span[1], f"{prefix}text": text[span[0]:span[1]]}


def quote_pieces(ctx: Context, content: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inner spans of the quotations inside the content, without trailing commas."""
    text = ctx.text
    pieces = []
    index = max(0, bisect.bisect_left(ctx.quote_starts, content[0]) - 1)
    for quote in ctx.quotes[index:]:
        if quote.start >= content[1]:
            break
        if quote.end <= content[0] or any(inside((quote.start, quote.end), h) for h in holes):
            continue
        start, end = max(quote.inner_start, content[0]), min(quote.inner_end, content[1])
        start, end = trim_chars(text, start, end, strip=" \t\r\n,;:" + QUOTE_CHARS)
        if end > start:
            pieces.append((start, end))
    return pieces


def quote_type(ctx: Context, content, holes, pieces) -> str:
    """direct when every word of the content is quoted, mixed when some are, indirect when none are."""
    text = ctx.text
    begin, end = content
    in_hole = _coverage(begin, end, holes)
    in_piece = _coverage(begin, end, pieces)
    quoted = unquoted = 0
    for i in range(begin, end):
        if not text[i].isalnum() or in_hole[i - begin]:
            continue
        if in_piece[i - begin]:
            quoted += 1
        else:
            unquoted += 1
    if quoted and not unquoted:
        return "direct"
    return "mixed" if quoted else "indirect"


def _coverage(begin: int, end: int, spans) -> bytearray:
    """One byte per character of [begin, end): 1 where some span covers it (linear in the spans' lengths)."""
    covered = bytearray(end - begin)
    for start, stop in spans:
        start, stop = max(start, begin), min(stop, end)
        if stop > start:
            covered[start - begin:stop - begin] = b"\x01" * (stop - start)
    return covered


def certainty(ctx: Context, span: tuple[int, int], cue: tuple[int, int] | None = None) -> str:
    """unknown ("it is not known whether"), hedged ("potentially", "could"), negated, else asserted."""
    lex = ctx.lex
    lowered = ctx.text[span[0]:span[1]].lower()
    if any(phrase in lowered for phrase in lex.unknown_phrases):
        return "unknown"
    tokens = ctx.doc.char_span(*span, alignment_mode="expand") or []
    if any(t.lower_ in lex.hedge_words or (t.tag_ == "MD" and t.lower_ in lex.hedge_modals) for t in tokens):
        return "hedged"
    roots = [t for t in tokens if not tokens.start <= t.head.i < tokens.end or t.head.i == t.i] if tokens else []
    if cue is not None:
        roots += list(ctx.doc.char_span(*cue, alignment_mode="expand") or [])
    if any(c.dep_ == "neg" or c.lower_ in lex.negation_words for root in roots for c in root.children):
        return "negated"
    return "asserted"


def own_voice_rows(ctx: Context, attributions: list[Attribution], article_id: str) -> list[dict]:
    """The parts of sentences outside every attribution that assert something, as unattributed claims."""
    taken = []
    for a in attributions:
        taken += [a.content, a.cue] + [s for s in (a.source, a.via, a.relay) if s]
    taken.sort()
    starts = [t[0] for t in taken]
    rows = []
    for sentence in ctx.units:
        run: list[Token] = []
        for token in list(sentence) + [None]:
            if token is not None and not is_taken(token, taken, starts):
                run.append(token)
                continue
            row = own_voice_row(ctx, run, sentence, article_id)
            if row:
                rows.append(row)
            run = []
    return rows


def is_taken(token: Token, taken: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect.bisect_right(starts, token.idx) - 1
    while index >= 0:
        start, end = taken[index]
        if start <= token.idx < end:
            return True
        if index >= 0 and end <= token.idx and start < token.idx - 2000:
            return False
        index -= 1
    return False


def own_voice_row(ctx: Context, run: list[Token], sentence: Span, article_id: str) -> dict | None:
    """One unattributed claim from a run of free tokens, when it has a verb and a few words."""
    while run and (run[0].is_punct or run[0].is_space or run[0].dep_ == "cc"):
        run = run[1:]
    while run and (run[-1].is_space or (run[-1].is_punct and run[-1].text not in ".!?" + QUOTE_CHARS)):
        run = run[:-1]
    if len(run) < 3 or sum(t.is_alpha for t in run) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in run):
        return None
    span = (run[0].idx, run[-1].idx + len(run[-1].text))
    text = ctx.text
    row = empty_row(article_id)
    row.update(span_fields("", span, text))
    row["quote_type"] = "none"
    row["attributed"] = False
    row["certainty"] = certainty(ctx, span)
    row["speaker_type"] = "own_voice"
    row["sentence_start"], row["sentence_end"] = sentence.start_char, sentence.end_char
    return row


# ---------------------------------------------------------------- small span helpers

def char_span(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end - 1


def strip_tokens(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Token bounds without punctuation (other than quotation marks) and spaces at the ends."""
    while first <= last and (doc[first].is_space or (doc[first].is_punct and doc[first].text not in QUOTE_CHARS)
                             or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTE_CHARS
                                                    and doc[last].text not in ")]")):
        last -= 1
    return (first, last) if first <= last else None


def count_words(doc: Doc, bounds: tuple[int, int] | None) -> int:
    if bounds is None:
        return 0
    return sum(1 for t in doc[bounds[0]: bounds[1] + 1] if t.is_alpha)


def trim_chars(text: str, start: int, end: int, strip: str) -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def inside_quote(ctx: Context, position: int) -> bool:
    index = bisect.bisect_right(ctx.quote_starts, position) - 1
    return index >= 0 and ctx.quotes[index].start <= position < ctx.quotes[index].end


def finish_content(ctx: Context, first: int, last: int, cue: tuple[int, int]) -> tuple[int, int] | None:
    """Character span of the content: stripped, widened to whole quotations that it cuts, never over the cue."""
    bounds = strip_tokens(ctx.doc, first, last)
    if bounds is None:
        return None
    text = ctx.text
    start, end = char_span(ctx.doc[bounds[0]], ctx.doc[bounds[1]])
    index = max(0, bisect.bisect_left(ctx.quote_starts, start) - 1)
    for quote in ctx.quotes[index:]:
        if quote.start >= end:
            break
        if quote.end <= start or overlaps((quote.start, quote.end), cue):
            continue
        if quote.start < start and not overlaps((quote.start, start), cue):
            start = quote.start
        if quote.end > end and not overlaps((end, quote.end), cue):
            end = quote.end
    start, end = trim_chars(text, start, end, strip=EDGE_PUNCT)
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end
