"""Build ``helpers/data/frame_training.csv``, the training sentences of the frame classifier
(``helpers/extract/frame_model.py``), from the hand-coded sentences in ``tests/`` (a dev tool; a test checks the
committed file equals its output, and that no sentence of the real-page *test* part is in it).

    .venv/bin/python tools/frame_training.py

Sources, in this order (columns ``source, text, frames``; ``frames`` ``|``-separated, empty = none):
1. ``realpages-development``: coder A's sentences of the development part of the real-page set
   (``tests/realpages/frames/coder_a.csv`` with ``split.csv``), page noise left out;
2. ``devpages``: the development pages' coding (``tests/devpages/frames/coder_a.csv``), page noise left out;
3. ``gold``: ``tests/gold/frames/sentences.csv`` (seed and test articles, labelled alongside the dictionary);
4. ``heldout``: ``tests/heldout/frames.csv``;
5. ``review``: ``tests/fixtures/frames_review/sentences.csv``;
6. the former test sets, each scored once and then moved to the development data (2026-12-05): coder A's
   sentences of the real pages' former test part (``realpages-former-test``), of ``tests/unseen/`` and of the six
   sets of fresh pages (``unseen``, ``fresh`` to ``fresh8``; fresh pages 4 to 6 and 7 to 8 moved later the same
   day, each pair of moves after the sets had been scored once), page noise left out.
A text that occurs twice keeps its first row.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "helpers" / "data" / "frame_training.csv"
CODING = ROOT / "tests" / "realpages" / "frames"
DEVPAGES = ROOT / "tests" / "devpages" / "frames" / "coder_a.csv"
#: The former test sets (folder name = source), in the order they were made.
FORMER_TEST = ("unseen", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8")
SOURCES = [("gold", ROOT / "tests" / "gold" / "frames" / "sentences.csv"),
           ("heldout", ROOT / "tests" / "heldout" / "frames.csv"),
           ("review", ROOT / "tests" / "fixtures" / "frames_review" / "sentences.csv")]


def read(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def training_rows() -> list[dict]:
    """The rows of ``frame_training.csv``, in order."""
    part = {r["file"]: r["part"] for r in read(CODING / "split.csv")}
    rows = [{"source": "realpages-development", "text": r["text"], "frames": r["frames"]}
            for r in read(CODING / "coder_a.csv") if part[r["file"]] == "development" and r["noise"] != "yes"]
    rows += [{"source": "devpages", "text": r["text"], "frames": r["frames"]} for r in read(DEVPAGES) if r["noise"] != "yes"]
    for name, path in SOURCES:
        rows += [{"source": name, "text": r["text"], "frames": r["frames"]} for r in read(path)]
    rows += [{"source": "realpages-former-test", "text": r["text"], "frames": r["frames"]}
             for r in read(CODING / "coder_a.csv") if part[r["file"]] == "test" and r["noise"] != "yes"]
    for name in FORMER_TEST:
        rows += [{"source": name, "text": r["text"], "frames": r["frames"]}
                 for r in read(ROOT / "tests" / name / "frames" / "coder_a.csv") if r["noise"] != "yes"]
    seen, out = set(), []
    for row in rows:
        if row["text"] not in seen:
            seen.add(row["text"])
            out.append(row)
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["source", "text", "frames"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(training_rows())
    return buffer.getvalue()


if __name__ == "__main__":
    text = render()
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} rows -> {OUT.relative_to(ROOT)}", file=sys.stderr)
