"""The data contract: six tables, their columns in order, and every span indexing the body."""
import subprocess
import sys

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.tables import COLUMNS, SPAN_COLUMNS

from .conftest import ARTICLES, ROOT, shared_folder


def assert_spans_index_bodies(corpus):
    """Every (start, end, text) of every table is body[start:end] == text."""
    bodies = {d.article_id: d.body for d in corpus.documents}
    checked = 0
    for name, spans in SPAN_COLUMNS.items():
        table = corpus.tables[name]
        for start_col, end_col, text_col in spans:
            if start_col not in table.columns:
                continue
            rows = table[table[start_col].notna()]
            for row in rows.itertuples():
                body = bodies[row.article_id]
                start, end = getattr(row, start_col), getattr(row, end_col)
                assert 0 <= start <= end <= len(body), (name, start_col, row)
                if text_col and text_col in table.columns:
                    assert body[start:end] == getattr(row, text_col), (name, start_col, row)
                checked += 1
    return checked


def test_every_table_has_the_contract_columns_in_order(corpus):
    for name, columns in COLUMNS.items():
        assert list(corpus.tables[name].columns[: len(columns)]) == columns, name


def test_spans_index_the_body_on_the_corpus(corpus):
    assert assert_spans_index_bodies(corpus) > 100


def test_spans_index_the_body_on_polnear_dev_articles():
    folder = shared_folder("corpora", "polnear", "dev", "text")
    paths = sorted(folder.glob("*.txt"))[:15]
    corpus = load_corpus(paths, progress=False)
    assert len(corpus.documents) == len(paths)
    assert assert_spans_index_bodies(corpus) > 100


def test_ids_are_unique(corpus):
    assert corpus.actors.actor_id.is_unique
    for name, id_column in (("mentions", "mention_id"), ("claims", "claim_id"),
                            ("timeline", "timex_id"), ("relations", "relation_id")):
        table = corpus.tables[name]
        assert not table.duplicated(["article_id", id_column]).any(), name


def test_every_actor_id_in_other_tables_is_an_actor(corpus):
    known = set(corpus.actors.actor_id)
    used = set(corpus.mentions.actor_id) | set(corpus.claims.speaker_actor_id.dropna()) \
        | set(corpus.claims.via_actor_id.dropna()) | set(corpus.relations.source_actor_id.dropna()) \
        | set(corpus.relations.target_actor_id.dropna())
    assert used <= known


def test_a_relation_end_without_an_actor_says_what_it_is(corpus):
    relations = corpus.relations
    for side in ("source", "target"):
        no_actor = relations[relations[f"{side}_actor_id"].isna()]
        assert not no_actor[f"{side}_kind"].isin(["actor", "place"]).any()
        assert relations.loc[relations[f"{side}_actor_id"].notna(), f"{side}_kind"].isin(["actor", "place"]).all()


def test_kinds_and_categories_stay_in_their_vocabularies(corpus):
    assert set(corpus.actors.kind) <= {"person", "armed_group", "state", "organization", "media", "place", "group", "other"}
    assert set(corpus.claims.quote_type) <= {"direct", "indirect", "mixed", "none"}
    assert set(corpus.timeline.type) <= {"DATE", "TIME", "DURATION", "SET"}
    assert set(corpus.relations.source_kind) | set(corpus.relations.target_kind) <= {
        "actor", "place", "group", "people", "pronoun", "site"}
    assert set(corpus.relations.relation) <= {"supports", "fights", "allied_with", "member_of", "leads", "controls",
                                              "criticizes", "praises"}
    assert set(corpus.relations.certainty) <= {"asserted", "reported", "hypothetical", "negated", "unknown"}
    assert set(corpus.relations.sign.astype(int)) <= {-1, 0, 1}


def test_command_line_writes_the_six_files(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "helpers", "extract", str(ARTICLES), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for name, columns in COLUMNS.items():
        table = pd.read_csv(out / f"{name}.csv")
        assert list(table.columns[: len(columns)]) == columns
    assert len(pd.read_csv(out / "articles.csv")) == 3


@pytest.mark.parametrize("args, message", [
    (["extract"], "the following arguments are required"),
    (["extract", "nowhere-folder-xyz", "--out", "x"], "no article could be read"),
    (["summarise"], "invalid choice"),
])
def test_command_line_fails_clearly_on_bad_usage(tmp_path, args, message):
    done = subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode != 0
    assert message in done.stderr


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_atomic_writes_give_the_mode_the_umask_allows(tmp_path, umask, mode):
    """Not mkstemp's 0600: a report copied to a web server or shared with a colleague must stay readable."""
    import os
    import stat

    from helpers.tables import write_atomic

    before = os.umask(umask)
    try:
        write_atomic(tmp_path / "out.txt", lambda tmp: open(tmp, "w").write("x"))
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == mode
