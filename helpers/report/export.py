"""``python -m helpers export [--engine dask [--scheduler ADDRESS]] [--format parquet] CORPUS_DIR OUT_DIR``: every
tidy table of a corpus as UTF-8 CSV, plus ``codebook.csv`` (table, column, type, description).

In:  a corpus folder.  Out: ``OUT_DIR/<table>.csv`` for every table of :data:`helpers.report.schema.TABLES`, and
``codebook.csv``; with ``fmt="parquet"`` also ``OUT_DIR/<table>.parquet`` (the same rows and columns, text as
written: no formula neutralisation, which is for spreadsheets).

``engine="dask"`` maps the per-article work (loading and annotation) over a Dask cluster (the one at
``scheduler``, else a local cluster; :func:`helpers.parallel.dask_engine`); the cross-article steps run here on
the gathered tables, so the files are identical to the local engine's.

Each file is written atomically, with text cells a spreadsheet would read as a formula given a leading ``'``
(:func:`helpers.report.figures.write_csv`). From :data:`SPOOL_ARTICLES` English articles, the annotation's frame
matches, dates and events are spooled to a folder of the export's own inside ``OUT_DIR`` piece by piece as they are made, and the frame coding and events are written
from those pieces (:func:`per_article_pieces`), so those tables are never whole in memory. The tables the source
comparison does not read are written before it runs and let go (:func:`per_article_tables`), so that it runs with
less in memory, and the corpus's paragraphs, which the annotation does not read either, before the annotation; every
file is first written to
a folder of the export's own inside ``OUT_DIR`` and moved into ``OUT_DIR`` only when all are written, so a failure
leaves ``OUT_DIR`` as it was (:func:`helpers.files.staging_folder`). ``OUT_DIR`` is created when missing; one that
cannot be written raises :class:`helpers.files.OutputFolderError`.
"""
from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path

import pandas as pd

from helpers import parallel
from helpers.analysis import compare
from helpers.analysis.framing import code_sentences
from helpers.annotate import annotations, warm_up
from helpers.corpus.load import Corpus, load_corpus
from helpers.files import ensure_folder, move_into, staging_folder, write_atomic
from helpers.report import schema
from helpers.report.figures import write_csv, write_csv_pieces


def tables(corpus: Corpus, comparison: compare.Comparison | None = None) -> dict[str, pd.DataFrame]:
    """The exported tables of a loaded corpus, columns ordered and typed as in :mod:`helpers.report.schema`
    (``comparison``: :func:`helpers.analysis.compare.analyse` of the corpus, computed when not given)."""
    early = per_article_tables(corpus)
    return _in_order({**early, **comparison_tables(corpus, comparison)})


#: The exported tables in the order :func:`tables` gives them (and the export command reports them).
ORDER = ("articles", "paragraphs", "sentences", "removed", "problems", "quotes", "similarity", "quote_alignments",
         "claims", "reuse", "frames", "events")


def _in_order(out: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    assert set(out) == set(ORDER)
    return {name: out[name] for name in ORDER}


def per_article_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The exported tables that the source comparison does not read: the corpus's paragraphs, sentences, removed
    lines and problems, the frame coding (02) and the dated events (03), columns as in the schema."""
    return {name: _whole(list(pieces()), name) for name, (pieces, _) in per_article_pieces(corpus).items()}


def per_article_pieces(corpus: Corpus) -> dict[str, tuple[Callable[[], Iterable[pd.DataFrame]], int]]:
    """:func:`per_article_tables`, each as a function that gives the table's rows piece by piece (columns as in the
    schema) and the number of rows it reads from: one piece when the annotation's tables are whole, else one per
    piece of the spooled tables (:attr:`helpers.annotate.Annotations.spooled`), so a table is never whole in memory.
    The frame coding of each piece of the frame matches is that of its articles alone (it is made per sentence and
    ordered by file first, and the pieces come in file order), so the pieces together are the whole table."""
    return {**corpus_pieces(corpus), **annotation_pieces(corpus)}


def corpus_pieces(corpus: Corpus) -> dict[str, tuple[Callable[[], Iterable[pd.DataFrame]], int]]:
    """The corpus's own tables among :func:`per_article_pieces`: paragraphs, sentences, removed lines, problems.
    They need no annotation."""
    out = {"paragraphs": _table(corpus.paragraphs), "sentences": _table(corpus.sentences),
           "removed": _table(corpus.removed), "problems": _table(corpus.problems)}
    return {name: (_columns(name, pieces), size) for name, (pieces, size) in out.items()}


def annotation_pieces(corpus: Corpus) -> dict[str, tuple[Callable[[], Iterable[pd.DataFrame]], int]]:
    """The annotation's tables among :func:`per_article_pieces`: the frame coding (02) and the dated events (03)."""
    annotated = annotations(corpus)

    def spooled(name: str, make: Callable[[pd.DataFrame], pd.DataFrame]):
        size = len(annotated.spooled[name]) if name in annotated.spooled else len(getattr(annotated, name))
        return lambda: (make(piece) for piece in annotated.pieces(name)), size

    out = {
        # ===== framing tables (02) go here =====
        "frames": spooled("matches", code_sentences),
        # ===== timeline tables (03) go here =====
        "events": spooled("events", lambda events: events),
    }
    return {name: (_columns(name, pieces), size) for name, (pieces, size) in out.items()}


