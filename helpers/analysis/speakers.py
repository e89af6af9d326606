"""Who is quoted, saying what: the speech quotations of a corpus with their speaker, role, side and outlet, the
most quoted speakers per side and per outlet, and how each outlet's quotations divide between the sides.

In:  the quotes table of the annotation (:attr:`helpers.annotate.Annotations.quotes`) and the English articles
     (``file, outlet, published``).
Out: :func:`quotations` (one row per speech quotation, the table researchers cite), :func:`top_speakers` and
     :func:`by_outlet_and_side`. A quotation with no named speaker is kept, with the words that describe its source
     (``a senior US official``) in ``speaker_as_written``; it is counted as "(unnamed)".
"""
from __future__ import annotations

import pandas as pd

from helpers.analysis.labels import article_labels
from helpers.corpus.structure import count_words

QUOTATION_COLUMNS = ["outlet", "published", "speaker", "speaker_as_written", "role", "side", "quote", "words", "article",
                     "file", "quote_id"]
#: The speaker of a quotation nobody could be named for.
UNNAMED = "(unnamed)"


def quotations(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per speech quotation (:data:`QUOTATION_COLUMNS`), by publication date, outlet and position:
    ``quote`` is the quotation's text as printed, ``article`` its article as ``Outlet, date``, ``side`` ``unknown``
    when the speaker has none."""
    speech = quotes[quotes["kind"] == "speech"] if len(quotes) else quotes
    if speech.empty:
        return pd.DataFrame(columns=QUOTATION_COLUMNS)
    table = speech.merge(articles[["file", "outlet", "published"]], on="file", how="inner", validate="many_to_one")
    labels = article_labels(articles)
    out = pd.DataFrame({"outlet": table["outlet"], "published": table["published"], "speaker": table["speaker"],
                        "speaker_as_written": table["speaker_as_written"], "role": table["role"],
                        "side": table["side"].replace("", "unknown"), "quote": table["text"],
                        "words": [count_words(t) for t in table["text"]], "article": table["file"].map(labels),
                        "file": table["file"], "quote_id": table["quote_id"].astype(int)})
    return out.sort_values(["published", "outlet", "file", "quote_id"], kind="stable").reset_index(drop=True)


def top_speakers(table: pd.DataFrame, by: str, n: int = 5) -> pd.DataFrame:
    """The ``n`` most quoted speakers within each value of ``by`` (``side`` or ``outlet``), most quotations first
    (ties by words, then name): ``<by>, speaker, role, quotations, words, outlets`` (distinct outlets quoting them).
    Unnamed sources count together as "(unnamed)"."""
    columns = [by, "speaker", "role", "quotations", "words", "outlets"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    named = table.assign(speaker=table["speaker"].replace("", UNNAMED))
    g = named.groupby([by, "speaker"], sort=True).agg(role=("role", lambda s: next((r for r in s if r), "")),
                                                     quotations=("quote", "size"), words=("words", "sum"),
                                                     outlets=("outlet", "nunique")).reset_index()
    g = g.sort_values([by, "quotations", "words", "speaker"], ascending=[True, False, False, True], kind="stable")
    return g.groupby(by, sort=False).head(n).reset_index(drop=True)[columns]


def by_outlet_and_side(table: pd.DataFrame) -> pd.DataFrame:
    """Per outlet (most quotations first): ``outlet, quotations, speakers`` (distinct named speakers), then the
    number of quotations of each side (one column per side present, ``unknown`` last)."""
    if table.empty:
        return pd.DataFrame(columns=["outlet", "quotations", "speakers"])
    wide = table.pivot_table(index="outlet", columns="side", values="quote", aggfunc="size", fill_value=0)
    sides = sorted(c for c in wide.columns if c != "unknown") + (["unknown"] if "unknown" in wide.columns else [])
    out = pd.DataFrame({"quotations": table.groupby("outlet").size(),
                        "speakers": table[table["speaker"] != ""].groupby("outlet")["speaker"].nunique()}).fillna(0).astype(int)
    out = out.join(wide[sides]).reset_index()
    return out.sort_values(["quotations", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def most_quoted(table: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most quoted named speakers of the corpus: ``speaker, side, role, quotations, words, outlets``
    (their most frequent side and first role; most quotations first, ties by words then name)."""
    columns = ["speaker", "side", "role", "quotations", "words", "outlets"]
    named = table[table["speaker"] != ""]
    if named.empty:
        return pd.DataFrame(columns=columns)
    g = named.groupby("speaker", sort=True).agg(side=("side", lambda s: s.value_counts().sort_index().idxmax()),
                                               role=("role", lambda s: next((r for r in s if r), "")),
                                               quotations=("quote", "size"), words=("words", "sum"),
                                               outlets=("outlet", "nunique")).reset_index()
    g = g.sort_values(["quotations", "words", "speaker"], ascending=[False, False, True], kind="stable")
    return g.head(n).reset_index(drop=True)[columns]
