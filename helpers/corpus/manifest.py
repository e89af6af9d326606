"""The manifest ``articles.csv`` of a corpus folder: reading it (all problems at once, with line numbers), checking
each row, and the files in the folder that could be articles.

In:  a corpus folder.  Out: manifest rows (dicts with ``_row``, the CSV line number), rows in the problems table,
the candidate article files, and the corpus fingerprint.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from helpers import __version__, knowledge
from helpers.config import shown
from helpers.corpus.access import MANIFEST_LIMIT_BYTES, Listing, Refused, read_file, walk
from helpers.corpus.problems import CorpusError, Problems
from helpers.corpus.published import parse_published

MANIFEST = "articles.csv"
MANIFEST_COLUMNS = ["file", "outlet", "published", "date_precision", "url", "title", "language", "notes"]
REQUIRED = ("file", "outlet", "published")


#: Files in a corpus folder that are not articles.
NOT_ARTICLES = {MANIFEST.lower(), MANIFEST.lower() + ".bak", "readme.md", "readme.txt", "readme", "license", "license.txt"}
#: A browser's "save page as, complete" puts a page's images, styles and scripts in a folder named after the page
#: (``page_files/``, ``page-Dateien/``): such folders, and files with these endings, are page assets, not articles.
ASSET_FOLDER_SUFFIXES = ("_files", "-Dateien", "_fichiers", "-archivos")
ASSET_ENDINGS = (".css", ".js", ".mjs", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".woff", ".woff2",
                 ".ttf", ".otf", ".eot", ".map", ".json")


def _not_article(parts: tuple[str, ...], is_dir: bool) -> bool:
    """Hidden files and folders, the manifest, READMEs and saved pages' asset folders and files."""
    if parts[-1].startswith("."):
        return True
    if is_dir:
        return parts[-1].endswith(ASSET_FOLDER_SUFFIXES)
    return parts[-1].lower() in NOT_ARTICLES or parts[-1].lower().endswith(ASSET_ENDINGS)


def listing(folder: Path) -> Listing:
    """The files below ``folder`` that could be articles, and the entries refused (links leaving the folder,
    FIFOs, devices, sockets, names that are not UTF-8), without following links to folders
    (:func:`helpers.corpus.access.walk`)."""
    return walk(folder, _not_article)


def candidate_files(folder: Path) -> list[str]:
    """Every file below ``folder`` that could be an article (relative POSIX paths, sorted); hidden files and
    folders, the manifest, READMEs and saved pages' asset folders and files are skipped, and so is every entry
    :func:`listing` refuses."""
    return listing(folder).files


def fingerprint(manifest: bytes, files: Iterable[tuple[str, bytes]]) -> str:
    """Which corpus, knowledge and code made a figure: a short hash of the manifest's bytes, the name and bytes of
    every article file the loader read, every knowledge file (:func:`helpers.knowledge.digest`) and the package
    version (:data:`helpers.__version__`). ``files``: ``(name, bytes)`` in name order, iterated once, so a
    generator can read each file in turn without all of them being held."""
    h = hashlib.sha256(b"manifest\0" + manifest + b"\0")
    for name, content in files:
        h.update(name.encode("utf-8", "surrogateescape") + b"\0" + content + b"\0")
    h.update(f"knowledge {knowledge.digest()} version {__version__}".encode())
    return h.hexdigest()[:12]


#: A placeholder the ``manifest`` command writes for the researcher ("TODO: fill in ..."): never a caveat for readers.
_PLACEHOLDER = re.compile(r"(?i)\bTODO\b[^.]*(?:\([^)]*\))?[^.]*\.?\s*")


def reader_notes(notes: str) -> str:
    """A manifest note as readers should see it: placeholder sentences ("TODO: fill in outlet and published ...")
    removed, the researcher's own caveats kept."""
    return _PLACEHOLDER.sub("", notes or "").strip()


def manifest_bytes(folder: Path) -> bytes:
    """The manifest's bytes, read as safely as an article (for the fingerprint)."""
    return read_file(folder, MANIFEST, MANIFEST_LIMIT_BYTES)


