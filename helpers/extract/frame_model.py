"""The second frame coder: a classifier that does not need the dictionary's words.

The dictionary (:mod:`helpers.extract.frames`) is precise but misses framing said in other words (deliveries,
schedules, payments and new orders described without its terms). This coder learns each frame from hand-coded
sentences: TF-IDF of words and word pairs (case-folded, sublinear term frequency) and one logistic regression per
frame (scikit-learn, ``class_weight="balanced"``, ``C`` = :data:`C`, chosen with the thresholds on the
development data: ``tools/frame_model_choice.py``). It is trained when first used, from
``helpers/data/frame_training.csv`` (built by ``tools/frame_training.py`` from the development data: the real
pages, the development pages, the former test sets and the earlier gold sentences, never from a test set of
:data:`helpers.annotate.validity.TEST_SETS`), so nothing is stored in binary form or downloaded, and the same data
always gives the same model.

The two coders are combined in two ways:

* **adding**: a sentence carries a frame this coder predicts with probability at least :data:`THRESHOLD` (rows of
  status ``classified``, no term);
* **vetoing**: a dictionary match (coded, denied or carried from the previous sentence) counts only when this
  coder gives its frame a probability of at least :data:`VETO` in that sentence; below it the match is kept in
  the matches table with a ``vetoed`` status (:data:`helpers.extract.frames.VETOED`), so a reader can see and undo
  it. The dictionary's terms fire on the wrong relationship or without their meaning; the classifier reads the
  whole sentence. Frames with probability at least :data:`VETO` but below :data:`THRESHOLD` are listed as rows of
  status ``plausible``, which carry nothing.

Both thresholds were chosen together on the development data only, by leave-one-article-out cross-validation
(:func:`helpers.annotate.validity.choose_threshold`: the highest F1 of the combination among the pairs that keep
its precision at or above :data:`helpers.annotate.validity.MIN_PRECISION`, the issue's target of 0.85 plus a margin
for the optimism of choosing on the same data; a test checks the constants still equal that choice).

It reads nothing of the dictionary, so its predictions (cached per article as their own annotation stage) survive
an edit of ``frames.csv``; :func:`check_frames` checks its frame ids against the dictionary's.

In:  sentences' text.  Out: for each sentence, the frame ids predicted (:func:`predict`), or those and the frame ids
found plausible (:func:`classify`), in the model's (alphabetical) order.
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from helpers.config import DATA
from helpers.knowledge import KnowledgeFileError, read_rows

TRAINING_FILE = DATA / "frame_training.csv"
#: Inverse regularisation strength of the logistic regressions (chosen with the thresholds on the development data,
#: ``tools/frame_model_choice.py``: the best cross-validated F1 at the required precision; 1 to 64 tried).
C = 64.0
#: The probability at which the classifier codes a frame (chosen on the development data, see the module docstring).
THRESHOLD = 0.75
#: The probability below which the classifier vetoes a dictionary match of the frame (chosen with THRESHOLD).
VETO = 0.15


@lru_cache(maxsize=4)
def load_training(path: Path = TRAINING_FILE, known: frozenset[str] | None = None) -> tuple[tuple[str, frozenset[str]], ...]:
    """The training sentences ``(text, frames)``; raises :class:`KnowledgeFileError` naming every bad row: an empty
    text, and with ``known`` (the dictionary's frame ids) a frame id it does not know."""
    errors: list[str] = []
    rows = []
    for number, row in read_rows(path, ("source", "text", "frames"), problems=errors):
        wanted = frozenset(f for f in row["frames"].split("|") if f)
        if not row["text"].strip():
            errors.append(f"{path.name} line {number}: empty text")
        elif known is not None and wanted - known:
            errors.append(f"{path.name} line {number}: unknown frame id(s) {', '.join(sorted(wanted - known))}")
        else:
            rows.append((row["text"], wanted))
    if errors:
        raise KnowledgeFileError("; ".join(errors))
    return tuple(rows)


def check_frames(known: list[str], path: Path = TRAINING_FILE) -> None:
    """Raise :class:`KnowledgeFileError` naming every row of the training file whose frame ids are not among
    ``known`` (the dictionary's, :func:`helpers.extract.frames.frame_ids`): a frame renamed or removed in
    ``frames.csv`` must be renamed or removed in the training data too."""
    load_training(path, frozenset(known))


def fit(rows: tuple[tuple[str, frozenset[str]], ...], c: float = C):
    """Train on ``rows`` (``(text, frames)``) with inverse regularisation strength ``c``: the fitted vectoriser, the
    frames it can predict, and their weights ``W`` (terms x frames) and biases ``b``."""
    from threadpoolctl import threadpool_limits  # noqa: PLC0415 (a dependency of scikit-learn)

    # One BLAS thread: on these small problems threads only add overhead (2.65 s -> 0.28 s for the training file of
    # 1,713 sentences at C = 1 on 2 cores), and worker processes each fitting a model would otherwise oversubscribe
    # the CPUs.
    with threadpool_limits(1):
        return _fit(rows, c)


def _fit(rows: tuple[tuple[str, frozenset[str]], ...], c: float):
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 (scikit-learn loads on first use)
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    texts = [t for t, _ in rows]
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True, dtype=np.float64)
    x = vectoriser.fit_transform(texts)
    frames = _learnable(rows)
    weights, biases = [], []
    for frame in frames:
        y = np.array([frame in f for _, f in rows], dtype=int)
        fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=0).fit(x, y)
        weights.append(fitted.coef_[0])
        biases.append(fitted.intercept_[0])
    # C order: a sparse product with a weight matrix in any other order copies it first (1.9 MB on every call)
    return vectoriser, frames, np.ascontiguousarray(np.array(weights).T), np.array(biases)


