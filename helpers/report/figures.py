"""Citable figures: every chart saved as PNG (300 dpi), SVG and PDF, byte-identical from run to run,
with the CSV of the data it draws beside it and a row in ``index.csv``.

In:  a matplotlib Figure, the DataFrame it draws, a short name and a caption (or a table alone, for tables too
     long to show in full: :meth:`FigureWriter.save_table`).
Out: ``<FIGURES>/<nn>_<name>.{png,svg,pdf,csv}`` and ``<FIGURES>/index.csv``
     (file, notebook, caption, formats, corpus_fingerprint), sorted by file; ``<FIGURES>/corpus_summary.csv``, the
     counts of the corpus the figures were made from (what every notebook's header reports).

Every figure fits a journal page: at most :data:`MAX_SIZE` inches (width, height) and no text smaller than
:data:`MIN_FONT` points at that size; :meth:`FigureWriter.save` refuses a figure that breaks either rule.

Outputs are safe to open: every file is written atomically (:func:`helpers.files.write_atomic`), text is drawn as
it is (``$...$`` in an outlet name is not mathtext), CSV text cells that a spreadsheet would read as a formula get a
leading ``'`` (:func:`helpers.files.neutralise_csv_cells`), and removing a stale figure deletes only a regular file
of the figures folder named like a figure (never a link, never anything outside). A damaged ``index.csv`` is
rebuilt with a warning; concurrent notebooks take turns through a lock file in the folder (removed after use).

A figure is drawn once per format, and the PNG and PDF are the slow ones. They are kept in the cache
(:mod:`helpers.cache`, one entry per figure and figures folder) under the SVG drawn first: a rerun whose SVG is the
same, byte for byte, copies them instead of drawing them again (:func:`drawn`). The SVG holds every mark of the
figure (text as glyph outlines, images with their data), so together with the versions of matplotlib, Pillow, zlib
and this module's code it decides the other two formats.
"""
from __future__ import annotations

import csv
import errno
import fcntl
import hashlib
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import PIL
from IPython.display import Image as DisplayImage
from IPython.display import display
from PIL import Image

from helpers import cache
from helpers.config import figures_dir
from helpers.files import OutputFolderError, ensure_folder, neutralise_csv_cells, write_atomic
from helpers.report.csvtext import csv_chunks
from helpers.versions import files_version, stage_files

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
#: The lock notebooks finishing together take turns on, inside the figures folder (removed after each use).
LOCK_FILE = ".index.lock"
#: The only names :meth:`FigureWriter.finish` ever deletes: ``<nn>_<name>.<format>``, letters, digits and ``_``.
FIGURE_FILE = re.compile(r"[0-9]{2}_[A-Za-z0-9_]+\.(?:png|svg|pdf|csv)")

#: Settings that make output identical across runs and machines: a bundled font, fixed SVG ids,
#: TrueType fonts embedded in PDF, no dates or software stamps; text drawn literally (no ``$...$`` mathtext).
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
    "text.parse_math": False,
}
matplotlib.rcParams.update(RC)

METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as UTF-8 CSV with ``\\n`` line ends and no index (the one CSV format of the project),
    through a temporary file, its formula-like text cells neutralised (:func:`helpers.files.neutralise_csv_cells`;
    ``frame`` itself is not changed)."""
    write_csv_pieces([frame], path)


def write_csv_pieces(pieces: Iterable[pd.DataFrame], path: Path, empty: pd.DataFrame | None = None) -> None:
    """:func:`write_csv` of the rows of ``pieces`` (DataFrames with the same columns, taken one at a time) one after
    the other, without ever joining them: the same bytes as :func:`write_csv` of their concatenation when each
    column has one type in every piece (as :meth:`helpers.tables.Spooled.pieces` gives them). The header comes
    from the first piece, or from ``empty`` (the table with no rows) when there is none."""
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as out:
            first = True
            for piece in pieces:
                if first or len(piece):
                    for chunk in _csv_bytes(piece, header=first):
                        out.write(chunk)
                    first = False
            if first:
                for chunk in _csv_bytes(empty if empty is not None else pd.DataFrame(), header=True):
                    out.write(chunk)

    write_atomic(Path(path), write)


def _csv_bytes(frame: pd.DataFrame, header: bool) -> Iterator[bytes]:
    """The CSV bytes of ``frame`` as :func:`write_csv` writes them, with or without the header line."""
    safe = neutralise_csv_cells(frame)
    chunks = csv_chunks(safe)  # the same bytes as the pandas paths below, faster (columns of text, numbers, booleans)
    if chunks is not None:
        if not header:
            next(chunks)
        yield from chunks
        return
    if not _has_carriage_return(safe):
        yield safe.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")
        return
    # The csv writer quotes a field only for the characters of its line end: a bare \r in a text cell would be
    # written unquoted and end the row for every reader. Written with \r\n line ends, such cells are quoted; the
    # line ends outside quotes then go back to \n.
    yield _unix_line_ends(safe.to_csv(index=False, header=header, lineterminator="\r\n")).encode("utf-8")


def _has_carriage_return(frame: pd.DataFrame) -> bool:
    def has(value) -> bool:
        return isinstance(value, str) and "\r" in value

    for label in frame.columns.to_flat_index():
        if has(label) or (isinstance(label, tuple) and any(map(has, label))):
            return True
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if isinstance(column.dtype, pd.StringDtype):
            if column.str.contains("\r", regex=False, na=False).any():
                return True
        elif not pd.api.types.is_numeric_dtype(column) and any(map(has, column.to_numpy(dtype=object))):
            return True
    return False


def _unix_line_ends(text: str) -> str:
    """``text`` (CSV with ``\\r\\n`` line ends, fields quoted with ``"`` and inner quotes doubled) with every line end
    outside quotes written ``\\n``; line breaks inside quoted fields are kept as they are."""
    out, quoted = [], False
    for part in re.split(r'("|\r\n)', text):
        if part == '"':
            quoted = not quoted  # a doubled "" inside a field toggles twice
        elif part == "\r\n" and not quoted:
            part = "\n"
        out.append(part)
    return "".join(out)


class DamagedIndex(ValueError):
    """An ``index.csv`` that cannot be read as the figure index (truncated, not CSV, other columns)."""


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


def literal_text(fig) -> None:
    """Draw every text of ``fig`` as it is written: ``$x^2$`` in an outlet name or title stays ``$x^2$`` (texts made
    before :data:`RC` applied, e.g. after a notebook changed the style, included)."""
    for text in fig.findobj(matplotlib.text.Text):
        text.set_parse_math(False)


def figure_bytes(fig, fmt: str, box=None) -> bytes:
    """Render ``fig`` to bytes in ``fmt`` without any date, software stamp or random id."""
    buffer = io.BytesIO()
    extra = {"pil_kwargs": {"compress_level": PNG_COMPRESSION}} if fmt == "png" else {}
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format=fmt, metadata=METADATA[fmt], bbox_inches=box if box is not None else "tight", **extra)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def drawing_version() -> str:
    """What the PNG and PDF of a figure depend on besides its SVG: the versions of matplotlib (its bundled font
    too), Pillow and zlib, and the code and settings of this module (:data:`RC`, :data:`METADATA`,
    :data:`PNG_COMPRESSION`: :func:`helpers.versions.stage_files`)."""
    return cache.content_key("drawing", matplotlib.__version__, PIL.__version__, zlib.ZLIB_RUNTIME_VERSION, FORMATS,
                             files_version(stage_files((__name__,))))


def drawn(fig, box, slot: str) -> dict[str, bytes]:
    """``fig`` in every format of :data:`FORMATS` (:func:`figure_bytes` with the box ``box``), format -> bytes. The
    SVG is drawn first; the other formats come from the cache entry ``slot`` (:func:`helpers.cache.read_tables`)
    when it was stored for the same SVG and :func:`drawing_version`, else they are drawn and stored there. With the
    cache off, or an entry that is not intact, every format is drawn."""
    svg = figure_bytes(fig, "svg", box)
    others = [fmt for fmt in FORMATS if fmt != "svg"]
    store = cache.cache_dir()
    key = cache.content_key("figure", drawing_version(), hashlib.sha256(svg).hexdigest())
    kept = cache.read_tables(store, slot, key)
    table = kept.get("drawn") if kept is not None else None
    if table is not None and list(table.columns) == ["format", "content"] and table["format"].tolist() == others \
            and all(type(content) is bytes for content in table["content"]):
        contents = dict(zip(others, table["content"]))
    else:
        contents = {fmt: figure_bytes(fig, fmt, box) for fmt in others}
        cache.write_tables(store, slot, key, {"drawn": pd.DataFrame({"format": others, "content": [contents[f] for f in others]})})
    contents["svg"] = svg
    return {fmt: contents[fmt] for fmt in FORMATS}


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

    def _stem(self, name: str) -> str:
        """``<nn>_<name>``; a name that would give a file :meth:`finish` could not recognise as its own (anything but
        letters, digits and ``_``, or a notebook without a two-digit number) is refused."""
        stem = f"{self.prefix}_{name}"
        if not FIGURE_FILE.fullmatch(f"{stem}.csv"):
            raise ValueError(f"figure name {stem!r}: a two-digit notebook number, then letters, digits and _ only")
        return stem

    def save(self, fig, data: pd.DataFrame, name: str, caption: str) -> str:
        """Save ``fig`` in every format and ``data`` beside it, show a preview in the notebook (the saved PNG
        scaled down, so the figure is drawn once per format and not again for display), close the figure and
        return the file stem."""
        try:
            stem = self._stem(name)
            ensure_folder(self.folder)
            literal_text(fig)
            box = tight_box(fig)
            check_fits(fig, box)
        except (FigureTooLarge, OutputFolderError, ValueError):
            plt.close(fig)
            raise
        contents = drawn(fig, box, f"figure-{cache.folder_place(self.folder)}-{stem}")
        for fmt, content in contents.items():
            write_atomic(self.folder / f"{stem}.{fmt}", content)
        png = contents["png"]
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
        stem = self._stem(name)
        ensure_folder(self.folder)
        write_csv(data, self.folder / f"{stem}.csv")
        self.written.append({"file": stem, "notebook": f"{self.notebook}.ipynb", "caption": caption, "formats": "csv",
                             "data": f"{stem}.csv", "corpus_fingerprint": self.fingerprint})
        return f"{stem}.csv"

    def finish(self) -> pd.DataFrame:
        """Update ``index.csv`` with this notebook's figures, remove its stale ones, return what was written.

        Notebooks finishing together take turns (a lock file in the figures folder). A damaged index is rebuilt from
        this run's rows, with a one-line warning on stderr. The index is the last file written."""
        ensure_folder(self.folder)
        with _folder_lock(self.folder / LOCK_FILE):
            self._update_index(self.folder / "index.csv")
        return pd.DataFrame(self.written, columns=INDEX_COLUMNS)[["file", "caption"]]

    def _update_index(self, index_path: Path) -> None:
        try:
            index = read_index(index_path)
        except DamagedIndex as err:
            reason = " ".join(str(err).split())  # one line, whatever the file held
            print(f"warning: {index_path} is damaged ({reason}); rebuilt from this run's figures (rerun the other "
                  "notebooks to list theirs again)", file=sys.stderr)
            index = pd.DataFrame(columns=INDEX_COLUMNS)
        mine = index["notebook"] == f"{self.notebook}.ipynb"
        stale = set(index.loc[mine, "file"]) - {row["file"] for row in self.written}
        remove_figure_files(self.folder, [f"{stem}.{ext}" for stem in sorted(stale) if stem.startswith(f"{self.prefix}_")
                                          for ext in FORMATS + ("csv",)])
        index = pd.concat([index[~mine], pd.DataFrame(self.written, columns=INDEX_COLUMNS)])
        index = index.sort_values("file", kind="stable").reset_index(drop=True)
        if self.summary:
            write_csv(pd.DataFrame([self.summary]), self.folder / SUMMARY_FILE)
        write_csv(index, index_path)  # last: the index lists only files already in place


@contextmanager
def _folder_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created in the output folder, removed on exit). A waiter that gets the
    lock of a file removed meanwhile opens the new one and waits again, so one holder at a time."""
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise OutputFolderError(f"{path} is a link, not this tool's lock file: remove it and run again") from None
            raise
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            held = os.fstat(handle)
            try:
                now = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(handle)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(handle)  # the file was removed (or replaced) while we waited: take the current one
    try:
        yield
    finally:
        try:
            os.unlink(path)  # still holding it: nobody else holds this file
        except FileNotFoundError:
            pass
        os.close(handle)


def remove_figure_files(folder: Path, names: list[str]) -> list[str]:
    """Delete the files ``names`` of ``folder``, only those that are the tool's own: a name of the form
    :data:`FIGURE_FILE` (no folder part, so nothing outside), a regular file (a link is never followed nor removed)
    directly inside the resolved folder. Return the names deleted."""
    root = folder.resolve()
    removed = []
    handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name in names:
            if not isinstance(name, str) or not FIGURE_FILE.fullmatch(name):
                continue
            try:
                info = os.stat(name, dir_fd=handle, follow_symlinks=False)
            except FileNotFoundError:
                continue
            if stat.S_ISREG(info.st_mode) and (root / name).resolve().parent == root:
                os.unlink(name, dir_fd=handle)  # unlink never follows a link
                removed.append(name)
    finally:
        os.close(handle)
    return removed


def read_index(path: Path) -> pd.DataFrame:
    """The figure index as a DataFrame of text (empty, with its columns, when there is none yet).

    Raises :class:`DamagedIndex` (saying what is wrong, in one line) when the file is not UTF-8, not CSV, truncated
    (no final line end, or a row with too few or too many fields) or has other columns than :data:`INDEX_COLUMNS`."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=INDEX_COLUMNS)
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")  # a spreadsheet may add a byte order mark
    except UnicodeDecodeError:
        raise DamagedIndex("not UTF-8 text") from None
    except OSError as err:
        raise DamagedIndex(f"unreadable: {err.strerror}") from None
    if not text.endswith("\n"):
        raise DamagedIndex("truncated: no line end at the end" if text else "empty")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        raise DamagedIndex(f"not CSV: {err}") from None
    if not rows or rows[0] != INDEX_COLUMNS:
        found = ", ".join(rows[0])[:80] if rows else ""
        raise DamagedIndex(f"columns are [{found}], not [{', '.join(INDEX_COLUMNS)}]")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(INDEX_COLUMNS):
            raise DamagedIndex(f"row {number} has {len(row)} fields, not {len(INDEX_COLUMNS)}")
    return pd.DataFrame(rows[1:], columns=INDEX_COLUMNS, dtype=str)
