"""Reading articles: good files keep their body exactly, bad files fail with one clear line."""
import datetime as dt

import pytest

from helpers import ArticleError, load_article, load_corpus
from helpers.articles import iter_article_paths

from .conftest import ARTICLES, SEED, SHARED


def test_seed_article_keeps_the_given_text_exactly():
    article = load_article(SEED)
    given = SHARED / "seed" / "pmf-border-villages.txt"
    assert article.title == "Iraqi Shia Paramilitaries Seize Border Villages From Isis"
    assert article.published == dt.date(2017, 5, 30)
    assert "estimated" in article.meta["published_note"].lower()
    assert article.body.startswith("The Popular Mobilization Forces (PMF) a collection")
    if given.exists():
        assert given.read_text(encoding="utf-8").endswith(article.body)


def test_voa_articles_keep_their_front_matter():
    article = load_article(ARTICLES / "2025-03-14-iraq-says-key-islamic-state-leader-is-dead.md")
    assert article.outlet == "Voice of America"
    assert article.published == dt.date(2025, 3, 14)
    assert article.meta["author"] == "Jeff Seldin"
    assert article.body.startswith("One of the Islamic State")


def test_plain_text_takes_its_first_line_as_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Rebels take the town\n\nRebels took the town on Monday, officials said.\n", encoding="utf-8")
    article = load_article(path)
    assert article.title == "Rebels take the town"
    assert article.body == "Rebels took the town on Monday, officials said.\n"
    assert article.article_id == "story" and article.published is None


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes("\ufeff---\r\ntitle: T\r\npublished: 2020-01-02\r\n---\r\nLine one.\r\nLine two.\r\n".encode("utf-8"))
    article = load_article(path)
    assert article.published == dt.date(2020, 1, 2)
    assert article.body == "Line one.\r\nLine two.\r\n"


@pytest.mark.parametrize("content, reason", [
    (b"", "the file is empty"),
    (b"  \n\t\n", "the file is empty"),
    (b"text\x00with a NUL", "binary content"),
    (b"caf\xe9 au lait, said the officials", "not UTF-8 text"),
    (b"---\ntitle: [unclosed\n---\nBody text.\n", "broken YAML front matter"),
    (b"---\ntitle: T\nBody text without a closing line.\n", "never closed"),
    (b"---\npublished: last spring\n---\nBody text.\n", "'published' is not a date"),
    (b"---\npublished: 2017-02-30\n---\nBody text.\n", "'published' is not a date"),
    (b"---\ntitle: Only front matter\n---\n\n", "no text after its front matter"),
    (b"---\n- a list\n---\nBody.\n", "not a set of 'key: value' lines"),
])
def test_bad_input_fails_with_one_line_naming_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as raised:
        load_article(path)
    message = str(raised.value)
    assert message.startswith(str(path) + ": ")
    assert reason in message
    assert "\n" not in message


def test_missing_file_and_folder_are_reported(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "absent.md")
    with pytest.raises(ArticleError, match="is a folder"):
        load_article(tmp_path)


def test_yaml_front_matter_is_loaded_safely(tmp_path):
    path = tmp_path / "evil.md"
    path.write_text("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="broken YAML front matter"):
        load_article(path)


def test_a_bad_file_in_a_folder_is_skipped_and_reported(tmp_path, capsys):
    (tmp_path / "good.md").write_text("---\ntitle: Good\npublished: 2020-03-01\n---\n"
                                      "The army said on Monday that it had retaken the town.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    corpus = load_corpus(tmp_path, progress=False)
    assert [d.article_id for d in corpus.documents] == ["good"]
    assert len(corpus.errors) == 1 and "bad.md" in corpus.errors[0]
    assert list(corpus.articles.article_id) == ["good"]
    assert len(corpus.claims) >= 1
    assert "bad.md" in capsys.readouterr().err


def test_two_articles_with_one_id_keep_the_first(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.md").write_text(f"Text from {folder}.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path, progress=False)
    assert len(corpus.documents) == 1
    assert "same article id 'same'" in corpus.errors[0]


def test_only_input_files_are_listed(tmp_path):
    for name in ("a.md", "b.txt", "c.csv", ".hidden.md", "d.MD", "e.html", "f.jsonl", "g.docx", "h.json", "i.HTM"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_article_paths(tmp_path)] == ["a.md", "b.txt", "c.csv", "d.MD", "e.html", "f.jsonl",
                                                              "i.HTM"]


def test_front_matter_gives_url_author_and_format(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: T\nauthor: Jane Roe\nurl: https://news.example.org/a/1\n---\nBody.\n", encoding="utf-8")
    article = load_article(path)
    assert (article.url, article.author, article.source_format) == ("https://news.example.org/a/1", "Jane Roe", "md")
    text = tmp_path / "story.txt"
    text.write_text("Body.\n", encoding="utf-8")
    assert load_article(text).source_format == "txt" and load_article(text).url == ""


def test_the_articles_table_carries_url_author_and_format(corpus):
    row = corpus.articles.set_index("article_id").loc["2025-03-14-iraq-says-key-islamic-state-leader-is-dead"]
    assert row.url == "https://www.voanews.com/a/iraq-says-key-islamic-state-leader-is-dead/8011115.html"
    assert row.author == "Jeff Seldin" and row.source_format == "md"
    assert set(corpus.articles.source_format) == {"md"}
