"""The project's spaCy pipeline: the chosen model plus the actor dictionary's EntityRuler.

Kept apart from ``nlp.load_model`` (the bare model) so that benchmarks can
compare the two in one run, and rebuilt only when the model or the dictionary
changes.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language

from . import actors
from .corrections import Corrections, load_corrections
from .nlp import ModelError, model_name, adjust_tokenizer


@dataclass(frozen=True)
class Pipeline:
    """What extraction needs besides the text: the spaCy pipeline and the curated knowledge."""

    nlp: Language
    dictionary: actors.ActorDictionary
    model: str
    dictionary_path: str | None = None
    corrections: Corrections = Corrections()

    @property
    def signature(self) -> str:
        """Model name and version plus the dictionary's and the corrections' fingerprints: part of the cache key."""
        meta = self.nlp.meta
        return (f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}+dict-{self.dictionary.fingerprint}"
                f"+fix-{self.corrections.fingerprint}")


def get_pipeline(model: str | None = None, dictionary_path=None) -> Pipeline:
    """The pipeline for a model name (default: see helpers.nlp), reusing one already built.

    The reader's corrections (see helpers.corrections) are read anew each time, so an edit shows on the next run.
    """
    dictionary = actors.load_dictionary(dictionary_path)
    pipeline = _build(model_name(model), dictionary, str(dictionary_path) if dictionary_path else None)
    return replace(pipeline, corrections=load_corrections())


@lru_cache(maxsize=4)
def _build(name: str, dictionary: actors.ActorDictionary, dictionary_path: str | None) -> Pipeline:
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {error}") from None
    adjust_tokenizer(nlp)
    actors.add_dictionary_ruler(nlp, dictionary)
    return Pipeline(nlp, dictionary, name, dictionary_path)
