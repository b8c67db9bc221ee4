"""The reader's corrections: merge two actors, rename one, or fix its kind, applied on the next run.

The file is ``data/curation/corrections.yaml`` in the project (or the path in
the ``CONFLICT_NEWS_CORRECTIONS`` environment variable, which ``python -m
helpers extract --corrections PATH`` sets). It is the reader's own file: the
tools read it and never write it. Each section is optional::

    merge:            # names or actor ids of one party; the first one is kept
      - [Popular Mobilization Forces, Hashid al-Shaabi]
    rename:           # actor id or name -> the name the tables show
      isis: Islamic State
    kind:             # actor id or name -> one of the actor kinds
      Kurecik: place

Names match any name the article gives the actor (case and curly quotes
aside), so "Hashid al-Shaabi" merges wherever an article writes it. The
corrections are part of the cache key: editing them rebuilds the results.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .actors import KINDS, QUOTE_FOLD, ActorDictionary, Mention, slugify

CORRECTIONS_ENV = "CONFLICT_NEWS_CORRECTIONS"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "curation" / "corrections.yaml"
SECTIONS = ("merge", "rename", "kind")


@dataclass(frozen=True)
class Corrections:
    """The reader's corrections, keyed by folded name or actor id."""
    merges: dict[str, str] = field(default_factory=dict)   # name or id -> the name or id it joins
    renames: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    fingerprint: str = "none"

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __bool__(self) -> bool:
        return bool(self.merges or self.renames or self.kinds)


def fold(name: str) -> str:
    """A name as corrections match it: case, curly quotes and spacing aside."""
    return " ".join(str(name).translate(QUOTE_FOLD).lower().split())


def corrections_path(path: str | Path | None = None) -> Path:
    """The corrections file to read: the one given, else the environment's, else the project's."""
    return Path(path or os.environ.get(CORRECTIONS_ENV) or DEFAULT_PATH)


def load_corrections(path: str | Path | None = None) -> Corrections:
    """Read the corrections file; a missing file means no corrections, a broken one a one-line ValueError."""
    where = corrections_path(path)
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        return Corrections()
    except OSError as error:
        raise ValueError(f"{where}: cannot read the corrections ({error.strerror or error})") from None
    return _parse(raw, str(where))


def _parse(raw: bytes, where: str) -> Corrections:
    try:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValueError(f"{where}: not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict) or set(data) - set(SECTIONS):
        raise ValueError(f"{where}: the corrections are a mapping with the sections {', '.join(SECTIONS)}")
    merges = {}
    for group in data.get("merge") or []:
        if not isinstance(group, list) or len(group) < 2:
            raise ValueError(f"{where}: each merge is a list of two or more names: {str(group)[:80]}")
        for name in group[1:]:
            merges[fold(name)] = str(group[0])
    renames = _mapping(data.get("rename"), where, "rename")
    kinds = _mapping(data.get("kind"), where, "kind")
    for name, kind in kinds.items():
        if kind not in KINDS:
            raise ValueError(f"{where}: kind of {name!r} is {kind!r}, not one of {', '.join(KINDS)}")
    return Corrections(merges, renames, kinds, hashlib.sha256(raw).hexdigest()[:16])


def _mapping(section, where: str, name: str) -> dict[str, str]:
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ValueError(f"{where}: '{name}' maps an actor id or name to its new {name}")
    return {fold(key): str(value) for key, value in section.items()}


def merge_mentions(mentions: list[Mention], corrections: Corrections, dictionary: ActorDictionary) -> None:
    """Give every mention of a merged actor the id of the actor it joins ('merge: [A, B]': B's mentions become A's)."""
    if not corrections.merges:
        return
    names_of = _names_by_actor(mentions)
    for actor_id, names in names_of.items():
        target = next((corrections.merges[key] for key in [actor_id, *names] if key in corrections.merges), None)
        if target is None:
            continue
        target_id = _actor_id_for(target, mentions, dictionary)
        for mention in mentions:
            if mention.actor_id == actor_id:
                mention.actor_id = target_id


def _names_by_actor(mentions: list[Mention]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for mention in mentions:
        if mention.label != "PRON":
            names.setdefault(mention.actor_id, []).append(fold(mention.text))
    return names


def _actor_id_for(name: str, mentions: list[Mention], dictionary: ActorDictionary) -> str:
    """The id a merge target stands for: a dictionary id or name, else an actor of the article, else its slug."""
    if name in dictionary.entries:
        return name
    folded = fold(name)
    for actor_id, entry in dictionary.entries.items():
        if fold(entry["name"]) == folded or folded in (fold(a) for a in entry["aliases"]):
            return actor_id
    for actor_id, names in _names_by_actor(mentions).items():
        if folded == actor_id or folded in names:
            return actor_id
    return slugify(name)


def correct_actor_rows(rows: list[dict], corrections: Corrections) -> None:
    """Apply the renames and kind fixes to actor rows (matched by id, name or any alias).

    Run on each article's rows, and again on the corpus's, where names and
    kinds are voted over articles.
    """
    if not (corrections.renames or corrections.kinds):
        return
    for row in rows:
        keys = [row["actor_id"], fold(row["name"]), *(fold(a) for a in str(row.get("aliases") or "").split(";") if a)]
        rename = next((corrections.renames[k] for k in keys if k in corrections.renames), None)
        kind = next((corrections.kinds[k] for k in keys if k in corrections.kinds), None)
        if rename:
            row["name"] = rename
        if kind:
            row["kind"] = kind
