"""``python -m helpers export CORPUS_DIR OUT_DIR``: every tidy table of a corpus as UTF-8 CSV, plus
``codebook.csv`` (table, column, type, description).

In:  a corpus folder.  Out: ``OUT_DIR/<table>.csv`` for every table of :data:`helpers.report.schema.TABLES`, and ``codebook.csv``.

Each file is written atomically, with text cells a spreadsheet would read as a formula given a leading ``'``
(:func:`helpers.report.figures.write_csv`). ``OUT_DIR`` is created when missing; one that cannot be written raises
:class:`helpers.files.OutputFolderError`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.analysis import compare
from helpers.analysis.framing import code_sentences
from helpers.annotate import annotations
from helpers.corpus.load import Corpus, load_corpus
from helpers.files import ensure_folder
from helpers.report import schema
from helpers.report.figures import write_csv


def tables(corpus: Corpus, comparison: compare.Comparison | None = None) -> dict[str, pd.DataFrame]:
    """The exported tables of a loaded corpus, columns ordered and typed as in :mod:`helpers.report.schema`
    (``comparison``: :func:`helpers.analysis.compare.analyse` of the corpus, computed when not given)."""
    annotated = annotations(corpus)
    comparison = compare.analyse(corpus, annotated) if comparison is None else comparison
    out = {
        "articles": compare.articles_with_measures(corpus, comparison),  # + per-article measures of notebook 01
        "paragraphs": corpus.paragraphs,
        "sentences": corpus.sentences,
        "removed": corpus.removed,
        "problems": corpus.problems,
        "quotes": annotated.quotes,
        # ===== source comparison tables (01) go here =====
        **compare.export_tables(comparison),
        # ===== framing tables (02) go here =====
        "frames": code_sentences(annotated.matches),
        # ===== timeline tables (03) go here =====
        "events": annotated.events,
    }
    return {name: frame[schema.columns(name)] for name, frame in out.items()}


def export(corpus_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write every table of the corpus in ``corpus_dir`` to ``out_dir``; return rows written per table."""
    corpus = load_corpus(corpus_dir)
    ensure_folder(out_dir)
    counts = {}
    for name, frame in tables(corpus).items():
        write_csv(frame, out_dir / f"{name}.csv")
        counts[name] = len(frame)
    write_csv(schema.codebook(), out_dir / "codebook.csv")
    return counts
