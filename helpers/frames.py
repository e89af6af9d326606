"""Frame coding of sentences with a dictionary researchers can read and change.

The dictionary is ``helpers/data/frames.csv``: ``frame, label, dimension, description, patterns``. ``dimension``
is the Policy Frames Codebook dimension (Boydstun et al.) the frame maps to; ``patterns`` is a regular-expression
alternation, matched case-insensitively and only at word boundaries. A sentence can carry several frames.

In:  a corpus.  Out: :func:`code_sentences` - one row per (sentence, frame): file, sentence_id, frame, term;
:func:`frame_shares` - one row per (outlet, frame): sentences, framed, share.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .config import DATA
from .corpus import Corpus

FRAMES_FILE = DATA / "frames.csv"
FRAME_COLUMNS = ("frame", "label", "dimension", "description", "patterns")


@dataclass(frozen=True)
class Frame:
    frame: str
    label: str
    dimension: str
    description: str
    pattern: re.Pattern


class FrameDictionaryError(ValueError):
    """A problem in the frame dictionary; the message names every bad row."""


@lru_cache(maxsize=4)
def load_frames(path: Path = FRAMES_FILE) -> tuple[Frame, ...]:
    """Read and compile the frame dictionary, reporting every bad row at once."""
    errors, frames = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        unknown = set(reader.fieldnames or []) ^ set(FRAME_COLUMNS)
        if unknown:
            raise FrameDictionaryError(f"{path.name}: columns must be {', '.join(FRAME_COLUMNS)} (check: {', '.join(sorted(unknown))})")
        for number, row in enumerate(reader, start=2):
            name = (row["frame"] or "").strip()
            if not name or not (row["patterns"] or "").strip():
                errors.append(f"{path.name} line {number}: frame name and patterns must not be empty")
                continue
            try:
                pattern = re.compile(rf"\b(?:{row['patterns']})\b", re.I)
            except re.error as err:
                errors.append(f"{path.name} line {number} ({name}): bad pattern: {err}")
                continue
            frames.append(Frame(name, row["label"].strip(), row["dimension"].strip(), row["description"].strip(), pattern))
    if errors:
        raise FrameDictionaryError("; ".join(errors))
    return tuple(frames)


def dictionary() -> pd.DataFrame:
    """The frame dictionary as a table (frame, label, dimension, description)."""
    return pd.DataFrame([{"frame": f.frame, "label": f.label, "dimension": f.dimension, "description": f.description} for f in load_frames()])


def code_sentences(corpus: Corpus) -> pd.DataFrame:
    """One row per (body sentence, frame) of the English articles: file, sentence_id, frame, term (first match)."""
    english = set(corpus.english["file"])
    body = corpus.sentences[(corpus.sentences["kind"] == "body") & corpus.sentences["file"].isin(english)]
    rows = []
    for file, sentence_id, text in zip(body["file"], body["sentence_id"], body["text"]):
        for frame in load_frames():
            match = frame.pattern.search(text)
            if match:
                rows.append({"file": file, "sentence_id": sentence_id, "frame": frame.frame, "term": match.group()})
    return pd.DataFrame(rows, columns=["file", "sentence_id", "frame", "term"])


def frame_shares(corpus: Corpus, coded: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and frame: body sentences, sentences carrying the frame, and their share."""
    english = corpus.english[["file", "outlet"]]
    body = corpus.sentences[corpus.sentences["kind"] == "body"].merge(english, on="file")
    totals = body.groupby("outlet").size().rename("sentences")
    framed = coded.merge(english, on="file").groupby(["outlet", "frame"]).size().rename("framed")
    grid = pd.MultiIndex.from_product([sorted(totals.index), [f.frame for f in load_frames()]], names=["outlet", "frame"])
    table = framed.reindex(grid, fill_value=0).reset_index().merge(totals.reset_index(), on="outlet")
    assert len(table) == len(grid), "every outlet x frame cell must appear once"
    table["share"] = (table["framed"] / table["sentences"]).round(4)
    return table[["outlet", "frame", "sentences", "framed", "share"]]
