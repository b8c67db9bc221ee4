"""A corpus: the articles of a folder and the six tables built from them.

    corpus = load_corpus("data/articles")
    corpus.actors        # a pandas DataFrame, one row per actor across the corpus

Bad files are reported in ``corpus.errors`` (one line each) and skipped; the
tables are built once, on first use, for all the good articles together, so
that one real actor has one ``actor_id`` across the corpus. spaCy and the
pipeline are loaded only when some article is not in the cache.
"""
from __future__ import annotations

import html
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import pandas as pd

from .articles import RECORD_SUFFIXES, Article, ArticleError, iter_article_paths, load_article, web_link
from .cache import ResultCache, cache_dir
from .corrections import correct_actor_rows, load_corrections
from .pipeline import signature
from .records import field_mapping, read_records
from .results import ArticleResult
from .tables import TABLE_NAMES, make_table, write_tables


class Corpus:
    """Articles plus their tables; see the module docstring."""

    def __init__(self, documents: list[Article], errors: list[str] | None = None,
                 model: str | None = None, progress: bool | None = None, dictionary: str | Path | None = None,
                 cache: str | Path | bool | None = None, n_process: int = 1, dask_client=None):
        self.documents = documents
        self.errors = list(errors or [])
        self.model = model
        self.progress = progress
        self.dictionary = dictionary
        self.cache = cache
        self.n_process = n_process
        self.dask_client = dask_client
        self.stats: dict[str, int] = {}
        self._tables: dict[str, pd.DataFrame] | None = None

    # the six tables
    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        if self._tables is None:
            self._tables = self._build_tables()
        return self._tables

    articles = property(lambda self: self.tables["articles"], doc="One row per article read.")
    mentions = property(lambda self: self.tables["mentions"], doc="One row per actor mention.")
    actors = property(lambda self: self.tables["actors"], doc="One row per actor across the corpus.")
    claims = property(lambda self: self.tables["claims"], doc="One row per claim, attributed or not.")
    timeline = property(lambda self: self.tables["timeline"], doc="One row per temporal expression.")
    relations = property(lambda self: self.tables["relations"], doc="One row per relation between actors.")

    def select(self, article_ids: Iterable[str]) -> "Corpus":
        """A corpus of some of these articles (by id), e.g. to read one article on its own."""
        wanted = list(article_ids)
        known = {d.article_id for d in self.documents}
        missing = [a for a in wanted if a not in known]
        if missing:
            raise KeyError(f"no article with id {', '.join(missing)}; the ids are: {', '.join(sorted(known))}")
        documents = [d for d in self.documents if d.article_id in wanted]
        return Corpus(documents, self.errors, model=self.model, progress=self.progress, dictionary=self.dictionary,
                      cache=self.cache, n_process=self.n_process, dask_client=self.dask_client)

    def body(self, article_id: str) -> str:
        """The body text of one article, which every offset in the tables indexes."""
        for document in self.documents:
            if document.article_id == article_id:
                return document.body
        raise KeyError(article_id)

    def save(self, out_dir: str | Path, formats=("csv",)) -> list[Path]:
        """Write the six tables to a folder (atomically, file by file)."""
        return write_tables(self.tables, out_dir, formats)

    def _build_tables(self) -> dict[str, pd.DataFrame]:
        store = self._result_cache()
        found = {}
        todo = []
        for document in self.documents:
            hit = store.get(document) if store else None
            if hit is None:
                todo.append(document)
            else:
                found[document.article_id] = hit
        by_id = {d.article_id: d for d in todo}
        results = self._extract(todo) if todo else iter(())
        for result in _with_progress(results, len(todo), self.progress):
            if result.error:
                self.errors.append(result.error)
                print(result.error, file=sys.stderr)
                continue
            found[result.article_id] = result
            if store:
                store.put(by_id[result.article_id], result)
        self.stats = {"articles": len(self.documents), "from_cache": len(self.documents) - len(todo),
                      "extracted": len(todo), "broken_cache_entries": len(store.rebuilt) if store else 0}
        return assemble_tables([found[d.article_id] for d in self.documents if d.article_id in found])

    def _extract(self, documents: list[Article]):
        """Extract articles not in the cache: here the pipeline is loaded (on a cluster, by its workers)."""
        if self.dask_client is not None:
            from .distributed import extract_with_dask

            return iter(extract_with_dask(documents, self.dask_client, model=self.model, dictionary=self.dictionary))
        from .extract import extract_articles
        from .pipeline import get_pipeline

        return extract_articles(documents, get_pipeline(self.model, self.dictionary), n_process=self.n_process)

    def _result_cache(self):
        if self.cache is False:
            return None
        folder = cache_dir(None if self.cache in (None, True) else self.cache)
        return ResultCache(folder, signature(self.model, self.dictionary)) if folder else None

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return f"<Corpus: {len(self.documents)} articles, {len(self.errors)} unreadable>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(d.article_id)}</td><td>{linked_title(d.title, d.url)}</td>"
            f"<td>{html.escape(d.outlet)}</td><td>{d.published or ''}</td><td>{d.n_words}</td></tr>"
            for d in self.documents)
        errors = "".join(f"<li>{html.escape(e)}</li>" for e in self.errors)
        return (f"<p><b>Corpus</b>: {len(self.documents)} articles"
                f"{f', {len(self.errors)} unreadable' if self.errors else ''}</p>"
                "<table><tr><th>article</th><th>title</th><th>outlet</th><th>published</th><th>words</th></tr>"
                f"{rows}</table>" + (f"<ul>{errors}</ul>" if errors else ""))


