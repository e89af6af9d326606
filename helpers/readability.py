"""Readability of each article with textstat (0.7.8, which works offline), guarded against nonsense.

In:  a corpus (English articles only).  Out: one row per article: file, outlet, words per sentence and
Flesch reading ease, Flesch-Kincaid grade, Gunning fog and Dale-Chall scores computed on the body sentences,
plus ``readability_flag``. A text whose sentence splitting failed (more than 60 words per sentence on average)
or whose grade falls outside -5..25 gets no scores (NaN) and the flag ``unreliable``, never a grade of 400.
"""
from __future__ import annotations

import math

import pandas as pd
import textstat

from .corpus import Corpus
from .structure import count_words

MEASURES = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "gunning_fog": textstat.gunning_fog,
    "dale_chall": textstat.dale_chall_readability_score,
}
MAX_WORDS_PER_SENTENCE = 60
GRADE_RANGE = (-5.0, 25.0)


def scores(sentences: list[str]) -> dict[str, float]:
    """Readability scores for a list of sentences (one per line so textstat sees the same sentences we do)."""
    n_words = sum(count_words(s) for s in sentences)
    per_sentence = n_words / len(sentences) if sentences else math.inf
    text = "\n".join(sentences)
    result = {"words_per_sentence": round(per_sentence, 2) if sentences else math.nan}
    values = {name: float(fn(text)) for name, fn in MEASURES.items()} if sentences else {}
    grade = values.get("flesch_kincaid_grade", math.nan)
    reliable = per_sentence <= MAX_WORDS_PER_SENTENCE and GRADE_RANGE[0] <= grade <= GRADE_RANGE[1]
    for name in MEASURES:
        result[name] = round(values[name], 2) if reliable else math.nan
    result["readability_flag"] = "" if reliable else "unreliable"
    return result


def article_readability(corpus: Corpus) -> pd.DataFrame:
    """One row per English article: file, outlet, words_per_sentence, the four scores, readability_flag."""
    body = corpus.sentences[corpus.sentences["kind"] == "body"]
    by_file = body.groupby("file")["text"].apply(list)
    rows = []
    for file, outlet in zip(corpus.english["file"], corpus.english["outlet"]):
        rows.append({"file": file, "outlet": outlet, **scores(by_file.get(file, []))})
    return pd.DataFrame(rows, columns=["file", "outlet", "words_per_sentence", *MEASURES, "readability_flag"])
