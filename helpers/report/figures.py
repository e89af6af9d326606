"""Citable figures: every chart saved as PNG (300 dpi), SVG and PDF, byte-identical from run to run,
with the CSV of the data it draws beside it and a row in ``index.csv``.

In:  a matplotlib Figure, the DataFrame it draws, a short name and a caption.
Out: ``<FIGURES>/<nn>_<name>.{png,svg,pdf,csv}`` and ``<FIGURES>/index.csv``
     (file, notebook, caption, formats, corpus_fingerprint), sorted by file.
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

FORMATS = ("png", "svg", "pdf")
PREVIEW_SCALE = 1 / 3  # the 300 dpi PNG shown at 100 dpi
#: zlib level of the saved PNGs: 3 writes a notebook's figures about 2.5x faster than Pillow's default 6 for files
#: about 20% larger (measured on the heatmaps of notebook 01); the pixels are the same.
PNG_COMPRESSION = 3
INDEX_COLUMNS = ["file", "notebook", "caption", "formats", "data", "corpus_fingerprint"]

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
    """Write a DataFrame as UTF-8 CSV with ``\\n`` line ends and no index (the one CSV format of the project)."""
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


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
        for fmt in FORMATS:
            content = figure_bytes(fig, fmt, box)
            (self.folder / f"{stem}.{fmt}").write_bytes(content)
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
        index.to_csv(index_path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def read_index(path: Path) -> pd.DataFrame:
    """The figure index as a DataFrame (empty, with its columns, when there is none yet)."""
    if path.exists():
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame(columns=INDEX_COLUMNS)
