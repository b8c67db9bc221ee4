"""The project's spaCy pipeline: the chosen model plus the actor dictionary's EntityRuler.

Kept apart from ``nlp.load_model`` (the bare model) so that benchmarks can
compare the two in one run, and rebuilt only when the model or the dictionary
changes. ``signature`` names the same pipeline without building it (nor
importing spaCy), for the cache to look results up.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from . import actors
from .corrections import Corrections, load_corrections
from .nlp import ModelError, adjust_tokenizer, model_name, model_version

if TYPE_CHECKING:
    from spacy.language import Language


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
        """Model, spaCy and dictionary versions and the corrections: part of the cache key (as ``signature()``)."""
        return f"{model_version(self.model)}+dict-{self.dictionary.fingerprint}+fix-{self.corrections.fingerprint}"


def signature(model: str | None = None, dictionary_path=None) -> str:
    """The signature of the pipeline ``get_pipeline`` would build, read from package metadata without building it."""
    return (f"{model_version(model)}+dict-{actors.dictionary_fingerprint(dictionary_path)}"
            f"+fix-{load_corrections().fingerprint}")


def get_pipeline(model: str | None = None, dictionary_path=None) -> Pipeline:
    """The pipeline for a model name (default: see helpers.nlp), reusing one already built.

    The reader's corrections (see helpers.corrections) are read anew each time, so an edit shows on the next run.
    """
    dictionary = actors.load_dictionary(dictionary_path)
    pipeline = _build(model_name(model), dictionary, str(dictionary_path) if dictionary_path else None)
    return replace(pipeline, corrections=load_corrections())


@lru_cache(maxsize=4)
def _build(name: str, dictionary: actors.ActorDictionary, dictionary_path: str | None) -> Pipeline:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {error}") from None
    adjust_tokenizer(nlp)
    actors.add_dictionary_ruler(nlp, dictionary)
    return Pipeline(nlp, dictionary, name, dictionary_path)
