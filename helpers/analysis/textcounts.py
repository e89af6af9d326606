"""Counts over the articles' text that need no frame coding: each coded sentence's words outside speech quotations
and each outlet's keyword mentions. They live apart from :mod:`helpers.analysis.framing` so their cached results
(:mod:`helpers.analysis.memo`, keyed by this module's code and knowledge files) survive an edit of the frame
dictionary, which the framing tables must follow.

In:  a loaded corpus and its quotations table (:attr:`helpers.annotate.Annotations.quotes`).
Out: tidy DataFrames, one row per coded sentence (:func:`sentence_own_words`) or per outlet (:func:`outlet_mentions`).
"""
from __future__ import annotations

import pandas as pd

from helpers.analysis.memo import memoized
from helpers.corpus.load import Corpus
from helpers.corpus.structure import count_words
from helpers.extract.mentions import keywords
from helpers.extract.quotes import speech_spans


@memoized
def sentence_own_words(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """Per coded sentence (headline, subheads, body) of the English articles: ``file, sentence_id, own_words``, its
    words outside speech quotations (the journalist's own words). One pass over the sentences, the quotes of each
    file looked up once."""
    body = corpus.coded_sentences()[["file", "sentence_id", "start", "end", "text"]]
    body = body[body["file"].isin(set(corpus.english["file"]))]
    spans = {f: [(a, b) for a, b, *_ in rows] for f, rows in speech_spans(quotes).items()}
    own = []
    for file, start, end, text in zip(body["file"], body["start"], body["end"], body["text"]):
        inside = [(max(a, start), min(b, end)) for a, b in spans.get(file, ()) if a < end and b > start]
        if inside:
            chars = list(text)
            for a, b in inside:
                chars[a - start:b - start] = " " * (b - a)
            text = "".join(chars)
        own.append(count_words(text))
    return pd.DataFrame({"file": body["file"].to_numpy(), "sentence_id": body["sentence_id"].to_numpy(), "own_words": own})


@memoized
def outlet_mentions(corpus: Corpus) -> pd.DataFrame:
    """Per outlet (sorted): ``outlet, articles, caatsa_mentions, sanctions_mentions``: the matches of the CAATSA and
    sanctions keywords of ``helpers/data/keywords.csv`` (0 when the file has no such keyword) in its English
    articles."""
    names = dict(keywords())
    rows = []
    for outlet, group in corpus.english.groupby("outlet", sort=True):
        text = "\n".join(group["text"])
        rows.append({"outlet": outlet, "articles": len(group),
                     "caatsa_mentions": len(names["CAATSA"].findall(text)) if "CAATSA" in names else 0,
                     "sanctions_mentions": len(names["sanctions"].findall(text)) if "sanctions" in names else 0})
    return pd.DataFrame(rows, columns=["outlet", "articles", "caatsa_mentions", "sanctions_mentions"])
