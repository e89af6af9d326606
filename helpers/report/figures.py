"""Citable figures: every chart saved as PNG (300 dpi), SVG and PDF, byte-identical from run to run,
with the CSV of the data it draws beside it and a row in ``index.csv``.

In:  a matplotlib Figure, the DataFrame it draws, a short name and a caption (or a table alone, for tables too
     long to show in full: :meth:`FigureWriter.save_table`).
Out: ``<FIGURES>/<nn>_<name>.{png,svg,pdf,csv}`` and ``<FIGURES>/index.csv``
     (file, notebook, caption, formats, corpus_fingerprint), sorted by file; ``<FIGURES>/corpus_summary.csv``, the
     counts of the corpus the figures were made from (what every notebook's header reports).

Every figure fits a journal page: at most :data:`MAX_SIZE` inches (width, height) and no text smaller than
:data:`MIN_FONT` points at that size; :meth:`FigureWriter.save` refuses a figure that breaks either rule.
"""
from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image as DisplayImage
from IPython.display import display
from PIL import Image

from helpers.config import figures_dir
from helpers.files import write_atomic

FORMATS = ("png", "svg", "pdf")
PREVIEW_SCALE = 1 / 3  # the 300 dpi PNG shown at 100 dpi
#: zlib level of the saved PNGs: 3 writes a notebook's figures about 2.5x faster than Pillow's default 6 for files
#: about 20% larger (measured on the heatmaps of notebook 01); the pixels are the same.
PNG_COMPRESSION = 3
INDEX_COLUMNS = ["file", "notebook", "caption", "formats", "data", "corpus_fingerprint"]
#: Largest figure (width, height in inches) and smallest text (points) a figure may have at print size.
MAX_SIZE = (12.0, 16.0)
MIN_FONT = 6.0
#: The width of a journal page's text block, the default width of every figure.
PAGE_WIDTH = 7.2
#: The counts of the corpus the figures were made from, one row (written beside ``index.csv``).
SUMMARY_FILE = "corpus_summary.csv"

#: Settings that make output identical across runs and machines: a bundled font, fixed SVG ids,
#: TrueType fonts embedded in PDF, no dates or software stamps.
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "s400-caatsa",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "image.cmap": "viridis",
}
matplotlib.rcParams.update(RC)

METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as UTF-8 CSV with ``\\n`` line ends and no index (the one CSV format of the project),
    through a temporary file."""
    write_atomic(Path(path), lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8"))


class FigureTooLarge(ValueError):
    """A figure larger than a journal page allows, or with text too small to read at print size."""


def check_fits(fig, box=None) -> None:
    """Raise :class:`FigureTooLarge` when ``fig`` as saved (its tight box ``box``, legends outside the axes
    included; else its size) is over :data:`MAX_SIZE`, or has text under :data:`MIN_FONT`."""
    width, height = (box.width, box.height) if box is not None else fig.get_size_inches()
    if width > MAX_SIZE[0] + 1e-6 or height > MAX_SIZE[1] + 1e-6:
        raise FigureTooLarge(f"figure is {width:.1f} x {height:.1f} in; at most {MAX_SIZE[0]:g} x {MAX_SIZE[1]:g}")
    small = sorted({round(t.get_fontsize(), 1) for t in fig.findobj(matplotlib.text.Text)
                    if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT})
    if small:
        raise FigureTooLarge(f"text of {small[0]} pt; at least {MIN_FONT:g} pt at print size")


def tight_box(fig):
    """The figure's tight bounding box (inches, padded as ``savefig.bbox = "tight"`` would), computed with one
    draw so that saving several formats does not lay the figure out again for each."""
    with matplotlib.rc_context(RC):
        fig.set_layout_engine("none")  # layout is final: without this, every savefig draws the figure twice
        renderer = fig.canvas.get_renderer()
        return fig.get_tightbbox(renderer).padded(matplotlib.rcParams["savefig.pad_inches"])


def figure_bytes(fig, fmt: str, box=None) -> bytes:
    """Render ``fig`` to bytes in ``fmt`` without any date, software stamp or random id."""
    buffer = io.BytesIO()
    extra = {"pil_kwargs": {"compress_level": PNG_COMPRESSION}} if fmt == "png" else {}
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format=fmt, metadata=METADATA[fmt], bbox_inches=box if box is not None else "tight", **extra)
    return buffer.getvalue()


def preview(png: bytes, scale: float = PREVIEW_SCALE) -> bytes:
    """A smaller copy of a saved PNG for display in the notebook (resampled, not redrawn): each block of
    ``1/scale`` x ``1/scale`` pixels averaged when that is a whole number (fast), else Lanczos resampling."""
    image = Image.open(io.BytesIO(png))
    factor = round(1 / scale)
    if abs(factor * scale - 1) < 1e-9:
        small = image.reduce(factor)
    else:
        small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


@dataclass
class FigureWriter:
    """Saves the figures of one notebook and keeps ``index.csv`` in step.

    ``notebook`` is the notebook's stem (``02_framing``); figure files take its number as prefix
    (``02_frame_shares``). Call :meth:`finish` at the end of the notebook: it drops files and index rows
    of this notebook that the run no longer produced, and returns the list of figures written.
    """

    notebook: str
    fingerprint: str
    folder: Path = field(default_factory=figures_dir)
    written: list[dict] = field(default_factory=list)
    show: bool = True
    #: The corpus counts written to ``corpus_summary.csv`` by :meth:`finish` (see :func:`helpers.analysis.overview.counts`).
    summary: dict = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return self.notebook.split("_", 1)[0]

    def save(self, fig, data: pd.DataFrame, name: str, caption: str) -> str:
        """Save ``fig`` in every format and ``data`` beside it, show a preview in the notebook (the saved PNG
        scaled down, so the figure is drawn once per format and not again for display), close the figure and
        return the file stem."""
        stem = f"{self.prefix}_{name}"
        self.folder.mkdir(parents=True, exist_ok=True)
        box = tight_box(fig)
        try:
            check_fits(fig, box)
        except FigureTooLarge:
            plt.close(fig)
            raise
        for fmt in FORMATS:
            content = figure_bytes(fig, fmt, box)
            write_atomic(self.folder / f"{stem}.{fmt}", content)
            if fmt == "png":
                png = content
        write_csv(data, self.folder / f"{stem}.csv")
        plt.close(fig)
        if self.show:
            display(DisplayImage(data=preview(png)))
        self.written.append(
            {
                "file": stem,
                "notebook": f"{self.notebook}.ipynb",
                "caption": caption,
                "formats": " ".join(FORMATS),
                "data": f"{stem}.csv",
                "corpus_fingerprint": self.fingerprint,
            }
        )
        return stem

    def save_table(self, data: pd.DataFrame, name: str, caption: str) -> str:
        """Save a table too long to show in the notebook as ``<nn>_<name>.csv`` and list it in the index
        (formats ``csv``); return the file name, for the sentence that points to it."""
        stem = f"{self.prefix}_{name}"
        self.folder.mkdir(parents=True, exist_ok=True)
        write_csv(data, self.folder / f"{stem}.csv")
        self.written.append({"file": stem, "notebook": f"{self.notebook}.ipynb", "caption": caption, "formats": "csv",
                             "data": f"{stem}.csv", "corpus_fingerprint": self.fingerprint})
        return f"{stem}.csv"

    def finish(self) -> pd.DataFrame:
        """Update ``index.csv`` with this notebook's figures, remove its stale ones, return what was written."""
        index_path = self.folder / "index.csv"
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_name = hashlib.sha256(str(self.folder.resolve()).encode()).hexdigest()[:16]
        with open(Path(tempfile.gettempdir()) / f"s400-figures-{lock_name}.lock", "w") as lock:  # notebooks may finish together
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._update_index(index_path)
        return pd.DataFrame(self.written, columns=INDEX_COLUMNS)[["file", "caption"]]

    def _update_index(self, index_path: Path) -> None:
        index = read_index(index_path)
        mine = index["notebook"] == f"{self.notebook}.ipynb"
        stale = set(index.loc[mine, "file"]) - {row["file"] for row in self.written}
        for stem in stale:
            for ext in (*FORMATS, "csv"):
                (self.folder / f"{stem}.{ext}").unlink(missing_ok=True)
        index = pd.concat([index[~mine], pd.DataFrame(self.written, columns=INDEX_COLUMNS)])
        index = index.sort_values("file", kind="stable").reset_index(drop=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.summary:
            write_csv(pd.DataFrame([self.summary]), self.folder / SUMMARY_FILE)
        write_atomic(index_path, lambda tmp: index.to_csv(tmp, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL))


def read_index(path: Path) -> pd.DataFrame:
    """The figure index as a DataFrame (empty, with its columns, when there is none yet)."""
    if path.exists():
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame(columns=INDEX_COLUMNS)
