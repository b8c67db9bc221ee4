"""Score the relation extractor against re3d's relation annotations.

Run from the project folder:

    .venv/bin/python -m benchmarks.relations [--limit N] [--folder NAME] [--show-errors]

For each re3d folder (CENTCOM, UK Government, Wikipedia) and overall it prints
micro precision, recall and F1 and the F1 of each relation type, plus the
mention-coverage ceiling: the share of gold relations whose two ends each
overlap an actor mention that ``helpers.actors.find_mentions`` produces (a
relation between spans the actors module never finds cannot be predicted).

How relations are compared:

* Types are mapped: fights -> FightingAgainst, allied_with and supports ->
  AlliesOf, member_of -> BelongsTo, leads and controls -> InChargeOf, criticizes ->
  Dislikes, praises -> Likes. Other gold types (CoLocated, IsSynonymOf ...) are
  not scored.
* A prediction matches a gold relation of its type when its source span
  overlaps the gold source span and its target span the gold target span
  (either direction for FightingAgainst and AlliesOf).
* Matching is one-to-one within a document (a maximum bipartite matching).
* Predictions with certainty ``negated`` or ``unknown`` are left out: they do
  not claim the relation holds. Predictions with the same type and spans count
  once, and so do gold relations annotated twice (also in both directions for
  the symmetric types).

re3d (Dstl) is read from ``../shared/corpora/re3d`` (or ``$RE3D_DIR``). It is
used for evaluation only.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from helpers.evaluation import f1, json_lines
from helpers.evaluation import overlaps as spans_overlap

from .results import record

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "re3d"
TYPE_OF = {"fights": "FightingAgainst", "allied_with": "AlliesOf", "supports": "AlliesOf",
           "member_of": "BelongsTo", "leads": "InChargeOf", "controls": "InChargeOf", "criticizes": "Dislikes", "praises": "Likes"}
GOLD_TYPES = ("FightingAgainst", "AlliesOf", "BelongsTo", "InChargeOf", "Dislikes", "Likes")
SYMMETRIC = {"FightingAgainst", "AlliesOf"}
SCORED_CERTAINTIES = {"asserted", "reported", "hypothetical"}


@dataclass(frozen=True)
class Relation:
    """One relation as a type and two character spans."""

    type: str
    source: tuple[int, int]
    target: tuple[int, int]

    def key(self):
        """What makes two annotations the same relation (the ends unordered for symmetric types)."""
        ends = (self.source, self.target)
        return (self.type, tuple(sorted(ends)) if self.type in SYMMETRIC else ends)


@dataclass
class Document:
    doc_id: str
    text: str
    gold: list[Relation] = field(default_factory=list)


@dataclass
class Tally:
    gold: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    covered: int = 0

    def add(self, other: "Tally") -> None:
        self.gold.update(other.gold)
        self.pred.update(other.pred)
        self.matched.update(other.matched)
        self.covered += other.covered


def re3d_dir() -> Path:
    """The corpus folder: $RE3D_DIR or ../shared/corpora/re3d beside the project."""
    return Path(os.environ.get("RE3D_DIR", DEFAULT_DIR))


def load_folder(folder: Path, limit: int | None = None) -> list[Document]:
    """The documents of one re3d folder with their gold relations of the scored types, each once."""
    documents = {d["_id"]: Document(d["_id"], d["text"]) for d in json_lines(folder / "documents.json")}
    seen = set()
    for row in json_lines(folder / "relations.json"):
        document = documents.get(row.get("documentId"))
        if document is None or row.get("type") not in GOLD_TYPES:
            continue
        relation = Relation(row["type"], (row["sourceBegin"], row["sourceEnd"]), (row["targetBegin"], row["targetEnd"]))
        if (document.doc_id, relation.key()) not in seen:
            seen.add((document.doc_id, relation.key()))
            document.gold.append(relation)
    ordered = sorted(documents.values(), key=lambda d: d.doc_id)
    return ordered[:limit] if limit else ordered


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return spans_overlap(*a, *b)


def fits(pred: Relation, gold: Relation) -> bool:
    """Whether a prediction matches a gold relation: same type, both ends overlapping."""
    if pred.type != gold.type:
        return False
    if overlaps(pred.source, gold.source) and overlaps(pred.target, gold.target):
        return True
    return gold.type in SYMMETRIC and overlaps(pred.source, gold.target) and overlaps(pred.target, gold.source)


def count_matches(gold: list[Relation], pred: list[Relation]) -> Counter:
    """Matched pairs per type under a one-to-one (maximum bipartite) matching."""
    graph = nx.Graph()
    graph.add_nodes_from(("g", i) for i in range(len(gold)))
    graph.add_nodes_from(("p", j) for j in range(len(pred)))
    graph.add_edges_from((("g", i), ("p", j)) for i, g in enumerate(gold) for j, p in enumerate(pred) if fits(p, g))
    top = [("g", i) for i in range(len(gold))]
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=top)
    return Counter(gold[i].type for kind, i in top if kind == "g" and (kind, i) in matching)


def predicted_relations(rows: list[dict]) -> list[Relation]:
    """The extractor's rows as re3d relations, each (type, spans) once."""
    relations = {}
    for row in rows:
        if row.get("certainty") not in SCORED_CERTAINTIES or row.get("relation") not in TYPE_OF:
            continue
        relation = Relation(TYPE_OF[row["relation"]], (row["source_start"], row["source_end"]),
                            (row["target_start"], row["target_end"]))
        relations.setdefault(relation.key(), relation)
    return list(relations.values())


def covered_by_mentions(gold: list[Relation], mentions) -> int:
    """How many gold relations have both ends overlapping some predicted mention."""
    spans = [(m.start, m.end) for m in mentions]
    def hit(span):
        return any(overlaps(span, s) for s in spans)
    return sum(hit(g.source) and hit(g.target) for g in gold)