def _table(frame: pd.DataFrame) -> tuple[Callable[[], Iterable[pd.DataFrame]], int]:
    return lambda: [frame], len(frame)


def _columns(name: str, pieces: Callable[[], Iterable[pd.DataFrame]]) -> Callable[[], Iterator[pd.DataFrame]]:
    return lambda: (piece[schema.columns(name)] for piece in pieces())


def _whole(pieces: list[pd.DataFrame], name: str) -> pd.DataFrame:
    """One table from its pieces: the first alone when there is one (as it was made); else the pieces with rows
    joined (an empty piece, such as the frame coding of articles without a frame, has no say in a column's type)."""
    if len(pieces) == 1:
        return pieces[0]
    full = [piece for piece in pieces if len(piece)]
    if not full:
        return pieces[0] if pieces else pd.DataFrame(columns=schema.columns(name))
    return full[0] if len(full) == 1 else pd.concat(full, ignore_index=True)


def comparison_tables(corpus: Corpus, comparison: compare.Comparison | None = None) -> dict[str, pd.DataFrame]:
    """The exported tables of the source comparison (01): the articles with their measures, the quotations and
    :func:`helpers.analysis.compare.export_tables`, columns as in the schema."""
    annotated = annotations(corpus)
    comparison = compare.analyse(corpus, annotated) if comparison is None else comparison
    out = {
        "articles": compare.articles_with_measures(corpus, comparison),  # + per-article measures of notebook 01
        "quotes": annotated.quotes,
        # ===== source comparison tables (01) go here =====
        **compare.export_tables(comparison),
    }
    return {name: frame[schema.columns(name)] for name, frame in out.items()}


