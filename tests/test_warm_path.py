"""The warm path: a rerun served from the cache names the pipeline from package metadata and never imports spaCy."""
import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SEED

# Runs the command line in a fresh interpreter and says which heavy modules it imported.
RUN_AND_REPORT = """
import json, sys
from helpers.cli import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "imported": sorted(m for m in ("spacy", "thinc", "torch") if m in sys.modules)}))
"""


def extract_in_fresh_process(articles, out, cache):
    done = subprocess.run([sys.executable, "-c", RUN_AND_REPORT, "extract", str(articles), "--out", str(out),
                           "--cache-dir", str(cache), "--no-progress"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]), lines[0]


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "ministry.md").write_text(
        "# Ministry says talks resume\n\nPublished: 2024-02-01\n\n"
        "The Defence Ministry said on Monday that talks with the rebels would resume next week, "
        "according to a statement carried by the state news agency.\n", encoding="utf-8")
    return folder


def test_a_warm_run_does_not_import_spacy_and_writes_the_same_tables(articles, tmp_path):
    cache = tmp_path / "cache"
    cold, _ = extract_in_fresh_process(articles, tmp_path / "cold", cache)
    assert cold["status"] == 0 and "spacy" in cold["imported"]
    warm, summary = extract_in_fresh_process(articles, tmp_path / "warm", cache)
    assert warm == {"status": 0, "imported": []}
    assert "2 articles read (2 from the cache)" in summary
    for table in (tmp_path / "cold").glob("*.csv"):
        assert (tmp_path / "warm" / table.name).read_bytes() == table.read_bytes(), table.name


def test_a_new_article_in_a_warm_corpus_loads_the_pipeline_for_it_alone(articles, tmp_path):
    cache = tmp_path / "cache"
    extract_in_fresh_process(articles, tmp_path / "first", cache)
    (articles / "another.md").write_text("# Strike\n\nPublished: 2024-03-05\n\nRebels shelled the town on Sunday, "
                                         "the army said.\n", encoding="utf-8")
    again, summary = extract_in_fresh_process(articles, tmp_path / "again", cache)
    assert "spacy" in again["imported"]
    assert "3 articles read (2 from the cache)" in summary


def test_the_signature_read_from_metadata_is_the_built_pipelines():
    from helpers.pipeline import get_pipeline, signature

    built = get_pipeline()
    assert signature() == built.signature
    assert built.signature.startswith(f"{built.model}-{built.nlp.meta['version']}+spacy-")


def test_a_pipeline_folder_is_named_by_its_meta_json_and_an_unknown_name_is_a_clear_error(tmp_path):
    from helpers.nlp import ModelError, model_version

    (tmp_path / "meta.json").write_text(json.dumps({"lang": "en", "name": "news_trained", "version": "1.2.0"}))
    assert model_version(str(tmp_path)).startswith("en_news_trained-1.2.0+spacy-3.")
    with pytest.raises(ModelError, match="no_such_pipeline_xyz"):
        model_version("no_such_pipeline_xyz")


def test_an_undated_article_is_tagged_for_times_once_and_its_rows_are_the_same(monkeypatch):
    """infer_reference_date and extract_timeline share one pass of the time patterns over the text."""
    from helpers import timeline
    from helpers.nlp import load_model

    text = ("The rebels said on Monday, March 4, that they would leave the town within two weeks. "
            "Talks had stalled since last year.")
    nlp = load_model()
    expected = timeline.extract_timeline(nlp(text), "a", timeline.infer_reference_date(nlp(text)))
    calls = []
    tag = timeline.tag
    monkeypatch.setattr(timeline, "tag", lambda doc, rules: calls.append(1) or tag(doc, rules))
    doc = nlp(text)
    reference = timeline.infer_reference_date(doc)
    assert reference is not None and reference.month == 3 and reference.day == 4
    assert timeline.extract_timeline(doc, "a", reference) == expected
    assert len(calls) == 1


def test_the_report_runs_as_many_notebooks_at_once_as_asked(monkeypatch):
    from helpers.report import report_jobs

    monkeypatch.setenv("REPORT_JOBS", "3")
    assert report_jobs() == 3
    monkeypatch.delenv("REPORT_JOBS")
    assert report_jobs() >= 1
    monkeypatch.setenv("REPORT_JOBS", "zero")
    with pytest.raises(SystemExit, match="REPORT_JOBS"):
        report_jobs()
