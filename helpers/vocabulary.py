"""The one loader of the tools' knowledge: the shared vocabulary, each module's lexicon, the curation files.

Everything lives inside the package, under ``helpers/data/`` (read with
``importlib.resources``, so an installed wheel finds it as a checkout does):

- ``vocabulary.yaml``: words more than one module reads (titles and roles,
  verbs of saying, hedges, negation), each defined once;
- ``lexicons/NAME.yaml``: the words only one module reads (actors,
  attribution, relations, timex);
- ``curation/*.yaml``: curated knowledge (the actor dictionary, seats of
  government).

Every file is read with ``yaml.safe_load``; a broken one stops with a one-line
error naming it. ``fingerprint()`` hashes all of them, for the cache key.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

import yaml

VOCABULARY = "vocabulary.yaml"


def data_file(*parts: str) -> Traversable:
    """A file of the package's data folder (``helpers/data/...``)."""
    return files("helpers").joinpath("data", *parts)


def read_yaml(*parts: str):
    """The parsed content of a data file, or a one-line ``ValueError`` naming it and the reason."""
    resource = data_file(*parts)
    try:
        # libyaml's safe loader where PyYAML has it: the same safe subset, read ten times faster (warm runs read these)
        return yaml.load(resource.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{resource}: cannot read the data file ({error})") from None
    except yaml.YAMLError as error:
        raise ValueError(f"{resource}: not valid YAML ({str(error).splitlines()[0]})") from None


def words(values) -> frozenset[str]:
    """A YAML list as a set of lower-case words (a YAML ``no`` read as False becomes 'no' again)."""
    return frozenset(word_list(values))


def word_list(values) -> list[str]:
    """A YAML list as lower-case words, in the file's order."""
    return [_word(v) for v in values or [] if v is not None]


def _word(value) -> str:
    if value is False:
        return "no"
    if value is True:
        return "yes"
    return str(value).lower().strip()


@dataclass(frozen=True)
class Vocabulary:
    """The shared words, typed (see ``helpers/data/vocabulary.yaml`` for what each is)."""
    titles: frozenset[str]
    person_roles: dict[str, str | None]   # role noun -> the relation it says to its body, or None
    speech_verbs: frozenset[str]
    speech_verb_forms: frozenset[str]
    hedge_words: frozenset[str]
    reported_words: frozenset[str]
    hedge_modals: frozenset[str]
    negation_words: frozenset[str]

    @property
    def role_words(self) -> frozenset[str]:
        """Every noun that names a person by a role."""
        return frozenset(self.person_roles)

    @cached_property
    def person_nouns(self) -> frozenset[str]:
        """The role nouns and the titles: every word that says a person holds a position ('envoy', 'Gen.')."""
        return self.role_words | self.titles


SHARED_KEYS = tuple(Vocabulary.__dataclass_fields__)


@lru_cache(maxsize=1)
def shared() -> Vocabulary:
    """The shared vocabulary, read once per process."""
    raw = read_yaml(VOCABULARY) or {}
    missing = [key for key in SHARED_KEYS if key not in raw]
    if missing:
        raise ValueError(f"{data_file(VOCABULARY)}: missing key(s) {', '.join(missing)}")
    roles = raw["person_roles"] or {}
    return Vocabulary(
        titles=words(raw["titles"]),
        person_roles={_word(k): (str(v) if v else None) for k, v in roles.items()},
        **{key: words(raw[key]) for key in SHARED_KEYS if key not in ("titles", "person_roles")},
    )


@lru_cache(maxsize=8)
def lexicon(name: str) -> dict:
    """A module's own lexicon (``lexicons/NAME.yaml``) as parsed YAML; it may not redefine a shared key."""
    raw = read_yaml("lexicons", f"{name}.yaml") or {}
    if not isinstance(raw, dict):
        raise ValueError(f"{data_file('lexicons', name + '.yaml')}: a lexicon is a mapping of keys to words")
    repeated = sorted(set(raw) & set(SHARED_KEYS))
    if repeated:
        raise ValueError(f"{data_file('lexicons', name + '.yaml')}: {', '.join(repeated)} belong in {VOCABULARY}")
    return raw


def data_files() -> list[Traversable]:
    """Every YAML file of the package's data, in a stable order."""
    found = []

    def walk(folder: Traversable, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif item.name.endswith(".yaml"):
                found.append((f"{prefix}{item.name}", item))

    walk(files("helpers").joinpath("data"), "")
    return [item for _, item in found]


def fingerprint() -> str:
    """A hash of every data file: when a word changes, cached results are rebuilt."""
    digest = hashlib.sha256()
    for item in data_files():
        digest.update(item.name.encode())
        digest.update(item.read_bytes())
    return digest.hexdigest()[:16]