def load_corpus(sources: str | Path | Iterable[str | Path], model: str | None = None,
                progress: bool | None = None, dictionary: str | Path | None = None,
                cache: str | Path | bool | None = None, n_process: int = 1, dask_client=None,
                fields: dict | None = None) -> Corpus:
    """Read every article under the given folders or files; bad files and records are reported and skipped.

    A source is an article file (.md, .txt, .html), a corpus file (.jsonl,
    .csv: one article per record, read through the ``fields`` mapping, see
    helpers.records), or a folder holding any mix of them. ``model`` names the
    spaCy pipeline and ``dictionary`` the actor dictionary (default:
    helpers/data/curation/actors.yaml). ``cache`` is a folder for per-article results,
    False for none, or None for the default (see helpers.cache).
    ``n_process`` > 1 extracts in that many processes; ``dask_client`` (a
    dask.distributed Client) extracts on a Dask cluster instead. Two articles
    with one id are both reported and the later one skipped, never merged.
    """
    field_mapping(fields)  # a wrong mapping is the caller's error, raised before anything is read
    documents, errors, seen = [], [], {}

    def report(error: ArticleError) -> None:
        errors.append(str(error))
        print(error, file=sys.stderr)

    for path in iter_article_paths(sources, on_error=report):
        for article in _read_source(path, fields):
            if isinstance(article, ArticleError):
                report(article)
            elif article.article_id in seen:
                report(ArticleError(article.location, f"same article id {article.article_id!r} as "
                                                      f"{seen[article.article_id]}; skipped"))
            else:
                seen[article.article_id] = article.location
                documents.append(article)
    return Corpus(documents, errors, model=model, progress=progress, dictionary=dictionary,
                  cache=cache, n_process=n_process, dask_client=dask_client)


def _read_source(path: Path, fields: dict | None) -> Iterable[Article | ArticleError]:
    """The articles (or the errors) of one input file: every record of a corpus file, else the one article."""
    if path.suffix.lower() in RECORD_SUFFIXES:
        return read_records(path, fields)
    try:
        return [load_article(path)]
    except ArticleError as error:
        return [error]


def linked_title(title: str, url: str) -> str:
    """An article's title as escaped HTML, a link to its URL when it has a web address (see articles.web_link)."""
    text = html.escape(title or url or "")
    link = web_link(url)
    if not link:
        return text
    return f'<a href="{html.escape(link, quote=True)}" rel="noopener noreferrer">{text}</a>'


def _with_progress(results, total: int, progress: bool | None):
    """A tqdm progress bar over results, shown for more than a few articles unless turned off."""
    if progress is False or (progress is None and total <= 5):
        return results
    from tqdm.auto import tqdm

    return tqdm(results, total=total, desc="articles", unit="article")


# ---------------------------------------------------------------- assembling

def assemble_tables(results: list[ArticleResult]) -> dict[str, pd.DataFrame]:
    """Join per-article rows into the six corpus tables, merging actor ids across articles."""
    rows = {name: [row for result in results for row in result.tables.get(name, [])] for name in TABLE_NAMES}
    remap = _corpus_actor_remap(rows["actors"])
    for name, columns in (("mentions", ["actor_id"]), ("claims", ["speaker_actor_id", "via_actor_id"]),
                          ("relations", ["source_actor_id", "target_actor_id"])):
        for row in rows[name]:
            for column in columns:
                if row.get(column):
                    row[column] = remap.get(row[column], row[column])
    rows["actors"] = _merge_actor_rows(rows["actors"], remap, rows["relations"])
    correct_actor_rows(rows["actors"], load_corrections())
    return {name: make_table(name, rows[name]) for name in TABLE_NAMES}


