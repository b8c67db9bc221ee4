"""What the rules read about one article: its parse, its actor mentions by token, its claims and the lexicon."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..nlp import doc_text
from . import ends


@dataclass
class Article:
    """One article as the relation rules see it (no rule lives here: they are functions taking it)."""

    doc: object
    lex: dict
    kinds: dict                       # actor id -> kind, from the actor dictionary
    claims: list                      # attributed claim rows with integer bounds
    by_token: dict                    # token index -> the longest actor mention covering it
    text: str = ""                    # built once: Doc.text rebuilds the string on every access
    mentions_by_actor: dict = field(default_factory=lambda: defaultdict(list))
    dictionary: object = None         # the actor dictionary (helpers.actors.ActorDictionary), for nationality words


def read_article(doc, mentions, claims, lexicon, kinds, dictionary=None) -> Article:
    """The article's context for the rules, from its parse, mentions and claim rows."""
    by_actor = defaultdict(list)
    for mention in mentions:
        if getattr(mention, "actor_id", ""):
            by_actor[mention.actor_id].append(mention)
    usable_claims = [c for c in claims if isinstance(c, dict) and c.get("attributed")
                     and isinstance(c.get("start"), int) and isinstance(c.get("end"), int)]
    return Article(doc=doc, lex=lexicon, kinds=kinds, claims=usable_claims,
                   by_token=ends._mention_by_token(doc, mentions), text=doc_text(doc), mentions_by_actor=by_actor,
                   dictionary=dictionary)
