"""Score the claims extractor against PolNeAR's attribution annotations.

Run from the project folder:

    .venv/bin/python -m benchmarks.claims [--split dev|train] [--limit N]

For each role (source, cue, content) it prints precision, recall and F1 with
exact spans and with overlapping spans, over all articles and over the
wire-service subset (``wire`` set in ``metadata.tsv``).

How spans are compared:

* A span is a set of character positions. Each fragment (a gold span may be
  discontinuous) is trimmed of white space, punctuation and quotation marks at
  its ends, and white space inside is ignored.
* Exact: the two sets are equal. Overlap: character Jaccard >= 0.5.
* Matching is one-to-one within an article (greedy, best Jaccard first).

How the extractor's claims become PolNeAR attributions: only attributed claims
count; claims sharing a cue span (a floating quote continues an earlier one)
form one attribution; PolNeAR labels each character once, so the content of an
attribution is its content spans less its own source and cue spans.

PolNeAR is read from ``../shared/corpora/polnear`` (or ``$POLNEAR_DIR``); for
an article with several annotators' files the first in sorted order is used.
It is used for evaluation only.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.evaluation import f1

from .results import record

ROLES = ("source", "cue", "content")
TRIM_CHARS = set(" \t\r\n\u00a0.,;:!?\"'`()[]{}\u2018\u2019\u201c\u201d\u00ab\u00bb\u2014\u2013-\u2026")
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear"


@dataclass
class Attribution:
    """One attribution as three sets of character positions (empty when absent)."""

    source: frozenset = frozenset()
    cue: frozenset = frozenset()
    content: frozenset = frozenset()


@dataclass
class GoldArticle:
    name: str
    text: str
    wire: bool
    attributions: list[Attribution] = field(default_factory=list)


def polnear_dir() -> Path:
    """The corpus folder: $POLNEAR_DIR or ../shared/corpora/polnear beside the project."""
    return Path(os.environ.get("POLNEAR_DIR", DEFAULT_DIR))


def char_set(text: str, fragments) -> frozenset:
    """Non-space character positions of the fragments, each trimmed of punctuation and quotes at its ends."""
    chars = set()
    for start, end in fragments:
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        chars.update(i for i in range(start, end) if not text[i].isspace())
    return frozenset(chars)


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat .ann file."""
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    attributions = []
    for args in events:
        roles = {"source": [], "cue": [], "content": []}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789").lower()
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        attributions.append(Attribution(**{r: char_set(text, frags) for r, frags in roles.items()}))
    return attributions


