"""Benchmark (not a test): helpers.extract.dates against dateparser.search.search_dates on the date gold standard.

Run from the repository root:  .venv/bin/python benchmarks/dates_vs_dateparser.py

Both systems read the same cleaned article texts (seeds/ and tests/gold/dates/articles/) and are scored with
the same matcher (helpers.annotate.validity.match_dates: span overlap in the same file, one to one). dateparser gets the
publication date (the first day of the publication interval) as RELATIVE_BASE, PREFER_DATES_FROM = past and
languages = ['en']; each string it finds is located in the text in order, and its period (day, month, year)
comes from DateDataParser on that string, so a month it finds counts as the whole month. Words/s counts the
words of the texts (helpers.corpus.structure.count_words) over the extraction time only (best of 3 runs for
helpers.extract.dates, one run for dateparser). dateparser is used only here: it is pinned in requirements.txt and
imported by nothing in helpers/ or tests/.
"""
from __future__ import annotations

import calendar
import sys
import time
import warnings
from datetime import date, datetime
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.annotate import validity  # noqa: E402
from helpers.corpus import structure  # noqa: E402
from helpers.extract import dates  # noqa: E402


def _interval(value: datetime, period: str) -> tuple[date, date]:
    day = value.date()
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def expressions_table(corpus) -> pd.DataFrame:
    """helpers.extract.dates over every English article, serially and uncached (what is timed)."""
    sentences = corpus.sentences.sort_values(["file", "start"], kind="stable")
    starts = {f: list(zip(g["start"], g["sentence_id"])) for f, g in sentences.groupby("file")}
    rows = []
    for file, text, first, last in zip(corpus.english["file"], corpus.english["text"], corpus.english["date_start"],
                                       corpus.english["date_end"]):
        rows.extend(dates.article_expressions(file, text, first, last, starts.get(file, [])))
    return dates.expressions_frame(rows)


def dateparser_table(corpus) -> pd.DataFrame:
    """dateparser's finds as a table like expressions_table (file, start, end, expression, dates)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    rows = []
    for _, article in corpus.english.sort_values("file").iterrows():
        base = datetime.fromisoformat(article["date_start"])
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        parser = DateDataParser(languages=["en"], settings=settings)
        text, cursor = article["text"], 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(text, languages=["en"], settings=settings) or []
        for string, value in found:
            at = text.find(string, cursor)
            if at < 0:
                at = text.find(string)
            if at < 0:
                continue
            cursor = at + len(string)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data = parser.get_date_data(string)
            start, end = _interval(value, data.period or "day")
            rows.append({"file": article["file"], "start": at, "end": at + len(string), "expression": string,
                         "date_start": start.isoformat(), "date_end": end.isoformat(),
                         "precision": dates.precision_of(start, end)})
    return pd.DataFrame(rows, columns=["file", "start", "end", "expression", "date_start", "date_end", "precision"])


def timed(function, corpus, repeat: int) -> tuple[pd.DataFrame, float]:
    best, table = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        table = function(corpus)
        best = min(best, time.perf_counter() - began)
    return table, best


def main() -> None:
    rows = []
    for name, (corpus, gold) in validity.date_gold_sets().items():
        texts = dict(zip(corpus.english["file"], corpus.english["text"]))
        located = validity.locate_date_gold(gold, texts, name)
        n_words = sum(structure.count_words(t) for f, t in texts.items() if f in set(gold["file"]))
        for system, function, repeat in (("helpers.extract.dates", expressions_table, 3), ("dateparser", dateparser_table, 1)):
            table, seconds = timed(function, corpus, repeat)
            table = table[table["file"].isin(set(gold["file"]))]
            result = validity.date_scores(validity.match_dates(table, located))
            rows.append({"set": name, "system": system, **result, "words": n_words, "seconds": round(seconds, 4),
                         "words_per_s": round(n_words / seconds)})
    table = pd.DataFrame(rows)
    pd.set_option("display.width", 200)
    print(table.to_string(index=False))
    mine = table[table["system"] == "helpers.extract.dates"]["words_per_s"].to_numpy()
    theirs = table[table["system"] == "dateparser"]["words_per_s"].to_numpy()
    print(f"\nspeed-up (helpers.extract.dates / dateparser): {', '.join(f'{a / b:.0f}x' for a, b in zip(mine, theirs))}")


if __name__ == "__main__":
    main()
