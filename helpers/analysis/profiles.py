"""Per-article and per-outlet profiles of the source comparison: words, quoted words by side, speakers, keyword
mentions, readability (whole body and the journalist's own voice), wire source and event cluster; and the tidy
long tables the outlet-profile, readability and voices figures draw.

In:  the English articles of a corpus and the per-article measures of the annotation
     (:attr:`helpers.annotate.Annotations.measures`), the similarity pairs (:mod:`helpers.analysis.similarity`)
     and the quotes table.  Out: :func:`article_profiles` (one row per article, :data:`PROFILE_COLUMNS`),
     :func:`outlet_profiles` (one row per outlet) and the long tables of the figures.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.labels import article_labels
from helpers.analysis.memo import memoized
from helpers.analysis.similarity import event_clusters
from helpers.corpus.load import Corpus
from helpers.extract import mentions, readability
from helpers.extract.actors import SIDES

VOICE_SIDES = [*SIDES, "unknown"]


def _measure_columns() -> list[str]:
    return ["quoted_words", "own_words", "quoted_share", "n_speakers",
            *(f"quoted_words_{s}" for s in VOICE_SIDES), *mentions.column_names().values(),
            *readability.VOICE_COLUMNS[2:], "source_agency", "source_agencies", "cited_agencies",
            "event_cluster", "event_size"]


#: Per-article measures appended to the exported ``articles.csv`` (documented in :mod:`helpers.report.schema`).
ARTICLE_MEASURES = _measure_columns()
PROFILE_COLUMNS = ["file", "outlet", "published", "n_words", "n_sentences", *ARTICLE_MEASURES]


# --------------------------------------------------------------------------------------------- profiles
@memoized
def article_profiles(corpus: Corpus, measures: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per English article, columns :data:`PROFILE_COLUMNS`: words, sentences, quoted words and share,
    distinct speakers, quoted words per side (every side of the actors list plus ``unknown``), keyword mentions
    (``mentions_<keyword>``), readability of the whole body and of the own voice, the wire source and cited
    agencies (``measures``: computed per article by :func:`helpers.annotate.article_measures`), and the event
    cluster (``pairs`` from :func:`helpers.analysis.similarity.similarity_pairs`)."""

    english = corpus.english_by_file
    base = english[["file", "outlet", "published", "n_words", "n_sentences"]].reset_index(drop=True)
    measures = measures.drop(columns=["n_words"])
    for side in VOICE_SIDES:
        if f"quoted_words_{side}" not in measures:
            measures[f"quoted_words_{side}"] = 0
    c = event_clusters(corpus, pairs)[["file", "event_cluster", "event_size"]]
    out = base
    for part in (measures, c):
        out = out.merge(part, on="file", how="left", validate="one_to_one")
    assert len(out) == len(base), "a per-article measure duplicated an article"
    return out[PROFILE_COLUMNS]


