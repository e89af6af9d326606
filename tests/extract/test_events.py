"""Dated mentions of one article (helpers.extract.events): the topic list and its errors, topics and milestones."""
from __future__ import annotations

import pytest

from helpers.extract import dates, events, frames
from helpers.knowledge import KnowledgeFileError


def test_bad_topic_list_names_file_and_line(tmp_path):
    path = tmp_path / "event_topics.csv"
    path.write_text("topic,source,value,milestone,description\n"
                    "delivery,frame,no_such_frame,,x\n"
                    "delivery,keyword,(unclosed,,x\n"
                    "delivery,milestone,first batch,,x\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError) as err:
        events.load_topics(path)
    message = str(err.value)
    assert "event_topics.csv line 2" in message and "line 3" in message and "line 4" in message


def test_article_events_is_a_pure_function_of_one_articles_annotations():
    """Hand-made article: the vague "recent years" is left out, events come in text order with ids 1.., the
    deal's date takes its milestone, and a date next to a coded CAATSA term takes the frame's topic."""
    text = ("In October 2018, India signed the S-400 deal. "
            "In recent years, Washington warned that CAATSA sanctions could follow in 2019.")
    cut = text.index("In recent")
    sentences = [(0, cut - 1, "body", 0, text[:cut - 1]), (cut, len(text), "body", 1, text[cut:])]
    expressions = dates.article_expressions("a.txt", text, "2021-01-01", "2021-01-01", [(0, 0), (cut, 1)])
    assert "vague" in {row[dates.COLUMNS.index("precision")] for row in expressions}
    matches = frames.article_matches("a.txt", text, [(0, cut - 1, 0), (cut, len(text), 1)], [])
    rows = events.article_events(sentences, expressions, matches)
    table = events.events_frame(rows)
    assert list(table["expression"]) == ["October 2018", "2019"]
    assert list(table["event_id"]) == [1, 2] and list(table["sentence_id"]) == [0, 1]
    assert (table.loc[0, "topic"], table.loc[0, "milestone"]) == ("deal signed", "S-400 contract signed")
    assert table.loc[1, "topic"] == "sanctions/CAATSA" and table.loc[1, "evidence"] == text[cut:]
    assert list(table.columns) == events.EVENT_COLUMNS


def test_a_milestone_phrase_with_a_decimal_amount_is_found():
    text = "India signed the $5.43 billion deal for five S-400 squadrons in October 2018, officials said."
    sentences = [(0, len(text), "body", 0, text)]
    expressions = dates.article_expressions("a.txt", text, "2021-01-01", "2021-01-01", [(0, 0)])
    matches = frames.article_matches("a.txt", text, [(0, len(text), 0)], [])
    rows = events.article_events(sentences, expressions, matches, ("2021-01-01", "2021-01-01"))
    assert [(r["expression"], r["milestone"], r["planned"]) for r in rows] == [("October 2018", "S-400 contract signed", False)]


def test_a_date_after_publication_or_in_the_future_tense_is_planned():
    text = "The last regiment will be delivered by the end of 2023, and the first arrived in December 2021."
    sentences = [(0, len(text), "body", 0, text)]
    expressions = dates.article_expressions("a.txt", text, "2022-06-01", "2022-06-01", [(0, 0)])
    rows = events.article_events(sentences, expressions, [], ("2022-06-01", "2022-06-01"))
    assert {r["expression"]: r["planned"] for r in rows} == {"by the end of 2023": True, "December 2021": False}
