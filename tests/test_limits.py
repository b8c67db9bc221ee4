"""Hostile input has a bounded cost: each case runs in a subprocess under resource limits (CPU seconds,
address space), so a case that regresses is killed by the kernel and fails, instead of taking the machine.

The bounds are generous: they sit far above what the case costs now and far below what it cost before
(the figures in issue 21).
"""
import json
import subprocess
import sys
import textwrap

import pytest

import helpers.extract
from helpers import ArticleError, limits, load_article, load_corpus
from helpers.articles import Article
from helpers.claims import Attribution, drop_nested
from helpers.extract import extract_articles

from .conftest import ROOT

ENGLISH = "The Iraqi army said on Monday that it had retaken Mosul from the rebels, officials told reporters.\n"
GIB = 1024 ** 3

BILLION_LAUGHS = "---\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)) + "title: laughs\n---\n" + ENGLISH


def run_bounded(code: str, cpu_seconds: int, memory_bytes: int | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Run Python code in a child whose CPU time (and address space) the kernel bounds."""
    limits_code = f"resource.setrlimit(resource.RLIMIT_CPU, ({cpu_seconds}, {cpu_seconds}))\n"
    if memory_bytes:
        limits_code += f"resource.setrlimit(resource.RLIMIT_AS, ({memory_bytes}, {memory_bytes}))\n"
    script = "import resource\n" + limits_code + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd or ROOT,
                          timeout=cpu_seconds * 4 + 60)


# ---------------------------------------------------------------- front matter

def test_billion_laughs_front_matter_is_refused_in_one_line_in_under_a_second(tmp_path):
    path = tmp_path / "laughs.md"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    run = run_bounded(f"""
        import resource
        from helpers import ArticleError, load_article
        before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
        try:
            load_article({str(path)!r})
        except ArticleError as error:
            print(error)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_utime - before)
        """, cpu_seconds=10, memory_bytes=GIB)
    assert run.returncode == 0, run.stderr
    message, seconds = run.stdout.strip().splitlines()
    assert message == (f"{path}: YAML anchors and aliases ('&name', '*name') are not allowed in front matter "
                       "at line 2")
    assert float(seconds) < 1.0


@pytest.mark.parametrize("front_matter", ["a: &a [*a]\n", "title: &t War\nheadline: *t\n", "x: *nowhere\n"])
def test_anchors_and_aliases_are_refused_in_one_line(tmp_path, front_matter):
    path = tmp_path / "alias.md"
    path.write_text(f"---\n{front_matter}---\n{ENGLISH}", encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        load_article(path)
    assert "\n" not in str(error.value)
    assert str(error.value).startswith(f"{path}: ")
    assert "anchors and aliases" in str(error.value) or "broken YAML" in str(error.value)


def test_a_recursive_alias_costs_one_article_not_the_run(tmp_path):
    (tmp_path / "loop.md").write_text(f"---\na: &a [*a]\n---\n{ENGLISH}", encoding="utf-8")
    (tmp_path / "good.md").write_text(ENGLISH, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "helpers", "extract", str(tmp_path), "--out", str(tmp_path / "out"),
                          "--no-cache", "--no-progress"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{tmp_path / 'loop.md'}: YAML anchors and aliases" in run.stderr
    assert "good" in (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")


def test_an_over_long_front_matter_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "long.md"
    path.write_text("---\n" + "".join(f"k{n}: value\n" for n in range(5000)) + "---\n" + ENGLISH, encoding="utf-8")
    with pytest.raises(ArticleError, match="front matter is .* over the limit of 16,384 .*"
                                           "CONFLICT_NEWS_MAX_FRONT_MATTER_CHARS"):
        load_article(path)


@pytest.mark.parametrize("value", ["2017-05-30garbage", "2017-05-3", "20170530", "2017-05-30T25"])
def test_a_date_with_anything_after_it_is_refused(tmp_path, value):
    path = tmp_path / "date.md"
    path.write_text(f"---\npublished: '{value}'\n---\n{ENGLISH}", encoding="utf-8")
    with pytest.raises(ArticleError, match="'published' is not a date"):
        load_article(path)


@pytest.mark.parametrize("value", ["2017-05-30", "2017-05-30T10:15:00Z", "2017-05-30 10:15", "2017-05-30T10:15+03:00"])
def test_dates_and_times_are_still_read(tmp_path, value):
    path = tmp_path / "date.md"
    path.write_text(f"---\npublished: '{value}'\n---\n{ENGLISH}", encoding="utf-8")
    assert load_article(path).published.isoformat() == "2017-05-30"


# ---------------------------------------------------------------- article size

def test_a_50_mb_one_line_article_is_refused_within_2_gb_and_the_others_keep_their_tables(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "huge.md").write_text("word " * (10 * 1024 * 1024), encoding="utf-8")   # 50 MB, one line
    (folder / "huge.txt").write_text("word " * (3 * 1024 * 1024), encoding="utf-8")   # 15 MB: read, then refused
    (folder / "good.md").write_text(ENGLISH, encoding="utf-8")
    run = run_bounded(f"""
        from helpers import load_corpus
        corpus = load_corpus({str(folder)!r}, cache=False, progress=False)
        print(list(corpus.articles.article_id), len(corpus.claims))
        """, cpu_seconds=120, memory_bytes=2 * GIB)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "['good'] 1"
    lines = run.stderr.strip().splitlines()
    assert f"{folder / 'huge.md'}: the file is 50 MB, over the limit of 32 MB (set CONFLICT_NEWS_MAX_FILE_BYTES " \
           "to raise it)" in lines
    assert f"{folder / 'huge.txt'}: the text is 15,728,640 characters, over the limit of 300,000 (set " \
           "CONFLICT_NEWS_MAX_ARTICLE_CHARS to raise it)" in lines


def test_a_limit_can_be_raised_from_the_environment_and_from_python(tmp_path, monkeypatch):
    path = tmp_path / "long.md"
    path.write_text(ENGLISH * 40, encoding="utf-8")
    monkeypatch.setenv("CONFLICT_NEWS_MAX_ARTICLE_CHARS", "1000")
    with pytest.raises(ArticleError, match="over the limit of 1,000"):
        load_article(path)
    monkeypatch.setenv("CONFLICT_NEWS_MAX_ARTICLE_CHARS", "1_000_000")
    assert load_article(path).n_words > 100
    try:
        limits.configure(max_article_chars=500)
        with pytest.raises(ArticleError, match="over the limit of 500"):
            load_article(path)
    finally:
        limits.configure()
    with pytest.raises(ValueError, match="unknown limit"):
        limits.configure(max_speed=1)


def test_a_long_record_in_a_corpus_file_is_refused_and_the_others_read(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_NEWS_MAX_ARTICLE_CHARS", "5000")
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps({"id": "long", "text": ENGLISH * 100}) + "\n"
                    + json.dumps({"id": "short", "text": ENGLISH}) + "\n", encoding="utf-8")
    corpus = load_corpus(path, cache=False, progress=False)
    assert [d.article_id for d in corpus.documents] == ["short"]
    assert corpus.errors == [f"{path}:1: the text is 9,900 characters, over the limit of 5,000 "
                             "(set CONFLICT_NEWS_MAX_ARTICLE_CHARS to raise it)"]


def test_a_long_article_is_parsed_in_bounded_pieces_with_its_offsets(monkeypatch):
    monkeypatch.setenv("CONFLICT_NEWS_PARSE_PIECE_CHARS", "2000")
    seen = []
    real = helpers.extract.split_text
    monkeypatch.setattr(helpers.extract, "split_text", lambda text, limit: seen.append(limit) or real(text, limit))
    body = "\n\n".join(ENGLISH.strip() for _ in range(60))
    [result] = extract_articles([Article("long", "long.md", body)])
    assert seen == [2000] and not result.error
    assert len(result.tables["claims"]) == 60
    assert all(body[row["start"]:row["end"]] == row["text"] for row in result.tables["claims"])


# ---------------------------------------------------------------- quadratic paths, now linear

def test_4000_nested_quotation_marks_are_extracted_in_bounded_time():
    run = run_bounded("""
        from helpers.articles import Article
        from helpers.extract import extract_articles
        body = "The army said " + "".join(f"\u201cwe {i} said " for i in range(4000)) + "fight" + "\u201d" * 4000 + ".\\n"
        [result] = extract_articles([Article("quotes", "quotes.md", body)])
        print(result.error or "ok")
        """, cpu_seconds=150, memory_bytes=4 * GIB)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "ok"


def test_nested_attributions_are_dropped_in_linear_time():
    """drop_nested on 50,000 claims (issue 21: 10,000 claims took 74 s, most of it here, quadratic)."""
    run = run_bounded("""
        from helpers.claims import Attribution, drop_nested
        found = [Attribution(cue=(100 * i + 60, 100 * i + 65), content=(100 * i, 100 * i + 50), sentence=None)
                 for i in range(50000)]
        found += [Attribution(cue=(100 * i + 10, 100 * i + 15), content=(100 * i + 20, 100 * i + 30), sentence=None)
                  for i in range(0, 50000, 2)]
        print(len(drop_nested(found)))
        """, cpu_seconds=20)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "50000"


def test_drop_nested_keeps_outermost_attributions():
    outer = Attribution(cue=(0, 4), content=(5, 100), sentence=None)
    nested = Attribution(cue=(20, 24), content=(25, 60), sentence=None)
    apart = Attribution(cue=(200, 204), content=(205, 230), sentence=None)
    same_cue = Attribution(cue=(200, 204), content=(205, 210), sentence=None)
    assert drop_nested([nested, apart, outer, same_cue]) == [outer, apart]


def test_an_article_over_its_time_budget_is_skipped_in_one_line_and_the_others_go_on(monkeypatch):
    real = helpers.claims.extract_claims

    def endless(doc, article_id):
        if article_id == "slow":
            while True:          # a pathological rule: the budget's timer stops it
                pass
        return real(doc, article_id)

    monkeypatch.setattr(helpers.claims, "extract_claims", endless)
    list(extract_articles([Article("warm", "warm.md", ENGLISH)]))   # lexicons and rules load once, before the budget
    try:
        limits.configure(article_seconds=5)
        articles = [Article(name, f"{name}.md", ENGLISH) for name in ("first", "slow", "last")]
        results = list(extract_articles(articles))
    finally:
        limits.configure()
    assert [r.error for r in results] == [
        "", "slow.md: extraction took over 5 s (the article_seconds limit: set CONFLICT_NEWS_ARTICLE_SECONDS "
            "to raise it); skipped", ""]
    assert len(results[0].tables["claims"]) == 1 and len(results[2].tables["claims"]) == 1
