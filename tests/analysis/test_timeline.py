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


def test_groups_join_outlets_dating_the_same_event(seeds_story, test_story):
    _, story = seeds_story
    lavrov = story.groups[(story.groups["date_start"] == "2021-04-06") & (story.groups["topic"] == "summit or visit")]
    assert len(lavrov) == 1 and lavrov.iloc[0]["outlets"] == "The Indian Express; ThePrint"
    # a wide range never swallows narrow events
    since = story.grouped[story.grouped["expression"] == "since 2000"]
    assert (story.grouped["group_id"] == since.iloc[0]["group_id"]).sum() == 1
    _, story = test_story
    visit = story.grouped[story.grouped["expression"].isin(["6 April 2021", "April 6, 2021"])]
    assert visit["group_id"].nunique() == 1 and visit["outlet"].nunique() == 2
    # every member of a group shares the group's dates
    merged = story.grouped.merge(story.groups[["group_id", "date_start", "date_end"]], on="group_id", suffixes=("", "_group"))
    assert ((merged["date_start"] <= merged["date_end_group"]) & (merged["date_start_group"] <= merged["date_end"])).all()
    assert (story.groups["date_start"] <= story.groups["date_end"]).all()


def test_milestone_pairs_agree_and_disagree(seeds_story, make_corpus):
    _, story = seeds_story
    first = story.pairs[story.pairs["milestone"] == "first delivery"]
    assert list(first["verdict"]) == ["agree"]  # 'by the end of 2021' contains December 2021
    folder = make_corpus({
        "a.txt": "Envoy on deliveries\n\nRussia began deliveries of the first regiment in December 2021, the envoy said.\n",
        "b.txt": "Report on deliveries\n\nRussia began deliveries of the first regiment in March 2022, officials said.\n",
        "c.txt": "Another report\n\nThe first batch arrived in December 2021, a source said.\n",
    }, rows=[row("a.txt", "Outlet A", "2022-06-01"), row("b.txt", "Outlet B", "2022-06-01"), row("c.txt", "Outlet A", "2022-06-02")])
    corpus = load_corpus(folder)
    pairs = story_of(corpus).pairs
    assert len(pairs) == 2  # same-outlet pair a/c is not compared
    assert list(pairs["verdict"]) == ["disagree", "disagree"]
    assert set(pairs["expression_a"]) | set(pairs["expression_b"]) == {"December 2021", "March 2022"}
    assert pairs["evidence_b"].str.contains("March 2022").all()


def test_densest_period():
    table = pd.DataFrame({"date_start": ["2021-01-05", "2021-02-01", "2021-03-10", "2023-01-01", "2019-01-01"],
                          "date_end": ["2021-01-05", "2021-02-28", "2021-03-10", "2023-01-01", "2022-12-31"]})
    assert timeline.densest_period(table, months=3) == {"start": "2021-01-01", "end": "2021-03-31", "mentions": 3}
    assert timeline.densest_period(table.iloc[:0], months=3)["mentions"] == 0


def test_empty_and_foreign_corpora(make_corpus):
    folder = make_corpus({"a.txt": "Nothing dated\n\nIndia and Russia talked about trade and culture at length.\n"},
                         rows=[row("a.txt")])
    story = story_of(load_corpus(folder))
    assert story.events.empty and story.groups.empty and story.pairs.empty and story.densest["mentions"] == 0
    assert list(story.events.columns) == events.EVENT_COLUMNS
