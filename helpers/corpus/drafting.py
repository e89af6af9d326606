"""``python -m helpers manifest CORPUS_DIR``: add a manifest row for every article file that has none.

The title is taken from the text (the page title of a saved HTML page, else the first line when it reads as a
headline); ``language`` is ``en`` when the text reads as English; ``notes`` records any wire credit found in
the text and what is left to fill in. ``outlet`` and ``published`` stay empty for the researcher: loading then
reports them until they are filled. Existing rows are never changed; the file is created when missing. The new
manifest is written to a temporary file and moved into place, after the previous one is kept as
``articles.csv.bak``: an interrupted or failed run never leaves a half-written or empty manifest. Only the files the
loader would read are drafted (:func:`helpers.corpus.manifest.listing`: no links out of the folder, no FIFOs, no
names that are not UTF-8; those are reported when the corpus is loaded).

The wire credit is found by an extractor, a layer above this one, so the command (``helpers.__main__``) passes it
in as ``agencies``: a function from an article's text to the agencies credited in it.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from helpers.corpus import clean, quality, structure
from helpers.corpus.access import Refused, read_file
from helpers.corpus.decode import decode_bytes
from helpers.corpus.manifest import MANIFEST, MANIFEST_COLUMNS, candidate_files, csv_records, manifest_bytes
from helpers.files import write_atomic

Agencies = Callable[[str], list[str]]
#: The previous manifest, kept when the command adds rows.
BACKUP = MANIFEST + ".bak"


def draft_row(folder: Path, name: str, agencies: Agencies | None = None) -> dict:
    """A manifest row drafted from the article file ``name`` in ``folder`` (``agencies``: the wire credits of a
    text, for the notes)."""
    row = dict.fromkeys(MANIFEST_COLUMNS, "")
    row["file"] = name
    notes = ["TODO: fill in outlet and published (YYYY-MM-DD, YYYY-MM or YYYY)."]
    try:
        decoded = decode_bytes(read_file(folder, name))
    except Refused as refusal:
        row["notes"] = " ".join([*notes, f"Not read: {refusal.reason}."])
        return row
    if decoded.text is None:
        notes.append("Not readable: " + "; ".join(p for _, p, _ in decoded.problems) + ".")
    else:
        built = structure.structure([line for _, line in clean.clean_text(decoded.text).lines])
        if decoded.html_title:
            row["title"] = decoded.html_title
        elif built.paragraphs and built.paragraphs[0]["kind"] == "headline":
            row["title"] = built.paragraphs[0]["text"]
        english = quality.looks_english(built.text)
        row["language"] = "en" if english else ("" if english is None else "not en")
        credited = agencies(built.text) if agencies else []
        if credited:
            notes.append(f"Wire credit in text: {', '.join(credited)}.")
    row["notes"] = " ".join(notes)
    return row


def extend_manifest(folder: Path, agencies: Agencies | None = None) -> list[str]:
    """Append a drafted row for each unlisted file; return the files added."""
    path = folder / MANIFEST
    exists = path.exists() or path.is_symlink()
    existing = manifest_bytes(folder).decode("utf-8-sig") if exists else ""
    records = list(csv_records(existing.replace("\r\n", "\n")))
    header = [c.strip() for c in records[0][1]] if records and records[0][1] else []
    column = header.index("file") if "file" in header else 0
    listed = {fields[column].strip() for _, fields, _ in records[1:] if fields and len(fields) > column}
    new = [name for name in candidate_files(folder) if name not in listed]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    if not exists:
        writer.writeheader()
    for name in new:
        writer.writerow(draft_row(folder, name, agencies))
    if new or not exists:
        if existing and not existing.endswith("\n"):
            existing += "\n"
        if exists:
            write_atomic(folder / BACKUP, existing)
        write_atomic(path, existing + buffer.getvalue())
    return new
