"""The source comparison of notebook 01, run once: similarity and same-event clusters, article and outlet
profiles, republished passages, wire credits, quotation alignments and the key facts.

In:  a corpus and its annotation (:func:`helpers.annotate.annotations`).  Out: :class:`Comparison`, every table of
notebook 01, and the per-article measures added to the exported ``articles.csv``.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import parallel
from helpers.analysis import align, claims
from helpers.analysis.profiles import ARTICLE_MEASURES, article_profiles, measure_schema, outlet_profiles
from helpers.analysis.reuse import reuse_passages
from helpers.analysis.similarity import event_clusters, similarity_pairs
from helpers.annotate import Annotations
from helpers.corpus.load import Corpus
from helpers.extract.wire import CREDIT_COLUMNS


@dataclass
class Comparison:
    """Every table of notebook 01 for one corpus (see :func:`analyse`)."""
    quotes: pd.DataFrame
    pairs: pd.DataFrame
    clusters: pd.DataFrame
    profiles: pd.DataFrame
    outlets: pd.DataFrame
    reuse: pd.DataFrame
    credits: pd.DataFrame
    alignments: pd.DataFrame
    claims: pd.DataFrame
    claims_table: pd.DataFrame
    disagreements: pd.DataFrame


#: From this many English articles the similarity runs on its own, before the other cross-article steps, instead of
#: in a forked process beside them: side by side, at 100,000 articles, the two held about 1.4 GB more at once than
#: either alone. Below it the time they save side by side counts more (10,000 articles: 12.2 -> 7.8 s).
SIMILARITY_ALONE = 20_000


def analyse(corpus: Corpus, annotations: Annotations) -> Comparison:
    """Run the whole source comparison once on the tables of ``corpus`` and its ``annotations``: similarity and
    clusters, profiles, reuse, wire credits, quote alignments and claims."""
    q = annotations.quotes
    extracted = annotations.claims
    # The similarity (4.3 s at 10,000 articles) runs in a forked process beside passage reuse, quote alignment and the
    # claim tables (3.5 + 0.8 + 0.4 s), which do not need it; from SIMILARITY_ALONE English articles, first and alone.
    if len(corpus.english) >= SIMILARITY_ALONE:
        pairs = similarity_pairs(corpus)
        parallel.release_free_memory()
        reuse, alignments, claims_table, disagreements = _beside_similarity(corpus, q, extracted)
    else:
        with parallel.aside(similarity_pairs, corpus, size=len(corpus.english)) as similarity:
            reuse, alignments, claims_table, disagreements = _beside_similarity(corpus, q, extracted)
            pairs = similarity()
    profiles = article_profiles(corpus, annotations.measures, pairs)
    return Comparison(quotes=q, pairs=pairs, clusters=event_clusters(corpus, pairs), profiles=profiles,
                      outlets=outlet_profiles(profiles, q), reuse=reuse,
                      credits=credits_by_outlet(corpus, annotations.credits), alignments=alignments,
                      claims=extracted, claims_table=claims_table, disagreements=disagreements)


def _beside_similarity(corpus: Corpus, q: pd.DataFrame, extracted: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    """The cross-article steps that do not need the similarity: passage reuse, quote alignments, the claim tables."""
    reuse = reuse_passages(corpus, q)
    parallel.release_free_memory()  # what passage reuse freed (0.8 GB at 100,000 articles), before the alignment
    alignments = align.align_quotes(corpus, q)
    return reuse, alignments, claims.claims_by_outlet(extracted), claims.disagreements(extracted)


def credits_by_outlet(corpus: Corpus, credits: pd.DataFrame) -> pd.DataFrame:
    """One row per agency credit in an English article (``file, outlet`` and
    :data:`helpers.extract.wire.CREDIT_COLUMNS`), from the annotation's ``credits``."""
    outlets = corpus.english[["file", "outlet"]]
    out = credits.merge(outlets, on="file", how="left", validate="many_to_one")
    assert len(out) == len(credits)
    return out[["file", "outlet", *CREDIT_COLUMNS]].reset_index(drop=True)


def articles_with_measures(corpus: Corpus, comparison: Comparison) -> pd.DataFrame:
    """``corpus.articles`` with :data:`helpers.analysis.profiles.ARTICLE_MEASURES` merged on ``file`` (empty for
    articles not analysed in English); the existing columns come first, rows unchanged."""
    measures = comparison.profiles[["file", *ARTICLE_MEASURES]]
    out = corpus.articles.merge(measures, on="file", how="left", validate="one_to_one")
    assert len(out) == len(corpus.articles)
    for col, ty, _ in measure_schema():
        if ty == "int":  # integers stay integers (empty where the article was not analysed)
            out[col] = out[col].astype("Int64")
    return out


def export_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """The exported tables of notebook 01: similarity, quote_alignments, claims, reuse."""
    return {"similarity": comparison.pairs, "quote_alignments": comparison.alignments, "claims": comparison.claims,
            "reuse": comparison.reuse}