def load_split(split: str, limit: int | None = None) -> list[GoldArticle]:
    """The articles of one split with their gold attributions (first annotator's file each)."""
    root = polnear_dir()
    wire = {}
    with open(root / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            wire[row["filename"]] = (row.get("wire") or "").strip() not in ("", "None", "NA")
    chosen: dict[str, Path] = {}
    for path in sorted((root / split / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, path)
    articles = []
    for name, ann in sorted(chosen.items())[:limit]:
        text_path = root / split / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(GoldArticle(name, text, wire.get(name, False), read_ann(ann, text)))
    return articles


def predicted_attributions(text: str, claims: list[dict]) -> list[Attribution]:
    """The extractor's attributed claims as PolNeAR-style attributions (see the module docstring)."""
    groups: dict[tuple, list[dict]] = {}
    for claim in claims:
        if claim.get("attributed") and claim.get("cue_start") is not None:
            groups.setdefault((claim["cue_start"], claim["cue_end"]), []).append(claim)
    attributions = []
    for (cue_start, cue_end), members in groups.items():
        first = members[0]
        source = [(first["speaker_start"], first["speaker_end"])] if first.get("speaker_start") is not None else []
        taken = [(cue_start, cue_end)] + source
        content = []
        for claim in members:
            if claim.get("start") is not None:
                content.extend(subtract((claim["start"], claim["end"]), taken))
        attributions.append(Attribution(char_set(text, source), char_set(text, [(cue_start, cue_end)]),
                                        char_set(text, content)))
    return attributions


def subtract(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of span left after removing the holes."""
    pieces = [span]
    for h_start, h_end in holes:
        next_pieces = []
        for start, end in pieces:
            if h_end <= start or h_start >= end:
                next_pieces.append((start, end))
                continue
            if start < h_start:
                next_pieces.append((start, h_start))
            if h_end < end:
                next_pieces.append((h_end, end))
        pieces = next_pieces
    return pieces


def jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def count_matches(gold: list[frozenset], pred: list[frozenset]) -> tuple[int, int]:
    """One-to-one matches (exact, overlap) between two lists of character sets."""
    remaining = list(gold)
    exact = 0
    unmatched_pred = []
    for item in pred:
        if item in remaining:
            remaining.remove(item)
            exact += 1
        else:
            unmatched_pred.append(item)
    pairs = sorted(((jaccard(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if g & p), reverse=True)
    used_gold, used_pred, overlap = set(), set(), 0
    for score, gi, pi in pairs:
        if score < 0.5:
            break
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            overlap += 1
    return exact, overlap


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, gold: list[frozenset], pred: list[frozenset]) -> None:
        gold = list(dict.fromkeys(s for s in gold if s))
        pred = list(dict.fromkeys(s for s in pred if s))
        exact, overlap = count_matches(gold, pred)
        self.gold += len(gold)
        self.pred += len(pred)
        self.exact += exact
        self.overlap += overlap

    def scores(self, matched: int) -> tuple[float, float, float]:
        precision = matched / self.pred if self.pred else 0.0
        recall = matched / self.gold if self.gold else 0.0
        return precision, recall, f1(precision, recall)


def print_table(title: str, tallies: dict[str, Tally], n_articles: int) -> None:
    print(f"\n{title} ({n_articles} articles)")
    print(f"{'role':8} {'gold':>6} {'pred':>6} | {'exact P':>7} {'R':>6} {'F1':>6} | {'overlap P':>9} {'R':>6} {'F1':>6}")
    for role in ROLES:
        tally = tallies[role]
        ep, er, ef = tally.scores(tally.exact)
        op, orr, of = tally.scores(tally.overlap)
        print(f"{role:8} {tally.gold:6d} {tally.pred:6d} | {ep:7.3f} {er:6.3f} {ef:6.3f} | {op:9.3f} {orr:6.3f} {of:6.3f}")


def table_figures(tallies: dict[str, Tally], n_articles: int) -> dict:
    """The figures of one table of roles, for benchmarks/results.json."""
    figures = {"articles": n_articles}
    for role in ROLES:
        tally = tallies[role]
        for match, matched in (("exact", tally.exact), ("overlap", tally.overlap)):
            precision, recall, f = tally.scores(matched)
            figures[f"{role}_{match}"] = {"precision": precision, "recall": recall, "f1": f}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args(argv)

    root = polnear_dir()
    if not (root / "metadata.tsv").exists() or not (root / args.split / "attributions").is_dir():
        print(f"PolNeAR not found at {root} (expected metadata.tsv and {args.split}/attributions); "
              "set POLNEAR_DIR to its folder", file=sys.stderr)
        return 2

    from helpers.claims import extract_claims
    from helpers.nlp import load_model

    articles = load_split(args.split, args.limit)
    if not articles:
        print(f"no articles in {root / args.split}", file=sys.stderr)
        return 2
    nlp = load_model()
    overall = {role: Tally() for role in ROLES}
    wire = {role: Tally() for role in ROLES}
    parse_seconds = extract_seconds = 0.0
    for article in articles:
        began = time.perf_counter()
        doc = nlp(article.text)
        parsed = time.perf_counter()
        claims = extract_claims(doc, article.name)
        extract_seconds += time.perf_counter() - parsed
        parse_seconds += parsed - began
        predicted = predicted_attributions(article.text, claims)
        for role in ROLES:
            gold_sets = [getattr(a, role) for a in article.attributions]
            pred_sets = [getattr(a, role) for a in predicted]
            overall[role].add(gold_sets, pred_sets)
            if article.wire:
                wire[role].add(gold_sets, pred_sets)
    print(f"PolNeAR {args.split}: exact = same characters after trimming white space, punctuation and quotes "
          "at the ends; overlap = character Jaccard >= 0.5; one-to-one per article")
    print_table("all articles", overall, len(articles))
    print_table("wire-service articles", wire, sum(a.wire for a in articles))
    record("claims", f"PolNeAR {args.split} split: all articles and the wire-service ones",
           {"all articles": table_figures(overall, len(articles)),
            "wire-service articles": table_figures(wire, sum(a.wire for a in articles))},
           partial=bool(args.limit))
    print(f"\nparse {parse_seconds:.1f}s, extraction {extract_seconds:.1f}s "
          f"({extract_seconds / parse_seconds:.0%} of the parse)" if parse_seconds else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
