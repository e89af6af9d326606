"""The story in time (helpers.analysis.timeline): events with topics and milestones, grouping across outlets,
disagreements and the densest period."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT, row
from helpers.analysis import timeline
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus
from helpers.extract import events

GOLD_ARTICLES = ROOT / "tests" / "gold" / "dates" / "articles"


@pytest.fixture(scope="module")
def seeds_story():
    corpus = load_corpus(ROOT / "seeds")
    return corpus, story_of(corpus)


@pytest.fixture(scope="module")
def test_story():
    corpus = load_corpus(GOLD_ARTICLES)
    return corpus, story_of(corpus)


def story_of(corpus):
    return timeline.story(annotations(corpus).events, corpus.analysed)


def _event(table, file, expression):
    hits = table[(table["file"] == file) & (table["expression"] == expression)]
    assert len(hits) >= 1, (file, expression)
    return hits.iloc[0]


def test_events_table_on_the_seeds(seeds_story):
    corpus, story = seeds_story
    table = story.events
    assert list(table.columns) == events.EVENT_COLUMNS
    assert len(table) == 42 and "vague" not in set(table["precision"])  # 48 gold expressions, 6 of them vague
    for r in table.itertuples(index=False):
        assert corpus.text(r.file)[r.start:r.end] == r.expression and r.expression in r.evidence
    assert list(table.groupby("file")["event_id"].apply(list).iloc[0]) == [1, 2]
    signed = _event(table, "002_516855880d70a180.txt", "October 2018")
    assert (signed["topic"], signed["milestone"]) == ("deal signed", "S-400 contract signed")
    december = _event(table, "002_516855880d70a180.txt", "December")
    assert (december["topic"], december["milestone"], december["date_start"]) == ("delivery", "first delivery", "2021-12-01")
    caatsa = _event(table, "001_3997130cec943da5.txt", "2017")
    assert (caatsa["topic"], caatsa["milestone"]) == ("sanctions/CAATSA", "CAATSA enacted")
    assert _event(table, "002_516855880d70a180.txt", "February")["topic"] == "Ukraine war"
    assert set(table["topic"]) <= {"deal signed", "delivery", "sanctions/CAATSA", "summit or visit", "Ukraine war", "other"}


def test_milestone_goes_to_the_date_of_its_phrase_not_the_interview_day(test_story):
    _, story = test_story
    table = story.events
    file = "t03_envoy_interview_month.txt"
    assert _event(table, file, "December")["milestone"] == "first delivery"
    assert _event(table, file, "the end of 2021")["milestone"] == "first delivery"
    assert _event(table, file, "today")["milestone"] == ""


def test_groups_join_mentions_of_the_same_happening_only(seeds_story, test_story):
    _, story = seeds_story
    lavrov = story.groups[(story.groups["date_start"] == "2021-04-06") & (story.groups["topic"] == "summit or visit")
                          & (story.groups["precision"] == "day")]
    assert len(lavrov) == 1 and lavrov.iloc[0]["outlets"] == "The Indian Express; ThePrint"
    # a wide range never swallows narrow events, and year-wide mentions ("last year") are never grouped
    since = story.grouped[story.grouped["expression"] == "since 2000"]
    assert (story.grouped["group_id"] == since.iloc[0]["group_id"]).sum() == 1
    wide = story.grouped[~story.grouped["precision"].isin(timeline.GROUPED_PRECISIONS)]
    assert wide["group_id"].is_unique
    _, story = test_story
    visit = story.grouped[story.grouped["expression"].isin(["6 April 2021", "April 6, 2021"])]
    assert visit["group_id"].nunique() == 1 and visit["outlet"].nunique() == 2
    # every member of a group has the group's topic and dates
    merged = story.grouped.merge(story.groups[["group_id", "topic", "date_start", "date_end"]], on="group_id", suffixes=("", "_group"))
    assert (merged["date_start"] == merged["date_start_group"]).all() and (merged["topic"] == merged["topic_group"]).all()


def test_last_year_in_two_articles_is_not_one_happening(make_corpus):
    folder = make_corpus({
        "a.txt": "Report one\n\nLast year the two sides met in Moscow to talk about trade, officials said.\n",
        "b.txt": "Report two\n\nLast year the ministers met in Delhi on a different matter, a source said.\n",
    }, rows=[row("a.txt", "Outlet A", "2022-06-01"), row("b.txt", "Outlet B", "2022-08-01")])
    story = story_of(load_corpus(folder))
    assert len(story.grouped) == 2 and story.grouped["group_id"].nunique() == 2
    assert story.groups["n_outlets"].max() == 1


def test_milestone_consensus_and_the_outlets_that_differ(seeds_story, make_corpus):
    _, story = seeds_story
    first = story.summary.set_index("milestone").loc["first delivery"]
    # 2020's "expected by the end of 2021" is a forecast: only the Times of India's December 2021 happened
    assert (first["status"], first["planned"]) == ("one outlet", 1)
    assert (first["date_start"], first["date_end"]) == ("2021-12-01", "2021-12-31")
    folder = make_corpus({
        "a.txt": "Envoy on deliveries\n\nRussia began deliveries of the first regiment in December 2021, the envoy said.\n",
        "b.txt": "Report on deliveries\n\nRussia began deliveries of the first regiment in March 2022, officials said.\n",
        "c.txt": "Another report\n\nThe first batch arrived in December 2021, a source said.\n",
        "d.txt": "A third outlet\n\nThe first batch of the system arrived in December 2021, the ministry said.\n",
    }, rows=[row("a.txt", "Outlet A", "2022-06-01"), row("b.txt", "Outlet B", "2022-06-01"), row("c.txt", "Outlet A", "2022-06-02"),
             row("d.txt", "Outlet C", "2022-06-03")])
    story = story_of(load_corpus(folder))
    summary = story.summary.set_index("milestone").loc["first delivery"]
    assert (summary["date_start"], summary["date_end"], summary["status"]) == ("2021-12-01", "2021-12-31", "differ")
    assert (summary["outlets"], summary["agreeing"], summary["differing"], summary["differing_outlets"]) == (3, 2, 1, "Outlet B")
    off = story.milestones[~story.milestones["agrees"]]
    assert list(off["expression"]) == ["March 2022"] and list(off["off_by_days"]) == [60]


def test_a_forecast_is_not_a_happening(make_corpus):
    folder = make_corpus({
        "a.txt": "Deliveries\n\nThe first batch will be delivered by the end of 2023, the envoy said.\n",
        "b.txt": "Deliveries\n\nThe first batch arrived in December 2021, officials said.\n",
    }, rows=[row("a.txt", "Outlet A", "2021-06-01"), row("b.txt", "Outlet B", "2022-06-01")])
    story = story_of(load_corpus(folder))
    m = story.milestones.set_index("file")
    assert bool(m.loc["a.txt", "planned"]) and not bool(m.loc["b.txt", "planned"])
    assert bool(m.loc["b.txt", "agrees"]) and not bool(m.loc["a.txt", "agrees"])
    summary = story.summary.set_index("milestone").loc["first delivery"]
    assert (summary["status"], summary["planned"], summary["date_start"]) == ("one outlet", 1, "2021-12-01")


def test_coverage_counts_every_article_once_and_spreads_a_month_over_its_weeks():
    articles = pd.DataFrame({"file": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
                             "date_start": ["2021-03-01", "2021-03-03", "2021-03-01"],
                             "date_end": ["2021-03-01", "2021-03-03", "2021-03-31"]})
    assert timeline.period_for(articles) == "week"
    weekly = timeline.coverage(articles, "week")
    assert weekly["articles"].sum() == pytest.approx(3.0)
    assert weekly[weekly["outlet"] == "Y"]["period"].tolist() == ["2021-W09", "2021-W10", "2021-W11", "2021-W12", "2021-W13"]
    monthly = timeline.coverage(articles, "month")
    assert monthly.set_index("outlet")["articles"].to_dict() == {"X": 2.0, "Y": 1.0}
    long = articles.assign(date_end=["2021-03-01", "2030-03-03", "2021-03-31"])
    assert timeline.period_for(long) == "quarter"


def test_densest_period():
    table = pd.DataFrame({"date_start": ["2021-01-05", "2021-02-01", "2021-03-10", "2023-01-01", "2019-01-01"],
                          "date_end": ["2021-01-05", "2021-02-28", "2021-03-10", "2023-01-01", "2022-12-31"]})
    assert timeline.densest_period(table, months=3) == {"start": "2021-01-01", "end": "2021-03-31", "mentions": 3}
    assert timeline.densest_period(table.iloc[:0], months=3)["mentions"] == 0


def test_empty_and_foreign_corpora(make_corpus):
    folder = make_corpus({"a.txt": "Nothing dated\n\nIndia and Russia talked about trade and culture at length.\n"},
                         rows=[row("a.txt")])
    story = story_of(load_corpus(folder))
    assert story.events.empty and story.groups.empty and story.milestones.empty and story.densest["mentions"] == 0
    assert list(story.events.columns) == events.EVENT_COLUMNS
