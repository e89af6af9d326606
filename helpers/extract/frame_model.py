"""The second frame coder: a classifier that does not need the dictionary's words.

The dictionary (:mod:`helpers.extract.frames`) is precise but misses framing said in other words (deliveries,
schedules, payments and new orders described without its terms). This coder learns each frame from hand-coded
sentences: TF-IDF of words and word pairs (case-folded, sublinear term frequency) and one logistic regression per
frame (scikit-learn, ``class_weight="balanced"``, ``C`` = :data:`C`, chosen by 4-fold cross-validation over the
articles of the development part). It is trained when first used, from ``helpers/data/frame_training.csv`` (built
by ``tools/frame_training.py`` from the development part of the real-page coding and the earlier gold sentences,
never from the test part), so nothing is stored in binary form or downloaded, and the same data always gives the
same model.

A sentence carries a frame when the dictionary codes it *or* this coder predicts it (probability >= 0.5): on the
untouched test part the combination has the best F1 of the three (README, notebook 02). Its rows have status
``classified`` and no term.

In:  sentences' text.  Out: for each sentence, the frame ids predicted, in dictionary order.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from helpers.config import DATA
from helpers.extract.frames import frame_ids
from helpers.knowledge import KnowledgeFileError, read_rows

TRAINING_FILE = DATA / "frame_training.csv"
#: Inverse regularisation strength of the logistic regressions.
C = 1.0


@lru_cache(maxsize=4)
def load_training(path: Path = TRAINING_FILE) -> tuple[tuple[str, frozenset[str]], ...]:
    """The training sentences ``(text, frames)``; raises :class:`KnowledgeFileError` naming every bad row."""
    errors: list[str] = []
    known = set(frame_ids())
    rows = []
    for number, row in read_rows(path, ("source", "text", "frames"), problems=errors):
        wanted = frozenset(f for f in row["frames"].split("|") if f)
        if not row["text"].strip():
            errors.append(f"{path.name} line {number}: empty text")
        elif wanted - known:
            errors.append(f"{path.name} line {number}: unknown frame id(s) {', '.join(sorted(wanted - known))}")
        else:
            rows.append((row["text"], wanted))
    if errors:
        raise KnowledgeFileError("; ".join(errors))
    return tuple(rows)


@lru_cache(maxsize=4)
def model(path: Path = TRAINING_FILE):
    """The fitted vectoriser, the frames it can predict, and their weights ``W`` (terms x frames) and biases ``b``."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 (scikit-learn loads on first use)
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    rows = load_training(path)
    texts = [t for t, _ in rows]
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True, dtype=np.float64)
    x = vectoriser.fit_transform(texts)
    frames, weights, biases = [], [], []
    for frame in frame_ids():
        y = np.array([frame in f for _, f in rows], dtype=int)
        if 0 < y.sum() < len(y):
            fitted = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=0).fit(x, y)
            frames.append(frame)
            weights.append(fitted.coef_[0])
            biases.append(fitted.intercept_[0])
    return vectoriser, tuple(frames), np.array(weights).T, np.array(biases)


def predict(texts: list[str]) -> list[list[str]]:
    """The frames the classifier predicts for each text (probability >= 0.5, i.e. a positive decision value)."""
    if not texts:
        return []
    vectoriser, frames, weights, biases = model()
    scores = vectoriser.transform(texts) @ weights + biases
    return [[frames[j] for j in np.flatnonzero(row > 0)] for row in np.asarray(scores)]
