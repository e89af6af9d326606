"""Readability of each article with textstat (0.7.8, which works offline), guarded against nonsense.

In:  a corpus (English articles only).  Out: one row per article: file, outlet, words per sentence and
Flesch reading ease, Flesch-Kincaid grade, Gunning fog and Dale-Chall scores computed on the body sentences,
plus ``readability_flag``. A text whose sentence splitting failed (more than 60 words per sentence on average)
or whose grade falls outside -5..25 gets no scores (NaN) and the flag ``unreliable``, never a grade of 400.

:func:`readability_by_voice` adds the same scores on the journalist's own voice (:func:`own_sentences`: body
sentences with every speech quotation cut out). Each formula runs once per text (textstat does no caching and
runs at roughly 600k words/s per formula).
"""
from __future__ import annotations

import math
import re

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


# --------------------------------------------------------------------------------------------- own voice
#: A body sentence with its speech quotations cut out keeps this many words or more to count as the journalist's
#: own sentence; shorter remainders are attribution stubs ("said Lavrov.") and are dropped.
MIN_OWN_WORDS = 4
OWN_PREFIX = "own_"
VOICE_COLUMNS = ["file", "outlet", "words_per_sentence", *MEASURES, "readability_flag",
                 *(OWN_PREFIX + c for c in ("sentences", "words_per_sentence", *MEASURES, "readability_flag"))]
_QUOTE_MARKS = "\"“”‘’«»„"
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?…])")


def own_sentences(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The journalist's own voice: body sentences with every ``speech`` quotation (marks included) cut out.

    In:  ``corpus.sentences`` and :func:`helpers.quotes.quotes_table`.
    Out: one row per remaining sentence: ``file, sentence_id, text`` (quote spans replaced by a space, remainders
    of fewer than :data:`MIN_OWN_WORDS` words dropped). ``term`` quotes (names, scare quotes) stay: they are the
    journalist's words."""
    body = sentences[sentences["kind"] == "body"]
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    spans: dict[str, list[tuple[int, int]]] = {}
    for file, start, end in zip(speech.get("file", []), speech.get("start", []), speech.get("end", [])):
        spans.setdefault(file, []).append((int(start), int(end)))
    rows = []
    for file, sid, s_start, text in zip(body["file"], body["sentence_id"], body["start"], body["text"]):
        cut = text
        for q_start, q_end in spans.get(file, ()):
            a, b = q_start - s_start - 1, q_end - s_start + 1  # include the marks
            if b <= 0 or a >= len(text):
                continue
            a, b = max(a, 0), min(b, len(text))
            cut = cut[:a] + " " * (b - a) + cut[b:]
        cut = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(cut.strip(_QUOTE_MARKS + " ").split()))
        if count_words(cut) >= MIN_OWN_WORDS:
            rows.append({"file": file, "sentence_id": int(sid), "text": cut})
    return pd.DataFrame(rows, columns=["file", "sentence_id", "text"])


def readability_by_voice(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per English article: readability of the whole body (as :func:`article_readability`) and of the
    journalist's own sentences (:func:`own_sentences`), each score computed once per text, each guarded.

    Columns :data:`VOICE_COLUMNS`: ``file, outlet, words_per_sentence, <4 scores>, readability_flag`` then the
    same with the prefix ``own_`` plus ``own_sentences`` (how many own sentences were scored)."""
    whole = article_readability(corpus)
    own = own_sentences(corpus.sentences[corpus.sentences["file"].isin(corpus.english["file"])], quotes)
    by_file = own.groupby("file")["text"].apply(list)
    rows = []
    for file in whole["file"]:
        sents = by_file.get(file, [])
        rows.append({"file": file, OWN_PREFIX + "sentences": len(sents),
                     **{OWN_PREFIX + k: v for k, v in scores(sents).items()}})
    out = whole.merge(pd.DataFrame(rows, columns=["file", *VOICE_COLUMNS[8:]]), on="file", how="left", validate="one_to_one")
    assert len(out) == len(whole)
    return out[VOICE_COLUMNS]
