"""``python -m helpers manifest CORPUS_DIR``: add a manifest row for every article file that has none.

The title is taken from the text (the page title of a saved HTML page, else the first line when it reads as a
headline); ``language`` is ``en`` when the text reads as English; ``notes`` records any wire credit found in
the text and what is left to fill in. ``outlet`` and ``published`` stay empty for the researcher: loading then
reports them until they are filled. Existing rows are never changed; the file is created when missing.

The wire credit is found by an extractor, a layer above this one, so the command (``helpers.__main__``) passes it
in as ``agencies``: a function from an article's text to the agencies credited in it.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from helpers.corpus import clean, quality, structure
from helpers.corpus.decode import decode_bytes
from helpers.corpus.manifest import MANIFEST, MANIFEST_COLUMNS, candidate_files

Agencies = Callable[[str], list[str]]


def draft_row(path: Path, name: str, agencies: Agencies | None = None) -> dict:
    """A manifest row drafted from one article file (``agencies``: the wire credits of a text, for the notes)."""
    decoded = decode_bytes(path.read_bytes())
    row = dict.fromkeys(MANIFEST_COLUMNS, "")
    row["file"] = name
    notes = ["TODO: fill in outlet and published (YYYY-MM-DD, YYYY-MM or YYYY)."]
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
    listed: set[str] = set()
    if path.exists():
        listed = {(r.get("file") or "").strip() for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))}
    new = [name for name in candidate_files(folder) if name not in listed]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    if not path.exists():
        writer.writeheader()
    for name in new:
        writer.writerow(draft_row(folder / name, name, agencies))
    if new or not path.exists():
        existing = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        if existing and not existing.endswith("\n"):
            existing += "\n"
        path.write_text(existing + buffer.getvalue(), encoding="utf-8")
    return new