def read_manifest(folder: Path, problems: Problems) -> list[dict]:
    """The manifest's rows (with ``_row``, the CSV line number), after checking its columns.
    Raises :class:`CorpusError` when there is no usable manifest at all."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise CorpusError(f"{shown(folder)} is not a folder. Point CORPUS (or the command's argument) at a folder of articles with an {MANIFEST}.")
    if not path.exists() and not path.is_symlink():
        raise CorpusError(
            f"No {MANIFEST} in {shown(folder)}. Create it with `python -m helpers manifest {shown(folder)}`, "
            "then fill in each article's outlet and publication date."
        )
    try:
        raw = read_file(folder, MANIFEST, MANIFEST_LIMIT_BYTES)
    except Refused as refusal:
        raise CorpusError(f"{MANIFEST} in {shown(folder)} {refusal.reason}. {refusal.fix[0].upper()}{refusal.fix[1:]}.") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{MANIFEST} is not UTF-8 (byte {err.start}). Re-save it as UTF-8 CSV.") from None
    records = list(csv_records(content.replace("\r\n", "\n").replace("\r", "\n")))
    if not records or records[0][1] is None:
        raise CorpusError(f"{MANIFEST} has no readable header; its first line must be {','.join(MANIFEST_COLUMNS)}")
    columns = [c.strip() for c in records[0][1]]
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
    for number, fields, error in records[1:]:
        if fields is None:
            problems.add(f"{MANIFEST} line {number}", "error", error[0], error[1])
            continue
        if len(fields) > len(columns):
            problems.add(f"{MANIFEST} line {number}", "error", "row has more fields than the header (a comma in an unquoted value?)",
                         "put double quotes around values that contain commas")
            continue
        cleaned = {c: (v or "").strip() for c, v in zip(columns, fields)}
        if not any(cleaned.values()):
            continue
        rows.append({**{c: cleaned.get(c, "") for c in MANIFEST_COLUMNS}, "_row": number})
    return rows


#: A quoted value may run over this many lines; an opening quotation mark still open after them was left open.
MAX_LINES_PER_ROW = 8
#: The longest value read (the csv module's own limit), in characters.
MAX_FIELD = 131072


def csv_records(content: str):
    """The records of a CSV text as ``(first line number, fields or None, (reason, fix) or None)``, one bad record
    never costing the others: a quotation mark left open is reported at its line, and reading resumes on the next
    line (instead of swallowing every later row); a value longer than :data:`MAX_FIELD` characters is reported."""
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    number = 0
    while number < len(lines):
        end = number
        chunk = lines[number]
        while chunk.count('"') % 2 and end + 1 < len(lines) and end - number < MAX_LINES_PER_ROW:
            end += 1
            chunk += "\n" + lines[end]
        if chunk.count('"') % 2:
            yield number + 1, None, ("a quotation mark opened on this line is never closed; the row was not read",
                                     "close the quotation mark (or remove it), then rerun")
            number += 1
            continue
        if len(chunk) > MAX_FIELD and any(len(v) > MAX_FIELD for v in chunk.split(",")):
            yield number + 1, None, (f"a value longer than {MAX_FIELD:,} characters; the row was not read",
                                     "shorten the value (notes belong in a separate file)")
            number = end + 1
            continue
        try:
            fields = next(csv.reader([chunk]), [])
        except csv.Error as err:
            yield number + 1, None, (f"the row cannot be read as CSV ({err})", "correct the quoting of this row")
        else:
            yield number + 1, fields, None
        number = end + 1


def validate_row(row: dict, folder: Path, problems: Problems, root: str | None = None) -> tuple[bytes, tuple] | None:
    """Check one manifest row and read its file (:func:`helpers.corpus.access.read_file`: only a regular file inside
    the folder, within the size limit); report every problem it has; return (the file's bytes, dates) when it can
    be loaded. ``root``: :func:`helpers.corpus.access.real_root` of ``folder``, when the caller has it."""
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
    try:
        content = read_file(folder, row["file"], root=root)
    except Refused as refusal:
        problems.add(label, "error", refusal.reason, refusal.fix)
        return None
    return (content, dates) if ok else None
