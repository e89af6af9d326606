"""Temporal expressions: gold-standard scores, the negatives, one known answer per pattern, and properties."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from helpers.annotate import annotations, validity
from helpers.extract import dates
from helpers.extract.dates.patterns import PRECISIONS

GOLD = ROOT / "tests" / "gold" / "dates"


@pytest.fixture(scope="module")
def gold_sets():
    return validity.date_gold_sets(GOLD, ROOT / "seeds")


@pytest.mark.parametrize("name", ["seeds", "test articles"])
def test_gold_scores(gold_sets, name):
    corpus, gold = gold_sets[name]
    result, matched = validity.evaluate_dates(corpus, gold, name)
    assert result["gold"] == len(gold)
    assert result["recall"] >= 0.92, matched[~matched["matched"]]
    assert result["precision"] >= 0.85, matched[~matched["matched"]]
    assert result["normalisation"] >= 0.92, matched[matched["matched"] & ~matched["normalised"]]


def test_evaluate_counts_misses_and_false_alarms(gold_sets):
    corpus, gold = gold_sets["test articles"]
    texts = dict(zip(corpus.english["file"], corpus.english["text"]))
    located = validity.locate_date_gold(gold, texts)
    extracted = annotations(corpus).expressions
    # drop two true finds, add one false alarm, break one normalisation: the scores must move accordingly
    spoiled = extracted.iloc[2:].copy()
    spoiled.loc[spoiled.index[0], "date_start"] = "1900-01-01"
    alarm = spoiled.iloc[[0]].assign(start=0, end=5, expression="India")
    result = validity.date_scores(validity.match_dates(pd.concat([spoiled, alarm]), located))
    assert result["matched"] == len(gold) - 2
    assert result["extracted"] == len(extracted) - 1
    assert result["normalised"] == result["matched"] - 1


def test_locate_gold_names_the_bad_row(gold_sets):
    corpus, gold = gold_sets["seeds"]
    texts = dict(zip(corpus.english["file"], corpus.english["text"]))
    bad = gold.copy()
    bad.loc[3, "expression"] = "a phrase that is not there"
    with pytest.raises(validity.GoldError, match="line 5"):
        validity.locate_date_gold(bad, texts, "seeds.csv")


def _negatives():
    negatives = pd.read_csv(GOLD / "negatives.csv", dtype=str, keep_default_na=False)
    return [tuple(r) for r in negatives[["file", "text"]].itertuples(index=False)]


@pytest.fixture(scope="module")
def raw_and_clean(gold_sets):
    """Per file: (raw file text, cleaned text, publication interval). Negatives are checked in both, so that
    a stamp removed by cleaning (Updated:, ©) still tests the extractor."""
    out = {}
    for name, folder in (("seeds", ROOT / "seeds"), ("test articles", GOLD / "articles")):
        corpus = gold_sets[name][0]
        for _, a in corpus.analysed.iterrows():
            raw = (folder / a["file"]).read_text(encoding="utf-8")
            out[a["file"]] = (raw, a["text"], date.fromisoformat(a["date_start"]), date.fromisoformat(a["date_end"]))
    return out


@pytest.mark.parametrize("file,negative", _negatives())
def test_negative_strings_yield_nothing(raw_and_clean, file, negative):
    raw, clean, first, last = raw_and_clean[file]
    assert negative in raw
    for text in (raw, clean):
        found = dates.extract(text, first, last)
        at = text.find(negative)
        while at >= 0:
            hits = [f.expression for f in found if f.start < at + len(negative) and at < f.end]
            assert not hits, f"{negative!r} in {file} gave {hits}"
            at = text.find(negative, at + 1)


P = date(2022, 6, 15)  # a Wednesday


def one(text: str, pub: date = P, pub_end: date | None = None) -> tuple[str, str, str, str, bool]:
    found = dates.extract(text, pub, pub_end)
    assert len(found) == 1, found
    f = found[0]
    assert text[f.start:f.end] == f.expression
    return (f.expression, f.date_start.isoformat() if f.date_start else "", f.date_end.isoformat() if f.date_end else "",
            f.precision, f.relative)


@pytest.mark.parametrize("text,expected", [
    ("They met on 6 April 2021 in Delhi.", ("6 April 2021", "2021-04-06", "2021-04-06", "day", False)),
    ("They met on April 6, 2021 in Delhi.", ("April 6, 2021", "2021-04-06", "2021-04-06", "day", False)),
    ("The deal was inked on Oct. 5, 2018.", ("Oct. 5, 2018", "2018-10-05", "2018-10-05", "day", False)),
    ("The deal was signed in October 2018.", ("October 2018", "2018-10-01", "2018-10-31", "month", False)),
    ("The law was passed in 2017.", ("2017", "2017-01-01", "2017-12-31", "year", False)),
    ("Ministers met on March 1-2.", ("March 1-2", "2022-03-01", "2022-03-02", "range", True)),
    ("Ministers will meet on March 1-2.", ("March 1-2", "2023-03-01", "2023-03-02", "range", True)),
    ("Payments stalled in 2022-23 amid the war.", ("2022-23", "2022-01-01", "2023-12-31", "range", False)),
    ("Outlay rose for the 2022-23 financial year.", ("the 2022-23 financial year", "2022-04-01", "2023-03-31", "range", False)),
    ("Deliveries began in December.", ("December", "2021-12-01", "2021-12-31", "month", True)),
    ("Deliveries will begin in December.", ("December", "2022-12-01", "2022-12-31", "month", True)),
    ("The minister spoke on Tuesday.", ("Tuesday", "2022-06-14", "2022-06-14", "day", True)),
    ("India Wednesday abstained on the vote.", ("Wednesday", "2022-06-15", "2022-06-15", "day", True)),
    ("The House will vote on Thursday.", ("Thursday", "2022-06-16", "2022-06-16", "day", True)),
    ("The war began Thursday last week.", ("Thursday last week", "2022-06-09", "2022-06-09", "day", True)),
    ("Talks are likely in mid-November.", ("mid-November", "2022-11-11", "2022-11-20", "range", True)),
    ("He visited last month.", ("last month", "2022-05-01", "2022-05-31", "month", True)),
    ("It was not held last year.", ("last year", "2021-01-01", "2021-12-31", "year", True)),
    ("The summit is due this year.", ("this year", "2022-01-01", "2022-12-31", "year", True)),
    ("The summit will take place later this year.", ("later this year", "2022-06-15", "2022-12-31", "range", True)),
    ("Training starts next year.", ("next year", "2023-01-01", "2023-12-31", "year", True)),
    ("It should be ready at the end of 2021.", ("the end of 2021", "2021-10-01", "2021-12-31", "quarter", False)),
    ("It should be ready at the end of the year.", ("the end of the year", "2022-10-01", "2022-12-31", "quarter", True)),
    ("All units arrive by the end of next year.", ("by the end of next year", "2022-06-15", "2023-12-31", "range", True)),
    ("One came in the first quarter of 2022.", ("the first quarter of 2022", "2022-01-01", "2022-03-31", "quarter", False)),
    ("Summits began 22 years ago.", ("22 years ago", "2000-01-01", "2000-12-31", "year", True)),
    ("Ties frayed in the past two years.", ("the past two years", "2020-06-15", "2022-06-15", "range", True)),
    ("Two regiments came over the past year.", ("the past year", "2021-06-15", "2022-06-15", "range", True)),
    ("Washington has warned since 2017.", ("since 2017", "2017-01-01", "2022-06-15", "range", True)),
    ("Modi has spoken to Putin since February 24.", ("since February 24", "2022-02-24", "2022-06-15", "range", True)),
    ("A decision is expected soon.", ("soon", "", "", "vague", True)),
    ("A vote is due in the next few months.", ("the next few months", "", "", "vague", True)),
    ("It will arrive in the very near future.", ("the very near future", "", "", "vague", True)),
    ("Wang Yi has said so in the past.", ("the past", "", "", "vague", True)),
    ("Less than a month after the Quad summit, lawmakers wrote.", ("Less than a month after the Quad summit", "", "", "vague", False)),
    ("Blinken raised it in May, officials said.", ("May", "2022-05-01", "2022-05-31", "month", True)),
    ("The forum was held in New Delhi today.", ("today", "2022-06-15", "2022-06-15", "day", True)),
    ("He arrived last Friday.", ("last Friday", "2022-06-10", "2022-06-10", "day", True)),
    ("It dates to the 1990s.", ("the 1990s", "1990-01-01", "1999-12-31", "range", False)),
    ("Spending rose in FY23.", ("FY23", "2022-04-01", "2023-03-31", "range", False)),
    ("The order was placed on 2018-10-05.", ("2018-10-05", "2018-10-05", "2018-10-05", "day", False)),
    ("The summit is planned for the second half of next year.", ("the second half of next year", "2023-07-01", "2023-12-31", "range", True)),
])
def test_pattern(text, expected):
    assert one(text) == expected


def test_anchored_expression_uses_a_dated_anchor_in_the_article():
    text = "They met less than a month after the Quad summit. The first Quad leaders' summit was held on March 12."
    found = {f.expression: f for f in dates.extract(text, date(2021, 4, 6))}
    anchored = found["less than a month after the Quad summit"]
    assert (anchored.date_start, anchored.date_end, anchored.precision, anchored.relative) == (
        date(2021, 3, 13), date(2021, 4, 11), "range", True)


def test_coarse_publication_dates_give_the_hull_never_a_point():
    november = (date(2021, 11, 1), date(2021, 11, 30))
    assert one("He said in an interview today.", *november)[1:4] == ("2021-11-01", "2021-11-30", "month")
    assert one("The envoy met him on Tuesday.", *november)[1:4] == ("2021-10-26", "2021-11-30", "range")
    year = (date(2019, 1, 1), date(2019, 12, 31))
    assert one("Officials hinted as much last month.", *year)[1:4] == ("2018-12-01", "2019-11-30", "range")
    assert one("The first batch is expected by the end of 2021.", date(2020, 9, 1), date(2020, 9, 30))[1:3] == ("2020-09-01", "2021-12-31")


def test_today_in_a_quotation_is_the_day_of_the_story():
    text = 'Lavrov Tuesday met Jaishankar. “Today, we exchanged views,” he said.'
    found = dates.extract(text, date(2021, 4, 7))
    assert [(f.expression, f.date_start) for f in found] == [("Tuesday", date(2021, 4, 6)), ("Today", date(2021, 4, 6))]


@pytest.mark.parametrize("text", [
    "May I add that the contract is on track.", "India may march ahead regardless.", "The long march towards self-reliance.",
    "India ordered 5 units, which can engage targets 400 km away, for $5.4 billion.", "Covid-19, Su-35, MiG-29, G20, S-400 and AK-203.",
    "The Army-2023 forum and the 2+2 dialogue.", "MOSCOW, March 3 (Reuters) - Russia said it would deliver.",
    "Updated: Mar 3, 2023, 10:14 IST", "© 2023 Reuters. All rights reserved.", "Call 011-2341 7755 for queries.",
    "It is more relevant than ever in today's world.", "Maybe not, but the 30th anniversary is the first time.",
    "About 2000 troops and 1500 km of border.", "Currently, so far, not yet, as of now, at the moment.",
    "We will see, since it should be all-inclusive.", "Black Friday sales and Good Friday.",
])
def test_non_dates_are_not_extracted(text):
    assert dates.extract(text, P) == []


def test_article_table_links_sentences(gold_sets):
    corpus = gold_sets["seeds"][0]
    table = annotations(corpus).expressions
    assert list(table.columns) == dates.COLUMNS
    sentences = corpus.sentences.set_index(["file", "sentence_id"])
    for row in table.itertuples(index=False):
        sentence = sentences.loc[(row.file, row.sentence_id)]
        assert sentence["start"] <= row.start and row.end <= sentence["end"]
        assert corpus.text(row.file)[row.start:row.end] == row.expression
    assert set(table["precision"]) <= set(PRECISIONS)
    vague = table["precision"] == "vague"
    assert (table.loc[vague, "date_start"] == "").all() and (table.loc[~vague, "date_start"] <= table.loc[~vague, "date_end"]).all()


def test_precision_of_intervals():
    assert dates.precision_of(date(2021, 2, 1), date(2021, 2, 28)) == "month"
    assert dates.precision_of(date(2020, 2, 1), date(2020, 2, 28)) == "range"  # leap year: not the whole month
    assert dates.precision_of(date(2021, 10, 1), date(2021, 12, 31)) == "quarter"
    assert dates.precision_of(date(2021, 1, 1), date(2021, 12, 31)) == "year"
    assert dates.precision_of(None, None) == "vague"


_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-–,.:;“”\"'’\n()$©"))
_WORDS = st.sampled_from(["May", "March", "Tuesday", "today", "last", "next", "year", "month", "week", "2021", "2022-23",
                          "since", "by", "the end of", "mid-", "ago", "22", "a", "after", "less than", "the past", "soon",
                          "FY23", "Q1", "1-2", "of", "in", "on", "Updated:", "©", "NEW DELHI,", "(Reuters) -", "29", "February"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(_ALPHABET, max_size=12), _WORDS), max_size=40).map(" ".join),
       st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 400))
def test_extraction_never_raises_and_spans_are_valid(text, pub, extra_days):
    pub_end = date.fromordinal(pub.toordinal() + extra_days)
    found = dates.extract(text, pub, pub_end)
    previous_end = 0
    for f in found:
        assert 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.expression
        assert f.start >= previous_end  # in text order, never overlapping
        previous_end = f.end
        assert f.precision in PRECISIONS
        assert (f.date_start is None) == (f.date_end is None) == (f.precision == "vague")
        if f.date_start:
            assert f.date_start <= f.date_end
            assert dates.precision_of(f.date_start, f.date_end) == f.precision


def test_long_text_without_line_breaks_is_handled(gold_sets):
    corpus = gold_sets["seeds"][0]
    text = " ".join(corpus.english["text"]).replace("\n", " ") * 30
    found = dates.extract(text, date(2021, 4, 6))
    assert len(found) > 30 * 40


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 400), st.sampled_from(["İ", "ẞ", "a"]))
def test_characters_with_longer_lower_case_do_not_shift_dates(count, char):
    """Trigger positions are found in a same-length lower case: a date after many "İ" (whose lower case is two
    characters) is still found, at its own offsets."""
    text = (char * count) + " The deal was signed on Friday, 5 October 2018, in New Delhi."
    rows = dates.article_expressions("f.txt", text, "2019-01-01", "2019-01-01", [(0, 0)])
    spans = {text[r[3]:r[4]] for r in rows}
    assert any("5 October 2018" in s for s in spans), (count, char, spans)
    assert all(text[r[3]:r[4]] == r[5] for r in rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["day", "days", "ay", "Today", "soon", "SOON", "ago", "year", "2021", "1999", "week",
                                 "afterno", "afternoon", "before", "İ", "past", "recent", " ", "-", "x"]),
                max_size=25).map("".join))
def test_trigger_positions_are_every_occurrence_of_every_literal(text):
    """One automaton pass gives each trigger literal's positions as a str.find loop over the case-folded text does,
    overlapping occurrences included ("dayday"), positions pointing into the text (after an "İ")."""
    from helpers.corpus.structure import lower_same_length  # noqa: PLC0415
    from helpers.extract.dates import expressions  # noqa: PLC0415

    lower = lower_same_length(text)
    literals = {literal for literals, _, _ in expressions._TRIGGERS.values() for literal in literals} - {"YEAR"}
    expected = {"YEAR": [m.start() for m in expressions._YEAR_TRIGGER.finditer(text)]}
    for literal in literals:
        expected[literal] = [i for i in range(len(lower)) if lower.startswith(literal, i)]
    assert expressions._trigger_positions(text) == expected
