"""Extraction in worker processes that may die: a dead worker costs its articles a retry, never a hang.

A worker can be killed under the run (the out-of-memory killer, a user's
``kill``). A ``multiprocessing.Pool`` then waits for ever for the lost chunk;
a ``ProcessPoolExecutor`` notices and fails every unfinished task instead.
The chunks that had not finished are then retried once, each in a fresh
process of its own; a chunk that kills that one too is retried article by
article, and an article whose process still dies is skipped with a one-line
message saying so. The other articles keep their tables, in input order.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator

DIED = ("the worker process extracting it died (killed, perhaps for lack of memory); skipped after a retry "
        "(the limits in helpers.limits bound what one article may cost)")


def process_context():
    """'fork' where there is one (workers inherit the loaded pipeline), else 'spawn'."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def run_chunks(chunks: list[list], work: Callable[[list], list], died: Callable[[object], object],
               n_process: int) -> Iterator:
    """Yield ``work(chunk)``'s results chunk after chunk, in order, with ``n_process`` workers.

    ``died(item)`` makes the result of an item whose process died on the retry.
    """
    unfinished: list[int] = []
    with ProcessPoolExecutor(n_process, mp_context=process_context()) as pool:
        futures = [pool.submit(work, chunk) for chunk in chunks]
        for index, future in enumerate(futures):
            if unfinished:                 # the pool broke: what is left is retried below
                unfinished.append(index)
                continue
            try:
                yield from future.result()
            except BrokenProcessPool:
                unfinished.append(index)
    for index in unfinished:
        yield from _retry_alone(chunks[index], work, died)


def _retry_alone(chunk: list, work: Callable[[list], list], died: Callable[[object], object]) -> list:
    """A chunk's results from a process of its own; if that dies too, each item alone, else ``died(item)``."""
    try:
        return _in_own_process(work, chunk)
    except BrokenProcessPool:
        if len(chunk) == 1:
            return [died(chunk[0])]
    results = []
    for item in chunk:
        try:
            results.extend(_in_own_process(work, [item]))
        except BrokenProcessPool:
            results.append(died(item))
    return results


def _in_own_process(work: Callable[[list], list], chunk: list) -> list:
    with ProcessPoolExecutor(1, mp_context=process_context()) as pool:
        return pool.submit(work, chunk).result()
