"""Mentions of the story's key terms (S-400, CAATSA, sanctions) in every spelling, per article.

The terms and their patterns live in ``helpers/data/keywords.csv`` (``keyword, pattern, description``).
In: a text.  Out: one count per keyword (:func:`count_mentions`), or per exported column
(:func:`mention_columns`, ``mentions_<keyword>``); the corpus's counts are columns of
:attr:`helpers.annotate.Annotations.measures`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from helpers.config import DATA
from helpers.knowledge import read_rows

KEYWORDS_FILE = DATA / "keywords.csv"


@lru_cache(maxsize=1)
def keywords() -> tuple[tuple[str, re.Pattern], ...]:
    """The keyword patterns, compiled once; a bad pattern raises ValueError naming its row."""
    out = []
    for number, row in read_rows(KEYWORDS_FILE, ("keyword", "pattern")):
        try:
            out.append((row["keyword"], re.compile(row["pattern"])))
        except re.error as err:
            raise ValueError(f"{KEYWORDS_FILE.name} line {number} ({row['keyword']}): bad pattern: {err}") from None
    return tuple(out)


def column_names() -> dict[str, str]:
    """Keyword -> its column in the exported tables: ``mentions_`` + the keyword in lower case with every run
    of other characters as ``_`` (``S-400`` -> ``mentions_s_400``)."""
    return {k: "mentions_" + re.sub(r"[^0-9a-z]+", "_", k.lower()).strip("_") for k, _ in keywords()}


def count_mentions(text: str) -> dict[str, int]:
    """Mentions of each keyword in ``text``."""
    return {name: len(pattern.findall(text)) for name, pattern in keywords()}


def mention_columns(text: str) -> dict[str, int]:
    """Mentions of each keyword in ``text``, keyed by column name (:func:`column_names`)."""
    names = column_names()
    return {names[k]: n for k, n in count_mentions(text).items()}
