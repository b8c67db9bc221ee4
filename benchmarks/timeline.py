"""Benchmark of the timeline (TIMEX3) extractor on the TimeBank and AQUAINT TimeML files.

Run from the project folder::

    .venv/bin/python -m benchmarks.timeline [--limit N] [--runs K] [--errors]

It reads ``../shared/corpora/timebank/{TimeBank,AQUAINT}/*.tml``, removes the
tags of each file's TEXT section to get the text and the gold TIMEX3 spans,
takes the publication date from the DCT, parses every text once with
``nlp.pipe`` and times ``extract_timeline`` apart from the parse. Printed per
sub-corpus and overall (micro-averaged):

* relaxed F1 (predicted and gold spans overlap, matched one to one),
* strict F1 (identical spans),
* type accuracy and value accuracy on the relaxed matches,
* value F1 = relaxed F1 x value accuracy,
* the median milliseconds per article added by tagging and normalization,

and a baseline line for spaCy's DATE and TIME entities alone (their type is the
entity label, their value the entity text, so their value accuracy is near 0).
"""
from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from helpers.evaluation import f1

from .results import record

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "timebank"
SUBCORPORA = ("TimeBank", "AQUAINT")

TAG_OR_ENTITY = re.compile(r"<(/?)(\w+)([^>]*)>|&(#?\w+);")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
DCT_VALUE = re.compile(r'<DCT>\s*<TIMEX3[^>]*\bvalue="(\d{4})-?(\d{2})-?(\d{2})')


@dataclass
class Gold:
    """One TimeML file: its plain text, its creation date and its TIMEX3 spans."""

    name: str
    text: str
    dct: object
    timexes: list[dict] = field(default_factory=list)


def read_tml(path: Path):
    """Plain text of the TEXT section with its TIMEX3 spans (offsets in the plain text) and the DCT."""
    import datetime as dt

    raw = path.read_text(encoding="utf-8")
    match = DCT_VALUE.search(raw)
    dct = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
    pieces, timexes, open_timex, length, position = [], [], None, 0, 0
    for found in TAG_OR_ENTITY.finditer(body):
        chunk = body[position:found.start()]
        pieces.append(chunk)
        length += len(chunk)
        position = found.end()
        if found.group(4):  # an XML entity such as &amp;
            chunk = html.unescape(found.group(0))
            pieces.append(chunk)
            length += len(chunk)
        elif found.group(2) == "TIMEX3":
            if found.group(1):
                if open_timex is not None:
                    open_timex["end"] = length
                    timexes.append(open_timex)
                open_timex = None
            else:
                attributes = dict(ATTRIBUTE.findall(found.group(3)))
                open_timex = {"start": length, "type": attributes.get("type", ""),
                              "value": attributes.get("value", "")}
    pieces.append(body[position:])
    text = "".join(pieces)
    for timex in timexes:
        timex["text"] = text[timex["start"]:timex["end"]]
    return Gold(path.stem, text, dct, timexes)


@dataclass
class Score:
    """Counts for micro-averaged span, type and value scores."""

    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: "Score") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def f1(self, hits: int) -> float:
        if not hits:
            return 0.0
        return f1(hits / self.predicted, hits / self.gold)

    def figures(self) -> dict:
        """The scores as plain numbers, for benchmarks/results.json."""
        relaxed = self.f1(self.relaxed)
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {"gold": self.gold, "predicted": self.predicted, "relaxed_f1": relaxed, "strict_f1": self.f1(self.strict),
                "type_accuracy": self.type_ok / self.relaxed if self.relaxed else 0.0,
                "value_accuracy": value_acc, "value_f1": relaxed * value_acc}

    def line(self) -> str:
        relaxed, strict = self.f1(self.relaxed), self.f1(self.strict)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return (f"gold {self.gold:5d}  pred {self.predicted:5d}  relaxed F1 {relaxed:.3f}  "
                f"strict F1 {strict:.3f}  type acc {type_acc:.3f}  value acc {value_acc:.3f}  "
                f"value F1 {relaxed * value_acc:.3f}")


