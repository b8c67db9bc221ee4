"""Properties that hold for any input text: nothing raises, every span indexes its body, the tables keep
the contract, ids are unique, and the same input gives the same tables.

The number of examples comes from the hypothesis profile (see conftest.py: `dev`, `ci`, `long`); the seed
is printed in the pytest header and under a failure.
"""
import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import yaml
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from helpers import ArticleError, load_article, load_corpus
from helpers.articles import Article
from helpers.corpus import assemble_tables
from helpers.extract import extract_articles, split_text
from helpers.pipeline import get_pipeline
from helpers.tables import BOOLEAN_COLUMNS, COLUMNS, INTEGER_COLUMNS, SPAN_COLUMNS, TABLE_NAMES, make_table

from .conftest import HYPOTHESIS_SEED

ID_COLUMNS = {"articles": ["article_id"], "mentions": ["article_id", "mention_id"], "actors": ["actor_id"],
              "claims": ["article_id", "claim_id"], "timeline": ["article_id", "timex_id"],
              "relations": ["article_id", "relation_id"]}

# Words the extractors react to, so that generated text reaches their rules, not only the tokenizer.
NEWS_WORDS = [
    "the", "army", "said", "on", "Monday", "that", "rebels", "took", "town", "near", "Mosul", "Iraqi", "forces",
    "ISIS", "Hezbollah", "supports", "fought", "against", "Bashar", "al-Assad", "told", "reporters",
    "according", "to", "last", "week", "2017", "May", "29", "U.S.-backed", "Popular", "Mobilization", "Forces",
    "(PMF)", "Mr.", "Syria", "Iran", "backs", "allied", "with", "leader", "of", "spokesman", "statement",
    "tomorrow", "in", "March", "two", "days", "ago", "will", "may", "not", "denied", "Reuters", "cited", "by",
    "he", "she", "they", "it", "and", "a", "an", "who", "claimed", "attack", "killed", "since", "2014",
]
ODD_PIECES = [
    '"', "“", "”", "'", "‘", "’", "«", "»", "—", "…", "(", ")", "[", "]", "[1]",
    "<p>", "</p>", "<b>", "<script>alert(1)</script>", "&amp;", "&#x27;", "<!-- -->",
    "---", "---\ntitle: x\n---", "# Heading", "* item", "> quoted", "[link](http://example.com)", "{{x}}",
    "مرحبا", "قال الجيش", "שלום", "日本語", "Привет", "ελληνικά", "\u200f", "\u200e", "\u202e", "\u2067",
    "😀", "👩\u200d👩\u200d👧", "🇮🇶", "e\u0301", "\u00a0", "\u2028", "\u2029", "\u0085", "\u200b", "\ufeff",
    "\x00", "\x07", "\x1b[31m", "\x0c", "\x0b", "\r", "\t", "\ud7ff", "\U0010fffd",
]
# Whole sentences that the claim, timeline and relation rules are written for.
NEWS_SENTENCES = [
    "Iran supports Hezbollah.", "The PMF fought ISIS near Baaj on Monday.", "Russia backs Bashar al-Assad.",
    '"We will not stop," said Hadi al-Amiri, the leader of the Badr Organization.',
    "Iraqi forces, backed by the U.S.-led coalition, attacked Islamic State fighters last week.",
    "According to Reuters, the Syrian army clashed with Kurdish YPG fighters in 2016.",
    "Turkey criticized the United States for arming the YPG, a spokesman told reporters.",
    "Abu Mahdi al-Muhandis, a PMF commander, said the group is allied with Iran.",
    "The Popular Mobilization Forces (PMF) said in a statement on its website that it took the villages.",
    "Hezbollah praised the attack, Al-Manar reported on Tuesday.", "ISIS is a member of no coalition.",
    "The ministry denied the report, saying 'the claims are false'.", "He said they may withdraw next month.",
]
SEPARATORS = [" ", " ", " ", " ", "", "\n", "\r\n", "\n\n", "\r\n\r\n", ", ", ". ", "; ", ": ", "\t", "  ", " - "]

news_piece = st.one_of(st.sampled_from(NEWS_WORDS), st.sampled_from(NEWS_WORDS), st.sampled_from(NEWS_SENTENCES),
                       st.sampled_from(ODD_PIECES), st.text(max_size=4))