@memoized
def outlet_profiles(profiles: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: ``articles``, ``n_words`` (sum), ``quoted_share`` (quoted / all words), ``n_speakers``
    (distinct speakers over its articles), quoted words per side (sums), mentions (sums), the mean of each
    readability score over articles with a reliable score (whole and own voice, 2 decimals) and ``wire_copy``
    (articles with a source agency)."""
    if not len(profiles):
        return pd.DataFrame(columns=["outlet", "articles", "n_words", "quoted_share", "n_speakers"])
    sums = ["n_words", "quoted_words", "own_words", *(f"quoted_words_{s}" for s in VOICE_SIDES), *mentions.column_names().values()]
    scores = [c for c in readability.VOICE_COLUMNS if c.endswith(tuple(readability.MEASURES))]
    agg = profiles.groupby("outlet", sort=True).agg(
        articles=("file", "count"), **{c: (c, "sum") for c in sums}, **{c: (c, "mean") for c in scores},
        wire_copy=("source_agency", lambda s: int((s != "").sum()))).reset_index()
    agg["quoted_share"] = (agg["quoted_words"] / agg["n_words"].where(agg["n_words"] > 0)).fillna(0.0).round(4)
    speech = quotes[(quotes["kind"] == "speech") & (quotes["speaker"] != "")] if len(quotes) else quotes
    files = profiles[["file", "outlet"]]
    speakers = speech.merge(files, on="file", how="inner").groupby("outlet")["speaker"].nunique() if len(speech) else pd.Series(dtype=int)
    agg["n_speakers"] = agg["outlet"].map(speakers).fillna(0).astype(int)
    agg[scores] = agg[scores].round(2)
    return agg[["outlet", "articles", "n_words", "quoted_words", "own_words", "quoted_share", "n_speakers",
                *(f"quoted_words_{s}" for s in VOICE_SIDES), *mentions.column_names().values(), *scores, "wire_copy"]]


def voices_long(profiles: pd.DataFrame) -> pd.DataFrame:
    """Quoted words per article and side, tidy: ``file, outlet, article, side, words`` (sides with no words
    anywhere are left out) for the voices-by-side chart."""
    labels = article_labels(profiles) if len(profiles) else {}
    rows = [{"file": f, "outlet": o, "article": labels[f], "side": s, "words": int(w)}
            for f, o, *ws in zip(profiles["file"], profiles["outlet"], *(profiles[f"quoted_words_{s}"] for s in VOICE_SIDES))
            for s, w in zip(VOICE_SIDES, ws)]
    out = pd.DataFrame(rows, columns=["file", "outlet", "article", "side", "words"])
    used = out.groupby("side")["words"].sum()
    return out[out["side"].isin(used[used > 0].index)].reset_index(drop=True)


def one_sided(profiles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, the sides it quotes (``sides``: space-separated, known sides only) and how many words:
    ``outlet, articles, quoted_words, sides, n_sides``."""
    cols = [f"quoted_words_{s}" for s in SIDES]
    g = profiles.groupby("outlet", sort=True)[["quoted_words", *cols]].sum()
    n = profiles.groupby("outlet", sort=True)["file"].count()
    rows = []
    for outlet, row in g.iterrows():
        sides = [s for s in SIDES if row[f"quoted_words_{s}"] > 0]
        rows.append({"outlet": outlet, "articles": int(n[outlet]), "quoted_words": int(row["quoted_words"]),
                     "sides": " ".join(sides), "n_sides": len(sides)})
    return pd.DataFrame(rows, columns=["outlet", "articles", "quoted_words", "sides", "n_sides"])


# --------------------------------------------------------------------------------------------- the whole comparison
SCORE_DOCS = {
    "words_per_sentence": ("float", "mean words per body sentence"),
    "flesch_reading_ease": ("float", "textstat Flesch reading ease of the body sentences (higher = easier); empty when unreliable"),
    "flesch_kincaid_grade": ("float", "textstat Flesch-Kincaid grade of the body sentences; empty when unreliable"),
    "gunning_fog": ("float", "textstat Gunning fog index of the body sentences; empty when unreliable"),
    "dale_chall": ("float", "textstat Dale-Chall score of the body sentences; empty when unreliable"),
    "readability_flag": ("str", "unreliable when sentence splitting failed (> 60 words per sentence) or the grade is outside -5..25; empty otherwise"),
}


def measure_schema() -> list[tuple[str, str, str]]:
    """(column, type, description) of every column of :data:`ARTICLE_MEASURES`, for ``helpers.report.schema``."""
    docs = [("quoted_words", "int", "words inside speech quotations (helpers.annotate.serial.voices); empty for non-English articles"),
            ("own_words", "int", "words outside speech quotations (the journalist's own voice)"),
            ("quoted_share", "float", "quoted_words / n_words"),
            ("n_speakers", "int", "distinct named speakers quoted"),
            *((f"quoted_words_{s}", "int", f"quoted words of speakers on the {s} side" if s != "unknown" else "quoted words of speakers with no known side")
              for s in VOICE_SIDES),
            *((col, "int", f"mentions of {k} in every spelling (helpers/data/keywords.csv)") for k, col in mentions.column_names().items())]
    for name, (ty, text) in SCORE_DOCS.items():
        docs.append((name, ty, text))
    docs.append(("own_sentences", "int", "body sentences left in the journalist's own voice once speech quotations are cut out (remainders under 4 words dropped)"))
    for name, (ty, text) in SCORE_DOCS.items():
        docs.append(("own_" + name, ty, text.replace("of the body sentences", "of the journalist's own sentences (speech quotations cut out)")))
    docs += [("source_agency", "str", "wire agency the article's text comes from (credit line, 'with inputs from', interview given to the agency); empty when not wire copy"),
             ("source_agencies", "list", "every source agency, in order of credit"),
             ("cited_agencies", "list", "agencies only cited as a source of a claim ('news agency TASS reported')"),
             ("event_cluster", "int", "same-event cluster: articles with TF-IDF cosine >= 0.25 published within 3 days share a number"),
             ("event_size", "int", "articles in the event cluster (1 = no other article on the same event)")]
    assert [d[0] for d in docs] == ARTICLE_MEASURES
    return docs


def outlet_profile_long(outlets: pd.DataFrame) -> pd.DataFrame:
    """The outlet profile chart's data, tidy: ``outlet, measure, value`` for articles, words, quoted share,
    distinct speakers, Flesch reading ease (whole body and own voice) and each keyword's mentions."""
    measures = {"articles": "articles", "n_words": "words", "quoted_share": "share of words quoted",
                "n_speakers": "distinct speakers", "flesch_reading_ease": "Flesch reading ease (body)",
                "own_flesch_reading_ease": "Flesch reading ease (own voice)",
                **{col: f"{k} mentions" for k, col in mentions.column_names().items()}}
    rows = [{"outlet": o, "measure": label, "value": float(v) if pd.notna(v) else np.nan}
            for col, label in measures.items() if col in outlets for o, v in zip(outlets["outlet"], outlets[col])]
    return pd.DataFrame(rows, columns=["outlet", "measure", "value"])


def readability_long(profiles: pd.DataFrame) -> pd.DataFrame:
    """The readability chart's data, tidy: ``file, outlet, article, measure, value`` with Flesch reading ease of
    the whole body and of the journalist's own sentences per article (NaN where withheld as unreliable)."""
    labels = article_labels(profiles) if len(profiles) else {}
    rows = [{"file": f, "outlet": o, "article": labels[f], "measure": name, "value": v}
            for col, name in (("flesch_reading_ease", "Flesch reading ease: body"),
                              ("own_flesch_reading_ease", "Flesch reading ease: own voice"))
            for f, o, v in zip(profiles["file"], profiles["outlet"], profiles[col])]
    return pd.DataFrame(rows, columns=["file", "outlet", "article", "measure", "value"])


def voices_by_outlet(voices_df: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.annotate.serial.voices` aggregated per outlet: article count, summed word counts, ``quoted_share`` (quoted / all
    words), ``share_<side>`` (that side's share of quoted words), and the number of articles quoting the US and
    Indian governments directly or mentioning the US only in reported speech."""
    if not len(voices_df):
        return pd.DataFrame(columns=["outlet", "articles", "n_words", "quoted_words", "quoted_share"])
    word_cols = [c for c in voices_df.columns if c.startswith("quoted_words_")]
    flag_cols = ["us_gov_quoted_directly", "india_gov_quoted_directly", "us_mentioned_only_reported"]
    agg = voices_df.groupby("outlet", sort=True).agg(
        articles=("file", "count"), n_words=("n_words", "sum"), quoted_words=("quoted_words", "sum"),
        own_words=("own_words", "sum"), **{c: (c, "sum") for c in word_cols + flag_cols}).reset_index()
    agg["quoted_share"] = (agg["quoted_words"] / agg["n_words"].where(agg["n_words"] > 0)).fillna(0).round(4)
    for c in word_cols:
        agg["share_" + c[len("quoted_words_"):]] = (agg[c] / agg["quoted_words"].where(agg["quoted_words"] > 0)).fillna(0).round(4)
    return agg


def side_words(profiles: pd.DataFrame) -> pd.DataFrame:
    """Quoted words per outlet and side, tidy: ``outlet, side, words`` for every outlet (the voices-by-side chart
    and its CSV); sides with no words anywhere are left out."""
    cols = {f"quoted_words_{s}": s for s in VOICE_SIDES}
    sums = profiles.groupby("outlet", sort=True)[list(cols)].sum().rename(columns=cols)
    long = sums.reset_index().melt(id_vars="outlet", var_name="side", value_name="words")
    used = long.groupby("side")["words"].sum()
    long = long[long["side"].isin(used[used > 0].index)]
    return long.astype({"words": int}).sort_values(["outlet", "side"], kind="stable").reset_index(drop=True)


def wire_by_outlet(profiles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, most wire copy first: ``outlet, articles, wire_copy`` (articles whose text comes from an agency),
    ``wire_share`` and ``agencies`` (each with its count, most first)."""
    columns = ["outlet", "articles", "wire_copy", "wire_share", "agencies"]
    if profiles.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for outlet, group in profiles.groupby("outlet", sort=True):
        agencies = group.loc[group["source_agency"] != "", "source_agency"].value_counts()
        rows.append({"outlet": outlet, "articles": len(group), "wire_copy": int(agencies.sum()),
                     "wire_share": round(agencies.sum() / len(group), 4),
                     "agencies": "; ".join(f"{a} ({n})" for a, n in sorted(agencies.items(), key=lambda kv: (-kv[1], kv[0])))})
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["wire_copy", "articles", "outlet"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
