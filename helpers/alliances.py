"""Relations between actors: who backs, fights, leads or belongs to whom.

(First version: a few general patterns over the parse; see issue 6 for the full extractor.)
"""
from __future__ import annotations

import re

SIGN = {"supports": 1, "allied_with": 1, "praises": 1, "fights": -1, "criticizes": -1, "member_of": 0, "leads": 0}


def extract_relations(doc, article_id: str, mentions: list, claims: list[dict]) -> list[dict]:
    """Relations found in one parsed article, as rows of the relations table."""
    rows = []
    by_token = _mention_by_token(doc, mentions)
    for token in doc:
        # "X-backed Y", "X-led Y": the hyphen compound before a noun
        if token.lower_ in ("backed", "led", "supported", "funded", "armed") and token.i >= 2 and doc[token.i - 1].text == "-":
            source = by_token.get(token.i - 2)
            target = _mention_in(by_token, token.head)
            relation = "leads" if token.lower_ == "led" else "supports"
            if source and target and source.actor_id != target.actor_id:
                rows.append(_row(article_id, source, target, relation, token.sent))
        # "backed by X"
        if token.lower_ in ("backed", "supported", "funded", "armed") and token.dep_ in ("acl", "amod", "relcl"):
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                source = _mention_in(by_token, next((c for c in agent.children if c.dep_ == "pobj"), agent))
                target = _mention_in(by_token, token.head)
                if source and target and source.actor_id != target.actor_id:
                    rows.append(_row(article_id, source, target, "supports", token.sent))
        # "fighting X"
        if token.lemma_ == "fight" and token.pos_ in ("VERB", "NOUN"):
            target = next((by_token[c.i] for c in token.subtree if c.i in by_token and c.i > token.i), None)
            source = _subject_mention(token, by_token)
            if source and target and source.actor_id != target.actor_id:
                rows.append(_row(article_id, source, target, "fights", token.sent))
    for number, row in enumerate(rows, 1):
        row["relation_id"] = f"r{number}"
    return rows


def _mention_by_token(doc, mentions) -> dict:
    index = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                index[token.i] = mention
    return index


def _mention_in(by_token, token):
    return by_token.get(token.i)


def _subject_mention(token, by_token):
    for ancestor in [token, *token.ancestors]:
        for child in ancestor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in by_token:
                return by_token[child.i]
        if ancestor.dep_ in ("appos", "acl", "relcl", "amod") and ancestor.head.i in by_token:
            return by_token[ancestor.head.i]
    return None


def _row(article_id, source, target, relation, sentence) -> dict:
    certainty = "negated" if re.search(r"\brather than\b|\bnot\b", sentence.text) and relation == "fights" else "asserted"
    return {
        "article_id": article_id, "relation_id": "",
        "source_actor_id": source.actor_id, "target_actor_id": target.actor_id,
        "relation": relation, "sign": SIGN[relation], "certainty": certainty,
        "source_start": source.start, "source_end": source.end,
        "target_start": target.start, "target_end": target.end,
        "evidence_start": sentence.start_char, "evidence_end": sentence.end_char,
        "source_text": source.text, "target_text": target.text, "evidence_text": sentence.text,
    }
