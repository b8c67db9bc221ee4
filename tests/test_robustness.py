"""Bad input, each with its outcome, and nothing lost: over-long, foreign, HTML, unreadable and looping
files; a corpus with nothing readable; an error in one article; a run killed in the middle."""
import builtins
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import helpers.extract
from helpers import ArticleError, load_article, load_corpus
from helpers.articles import Article, check_language, iter_article_paths
from helpers.cache import ResultCache
from helpers.corpus import assemble_tables
from helpers.extract import extract_articles, parse_long, split_text
from helpers.pipeline import get_pipeline
from helpers.tables import COLUMNS, SPAN_COLUMNS, TABLE_NAMES

from .conftest import ARTICLES, ROOT, SEED

FRENCH = ("Le gouvernement irakien a annoncé mardi que les forces de mobilisation populaire avaient repris "
          "plusieurs villages près de la frontière syrienne. Selon un porte-parole du ministère de la Défense, "
          "les combats ont duré toute la nuit et les pertes sont lourdes des deux côtés. Les habitants ont fui "
          "vers le sud, où des camps ont été installés par les organisations humanitaires.\n")
ARABIC = ("أعلنت الحكومة العراقية يوم الثلاثاء أن قوات الحشد الشعبي استعادت عدة قرى قرب الحدود السورية. "
          "وقال متحدث باسم وزارة الدفاع إن المعارك استمرت طوال الليل.\n")
ENGLISH = "The Iraqi army said on Monday that it had retaken Mosul from the rebels, officials told reporters.\n"


def spans_hold(tables, bodies):
    """Whether every span in every table is the body's text at its offsets."""
    for name, spans in SPAN_COLUMNS.items():
        for row in tables[name].to_dict("records"):
            for start, end, text in spans:
                if not pd.isna(row[start]) and bodies[row["article_id"]][row[start]:row[end]] != row[text]:
                    return False
    return True


