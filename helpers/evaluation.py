"""Reading the annotated corpora in ../shared/corpora for the benchmarks.

Evaluation only: the corpora's texts are read from ../shared at run time and
never copied into the project.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPORA = SHARED / "corpora"


@dataclass
class Re3dDocument:
    """One re3d document with its entity and relation annotations (offsets index ``text``)."""

    folder: str
    doc_id: str
    title: str
    text: str
    entities: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)


def corpus_folder(*parts: str) -> Path:
    """A folder under ../shared/corpora, or SystemExit with a clear message when it is absent."""
    folder = CORPORA.joinpath(*parts)
    if not folder.is_dir():
        raise SystemExit(f"error: {folder} is absent: the benchmarks need ../shared/corpora beside the repository")
    return folder


def json_lines(path: Path) -> list[dict]:
    """The objects of a mongoexport file (re3d), one JSON object per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def read_re3d(limit: int | None = None) -> list[Re3dDocument]:
    """Every re3d document of every folder, with its annotations attached."""
    root = corpus_folder("re3d")
    documents = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        by_id = {}
        for item in json_lines(folder / "documents.json"):
            by_id[item["_id"]] = Re3dDocument(folder.name, item["_id"], item.get("title", ""), item["text"])
        for entity in json_lines(folder / "entities.json"):
            if entity["documentId"] in by_id:
                by_id[entity["documentId"]].entities.append(entity)
        for relation in json_lines(folder / "relations.json"):
            if relation["documentId"] in by_id:
                by_id[relation["documentId"]].relations.append(relation)
        documents.extend(by_id.values())
    return documents[:limit] if limit else documents


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two half-open character spans share at least one character."""
    return a_start < b_end and b_start < a_end


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
