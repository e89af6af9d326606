"""Labels for articles in figures and tables, as a reader cites them: ``Outlet, 2021-04-06`` (the publication date
as precise as the manifest gives it), with ``(2)``, ``(3)`` ... when an outlet published several articles that day.

In:  the articles (``file, outlet, published``).  Out: ``file -> label`` dicts.
"""
from __future__ import annotations

import pandas as pd


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """``file -> "Outlet, 2021-04-06"``; a second article of the same outlet and date is ``"Outlet, 2021-04-06 (2)"``
    (numbered in file order, so a label never changes when other outlets' articles are added)."""
    table = articles[["file", "outlet", "published"]].drop_duplicates("file").sort_values("file", kind="stable")
    base = table["outlet"] + ", " + table["published"]
    number = base.groupby(base).cumcount() + 1
    several = base.map(base.value_counts()) > 1
    labels = base.where(~several, base + " (" + number.astype(str) + ")")
    return dict(zip(table["file"], labels))
