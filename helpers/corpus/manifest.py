"""The manifest ``articles.csv`` of a corpus folder: reading it (all problems at once, with line numbers), checking
each row, and the files in the folder that could be articles.

In:  a corpus folder.  Out: manifest rows (dicts with ``_row``, the CSV line number), rows in the problems table,
the candidate article files, and the corpus fingerprint.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from helpers import __version__, knowledge
from helpers.config import shown
from helpers.corpus.problems import CorpusError, Problems
from helpers.corpus.published import parse_published

MANIFEST = "articles.csv"
MANIFEST_COLUMNS = ["file", "outlet", "published", "date_precision", "url", "title", "language", "notes"]
REQUIRED = ("file", "outlet", "published")


#: Files in a corpus folder that are not articles.
NOT_ARTICLES = {MANIFEST.lower(), "readme.md", "readme.txt", "readme", "license", "license.txt"}
#: A browser's "save page as, complete" puts a page's images, styles and scripts in a folder named after the page
#: (``page_files/``, ``page-Dateien/``): such folders, and files with these endings, are page assets, not articles.
ASSET_FOLDER_SUFFIXES = ("_files", "-Dateien", "_fichiers", "-archivos")
ASSET_ENDINGS = (".css", ".js", ".mjs", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".woff", ".woff2",
                 ".ttf", ".otf", ".eot", ".map", ".json")


def candidate_files(folder: Path) -> list[str]:
    """Every file below ``folder`` that could be an article (relative POSIX paths, sorted); hidden files and
    folders, the manifest, READMEs and saved pages' asset folders and files are skipped."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        if rel.name.lower() in NOT_ARTICLES or rel.name.lower().endswith(ASSET_ENDINGS):
            continue
        if any(part.endswith(ASSET_FOLDER_SUFFIXES) for part in rel.parts[:-1]):
            continue
        found.append(rel.as_posix())
    return found


def fingerprint(manifest: bytes, files: list[tuple[str, bytes]]) -> str:
    """Which corpus, knowledge and code made a figure: a short hash of the manifest's bytes, the name and bytes of
    every article file the loader read, every knowledge file (:func:`helpers.knowledge.digest`) and the package
    version (:data:`helpers.__version__`)."""
    h = hashlib.sha256(b"manifest\0" + manifest + b"\0")
    for name, content in sorted(files):
        h.update(name.encode("utf-8", "surrogateescape") + b"\0" + content + b"\0")
    h.update(f"knowledge {knowledge.digest()} version {__version__}".encode())
    return h.hexdigest()[:12]


#: A placeholder the ``manifest`` command writes for the researcher ("TODO: fill in ..."): never a caveat for readers.
_PLACEHOLDER = re.compile(r"(?i)\bTODO\b[^.]*(?:\([^)]*\))?[^.]*\.?\s*")


def reader_notes(notes: str) -> str:
    """A manifest note as readers should see it: placeholder sentences ("TODO: fill in outlet and published ...")
    removed, the researcher's own caveats kept."""
    return _PLACEHOLDER.sub("", notes or "").strip()


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
