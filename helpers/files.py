"""Writing outputs safely.

- :func:`write_atomic`: every file is written to a temporary file in the same folder and moved into place, so an
  interrupted run leaves the previous complete file or the new one, never half of one.
- :func:`ensure_folder`: an output folder is created when missing; one that cannot be written (read-only, or a file
  where the folder should be) raises :class:`OutputFolderError`, whose message names the folder and the fix.
- :func:`neutralise_csv_cells`: text cells a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) get a leading ``'``, so opening a CSV never evaluates article text;
  :func:`restore_csv_cells` undoes it exactly.

In:  a path and its content (bytes, text, or a function that writes to a path); a DataFrame about to become a CSV.
Out: the file, replaced at once; the DataFrame with its formula-like text cells neutralised (a new frame).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A text cell that gets a ``'`` in front: a formula start, or one preceded by ``'`` already (so that
#: :func:`restore_csv_cells` can tell an added quote from one that was in the text).
_STARTS = "[" + "".join(re.escape(c) for c in FORMULA_START) + "]"
_NEUTRALISE = re.compile("'*" + _STARTS)
#: A neutralised cell: what :func:`neutralise_csv_cells` writes (and nothing it leaves alone) starts like this.
_RESTORE = re.compile("'+" + _STARTS)


class OutputFolderError(OSError):
    """An output folder that cannot be written: read-only, a file where the folder should be, or not creatable.
    The message names the folder and how to fix it."""


def _folder_message(folder: Path, err: OSError | None = None) -> str:
    another = "or choose another output folder"
    if os.path.exists(folder) and not os.path.isdir(folder):  # os.path: never raises
        return f"output folder {folder} is a file, not a folder: move or rename that file, {another}"
    if isinstance(err, FileNotFoundError) and not os.path.lexists(folder):
        return f"output folder {folder} does not exist: create it, {another}"
    if isinstance(err, NotADirectoryError):
        return f"cannot create output folder {folder}: part of its path is a file, not a folder; fix the path {another}"
    if os.path.isdir(folder):
        return f"output folder {folder} is not writable: make it writable (chmod u+w '{folder}') {another}"
    reason = f" ({err.strerror})" if err is not None and err.strerror else ""
    return (f"cannot create output folder {folder}{reason}: create it yourself or make its parent writable, "
            f"{another}")


def ensure_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) when missing and check that files can be written in it; return it.

    Raises :class:`OutputFolderError` naming the folder and the fix when it is a file, cannot be created or is
    read-only."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # FileExistsError (a file there), NotADirectoryError, PermissionError, ...
        raise OutputFolderError(_folder_message(folder, err)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFolderError(_folder_message(folder))
    return folder


@contextmanager
def staging_folder(folder: Path) -> Iterator[Path]:
    """A new folder of this process's own inside ``folder``, for files that should appear in ``folder`` together
    (:func:`move_into`); removed with whatever is left in it when the block ends, whether it succeeds or fails.
    A folder that cannot take it raises :class:`OutputFolderError`."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    except OSError as err:
        raise OutputFolderError(_folder_message(Path(folder), err)) from None
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def move_into(staging: Path, folder: Path) -> None:
    """Move every file of ``staging`` into ``folder`` by renaming it (each appears whole), keeping the permissions
    of a regular file it replaces; a link in ``folder`` is replaced, never written through."""
    for path in sorted(Path(staging).iterdir()):
        target = Path(folder) / path.name
        if target.is_file() and not target.is_symlink():
            os.chmod(path, target.stat().st_mode & 0o777)
        os.replace(path, target)


def write_atomic(path: Path, content: bytes | str | Callable[[Path], None], encoding: str = "utf-8") -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename it over ``path``.

    ``content`` is bytes, text (written with ``encoding`` and ``\\n`` line ends as given) or a function that writes
    the temporary path it is given (e.g. ``lambda p: frame.to_csv(p)``). The temporary file is removed if
    anything fails. A folder that cannot take the temporary file raises :class:`OutputFolderError`; a link at
    ``path`` is replaced by the file, never written through."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except (PermissionError, NotADirectoryError, FileNotFoundError) as err:
        raise OutputFolderError(_folder_message(path.parent, err)) from None
    tmp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            elif isinstance(content, str):
                out.write(content.encode(encoding))
        if callable(content):
            content(tmp)
        keep = path.is_file() and not path.is_symlink()
        os.chmod(tmp, path.stat().st_mode & 0o777 if keep else 0o644)  # as an ordinary new file would be
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _text_column(column: pd.Series) -> bool:
    dtype = column.dtype
    return (pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype)
            or (pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_numeric_dtype(dtype)))


def _map_text_cells(frame: pd.DataFrame, pattern: re.Pattern, add: bool) -> pd.DataFrame:
    """A copy of ``frame`` (sharing the columns it leaves alone) in which every text cell and column name that
    ``pattern`` matches at its start gets a ``'`` in front (``add``) or loses its first character."""
    def change(value):
        if isinstance(value, str) and pattern.match(value):
            return "'" + value if add else value[1:]
        return value

    out = frame.copy(deep=False)  # columns replaced below are new arrays: ``frame`` never sees the change
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if not _text_column(column):
            continue  # numbers, booleans and dates are written as they are: -3 stays -3
        if isinstance(column.dtype, pd.StringDtype):  # vectorised: the common case, and the fast one
            hit = column.str.match(pattern.pattern, na=False).to_numpy(dtype=bool)
            if hit.any():
                new = column.astype(object)
                part = column[hit]
                new[hit] = (("'" + part) if add else part.str.slice(1)).to_numpy(dtype=object)  # by position
                out.isetitem(i, new)
            continue
        values = column.to_numpy(dtype=object)
        changed = [change(v) for v in values]
        if any(a is not b for a, b in zip(changed, values)):
            out.isetitem(i, pd.Series(changed, index=column.index, dtype=object, name=column.name))
    labels = frame.columns
    if isinstance(labels, pd.MultiIndex):
        new_labels = pd.MultiIndex.from_tuples([tuple(change(v) for v in t) for t in labels], names=labels.names)
    else:
        new_labels = pd.Index([change(v) for v in labels], name=labels.name, dtype=object)
    if list(new_labels) != list(labels):
        out.columns = new_labels
    return out


def neutralise_csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` in which no text cell (and no column name) can be read as a formula by a spreadsheet.

    A text cell (``str`` in an object, string or categorical column) that starts with ``=``, ``+``, ``-``, ``@``,
    a tab or a carriage return gets a ``'`` in front (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``); so does one that
    starts with ``'`` followed by such a character (``'=x`` -> ``''=x``), which makes the change exactly reversible
    with :func:`restore_csv_cells`. Columns of numbers, booleans and dates, and numbers in a text column, are left
    as they are (``-3`` stays ``-3``); a number written as text in a text column is text, and neutralised
    (``"-5"`` -> ``"'-5"``). ``frame`` itself is not changed."""
    return _map_text_cells(frame, _NEUTRALISE, add=True)


def restore_csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralise_csv_cells` on a table read back from one of the tool's CSVs: the leading ``'`` of every
    text cell (and column name) that starts with one or more ``'`` followed by ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return is removed. ``frame`` itself is not changed."""
    return _map_text_cells(frame, _RESTORE, add=False)
