"""Shared fixtures: the project's articles, and the corpora in ../shared when they are there."""
import os
import tempfile
from pathlib import Path

import pytest

# Tests never read or fill the project's own cache (data/cache): each run gets an empty one.
os.environ["CONFLICT_NEWS_CACHE"] = tempfile.mkdtemp(prefix="conflict-news-test-cache-")

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
