"""Labels for articles in figures and tables: a short unique id per file, and ``Outlet (id)``.

In:  file names (and outlets).  Out: ``file -> label`` dicts.
"""
from __future__ import annotations

import re

import pandas as pd


# --------------------------------------------------------------------------------------------- labels
def short_ids(files) -> dict[str, str]:
    """A short, unique id per file for labels: the shortest prefix (3, 6, 12 characters of the name before its
    first ``_`` or ``.``, else the whole name) that tells the files apart."""
    files = sorted(set(files))
    stems = {f: re.split(r"[_.]", f.rsplit("/", 1)[-1], maxsplit=1)[0] or f for f in files}
    for n in (3, 6, 12):
        ids = {f: s[:n] for f, s in stems.items()}
        if len(set(ids.values())) == len(ids):
            return ids
    return {f: f for f in files}


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """``file -> "Outlet (001)"`` for figures and tables."""
    ids = short_ids(articles["file"])
    return {f: f"{o} ({ids[f]})" for f, o in zip(articles["file"], articles["outlet"])}
