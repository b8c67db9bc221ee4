"""Relation constructions kept as data: spaCy ``DependencyMatcher`` patterns in ``helpers/data/relations/*.yaml``.

Each pattern file holds a list under ``patterns``; each pattern names

- ``id``: unique across the files, the name tests and errors use;
- ``relation``: a relation of the schema (``member_of``, ``criticizes``...), or ``nouns`` / ``verbs``
  (a key of the trigger lexicon ``helpers/data/lexicons/relations.yaml``): the trigger token's lemma there gives it;
- ``source``, ``target``, ``trigger``: which of the pattern's tokens (its ``RIGHT_ID`` names) are the
  relation's two ends and the word it is read from (its certainty is read around the trigger);
- ``words`` (optional): token name -> a shared vocabulary the token's lemma must be in, as
  ``actors.KEY`` (the actor cue lexicon) or ``relations.KEY`` (the trigger lexicon), so that no word
  list is written twice;
- ``pattern``: the ``DependencyMatcher`` pattern (a list of ``RIGHT_ID`` / ``RIGHT_ATTRS`` /
  ``LEFT_ID`` / ``REL_OP`` dicts, as in spaCy's documentation);
- ``examples``: sentences it must produce, each with the ``source`` and ``target`` texts of the row;
  ``counter_examples``: sentences where it must produce nothing. Both run as tests
  (tests/test_relation_patterns.py), and are written for the project, never taken from a corpus.

What patterns cannot say stays in code: each end spreads over its conjuncts and lists ("X and Y"),
is resolved to an actor through ``ends.actor_of``, and the row gets its certainty from the clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

from .schema import Candidate
from .tokens import _conjoined
from . import arguments, ends

LEXICON_RELATIONS = ("nouns", "verbs", "person_roles")   # a pattern may take its relation from these trigger lexicon keys
REQUIRED = ("id", "relation", "source", "target", "trigger", "pattern", "examples")


@dataclass(frozen=True)
class Pattern:
    """One construction: its matcher pattern, the roles of its tokens, and the sentences it must (not) match."""

    id: str
    relation: str
    source: str
    target: str
    trigger: str
    pattern: tuple
    words: tuple = ()              # (token name, "actors.KEY" or "relations.KEY")
    nationalities: tuple = ()      # token names of nationality words that stand for their state ("Turkish")
    examples: tuple = ()           # ({"text", "source", "target"}, ...)
    counter_examples: tuple = ()   # (text, ...)
    file: str = ""


def patterns_folder():
    """The folder of pattern files, shipped inside the package (``helpers/data/relations``)."""
    return files("helpers") / "data" / "relations"


@lru_cache(maxsize=2)
def load_patterns(folder: str | None = None) -> tuple[Pattern, ...]:
    """Every pattern of every ``*.yaml`` file in the folder (default: the package's), checked.

    A file that is not valid YAML, or a pattern missing a key, naming a relation the schema does not
    know or a role its tokens do not have, raises ``ValueError`` naming the file and the pattern.
    """
    from .schema import load_lexicon

    relations = set(load_lexicon()["relation_specs"])
    root = patterns_folder() if folder is None else _Folder(folder)
    found, seen = [], set()
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ValueError(f"{entry.name}: not valid YAML ({error})") from None
        for raw in data.get("patterns") or []:
            found.append(_checked(raw, entry.name, relations, seen))
    return tuple(found)


def _checked(raw, file: str, relations: set, seen: set) -> Pattern:
    name = raw.get("id", "?") if isinstance(raw, dict) else "?"
    where = f"{file}: pattern {name}"
    if not isinstance(raw, dict) or any(key not in raw for key in REQUIRED):
        raise ValueError(f"{where}: needs the keys {', '.join(REQUIRED)}")
    if name in seen:
        raise ValueError(f"{where}: the id is used twice")
    seen.add(name)
    if raw["relation"] not in relations and raw["relation"] not in LEXICON_RELATIONS:
        raise ValueError(f"{where}: unknown relation {raw['relation']!r}")
    names = [step.get("RIGHT_ID") for step in raw["pattern"] if isinstance(step, dict)]
    if len(names) != len(raw["pattern"]) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{where}: every step needs a RIGHT_ID name (quote words YAML reads as booleans: 'on', 'no')")
    words = dict(raw.get("words") or {})
    nationalities = tuple(raw.get("nationalities") or ())
    for role in [raw["source"], raw["target"], raw["trigger"], *words, *nationalities]:
        if role not in names:
            raise ValueError(f"{where}: no token named {role!r} in its pattern")
    for vocabulary in words.values():
        if str(vocabulary).split(".")[0] not in ("actors", "relations"):
            raise ValueError(f"{where}: vocabulary {vocabulary!r} is neither actors.KEY nor relations.KEY")
    try:
        from spacy.matcher import DependencyMatcher   # here, not at import: a warm run never imports spaCy
        from spacy.vocab import Vocab

        DependencyMatcher(Vocab()).add(name, [list(raw["pattern"])])
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError(f"{where}: spaCy rejects the pattern ({error})") from None
    examples = tuple(raw.get("examples") or ())
    if not examples or any(not isinstance(e, dict) or not {"text", "source", "target"} <= set(e) for e in examples):
        raise ValueError(f"{where}: each example needs text, source and target")
    return Pattern(id=name, relation=raw["relation"], source=raw["source"], target=raw["target"],
                   trigger=raw["trigger"], pattern=tuple(raw["pattern"]), words=tuple(words.items()), nationalities=nationalities,
                   examples=examples, counter_examples=tuple(raw.get("counter_examples") or ()), file=file)


class _Folder:
    """A plain folder with the two methods of an importlib resource the loader uses."""

    def __init__(self, path: str):
        from pathlib import Path

        self.path = Path(path)

    def iterdir(self):
        return self.path.iterdir()


_MATCHERS: dict = {}


def _matcher(vocab, patterns: tuple[Pattern, ...]):
    """One matcher per vocabulary and set of patterns, built once."""
    key = (id(vocab), tuple(p.id for p in patterns))
    if key not in _MATCHERS:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        from spacy.matcher import DependencyMatcher

        matcher = DependencyMatcher(vocab)
        for pattern in patterns:
            matcher.add(pattern.id, [list(pattern.pattern)])
        _MATCHERS[key] = (vocab, matcher)   # the vocab kept alive, so that its id is not reused
    return _MATCHERS[key][1]


@lru_cache(maxsize=1)
def _actor_cues() -> dict:
    from ..actors import load_lexicon

    return load_lexicon()


def _vocabulary(ctx, reference: str) -> set | dict:
    source, key = reference.split(".", 1)
    return (_actor_cues() if source == "actors" else ctx.lex).get(key) or set()


def pattern_relations(ctx, patterns: tuple[Pattern, ...] | None = None) -> list[Candidate]:
    """Every relation the article's sentences give by one of the patterns (each candidate names its pattern)."""
    patterns = load_patterns() if patterns is None else patterns
    if not patterns:
        return []
    by_id = {p.id: p for p in patterns}
    found = []
    for match_id, token_ids in _matcher(ctx.doc.vocab, patterns)(ctx.doc):
        pattern = by_id[ctx.doc.vocab.strings[match_id]]
        tokens = {step["RIGHT_ID"]: ctx.doc[i] for step, i in zip(pattern.pattern, token_ids)}
        if not all(tokens[name].lemma_.lower() in _vocabulary(ctx, ref) for name, ref in pattern.words):
            continue
        trigger = _trigger(ctx, pattern, tokens[pattern.trigger])
        if trigger is None:
            continue
        anchor = tokens[pattern.trigger]
        for source in _ends(ctx, pattern, pattern.source, tokens):
            for target in _ends(ctx, pattern, pattern.target, tokens):
                for candidate in _candidates(ctx, source, target, trigger, anchor):
                    candidate.rule = pattern.id
                    found.append(candidate)
    return found


def _ends(ctx, pattern: Pattern, role: str, tokens: dict) -> list:
    """The tokens one end spreads over ('X and Y'), or the state a nationality word stands for (a mention)."""
    if role in pattern.nationalities:
        state = ends.state_of_nationality(ctx, tokens[role])
        return [] if state is None else [state]
    return _conjoined(tokens[role])


def _candidates(ctx, source, target, trigger, anchor) -> list[Candidate]:
    """Candidates between two ends, each a token (resolved through the arguments module) or a resolved mention."""
    if hasattr(source, "i") and hasattr(target, "i"):
        return arguments.candidates(ctx, source, target, trigger, anchor)
    if hasattr(target, "i"):
        return arguments.candidates(ctx, source, target, trigger, anchor, source_is_token=False)
    other = arguments.participant_of(ctx, source) if hasattr(source, "i") else source
    return [] if other is None else [Candidate(other, target, trigger, anchor)]


def _trigger(ctx, pattern: Pattern, token):
    """The trigger a match gives: the pattern's relation, or the trigger word's entry in the lexicon."""
    if pattern.relation == "person_roles":   # "Prime Minister": the phrase first, then the word
        before = token.doc[token.i - 1] if token.i > 0 else None
        phrase = f"{before.lower_} {token.lower_}" if before is not None else ""
        found = ctx.lex["role_phrases"].get(phrase) or ctx.lex["person_roles"].get(token.lemma_.lower())
        return None if found is None else found.renamed(token.lower_)
    if pattern.relation in LEXICON_RELATIONS:
        lemma = ctx.lex["irregular_forms"].get(token.lower_, token.lemma_.lower())
        found = ctx.lex[pattern.relation].get(lemma)
        return None if found is None else found.renamed(token.lower_)
    return ctx.lex["relation_triggers"][pattern.relation].renamed(token.lower_)