def _learnable(rows: tuple[tuple[str, frozenset[str]], ...]) -> tuple[str, ...]:
    """The frames a model can learn from ``rows``: those with both positive and negative sentences, sorted."""
    counts: dict[str, int] = {}
    for _, wanted in rows:
        for frame in wanted:
            counts[frame] = counts.get(frame, 0) + 1
    return tuple(sorted(frame for frame, n in counts.items() if n < len(rows)))


@lru_cache(maxsize=4)
def model(path: Path = TRAINING_FILE):
    """The model trained on the training file at ``path`` (:func:`fit`)."""
    return fit(load_training(path))


def probabilities(texts: list[str], fitted=None) -> tuple[tuple[str, ...], np.ndarray]:
    """The frames a model knows and each text's probability of each (texts x frames); ``fitted``: a :func:`fit`
    result, by default the model of the training file."""
    frames, scores = _scores(texts, fitted)
    return frames, 1.0 / (1.0 + np.exp(-scores))


@lru_cache(maxsize=4)
def known_frames(path: Path = TRAINING_FILE) -> frozenset[str]:
    """The frames the model trained on ``path`` judges (those with positive and negative training sentences, as
    :func:`fit` learns them): a dictionary match of any other frame (a frame added to ``frames.csv`` without training
    sentences) is never vetoed."""
    return frozenset(_learnable(load_training(path)))


def _scores(texts: list[str], fitted=None) -> tuple[tuple[str, ...], np.ndarray]:
    """The frames a model knows and each text's decision value of each (the logit of the probability)."""
    vectoriser, frames, weights, biases = model() if fitted is None else fitted
    return frames, np.asarray(tfidf(vectoriser, texts) @ weights + biases)


#: The settings of :func:`_fit`'s vectoriser that :func:`tfidf` reproduces (any other falls back to scikit-learn).
_TFIDF_SETTINGS = {"analyzer": "word", "ngram_range": (1, 2), "lowercase": True, "sublinear_tf": True, "norm": "l2",
                   "use_idf": True, "stop_words": None, "preprocessor": None, "tokenizer": None, "strip_accents": None,
                   "vocabulary": None, "binary": False, "dtype": np.float64, "input": "content",
                   "token_pattern": r"(?u)\b\w\w+\b"}  # tokens without spaces: a term with one is a word pair


