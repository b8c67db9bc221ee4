"""Shared fixtures: the project's articles, and the corpora in ../shared when they are there."""
import os
import tempfile
from pathlib import Path

import pytest

# Tests never read or fill the project's own cache (data/cache): each run gets an empty one.
os.environ["CONFLICT_NEWS_CACHE"] = tempfile.mkdtemp(prefix="conflict-news-test-cache-")
# ... nor the user's cache key: the key that authenticates the entries lives beside that cache, not in it.
os.environ["CONFLICT_NEWS_CACHE_KEY"] = os.path.join(tempfile.mkdtemp(prefix="conflict-news-test-key-"), "cache.key")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / "2017-05-30-pmf-border-villages.md"
SHARED = ROOT.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


def shared_folder(*parts: str) -> Path:
    """A folder under ../shared, or a skip saying it is absent."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the shared corpora sit beside the repository in CI")
    return folder


@pytest.fixture(scope="session")
def corpus():
    """The corpus of data/articles, tables built once for the whole session."""
    from helpers import load_corpus

    corpus = load_corpus(ARTICLES, progress=False)
    corpus.tables
    return corpus


@pytest.fixture(scope="session")
def seed_id():
    return SEED.stem


# ---------------------------------------------------------------- hypothesis
# Profiles: `dev` (quick, the default on a workstation), `ci` (the default when $CI is set: at least
# 2,000 examples per property) and `long` (a night's search). HYPOTHESIS_PROFILE picks one explicitly.
# Every property test runs from one seed, shown in the pytest header and under any failure, so that
# HYPOTHESIS_SEED=<seed> reruns exactly the same examples.
import random  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

_PROPERTY_SETTINGS = dict(deadline=None, print_blob=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("dev", max_examples=100, **_PROPERTY_SETTINGS)
settings.register_profile("ci", max_examples=2000, **_PROPERTY_SETTINGS)
settings.register_profile("long", max_examples=20000, **_PROPERTY_SETTINGS)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(HYPOTHESIS_PROFILE)
HYPOTHESIS_SEED = int(os.environ.get("HYPOTHESIS_SEED") or random.SystemRandom().randrange(2**32))
_RERUN = f"HYPOTHESIS_PROFILE={HYPOTHESIS_PROFILE} HYPOTHESIS_SEED={HYPOTHESIS_SEED}"


def pytest_report_header(config):
    return (f"hypothesis profile {HYPOTHESIS_PROFILE!r} ({settings.default.max_examples} examples per property), "
            f"seed {HYPOTHESIS_SEED}: rerun with {_RERUN}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and item.get_closest_marker("hypothesis") is not None:
        report.sections.append(("hypothesis seed", f"seed {HYPOTHESIS_SEED}: rerun with {_RERUN}"))
