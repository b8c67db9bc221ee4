"""How much one input may cost: every limit of the toolkit, in one place.

Article text is untrusted, so each input is measured before the expensive
step and refused (in one line naming the file and the limit) when it is over:

==========================  ==========  ==================================================
limit                       default     what it bounds
==========================  ==========  ==================================================
``max_file_bytes``          32 MB       an article file or saved web page, read whole
``max_corpus_file_bytes``   2 GB        a JSONL or CSV corpus file, read whole
``max_article_chars``       300,000     an article's body (about 50,000 words: ten long
                                        features); longer ones are refused before parsing
``max_front_matter_chars``  16,384      the YAML front matter (which may hold no aliases)
``parse_piece_chars``       100,000     a long body is parsed in pieces of at most this,
                                        so that the parser's memory is bounded per piece
``article_seconds``         300         the time one article's extraction may take; an
                                        article over it is reported and skipped
``max_cache_entry_bytes``   64 MB       a cache entry; a larger one is not read
==========================  ==========  ==================================================

A user raises a limit for a run with an environment variable, e.g.
``CONFLICT_NEWS_MAX_ARTICLE_CHARS=2000000``, or from Python with
``helpers.limits.configure(max_article_chars=2_000_000)`` (worker processes
started afterwards inherit it). A value of 0 for ``article_seconds`` turns the
time budget off.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

ENV_PREFIX = "CONFLICT_NEWS_"


class LimitError(ValueError):
    """A limit set to something that is not a whole number."""


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 32 * 1024 * 1024
    max_corpus_file_bytes: int = 2 * 1024 * 1024 * 1024
    max_article_chars: int = 300_000
    max_front_matter_chars: int = 16_384
    parse_piece_chars: int = 100_000
    article_seconds: int = 300
    max_cache_entry_bytes: int = 64 * 1024 * 1024


_configured: dict[str, int] = {}


def env_name(limit: str) -> str:
    """The environment variable that sets a limit: ``max_article_chars`` -> ``CONFLICT_NEWS_MAX_ARTICLE_CHARS``."""
    return ENV_PREFIX + limit.upper()


def current() -> Limits:
    """The limits in force: ``configure``'s values, else the environment's, else the defaults."""
    values = {}
    for item in fields(Limits):
        text = os.environ.get(env_name(item.name), "").strip().replace("_", "")
        if text:
            try:
                values[item.name] = max(0, int(text))
            except ValueError:
                raise LimitError(f"{env_name(item.name)}={text!r}: expected a whole number") from None
    return replace(Limits(), **{**values, **_configured})


def configure(**values: int) -> Limits:
    """Set limits for this process (and the workers it starts), e.g. ``configure(max_article_chars=10**6)``.

    ``configure()`` with no argument goes back to the environment's values and the defaults.
    """
    known = {item.name for item in fields(Limits)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown limit {', '.join(unknown)}; the limits are: {', '.join(sorted(known))}")
    if not values:
        for name in _configured:
            os.environ.pop(env_name(name), None)
        _configured.clear()
    for name, value in values.items():
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"limit {name} must be a whole number, 0 or more")
        _configured[name] = value
        os.environ[env_name(name)] = str(value)   # for worker processes started with 'spawn'
    return current()


def size_text(n: int) -> str:
    """A byte count for a message: '32 MB', '16 kB', '900 bytes'."""
    for unit, size in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("kB", 1024)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


class OverBudget(Exception):
    """An article's extraction ran over its time budget (``article_seconds``)."""


@contextmanager
def time_budget(seconds: int):
    """Raise OverBudget inside the block when it runs over ``seconds`` (0: no budget).

    A POSIX interval timer in the main thread (elsewhere, or without SIGALRM, the
    block runs unbounded); the caller's own timer, if any, is put back afterwards.
    """
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