def _empty(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``'s columns, with their types, and no rows."""
    return pd.DataFrame({c: pd.Series([], dtype=frame[c].dtype) for c in frame.columns})


def _without(corpus: Corpus, names: tuple[str, ...], memo: dict | None = None) -> Corpus:
    """``corpus`` with its tables ``names`` left with their columns and no rows, so that their memory is given back
    (for tables the steps after this do not read), and a copy of its memo (or ``memo``)."""
    return dataclasses.replace(corpus, **{name: _empty(getattr(corpus, name)) for name in names},
                               memo=dict(corpus.memo) if memo is None else memo)


def _without_written(corpus: Corpus) -> Corpus:
    """``corpus`` for the source comparison (:func:`comparison_tables`) without what it does not read and
    :func:`per_article_tables` has written: its paragraphs and sentences, the annotation's frame matches, expressions
    and events, each left with its columns and no rows, so that their memory is given back before the comparison's
    peak."""
    annotated = annotations(corpus)
    memo = {k: v for k, v in corpus.memo.items() if k != "annotations"}
    memo["annotations"] = dataclasses.replace(annotated, matches=_empty(annotated.matches),
                                              expressions=_empty(annotated.expressions), events=_empty(annotated.events))
    return _without(corpus, ("paragraphs", "sentences"), memo)


#: English articles from which the export spools the annotation's frame matches, dates and events instead of holding
#: them (:func:`export`). Below it they are held whole and stored whole in the cache as the notebooks store them, so
#: a warm rerun reads three tables instead of every article's entries (10,000 articles: 4.8 s against 10.6 s); above
#: it their memory counts more (1.1 GB at 100,000 articles).
SPOOL_ARTICLES = 20_000


#: Output formats of :func:`export`: CSV always; Parquet in addition.
FORMATS = ("csv", "parquet")
ENGINES = ("local", "dask")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as Parquet (pyarrow, no index, zstd compression) through a temporary file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    write_atomic(Path(path), lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def export(corpus_dir: Path, out_dir: Path, engine: str = "local", scheduler: str | None = None,
           fmt: str = "csv") -> dict[str, int]:
    """Write every table of the corpus in ``corpus_dir`` to ``out_dir`` (CSV; plus Parquet when ``fmt`` is
    ``"parquet"``), the per-article work on ``engine`` (``"local"`` processes or ``"dask"``, at ``scheduler`` when
    given); return rows written per table."""
    if engine not in ENGINES or fmt not in FORMATS:
        raise ValueError(f"engine must be one of {ENGINES} and format one of {FORMATS}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs the dask engine (--engine dask)")
    with parallel.dask_engine(scheduler) if engine == "dask" else nullcontext():
        # the annotation's models load while the workers load the corpus (the local engine's workers inherit them)
        corpus = load_corpus(corpus_dir, meanwhile=warm_up if engine == "local" else None)
        ensure_folder(out_dir)
        # The annotation's tables that only go on to be written (the frame matches, the dates and the events: about
        # 1.1 GB at 100,000 articles) are spooled to a second folder of this export's own, piece by piece, and
        # written from there, for a corpus of SPOOL_ARTICLES English articles or more. The other tables the
        # comparison does not read are written first, into a folder of this export's own inside OUT_DIR, and let go,
        # so the comparison runs without them in memory. Every file moves into OUT_DIR only once all are written.
        with staging_folder(out_dir) as staging, staging_folder(out_dir) as spool:
            # the corpus's tables the annotation does not read go first (its paragraphs: about 0.4 GB at 100,000
            # articles, which the annotation's workers would otherwise run beside)
            first = {name: pieces for name, pieces in corpus_pieces(corpus).items() if name != "sentences"}
            rows = _write_pieces(first, staging, fmt)
            corpus = _without(corpus, ("paragraphs",))
            del first
            parallel.release_free_memory()
            annotations(corpus, spool=spool if len(corpus.english) >= SPOOL_ARTICLES else None)
            early = {"sentences": corpus_pieces(corpus)["sentences"], **annotation_pieces(corpus)}
            rows.update(_write_pieces(early, staging, fmt))
            corpus = _without_written(corpus)
            del early  # nothing else refers to them now (no cycle: they go at once)
            parallel.release_free_memory()
            rest = comparison_tables(corpus)
            write_files(rest, staging, fmt)
            rows.update({name: len(frame) for name, frame in rest.items()})
            move_into(staging, out_dir)
    return {name: rows[name] for name in ORDER}


def write_files(exported: dict[str, pd.DataFrame], out_dir: Path, fmt: str = "csv", codebook: bool = True) -> None:
    """Write each table of ``exported`` as ``out_dir/<name>.csv`` (and ``.parquet`` with ``fmt="parquet"``), and
    ``codebook.csv`` (unless ``codebook`` is False). Each file on its own thread, largest first: Arrow's kernels, which format the CSV text
    (:mod:`helpers.report.csvtext`), run outside the GIL (10,000 articles: 1.6-2.2 s -> 0.9-1.2 s on 2 cores).
    Every file is still written whole through a temporary file, and a failure in any of them is raised here."""
    _write_pieces({name: (lambda frame=frame: [frame], len(frame)) for name, frame in exported.items()}, out_dir, fmt)
    if codebook:
        write_csv(schema.codebook(), out_dir / "codebook.csv")


def _write_pieces(exported: dict[str, tuple[Callable[[], Iterable[pd.DataFrame]], int]], out_dir: Path,
                  fmt: str = "csv") -> dict[str, int]:
    """:func:`write_files` of tables given piece by piece (name -> (function giving the pieces, size)); rows
    written per table. A table's Parquet file is written from the whole table (its pieces joined)."""
    def write(name: str) -> int:
        pieces, _ = exported[name]
        written = [0]

        def counted():
            for piece in pieces():
                written[0] += len(piece)
                yield piece

        write_csv_pieces(counted(), out_dir / f"{name}.csv", pd.DataFrame(columns=schema.columns(name)))
        if fmt == "parquet":
            write_parquet(_whole(list(pieces()), name), out_dir / f"{name}.parquet")
        return written[0]

    with ThreadPoolExecutor(max_workers=parallel.workers()) as pool:
        names = sorted(exported, key=lambda name: -exported[name][1])
        return dict(zip(names, pool.map(write, names)))
