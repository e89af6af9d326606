"""What every notebook does in its first cells: name its inputs and outputs, load the corpus, prepare the
figure writer, and show text safely.

In:  the notebook's stem (``"00_corpus"``) and how many outlets its figures name.  Out: a :class:`Session` holding
the paths, the loaded corpus, the outlets its figures name with their colours, the corpus counts and the
:class:`helpers.report.figures.FigureWriter`; :meth:`Session.paths` is the table shown in the configuration cell,
:meth:`Session.header` the line that opens the notebook's findings. :func:`run_summary` is what the run command
prints at the end.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.analysis import findings, outlets, overview
from helpers.config import corpus_dir, figures_dir, shown
from helpers.corpus import clean
from helpers.corpus.load import Corpus, load_corpus
from helpers.corpus.manifest import MANIFEST
from helpers.report import tables
from helpers.report.figures import SUMMARY_FILE, FigureWriter
from helpers.report.palette import outlet_colours

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.max_rows", 200)
pd.set_option("display.width", 160)
pd.set_option("display.precision", 3)

#: Where the problems table is, as the notebooks after 00 point to it.
PROBLEMS_WHERE = "the problems table in [00_corpus](00_corpus.ipynb)"


@dataclass
class Session:
    notebook: str
    corpus_folder: Path
    figures_folder: Path
    corpus: Corpus
    figures: FigureWriter
    #: The outlets the figures name (most articles first); the others are drawn as "other outlets".
    outlets: list[str]
    #: A colour for each named outlet and for "other outlets", the same in every figure.
    colours: dict[str, str]
    counts: dict

    def header(self) -> str:
        """The corpus line that opens the notebook's findings (analysed, duplicates, rejected)."""
        where = "the problems table below" if self.notebook.startswith("00") else PROBLEMS_WHERE
        return findings.header(self.counts, where)

    def where(self, name: str) -> str:
        """Where a saved table or figure data is, for the sentence under a shortened table."""
        return f"in {shown(self.figures_folder / name)}"

    def table(self, data: pd.DataFrame, what: str, name: str = "", caption: str = "", columns: list[str] | None = None,
              top: int = tables.TOP_ROWS, percent: tuple[str, ...] = ()) -> tables.Shown:
        """Show the first rows of ``data`` (:func:`helpers.report.tables.show`); with ``name``, save the whole table
        beside the figures as ``<nn>_<name>.csv``, listed in the index with ``caption``, and say where it is."""
        where = self.where(self.figures.save_table(data, name, caption)) if name else ""
        return tables.show(data, what, columns, top, percent, where)

    def paths(self, **extra: Path) -> pd.DataFrame:
        """Every input and output of the notebook, as paths relative to the repository where possible."""
        rows = [
            ("input", "corpus folder ($CORPUS)", shown(self.corpus_folder)),
            ("input", "manifest", shown(self.corpus_folder / MANIFEST)),
            ("input", "cleaning rules", shown(clean.RULES_FILE)),
            *(("input", name.replace("_", " "), shown(path)) for name, path in extra.items()),
            ("output", "figures folder ($FIGURES)", shown(self.figures_folder)),
            ("output", "figure index", shown(self.figures_folder / "index.csv")),
            ("output", "annotated reader (every article, annotations marked; written by the run command)",
             shown(self.figures_folder / "reader" / "index.html")),
        ]
        table = pd.DataFrame(rows, columns=["role", "what", "path"])
        table.loc[len(table)] = ["input", "corpus fingerprint", self.corpus.fingerprint]
        return table


def start(notebook: str, top_outlets: int = outlets.TOP_OUTLETS) -> Session:
    """Load the corpus named by ``$CORPUS`` and prepare figures for ``$FIGURES``; figures name the
    ``top_outlets`` outlets with the most articles."""
    corpus_folder, figures_folder = corpus_dir(), figures_dir()
    corpus = load_corpus(corpus_folder)
    named = outlets.top(corpus.analysed, top_outlets)
    counts = overview.counts(corpus)
    writer = FigureWriter(notebook=notebook, fingerprint=corpus.fingerprint, folder=figures_folder, summary=counts)
    return Session(notebook, corpus_folder, figures_folder, corpus, writer, named, outlet_colours(named), counts)


def run_summary(corpus_folder: Path, figures_folder: Path) -> str:
    """What the run command prints last: the corpus counts the notebooks reported (from ``corpus_summary.csv``
    beside the figures), or why there are none."""
    path = figures_folder / SUMMARY_FILE
    if not path.is_file():
        return f"No corpus summary in {shown(figures_folder)} (no notebook finished)."
    row = pd.read_csv(path, dtype=str, keep_default_na=False).iloc[0]
    return (f"Corpus {shown(corpus_folder)} ({row['fingerprint']}): {int(row['analysed']):,} articles analysed from "
            f"{int(row['outlets']):,} outlets, {int(row['duplicates']):,} duplicates analysed once, "
            f"{int(row['rejected']):,} files or manifest rows rejected"
            + (" (reasons and fixes: the problems table in notebook 00)." if int(row["rejected"]) else "."))