newsish_body = st.lists(st.tuples(news_piece, st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pieces: "".join(word + separator for word, separator in pieces))
whitespace_body = st.text(alphabet=" \t\r\n\x0b\x0c\u00a0\u2028\u2029\u3000\u200b", max_size=20)
bodies = st.one_of(newsish_body, newsish_body, newsish_body, st.text(max_size=120), whitespace_body)


def extract_tables(articles):
    """The public path without files: extract each article, then assemble the corpus tables."""
    results = list(extract_articles(articles, get_pipeline()))
    failed = [result.error for result in results if result.error]
    assert not failed, failed
    return assemble_tables(results)


def check_contract(tables, bodies_by_id):
    """Columns, dtypes, unique ids and exact spans in every table."""
    assert list(tables) == TABLE_NAMES
    for name, frame in tables.items():
        assert list(frame.columns[:len(COLUMNS[name])]) == COLUMNS[name], name
        for column in frame.columns:
            expected = "Int64" if column in INTEGER_COLUMNS else "boolean" if column in BOOLEAN_COLUMNS else "string"
            assert str(frame[column].dtype) == expected, (name, column, frame[column].dtype)
        pd.testing.assert_frame_equal(make_table(name, frame), frame)
        assert not frame.duplicated(ID_COLUMNS[name]).any(), (name, frame[ID_COLUMNS[name]])
    assert set(tables["articles"].article_id) == set(bodies_by_id)
    for name, spans in SPAN_COLUMNS.items():
        for row in tables[name].to_dict("records"):
            body = bodies_by_id[row["article_id"]]
            for start, end, text in spans:
                if pd.isna(row[start]) and pd.isna(row[end]):
                    continue
                assert 0 <= row[start] <= row[end] <= len(body), (name, start, row)
                if text:
                    assert body[row[start]:row[end]] == row[text], (name, start, row)


def check_references(tables):
    """Every actor id used in another table names a row of the actors table."""
    known = set(tables["actors"].actor_id)
    for name, columns in (("mentions", ["actor_id"]), ("claims", ["speaker_actor_id", "via_actor_id"]),
                          ("relations", ["source_actor_id", "target_actor_id"])):
        for column in columns:
            used = set(tables[name][column].dropna()) - {""}
            assert used <= known, (name, column, used - known)


@seed(HYPOTHESIS_SEED)
@given(st.lists(bodies, min_size=1, max_size=3),
       st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_any_text_gives_contract_tables_with_exact_spans_every_time(texts, published):
    articles = [Article(f"a{number}", f"a{number}.md", text, published=published)
                for number, text in enumerate(texts, 1)]
    tables = extract_tables(articles)
    check_contract(tables, {article.article_id: article.body for article in articles})
    check_references(tables)
    again = extract_tables(articles)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(tables[name], again[name])


@seed(HYPOTHESIS_SEED)
@given(bodies, st.integers(min_value=1, max_value=80))
def test_split_text_pieces_fit_and_join_back(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces) or text == ""


@seed(HYPOTHESIS_SEED)
@settings(max_examples=max(25, settings.default.max_examples // 4))
@given(newsish_body, st.integers(min_value=5, max_value=60))
def test_a_text_parsed_in_pieces_keeps_every_offset(text, max_length):
    nlp = get_pipeline().nlp
    saved = nlp.max_length
    nlp.max_length = max_length
    try:
        tables = extract_tables([Article("long", "long.md", text)])
    finally:
        nlp.max_length = saved
    check_contract(tables, {"long": text})


# Files: far fewer examples, since each writes a file and loads a corpus.
front_matter_values = st.one_of(st.text(max_size=30), st.dates().map(str), st.integers(), st.none(),
                                st.lists(st.text(max_size=5), max_size=2))
front_matter = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(["title", "outlet", "published", "author", "tags"]), front_matter_values,
                    max_size=4).map(lambda meta: "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"),
    st.lists(st.sampled_from(["title: T", "published: 2020-02-30", "published: 2021-05-06", "key: [unclosed",
                              "- item", ": :", "outlet: 'VOA'", "\ttab: x"]), max_size=3).map(
        lambda lines: "---\n" + "".join(line + "\n" for line in lines) + "---\n"),
)


@seed(HYPOTHESIS_SEED)
@settings(max_examples=max(20, settings.default.max_examples // 10))
@given(front_matter, bodies, st.sampled_from([".md", ".txt", ".markdown"]), st.booleans(), st.booleans())
def test_any_file_is_read_or_refused_in_one_line(header, body, suffix, bom, crlf):
    text = (header or "") + body
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"story{suffix}"
        path.write_bytes(data)
        try:
            article = load_article(path)
        except ArticleError as error:
            message = str(error)
            assert message.startswith(f"{path}: ") and "\n" not in message
            article = None
        corpus = load_corpus(folder, progress=False, cache=False)
        if article is None:
            assert corpus.documents == [] and len(corpus.errors) == 1
            for name in TABLE_NAMES:
                assert corpus.tables[name].empty and list(corpus.tables[name].columns[:len(COLUMNS[name])]) == COLUMNS[name]
            return
        assert text.endswith(article.body) and article.body.strip()
        assert corpus.errors == []
        check_contract(corpus.tables, {article.article_id: article.body})
