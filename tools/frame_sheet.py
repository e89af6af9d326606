"""Write a blank frame-coding sheet for a folder of articles (a dev and research tool).

    .venv/bin/python tools/frame_sheet.py CORPUS_DIR > sheet.csv

One row per sentence as the software splits the cleaned text, in reading order, with the columns of the
codebook's section 4 (``helpers/data/frames.md``, Part 1): ``file, sentence_id, text`` filled, and ``frames,
negated, context, noise, notes`` empty for the coder. A researcher who codes a sample of their own articles on such
a sheet can score the software against it with :func:`helpers.annotate.validity.evaluate_frame_coding`. The sheet
shows only the texts: nothing of the dictionary or of the software's coding, so a coder stays blind.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.corpus.load import load_corpus  # noqa: E402 (after the path is set)

COLUMNS = ["file", "sentence_id", "text", "frames", "negated", "context", "noise", "notes"]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    corpus = load_corpus(Path(argv[0]))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    for file, sid, text in zip(corpus.sentences["file"], corpus.sentences["sentence_id"], corpus.sentences["text"]):
        writer.writerow([file, int(sid), text, "", "", "", "", ""])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
