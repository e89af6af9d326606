"""What every notebook does in its first cells: name its inputs and outputs, load the corpus, prepare the
figure writer, and show text safely.

In:  the notebook's stem (``"00_corpus"``).  Out: a :class:`Session` holding the paths, the loaded corpus and
the :class:`helpers.report.figures.FigureWriter`; :meth:`Session.paths` is the table shown in the configuration cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.config import corpus_dir, figures_dir, shown
from helpers.corpus import clean
from helpers.corpus.load import Corpus, load_corpus
from helpers.corpus.manifest import MANIFEST
from helpers.report.figures import FigureWriter

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.max_rows", 200)
pd.set_option("display.width", 160)
pd.set_option("display.precision", 3)

@dataclass
class Session:
    notebook: str
    corpus_folder: Path
    figures_folder: Path
    corpus: Corpus
    figures: FigureWriter

    def paths(self, **extra: Path) -> pd.DataFrame:
        """Every input and output of the notebook, as paths relative to the repository where possible."""
        rows = [
            ("input", "corpus folder ($CORPUS)", shown(self.corpus_folder)),
            ("input", "manifest", shown(self.corpus_folder / MANIFEST)),
            ("input", "cleaning rules", shown(clean.RULES_FILE)),
            *(("input", name.replace("_", " "), shown(path)) for name, path in extra.items()),
            ("output", "figures folder ($FIGURES)", shown(self.figures_folder)),
            ("output", "figure index", shown(self.figures_folder / "index.csv")),
        ]
        table = pd.DataFrame(rows, columns=["role", "what", "path"])
        table.loc[len(table)] = ["input", "corpus fingerprint", self.corpus.fingerprint]
        return table


def start(notebook: str) -> Session:
    """Load the corpus named by ``$CORPUS`` and prepare figures for ``$FIGURES``."""
    corpus_folder, figures_folder = corpus_dir(), figures_dir()
    corpus = load_corpus(corpus_folder)
    return Session(notebook, corpus_folder, figures_folder, corpus,
                   FigureWriter(notebook=notebook, fingerprint=corpus.fingerprint, folder=figures_folder))
