"""DataFrames from a stream of results, built piece by piece while the results arrive (:func:`build_tables`).

With a worker pool (:mod:`helpers.parallel`) the parent process mostly waits for results. Turning each piece of
rows into a DataFrame as it arrives does that work then, instead of after the last result, when only one CPU works
(at 10,000 articles: 1.7 s of the annotation's tables, 0.6 s of the corpus's paragraphs and sentences). The result
equals, type for type, the DataFrame of all the rows at once (tested).

In:  an iterable of results (each a dict: table name -> list of rows) and each table's shape function (a list of
rows -> DataFrame); optionally a function that gives the results again.  Out: one DataFrame per table.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

#: Results whose rows are made into DataFrames at a time by :func:`build_tables`.
CHUNK = 2_000


def build_tables(results: Iterable[dict[str, list]], shapes: dict[str, Callable[[list], pd.DataFrame]],
                 again: Callable[[], Iterable[dict[str, list]]] | None = None, typed: bool = False) -> dict[str, pd.DataFrame]:
    """One DataFrame per table of ``shapes`` (name -> function of a list of rows) from ``results``, equal to
    ``shapes[name]`` of all the results' rows at once.

    The rows are made into DataFrames :data:`CHUNK` results at a time. The pieces are concatenated when they came out
    with the same column types, as a DataFrame of all the rows then has them; otherwise that table is made from all
    its rows at once. Without ``again`` every piece's rows are kept for that case until the end. With ``again`` (a
    function that gives the same results anew) they are dropped as soon as their piece is made, so the rows of only
    one piece are held at a time, and a table whose pieces disagree is made from the rows of ``again()``: the
    annotation passes its cached computation (none of the annotation's tables disagreed on the 10,000-article
    research-shaped corpus, even in pieces of 20 articles). With ``typed``, the shape functions give every piece
    the same column types whatever its rows (they cast to a schema), so no rows are kept either (the loader's
    paragraphs and sentences: 2-3 GB of rows at 100,000 articles); pieces that disagree anyway raise a
    ``TypeError``. A shape function that sorts must sort first by a key the
    results arrive in order of (the annotation's and the corpus's tables sort by file first, and the articles
    arrive in file order)."""
    pending: dict[str, list] = {name: [] for name in shapes}
    parts: dict[str, list[tuple[pd.DataFrame, list | None]]] = {name: [] for name in shapes}

    def flush() -> None:
        for name, rows in pending.items():
            if rows:
                parts[name].append((shapes[name](rows), rows if again is None and not typed else None))
                pending[name] = []

    for count, result in enumerate(results, 1):
        for name in shapes:
            pending[name].extend(result[name])
        if count % CHUNK == 0:
            flush()
    flush()
    built = {name: _joined(shapes[name], parts.pop(name)) for name in shapes}
    redo = [name for name, frame in built.items() if frame is None]
    if redo and again is None:
        raise TypeError(f"the pieces of {', '.join(redo)} came out with different column types, although their shape casts them")
    if redo:
        rows: dict[str, list] = {name: [] for name in redo}
        for result in again():
            for name in redo:
                rows[name].extend(result[name])
        built.update({name: shapes[name](rows.pop(name)) for name in redo})
    return built


def _joined(shape: Callable[[list], pd.DataFrame], parts: list[tuple[pd.DataFrame, list | None]]) -> pd.DataFrame | None:
    """The pieces of one table (each a DataFrame and its rows, or None for rows dropped) as one DataFrame: see
    :func:`build_tables`; None when the pieces' column types disagree and their rows were dropped."""
    if not parts:
        return shape([])
    if len(parts) == 1:
        return parts[0][0]
    types = [list(frame.dtypes) for frame, _ in parts]
    if all(t == types[0] for t in types):
        return pd.concat([frame for frame, _ in parts], ignore_index=True)
    if any(rows is None for _, rows in parts):
        return None
    return shape([row for _, rows in parts for row in rows])
