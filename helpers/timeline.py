"""When each outlet wrote: the publication timeline, with date precision kept as an interval.

In:  a corpus.  Out: :func:`publication_timeline` - one row per analysed article: file, outlet, published,
date_precision, date_start, date_end (an article known only to its month spans the whole month).
"""
from __future__ import annotations

import pandas as pd

from .corpus import Corpus


def publication_timeline(corpus: Corpus) -> pd.DataFrame:
    """One row per analysed article, in publication order (then file)."""
    columns = ["file", "outlet", "published", "date_precision", "date_start", "date_end"]
    table = corpus.analysed[columns].sort_values(["date_start", "file"], kind="stable").reset_index(drop=True)
    return table
