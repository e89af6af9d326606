"""The manifest ``articles.csv`` of a corpus folder: reading it (all problems at once, with line numbers), checking
each row, and the files in the folder that could be articles.

In:  a corpus folder.  Out: manifest rows (dicts with ``_row``, the CSV line number), rows in the problems table,
the candidate article files, and the corpus fingerprint.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from helpers.config import shown
from helpers.corpus.problems import CorpusError, Problems
from helpers.corpus.published import parse_published

MANIFEST = "articles.csv"
MANIFEST_COLUMNS = ["file", "outlet", "published", "date_precision", "url", "title", "language", "notes"]
REQUIRED = ("file", "outlet", "published")


#: Files in a corpus folder that are not articles.
NOT_ARTICLES = {MANIFEST.lower(), "readme.md", "readme.txt", "readme", "license", "license.txt"}


def candidate_files(folder: Path) -> list[str]:
    """Every file below ``folder`` that could be an article (relative POSIX paths, sorted);
    hidden files and folders, the manifest and READMEs are skipped."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        if rel.name.lower() in NOT_ARTICLES:
            continue
        found.append(rel.as_posix())
    return found


def fingerprint(folder: Path) -> str:
    """A short hash of the manifest and every candidate file's name and bytes: which corpus made a figure."""
    digest = hashlib.sha256()
    for name in [MANIFEST, *candidate_files(folder)]:
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def read_manifest(folder: Path, problems: Problems) -> list[dict]:
    """The manifest's rows (with ``_row``, the CSV line number), after checking its columns.
    Raises :class:`CorpusError` when there is no usable manifest at all."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise CorpusError(f"{shown(folder)} is not a folder. Point CORPUS (or the command's argument) at a folder of articles with an {MANIFEST}.")
    if not path.is_file():
        raise CorpusError(
            f"No {MANIFEST} in {shown(folder)}. Create it with `python -m helpers manifest {shown(folder)}`, "
            "then fill in each article's outlet and publication date."
        )
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{MANIFEST} is not UTF-8 (byte {err.start}). Re-save it as UTF-8 CSV.") from None
    reader = csv.DictReader(io.StringIO(content.replace("\r\n", "\n")))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CorpusError(
            f"{MANIFEST} has no column(s) {', '.join(missing)}; its header must be {','.join(MANIFEST_COLUMNS)}"
        )
    unknown = [c for c in columns if c not in MANIFEST_COLUMNS]
    if unknown:
        problems.add(MANIFEST, "warning", f"unknown column(s) ignored: {', '.join(unknown)}",
                     f"rename to one of {', '.join(MANIFEST_COLUMNS)} or remove")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            problems.add(f"{MANIFEST} line {number}", "error", "row has more fields than the header (a comma in an unquoted value?)",
                         "put double quotes around values that contain commas")
            continue
        cleaned = {c.strip(): (v or "").strip() for c, v in row.items()}
        if not any(cleaned.values()):
            continue
        rows.append({**{c: cleaned.get(c, "") for c in MANIFEST_COLUMNS}, "_row": number})
    return rows


def validate_row(row: dict, folder: Path, problems: Problems) -> tuple[Path, tuple] | None:
    """Check one manifest row; report every problem it has; return (path, dates) when it can be loaded."""
    label = row["file"] or f"{MANIFEST} line {row['_row']}"
    ok = True
    for column in REQUIRED:
        if not row[column]:
            problems.add(label, "error", f"'{column}' is empty in {MANIFEST} line {row['_row']}",
                         f"fill in '{column}'" + (" (YYYY-MM-DD, YYYY-MM or YYYY)" if column == "published" else ""))
            ok = False
    dates = None
    if row["published"]:
        try:
            dates = parse_published(row["published"])
        except ValueError as err:
            problems.add(label, "error", f"impossible or malformed publication date: {err}",
                         "correct 'published' (YYYY-MM-DD, YYYY-MM or YYYY; use a coarser form when the day is unknown)")
            ok = False
        else:
            stated = row["date_precision"].lower()
            if stated and stated != dates[2]:
                problems.add(label, "warning", f"date_precision '{row['date_precision']}' does not match '{row['published']}' ({dates[2]}); {dates[2]} used",
                             f"set date_precision to {dates[2]}")
    if not row["file"]:
        return None
    path = folder / row["file"]
    try:
        resolved = path.resolve()
        inside = resolved.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        inside = False
    if Path(row["file"]).is_absolute() or ".." in Path(row["file"]).parts or not inside:
        problems.add(label, "error", "the path leaves the corpus folder; it was not read",
                     "copy the article into the corpus folder and give its name relative to that folder")
        return None
    if not path.is_file():
        problems.add(label, "error", "listed in the manifest but there is no such file",
                     "add the file, correct the name in 'file', or delete the row")
        return None
    return (path, dates) if ok else None