def tfidf(vectoriser, texts: list[str]):
    """``vectoriser.transform(texts)`` (a fitted TfidfVectorizer of :func:`_fit`'s settings): the same counts and the
    same floating-point operations in the same order, so the same matrix bit for bit (tested), without
    scikit-learn's per-call checks, which cost more than the arithmetic on one article's sentences (the classifier
    took 3.8 s per 1,000 articles on one core with them, 1.9 s without, measured 2026-12-05; a third of all
    per-article annotation before). In: texts.  Out: a CSR matrix, texts x terms."""
    from scipy import sparse  # noqa: PLC0415 (loads with scikit-learn)
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2  # noqa: PLC0415

    if any(getattr(vectoriser, name) != value for name, value in _TFIDF_SETTINGS.items()):
        return vectoriser.transform(texts)
    words, word_columns, pair_codes, pair_columns = _lookup(vectoriser)
    tokenize = re.compile(vectoriser.token_pattern).findall
    tokens: list[str] = []
    sizes: list[int] = []
    for text in texts:
        before = len(tokens)
        tokens.extend(tokenize(text.lower()))
        sizes.append(len(tokens) - before)
    # each token's word number (-1: in no column), by C-level map: the one Python-speed step per word
    ids = np.fromiter(map(words.get, tokens, repeat(-1, len(tokens))), dtype=np.int64, count=len(tokens))
    text_of = np.repeat(np.arange(len(texts), dtype=np.int64), sizes)
    # each word pair within one text, found by its two word numbers in the sorted pair codes (which end in a
    # sentinel larger than any code, so every search lands on a code)
    paired = (ids[:-1] >= 0) & (ids[1:] >= 0) & (text_of[:-1] == text_of[1:])
    codes = ids[:-1][paired] * len(words) + ids[1:][paired]
    at = np.searchsorted(pair_codes, codes)
    pairs = np.where(pair_codes[at] == codes, pair_columns[at], -1)
    # a word's own column (the last entry, -1, answers the words of no column)
    columns = np.concatenate([word_columns[ids], pairs])
    rows_of = np.concatenate([text_of, text_of[:-1][paired]])
    # each (text, column) counted in one sort: sorted by text, then column, as the CSR matrix stores them
    width = len(vectoriser.vocabulary_)
    cells = rows_of * width + columns
    cells, counts = np.unique(cells[columns >= 0], return_counts=True)
    rows, cols = np.divmod(cells, width)
    ends = np.searchsorted(rows, np.arange(len(texts) + 1)).astype(np.int32)
    data = counts.astype(np.float64)
    cols = cols.astype(np.int32)
    np.log(data, data)  # sublinear term frequency: 1 + log(count), as TfidfTransformer.transform
    data += 1.0
    data *= vectoriser.idf_[cols]
    matrix = sparse.csr_array((data, cols, ends), shape=(len(texts), width))
    inplace_csr_row_normalize_l2(matrix)
    return matrix


_LOOKUPS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _lookup(vectoriser) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The vocabulary of a fitted vectoriser as :func:`tfidf` looks it up: each word of any term numbered (in
    sorted order), each word's own column (-1 if it is only part of pairs; one more entry, -1, for words of none),
    and each word pair as a code (first word's number x words + second's), sorted, with its column (ending in a
    sentinel code above all others). Kept per vectoriser while its vocabulary is the same object."""
    vocabulary = vectoriser.vocabulary_
    kept = _LOOKUPS.get(vectoriser)
    if kept is not None and kept[0] is vocabulary:
        return kept[1]
    pairs = {term: column for term, column in vocabulary.items() if " " in term}
    words = {word: number for number, word in enumerate(sorted(
        {term for term in vocabulary if " " not in term} | {w for term in pairs for w in term.split(" ")}))}
    word_columns = np.full(len(words) + 1, -1, dtype=np.int64)
    for word, number in words.items():
        word_columns[number] = vocabulary.get(word, -1)
    codes = [(words[a] * len(words) + words[b], column) for (a, b), column in
             ((term.split(" "), column) for term, column in pairs.items())]
    codes.sort()
    pair_codes = np.array([code for code, _ in codes] + [np.iinfo(np.int64).max], dtype=np.int64)
    pair_columns = np.array([column for _, column in codes] + [-1], dtype=np.int64)
    lookup = (words, word_columns, pair_codes, pair_columns)
    _LOOKUPS[vectoriser] = (vocabulary, lookup)
    return lookup


def _logit(probability: float) -> float:
    return float(np.log(probability / (1.0 - probability)))


def predict(texts: list[str], threshold: float = THRESHOLD) -> list[list[str]]:
    """The frames the classifier predicts for each text (probability >= ``threshold``, compared as the decision
    value >= its logit, so no rounding of the probability decides)."""
    if not texts:
        return []
    frames, scores = _scores(texts)
    return [[f for f, yes in zip(frames, row) if yes] for row in (scores >= _logit(threshold)).tolist()]


def classify(texts: list[str], threshold: float = THRESHOLD, veto: float = VETO) -> list[tuple[list[str], list[str]]]:
    """For each text: the frames predicted (probability >= ``threshold``) and the frames found plausible
    (probability >= ``veto``, the predicted ones included; a dictionary match of any other frame is vetoed)."""
    if not texts:
        return []
    frames, scores = _scores(texts)
    added, kept = (scores >= _logit(threshold)).tolist(), (scores >= _logit(veto)).tolist()
    return [([f for f, yes in zip(frames, a) if yes], [f for f, yes in zip(frames, k) if yes]) for a, k in zip(added, kept)]
