"""One extractor over a whole corpus, serially and uncached, with knowledge other than the project's own (a test's
actors list, a quotes table of its own) or for a single measure; the notebooks and the export use
:func:`helpers.annotate.annotations` instead, which runs every extractor once, in parallel and cached.

In:  a :class:`helpers.corpus.load.Corpus` (and a custom actors list or quotes table).
Out: the same tidy tables :func:`helpers.annotate.annotations` gives (quotes, frame matches), and per-article
readability and voices.
"""
from __future__ import annotations

import pandas as pd

from helpers.corpus.load import Corpus
from helpers.extract import frame_model
from helpers.extract import quotes as quotes_extractor
from helpers.extract.frames import article_matches, frame_ids, matches_frame
from helpers.extract.readability import MEASURES, VOICE_COLUMNS, own_text, scores, voice_scores


def quotes_table(corpus: Corpus, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`helpers.extract.quotes.quote_rows` over ``corpus.english`` with the actors list ``actors`` (default:
    the project's), one DataFrame for the corpus, ordered by ``file, start``."""
    by_file: dict[str, list[dict]] = {}
    s = corpus.sentences
    for f, a, e, k, i in zip(s["file"].tolist(), s["start"].tolist(), s["end"].tolist(), s["kind"].tolist(),
                             s["sentence_id"].tolist()):
        by_file.setdefault(f, []).append({"start": a, "end": e, "kind": k, "sentence_id": i})
    rows: list[dict] = []
    eng = corpus.english
    for file, text, published in zip(eng["file"].tolist(), eng["text"].tolist(), eng["published"].tolist()):
        rows.extend(quotes_extractor.quote_rows(text, by_file.get(file, []), published, file, actors))
    return quotes_extractor.quotes_frame(rows)


def voices(corpus: Corpus, quotes: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per English article: how much of it is quoted speech, and whose
    (:func:`helpers.extract.quotes.voice_row` per article).

    Columns: ``file, outlet, n_words, quoted_words, own_words, quoted_share, n_speakers, quoted_words_<side>``
    (one per side of the actors list) ``, quoted_words_unknown, us_gov_quoted_directly,
    india_gov_quoted_directly, us_mentioned_only_reported``. Only ``speech`` quotes count as quoted words;
    ``term`` quotes are the journalist's voice. A speech quote with a side (a listed person, or a state such as
    ``Washington said``) counts for that side; others count as unknown."""
    sides = quotes_extractor.actor_sides(actors)
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    by_file: dict[str, list[tuple[str, str, str]]] = {}
    if len(speech):
        for f, t, sp, sd in zip(speech["file"], speech["text"], speech["speaker"], speech["side"]):
            by_file.setdefault(f, []).append((t, sp, sd))
    rows = [{"file": f, "outlet": o, **quotes_extractor.voice_row(t, by_file.get(f, []), sides)}
            for f, o, t in zip(corpus.english["file"], corpus.english["outlet"], corpus.english["text"])]
    columns = ["file", "outlet", "n_words", "quoted_words", "own_words", "quoted_share", "n_speakers",
               *[f"quoted_words_{s}" for s in sides], "quoted_words_unknown", "us_gov_quoted_directly",
               "india_gov_quoted_directly", "us_mentioned_only_reported"]
    return pd.DataFrame(rows, columns=columns)


def code_matches(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """Every dictionary match in the sentences of the English articles (headline and subheads included), whether it
    codes or not, and the frames carried from the previous sentence, with the
    voice taken from ``quotes`` (columns :data:`helpers.extract.frames.MATCH_COLUMNS`; see
    :func:`helpers.extract.frames.article_matches`)."""
    frame_model.check_frames(frame_ids())
    spans_by_file = quotes_extractor.speech_spans(quotes)
    body = corpus.coded_sentences().sort_values(["file", "start"], kind="stable")
    texts = dict(zip(corpus.articles["file"], corpus.articles["text"]))
    rows = []
    for file, group in body.groupby("file", sort=True):
        sentences = list(zip(group["start"], group["end"], group["sentence_id"]))
        classified = frame_model.classify(list(group["text"]))
        rows.extend(article_matches(file, texts[file], sentences, spans_by_file.get(file, []),
                                    [added for added, _ in classified], None, [kept for _, kept in classified],
                                    frame_model.known_frames()))
    return matches_frame(rows)


def article_readability(corpus: Corpus) -> pd.DataFrame:
    """One row per English article: file, outlet, words_per_sentence, the four scores, readability_flag."""
    body = corpus.sentences[corpus.sentences["kind"] == "body"]
    by_file = body.groupby("file")["text"].apply(list)
    rows = []
    for file, outlet in zip(corpus.english["file"], corpus.english["outlet"]):
        rows.append({"file": file, "outlet": outlet, **scores(by_file.get(file, []))})
    return pd.DataFrame(rows, columns=["file", "outlet", "words_per_sentence", *MEASURES, "readability_flag"])


def _spans(quotes: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    return {f: [(a, b) for a, b, *_ in rows] for f, rows in quotes_extractor.speech_spans(quotes).items()}


def own_sentences(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The journalist's own voice: body sentences with every ``speech`` quotation (marks included) cut out.

    In:  ``corpus.sentences`` and a quotes table.
    Out: one row per remaining sentence: ``file, sentence_id, text``
    (:func:`helpers.extract.readability.own_text`: quote spans replaced by a space, short remainders dropped).
    ``term`` quotes (names, scare quotes) stay: they are the journalist's words."""
    body = sentences[sentences["kind"] == "body"]
    spans = _spans(quotes)
    rows = []
    for file, sid, s_start, text in zip(body["file"], body["sentence_id"], body["start"], body["text"]):
        cut = own_text(text, int(s_start), spans.get(file, []))
        if cut is not None:
            rows.append({"file": file, "sentence_id": int(sid), "text": cut})
    return pd.DataFrame(rows, columns=["file", "sentence_id", "text"])


def readability_by_voice(corpus: Corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per English article: readability of the whole body (as :func:`article_readability`) and of the
    journalist's own sentences (:func:`own_sentences`), each score computed once per text, each guarded
    (:func:`helpers.extract.readability.voice_scores` per article).

    Columns :data:`helpers.extract.readability.VOICE_COLUMNS`: ``file, outlet, words_per_sentence, <4 scores>,
    readability_flag`` then the same with the prefix ``own_`` plus ``own_sentences``."""
    body = corpus.sentences[corpus.sentences["kind"] == "body"]
    by_file: dict[str, list[tuple[int, str]]] = {}
    for file, start, text in zip(body["file"], body["start"], body["text"]):
        by_file.setdefault(file, []).append((int(start), text))
    spans = _spans(quotes)
    rows = [{"file": f, "outlet": o, **voice_scores(by_file.get(f, []), spans.get(f, []))}
            for f, o in zip(corpus.english["file"], corpus.english["outlet"])]
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)