def finishes_within(seconds, function):
    """Run function in a daemon thread; return its result, or fail if it is still running after `seconds`."""
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(value=function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return outcome.get("value")


@pytest.fixture
def small_max_length():
    """The shared pipeline with a max_length of 600 characters, restored afterwards."""
    nlp = get_pipeline().nlp
    saved = nlp.max_length
    nlp.max_length = 600
    yield 600
    nlp.max_length = saved


# ---------------------------------------------------------------- over-long articles

def test_split_text_prefers_paragraph_then_line_then_word_breaks():
    assert split_text("aaaa\n\nbbbb\ncccc dddd", 16) == ["aaaa\n\n", "bbbb\ncccc dddd"]
    assert split_text("aaaa bbbb\ncccc dddd", 12) == ["aaaa bbbb\n", "cccc dddd"]
    assert split_text("aaaa bbbb cccc", 12) == ["aaaa bbbb ", "cccc"]
    assert split_text("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert split_text("short", 10) == ["short"]


def test_a_text_longer_than_max_length_is_parsed_in_pieces_with_its_offsets(small_max_length):
    article = load_article(SEED)
    assert len(article.body) > 2 * small_max_length
    doc = parse_long(article.body, get_pipeline().nlp)
    assert doc.text == article.body
    assert any(ent.start_char > small_max_length for ent in doc.ents)
    results = list(extract_articles([article]))
    assert results[0].error == ""
    tables = assemble_tables(results)
    assert spans_hold(tables, {article.article_id: article.body})
    assert tables["mentions"].end.max() > 2 * small_max_length
    assert len(tables["claims"]) >= 5 and len(tables["timeline"]) >= 5


def test_an_over_long_file_is_read_not_refused(tmp_path, small_max_length):
    shutil.copy(SEED, tmp_path / "long.md")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert corpus.errors == [] and list(corpus.articles.article_id) == ["long"]
    assert spans_hold(corpus.tables, {"long": corpus.body("long")})
    assert len(corpus.mentions) > 20


def test_one_huge_sentence_keeps_the_contract():
    body = ", ".join(f"the militia of Commander {n} said on Monday that rebels attacked" for n in range(400)) + ".\n"
    results = list(extract_articles([Article("huge", "huge.md", body)]))
    assert results[0].error == ""
    tables = assemble_tables(results)
    assert spans_hold(tables, {"huge": body}) and len(tables["mentions"]) > 0


# ---------------------------------------------------------------- line endings and byte-order mark

def test_crlf_and_bom_offsets_index_the_body_with_its_crlf(tmp_path):
    text = "---\r\ntitle: T\r\npublished: 2020-01-02\r\n---\r\n" + ENGLISH.replace("\n", "\r\n") * 3
    (tmp_path / "crlf.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    body = corpus.body("crlf")
    assert body == ENGLISH.replace("\n", "\r\n") * 3
    assert len(corpus.claims) == 3 and spans_hold(corpus.tables, {"crlf": body})
    assert sorted(corpus.claims.start) == [0, len(body) // 3, 2 * len(body) // 3]


# ---------------------------------------------------------------- not English

@pytest.mark.parametrize("text", [ENGLISH, "Rebels took the town.", "Iraq: 3 killed", "Assad", "12 May 2017",
                                  "Iraq’s PMF said “we took Baaj” (قال الحشد) on Monday. 😀\n"])
def test_short_english_and_unjudgeable_texts_pass_as_english(text):
    assert check_language(text) == ("en", "")


def test_the_project_articles_pass_as_english(corpus):
    assert set(corpus.articles.language) == {"en"} and set(corpus.articles.warning) == {""}


@pytest.mark.parametrize("text, measure", [(FRENCH, "English function words"), (ARABIC, "Latin letters")])
def test_a_foreign_article_keeps_its_row_with_a_warning_and_no_other_rows(tmp_path, text, measure):
    (tmp_path / "foreign.md").write_text(text, encoding="utf-8")
    (tmp_path / "english.md").write_text(ENGLISH, encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    articles = corpus.articles.set_index("article_id")
    assert articles.loc["foreign", "language"] == "unknown"
    assert "does not look like English" in articles.loc["foreign", "warning"]
    assert measure in articles.loc["foreign", "warning"] and "tables left empty" in articles.loc["foreign", "warning"]
    assert articles.loc["english", "language"] == "en" and articles.loc["english", "warning"] == ""
    for name in ("mentions", "claims", "timeline", "relations"):
        assert "foreign" not in set(corpus.tables[name].article_id)
    assert list(corpus.claims.article_id) == ["english"]
    assert len(corpus.actors) > 0 and set(corpus.actors.articles) == {"english"}


# ---------------------------------------------------------------- HTML

@pytest.mark.parametrize("name", ["page.html", "PAGE.HTM"])
def test_a_page_without_article_text_is_refused_with_a_clear_message(tmp_path, name):
    path = tmp_path / name
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><p>The army said on Monday.</p></body></html>",
                    encoding="utf-8")
    with pytest.raises(ArticleError) as raised:
        load_article(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "no article text in the page" in message


def test_a_folder_reports_each_page_without_article_text(tmp_path):
    (tmp_path / "good.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.htm").write_text("<p>y</p>", encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert [d.article_id for d in corpus.documents] == ["good"]
    assert len(corpus.errors) == 2
    assert corpus.errors[0].startswith(str(tmp_path / "a.html")) and corpus.errors[1].startswith(
        str(tmp_path / "sub" / "b.htm"))
    assert all("no article text" in error and "\n" not in error for error in corpus.errors)


# ---------------------------------------------------------------- binary and wrong encodings in a folder

@pytest.mark.parametrize("data, reason", [
    ("The army said on Monday.".encode("utf-16"), "binary content"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    ("Le président a déclaré lundi".encode("latin-1"), "not UTF-8 text"),
    ("Der Präsident sagte".encode("cp1252"), "not UTF-8 text"),
])
def test_binary_and_wrongly_encoded_files_are_refused_and_the_others_read(tmp_path, data, reason):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.md").write_text(ENGLISH, encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert [d.article_id for d in corpus.documents] == ["good"]
    assert corpus.errors == [corpus.errors[0]] and corpus.errors[0].startswith(f"{tmp_path / 'bad.txt'}: ")
    assert reason in corpus.errors[0]
    assert list(corpus.claims.article_id) == ["good"]


# ---------------------------------------------------------------- unreadable files and links

def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "locked.md"
    path.write_text(ENGLISH, encoding="utf-8")
    real_open = Path.open

    def open_(self, *args, **kwargs):   # tests run as root, for whom chmod 000 locks nothing
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(ArticleError, match=r"locked\.md: cannot be read \(Permission denied\)$"):
        load_article(path)


def test_a_pipe_named_like_an_article_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    corpus = finishes_within(20, lambda: load_corpus(tmp_path, progress=False, cache=False))
    assert corpus.documents == []
    assert corpus.errors == [f"{path}: not a regular file (a pipe, socket or device)"]


def test_broken_and_looping_links_are_reported_in_one_line(tmp_path):
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    (tmp_path / "good.md").write_text(ENGLISH, encoding="utf-8")
    corpus = finishes_within(60, lambda: load_corpus(tmp_path, progress=False, cache=False))
    assert [d.article_id for d in corpus.documents] == ["good"]
    errors = dict(error.split(": ", 1) for error in corpus.errors)
    assert errors == {str(tmp_path / "dangling.md"): "a link to a file that does not exist",
                      str(tmp_path / "self.md"): "cannot be read (Too many levels of symbolic links)"}


def test_a_folder_link_cycle_does_not_make_the_listing_endless(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a" / "b" / "up.md").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    paths = finishes_within(20, lambda: list(iter_article_paths(tmp_path)))
    assert paths == [tmp_path / "a" / "b" / "story.md"]


# ---------------------------------------------------------------- nothing readable

def test_a_folder_with_nothing_readable_gives_empty_contract_tables(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False, cache=False)
    assert corpus.documents == [] and len(corpus.errors) == 3
    for name in TABLE_NAMES:
        assert corpus.tables[name].empty
        assert list(corpus.tables[name].columns[:len(COLUMNS[name])]) == COLUMNS[name]


def test_the_command_line_exits_1_with_one_line_when_nothing_is_readable(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "binary.md").write_bytes(b"\x00\x01")
    run = subprocess.run([sys.executable, "-m", "helpers", "extract", str(tmp_path / "in"), "--out",
                          str(tmp_path / "out"), "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[-1] == f"error: no article could be read from {tmp_path / 'in'}"
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- one error never costs the others

def test_an_extractor_error_in_one_article_keeps_the_others(monkeypatch):
    real = helpers.claims.extract_claims

    def extract_claims(doc, article_id):
        if article_id == "poisoned":
            raise RuntimeError("boom")
        return real(doc, article_id)

    monkeypatch.setattr(helpers.claims, "extract_claims", extract_claims)
    articles = [Article(name, f"{name}.md", ENGLISH) for name in ("first", "poisoned", "last")]
    results = list(extract_articles(articles))
    assert [r.error for r in results] == ["", "poisoned.md: extraction failed (RuntimeError: boom)", ""]
    assert len(results[0].tables["claims"]) == 1 and len(results[2].tables["claims"]) == 1


def test_a_parse_error_in_one_article_keeps_the_others_of_its_batch(monkeypatch):
    real = helpers.extract._parse_all

    def parse_all(texts, nlp):
        if any("POISON" in text for text in texts):
            raise ValueError("cannot parse")
        return real(texts, nlp)

    monkeypatch.setattr(helpers.extract, "_parse_all", parse_all)
    articles = [Article("first", "first.md", ENGLISH), Article("bad", "bad.md", "POISON " + ENGLISH),
                Article("last", "last.md", ENGLISH)]
    results = list(extract_articles(articles))
    assert [r.error for r in results] == ["", "bad.md: parsing failed (ValueError: cannot parse)", ""]
    assert [len(r.tables.get("claims", [])) for r in results] == [1, 0, 1]


# ---------------------------------------------------------------- nothing lost

def test_inputs_are_never_opened_for_writing(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    before = {p: p.read_bytes() for p in folder.iterdir()}
    opened = []
    real_open, real_os_open = io.open, os.open

    def watched_open(file, mode="r", *args, **kwargs):
        opened.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    def watched_os_open(path, flags, *args, **kwargs):
        opened.append((str(path), "w" if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC) else "r"))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(io, "open", watched_open)
    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(os, "open", watched_os_open)
    corpus = load_corpus(folder, progress=False, cache=tmp_path / "cache")
    corpus.save(tmp_path / "out")
    monkeypatch.undo()
    inputs = {str(p) for p in before}
    assert {path for path, _ in opened} >= inputs
    assert [(path, mode) for path, mode in opened if path in inputs and set(mode) & set("wax+")] == []
    assert {p: p.read_bytes() for p in folder.iterdir()} == before


def make_kill_corpus(folder: Path, copies: int) -> None:
    """`copies` copies of each project article under distinct ids, enough work to be killed in the middle."""
    folder.mkdir()
    for number in range(copies):
        for article in sorted(ARTICLES.glob("*.md")):
            (folder / f"{number:02d}-{article.name}").write_bytes(article.read_bytes())


def valid_entries(cache: Path) -> int:
    """The number of cache entries, asserting that each is complete and passes its digest."""
    entries = sorted(cache.rglob("*.json"))
    store = ResultCache(cache, "")
    for entry in entries:
        assert store.authentic(entry), f"{entry} is not a complete, authentic entry of its key"
    return len(entries)


def test_a_run_killed_in_the_middle_leaves_the_cache_consistent_and_the_next_run_finishes(tmp_path):
    folder, cache, out = tmp_path / "articles", tmp_path / "cache", tmp_path / "out"
    make_kill_corpus(folder, copies=10)
    total = len(list(folder.iterdir()))
    command = [sys.executable, "-m", "helpers", "extract", str(folder), "--no-progress"]
    child = subprocess.Popen([*command, "--out", str(out), "--cache-dir", str(cache)], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while len(list(cache.rglob("*.json"))) < 3 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if child.poll() is not None:
        pytest.fail(f"the run ended before it could be killed (exit {child.returncode}): {child.stderr.read()}")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    done = valid_entries(cache)
    assert 3 <= done < total
    assert not out.exists() or not list(out.glob("*.csv"))

    resumed = subprocess.run([*command, "--out", str(out), "--cache-dir", str(cache)], cwd=ROOT,
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{total} articles read ({done} from the cache)" in resumed.stdout
    assert valid_entries(cache) == total
    straight = subprocess.run([*command, "--out", str(tmp_path / "straight"), "--no-cache"], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
    assert straight.returncode == 0, straight.stderr
    for name in TABLE_NAMES:
        assert (out / f"{name}.csv").read_bytes() == (tmp_path / "straight" / f"{name}.csv").read_bytes(), name
    assert len(pd.read_csv(out / "articles.csv")) == total
