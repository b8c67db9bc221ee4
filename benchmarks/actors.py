"""Actor resolution on re3d: do gold synonyms land on one actor, and do actors stay one type?

    python -m benchmarks.actors [--limit N]

Prints, per re3d folder and overall:
- alias recall: the share of gold IsSynonymOf pairs whose two spans each
  overlap a mention of one and the same actor_id;
- type-conflict rate: among pairs of mentions of one actor that overlap a gold
  Person, Organisation or Location entity, the share whose gold types differ
  (a guard against merging what should stay apart);
- mention recall: the share of gold Person/Organisation/Location entities that
  overlap some mention.
re3d (Dstl) is read from ../shared/corpora/re3d at run time; see its README and
each folder's LICENSE.
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from itertools import combinations

from helpers import actors
from helpers.evaluation import overlaps, read_re3d
from helpers.pipeline import get_pipeline

from .results import record

TYPED = {"Person", "Organisation", "Location"}


def score_document(document, mentions) -> dict:
    """Counts for one document: synonym pairs found, same-actor type pairs, entity coverage."""
    def actors_at(start, end):
        return {m.actor_id for m in mentions if overlaps(m.start, m.end, start, end)}

    counts = defaultdict(int)
    for relation in document.relations:
        if relation["type"] != "IsSynonymOf":
            continue
        counts["synonym_pairs"] += 1
        shared = actors_at(relation["sourceBegin"], relation["sourceEnd"]) & actors_at(relation["targetBegin"], relation["targetEnd"])
        counts["synonym_pairs_joined"] += bool(shared)

    typed = [e for e in document.entities if e["type"] in TYPED]
    gold_type = {}
    for mention in mentions:
        types = {e["type"] for e in typed if overlaps(mention.start, mention.end, e["begin"], e["end"])}
        if len(types) == 1:
            gold_type[id(mention)] = types.pop()
    by_actor = defaultdict(list)
    for mention in mentions:
        if id(mention) in gold_type:
            by_actor[mention.actor_id].append(gold_type[id(mention)])
    for types in by_actor.values():
        for a, b in combinations(types, 2):
            counts["same_actor_pairs"] += 1
            counts["type_conflicts"] += a != b
    counts["gold_entities"] += len(typed)
    counts["gold_entities_found"] += sum(any(overlaps(m.start, m.end, e["begin"], e["end"]) for m in mentions) for e in typed)
    return counts


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args(argv)
    documents = read_re3d(args.limit)
    pipeline = get_pipeline()
    totals = defaultdict(lambda: defaultdict(int))
    docs = pipeline.nlp.pipe((d.text for d in documents), batch_size=8)
    for document, doc in zip(documents, docs):
        mentions = actors.find_mentions(doc, pipeline.dictionary)
        for counts in (totals[document.folder], totals["all"]):
            counts["documents"] += 1
        for key, value in score_document(document, mentions).items():
            totals[document.folder][key] += value
            totals["all"][key] += value
    print(f"re3d actor resolution ({len(documents)} documents)")
    print(f"{'folder':16} {'synonym pairs':>13} {'alias recall':>12} {'same-actor pairs':>16} {'type conflicts':>14} {'mention recall':>14}")
    figures = {}
    for folder, c in totals.items():
        figures[folder] = {"documents": c["documents"], "alias_recall": ratio(c["synonym_pairs_joined"], c["synonym_pairs"]),
                           "type_conflict_rate": ratio(c["type_conflicts"], c["same_actor_pairs"]),
                           "mention_recall": ratio(c["gold_entities_found"], c["gold_entities"])}
        print(f"{folder:16} {c['synonym_pairs']:>13} {ratio(c['synonym_pairs_joined'], c['synonym_pairs']):>12.3f} "
              f"{c['same_actor_pairs']:>16} {ratio(c['type_conflicts'], c['same_actor_pairs']):>14.3f} "
              f"{ratio(c['gold_entities_found'], c['gold_entities']):>14.3f}")
    record("actors", "re3d (Dstl), per folder", figures, partial=bool(args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