def _corpus_actor_remap(actor_rows: list[dict]) -> dict[str, str]:
    """Map an article-level actor id to a fuller one elsewhere in the corpus that shares all its names.

    'Assad' alone in one article joins 'Bashar al-Assad' from another when
    exactly one fuller actor in the corpus was also called 'Assad'.
    """
    from .actors import name_key

    names_of = defaultdict(set)
    kinds = {}
    for row in actor_rows:
        if row.get("generic"):
            continue   # 'the police' of one story is not the 'Israeli police' of another
        names_of[row["actor_id"]].update(name_key(a) for a in row["aliases"].split(";"))
        kinds.setdefault(row["actor_id"], row["kind"])
    owners = defaultdict(set)
    for actor_id, names in names_of.items():
        for name in names:
            owners[name].add(actor_id)
    remap = {}
    for actor_id, names in names_of.items():
        candidates = set.intersection(*(owners[n] - {actor_id} for n in names)) if names else set()
        candidates = {c for c in candidates if len(names_of[c]) > len(names) and kinds[c] == kinds[actor_id]}
        if len(candidates) == 1:
            remap[actor_id] = candidates.pop()
    return remap


def _merge_actor_rows(actor_rows: list[dict], remap: dict[str, str], relation_rows: list[dict]) -> list[dict]:
    """One row per corpus actor: names, kinds voted over articles, affiliations from the dictionary or the text."""
    merged: dict[str, dict] = {}
    for row in actor_rows:
        actor_id = remap.get(row["actor_id"], row["actor_id"])
        row = dict(row, actor_id=actor_id)
        if actor_id not in merged:
            merged[actor_id] = dict(row, kind_votes=Counter(row.get("kind_votes", {})))
            continue
        target = merged[actor_id]
        target["aliases"] = ";".join(dict.fromkeys(target["aliases"].split(";") + row["aliases"].split(";")))
        target["n_mentions"] += row["n_mentions"]
        target["articles"] = ";".join(dict.fromkeys(target["articles"].split(";") + [row["articles"]]))
        target["kind_votes"].update(row.get("kind_votes", {}))
        if row.get("role") and not target.get("role"):
            target["role"], target["member_of"] = row["role"], row.get("member_of", "")
        if len(row["name"]) > len(target["name"]) and not target.get("description"):
            target["name"] = row["name"]
    for row in merged.values():
        votes = row.pop("kind_votes")
        row.pop("generic", None)
        if not row.pop("in_dictionary", False) and votes:
            row["kind"] = votes.most_common(1)[0][0]
    text_affiliation = _affiliations_from_relations(relation_rows, {a: row["kind"] for a, row in merged.items()})
    for actor_id, row in merged.items():
        if row.get("member_of"):
            row["member_of"] = remap.get(row["member_of"], row["member_of"])
        if not row.get("affiliation"):
            row["affiliation"] = row.get("member_of") or text_affiliation.get(actor_id, "")
    return sorted(merged.values(), key=lambda r: (-r["n_mentions"], r["actor_id"]))


def _affiliations_from_relations(relation_rows: list[dict], kinds: dict[str, str] | None = None) -> dict[str, str]:
    """An actor's affiliation from the text: the group it leads or belongs to, most often stated.

    Control of territory ('ISIS-held Mosul', a ``controls`` row) is no
    affiliation, and neither is any tie to or from a place (``kinds``: actor id
    -> kind, by default the curated dictionary's) or to something that is no actor.
    """
    from .relations import dictionary_kinds, is_control_of_place

    kinds = dictionary_kinds() if kinds is None else kinds
    counts = defaultdict(Counter)
    for row in relation_rows:
        if row["relation"] not in ("leads", "member_of") or row.get("certainty") not in ("asserted", "reported"):
            continue
        if not row.get("source_actor_id") or not row.get("target_actor_id"):
            continue
        if is_control_of_place(row) or "place" in (kinds.get(row["source_actor_id"]), kinds.get(row["target_actor_id"])):
            continue
        counts[row["source_actor_id"]][row["target_actor_id"]] += 1
    return {actor: targets.most_common(1)[0][0] for actor, targets in counts.items()}
