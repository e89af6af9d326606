"""Reading the knowledge files researchers edit (``helpers/data/*.csv``, documented in ``helpers/data/README.md``):
one reader for all of them, so each loader only checks the values of its own columns.

In:  a CSV path and the columns it must have.
Out: ``(line number, row)`` pairs, values stripped, blank rows skipped. A problem with the file itself (missing,
     not UTF-8, missing columns, unknown columns when ``exact``) raises :class:`KnowledgeFileError` with a message
     naming the file; a row with more fields than the header names its line too (raised, or listed in
     ``problems`` when the loader gathers every problem of the file at once). Each loader raises the same error
     for the values it checks, naming the file, the line and the row.
"""
from __future__ import annotations

import csv
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from helpers.config import DATA


class KnowledgeFileError(ValueError):
    """A knowledge file (or a row of it) that cannot be used; the message names the file and every bad line."""


def read_rows(path: Path, columns: tuple[str, ...] | list[str], *, exact: bool = False,
              problems: list[str] | None = None) -> list[tuple[int, dict[str, str]]]:
    """The rows of the knowledge file at ``path`` as ``(CSV line, {column: value})``.

    ``columns`` must all be in the header (with ``exact``, nothing else may be). A row with more fields than the
    header is appended to ``problems`` when given, else raised. Every other check is the caller's."""
    path = Path(path)
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise KnowledgeFileError(f"no file at {path}; create it with the header {','.join(columns)}") from None
    except UnicodeDecodeError as err:
        raise KnowledgeFileError(f"{path.name} is not UTF-8 (byte {err.start}); re-save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(content.replace("\r\n", "\n")))
    header = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns] if exact else []
    if missing or unknown:
        raise KnowledgeFileError(f"{path.name} line 1: has no column(s) {', '.join(missing) or '-'}"
                    + (f"; unknown column(s): {', '.join(unknown)}" if unknown else "")
                    + f"; its header must {'be' if exact else 'start'} {','.join(columns)}")
    out = []
    for line, raw in enumerate(reader, start=2):
        if None in raw:
            message = f"{path.name} line {line}: more fields than the header; quote values that contain commas"
            if problems is None:
                raise KnowledgeFileError(message)
            problems.append(message)
            continue
        row = {c.strip(): (v or "").strip() for c, v in raw.items()}
        if any(row.values()):
            out.append((line, row))
    return out


@lru_cache(maxsize=1)
def digest() -> str:
    """A hash of every knowledge file (``helpers/data/*.csv``, names and bytes): part of the corpus fingerprint, so a
    figure made with another dictionary or actors list has another fingerprint."""
    h = hashlib.sha256()
    for path in sorted(DATA.glob("*.csv")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
