"""DataFrames from a stream of results, built piece by piece while the results arrive (:func:`build_tables`).

With a worker pool (:mod:`helpers.parallel`) the parent process mostly waits for results. Turning each piece of
rows into a DataFrame as it arrives does that work then, instead of after the last result, when only one CPU works
(at 10,000 articles: 1.7 s of the annotation's tables, 0.6 s of the corpus's paragraphs and sentences). The result
equals, type for type, the DataFrame of all the rows at once (tested).

A table that only goes on to be written (the export's frame matches, say) can be *spooled* instead: each piece is
written to a file of a folder the caller owns as soon as it is made and let go, so the whole table is never in
memory (:class:`Spooled`; at 100,000 articles the frame matches alone are 830 MB).

In:  an iterable of results (each a dict: table name -> list of rows) and each table's shape function (a list of
rows -> DataFrame); optionally a function that gives the results again, and a folder to spool tables to.
Out: one DataFrame (or :class:`Spooled`) per table.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

#: Results whose rows are made into DataFrames at a time by :func:`build_tables`.
CHUNK = 2_000


def take_list(column: pd.Series, positions: np.ndarray) -> list:
    """``column.take(positions).tolist()`` (the same values, of the same Python types), taken from each of the
    column's Arrow chunks apart. Arrow's own take on a column of many chunks (a table joined from pieces) first joins
    them all, copying every text of the column: a loop of takes, one batch of articles at a time, was quadratic in
    the corpus (at 10,000 articles the annotation's jobs took 1.25 s that way, 0.5 s this way). ``positions``: row
    positions from 0 (a negative one, counted from the end, is left to pandas)."""
    chunked = getattr(column.array, "_pa_array", None)
    positions = np.asarray(positions, dtype=np.int64)
    if not isinstance(chunked, pa.ChunkedArray) or chunked.num_chunks <= 1 or not len(positions) or positions.min() < 0:
        return column.take(positions).tolist()
    bounds = np.cumsum([0, *(len(chunk) for chunk in chunked.chunks)])
    which = np.searchsorted(bounds, positions, side="right") - 1
    by_chunk = np.argsort(which, kind="stable")  # the positions grouped by chunk: one pass, however many chunks
    cuts = np.flatnonzero(np.diff(which[by_chunk])) + 1
    out = np.empty(len(positions), dtype=object)
    for at in np.split(by_chunk, cuts):
        k = int(which[at[0]])
        values = column.iloc[bounds[k]:bounds[k + 1]].take(positions[at] - bounds[k]).tolist()  # one chunk: no join
        out[at] = np.fromiter(values, dtype=object, count=len(values))
    return out.tolist()


@dataclass
class Spooled:
    """A table kept on disk in pieces, in order: Arrow IPC files that only this process wrote, in a folder its caller
    created and removes (a piece Arrow cannot store, such as a column of mixed Python objects, is kept in memory
    instead). ``empty``: the table with its columns and no rows."""

    empty: pd.DataFrame
    #: each piece: its file (or the piece itself) and its column types as made
    stored: list[tuple[Path | pd.DataFrame, tuple[str, ...]]] = field(default_factory=list)
    #: rows in all pieces
    rows: int = 0

    def add(self, piece: pd.DataFrame, path: Path) -> None:
        """Store ``piece`` at ``path`` (a new file) or, when Arrow cannot, keep it."""
        types = tuple(map(str, piece.dtypes))
        self.rows += len(piece)
        try:
            table = pa.Table.from_pandas(piece, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            self.stored.append((piece, types))
            return
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        self.stored.append((path, types))

    def pieces(self) -> Iterator[pd.DataFrame]:
        """The table's rows, piece by piece in order (index from 0 in each). Pieces whose column types differ (a
        column all missing in one, say) come as one piece, joined as :func:`pandas.concat` joins them, so that a
        writer formats each column one way throughout."""
        if len({types for _, types in self.stored}) > 1:
            yield self.frame()
            return
        for piece, _ in self.stored:
            yield _read_piece(piece)

    def frame(self) -> pd.DataFrame:
        """The whole table (every piece in memory at once)."""
        if not self.stored:
            return self.empty
        return pd.concat([_read_piece(piece) for piece, _ in self.stored], ignore_index=True)

    def __len__(self) -> int:
        return self.rows


def _read_piece(piece: Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(piece, pd.DataFrame):
        return piece
    with pa.OSFile(str(piece)) as source:
        return pa.ipc.open_file(source).read_all().to_pandas()


def build_tables(results: Iterable[dict[str, list]], shapes: dict[str, Callable[[list], pd.DataFrame]],
                 again: Callable[[], Iterable[dict[str, list]]] | None = None, typed: bool = False,
                 spool: dict[str, Path] | None = None) -> dict[str, pd.DataFrame | Spooled]:
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
    arrive in file order).

    ``spool``: table name -> a new, empty folder of the caller's own. Each piece of those tables is written there
    (``000001.arrow``, ...) as soon as it is made and let go, and the table comes back as a :class:`Spooled`; pieces
    whose column types differ are joined when read (:meth:`Spooled.pieces`), never made again. An empty piece is
    not written."""
    spool = spool or {}
    spooled = {name: Spooled(shapes[name]([])) for name in spool}
    pending: dict[str, list] = {name: [] for name in shapes}
    parts: dict[str, list[tuple[pd.DataFrame, list | None]]] = {name: [] for name in shapes}

    def flush() -> None:
        for name, rows in pending.items():
            if not rows:
                continue
            if name in spooled:
                spooled[name].add(shapes[name](rows), Path(spool[name]) / f"{len(spooled[name].stored) + 1:06d}.arrow")
            else:
                parts[name].append((shapes[name](rows), rows if again is None and not typed else None))
            pending[name] = []

    for count, result in enumerate(results, 1):
        for name in shapes:
            pending[name].extend(result[name])
        if count % CHUNK == 0:
            flush()
    flush()
    built = {name: _joined(shapes[name], parts.pop(name)) for name in shapes if name not in spooled}
    redo = [name for name, frame in built.items() if frame is None]
    if redo and again is None:
        raise TypeError(f"the pieces of {', '.join(redo)} came out with different column types, although their shape casts them")
    if redo:
        rows: dict[str, list] = {name: [] for name in redo}
        for result in again():
            for name in redo:
                rows[name].extend(result[name])
        built.update({name: shapes[name](rows.pop(name)) for name in redo})
    return {name: spooled[name] if name in spooled else built[name] for name in shapes}


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
