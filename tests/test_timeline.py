"""Tests of the timeline (TIMEX3) extractor on the first article and on small sentences written for them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.articles import load_article
from helpers.nlp import load_model
from helpers.timeline import extract_timeline, infer_reference_date

ROOT = Path(__file__).resolve().parents[1]
FIRST_ARTICLE = ROOT / "data" / "articles" / "2017-05-30-pmf-border-villages.md"
TIMEBANK = ROOT.parent / "shared" / "corpora" / "timebank"
REF = dt.date(2017, 5, 30)  # a Tuesday


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def first_rows(nlp):
    article = load_article(FIRST_ARTICLE)
    return extract_timeline(nlp(article.body), article.article_id, article.published)


def rows_for(nlp, text, ref=REF):
    return extract_timeline(nlp(text), "test", ref)


def only(rows, text):
    found = [row for row in rows if row["text"] == text]
    assert len(found) == 1, f"expected one {text!r} in {[r['text'] for r in rows]}"
    return found[0]


# ------------------------------------------------------------ the first article

def test_first_article_may_29_and_every_monday(first_rows):
    mondays = [row for row in first_rows if row["text"] == "Monday"]
    assert len(mondays) == 3
    for row in mondays + [only(first_rows, "May 29")]:
        assert (row["type"], row["value"]) == ("DATE", "2017-05-29")
        assert row["date_start"] == row["date_end"] == "2017-05-29"


def test_first_article_next_two_days_anchored_to_the_monday(first_rows):
    row = only(first_rows, "the next two days")
    assert (row["type"], row["value"]) == ("DURATION", "P2D")
    # Said on Monday 29 May (the date in the same sentence), not on the publication date.
    assert (row["date_start"], row["date_end"]) == ("2017-05-30", "2017-05-31")
    monday = only(first_rows, "May 29")
    said = [r for r in first_rows if r["text"] == "Monday" and r["event_text"] == "told"]
    assert row["anchor"] == f"speech:{said[0]['timex_id']}" and said[0]["value"] == monday["value"]
    assert row["event_status"] == "planned" and row["direction"] == "future"


def test_first_article_weekend(first_rows):
    row = only(first_rows, "the weekend")
    assert (row["type"], row["value"], row["granularity"]) == ("DATE", "2017-W21-WE", "weekend")
    assert (row["date_start"], row["date_end"]) == ("2017-05-27", "2017-05-28")
    assert row["event_text"] == "started" and row["event_status"] == "happened"


def test_first_article_six_year_rebellion_is_a_length_not_dates(first_rows):
    row = only(first_rows, "six-year")
    assert (row["type"], row["value"]) == ("DURATION", "P6Y")
    assert row["event_text"] == "rebellion"
    assert row["date_start"] is None and row["date_end"] is None  # nothing in its sentence says when it ends
    assert (row["anchor"], row["direction"]) == (None, "none")


def test_first_article_ramadan_and_contract(first_rows):
    row = only(first_rows, "Ramadan")
    assert (row["date_start"], row["date_end"]) == ("2017-05-27", "2017-06-24")
    assert list(first_rows[0])[:10] == ["article_id", "timex_id", "start", "end", "text", "type", "value",
                                        "date_start", "date_end", "event_text"]
    assert [row["timex_id"] for row in first_rows] == [f"t{i}" for i in range(1, len(first_rows) + 1)]


def test_spans_are_exact(first_rows, nlp):
    article = load_article(FIRST_ARTICLE)
    text = nlp(article.body).text
    for row in first_rows:
        assert text[row["start"]:row["end"]] == row["text"]
        if row["event_text"]:
            assert text[row["event_start"]:row["event_end"]] == row["event_text"]


# ------------------------------------------------------------ phenomena

def test_weekday_by_tense(nlp):
    past = only(rows_for(nlp, "The rebels attacked the base on Friday."), "Friday")
    future = only(rows_for(nlp, "The minister will visit the camp on Friday."), "Friday")
    same_day = only(rows_for(nlp, "Talks resumed on Tuesday."), "Tuesday")
    nxt = only(rows_for(nlp, "They met again next Tuesday."), "next Tuesday")
    assert past["value"] == "2017-05-26" and past["event_status"] == "happened"
    assert future["value"] == "2017-06-02" and future["event_status"] == "planned"
    assert same_day["value"] == "2017-05-30"
    assert nxt["value"] == "2017-06-06"


def test_explicit_date_next_to_weekday(nlp):
    rows = rows_for(nlp, "Officials said on Thursday (June 1) that the road had reopened.", ref=dt.date(2017, 6, 3))
    assert only(rows, "Thursday")["value"] == only(rows, "June 1")["value"] == "2017-06-01"


def test_two_days_later_anchors_to_the_text(nlp):
    rows = rows_for(nlp, "The offensive began on March 3, 2016. Two days later the town fell.")
    row = only(rows, "Two days later")
    assert row["value"] == "2016-03-05" and row["anchor"] == "text:t1"


def test_relative_words(nlp):
    rows = rows_for(nlp, "Yesterday the army said it had retaken the hill last week; "
                         "earlier this month it lost two villages, and it hopes to win next year.")
    assert only(rows, "Yesterday")["value"] == "2017-05-29"
    last_week = only(rows, "last week")
    assert last_week["value"] == "2017-W21" and last_week["date_start"] == "2017-05-22"
    assert only(rows, "earlier this month")["value"] == "2017-05"
    assert only(rows, "next year")["value"] == "2018"


def test_today_tomorrow_now(nlp):
    rows = rows_for(nlp, "Fighting continues today and the talks open tomorrow, but the city is now quiet.")
    assert only(rows, "today")["value"] == "2017-05-30"
    assert only(rows, "tomorrow")["value"] == "2017-05-31"
    assert only(rows, "now")["value"] == "PRESENT_REF"


def test_the_past_decade(nlp):
    row = only(rows_for(nlp, "The region has seen three wars in the past decade."), "the past decade")
    assert (row["type"], row["value"]) == ("DURATION", "P10Y")
    assert (row["date_start"], row["date_end"]) == ("2007-05-31", "2017-05-30")


def test_bare_month_takes_its_year_from_the_tense(nlp):
    past = only(rows_for(nlp, "The siege began in September."), "September")
    future = only(rows_for(nlp, "Elections will be held in September."), "September")
    assert past["value"] == "2016-09" and future["value"] == "2017-09"
    assert (past["date_start"], past["date_end"]) == ("2016-09-01", "2016-09-30")


def test_christmas(nlp):
    row = only(rows_for(nlp, "The ceasefire collapsed at Christmas."), "Christmas")
    assert row["value"] == "2016-12-25"
    future = only(rows_for(nlp, "The troops will be home for Christmas."), "Christmas")
    assert future["value"] == "2017-12-25"


def test_ramadan_2017_through_hijridate(nlp):
    row = only(rows_for(nlp, "The truce held during Ramadan 2017.", ref=None), "Ramadan 2017")
    assert (row["date_start"], row["date_end"]) == ("2017-05-27", "2017-06-24")
    eid = only(rows_for(nlp, "Prisoners were released before Eid al-Fitr."), "Eid al-Fitr")
    assert eid["date_start"] == "2016-07-06"


def test_every_monday_is_a_set(nlp):
    row = only(rows_for(nlp, "Protesters gather every Monday in the square."), "every Monday")
    assert (row["type"], row["value"], row["date_start"]) == ("SET", "XXXX-WXX-1", None)


def test_durations_and_quarters(nlp):
    rows = rows_for(nlp, "The 72-hour truce, agreed for three months, ended in the third quarter of 2016.")
    assert only(rows, "72-hour")["value"] == "PT72H"
    assert only(rows, "three months")["value"] == "P3M"
    assert only(rows, "the third quarter of 2016")["value"] == "2016-Q3"


def test_underspecified_without_reference_date(nlp):
    rows = rows_for(nlp, "The army announced on Monday (May 29) that it would withdraw next week.", ref=None)
    assert only(rows, "May 29")["value"] == "XXXX-05-29"
    assert only(rows, "Monday")["value"] == "XXXX-WXX-1"
    for row in rows:
        assert row["date_start"] is None and row["date_end"] is None


def test_infer_reference_date(nlp):
    doc = nlp("Talks began in 2016. The envoy arrived on Monday (May 29) and met the leaders.")
    assert infer_reference_date(doc) == dt.date(2017, 5, 29)
    assert infer_reference_date(nlp("Nothing here says when.")) is None


@pytest.mark.parametrize("text", [
    "", " ", "\u200b\u202e😀 ???", "in 99999999 years", "on February 30, 2017", "9999-99-99",
    "the 99th century", "at 25:70 p.m.", "May", "every 0 days", "Ramadan 1800", "Ramadan 3000",
    "the last 10000000000000000000000 decades", "Monday Monday Monday (May 29) (Feb 31)",
])
def test_odd_input_never_raises(nlp, text):
    for ref in (REF, None, dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        rows = rows_for(nlp, text, ref)
        for row in rows:
            assert text[row["start"]:row["end"]] == row["text"]


def test_timebank_first_file_if_present(nlp):
    if not TIMEBANK.is_dir():
        pytest.skip(f"TimeBank corpus not found at {TIMEBANK} (../shared is not available)")
    from benchmarks.timeline import read_tml, score

    path = sorted((TIMEBANK / "TimeBank").glob("*.tml"))[0]
    gold = read_tml(path)
    rows = extract_timeline(nlp(gold.text), path.stem, gold.dct)
    result = score(gold.timexes, rows)
    assert result.relaxed >= 0.7 * result.gold


def test_the_fall_of_a_city_is_an_event_not_a_season(nlp):
    assert rows_for(nlp, "Since the fall of the Assad regime, the militias have regrouped.") == []
    fall = rows_for(nlp, "The offensive is expected in the fall of 2018.")
    assert [(r["text"], r["value"]) for r in fall] == [("the fall of 2018", "2018-FA")]


# ------------------------------------------------------------ direction from the clause

SUNDAY = dt.date(2021, 5, 9)


@pytest.mark.parametrize("text, expression, value", [
    ("The minister said that all foreign troops would be out by September 11.", "September 11", "2021-09-11"),
    ("Every checkpoint will stay closed until August 2, the governor warned.", "August 2", "2021-08-02"),
    ("The rebels extended their ceasefire to June 30 after talks in Doha.", "June 30", "2021-06-30"),
    ("The dividend is payable Jan. 14 to holders of record.", "Jan. 14", "2022-01-14"),
    ("The new curfew takes effect Nov. 13.", "Nov. 13", "2021-11-13"),
    ("The convoy has been stranded at the border since October.", "October", "2020-10"),
])
def test_deadlines_and_forward_words_point_ahead(nlp, text, expression, value):
    row = only(rows_for(nlp, text, ref=SUNDAY), expression)
    assert row["value"] == value
    assert row["direction"] == ("past" if value < "2021-05" else "future")


def test_a_declared_day_is_the_coming_one(nlp):
    rows = rows_for(nlp, "The president declared Tuesday as a national day of mourning for the victims.", ref=SUNDAY)
    row = only(rows, "Tuesday")
    assert row["value"] == "2021-05-11"  # published on Sunday 9 May: the coming Tuesday
    assert row["direction"] == "future"
    said = only(rows_for(nlp, "The president declared Tuesday that the siege was over.", ref=SUNDAY), "Tuesday")
    assert said["value"] == "2021-05-04"  # the day of the declaring, not a day declared


def test_weekday_with_its_date_fixes_the_year(nlp):
    rows = rows_for(nlp, "The paper wrote in an editorial on Saturday, April 25: the court erred.",
                    ref=dt.date(1998, 4, 24))
    assert only(rows, "Saturday, April 25")["value"] == "1998-04-25"


def test_present_tense_and_modals_take_the_nearest_day(nlp):
    thursday = dt.date(2021, 5, 6)
    meet = only(rows_for(nlp, "The two envoys meet separately Monday with the mediator.", ref=dt.date(2021, 5, 7)),
                "Monday")
    located = only(rows_for(nlp, "Neither of the doctors could be reached Wednesday.", ref=thursday), "Wednesday")
    assert meet["value"] == "2021-05-10" and located["value"] == "2021-05-05"


# ------------------------------------------------------------ relative spans and durations

SATURDAY = dt.date(2021, 5, 8)


def test_the_past_week_ends_on_the_day_it_was_said(nlp):
    rows = rows_for(nlp, "On Saturday the army said that it had killed 300 militants in the past week.",
                    ref=dt.date(2021, 5, 10))
    row = only(rows, "the past week")
    assert (row["type"], row["value"]) == ("DURATION", "P1W")
    assert (row["date_start"], row["date_end"]) == ("2021-05-02", "2021-05-08")
    assert row["anchor"] == f"speech:{only(rows, 'Saturday')['timex_id']}" and row["direction"] == "past"


def test_the_last_seven_days_end_on_the_publication_day(nlp):
    row = only(rows_for(nlp, "Police arrested 40 protesters in the last seven days.", ref=SATURDAY),
               "the last seven days")
    assert (row["value"], row["date_start"], row["date_end"]) == ("P7D", "2021-05-02", "2021-05-08")
    assert (row["anchor"], row["direction"]) == ("published", "past")


def test_a_duration_without_an_anchor_has_no_dates(nlp):
    rows = rows_for(nlp, "The plot, first discussed in 2022, involved a seven-day stakeout of the airport.",
                    ref=dt.date(2025, 3, 14))
    row = only(rows, "seven-day")
    assert (row["type"], row["value"], row["date_start"], row["date_end"]) == ("DURATION", "P7D", None, None)
    since = only(rows_for(nlp, "In the two years since the coup, the economy has shrunk by a third.", ref=SUNDAY),
                 "the two years")
    assert (since["date_start"], since["date_end"]) == ("2019-05-10", "2021-05-09")


def test_the_year_before_takes_the_year_of_the_story(nlp):
    rows = rows_for(nlp, "The militia seized the dam in 2016. The year before, it had lost its commander, "
                         "officials said on Thursday.", ref=SUNDAY)
    assert only(rows, "The year before")["value"] == "2015"
    rows = rows_for(nlp, "The militia seized the dam in 2016, officials said on Thursday. "
                         "Its commander had been killed the previous year.", ref=SUNDAY)
    assert only(rows, "the previous year")["value"] == "2015"
    rows = rows_for(nlp, "Officials warned in July that attacks had doubled from the previous year.",
                    ref=dt.date(2025, 3, 14))
    assert only(rows, "the previous year")["value"] == "2023"  # a saying dated in the story still anchors it


def test_earlier_this_month_and_the_coming_days(nlp):
    rows = rows_for(nlp, "Officials said earlier this month that the talks would resume in the coming days.",
                    ref=dt.date(2021, 5, 12))
    earlier = only(rows, "earlier this month")
    assert (earlier["value"], earlier["date_start"], earlier["date_end"]) == ("2021-05", "2021-05-01", "2021-05-12")
    assert earlier["direction"] == "past"
    coming = only(rows, "the coming days")
    assert (coming["value"], coming["date_start"], coming["date_end"]) == ("PXD", "2021-05-13", None)
    assert coming["direction"] == "future"


# ------------------------------------------------------------ years and days in words, decades

def test_years_and_days_read_out(nlp):
    rows = rows_for(nlp, "The station opened in nineteen ninety-six, two thousand troops guarded it in January "
                         "nineteen ninety-seven, and it closed before the year two thousand.", ref=dt.date(1998, 3, 3))
    assert [(r["text"], r["value"]) for r in rows] == [
        ("nineteen ninety-six", "1996"), ("January nineteen ninety-seven", "1997-01"),
        ("the year two thousand", "2000")]
    vote = only(rows_for(nlp, "The vote is this coming Sunday, March eighth.", ref=dt.date(1998, 3, 3)),
                "this coming Sunday, March eighth")
    assert vote["value"] == "1998-03-08"


def test_decades_written_in_full(nlp):
    rows = rows_for(nlp, "Attacks on the pipeline peaked in the 1990s and fell in the early 2000s.")
    assert [(r["text"], r["value"]) for r in rows] == [("the 1990s", "199"), ("the early 2000s", "200")]


def test_quarters_reported_and_compared(nlp):
    october = dt.date(2019, 10, 28)
    rows = rows_for(nlp, "The refinery said it expects to report a third-quarter loss.", ref=october)
    assert only(rows, "third-quarter")["value"] == "2019-Q3"  # the quarter just ended, not next year's
    rows = rows_for(nlp, "Sales fell in the third quarter. In the 2018 quarter, the company earned $5 million.",
                    ref=october)
    assert only(rows, "the 2018 quarter")["value"] == "2018-Q3"


def test_fiscal_years_halves_and_parts_of_a_year(nlp):
    october = dt.date(2019, 10, 28)
    ended = only(rows_for(nlp, "For the year ended March 31, the mill lost $2 million.", ref=october), "the year")
    assert (ended["type"], ended["value"]) == ("DURATION", "P1Y")
    assert (ended["date_start"], ended["date_end"]) == ("2018-04-01", "2019-03-31")
    rows = rows_for(nlp, "Output will fall in the last half of 2019 and the first half of 2020.", ref=october)
    assert [r["value"] for r in rows] == ["2019-H2", "2020-H1"]
    later = only(rows_for(nlp, "He fled in June 2016 and returned later that year.", ref=october), "later that year")
    assert later["value"] == "2016"
    earlier = only(rows_for(nlp, "The dam was finished in 2012. Floods had delayed the work earlier in the year.",
                            ref=october), "earlier in the year")
    assert earlier["value"] == "2012"


def test_previous_weekday_past_perfect_and_week_of(nlp):
    monday = dt.date(2019, 10, 28)
    rows = rows_for(nlp, "Shares fell on Friday. The index closed 4% below the previous Friday.", ref=monday)
    assert only(rows, "the previous Friday")["value"] == "2019-10-18"
    due = only(rows_for(nlp, "The offer had been due to expire Friday evening.", ref=monday), "Friday evening")
    assert due["value"] == "2019-10-25TEV"
    week = only(rows_for(nlp, "A hearing is expected the week of Nov. 4.", ref=monday), "the week of Nov. 4")
    assert week["value"] == "2019-W45"
    shot = only(rows_for(nlp, "He was shot last Oct. 23 at his home.", ref=dt.date(2020, 4, 19)), "last Oct. 23")
    assert shot["value"] == "2019-10-23"
    rows = rows_for(nlp, "The firefight lasted an hour and a half; the siege, a year and a half.")
    assert [r["value"] for r in rows] == ["PT1H30M", "P1Y6M"]


# ------------------------------------------------------------ the figure

def test_figure_keeps_undated_durations_off_the_date_axis(nlp):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import plots
    from helpers.tables import make_table

    text = ("The plot, first discussed in 2022, involved a seven-day stakeout of the airport. "
            "Officials said on March 3, 2025 that the suspects would be tried in the coming days. "
            "The police arrested them on Tuesday.")
    rows = make_table("timeline", rows_for(nlp, text, ref=dt.date(2025, 3, 14)))
    ax = plots.timeline(rows, published="2025-03-14", title="test")
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert not any("seven-day" in label for label in labels)
    notes = [t.get_text() for other in ax.figure.axes for t in other.texts]
    assert any("seven-day" in note and "Undated" in note for note in notes)
    assert any("the coming days" in label and "from 2025-03-04" in label for label in labels)
    faces = {}
    for line in ax.get_lines():
        if len(line.get_ydata()) == 1 and line.get_marker() not in ("|", "<", ">"):
            faces[labels[int(line.get_ydata()[0])].split(" —")[0]] = line.get_markerfacecolor()
    assert faces["Tuesday"] == "white" and faces["March 3, 2025"] != "white"  # inferred hollow, stated filled
    plt.close(ax.figure)


def test_rates_shares_and_open_ended_years(nlp):
    rows = rows_for(nlp, "The mine earns $2 million a year and ships ore four times a week.")
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [("a year", "SET", "P1Y"), ("a week", "SET", "P1W")]
    assert rows_for(nlp, "The country imports about three-quarters of its food.") == []
    rows = rows_for(nlp, "Output will recover in the weeks ahead, by the end of the year or in 2019 or later.")
    assert [r["text"] for r in rows] == ["the weeks ahead", "the end of the year", "2019 or later"]
    assert only(rows, "the end of the year")["value"] == "2017"
    rows = rows_for(nlp, "Sales rose in the third quarter, the company said. Costs also fell in the quarter.",
                    ref=dt.date(2017, 10, 30))
    assert only(rows, "the quarter")["value"] == "2017-Q3"