def prf(gold: int, pred: int, matched: int) -> tuple[float, float, float]:
    p = matched / pred if pred else 0.0
    r = matched / gold if gold else 0.0
    return p, r, f1(p, r)


def tally_figures(tally: Tally, n_docs: int) -> dict:
    """One folder's figures as plain numbers, for benchmarks/results.json."""
    gold, pred, matched = sum(tally.gold.values()), sum(tally.pred.values()), sum(tally.matched.values())
    p, r, f = prf(gold, pred, matched)
    per_type = {kind: dict(zip(("precision", "recall", "f1"), prf(tally.gold[kind], tally.pred[kind], tally.matched[kind])),
                           gold=tally.gold[kind], predicted=tally.pred[kind]) for kind in GOLD_TYPES}
    return {"documents": n_docs, "gold": gold, "predicted": pred, "precision": p, "recall": r, "f1": f,
            "mention_ceiling": tally.covered / gold if gold else 0.0, "types": per_type}


def print_tally(title: str, tally: Tally, n_docs: int) -> None:
    gold, pred, matched = sum(tally.gold.values()), sum(tally.pred.values()), sum(tally.matched.values())
    p, r, f = prf(gold, pred, matched)
    ceiling = tally.covered / gold if gold else 0.0
    print(f"\n{title}: {n_docs} documents, {gold} gold, {pred} predicted, {matched} matched")
    print(f"  micro P {p:.3f}  R {r:.3f}  F1 {f:.3f}   gold with both ends on actor mentions {ceiling:.3f}")
    print(f"  {'type':16} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in GOLD_TYPES:
        tp, tr, tf = prf(tally.gold[kind], tally.pred[kind], tally.matched[kind])
        print(f"  {kind:16} {tally.gold[kind]:5d} {tally.pred[kind]:5d} {tally.matched[kind]:5d} {tp:6.3f} {tr:6.3f} {tf:6.3f}")


def show_errors(document: Document, gold: list[Relation], pred: list[Relation]) -> None:
    """Print the unmatched gold and predicted relations of a document (for development)."""
    text = document.text
    def show(r):
        return f"{r.type:15} {text[r.source[0]:r.source[1]]!r} -> {text[r.target[0]:r.target[1]]!r}"
    for g in gold:
        if not any(fits(p, g) for p in pred):
            print("  MISS", show(g))
    for p in pred:
        if not any(fits(p, g) for g in gold):
            print("  FALSE", show(p))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of each folder")
    parser.add_argument("--folder", action="append", help="score only this folder (repeatable)")
    parser.add_argument("--show-errors", action="store_true", help="print missed and false relations")
    args = parser.parse_args(argv)

    root = re3d_dir()
    folders = sorted(p for p in root.glob("*") if (p / "relations.json").is_file()) if root.is_dir() else []
    if args.folder:
        folders = [p for p in folders if p.name in args.folder]
    if not folders:
        print(f"re3d not found at {root} (expected folders with documents.json and relations.json); "
              "set RE3D_DIR or put the corpus in ../shared/corpora/re3d", file=sys.stderr)
        return 2

    from helpers.actors import find_mentions
    from helpers.relations import extract_relations
    from helpers.pipeline import get_pipeline

    extract_claims = _claims_extractor()
    pipeline = get_pipeline()
    overall, n_overall, figures = Tally(), 0, {}
    parse_seconds = relation_seconds = 0.0
    print("re3d relations: types mapped to re3d's, both ends overlapping, one-to-one per document; "
          "negated and unknown predictions left out")
    for folder in folders:
        documents = load_folder(folder, args.limit)
        tally = Tally()
        for document in documents:
            started = time.perf_counter()
            doc = pipeline.nlp(document.text)
            parse_seconds += time.perf_counter() - started
            mentions = find_mentions(doc, pipeline.dictionary)
            claims = extract_claims(doc, document.doc_id)
            started = time.perf_counter()
            rows = extract_relations(doc, document.doc_id, mentions, claims)
            relation_seconds += time.perf_counter() - started
            pred = predicted_relations(rows)
            tally.gold.update(g.type for g in document.gold)
            tally.pred.update(p.type for p in pred)
            tally.matched.update(count_matches(document.gold, pred))
            tally.covered += covered_by_mentions(document.gold, mentions)
            if args.show_errors:
                print(f"\n# {folder.name} {document.doc_id}")
                show_errors(document, document.gold, pred)
        print_tally(folder.name, tally, len(documents))
        figures[folder.name] = tally_figures(tally, len(documents))
        overall.add(tally)
        n_overall += len(documents)
    print_tally("overall", overall, n_overall)
    figures["overall"] = tally_figures(overall, n_overall)
    record("relations", "re3d (Dstl), per folder", figures, partial=bool(args.limit or args.folder))
    print(f"\nparse {parse_seconds:.1f}s, relation extraction {relation_seconds:.2f}s "
          f"({relation_seconds / parse_seconds if parse_seconds else 0:.1%} of the parse)")
    return 0


def _claims_extractor():
    """helpers.claims.extract_claims when it is there, else a stand-in giving no claims."""
    try:
        from helpers.claims import extract_claims
    except ImportError:
        print("helpers.claims is not available: scoring without claims", file=sys.stderr)
        return lambda doc, article_id: []
    def safe(doc, article_id):
        try:
            return extract_claims(doc, article_id)
        except Exception as error:  # the benchmark scores relations; a claims bug must not stop it
            print(f"claims failed on {article_id}: {error}", file=sys.stderr)
            return []
    return safe


if __name__ == "__main__":
    sys.exit(main())