def score(gold: list[dict], predicted: list[dict], errors: list | None = None) -> Score:
    """Match predicted to gold spans one to one (identical spans first, then overlaps) and count."""
    result = Score(gold=len(gold), predicted=len(predicted))
    unmatched = list(range(len(predicted)))
    pairs = []
    for want_exact in (True, False):
        for g in gold:
            if any(g is pair[0] for pair in pairs):
                continue
            for i in unmatched:
                p = predicted[i]
                exact = p["start"] == g["start"] and p["end"] == g["end"]
                overlap = p["start"] < g["end"] and g["start"] < p["end"]
                if exact if want_exact else overlap:
                    pairs.append((g, p))
                    unmatched.remove(i)
                    break
    for g, p in pairs:
        result.relaxed += 1
        result.strict += p["start"] == g["start"] and p["end"] == g["end"]
        result.type_ok += p["type"] == g["type"]
        result.value_ok += p["value"] == g["value"]
    if errors is not None:
        matched_gold = {id(g) for g, _ in pairs}
        errors.extend(("missed", g["text"], g["type"], g["value"], "") for g in gold if id(g) not in matched_gold)
        errors.extend(("spurious", predicted[i]["text"], predicted[i]["type"], predicted[i]["value"], "")
                      for i in unmatched)
        for g, p in pairs:
            if (p["start"], p["end"]) != (g["start"], g["end"]):
                errors.append(("span", g["text"], g["type"], g["value"], p["text"]))
            elif p["value"] != g["value"] or p["type"] != g["type"]:
                errors.append(("value", g["text"], g["type"], g["value"], f"{p['type']} {p['value']}"))
    return result


def entity_baseline(doc) -> list[dict]:
    """spaCy's DATE and TIME entities as predictions, with their text as a stand-in value."""
    return [{"start": e.start_char, "end": e.end_char, "type": e.label_, "value": e.text}
            for e in doc.ents if e.label_ in ("DATE", "TIME")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="read at most N files per sub-corpus")
    parser.add_argument("--runs", type=int, default=3, help="timing runs; the median per article is printed")
    parser.add_argument("--errors", action="store_true", help="print every span and value error")
    args = parser.parse_args(argv)

    folders = [CORPUS / name for name in SUBCORPORA]
    if not all(folder.is_dir() for folder in folders):
        print(f"TimeBank corpus not found: expected {folders[0]} and {folders[1]}", file=sys.stderr)
        return 2

    from helpers.nlp import load_model
    from helpers.timeline import extract_timeline

    nlp = load_model()
    overall, overall_base, all_times, figures = Score(), Score(), [], {}
    for folder in folders:
        files = sorted(folder.glob("*.tml"))
        if args.limit:
            files = files[:args.limit]
        golds = [read_tml(path) for path in files]
        docs = list(nlp.pipe(gold.text for gold in golds))
        extract_timeline(docs[0], "warmup", golds[0].dct)  # the lexicon loads once, outside the timing
        sub, sub_base, times, errors = Score(), Score(), [], []
        for gold, doc in zip(golds, docs):
            runs = []
            for _ in range(max(1, args.runs)):
                began = time.perf_counter()
                rows = extract_timeline(doc, gold.name, gold.dct)
                runs.append(time.perf_counter() - began)
            times.append(statistics.median(runs) * 1000)
            sub.add(score(gold.timexes, rows, errors))
            sub_base.add(score(gold.timexes, entity_baseline(doc)))
        if args.errors:
            for error in errors:
                print(f"  {folder.name:8s} " + " | ".join(str(x) for x in error))
        print(f"{folder.name:9s} ({len(golds)} files)  {sub.line()}  "
              f"ms/article median {statistics.median(times):.2f}")
        print(f"{'  baseline':9s}            {sub_base.line()}")
        figures[folder.name] = dict(sub.figures(), errors=dict(Counter(error[0] for error in errors)),
                                    spacy_entities_alone=sub_base.figures())
        overall.add(sub)
        overall_base.add(sub_base)
        all_times.extend(times)
    print(f"{'overall':9s} ({len(all_times)} files)  {overall.line()}  "
          f"ms/article median {statistics.median(all_times):.2f} (mean {statistics.mean(all_times):.2f})")
    print(f"{'  baseline':9s}            {overall_base.line()}  (spaCy DATE/TIME entities alone)")
    errors = sum((Counter(f["errors"]) for f in figures.values()), Counter())
    figures["overall"] = dict(overall.figures(), errors=dict(errors), spacy_entities_alone=overall_base.figures())
    record("timeline", "TimeBank 1.2 and AQUAINT (TempEval-3 release)", figures, partial=bool(args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
