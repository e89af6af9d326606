"""Where the collection reads its corpus and writes its figures.

Two environment variables redirect every notebook and command without editing a cell:

* ``CORPUS``  - folder of articles with its ``articles.csv`` (default: ``seeds/``)
* ``FIGURES`` - folder for figures, their data CSVs and ``index.csv`` (default: ``figures/`` for the seeds;
  ``out/<corpus folder name>/`` for any other corpus, so the committed figures are never overwritten by another
  corpus's)

Relative values are taken from the current working directory, as a shell user expects.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def corpus_dir() -> Path:
    """The corpus folder: ``$CORPUS`` if set, else ``<repo>/seeds``."""
    value = os.environ.get("CORPUS", "").strip()
    return Path(value).resolve() if value else ROOT / "seeds"


def is_default_corpus() -> bool:
    """Whether the corpus is the committed seeds (``$CORPUS`` unset or pointing at ``seeds/``)."""
    return corpus_dir().resolve() == (ROOT / "seeds").resolve()


def figures_dir() -> Path:
    """The figures folder: ``$FIGURES`` if set, else ``<repo>/figures`` for the seeds and
    ``<repo>/out/<corpus folder name>`` for another corpus."""
    value = os.environ.get("FIGURES", "").strip()
    if value:
        return Path(value).resolve()
    return ROOT / "figures" if is_default_corpus() else ROOT / "out" / corpus_dir().name


def shown(path: Path) -> str:
    """A path as printed in notebooks: relative to the repository when inside it,
    so stored outputs never carry a machine's absolute paths."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix() + ("/" if path.is_dir() else "")
    except ValueError:
        return path.as_posix()
