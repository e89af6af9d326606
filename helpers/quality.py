"""Per-article quality checks: language, machine-garbled text, duplicates.

All functions take cleaned text or sentence rows and return plain values; :mod:`helpers.corpus` turns them
into the ``flags`` column and the problems table.

* :func:`looks_english` - share of common English function words among the words (no model to download).
* :func:`garble_signs` - signs of machine-reworded or broken text: fragments of one or two words ending a
  sentence ("can go."), capitalised function words or speech verbs inside a sentence ("Alipov Told.",
  "Russia And India"), sentences starting in lower case, paragraphs of stray punctuation.
* :func:`near_duplicates` - pairs of articles sharing most of their 5-word shingles (Jaccard ≥ 0.8), found
  through MinHash locality-sensitive hashing so the cost follows the size of the corpus, not its square.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

from .structure import words

ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on with as was by it are be from at has have said will not this an
    which its their or but were had been who also would they he she we i his her after".""".split()
)
_MID_CAPITAL = re.compile(r"(?<=[a-z,] )(?:And|Or|Of|Is|Are|Was|Were|Told|Said|Says|Added|But|To|With)\b")
_LOWER_START = re.compile(r"^[\"“‘'(\[]*[a-z]")
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
GARBLE_THRESHOLD = 3
SHINGLE = 5
NEAR_DUPLICATE_JACCARD = 0.8
BANDS, ROWS = 20, 5
PERMUTATIONS = BANDS * ROWS
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20210406)  # fixed: the same signatures on every machine
_A = _rng.integers(1, (1 << 31) - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, PERMUTATIONS, dtype=np.uint64)


def looks_english(text: str) -> bool | None:
    """True/False when there are enough words to tell (≥ 20), else None. Looks at the first 20,000 characters:
    mostly non-Latin letters means not English; otherwise English function words must make up ≥ 15% of words."""
    sample = text[:20000]
    tokens = words(sample)
    latin = sum(len(t) for t in tokens)
    other = len(_NON_LATIN.findall(sample))
    if latin + other >= 50 and other > 0.3 * (latin + other):
        return False
    if len(tokens) < 20:
        return None
    share = sum(t.lower() in ENGLISH_FUNCTION_WORDS for t in tokens) / len(tokens)
    return share >= 0.15


def garble_signs(sentences: list[dict]) -> list[str]:
    """Evidence that the text is machine-garbled: one short string per sign found, in text order."""
    signs = []
    for row in sentences:
        if row["kind"] != "body":
            continue
        text = row["text"]
        n = len(words(text))
        if n == 0:
            signs.append(f"stray punctuation: {text!r}")
        elif n <= 2 and not text.startswith(("“", '"', "‘", "(")):
            signs.append(f"fragment: {text!r}")
        if _LOWER_START.match(text):
            signs.append(f"lower-case start: {text[:40]!r}")
        for match in _MID_CAPITAL.finditer(text):
            signs.append(f"capitalised '{match.group()}' mid-sentence: {text[max(0, match.start() - 25):match.end() + 10]!r}")
    return signs


def shingles(text: str) -> np.ndarray:
    """Stable 32-bit hashes (CRC-32) of the distinct 5-word shingles of ``text`` (lower-cased words), sorted."""
    tokens = [w.lower() for w in words(text)]
    grams = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))}
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams)))


def minhash(grams: np.ndarray) -> np.ndarray:
    """MinHash signature (:data:`PERMUTATIONS` values) of a set of shingle hashes; all-max for an empty set."""
    if grams.size == 0:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    return ((np.outer(grams, _A) + _B) % _PRIME).min(axis=0)


def near_duplicates(texts: dict[str, str]) -> list[tuple[str, str, float]]:
    """Pairs ``(earlier_file, later_file, jaccard)`` with Jaccard ≥ 0.8 on 5-word shingles, in file order.

    Candidates come from MinHash locality-sensitive hashing (20 bands of 5 rows: a pair at Jaccard 0.8 is a
    candidate with probability 0.9996, one at 0.3 with 0.05), so the cost grows with the corpus, not its square;
    each candidate's Jaccard is then computed exactly."""
    names = sorted(texts)
    sets = [shingles(texts[name]) for name in names]
    signatures = np.stack([minhash(g) for g in sets]) if names else np.zeros((0, PERMUTATIONS), dtype=np.uint64)
    candidates: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = signatures[:, band * ROWS:(band + 1) * ROWS]
        for i in range(len(names)):
            if sets[i].size:
                buckets[block[i].tobytes()].append(i)
        for members in buckets.values():
            candidates.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    pairs = []
    for a, b in sorted(candidates):
        common = np.intersect1d(sets[a], sets[b], assume_unique=True).size
        union = sets[a].size + sets[b].size - common
        if union and common / union >= NEAR_DUPLICATE_JACCARD:
            pairs.append((names[a], names[b], round(common / union, 3)))
    return pairs
