"""What is in a corpus: tables for notebook 00.

Every function takes a loaded :class:`helpers.corpus.load.Corpus` and returns a tidy DataFrame.
"""
from __future__ import annotations

import pandas as pd

from helpers.corpus.load import Corpus
from helpers.corpus.manifest import reader_notes


def article_list(corpus: Corpus) -> pd.DataFrame:
    """One row per loaded article: file, outlet, published (with precision), words, flags, duplicate_of and
    the manifest's notes, which carry provenance caveats (an inferred outlet or day) a reader must see (placeholder
    notes the ``manifest`` command wrote for the researcher are left out). Articles with a flag or a note come
    first, then by file."""
    columns = ["file", "outlet", "published", "date_precision", "n_words", "flags", "duplicate_of", "notes"]
    table = corpus.articles[columns].assign(notes=corpus.articles["notes"].map(reader_notes))
    plain = (table["flags"] == "") & (table["notes"] == "")
    return table.assign(_plain=plain).sort_values(["_plain", "file"], kind="stable").drop(columns="_plain").reset_index(drop=True)


def outlet_summary(corpus: Corpus) -> pd.DataFrame:
    """One row per outlet of the analysed articles, most articles first: outlet, articles, words, first and last
    publication date."""
    columns = ["outlet", "articles", "words", "first", "last"]
    a = corpus.analysed
    if a.empty:
        return pd.DataFrame(columns=columns)
    out = a.groupby("outlet", sort=True).agg(articles=("file", "size"), words=("n_words", "sum"),
                                            first=("date_start", "min"), last=("date_end", "max")).reset_index()
    return out.sort_values(["articles", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


def per_outlet_year(corpus: Corpus) -> pd.DataFrame:
    """Analysed articles and words per outlet and publication year (long format: outlet, year, articles, words)."""
    frame = corpus.analysed.assign(year=corpus.analysed["date_start"].str[:4])
    table = (
        frame.groupby(["outlet", "year"], sort=True)
        .agg(articles=("file", "size"), words=("n_words", "sum"))
        .reset_index()
    )
    return table


def flag_counts(corpus: Corpus) -> pd.DataFrame:
    """How many articles carry each quality flag (flag, articles), most frequent first."""
    flags = corpus.articles["flags"].str.split().explode().dropna()
    flags = flags[flags != ""].str.split(":").str[0]
    table = flags.value_counts().rename_axis("flag").reset_index(name="articles")
    return table.sort_values(["articles", "flag"], ascending=[False, True], kind="stable").reset_index(drop=True)


def removed_by_rule(corpus: Corpus) -> pd.DataFrame:
    """Pieces removed by cleaning, per rule: rule, articles (from which it removed something), lines; most first."""
    columns = ["rule", "articles", "lines"]
    if corpus.removed.empty:
        return pd.DataFrame(columns=columns)
    counts = corpus.removed.groupby("rule").agg(articles=("file", "nunique"), lines=("line", "size")).reset_index()
    return counts.sort_values(["lines", "rule"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


def status_counts(status_table: pd.DataFrame) -> pd.DataFrame:
    """How many files or manifest rows ended in each state (analysed, duplicate, rejected)."""
    order = {"analysed": 0, "duplicate": 1, "rejected": 2}
    counts = status_table["status"].value_counts().rename_axis("status").reset_index(name="files")
    return counts.sort_values("status", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def status(corpus: Corpus) -> pd.DataFrame:
    """What became of every file and manifest row: analysed, duplicate (analysed once elsewhere) or rejected;
    rejected ones first, then duplicates, then by file."""
    rows = [{"file": f, "status": "duplicate" if d else "analysed"} for f, d in zip(corpus.articles["file"], corpus.articles["duplicate_of"])]
    loaded = set(corpus.articles["file"])
    errors = corpus.problems[corpus.problems["severity"] == "error"]
    rows += [{"file": f, "status": "rejected"} for f in sorted(set(errors["file"]) - loaded)]
    table = pd.DataFrame(rows, columns=["file", "status"])
    rank = table["status"].map({"rejected": 0, "duplicate": 1, "analysed": 2})
    return table.assign(_rank=rank).sort_values(["_rank", "file"], kind="stable").drop(columns="_rank").reset_index(drop=True)


def counts(corpus: Corpus) -> dict[str, object]:
    """What every notebook's header reports: articles analysed (and in English), outlets, the publication span,
    duplicates analysed once, and files or manifest rows rejected (with their reasons in the problems table)."""
    table = status(corpus)
    by = table["status"].value_counts()
    analysed = corpus.analysed
    return {"analysed": int(by.get("analysed", 0)), "english": len(corpus.english), "outlets": int(analysed["outlet"].nunique()),
            "first": analysed["date_start"].min() if len(analysed) else "", "last": analysed["date_end"].max() if len(analysed) else "",
            "duplicates": int(by.get("duplicate", 0)), "rejected": int(by.get("rejected", 0)),
            "fingerprint": corpus.fingerprint}
