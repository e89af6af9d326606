"""DataFrames from a stream of results, built piece by piece while the results arrive (:func:`build_tables`).

With a worker pool (:mod:`helpers.parallel`) the parent process mostly waits for results. Turning each piece of
rows into a DataFrame as it arrives does that work then, instead of after the last result, when only one CPU works
(the corpus's paragraphs and sentences: 0.6 s at 10,000 articles). The result equals, type for type, the
DataFrame of all the rows at once (tested). The rows are kept until the end, for the rare table whose pieces come
out with different column types: so it costs memory while the workers run. The annotation's tables are not built
this way for that reason (200 MB more at the peak of a 10,000-article export).

In:  an iterable of results (each a dict: table name -> list of rows) and each table's shape function (a list of
rows -> DataFrame).  Out: one DataFrame per table.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

#: Results whose rows are made into DataFrames at a time by :func:`build_tables`.
CHUNK = 2_000


def build_tables(results: Iterable[dict[str, list]], shapes: dict[str, Callable[[list], pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table of ``shapes`` (name -> function of a list of rows) from ``results``, equal to
    ``shapes[name]`` of all the results' rows at once.

    The rows are made into DataFrames :data:`CHUNK` results at a time. The pieces are concatenated when they came out
    with the same column types, as a DataFrame of all the rows then has them; otherwise that table is made from all
    its rows at once. A shape function that sorts must sort first by a key the results arrive in order of (the
    annotation's and the corpus's tables sort by file first, and the articles arrive in file order)."""
    pending: dict[str, list] = {name: [] for name in shapes}
    parts: dict[str, list[tuple[pd.DataFrame, list]]] = {name: [] for name in shapes}

    def flush() -> None:
        for name, rows in pending.items():
            if rows:
                parts[name].append((shapes[name](rows), rows))
                pending[name] = []

    for count, result in enumerate(results, 1):
        for name in shapes:
            pending[name].extend(result[name])
        if count % CHUNK == 0:
            flush()
    flush()
    return {name: _joined(shapes[name], parts[name]) for name in shapes}


def _joined(shape: Callable[[list], pd.DataFrame], parts: list[tuple[pd.DataFrame, list]]) -> pd.DataFrame:
    """The pieces of one table (each a DataFrame and its rows) as one DataFrame: see :func:`build_tables`."""
    if not parts:
        return shape([])
    if len(parts) == 1:
        return parts[0][0]
    types = [list(frame.dtypes) for frame, _ in parts]
    if all(t == types[0] for t in types):
        return pd.concat([frame for frame, _ in parts], ignore_index=True)
    return shape([row for _, rows in parts for row in rows])
