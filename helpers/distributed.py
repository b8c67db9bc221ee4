"""Extraction on a Dask cluster: the same tables as a local run, computed by the cluster's workers.

Start a scheduler and workers (each worker needs this project installed, e.g.
``pip install -r requirements.txt`` in the same layout)::

    dask scheduler                                   # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nthreads 1 --nworkers 2   # on each machine

then::

    from dask.distributed import Client
    corpus = load_corpus("data/articles", dask_client=Client("tcp://HOST:8786"))

or ``python -m helpers extract data/articles --out DIR --scheduler tcp://HOST:8786``.
Articles go to the workers in chunks; each worker process loads the spaCy
pipeline once (it is cached per process) and sends back only table rows.
"""
from __future__ import annotations

from .articles import Article
from .extract import ArticleResult, extract_chunk


def extract_with_dask(articles: list[Article], client, model: str | None = None, dictionary=None,
                      chunk_size: int = 16) -> list[ArticleResult]:
    """Extract articles on the cluster behind a dask.distributed Client (or a scheduler address), in input order."""
    from dask.distributed import Client

    own_client = isinstance(client, str)
    if own_client:
        client = Client(client)
    try:
        chunks = [articles[i:i + chunk_size] for i in range(0, len(articles), chunk_size)]
        dictionary = str(dictionary) if dictionary else None
        futures = client.map(extract_chunk, chunks, model=model, dictionary=dictionary, pure=False)
        return [result for chunk in client.gather(futures) for result in chunk]
    finally:
        if own_client:
            client.close()
